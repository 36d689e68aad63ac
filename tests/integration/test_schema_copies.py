"""The site's copies of the content schemas (`schemas/`, written by `statusgen init` for
editors): `statusgen check` warns when they are not what the site publishes (languages added
after `init`), naming the command that refreshes them, and `statusgen schemas` rewrites them
so an editor takes `{en: ..., fr: ...}` as the check does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from statusgen.cli import main

INIT = [
    "--no-input",
    "--name",
    "Globex Status",
    "--url",
    "https://status.globex.test",
    "--component",
    "api=Public API",
]
NOW = "2026-03-10T12:00:00Z"
#: An incident whose title is in English and French, as a site of both languages writes it.
BILINGUAL = """\
---
title: {en: API errors, fr: Erreurs de l'API}
impact: minor
components: {api: degraded_performance}
phases:
  - at: 2026-03-10T11:00:00Z
    status: investigating
    message: {en: We are looking., fr: Nous regardons.}
---
"""
STALE = "warning: out of date"


def incident_errors(root: Path) -> list[str]:
    """What an editor with the site's incident schema flags in `BILINGUAL`'s front matter."""
    schema = json.loads((root / "schemas/incident.schema.json").read_text("utf-8"))
    document = {
        "title": {"en": "API errors", "fr": "Erreurs de l'API"},
        "impact": "minor",
        "components": {"api": "degraded_performance"},
        "phases": [
            {
                "at": "2026-03-10T11:00:00Z",
                "status": "investigating",
                "message": {"en": "We are looking.", "fr": "Nous regardons."},
            }
        ],
    }
    return [error.message for error in Draft202012Validator(schema).iter_errors(document)]


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A new site of one language, as `statusgen init` makes it, that then adds French."""
    root = tmp_path / "site"
    assert main(["init", str(root), *INIT]) == 0
    mkdocs = root / "mkdocs.yml"
    text = mkdocs.read_text("utf-8")
    mkdocs.write_text(
        text.replace("  - statusgen:\n", "  - statusgen:\n      languages: [en, fr]\n", 1),
        "utf-8",
    )
    incident = root / "incidents/2026/2026-03-10-api-errors.md"
    incident.parent.mkdir(parents=True, exist_ok=True)
    incident.write_text(BILINGUAL, "utf-8")
    return root


def check(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["-C", str(root), "--now", NOW, "check"])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_a_fresh_site_of_one_language_has_current_copies(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "site"
    assert main(["init", str(root), *INIT]) == 0
    capsys.readouterr()
    code, output = check(root, capsys)
    assert code == 0 and STALE not in output, output


def test_check_warns_of_copies_written_for_one_language_and_schemas_rewrites_them(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert incident_errors(site)  # the editor flags the French the check accepts
    components = (site / "schemas/components.schema.json").read_bytes()
    code, output = check(site, capsys)
    assert code == 0, output  # a warning, not a problem
    for name in ("incident", "components"):
        assert (
            f"schemas/{name}.schema.json: warning: out of date: not the schema this site "
            "publishes (its languages: en, fr;"
        ) in output
    assert "run `statusgen schemas` to rewrite the site's schemas/" in output

    assert main(["-C", str(site), "schemas"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"statusgen: wrote {site}/schemas/components.schema.json",
        f"statusgen: wrote {site}/schemas/incident.schema.json",
    ]
    assert incident_errors(site) == []
    assert (site / "schemas/components.schema.json").read_bytes() != components
    code, output = check(site, capsys)
    assert code == 0 and STALE not in output, output
    # Written once: a second run keeps them.
    assert main(["-C", str(site), "schemas"]) == 0
    assert f"statusgen: {site}/schemas/incident.schema.json is up to date" in (
        capsys.readouterr().out
    )


def test_a_copy_that_is_not_json_is_stale_and_one_the_site_lacks_is_not_asked_for(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["-C", str(site), "schemas"]) == 0
    capsys.readouterr()
    (site / "schemas/components.schema.json").unlink()
    (site / "schemas/incident.schema.json").write_text("{", "utf-8")
    code, output = check(site, capsys)
    assert code == 0, output
    assert "schemas/incident.schema.json: warning: out of date" in output
    assert "components.schema.json" not in output
    capsys.readouterr()
    assert main(["-C", str(site), "schemas"]) == 0
    assert json.loads((site / "schemas/components.schema.json").read_bytes())
    assert incident_errors(site) == []
