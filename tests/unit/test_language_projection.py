"""The language projection (derive/languages.py): each text in the reader's language where it
has one, the default language's text marked as a fallback where it has not."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from types import MappingProxyType

from statusgen.derive.languages import in_language, incident_in, missing_translations
from statusgen.model import (
    Catalog,
    Impact,
    Incident,
    IncidentType,
    Phase,
    PhaseStatus,
    StatusSite,
)

AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _incident() -> Incident:
    first = Phase(
        AT,
        PhaseStatus.INVESTIGATING,
        "We are looking into it.",
        line=8,
        stated=MappingProxyType({"affected": "EU customers"}),
        translations=MappingProxyType(
            {"fr": MappingProxyType({"message": "Nous examinons le problème."})}
        ),
    )
    second = Phase(AT, PhaseStatus.RESOLVED, "Fixed.", line=12)
    return Incident(
        "2026-03-02-api",
        "incidents/2026-03-02-api.md",
        "API errors",
        IncidentType.INCIDENT,
        Impact.MAJOR,
        MappingProxyType({}),
        (first, second),
        workaround="Retry.",
        workaround_line=5,
        translations=MappingProxyType({"fr": MappingProxyType({"title": "Erreurs de l'API"})}),
    )


def test_a_translated_text_is_shown_and_a_missing_one_is_the_default_marked() -> None:
    french = incident_in(_incident(), "fr")
    assert french.title == "Erreurs de l'API"
    assert french.workaround == "Retry." and french.fallbacks == {"workaround"}
    assert french.phases[0].message == "Nous examinons le problème."
    assert french.phases[0].fallbacks == {"affected"}
    assert french.phases[0].stated["affected"] == "EU customers"
    assert french.phases[1].message == "Fixed." and french.phases[1].fallbacks == {"message"}
    # Status, times and components are the same objects' values.
    assert [p.at for p in french.phases] == [p.at for p in _incident().phases]


def test_the_default_language_is_the_site_itself() -> None:
    site = StatusSite(Catalog(()), (_incident(),))
    assert in_language(site, "en", "en") is site
    assert in_language(site, "fr", "en").incidents[0].title == "Erreurs de l'API"


def test_missing_translations_are_listed_with_their_lines() -> None:
    missing = [
        (m.language, m.field, m.line, m.update)
        for m in missing_translations(_incident(), ["fr", "nl"])
    ]
    assert missing == [
        ("fr", "workaround", 5, None),
        ("nl", "title", 1, None),
        ("nl", "workaround", 5, None),
        ("fr", "affected", 8, 0),
        ("nl", "message", 8, 0),
        ("nl", "affected", 8, 0),
        ("fr", "message", 12, 1),
        ("nl", "message", 12, 1),
    ]


def test_a_missing_title_is_at_the_titles_line_when_it_is_known() -> None:
    incident = replace(_incident(), title_line=3)
    missing = [(m.field, m.line) for m in missing_translations(incident, ["nl"])]
    assert missing[0] == ("title", 3)
