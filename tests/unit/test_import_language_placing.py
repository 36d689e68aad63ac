"""Which language an import's texts land in (`importers/languages.py`), on records built in
the test: a source in another of the site's languages, with and without the default's text."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from statusgen.importers.languages import place_languages
from statusgen.importers.records import Batch, SourceError, SourceIncident, SourceUpdate
from statusgen.model import IncidentType, PhaseStatus

T = datetime(2025, 4, 1, 8, tzinfo=UTC)


def outage(incident_id: str, english: bool) -> SourceIncident:
    """A French incident, with its English translation when `english`."""
    update = SourceUpdate(
        T, PhaseStatus.INVESTIGATING, "Ça ne marche pas.", translations={"en": "It fails."}
    )
    return SourceIncident(
        source_id=incident_id,
        id=incident_id,
        kind=IncidentType.INCIDENT,
        title="Panne",
        impact=None,
        started_at=T,
        updates=[update] if english else [SourceUpdate(T, update.status, update.message)],
        body="Un déploiement.",
        translations={"en": {"title": "Outage", "body": "A deploy."}} if english else {},
    )


def test_a_french_source_keeps_its_english_and_copies_it_where_it_has_none() -> None:
    batch = Batch("statusfy", incidents=[outage("both", True), outage("french", False)])
    batch.language = "fr"
    place_languages(batch, ("en", "fr"))
    both, french = batch.incidents
    assert (both.title, both.body) == ("Outage", "A deploy.")
    assert both.translations == {"fr": {"title": "Panne", "body": "Un déploiement."}}
    assert (both.updates[0].message, both.updates[0].translations) == (
        "It fails.",
        {"fr": "Ça ne marche pas."},
    )
    # Without English, the French text is the default language's too, until translated.
    assert (french.title, french.translations) == (
        "Panne",
        {"fr": {"title": "Panne", "body": "Un déploiement."}},
    )
    assert french.updates[0].translations == {"fr": "Ça ne marche pas."}
    (note,) = batch.notes
    assert note.kind == "source_language" and "(1 incident(s))" in note.message


def test_the_named_language_wins_and_must_be_the_sites() -> None:
    batch = Batch("statuspage", incidents=[outage("french", False)])
    with pytest.raises(SourceError, match="not one of the site's languages \\(en, fr\\)"):
        place_languages(batch, ("en", "fr"), "de")
    place_languages(batch, ("en", "fr"), "en")  # the user's word: as the default language
    assert batch.notes == [] and batch.incidents[0].translations == {}
