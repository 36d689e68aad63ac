"""The published JSON schemas follow the site's languages (issue #28): on a site of one
language every text is a plain string, byte for byte as before the multilingual work; on a
site of several, a string or a mapping whose keys are exactly the site's languages, the
default's required, each text within the string's budget. The loader agrees with both."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from contentfiles import front_matter, read_yaml
from jsonschema import Draft202012Validator

from statusgen.cli.init import Answers, scaffold
from statusgen.content import parse_incident
from statusgen.content.budgets import AFFECTED, MESSAGE, TITLE, WORKAROUND
from statusgen.content.fieldregistry import published_schema
from statusgen.model import Catalog, Component, Group
from statusgen.options.mkdocs_yml import read_site_options
from statusgen.problems import Problem

REPO_ROOT = Path(__file__).parents[2]
EXAMPLE_INCIDENTS = sorted((REPO_ROOT / "incidents").rglob("*.md"))
NOW = datetime(2026, 11, 23, 12, tzinfo=UTC)
CATALOG = Catalog(
    groups=(Group(name="Core", components=(Component(id="api", name="API", group="Core"),)),)
)
NAMES = ("components.schema.json", "incident.schema.json")
BILINGUAL = ("en", "fr")
#: The example site's languages (its mkdocs.yml): its incidents are written in them.
EXAMPLE_LANGUAGES = read_site_options(REPO_ROOT).languages
Schema = dict[str, Any]

#: SHA-256 of each schema as a site of one language published it before texts could be
#: written in several languages (commit 4c35d2a). Issue #28: "a site without the option
#: builds byte-identical to today". A deliberate change of a schema changes its digest here.
BEFORE_LANGUAGES = {
    "components.schema.json": "4cca10d20885c927a8a4bb5604f8b820aeeee2aa3fcfc3e0daf3d2f1e9a362f9",
    "incident.schema.json": "77eab00ba18c581d145894ccc125ce42e4f32927d8de3c830cea3fd0d2087060",
}

TRANSLATED = """\
---
title:
  en: "Checkout errors: payments fail"
  fr: "Erreurs au paiement : les paiements échouent"
impact: major
components: {api: partial_outage}
workaround: {en: Pay by invoice., fr: Payez sur facture.}
phases:
  - at: 2026-11-22T14:00:00Z
    status: investigating
    message:
      en: |
        Errors at checkout.
      fr: |
        Erreurs au paiement.
    affected: {en: EU customers, fr: Clients de l'UE}
  - at: 2026-11-22T15:00:00Z
    status: resolved
    message: {en: Fixed.}
---
"""


def schema(name: str, languages: tuple[str, ...] = ()) -> Schema:
    loaded: Schema = json.loads(published_schema(name, languages))
    return loaded


def errors(document: Any, languages: tuple[str, ...] = ()) -> list[str]:
    """Every error of the incident schema of a site of `languages`, as `json path: message`."""
    validator = Draft202012Validator(schema("incident.schema.json", languages))
    return [f"{e.json_path}: {e.message}" for e in validator.iter_errors(document)]


def texts(incident: Schema) -> dict[str, Schema]:
    """The incident schema's text fields, by path."""
    update = incident["properties"]["phases"]["items"]["properties"]
    return {
        "title": incident["properties"]["title"],
        "workaround": incident["properties"]["workaround"],
        "message": update["message"],
        "affected": update["affected"],
    }


def monitor_title(components: Schema) -> Schema:
    title: Schema = components["properties"]["monitors"]["properties"]["title"]
    return title


def loads(text: str, languages: tuple[str, ...]) -> bool:
    """Whether the loader reads the file without a problem on a site of `languages`."""
    problems: list[Problem] = []
    incident = parse_incident(
        text,
        "2026-11-22-pay",
        "incidents/2026-11-22-pay.md",
        CATALOG,
        NOW,
        problems,
        languages=languages,
    )
    return incident is not None and not problems


# -- a site of one language: plain strings, as before -----------------------------------------


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("languages", [(), ("en",), ("fr",)], ids=["unset", "en", "fr"])
def test_one_language_schemas_are_byte_identical_to_before_languages(
    name: str, languages: tuple[str, ...]
) -> None:
    assert hashlib.sha256(published_schema(name, languages)).hexdigest() == BEFORE_LANGUAGES[name]


def test_one_language_texts_are_plain_strings() -> None:
    for path, text in texts(schema("incident.schema.json")).items():
        assert text["type"] == "string", path
        assert "propertyNames" not in text and "additionalProperties" not in text, path
    assert monitor_title(schema("components.schema.json"))["type"] == "string"


def test_init_writes_the_schemas_of_a_site_of_one_language() -> None:
    answers = Answers("Globex", "https://status.globex.test", "UTC", "fr", None, (("api", "API"),))
    files = scaffold(answers, NOW)
    for name in NAMES:
        assert hashlib.sha256(files[f"schemas/{name}"]).hexdigest() == BEFORE_LANGUAGES[name]


def test_one_language_schema_refuses_a_mapping_as_the_loader_does() -> None:
    document = front_matter(TRANSLATED)
    assert not loads(TRANSLATED, ())
    found = errors(document)
    for where in ("$.title", "$.workaround", "$.phases[0].message", "$.phases[0].affected"):
        assert any(e.startswith(f"{where}: ") and "is not of type 'string'" in e for e in found)


# -- a site of several languages: a string or a mapping of the site's languages ---------------


@pytest.mark.parametrize("name", NAMES)
def test_several_languages_schemas_are_valid(name: str) -> None:
    Draft202012Validator.check_schema(schema(name, BILINGUAL))


def test_the_bilingual_incident_validates_and_loads() -> None:
    assert loads(TRANSLATED, BILINGUAL)
    assert errors(front_matter(TRANSLATED), BILINGUAL) == []


def translated(document: Any) -> bool:
    """Whether an incident's front matter writes a text as a mapping of languages."""
    phases = document.get("phases", [])
    found = [document.get(k) for k in ("title", "workaround")]
    found += [phase.get(k) for phase in phases for k in ("message", "affected")]
    return any(isinstance(text, dict) for text in found)


@pytest.mark.parametrize(
    "path", EXAMPLE_INCIDENTS, ids=[p.relative_to(REPO_ROOT).as_posix() for p in EXAMPLE_INCIDENTS]
)
def test_example_incidents_validate_against_the_example_sites_schema(path: Path) -> None:
    """Every example incident against the schema of the example site's languages; a file of
    plain strings (the default language's texts) against a one-language site's too, and a
    translated one is refused there, as the loader refuses it."""
    document = front_matter(path.read_text("utf-8"))
    assert errors(document, EXAMPLE_LANGUAGES) == []
    assert errors(document, BILINGUAL) == []
    if translated(document):
        assert any("is not of type 'string'" in e for e in errors(document))
    else:
        assert errors(document) == []


def test_the_example_site_has_translated_incidents() -> None:
    assert len(EXAMPLE_LANGUAGES) > 1
    assert any(translated(front_matter(p.read_text("utf-8"))) for p in EXAMPLE_INCIDENTS)


def test_example_components_file_validates_on_its_bilingual_site_only() -> None:
    # Its names in English and French: a mapping the loader refuses on a site of one language.
    document = read_yaml((REPO_ROOT / "components.yml").read_text("utf-8"))
    validator = Draft202012Validator(schema("components.schema.json", BILINGUAL))
    assert list(validator.iter_errors(document)) == []
    one = Draft202012Validator(schema("components.schema.json", ()))
    wrong = {".".join(map(str, e.absolute_path)) for e in one.iter_errors(document)}
    assert {"groups.0.name", "groups.0.components.0.name"} <= wrong


@pytest.mark.parametrize(
    ("old", "new", "where", "says"),
    [
        ("fr: Payez sur facture.", "nl: Betaal per factuur.", "$.workaround", "'nl' is not one"),
        ("{en: EU customers, fr:", "{de: EU-Kunden, fr:", "$.phases[0].affected", "'en' is a"),
        ("{en: Pay by invoice., fr: Payez sur facture.}", "{}", "$.workaround", "'en' is a"),
        ("fr: Clients de l'UE", 'fr: ""', "$.phases[0].affected.fr", "should be non-empty"),
        ("fr: Payez sur facture.", "fr: [Payez]", "$.workaround.fr", "is not of type"),
    ],
)
def test_several_languages_schema_refuses_what_the_loader_refuses(
    old: str, new: str, where: str, says: str
) -> None:
    assert TRANSLATED.count(old) == 1
    text = TRANSLATED.replace(old, new)
    assert not loads(text, BILINGUAL)
    found = errors(front_matter(text), BILINGUAL)
    assert any(e.startswith(f"{where}: ") and says in e for e in found), found


@pytest.mark.parametrize(
    ("field", "budget"),
    [("title", TITLE), ("workaround", WORKAROUND), ("message", MESSAGE), ("affected", AFFECTED)],
)
def test_each_language_is_held_to_the_strings_budget(field: str, budget: Any) -> None:
    text = texts(schema("incident.schema.json", BILINGUAL))[field]
    assert text["maxLength"] == text["additionalProperties"]["maxLength"] == budget.limit
    assert text["additionalProperties"]["pattern"] == text["pattern"]
    assert text["propertyNames"] == {"enum": ["en", "fr"]}
    assert text["required"] == ["en"]
    document = front_matter(TRANSLATED)
    long = "é" * (TITLE.limit + 1)
    document["title"] = {"en": "Checkout errors", "fr": long}
    assert any(e.startswith("$.title.fr: ") for e in errors(document, BILINGUAL))


def test_the_descriptions_name_the_sites_languages() -> None:
    three = ("de", "fr", "en")
    for path, text in texts(schema("incident.schema.json", three)).items():
        assert "(de, fr, en)" in text["description"], path
        assert "de, the default language, required" in text["description"], path
        assert "Example: {de: " in text["additionalProperties"]["description"], path
        assert text["propertyNames"] == {"enum": list(three)} and text["required"] == ["de"]


@pytest.mark.parametrize(
    ("title", "languages", "valid"),
    [
        ("{{components}} is down", (), True),
        ("{{components}} is down", BILINGUAL, True),
        ({"en": "Down"}, (), False),
        ({"en": "Down", "fr": "En panne"}, BILINGUAL, True),
        ({"en": "Down"}, BILINGUAL, True),
        ({"fr": "En panne"}, BILINGUAL, False),
        ({"en": "Down", "nl": "Kapot"}, BILINGUAL, False),
        ({"en": "Down", "fr": "x" * 201}, BILINGUAL, False),
        ({"en": "Down", "fr": ""}, BILINGUAL, False),
    ],
)
def test_the_monitors_title_follows_the_sites_languages(
    title: object, languages: tuple[str, ...], valid: bool
) -> None:
    groups = {"groups": [{"name": "Core", "components": [{"id": "api", "name": "API"}]}]}
    validator = Draft202012Validator(schema("components.schema.json", languages))
    found = list(validator.iter_errors({"monitors": {"title": title}, **groups}))
    assert (found == []) is valid, found
