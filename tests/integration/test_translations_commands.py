"""The responders' commands on a site of two languages (issue #28): `--title-LANG` and
`--message-LANG`, every language filled from its own templates at once, a language that is not
the site's refused, `statusgen status` naming what open incidents lack, and the postmortem's
sections in each language; every file written passes `statusgen check`."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from textwrap import dedent, indent

import pytest

from statusgen.cli import main
from statusgen.cli.arguments import INTERFACE_LANGUAGES, LANGUAGE_NAMES
from statusgen.content import parse_incident
from statusgen.content.components import load_catalog
from statusgen.content.files import SiteLayout
from statusgen.model import Incident
from statusgen.options import interface_languages
from statusgen.problems import Problem
from tests.sitebuild import SLOW_RESOLVED, fixture_site

NOW = "2026-11-23T12:00:00Z"
LANGUAGES = ("en", "fr")
#: After every update the tests post.
LATER = datetime(2026, 11, 24, tzinfo=UTC)


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.setenv("STATUSGEN_CACHE", "off")
    root = fixture_site(
        tmp_path,
        extra=indent(dedent("languages: [en, fr]"), " " * 6),
        incidents={"incidents/2026-03-10-slow-website.md": SLOW_RESOLVED},
    )
    monkeypatch.chdir(root)
    return root


def run(*args: str, now: str = NOW) -> int:
    return main(["--now", now, *args])


def written(out: str) -> Path:
    match = re.search(r"^wrote (\S+)$", out, re.M)
    assert match, out
    return Path(match.group(1))


def read(root: Path, path: Path) -> Incident:
    problems: list[Problem] = []
    layout = SiteLayout(root, languages=LANGUAGES)
    catalog = load_catalog(layout, problems)
    text = (root / path).read_text("utf-8")
    found = parse_incident(
        text, path.stem, str(path), catalog, LATER, problems, draft=True, languages=LANGUAGES
    )
    assert found is not None, problems
    return found


def test_new_and_update_write_both_languages_given(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile = "Paiements : « échecs » #42\nsur deux lignes"
    assert (
        run(
            "new",
            "Payments: failing",
            "--title-fr",
            "Paiements : échecs",
            "--component",
            "api=partial_outage",
            "--impact",
            "major",
            "--message",
            'Payments fail: "card declined" #42',
            "--message-fr",
            hostile,
        )
        == 0
    )
    path = written(capsys.readouterr().out)
    text = path.read_text()
    assert 'title:\n  en: "Payments: failing"\n  fr: "Paiements : échecs"\n' in text
    incident = read(site, path)
    assert incident.translations["fr"]["title"] == "Paiements : échecs"
    assert incident.phases[0].message == 'Payments fail: "card declined" #42'
    assert incident.phases[0].translations["fr"]["message"] == hostile

    assert (
        run(
            "update",
            path.stem,
            "--status",
            "identified",
            "--message",
            "Found it.",
            "--message-fr",
            "Trouvé.",
            now="2026-11-23T12:30:00Z",
        )
        == 0
    )
    last = read(site, path).phases[-1]
    assert (last.message, last.translations["fr"]["message"]) == ("Found it.", "Trouvé.")
    capsys.readouterr()
    assert run("check", now="2026-11-23T12:30:00Z") == 0
    assert path.name not in capsys.readouterr().err  # fully translated: no warning


def test_templates_fill_every_language_at_once(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        run(
            "new",
            "Slow API",
            "--title-fr",
            "API lente",
            "--component",
            "api=degraded_performance",
            "--impact",
            "minor",
            "--next-update",
            "30m",
        )
        == 0
    )
    path = written(capsys.readouterr().out)
    first = read(site, path).phases[0]
    assert first.message.startswith("We are investigating a problem with Public API.")
    assert first.translations["fr"]["message"].startswith(
        "Nous analysons un problème qui touche Public API."
    )
    assert run("resolve", path.stem, now="2026-11-23T13:00:00Z") == 0
    last = read(site, path).phases[-1]
    assert last.message != last.translations["fr"]["message"]
    assert "Public API" in last.translations["fr"]["message"]


def test_a_sites_own_templates_for_a_language(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (site / "templates" / "fr").mkdir(parents=True)
    (site / "templates" / "fr" / "investigating.md").write_text(
        "Nous regardons {{components}} ({{title}}).\n"
    )
    assert run("check") == 0  # the language's folder is no kind of incident: it checks
    assert (
        run(
            "new",
            "Slow API",
            "--title-fr",
            "API lente",
            "--component",
            "api=degraded_performance",
            "--impact",
            "minor",
        )
        == 0
    )
    first = read(site, written(capsys.readouterr().out)).phases[0]
    assert first.translations["fr"]["message"] == "Nous regardons Public API (API lente)."


def test_message_alone_leaves_the_other_language_missing_and_status_says_so(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        run(
            "new",
            "Slow API",
            "--component",
            "api=degraded_performance",
            "--impact",
            "minor",
            "--message",
            "Slow.",
        )
        == 0
    )
    path = written(capsys.readouterr().out)
    assert "fr" not in read(site, path).phases[0].translations
    assert run("status") == 0
    out = capsys.readouterr().out
    assert f"{path}: translations missing: fr: title, message" in out


@pytest.mark.parametrize(
    ("flag", "expected"),
    [
        (
            "--message-de",
            "--message-de: de is not one of the site's languages (en, fr); expected --message-fr",
        ),
        ("--title-nl", "--title-nl: nl is not one of the site's languages (en, fr)"),
    ],
)
def test_a_language_not_the_sites_is_refused(
    site: Path, capsys: pytest.CaptureFixture[str], flag: str, expected: str
) -> None:
    assert (
        run(
            "new",
            "Slow API",
            "--component",
            "api=degraded_performance",
            "--impact",
            "minor",
            flag,
            "Text",
        )
        == 2
    )
    assert expected in capsys.readouterr().err
    assert not list((site / "incidents").glob("2026/*.md"))


def test_on_a_site_of_one_language_a_translation_says_how_to_add_languages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(fixture_site(tmp_path))
    assert (
        run(
            "new",
            "Slow API",
            "--component",
            "api=degraded_performance",
            "--impact",
            "minor",
            "--message-fr",
            "Lent.",
        )
        == 2
    )
    err = capsys.readouterr().err
    assert "fr is not one of the site's languages (en)" in err and "mkdocs.yml" in err


def test_the_postmortem_has_its_sections_in_each_language(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("postmortem", "2026-03-09-api-errors") == 0
    text = (site / "incidents/2026-03-09-api-errors.md").read_text()
    body = text.split("\n---\n", 1)[1]
    english, _, french = body.partition("<!-- lang: fr -->")
    assert "## Postmortem" in english and "TODO" in english
    assert "## Post-mortem" in french or "Post-mortem" in french, french
    capsys.readouterr()
    assert run("check") == 1  # the placeholders of both languages are refused
    err = capsys.readouterr().err
    lines = text.split("\n")
    todo = [n for n, line in enumerate(lines, 1) if line.startswith("TODO")]
    assert len(todo) == 8
    for line in todo:
        assert f"api-errors.md:{line}: the postmortem still holds" in err


def test_the_declared_languages_are_the_interfaces() -> None:
    """The options are declared statically (a fast --help); they must be the locales'."""
    assert set(INTERFACE_LANGUAGES) == set(interface_languages())
    assert set(LANGUAGE_NAMES) == set(INTERFACE_LANGUAGES)


def test_the_default_languages_option_is_the_plain_one(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["new", "Slow API", "--component", "api=degraded_performance", "--impact", "minor"]
    assert run(*base, "--title-en", "Other") == 2
    assert "--title-en and the TITLE argument both give the en title" in capsys.readouterr().err
    assert run(*base, "--message-en", "Slow.", "--message-fr", "Lent.") == 0
    first = read(site, written(capsys.readouterr().out)).phases[0]
    assert (first.message, first.translations["fr"]["message"]) == ("Slow.", "Lent.")
