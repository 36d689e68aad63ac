"""Every client reads it right: Atom and RSS readers (two independent parsers), badges, and a
site that also uses mkdocs-static-i18n. Statuspage clients in every page state:
tests/unit/test_api.py; calendars across a move to another domain: tests/unit/test_calendar.py;
the page badge during a maintenance window: tests/unit/test_badge_files.py."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import atoma
import feedparser
import pytest
from lxml import etree
from sitebuild import FIXTURE_EPOCH, SCHEMAS, fixture_site, mkdocs_build

from statusgen.cli import main

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def built(fixture_built: Path) -> Path:
    """The fixture site, built once per run (tests/conftest.py)."""
    return fixture_built


def test_atom_content_is_html_for_two_independent_parsers(built: Path) -> None:
    data = (built / "feed.atom").read_bytes()
    parsed = feedparser.parse(data)
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.entries
    for entry in parsed.entries:
        assert entry.content[0].type == "text/html", entry.id
        assert "&lt;p&gt;" not in entry.content[0].value and "<p>" in entry.content[0].value
    feed = atoma.parse_atom_bytes(data)
    for entry in feed.entries:
        assert entry.content.text_type == atoma.atom.AtomTextType.html
        assert entry.content.value.startswith("<p>") and "&lt;" not in entry.content.value[:3]
    assert feed.subtitle.value == "Every update posted on Test Status"  # escaped once, not twice


@pytest.fixture
def example(example_site: Path) -> Path:
    """The example site of this repository, built at its fixed date once per run."""
    return example_site


#: RFC 3339's date-time (section 5.6): a full date, "T", a full time and an offset.
RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")


def test_every_atom_feed_of_the_example_validates_against_rfc_4287(example: Path) -> None:
    schema = etree.RelaxNG(etree.parse(SCHEMAS / "atom.rng"))
    feeds = sorted(example.rglob("*.atom"))
    assert len(feeds) > 5  # the site's feed and each public component's
    for path in feeds:
        document = etree.parse(path)
        assert schema.validate(document), (path, str(schema.error_log))
        feed = document.getroot()
        entries = feed.findall(ATOM + "entry")
        ids = [e.findtext(ATOM + "id") for e in entries]
        assert len(ids) == len(set(ids)), path  # 4.1.1: ids are unique
        dates = [d.text for d in feed.iter(ATOM + "updated", ATOM + "published")]
        assert dates and all(RFC3339.fullmatch(d or "") for d in dates), (path, dates)
        # What the appendix's Schematron rules add: an author for every entry (the feed's),
        # and at most one alternate link per type and language.
        assert feed.find(ATOM + "author") is not None or all(
            e.find(ATOM + "author") is not None for e in entries
        )
        for element in (feed, *entries):
            alternates = [
                (link.get("type"), link.get("hreflang"))
                for link in element.findall(ATOM + "link")
                if link.get("rel", "alternate") == "alternate"
            ]
            assert len(alternates) == len(set(alternates)), path
        assert all(e.find(ATOM + "content").get("type") == "html" for e in entries), path


def test_the_feed_names_the_site_as_its_author(built: Path) -> None:
    root = etree.parse(built / "feed.atom").getroot()
    assert root.findtext(f"{ATOM}author/{ATOM}name") == "Test Status"


def test_rss_reads_the_same_in_two_parsers(built: Path) -> None:
    data = (built / "feed.rss").read_bytes()
    parsed = feedparser.parse(data)
    rss = atoma.parse_rss_bytes(data)
    assert [e.link for e in parsed.entries] == [i.link for i in rss.items]
    assert all(i.description.startswith("<p>") for i in rss.items)


def test_badge_documents_carry_cache_seconds(built: Path) -> None:
    for path in (built / "badges").glob("*.json"):
        assert json.loads(path.read_text())["cacheSeconds"] >= 300, path


# -- slugs, other plugins --------------------------------------------------------------------


def test_new_ids_transliterate_accented_letters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = fixture_site(tmp_path)
    assert (
        main(
            [
                "-C",
                str(root),
                "--now",
                "2026-03-10T12:00:00Z",
                "new",
                "Überprüfung à la carte",
                "--impact",
                "minor",
                "--component",
                "api=degraded_performance",
                "--message",
                "m",
            ]
        )
        == 0
    )
    assert "2026-03-10-ueberpruefung-a-la-carte.md" in capsys.readouterr().out


def test_group_ids_transliterate_accented_letters(tmp_path: Path) -> None:
    from sitebuild import COMPONENTS

    components = COMPONENTS.replace("name: Core", "name: Données & Überwachung")
    root = fixture_site(tmp_path / "src", incidents={"components.yml": components})
    out = tmp_path / "site"
    result = mkdocs_build(root, out, FIXTURE_EPOCH)
    assert result.returncode == 0, result.stderr
    groups = [
        (c["id"], c["name"])
        for c in json.loads((out / "api/v2/components.json").read_text())["components"]
        if c["group"]
    ]
    assert groups == [
        ("group-donnees-ueberwachung", "Données & Überwachung"),
        ("group-providers", "Providers"),
    ]
    assert 'id="group-donnees-ueberwachung"' in (out / "index.html").read_text()


I18N = [
    "  - i18n:",
    "      docs_structure: suffix",
    "      languages:",
    "        - {locale: en, default: true, name: English}",
    "        - {locale: fr, name: Français}",
]


@pytest.mark.parametrize("i18n_first", [True, False], ids=["i18n first", "statusgen first"])
def test_mkdocs_static_i18n_stops_with_a_clear_message(tmp_path: Path, i18n_first: bool) -> None:
    statusgen = ["  - statusgen"]
    plugins = [*I18N, *statusgen] if i18n_first else [*statusgen, *I18N]
    root = fixture_site(tmp_path / "src")
    config = root / "mkdocs.yml"
    text = config.read_text()
    config.write_text(
        text[: text.index("plugins:")] + "\n".join(["plugins:", "  - search", *plugins]) + "\n"
    )
    result = mkdocs_build(root, tmp_path / "site", FIXTURE_EPOCH)
    assert result.returncode == 1
    assert "the 'i18n' plugin cannot be used with statusgen" in result.stderr
    assert "languages: [en, fr]" in result.stderr and "Traceback" not in result.stderr


def test_one_site_per_language_shares_the_content(tmp_path: Path) -> None:
    """What docs/site.md, "Multilingual sites", shows: a second mkdocs.yml that inherits the
    first, with its own language and address, built into a folder of the first site."""
    root = fixture_site(tmp_path / "src")
    (root / "mkdocs.fr.yml").write_text(
        "INHERIT: mkdocs.yml\nsite_url: https://status.test/fr/\ntheme:\n  language: fr\n"
    )
    out = tmp_path / "site"
    assert mkdocs_build(root, out, FIXTURE_EPOCH).returncode == 0
    french = mkdocs_build(root, out / "fr", FIXTURE_EPOCH, config="mkdocs.fr.yml")
    assert french.returncode == 0, french.stderr
    assert 'lang="en"' in (out / "index.html").read_text()
    page = (out / "fr/incidents/2026-03-10-slow-website/index.html").read_text()
    assert 'lang="fr"' in page and "Slow website" in page  # French interface, same incidents
    feed = feedparser.parse((out / "fr/feed.atom").read_bytes())
    assert feed.entries[0].link.startswith("https://status.test/fr/incidents/")


def test_feed_and_api_times_are_utc(built: Path) -> None:
    summary = json.loads((built / "api/v2/summary.json").read_text())
    assert summary["page"]["updated_at"] == datetime.fromtimestamp(
        int(FIXTURE_EPOCH), UTC
    ).strftime("%Y-%m-%dT%H:%M:%SZ")
