"""A site in two languages (`languages: [en, fr]`), built by a real `mkdocs build`: every
generated page and file once per language (English at today's paths, French under fr/), the
files every language shares once, links within each language, the theme in the page's
language, the language switcher and hreflang links to the same page, and hand-written pages
per language (`about.fr.md`)."""

from __future__ import annotations

import io
import json
import re
import subprocess
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import feedparser
import icalendar
import pytest
from sitebuild import (
    FIXTURE_EPOCH,
    bilingual_fixture_site,
    broken_links,
    mkdocs_build,
    shared_build,
)

from statusgen.cli import main

INCIDENT = "incidents/2026-03-10-slow-website/index.html"
bilingual_site = bilingual_fixture_site


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    def build(out: Path) -> subprocess.CompletedProcess[str]:
        return mkdocs_build(bilingual_site(out.with_name(out.name + "-src")), out, FIXTURE_EPOCH)

    return shared_build(tmp_path_factory.getbasetemp(), "bilingual", build)


def published(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


#: What MkDocs and Material publish themselves, once for the whole site.
THEME = re.compile(r"^(assets/(?!statusgen/)|search/|sitemap\.xml|404\.html)")


def test_every_page_and_file_is_published_once_per_language_and_shared_files_once(
    built: Path,
) -> None:
    files = published(built)
    french = {path.removeprefix("fr/") for path in files if path.startswith("fr/")}
    english = {path for path in files if not path.startswith("fr/") and not THEME.match(path)}
    shared = {p for p in english if p.startswith(("assets/statusgen/", "schemas/"))}
    assert shared and not any(p.startswith(("assets/", "schemas/")) for p in french)
    assert french == english - shared
    for path in ("index.html", INCIDENT, "feed.rss", "api/v2/summary.json", "maintenance.ics"):
        assert path in french


def test_french_pages_link_within_french(built: Path) -> None:
    pages = sorted((built / "fr").rglob("*.html"))
    assert not broken_links(built, pages)
    for page in pages:
        body = page.read_text(encoding="utf-8")
        main = body.partition('<div class="md-content"')[2] or body  # or a redirect page
        for href in re.findall(r'href="([^"#]+)', main):
            if href.startswith("http"):
                continue
            target = (page.parent / href).resolve().relative_to(built.resolve()).as_posix()
            shared = target.startswith(("assets/", "schemas/"))
            assert f"{target}/".startswith("fr/") or shared, (page, href)


def test_each_page_is_in_its_language_and_links_to_itself_in_the_other(built: Path) -> None:
    english = (built / INCIDENT).read_text(encoding="utf-8")
    french = (built / "fr" / INCIDENT).read_text(encoding="utf-8")
    assert '<html lang="en"' in english and '<html lang="fr"' in french
    assert "Rechercher" in french and "Rechercher" not in english  # Material's own words
    en_url = "https://status.test/incidents/2026-03-10-slow-website/"
    fr_url = "https://status.test/fr/incidents/2026-03-10-slow-website/"
    # The header's menu links relative to the page, so it works on a preview, a copy of the
    # site or another host as well as at site_url.
    menus = {
        "en": [("./", "en"), ("../../fr/incidents/2026-03-10-slow-website/", "fr")],
        "fr": [("../../../incidents/2026-03-10-slow-website/", "en"), ("./", "fr")],
    }
    for language, page in (("en", english), ("fr", french)):
        # rel "alternate " (the same token): Material's script, which selects the exact value
        # "alternate", would fetch a sitemap.xml beside each of them and take the switcher's
        # clicks (plugin/languages.py, HREFLANG_REL). Absolute, as search engines require.
        assert f'<link rel="alternate " href="{en_url}" hreflang="en">' in page
        assert f'<link rel="alternate " href="{fr_url}" hreflang="fr">' in page
        assert f'<link rel="alternate " hreflang="x-default" href="{en_url}">' in page
        assert '<link rel="alternate" ' not in page
        switcher = re.findall(r'<a href="([^"]+)" hreflang="(\w+)" class="md-select__link"', page)
        assert switcher == menus[language]
    assert "Français" in english and "English" in french


def test_a_hand_written_page_per_language_is_published_under_its_language(built: Path) -> None:
    french = (built / "fr/about/index.html").read_text(encoding="utf-8")
    assert "Qui nous sommes." in french and '<html lang="fr"' in french
    assert not (built / "about.fr").exists()
    english = (built / "about/index.html").read_text(encoding="utf-8")
    assert '<link rel="alternate " href="https://status.test/fr/about/" hreflang="fr">' in english
    assert '<a href="../fr/about/" hreflang="fr" class="md-select__link"' in english


def test_french_page_heads_announce_the_french_feeds(built: Path) -> None:
    head = (built / "fr/index.html").read_text(encoding="utf-8").split("</head>")[0]
    assert 'type="application/rss+xml" title="Test Status (RSS)" href="feed.rss"' in head
    component = (built / "fr/components/api/index.html").read_text(encoding="utf-8")
    assert 'href="../../feed.rss"' in component and 'href="feed.rss"' in component


def check(root: Path) -> tuple[int, str]:
    out = io.StringIO()
    with redirect_stdout(out), redirect_stderr(out):
        code = main(["-C", str(root), "--now", "2026-03-10T12:00:00Z", "check"])
    return code, out.getvalue()


def test_check_holds_every_language_of_the_plan(tmp_path: Path) -> None:
    root = bilingual_site(tmp_path / "src")
    code, output = check(root)
    assert code == 0, output
    (root / "docs/fr").mkdir()
    (root / "docs/fr/feed.rss").write_text("mine", encoding="utf-8")  # the French feed's place
    code, output = check(root)
    assert code == 1 and "docs/fr/feed.rss" in output, output


def test_the_navigation_of_a_french_page_leads_to_french_pages(built: Path) -> None:
    page = built / "fr/about/index.html"
    body = page.read_text(encoding="utf-8")
    nav = body[body.index("md-nav--primary") :]
    nav = nav[: nav.index("</nav>")]
    targets = {
        (page.parent / href).resolve().relative_to(built.resolve()).as_posix()
        for href in re.findall(r'<a href="([^"#]+)"', nav)
    }
    assert {"fr", "fr/about", "fr/history"} <= targets, targets
    assert all(f"{target}/".startswith("fr/") for target in targets), targets
    assert "Historique des incidents" in nav and "Incident history" not in nav


def test_the_header_search_indexes_the_default_language_s_incident_pages(built: Path) -> None:
    # Material's search is one index, stemmed for one language; other languages' readers
    # search in their own archive.
    index = json.loads((built / "search/search_index.json").read_text(encoding="utf-8"))
    locations = [doc["location"] for doc in index["docs"]]
    assert any(location.startswith("incidents/") for location in locations)
    assert not any(location.startswith("fr/incidents/") for location in locations)


def test_a_translated_incident_reads_in_french_and_a_missing_translation_is_marked(
    built: Path,
) -> None:
    french = (built / "fr/incidents/2026-03-08-login-failures/index.html").read_text("utf-8")
    for text in (
        "Échecs de connexion",
        "Reconnectez-vous.",
        "Certaines connexions échouent.",
        "Corrigé.",
        "Un certificat avait expiré.",
    ):
        assert text in french
    assert "Pas encore traduit" not in french and "Some logins fail." not in french
    english = (built / "incidents/2026-03-08-login-failures/index.html").read_text("utf-8")
    assert "Some logins fail." in english and "Certaines" not in english
    untranslated = (built / "fr" / INCIDENT).read_text("utf-8")
    assert '<span lang="en">Slow website</span> <span class="sg-meta">(Pas encore traduit)' in (
        untranslated
    )
    assert '<div class="sg-untranslated"><div lang="en">' in untranslated


def test_french_feeds_and_calendar_parse_in_french(built: Path) -> None:
    feed = feedparser.parse((built / "fr/feed.atom").read_bytes())
    assert not feed.bozo and feed.feed.language == "fr"
    titles = {entry.title for entry in feed.entries}
    assert "[Résolu] Échecs de connexion" in titles
    assert "[Enquête en cours] Slow website (Pas encore traduit)" in titles
    english = feedparser.parse((built / "feed.rss").read_bytes())
    assert english.feed.language == "en" and "[Resolved] Login failures" in {
        entry.title for entry in english.entries
    }
    calendar = icalendar.Calendar.from_ical((built / "fr/maintenance.ics").read_bytes())
    assert str(calendar["X-WR-CALNAME"]) == "Test Status : maintenances"
    summary = json.loads((built / "fr/api/v2/incidents.json").read_text("utf-8"))
    assert "Échecs de connexion" in {incident["name"] for incident in summary["incidents"]}


def test_a_hand_written_page_in_a_generated_page_s_french_place_stops_the_build(
    tmp_path: Path,
) -> None:
    root = bilingual_site(tmp_path / "src")
    (root / "docs/history.fr.md").write_text("# Mon historique\n", encoding="utf-8")
    result = mkdocs_build(root, tmp_path / "site", FIXTURE_EPOCH)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "docs/history.fr.md (published as fr/history/index.html) is where statusgen" in (
        result.stderr
    )


def test_check_warns_of_each_name_without_its_translation_at_its_line(tmp_path: Path) -> None:
    root = bilingual_site(tmp_path / "src")
    components = root / "components.yml"
    text = components.read_text(encoding="utf-8")
    for english, french in (("Core", "Cœur"), ("Public API", "API publique")):
        text = text.replace(f"name: {english}\n", f"name: {{en: {english}, fr: {french}}}\n")
    components.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    code, output = check(root)
    assert code == 0, output
    warned = re.findall(
        r"/components\.yml:(\d+): warning: the (\w+) name '([^']+)' has no fr", output, re.M
    )
    assert warned == [
        (str(lines.index(f"{indent}name: {name}") + 1), what, name)
        for indent, what, name in (
            ("        ", "component", "Website"),
            ("  - ", "group", "Providers"),
            ("        ", "component", "Payments"),
        )
    ], output
    assert "expected its fr name, like name: {en: ..., fr: ...}" in output
    mkdocs = root / "mkdocs.yml"
    mkdocs.write_text(
        mkdocs.read_text(encoding="utf-8").replace(
            "languages: [en, fr]", "languages: [en, fr]\n      require_translations: true"
        ),
        encoding="utf-8",
    )
    code, output = check(root)
    assert code == 1 and "components.yml:" in output and "Website" in output, output
