"""Translated texts read from incident files (issue #28): a text field as a plain string or a
mapping of language to text, the body's `<!-- lang: xx -->` sections, and each problem at its
line with what was expected."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from contentfiles import front_matter
from jsonschema import Draft202012Validator

from statusgen.content import parse_incident
from statusgen.content.budgets import INCIDENT_TEXT, MESSAGE, TITLE
from statusgen.content.fieldregistry import published_schema
from statusgen.model import Catalog, Component, Group, Incident
from statusgen.problems import Problem

NOW = datetime(2026, 11, 23, 12, tzinfo=UTC)
CATALOG = Catalog(
    groups=(Group(name="Core", components=(Component(id="api", name="API", group="Core"),)),)
)
BILINGUAL = ("en", "fr")

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
    message: Fixed.
postmortem: {at: 2026-11-22T16:00:00Z}
---
## What happened

A bad deploy.

<!-- lang: fr -->

## Ce qui s'est passé

Un mauvais déploiement.
"""


def parse(
    text: str, languages: tuple[str, ...] = BILINGUAL
) -> tuple[Incident | None, list[Problem]]:
    problems: list[Problem] = []
    incident = parse_incident(
        text, "2026-11-22-x", "incidents/x.md", CATALOG, NOW, problems, languages=languages
    )
    return incident, problems


def test_every_text_field_reads_both_languages_the_default_in_the_field() -> None:
    incident, problems = parse(TRANSLATED)
    assert problems == []
    assert incident is not None
    assert incident.title == "Checkout errors: payments fail"
    assert incident.workaround == "Pay by invoice."
    assert incident.body == "## What happened\n\nA bad deploy."
    assert incident.body_line == 22
    assert dict(incident.translations["fr"]) == {
        "title": "Erreurs au paiement : les paiements échouent",
        "workaround": "Payez sur facture.",
        "body": "## Ce qui s'est passé\n\nUn mauvais déploiement.",
    }
    first, second = incident.phases
    assert first.message == "Errors at checkout."
    assert first.message_line == 13
    assert first.stated["affected"] == "EU customers"
    assert dict(first.translations["fr"]) == {
        "message": "Erreurs au paiement.",
        "affected": "Clients de l'UE",
    }
    assert second.translations == {}


def test_the_translations_are_read_only() -> None:
    incident, _ = parse(TRANSLATED)
    assert incident is not None
    with pytest.raises(TypeError):
        incident.translations["fr"]["title"] = "x"  # type: ignore[index]
    with pytest.raises(TypeError):
        incident.translations["de"] = {}  # type: ignore[index]


def test_a_plain_file_reads_as_before_whatever_the_languages() -> None:
    plain = TRANSLATED.split("<!-- lang: fr -->")[0].replace(
        'title:\n  en: "Checkout errors: payments fail"\n  fr: "Erreurs au paiement : les '
        'paiements échouent"',
        "title: Checkout errors",
    )
    plain = plain.replace("{en: Pay by invoice., fr: Payez sur facture.}", "Pay by invoice.")
    plain = plain.replace(
        "message:\n      en: |\n        Errors at checkout.\n      fr: |\n        Erreurs au "
        "paiement.\n",
        "message: Errors at checkout.\n",
    )
    plain = plain.replace("{en: EU customers, fr: Clients de l'UE}", "EU customers")
    one, problems = parse(plain, ())
    assert problems == []
    two, _ = parse(plain)
    assert one == two
    assert one is not None and one.body == "## What happened\n\nA bad deploy.\n\n"
    assert one.translations == {}


def expect(text: str, line: int, *words: str, languages: tuple[str, ...] = BILINGUAL) -> None:
    incident, problems = parse(text, languages)
    assert incident is None
    found = [p for p in problems if all(w in p.message for w in words)]
    assert found, "\n".join(map(str, problems))
    assert found[0].line == line, str(found[0])
    assert found[0].path == "incidents/x.md"


def test_a_mapping_on_a_site_of_one_language_says_how_to_list_languages() -> None:
    expect(TRANSLATED, 3, "the title is a mapping", "languages: [en, fr]", languages=("en",))
    expect(TRANSLATED, 3, "the title is a mapping", "mkdocs.yml", languages=())


def test_a_body_section_on_a_site_of_one_language_is_a_problem_at_its_marker() -> None:
    one = TRANSLATED.replace(
        'title:\n  en: "Checkout errors: payments fail"\n  fr: "Erreurs au paiement : les '
        'paiements échouent"',
        "title: Checkout errors",
    )
    expect(one, 24, "body section for 'fr'", "languages: [en, fr]", languages=("en",))


def test_an_unknown_language_names_the_sites_languages_at_its_key() -> None:
    text = TRANSLATED.replace("fr: |\n        Erreurs", "de: |\n        Erreurs")
    expect(text, 14, "unknown language 'de' in the message", "languages: en, fr")
    expect(
        TRANSLATED.replace("<!-- lang: fr -->", "<!-- lang: nl -->"),
        26,
        "body section for an unknown language 'nl'",
        "en, fr",
    )


def test_a_mapping_without_the_default_language() -> None:
    text = TRANSLATED.replace("{en: Pay by invoice., fr:", "{fr:")
    expect(text, 7, "the workaround has no en text", "expected the default language's text")


def test_a_body_without_the_default_language_text() -> None:
    head, _, french = TRANSLATED.partition("## What happened")
    text = head + "<!-- lang: fr -->\n" + french.partition("<!-- lang: fr -->")[2]
    expect(text, 22, "the body has no en text", "above the first")


def test_empty_texts_are_problems_at_their_line() -> None:
    expect(TRANSLATED.replace("fr: Clients de l'UE", 'fr: ""'), 16, "affected (fr) text is empty")
    expect(TRANSLATED.replace("fr: Payez sur facture.", "fr: null"), 7, "workaround (fr) is empty")
    expect(TRANSLATED.rstrip("\n").rsplit("\n", 3)[0] + "\n", 26, "the body's fr section is empty")


def test_a_second_section_for_a_language() -> None:
    text = TRANSLATED + "\n<!-- lang: fr -->\nEncore.\n"
    expect(text, 32, "a second body section for fr (the first on line 26)")


@pytest.mark.parametrize(
    ("field", "old", "limit", "line"),
    [
        ("title", "Erreurs au paiement : les paiements échouent", TITLE.limit, 4),
        ("message", "Erreurs au paiement.", MESSAGE.limit - 1, 15),  # a block's ends in "\n"
    ],
)
def test_each_language_is_held_to_the_fields_budget(
    field: str, old: str, limit: int, line: int
) -> None:
    expect(TRANSLATED.replace(old, "é" * (limit + 1)), line, f"the {field} (fr) is")
    incident, problems = parse(TRANSLATED.replace(old, "é" * limit))
    assert problems == [] and incident is not None


def many_updates(english: int, french: int, last_french: int) -> str:
    """An incident of 7 updates, each message in English and French of the given sizes."""
    updates = "".join(
        f"  - at: 2026-11-22T1{n}:00:00Z\n    status: {'resolved' if n == 6 else 'identified'}\n"
        f"    message: {{en: {'w' * english}, fr: {'m' * (last_french if n == 6 else french)}}}\n"
        for n in range(7)
    )
    return f"---\ntitle: {{en: Errors, fr: Erreurs}}\nimpact: minor\nphases:\n{updates}---\n"


def test_the_incidents_text_budget_is_per_language() -> None:
    """Each language's text within the incident's budget passes, though both together do not:
    one page shows one language."""
    size = INCIDENT_TEXT.limit // 7 - 100
    incident, problems = parse(many_updates(size, size, size))
    assert problems == [] and incident is not None
    assert len(incident.phases[0].translations["fr"]["message"]) == size
    expect(many_updates(size, size, size + 1_000), 2, "the incident's fr text is", "in all")


def test_a_placeholder_left_in_a_translation_is_refused() -> None:
    expect(TRANSLATED.replace("Erreurs au paiement.", "TODO"), 14, "message (fr) is still")
    expect(TRANSLATED.replace("Un mauvais", "TODO: un mauvais"), 30, "postmortem still holds")


INCIDENT_SCHEMA = json.loads(published_schema("incident.schema.json", BILINGUAL))


def schema_errors(text: str) -> list[str]:
    validator = Draft202012Validator(INCIDENT_SCHEMA)
    return [f"{e.json_path}: {e.message}" for e in validator.iter_errors(front_matter(text))]


def test_the_published_schema_accepts_both_forms_of_every_text() -> None:
    assert schema_errors(TRANSLATED) == []
    for field in ("title", "workaround"):
        assert INCIDENT_SCHEMA["properties"][field]["type"] == ["string", "object"]
    update = INCIDENT_SCHEMA["properties"]["phases"]["items"]["properties"]
    assert update["message"]["type"] == update["affected"]["type"] == ["string", "object"]
    assert update["estimate"].get("type") != ["string", "object"]  # not a text


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ("fr: Clients de l'UE", 'fr: ""', "$.phases[0].affected.fr"),
        ("fr: Payez sur facture.", "French: Payez sur facture.", "$.workaround"),
        ("{en: Pay by invoice., fr: Payez sur facture.}", "{}", "$.workaround"),
        ("{en: EU customers, fr: Clients de l'UE}", "[EU customers]", "$.phases[0].affected"),
    ],
)
def test_the_schema_refuses_what_the_loader_refuses(old: str, new: str, where: str) -> None:
    text = TRANSLATED.replace(old, new)
    assert parse(text)[0] is None
    assert any(error.startswith(f"{where}: ") for error in schema_errors(text))


def test_a_marker_for_the_default_language_may_open_the_body() -> None:
    head, _, rest = TRANSLATED.partition("## What happened")
    text = (
        head
        + "<!-- lang: en -->\n\n## What happened"
        + rest.replace("<!-- lang: fr -->", "<!--lang:fr-->  ")
    )
    incident, problems = parse(text)
    assert problems == [] and incident is not None
    assert incident.body == "## What happened\n\nA bad deploy."
    assert incident.translations["fr"]["body"].startswith("## Ce qui")
    twice = head + "Text.\n\n<!-- lang: en -->\n\n## What happened" + rest
    expect(twice, 24, "a second body section for en (the first on line 22)")
