"""What the record keeps of an update (its identity), how it tells a correction from a new
update, and how it checks a record it reads."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime, timedelta

import pytest

from statusgen.model import (
    ComponentStatus,
    Impact,
    Incident,
    IncidentType,
    Phase,
    PhaseStatus,
    frozen_mapping,
)
from statusgen.notify.identity import Identity, event_id, identities
from statusgen.notify.ledger import (
    CLAIMED,
    CORRECTED,
    FAILED,
    SENT,
    Ledger,
    LedgerError,
    digest,
)

T = datetime(2026, 11, 22, 14, 0, tzinfo=UTC)
INVESTIGATING, IDENTIFIED = PhaseStatus.INVESTIGATING, PhaseStatus.IDENTIFIED


def phase(minutes: int, message: str, status: PhaseStatus = INVESTIGATING, same: int = 0) -> Phase:
    return Phase(T + timedelta(minutes=minutes), status, message, same_time_before=same)


def make(incident_id: str, *phases: Phase) -> Incident:
    return Incident(
        id=incident_id,
        path=f"incidents/{incident_id}.md",
        title="API errors",
        type=IncidentType.INCIDENT,
        impact=Impact.MAJOR,
        components=frozen_mapping({"api": ComponentStatus.MAJOR_OUTAGE}),
        phases=phases,
    )


def of(incident: Incident, index: int) -> Identity:
    return identities(incident)[event_id(incident, incident.phases[index])]


def test_identical_updates_of_one_incident_are_two_updates() -> None:
    incident = make("api", phase(0, "Still looking."), phase(30, "Still   looking.\n"))
    first, second = of(incident, 0), of(incident, 1)
    assert set(first.keys).isdisjoint(second.keys)  # both are sent, each once


def test_a_rename_keeps_the_origin_and_a_first_time_correction_keeps_the_id() -> None:
    before = make("2026-11-22-api", phase(0, "Errors."), phase(10, "Found it.", IDENTIFIED))
    renamed = dataclasses.replace(before, id="2026-11-22-api-errors")
    moved = dataclasses.replace(
        before, phases=(phase(-5, "Errors."), phase(10, "Found it.", IDENTIFIED))
    )
    for index in (0, 1):
        assert set(of(before, index).keys) & set(of(renamed, index).keys)
        assert set(of(before, index).keys) & set(of(moved, index).keys)
    both = dataclasses.replace(moved, id="2026-11-22-api-errors")
    assert not set(of(before, 0).keys) & set(of(both, 0).keys)  # the documented limit


def test_a_text_correction_is_told_from_an_update_inserted_in_the_same_second() -> None:
    ledger = Ledger(None)
    sent = make("api", phase(0, "Errors."), phase(10, "Found it.", IDENTIFIED))
    for index in (0, 1):
        ledger.record("slack", of(sent, index), SENT)
    corrected = make("api", phase(0, "Errors."), phase(10, "Found the cause.", IDENTIFIED))
    assert ledger.state_of("slack", of(corrected, 1)) is None
    assert ledger.is_correction("slack", of(corrected, 1))
    inserted = make(
        "api",
        phase(0, "Errors."),
        phase(10, "Rolling back.", IDENTIFIED),
        phase(10, "Found it.", IDENTIFIED, same=1),
    )
    assert ledger.state_of("slack", of(inserted, 2)) == SENT  # the one sent, as it was
    assert ledger.state_of("slack", of(inserted, 1)) is None
    assert not ledger.is_correction("slack", of(inserted, 1))  # new: the old one is still there
    assert not ledger.is_correction("email", of(corrected, 1))  # per channel


@pytest.mark.parametrize("outcome", [None, FAILED])
def test_an_update_never_delivered_has_no_correction(outcome: str | None) -> None:
    """Released after a transient failure, or refused for good: its corrected text is new."""
    ledger = Ledger(None)
    sent = make("api", phase(0, "Errors."))
    ledger.record("slack", of(sent, 0), CLAIMED)
    ledger.record("slack", of(sent, 0), outcome)
    corrected = make("api", phase(0, "Errors on checkout."))
    assert not ledger.is_correction("slack", of(corrected, 0))


def test_a_version_1_entry_is_read_then_rewritten_as_keys() -> None:
    incident = make("api", phase(0, "Errors."))
    legacy = event_id(incident, incident.phases[0])
    text = json.dumps({"version": 1, "channels": {}, "entries": {digest("slack", legacy): SENT}})
    ledger = Ledger.parse(text, "old.json", T)
    identity = of(incident, 0)
    assert ledger.state_of("slack", identity) == SENT
    ledger.record("slack", identity, SENT)
    saved = json.loads(ledger.text())
    assert saved["version"] == 2 and "legacy" not in saved
    assert Ledger.parse(ledger.text(), "new.json", T).state_of("slack", identity) == SENT


def test_a_reminder_recorded_by_version_1_is_not_sent_again() -> None:
    key = "remind:api#update-20261122T140000Z#next_update"
    text = json.dumps({"version": 1, "channels": {}, "entries": {digest("slack", key): SENT}})
    assert Ledger.parse(text, "old.json", T).state("slack", key) == SENT


def test_merge_keeps_any_outcome_over_a_claim() -> None:
    mine, theirs = Ledger(None), Ledger(None)
    mine.set_state("slack", "a", CLAIMED)
    theirs.set_state("slack", "a", FAILED)
    mine.set_state("slack", "b", CORRECTED)
    theirs.set_state("slack", "b", CLAIMED)
    mine.merge(theirs)
    assert (mine.state("slack", "a"), mine.state("slack", "b")) == (FAILED, CORRECTED)


HEX = "0" * 64


@pytest.mark.parametrize(
    ("data", "fault"),
    [
        ([], "not a JSON object"),
        ({"version": True}, "version True; expected 1 or 2"),
        ({"version": 2, "extra": {}}, "unknown key 'extra'"),
        ({"version": 2, "about": 3}, "about is not text"),
        ({"version": 2, "places": {HEX: "x"}}, f"places[{HEX[:12]}…]: not a hash"),
        ({"version": 1, "places": {HEX: HEX}}, "places in a version 1 record"),
        ({"version": 1, "entries": {HEX: FAILED}}, "state 'failed'; expected one of claimed"),
        ({"version": 2, "entries": {"A" * 64: SENT}}, "is not a SHA-256 hash"),
        ({"version": 2, "channels": {HEX: "yesterday"}}, "is not a valid time"),
        ({"version": 2, "channels": {HEX: "2026-11-22T14:00:00"}}, "has no UTC offset"),
        ({"version": 2, "channels": {HEX: "2026-11-22T14:06:00Z"}}, "is after the run's time"),
    ],
)
def test_a_record_that_fails_a_check_is_refused_with_its_fault(data: object, fault: str) -> None:
    with pytest.raises(LedgerError) as raised:
        Ledger.parse(json.dumps(data), "ledger.json", T)
    assert str(raised.value).startswith("ledger.json: ") and fault in str(raised.value)
    assert "refusing to send" in str(raised.value)


def test_clocks_may_differ_by_five_minutes_and_deep_nesting_is_an_error() -> None:
    ahead = {"version": 2, "channels": {HEX: "2026-11-22T14:05:00Z"}}
    assert Ledger.parse(json.dumps(ahead), "ledger.json", T).channels == ahead["channels"]
    with pytest.raises(LedgerError, match="cannot be read"):
        Ledger.parse("[" * 100_000, "ledger.json", T)
