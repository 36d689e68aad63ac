"""A real build publishes the schemas of the site's languages (issue #28): a site of one
language the schemas of plain strings, a site of several the schemas whose texts take a
mapping of exactly its languages, against which a translated incident file validates."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from contentfiles import front_matter
from jsonschema import Draft202012Validator

from statusgen.content.fieldregistry import published_schema
from tests.sitebuild import FIXTURE_EPOCH, fixture_site, mkdocs_build

#: SHA-256 of the incident schema as a site of one language published it before texts could
#: be written in several languages (commit 4c35d2a; tests/unit/test_schema_languages.py).
ONE_LANGUAGE_INCIDENT_SCHEMA = "77eab00ba18c581d145894ccc125ce42e4f32927d8de3c830cea3fd0d2087060"

TRANSLATED = """\
---
title: {en: "Checkout errors: payments fail", fr: "Erreurs de paiement : échecs"}
impact: major
components: {api: partial_outage}
phases:
  - at: 2026-03-08T10:00:00Z
    status: investigating
    message: {en: "We see errors.", fr: "Nous voyons des erreurs."}
    affected: {en: EU customers, fr: Clients de l'UE}
  - at: 2026-03-08T11:00:00Z
    status: resolved
    message: {en: Fixed., fr: Corrigé.}
---
"""


@pytest.mark.parametrize(
    ("option", "languages"),
    [("", ()), ("languages: [en]", ("en",)), ("languages: [en, fr]", ("en", "fr"))],
    ids=["unset", "one", "two"],
)
def test_the_build_publishes_the_schemas_of_its_languages(
    tmp_path: Path, option: str, languages: tuple[str, ...]
) -> None:
    incidents = {"incidents/2026-03-08-pay.md": TRANSLATED} if len(languages) > 1 else {}
    root = fixture_site(tmp_path / "site", extra=f"      {option}", incidents=incidents)
    built = mkdocs_build(root, tmp_path / "out", FIXTURE_EPOCH)
    assert built.returncode == 0, built.stderr
    for name in ("components.schema.json", "incident.schema.json"):
        published = (tmp_path / "out" / "schemas" / name).read_bytes()
        assert published == published_schema(name, languages)
    published = (tmp_path / "out" / "schemas" / "incident.schema.json").read_bytes()
    validator = Draft202012Validator(json.loads(published))
    found = [f"{e.json_path}: {e.message}" for e in validator.iter_errors(front_matter(TRANSLATED))]
    if len(languages) > 1:
        assert found == []
    else:  # byte-identical to before languages, and refusing a mapping as `check` does
        assert hashlib.sha256(published).hexdigest() == ONE_LANGUAGE_INCIDENT_SCHEMA
        assert any(e.startswith("$.title: ") and "not of type 'string'" in e for e in found)
