"""`statusgen import` keeps the source's language: Statuspage and cState histories as the
default language, byte for byte as before; a Statusfy site's other languages as translations
of the same incidents, matched as Statusfy matches them; a language the site does not list
reported; `--language` for a source in another language than the site's default."""

from __future__ import annotations

import json
import re
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sitebuild import REPO, fixture_site

from statusgen.cli import main
from statusgen.importers import reader
from statusgen.importers.catalog import CatalogPlan
from statusgen.importers.languages import place_languages
from statusgen.importers.normalize import normalize

FIXTURES = REPO / "tests" / "fixtures" / "import"
NOW = "2026-11-23T12:00:00Z"
BILINGUAL = "languages: [en, fr]\n"
FRENCH_OUTAGE = """---
id: sd0401
title: Panne de la diffusion du site
date: 2025-04-01T08:00:00.000+02:00
severity: major-outage
affectedsystems:
  - site-delivery
resolved: true
---

::: update Investigating | 2025-04-01T08:00:00.000+02:00
Les pages ne se chargent pas.
:::

::: update Identified | 2025-04-01T08:20:00.000+02:00
Une mise à jour sans pendant anglais.
:::
"""
ORPHAN = """---
id: nowhere
title: Sans original
date: 2025-04-02T08:00:00.000+02:00
severity: minor-outage
resolved: true
---
"""


def site(root: Path, options: str = "") -> Path:
    return fixture_site(root, extra="      " + options if options else "")


def run(root: Path, fmt: str, source: Path, *args: str) -> int:
    return main(["--now", NOW, "import", fmt, str(source), "-C", str(root), *args])


def written(root: Path) -> dict[str, bytes]:
    files = [root / "components.yml", *sorted((root / "incidents").rglob("*.md"))]
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in files}


def report(root: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((root / ".statusgen" / "import-report.json").read_text())
    return data


def notes(root: Path) -> dict[str, str]:
    return {note["kind"]: note["message"] for note in report(root)["notes"]}


def bilingual_statusfy(tmp_path: Path) -> Path:
    """The Statusfy fixture with French besides English (and its Spanish, not the site's)."""
    source = tmp_path / "statusfy"
    shutil.copytree(FIXTURES / "statusfy", source)
    config = source / "config.js"
    config.write_text(
        config.read_text().replace(
            '{ code: "es", iso: "es-ES", name: "Español" }',
            '{ code: "es", iso: "es-ES", name: "Español" },\n'
            '    { code: "fr", iso: "fr-FR", name: "Français" }',
        )
    )
    (source / "content" / "fr").mkdir()
    (source / "content" / "fr" / "2025-04-01_site-delivery.md").write_text(FRENCH_OUTAGE)
    (source / "content" / "fr" / "nowhere.md").write_text(ORPHAN)
    return source


@pytest.mark.parametrize(
    ("fmt", "source"),
    [
        ("statuspage", REPO / "tests" / "fixtures" / "real" / "github-statuspage"),
        ("cstate", REPO / "tests" / "fixtures" / "real" / "jenkins-cstate"),
        ("statuspage", FIXTURES / "statuspage"),
        ("cstate", FIXTURES / "cstate"),
    ],
)
def test_github_and_jenkins_histories_import_as_the_default_language_byte_for_byte(
    tmp_path: Path, fmt: str, source: Path
) -> None:
    one = site(tmp_path / "one")
    several = site(tmp_path / "several", BILINGUAL)
    assert run(one, fmt, source) == 0
    assert run(several, fmt, source) == 0
    assert written(one) == written(several)
    assert report(one)["notes"] == report(several)["notes"]


def test_statusfy_languages_become_translations_of_the_same_incidents(tmp_path: Path) -> None:
    source = bilingual_statusfy(tmp_path)
    batch = reader("statusfy")(source, datetime(2026, 11, 23, 12, tzinfo=UTC))
    assert batch.language == "en"
    outage = next(i for i in batch.incidents if i.id == "sd0401")
    assert outage.translations == {
        "es": {"title": "Caída de la entrega del sitio"},
        "fr": {"title": "Panne de la diffusion du site"},
    }
    assert [u.translations for u in outage.updates] == [
        {"fr": "Les pages ne se chargent pas."},
        {},
    ]
    # Matched by time; the French update at a time the English file has not is reported.
    (unmatched,) = [e for e in outage.entries if e.kind == "translation_unmatched"]
    assert "fr update 2 (Identified at 2025-04-01T08:20:00+02:00)" in unmatched.message
    (orphan,) = [n for n in batch.notes if n.kind == "translation_unmatched"]
    assert orphan.message.endswith(
        "no incident of the default language has the id 'nowhere'; not imported"
    )
    place_languages(batch, ("en", "fr"))
    assert "es" not in outage.translations
    (spanish,) = [n for n in batch.notes if n.kind == "language_not_imported"]
    assert spanish.message == (
        "es: 1 incident(s) not imported: not one of the site's languages (en, fr)"
    )
    plan = CatalogPlan.read(None)
    for component in batch.components:
        plan.add_source(component)
    draft, _ = normalize(outage, plan, datetime(2026, 11, 23, 12, tzinfo=UTC))
    assert draft.translations == {"fr": {"title": "Panne de la diffusion du site"}}
    assert [p.translations for p in draft.phases] == [
        {"fr": "Les pages ne se chargent pas."},
        {},
    ]


def test_statusfy_into_sites_of_one_and_of_two_languages(tmp_path: Path) -> None:
    source = bilingual_statusfy(tmp_path)
    one = site(tmp_path / "one")
    assert run(one, "statusfy", source) == 0
    said = [n["message"] for n in report(one)["notes"] if n["kind"] == "language_not_imported"]
    assert said == [
        f"{code}: 1 incident(s) not imported: the site has one language (en); list its "
        "languages in mkdocs.yml (`languages: [en, ...]`) to import them"
        for code in ("es", "fr")
    ]
    several = site(tmp_path / "several", BILINGUAL)
    assert run(several, "statusfy", source) == 0
    assert "es: 1 incident(s)" in notes(several)["language_not_imported"]
    outage = (several / "incidents" / "2025" / "sd0401.md").read_text()
    assert 'title:\n  en: "Site delivery outage"\n  fr: "Panne de la diffusion du site"\n' in outage
    assert (
        '    message:\n      en: "Pages do not load."\n'
        '      fr: "Les pages ne se chargent pas."\n' in outage
    )
    assert '    message: "Pages load again."\n' in outage  # no French: a missing translation
    # The other incidents have no French: written as on a site of one language.
    for name in ("incidents/2025/382ee1ab.md", "incidents/2025/cdnupg01.md"):
        assert written(several)[name] == written(one)[name]
    assert main(["-C", str(several), "--now", NOW, "check"]) == 0


def test_a_source_in_another_language_names_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    several = site(tmp_path / "several", BILINGUAL)
    assert run(several, "statuspage", FIXTURES / "statuspage", "--language", "fr") == 0
    assert notes(several)["source_language"].startswith(
        "the source is in fr, not the site's default language (en): its texts are written as "
        "fr, and as en where the source has no en text ("
    )
    # Every text is French, and English until translated (the site needs its default's).
    api = next((several / "incidents").rglob("k9f1w2x3y4z5.md")).read_text()
    title = re.search(r"title:\n  en: (.*)\n  fr: (.*)\n", api)
    assert title is not None and title.group(1) == title.group(2)
    assert main(["-C", str(several), "--now", NOW, "check"]) == 0
    assert run(several, "statuspage", FIXTURES / "statuspage", "--language", "de") == 2
    assert (
        "the source's texts are in de, which is not one of the site's languages (en, fr); "
        "expected one of them" in capsys.readouterr().err
    )
    one = site(tmp_path / "one")
    assert run(one, "cstate", FIXTURES / "cstate", "--language", "fr", "--dry-run") == 0
    assert "source_language" in capsys.readouterr().out
