"""When an open incident is overdue."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from statusgen.derive.overdue import overdue
from statusgen.model import Impact, Incident, IncidentType, Phase, PhaseStatus, frozen_mapping

T = datetime(2026, 11, 22, 14, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


def incident(*phases: Phase) -> Incident:
    return Incident(
        id="x",
        path="x.md",
        title="X",
        type=IncidentType.INCIDENT,
        impact=Impact.MINOR,
        components=frozen_mapping(),
        phases=phases,
    )


def test_a_passed_promise_is_overdue_from_the_promised_time() -> None:
    open_one = incident(Phase(T, PhaseStatus.INVESTIGATING, "m", next_update_at=T + HOUR / 2))
    assert overdue(open_one, T + HOUR / 2, HOUR) is None  # not before it has passed
    late = overdue(open_one, T + HOUR / 2 + timedelta(seconds=1), HOUR)
    assert late is not None and late.reason == "next_update" and late.since == T + HOUR / 2


def test_silence_counts_only_without_a_promise_ahead() -> None:
    quiet = incident(Phase(T, PhaseStatus.INVESTIGATING, "m"))
    assert overdue(quiet, T + HOUR - timedelta(seconds=1), HOUR) is None
    late = overdue(quiet, T + HOUR, HOUR)
    assert late is not None and late.reason == "silent"
    assert overdue(quiet, T + 5 * HOUR, None) is None  # status marks passed promises only
    promised = incident(Phase(T, PhaseStatus.INVESTIGATING, "m", next_update_at=T + 3 * HOUR))
    assert overdue(promised, T + 2 * HOUR, HOUR) is None


def test_resolved_incidents_are_never_overdue() -> None:
    closed = incident(
        Phase(T, PhaseStatus.INVESTIGATING, "m", next_update_at=T + HOUR / 2),
        Phase(T + HOUR / 4, PhaseStatus.RESOLVED, "done"),
    )
    assert overdue(closed, T + 5 * HOUR, HOUR) is None
