"""`statusgen check` on a site of two languages (issue #28): missing translations are warnings
(exit 0) unless `require_translations: true` makes them problems (exit 1); the `languages`
option beside the theme's language; a translation that breaks a budget fails the check."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent, indent

import pytest

from statusgen.cli import main
from statusgen.content import parsecache
from tests.sitebuild import FIXTURE_EPOCH, fixture_site, mkdocs_build, named_in_french

NOW = "2026-11-23T12:00:00Z"

TRANSLATED = """\
---
title: {en: "Checkout errors: payments fail", fr: "Erreurs de paiement : échecs"}
impact: major
components: {api: partial_outage}
phases:
  - at: 2026-03-08T10:00:00Z
    status: investigating
    message: {en: "We see errors #42.", fr: "Nous voyons des erreurs n° 42."}
  - at: 2026-03-08T11:00:00Z
    status: resolved
    message:
      en: Fixed.
      fr: Corrigé.
---
"""


#: Translated but for its second update's message: a responder's oversight, listed field by field.
PARTLY = TRANSLATED.replace("      fr: Corrigé.\n", "")


def site(root: Path, options: str = "languages: [en, fr]") -> Path:
    extra = indent(dedent(options), " " * 6)
    incidents = {"incidents/2026-03-11-pay.md": TRANSLATED, "incidents/2026-03-12-pay.md": PARTLY}
    return named_in_french(fixture_site(root, extra=extra, incidents=incidents))


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.setenv("STATUSGEN_CACHE", "off")


def check(root: Path) -> int:
    return main(["--now", NOW, "-C", str(root), "check"])


def test_missing_translations_are_warnings_with_their_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = site(tmp_path)
    assert check(root) == 0
    out, err = capsys.readouterr()
    assert "are valid" in out
    # An incident with no French at all (from before the site had French): one warning.
    prefix = f"{root}/incidents/2026-03-09-api-errors.md"
    assert (
        f"{prefix}:2: warning: no fr translation yet (the title, the workaround, the body, "
        "3 messages); expected its fr texts beside the en ones, like title: {en: ..., fr: ...} "
        "(until then readers of fr see the en text)"
    ) in err.splitlines()
    # A partly translated one: each text left out, at its line.
    partly = f"{root}/incidents/2026-03-12-pay.md"
    assert (
        f"{partly}:12: warning: update 2's message has no fr translation; expected its fr text, "
        "like message: {en: ..., fr: ...} (until then readers of fr see the en text)"
    ) in err.splitlines()
    assert "2026-03-11-pay.md" not in err  # fully translated
    # The fixture's two untranslated incidents, and the partly translated one's message.
    assert "3 warnings in 3 files: missing translations" in err
    assert "require_translations: true" in err


def test_in_github_actions_warnings_are_warning_annotations(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    root = site(tmp_path)
    assert check(root) == 0
    out = capsys.readouterr().out
    assert "::warning file=" in out and "::error" not in out


def test_require_translations_makes_them_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = site(tmp_path, "languages: [en, fr]\nrequire_translations: true")
    assert check(root) == 1
    err = capsys.readouterr().err
    assert "api-errors.md:2: no fr translation yet (the title" in err
    assert "2026-03-12-pay.md:12: update 2's message has no fr translation" in err
    assert "3 problems in 3 files" in err
    assert "warning" not in err


def test_a_site_of_one_language_has_no_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = fixture_site(tmp_path)
    assert check(root) == 0
    assert "warning" not in capsys.readouterr().err


def test_languages_not_starting_with_the_themes_is_a_problem_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = site(tmp_path, "languages: [fr, en]")
    assert check(root) == 1
    err = capsys.readouterr().err
    lines = (root / "mkdocs.yml").read_text().splitlines()
    line = next(n for n, text in enumerate(lines, 1) if "languages:" in text)
    assert (
        f"{root}/mkdocs.yml:{line}: statusgen option languages starts with fr, but "
        "theme.language is en; expected the default language first"
    ) in err


def test_a_translation_that_renders_beyond_its_budget_fails_the_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each language's texts are rendered as the build renders them: a French message that
    nests HTML too deeply fails, though the English one is fine."""
    root = site(tmp_path)
    deep = "<div>" * 40 + "x" + "</div>" * 40
    path = root / "incidents/2026-03-11-pay.md"
    path.write_text(TRANSLATED.replace("fr: Corrigé.", f'fr: "{deep}"'))
    assert check(root) == 1
    err = capsys.readouterr().err
    assert "2026-03-11-pay.md" in err and "levels of nested HTML" in err


def test_the_build_reads_texts_in_the_sites_languages(tmp_path: Path) -> None:
    """The plugin loads with the site's languages: a translated file builds (its default
    language's text on today's pages), and the same file on a site of one language stops the
    build at its line, saying how to list languages."""
    built = mkdocs_build(site(tmp_path / "two"), tmp_path / "out-two", FIXTURE_EPOCH)
    assert built.returncode == 0, built.stderr
    page = (tmp_path / "out-two/incidents/2026-03-11-pay/index.html").read_text()
    assert "Checkout errors: payments fail" in page
    one = fixture_site(tmp_path / "one", incidents={"incidents/2026-03-11-pay.md": TRANSLATED})
    refused = mkdocs_build(one, tmp_path / "out-one", FIXTURE_EPOCH)
    assert refused.returncode != 0
    assert "incidents/2026-03-11-pay.md:2: the title is a mapping of languages" in refused.stderr
    assert "languages: [en, fr]" in refused.stderr


@pytest.mark.parametrize("cache", ["off", "on"])
def test_a_missing_title_is_at_its_line_read_afresh_or_from_the_parse_cache(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, cache: str
) -> None:
    monkeypatch.setenv("STATUSGEN_CACHE", cache)
    monkeypatch.setattr(parsecache, "RACY_SECONDS", -1.0)  # the file is kept though just written
    late = "---\n# An incident from before the site had languages.\n\ntitle: |-\n  API errors\n"
    root = site(tmp_path / "site")
    path = root / "incidents/2026-03-09-api-errors.md"
    path.write_text(late + path.read_text("utf-8").split("title:", 1)[1].split("\n", 1)[1])
    for _ in range(2):  # the second run reads the parse cache when it is on
        assert check(root) == 0
        assert f"{path}:5: warning: no fr translation yet (the title" in capsys.readouterr().err
    assert (root / parsecache.CACHE_FILE).is_file() is (cache == "on")
