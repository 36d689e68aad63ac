"""How long derived state stays as it is (`derive/window.py`), which bounds how long the
check's verdict on the whole site holds: every time of the model is read, a maintenance's
window, an update's promise and the day bound it, and deriving at any moment before the bound
gives the same states, statuses, bars and lists as deriving at its start."""

from __future__ import annotations

import dataclasses
import typing
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st
from models import catalog, component, maintenance, outage, site
from moments import at
from strategies import NOW, moments, status_sites

from statusgen import model
from statusgen.derive.overdue import overdue
from statusgen.derive.snapshot import Snapshot, build_snapshot
from statusgen.derive.window import site_times, unchanged_until

UTC_DAY = timedelta(days=1)
SPANS = (timedelta(minutes=1), timedelta(days=90), timedelta(hours=24))


def test_every_time_field_of_the_model_is_read() -> None:
    """A new time in the model must be added to `site_times` (and to this list)."""
    found = set()
    for cls in vars(model).values():
        if dataclasses.is_dataclass(cls) and isinstance(cls, type):
            hints = typing.get_type_hints(cls)
            for item in dataclasses.fields(cls):
                if "datetime" in str(hints[item.name]):
                    found.add(f"{cls.__name__}.{item.name}")
    assert found == {
        "Component.since",
        "Component.retired",
        "Phase.at",
        "Phase.next_update_at",
        "Phase.estimate_at",
        "Window.start_at",
        "Window.end_at",
        "Incident.postmortem_at",
        "Incident.started",
    }


def test_site_times_holds_each_of_them() -> None:
    built = outage("a", {"api": "major_outage"}, "2026-03-10T10:00:00Z")
    first = dataclasses.replace(
        built.phases[0],
        next_update_at=at("2026-03-10T10:01:00Z"),
        estimate_at=at("2026-03-10T10:02:00Z"),
    )
    built = dataclasses.replace(
        built,
        phases=(first,),
        started=at("2026-03-10T09:59:00Z"),
        postmortem_at=at("2026-03-10T10:03:00Z"),
    )
    kept = dataclasses.replace(
        component("api", since=at("2026-01-01T00:00:00Z")), retired=at("2027-01-01T00:00:00Z")
    )
    planned = maintenance("m", "2026-04-01T00:00:00Z", "2026-04-01T02:00:00Z")
    times = set(site_times(model.StatusSite(catalog(kept), (built, planned))))
    assert {
        at("2026-03-10T10:00:00Z"),
        at("2026-03-10T10:01:00Z"),
        at("2026-03-10T10:02:00Z"),
        at("2026-03-10T09:59:00Z"),
        at("2026-03-10T10:03:00Z"),
        at("2026-01-01T00:00:00Z"),
        at("2027-01-01T00:00:00Z"),
        at("2026-04-01T00:00:00Z"),
        at("2026-04-01T02:00:00Z"),
    } <= times


def test_an_upcoming_maintenance_bounds_it_at_its_start_then_its_end() -> None:
    planned = site(maintenance("m", "2026-03-10T14:00:00Z", "2026-03-10T15:00:00Z"))
    assert unchanged_until(planned, at("2026-03-10T12:00:00Z"), UTC, ()) == at(
        "2026-03-10T14:00:00Z"
    )
    assert unchanged_until(planned, at("2026-03-10T14:00:00Z"), UTC, ()) == at(
        "2026-03-10T14:00:00Z"
    ), "a time on now: only now"
    assert unchanged_until(planned, at("2026-03-10T14:00:01Z"), UTC, ()) == at(
        "2026-03-10T15:00:00Z"
    )


def test_a_quiet_site_holds_until_the_next_day_in_its_zone() -> None:
    quiet = site(
        outage("a", {"api": "major_outage"}, "2026-01-01T10:00:00Z", "2026-01-01T11:00:00Z")
    )
    now = at("2026-03-10T12:00:00Z")
    assert unchanged_until(quiet, now, UTC, ()) == at("2026-03-11T00:00:00Z")
    # Paris is an hour ahead in March: its day ends at 23:00 UTC.
    assert unchanged_until(quiet, now, ZoneInfo("Europe/Paris"), ()) == at("2026-03-10T23:00:00Z")
    # Honolulu's day ends after UTC's: UTC's midnight (the probes' days) comes first.
    assert unchanged_until(quiet, now, ZoneInfo("Pacific/Honolulu"), ()) == at(
        "2026-03-11T00:00:00Z"
    )


def test_a_span_after_a_time_bounds_it() -> None:
    resolved = site(
        outage("a", {"api": "major_outage"}, "2026-03-10T10:00:00Z", "2026-03-10T11:30:00Z")
    )
    now = at("2026-03-10T12:00:00Z")
    assert unchanged_until(resolved, now, UTC, [timedelta(hours=1)]) == at("2026-03-10T12:30:00Z")
    assert unchanged_until(resolved, now, UTC, [], [at("2026-03-10T12:05:00Z")]) == at(
        "2026-03-10T12:05:00Z"
    ), "an extra time (a probe's)"


def derived(snapshot: Snapshot) -> object:
    """What derivation decides at a moment, without the lengths that grow with the clock."""
    state = snapshot.state
    return (
        state.indicator,
        state.component_statuses,
        [i.id for i in state.open_incidents],
        [i.id for i in state.maintenance_in_progress],
        [i.id for i in state.maintenance_upcoming],
        [(v.id, v.state, snapshot.followable(v)) for v in snapshot.incidents],
        [overdue(v.incident, snapshot.now, None) is not None for v in snapshot.incidents],
        {
            cid: (
                view.status,
                view.incident_ids,
                [
                    (b.day, b.worst, b.incident_ids, [s for s, _ in b.status_time])
                    for b in view.bars
                ],
            )
            for cid, view in snapshot.components.items()
        },
        snapshot.years,
        [(day, [v.id for v in views]) for day, views in snapshot.recent_days(15)],
    )


@settings(max_examples=60, deadline=None)
@given(
    status_sites(),
    moments(NOW - timedelta(days=200), NOW + timedelta(days=30)),
    st.sampled_from([UTC, ZoneInfo("Europe/Paris"), ZoneInfo("America/St_Johns")]),
    st.floats(0, 1, exclude_max=True),
)
def test_deriving_before_the_bound_decides_the_same(
    drawn: model.StatusSite, now: datetime, zone: ZoneInfo, share: float
) -> None:
    now = now.astimezone(UTC)
    until = unchanged_until(drawn, now, zone, SPANS)
    assert now <= until <= now + 2 * UTC_DAY
    later = now + (until - now) * share
    if later >= until:
        later = now
    at_now = build_snapshot(drawn, now, 90, zone)
    at_later = build_snapshot(drawn, later, 90, zone)
    assert derived(at_later) == derived(at_now)
