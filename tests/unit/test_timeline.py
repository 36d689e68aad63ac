"""The format's derived state: timelines, current status, page indicator, uptime.

Model objects are built directly (no files, no loader) against a fixed `NOW`, and every expected
value is worked out by hand in the comments, as an exact Fraction. The arithmetic is always
Statuspage's:

    weighted downtime = seconds of major_outage + 3/10 * seconds of partial_outage
                        (degraded_performance and under_maintenance weigh 0)
    uptime % (N days) = 100 * (1 - weighted downtime / (N * 86400))
    days              = local days of the site's zone, UTC in these tests; every day counts
                        86400 s, today too (its downtime only runs until NOW)
    shown as          = two decimals, TRUNCATED (never rounded up)
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from fractions import Fraction

import pytest
from models import component, incident, maintenance, phase, site
from moments import DEG, MAJ, NOW, OP, PART, UM, at

from statusgen.derive import audience, lifecycle, state, timeline, uptime
from statusgen.derive.statuses import current_statuses
from statusgen.derive.timeline import Segment, build_timeline, spans_by_component
from statusgen.derive.uptime import DayBar, daily_bars, format_percent, window_uptime
from statusgen.model import (
    Audience,
    ComponentStatus,
    Impact,
    Incident,
    PhaseStatus,
    StatusSite,
)

# --------------------------------------------------------------------------------------------
# Helpers (the model builders are shared: tests/models.py)
# --------------------------------------------------------------------------------------------


def status_at(timeline_: list[Segment], moment: datetime) -> ComponentStatus:
    """A component's status at a moment, read off its timeline."""
    for segment in timeline_:
        if segment.start_at <= moment < segment.end_at:
            return segment.status
    return ComponentStatus.OPERATIONAL


def as_written_at(item: Incident, moment: datetime) -> Incident:
    """The file as it stood at `moment`: only the updates posted by then."""
    return replace(item, phases=tuple(p for p in item.phases if p.at <= moment))


def timeline_of(s: StatusSite, cid: str, now: datetime = NOW) -> list[Segment]:
    return build_timeline(spans_by_component(s, now).get(cid, []))


def segments(
    tl: list[Segment],
) -> list[tuple[datetime, datetime, ComponentStatus, AbstractSet[str]]]:
    """(start, end, status, causes) of each segment; causes as a set (order is no contract)."""
    return [(s.start_at, s.end_at, s.status, frozenset(s.incident_ids)) for s in tl]


def bar_on(bars: list[DayBar], day: str) -> DayBar:
    wanted = date.fromisoformat(day)
    (bar,) = [b for b in bars if b.day == wanted]
    return bar


def day_uptime(tl: list[Segment], day: str) -> Fraction:
    """Uptime over one whole UTC day [00:00, 24:00), 86400 s."""
    return uptime.uptime_over_days(tl, date.fromisoformat(day), date.fromisoformat(day), UTC)


# --------------------------------------------------------------------------------------------
# Uptime of a day: weighting, escalation, recovery, overlap, midnight, offsets, degraded
# --------------------------------------------------------------------------------------------


def test_one_hour_of_partial_outage_in_a_day() -> None:
    inc = incident(
        "2026-11-22-api-errors",
        {"api": PART},
        phase("2026-11-22T10:00Z", "investigating"),
        phase("2026-11-22T11:00Z", "resolved"),
    )
    s = site(inc)
    tl = timeline_of(s, "api")
    assert segments(tl) == [
        (at("2026-11-22T10:00Z"), at("2026-11-22T11:00Z"), PART, {"2026-11-22-api-errors"}),
    ]
    # 1 h partial: 0.3 * 3600 = 1080 weighted s
    start = uptime.day_start(date(2026, 11, 22), UTC)
    end = uptime.day_start(date(2026, 11, 23), UTC)
    assert (start, end) == (at("2026-11-22T00:00Z"), at("2026-11-23T00:00Z"))
    assert uptime.downtime_seconds(tl, start, end) == 1080
    # 100 * (1 - 1080/86400) = 100 * (1 - 1/80) = 100 * 79/80 = 395/4 = 98.75
    expected = Fraction(395, 4)
    assert uptime.uptime_over_days(tl, date(2026, 11, 22), date(2026, 11, 22), UTC) == expected

    bars = daily_bars(tl, NOW, 90)
    assert len(bars) == 90
    assert bars[0].day == date(2026, 8, 28) and bars[-1].day == date(2026, 11, 25)
    bar = bar_on(bars, "2026-11-22")
    assert bar.uptime == expected
    assert bar.worst is PART
    assert bar.incident_ids == ("2026-11-22-api-errors",)
    assert format_percent(bar.uptime) == "98.75"
    # Every other day is untouched: exactly 100, operational, no incident.
    for other in bars:
        if other.day != date(2026, 11, 22):
            assert (other.uptime, other.worst, other.incident_ids) == (Fraction(100), OP, ()), (
                other.day
            )
    # The dashboard was not named by the incident.
    assert timeline_of(s, "dashboard") == []


def test_escalation_mid_incident() -> None:
    iid = "2026-11-22-api-errors"
    inc = incident(
        iid,
        {"api": PART},
        phase("2026-11-22T14:03Z", "investigating"),
        phase("2026-11-22T14:20Z", "identified", {"api": MAJ}),
        phase("2026-11-22T15:10Z", "resolved"),
    )
    tl = timeline.build_timeline(spans_by_component(site(inc), NOW)["api"])
    assert segments(tl) == [
        (at("2026-11-22T14:03Z"), at("2026-11-22T14:20Z"), PART, {iid}),
        (at("2026-11-22T14:20Z"), at("2026-11-22T15:10Z"), MAJ, {iid}),
    ]
    assert status_at(tl, at("2026-11-22T14:02Z")) is OP
    assert status_at(tl, at("2026-11-22T14:10Z")) is PART
    assert status_at(tl, at("2026-11-22T14:20Z")) is MAJ
    assert status_at(tl, at("2026-11-22T15:10Z")) is OP

    # 17 min partial + 50 min major: 0.3 * 1020 + 3000 = 306 + 3000 = 3306 weighted s
    downtime = Fraction(3, 10) * 1020 + 3000
    assert downtime == 3306
    assert uptime.downtime_seconds(tl, at("2026-11-22T00:00Z"), at("2026-11-23T00:00Z")) == 3306
    # 100 * (1 - 3306/86400) = 100 * (1 - 551/14400) = 100 * 13849/14400 = 13849/144 = 96.1736...
    expected = 100 * (1 - downtime / 86400)
    assert expected == Fraction(13849, 144)
    assert day_uptime(tl, "2026-11-22") == expected
    bar = bar_on(daily_bars(tl, NOW, 90), "2026-11-22")
    assert bar.uptime == expected
    assert bar.worst is MAJ
    assert bar.incident_ids == (iid,)
    assert format_percent(bar.uptime) == "96.17"


def test_recovery_to_operational_while_monitoring_stops_the_downtime() -> None:
    iid = "2026-11-22-api-latency"
    inc = incident(
        iid,
        {"api": PART, "dashboard": DEG},
        phase("2026-11-22T09:00Z", "investigating"),
        phase("2026-11-22T09:40Z", "monitoring", {"api": OP}),  # api recovered, still monitoring
        phase("2026-11-22T11:00Z", "resolved"),
    )
    s = site(inc)
    api = timeline_of(s, "api")
    # Nothing for the api after 09:40, although the incident stays open until 11:00.
    assert segments(api) == [(at("2026-11-22T09:00Z"), at("2026-11-22T09:40Z"), PART, {iid})]
    assert status_at(api, at("2026-11-22T10:30Z")) is OP
    # The dashboard keeps its status until the incident is resolved.
    assert segments(timeline_of(s, "dashboard")) == [
        (at("2026-11-22T09:00Z"), at("2026-11-22T11:00Z"), DEG, {iid}),
    ]
    # 40 min partial: 0.3 * 2400 = 720 s; 100 * (1 - 720/86400) = 100 * (1 - 1/120)
    # = 100 * 119/120 = 595/6 = 99.1666... Truncated: 99.16 (rounding would show 99.17).
    expected = Fraction(595, 6)
    assert day_uptime(api, "2026-11-22") == expected
    assert bar_on(daily_bars(api, NOW, 90), "2026-11-22").uptime == expected
    assert format_percent(expected) == "99.16"

    # At 10:30, with the file as written then (monitoring, not yet resolved):
    moment = at("2026-11-22T10:30Z")
    then = site(as_written_at(inc, moment))
    assert current_statuses(then, moment) == {"api": OP, "dashboard": DEG}
    assert segments(timeline_of(then, "api", moment)) == [
        (at("2026-11-22T09:00Z"), at("2026-11-22T09:40Z"), PART, {iid}),
    ]
    page = state.build_page_state(then, moment)
    assert [i.id for i in page.open_incidents] == [iid]  # still open while monitoring
    assert page.indicator is Impact.MAJOR


def test_overlapping_incidents_worst_status_wins() -> None:
    slow = incident(
        "2026-11-22-api-slow",
        {"api": PART},
        phase("2026-11-22T10:00Z", "investigating"),
        phase("2026-11-22T12:00Z", "resolved"),
        impact="minor",
    )
    down = incident(
        "2026-11-22-api-down",
        {"api": MAJ},
        phase("2026-11-22T11:00Z", "investigating"),
        phase("2026-11-22T11:30Z", "resolved"),
    )
    both = {"2026-11-22-api-slow", "2026-11-22-api-down"}
    expected_segments = [
        (at("2026-11-22T10:00Z"), at("2026-11-22T11:00Z"), PART, {"2026-11-22-api-slow"}),
        (at("2026-11-22T11:00Z"), at("2026-11-22T11:30Z"), MAJ, both),
        (at("2026-11-22T11:30Z"), at("2026-11-22T12:00Z"), PART, {"2026-11-22-api-slow"}),
    ]
    tl = timeline_of(site(slow, down), "api")
    assert segments(tl) == expected_segments
    # The order of the incidents in the site does not matter.
    assert segments(timeline_of(site(down, slow), "api")) == expected_segments

    # 1 h partial + 30 min major + 30 min partial (the overlap counts once, as major):
    # 0.3 * 3600 + 1800 + 0.3 * 1800 = 1080 + 1800 + 540 = 3420 weighted s
    # 100 * (1 - 3420/86400) = 100 * (1 - 19/480) = 100 * 461/480 = 2305/24 = 96.041666...
    expected = Fraction(2305, 24)
    weighted = Fraction(3, 10) * 3600 + 1800 + Fraction(3, 10) * 1800
    assert 100 * (1 - weighted / 86400) == expected
    bar = bar_on(daily_bars(tl, NOW, 90), "2026-11-22")
    assert bar.uptime == expected
    assert bar.worst is MAJ
    assert bar.incident_ids == ("2026-11-22-api-down", "2026-11-22-api-slow")  # sorted by id
    assert format_percent(bar.uptime) == "96.04"


def test_overlapping_incidents_with_the_same_status_count_once() -> None:
    a = incident(
        "a",
        {"api": PART},
        phase("2026-11-22T10:00Z", "investigating"),
        phase("2026-11-22T12:00Z", "resolved"),
    )
    b = incident(
        "b",
        {"api": PART},
        phase("2026-11-22T11:00Z", "investigating"),
        phase("2026-11-22T11:30Z", "resolved"),
    )
    tl = timeline_of(site(a, b), "api")
    # One partial_outage stretch 10:00-12:00, however it is cut into segments.
    assert all(seg.status is PART for seg in tl)
    assert (tl[0].start_at, tl[-1].end_at) == (at("2026-11-22T10:00Z"), at("2026-11-22T12:00Z"))
    assert all(x.end_at == y.start_at for x, y in zip(tl, tl[1:], strict=False))
    # 2 h of partial outage (not 2.5 h): 0.3 * 7200 = 2160 weighted s
    # 100 * (1 - 2160/86400) = 100 * (1 - 1/40) = 100 * 39/40 = 195/2 = 97.5
    assert day_uptime(tl, "2026-11-22") == Fraction(195, 2)
    assert format_percent(day_uptime(tl, "2026-11-22")) == "97.50"


def test_incident_crossing_midnight_utc_splits_between_days() -> None:
    iid = "2026-11-22-night-outage"
    inc = incident(
        iid,
        {"api": MAJ},
        phase("2026-11-22T23:00Z", "investigating"),
        phase("2026-11-23T01:00Z", "resolved"),
    )
    tl = timeline_of(site(inc), "api")
    assert segments(tl) == [(at("2026-11-22T23:00Z"), at("2026-11-23T01:00Z"), MAJ, {iid})]
    # Each day holds 1 h of major outage, 3600 s:
    # 100 * (1 - 3600/86400) = 100 * (1 - 1/24) = 100 * 23/24 = 575/6 = 95.8333...
    expected = Fraction(575, 6)
    bars = daily_bars(tl, NOW, 90)
    for day in ("2026-11-22", "2026-11-23"):
        bar = bar_on(bars, day)
        assert bar.uptime == expected, day
        assert bar.worst is MAJ, day
        assert bar.incident_ids == (iid,), day
        assert format_percent(bar.uptime) == "95.83"
        assert day_uptime(tl, day) == expected
    for day in ("2026-11-21", "2026-11-24"):
        assert (bar_on(bars, day).uptime, bar_on(bars, day).incident_ids) == (Fraction(100), ())
    # Over both days together: 7200 s in 2 days: 100 * (1 - 7200/172800) = 100 * (1 - 1/24)
    # = 575/6, the same percentage.
    assert uptime.uptime_over_days(tl, date(2026, 11, 22), date(2026, 11, 23), UTC) == expected


# The same incident written with different offsets. In UTC it is:
#   2026-11-22T23:30Z investigating, api partial_outage
#   2026-11-23T00:10Z identified, api major_outage
#   2026-11-23T00:40Z resolved
# In +01:00 every update falls on local 2026-11-23, in -05:00 on local 2026-11-22: the offset an
# update is written with never decides which bar a second belongs to, the site's zone does (UTC
# here, the default).
OFFSET_VARIANTS = {
    "plus-one": ("2026-11-23T00:30+01:00", "2026-11-23T01:10+01:00", "2026-11-23T01:40+01:00"),
    "minus-five": ("2026-11-22T18:30-05:00", "2026-11-22T19:10-05:00", "2026-11-22T19:40-05:00"),
    "mixed": ("2026-11-23T00:30+01:00", "2026-11-22T19:10-05:00", "2026-11-23T00:40Z"),
}


def _offset_incident(first: str, second: str, third: str) -> Incident:
    return incident(
        "2026-11-22-api-errors",
        {"api": PART},
        phase(first, "investigating"),
        phase(second, "identified", {"api": MAJ}),
        phase(third, "resolved"),
    )


@pytest.mark.parametrize("variant", sorted(OFFSET_VARIANTS))
def test_offsets_other_than_z_give_the_same_results(variant: str) -> None:
    in_utc = site(_offset_incident("2026-11-22T23:30Z", "2026-11-23T00:10Z", "2026-11-23T00:40Z"))
    offset = site(_offset_incident(*OFFSET_VARIANTS[variant]))
    iid = "2026-11-22-api-errors"

    tl_utc, tl = timeline_of(in_utc, "api"), timeline_of(offset, "api")
    expected_segments = [
        (at("2026-11-22T23:30Z"), at("2026-11-23T00:10Z"), PART, {iid}),
        (at("2026-11-23T00:10Z"), at("2026-11-23T00:40Z"), MAJ, {iid}),
    ]
    assert segments(tl_utc) == expected_segments
    assert segments(tl) == expected_segments  # equal instants, whatever the offset

    bars = daily_bars(tl, NOW, 90)
    assert bars == daily_bars(tl_utc, NOW, 90)
    # 2026-11-22: 30 min partial: 0.3 * 1800 = 540 s; 100 * (1 - 540/86400) = 100 * (1 - 1/160)
    # = 100 * 159/160 = 795/8 = 99.375 -> "99.37" (truncated; rounding would show 99.38)
    day1 = bar_on(bars, "2026-11-22")
    assert (day1.uptime, day1.worst, day1.incident_ids) == (Fraction(795, 8), PART, (iid,))
    assert format_percent(day1.uptime) == "99.37"
    # 2026-11-23: 10 min partial + 30 min major: 0.3 * 600 + 1800 = 180 + 1800 = 1980 s;
    # 100 * (1 - 1980/86400) = 100 * (1 - 11/480) = 100 * 469/480 = 2345/24 = 97.7083... -> "97.70"
    day2 = bar_on(bars, "2026-11-23")
    assert (day2.uptime, day2.worst, day2.incident_ids) == (Fraction(2345, 24), MAJ, (iid,))
    assert format_percent(day2.uptime) == "97.70"

    for days in (30, 90, 365):
        assert window_uptime(tl, NOW, days) == window_uptime(tl_utc, NOW, days)
    mid = at("2026-11-23T00:20Z")
    assert (
        current_statuses(offset, mid)
        == current_statuses(in_utc, mid)
        == {"api": MAJ, "dashboard": OP}
    )
    # `now` itself given with an offset: the days (UTC, the zone) stay the same.
    now_elsewhere = NOW.astimezone(timezone(timedelta(hours=-11)))  # 2026-11-25T01:00-11:00
    assert daily_bars(tl, now_elsewhere, 90) == bars
    assert window_uptime(tl, now_elsewhere, 30) == window_uptime(tl_utc, NOW, 30)


def test_degraded_performance_is_no_downtime_but_the_worst_status_of_the_day() -> None:
    iid = "2026-11-22-api-slow"
    inc = incident(
        iid,
        {"api": DEG},
        phase("2026-11-22T10:00Z", "investigating"),
        phase("2026-11-22T13:00Z", "resolved"),
        impact="minor",
    )
    tl = timeline_of(site(inc), "api")
    assert segments(tl) == [(at("2026-11-22T10:00Z"), at("2026-11-22T13:00Z"), DEG, {iid})]
    # 3 h degraded: 0 * 10800 = 0 weighted s; 100 * (1 - 0/86400) = 100 exactly
    assert uptime.downtime_seconds(tl, at("2026-11-22T00:00Z"), at("2026-11-23T00:00Z")) == 0
    bar = bar_on(daily_bars(tl, NOW, 90), "2026-11-22")
    assert bar.uptime == 100
    assert bar.worst is DEG
    assert bar.incident_ids == (iid,)
    assert format_percent(bar.uptime) == "100.00"
    assert window_uptime(tl, NOW, 30) == 100


# --------------------------------------------------------------------------------------------
# Maintenance
# --------------------------------------------------------------------------------------------


def test_maintenance_runs_from_an_early_in_progress_update_until_completed() -> None:
    iid = "2026-11-24-db-upgrade"
    full = maintenance(
        iid,
        "2026-11-24T02:00Z",
        "2026-11-24T04:00Z",
        phase("2026-11-20T09:00Z", "scheduled"),
        phase("2026-11-24T01:50Z", "in_progress"),  # started 10 minutes before the window
        phase("2026-11-24T03:10Z", "verifying"),
        phase("2026-11-24T03:30Z", "completed"),  # finished 30 minutes early
    )
    tl = timeline_of(site(full), "api")
    # earlier of scheduled.start (02:00) and in_progress (01:50) = 01:50; until completed (03:30)
    assert segments(tl) == [(at("2026-11-24T01:50Z"), at("2026-11-24T03:30Z"), UM, {iid})]
    # A maintenance window is not downtime: 0 * 6000 s = 0; 100 * (1 - 0/86400) = 100
    bar = bar_on(daily_bars(tl, NOW, 90), "2026-11-24")
    assert (bar.uptime, bar.worst, bar.incident_ids) == (Fraction(100), UM, (iid,))
    assert format_percent(bar.uptime) == "100.00"
    assert window_uptime(tl, NOW, 30) == window_uptime(tl, NOW, 90) == 100

    cases = [
        ("2026-11-24T01:00Z", "upcoming", OP),
        ("2026-11-24T01:55Z", "in_progress", UM),
        ("2026-11-24T03:20Z", "in_progress", UM),
        ("2026-11-24T03:30Z", "completed", OP),
        ("2026-11-24T03:45Z", "completed", OP),
    ]
    for when, expected_phase, expected_status in cases:
        moment = at(when)
        # The file as committed by then, and the complete file with future updates written ahead
        # (`at` in the future is allowed for maintenance): both tell the same story.
        for item in (as_written_at(full, moment), full):
            label = (when, len(item.phases))
            assert lifecycle.lifecycle_at(item, moment) == expected_phase, label
            assert current_statuses(site(item), moment)["api"] is expected_status, label
            assert current_statuses(site(item), moment)["dashboard"] is OP, label
            page = state.build_page_state(site(item), moment)
            assert page.indicator is Impact.NONE, label
            assert page.open_incidents == (), label
            assert page.maintenance_in_progress == (
                (item,) if expected_phase == "in_progress" else ()
            )
            assert page.maintenance_upcoming == ((item,) if expected_phase == "upcoming" else ())
            assert page.sentence == (
                "Service under maintenance"
                if expected_phase == "in_progress"
                else "All systems operational"
            ), label


def test_maintenance_without_completed_update_ends_at_scheduled_end() -> None:
    iid = "2026-11-24-cert-rotation"
    full = maintenance(
        iid,
        "2026-11-24T02:00Z",
        "2026-11-24T04:00Z",
        phase("2026-11-20T09:00Z", "scheduled"),
        phase("2026-11-24T02:15Z", "in_progress"),  # later than scheduled.start: the start wins
        # nobody posts `completed` at 4 a.m.
        components={"api": UM, "dashboard": UM},
    )
    for cid in ("api", "dashboard"):
        assert segments(timeline_of(site(full), cid)) == [
            (at("2026-11-24T02:00Z"), at("2026-11-24T04:00Z"), UM, {iid}),
        ]
        assert window_uptime(timeline_of(site(full), cid), NOW, 30) == 100

    # The window is [start, end): in progress from the very start, done at the very end.
    cases = [
        ("2026-11-24T01:59:59Z", "upcoming", OP),
        ("2026-11-24T02:00Z", "in_progress", UM),
        ("2026-11-24T02:15Z", "in_progress", UM),
        ("2026-11-24T03:59:59Z", "in_progress", UM),
        ("2026-11-24T04:00Z", "completed", OP),
        ("2026-11-25T12:00Z", "completed", OP),
    ]
    for when, expected_phase, expected_status in cases:
        moment = at(when)
        item = as_written_at(full, moment)
        assert lifecycle.lifecycle_at(item, moment) == expected_phase, when
        assert current_statuses(site(item), moment) == {
            "api": expected_status,
            "dashboard": expected_status,
        }, when


def test_maintenance_overrunning_its_window_lasts_until_completed() -> None:
    iid = "2026-11-24-migration"
    full = maintenance(
        iid,
        "2026-11-24T02:00Z",
        "2026-11-24T04:00Z",
        phase("2026-11-20T09:00Z", "scheduled"),
        phase("2026-11-24T02:00Z", "in_progress"),
        phase("2026-11-24T04:30Z", "completed"),
    )
    tl = timeline_of(site(full), "api")
    assert segments(tl) == [(at("2026-11-24T02:00Z"), at("2026-11-24T04:30Z"), UM, {iid})]
    # 2.5 h under maintenance: 0 * 9000 = 0 s; 100 * (1 - 0/86400) = 100
    assert day_uptime(tl, "2026-11-24") == 100
    moment = at("2026-11-24T04:15Z")
    assert lifecycle.lifecycle_at(full, moment) == "in_progress"
    assert current_statuses(site(full), moment)["api"] is UM
    assert lifecycle.lifecycle_at(full, at("2026-11-24T04:30Z")) == "completed"


# --------------------------------------------------------------------------------------------
# Open and resolved incidents, current status, page state
# --------------------------------------------------------------------------------------------


def test_open_incident_counts_until_now_and_not_after() -> None:
    iid = "2026-11-25-api-down"
    inc = incident(
        iid,
        {"api": MAJ},
        phase("2026-11-25T10:00Z", "investigating"),
        phase("2026-11-25T10:45Z", "identified"),
    )
    s = site(inc)
    tl = timeline_of(s, "api")
    assert segments(tl) == [(at("2026-11-25T10:00Z"), NOW, MAJ, {iid})]  # ends at now
    # An hour later the same open incident reaches that later now.
    later = NOW + timedelta(hours=1)
    assert segments(timeline_of(s, "api", later)) == [(at("2026-11-25T10:00Z"), later, MAJ, {iid})]

    # Downtime runs until NOW and not after: 10:00-12:00 = 7200 s of major outage today, none of
    # the 12 hours still to come, although today counts as a full day of 86400 s.
    today_start = uptime.day_start(date(2026, 11, 25), UTC)
    tomorrow_start = uptime.day_start(date(2026, 11, 26), UTC)
    assert uptime.downtime_seconds(tl, today_start, tomorrow_start) == 7200
    # Today: 100 * (1 - 7200/86400) = 100 * (1 - 1/12) = 100 * 11/12 = 275/3 = 91.666... -> "91.66"
    today = daily_bars(tl, NOW, 90)[-1]
    assert today.day == date(2026, 11, 25)
    assert (today.uptime, today.worst, today.incident_ids) == (Fraction(275, 3), MAJ, (iid,))
    assert format_percent(today.uptime) == "91.66"
    # An hour later, 3 h: 100 * (1 - 10800/86400) = 100 * (1 - 1/8) = 175/2 = 87.5
    assert daily_bars(timeline_of(s, "api", later), later, 90)[-1].uptime == Fraction(175, 2)
    # 30 days: 100 * (1 - 7200/2592000) = 100 * (1 - 1/360) = 100 * 359/360 = 1795/18
    # = 99.7222... -> "99.72"
    assert window_uptime(tl, NOW, 30) == Fraction(1795, 18)
    assert format_percent(window_uptime(tl, NOW, 30)) == "99.72"

    assert current_statuses(s, NOW) == {"api": MAJ, "dashboard": OP}
    page = state.build_page_state(s, NOW)
    assert page.now == NOW
    assert page.indicator is Impact.MAJOR
    assert page.sentence == "Partial system outage"
    assert page.open_incidents == (inc,)
    assert page.component_statuses == {"api": MAJ, "dashboard": OP}
    assert page.maintenance_in_progress == () and page.maintenance_upcoming == ()


@pytest.mark.parametrize(
    ("impact", "sentence"),
    [
        ("none", "All systems operational"),
        ("minor", "Minor service outage"),
        ("major", "Partial system outage"),
        ("critical", "Major system outage"),
    ],
)
def test_indicator_sentence_for_each_impact(impact: str, sentence: str) -> None:
    inc = incident("open", {"api": DEG}, phase("2026-11-25T11:00Z", "investigating"), impact=impact)
    page = state.build_page_state(site(inc), NOW)
    assert page.indicator is Impact(impact)
    assert page.sentence == sentence
    assert page.open_incidents == (inc,)


def test_indicator_is_the_worst_impact_of_open_incidents_only() -> None:
    minor = incident(
        "a-minor", {"api": DEG}, phase("2026-11-25T09:00Z", "investigating"), impact="minor"
    )
    critical = incident(
        "b-critical",
        {"dashboard": MAJ},
        phase("2026-11-25T11:30Z", "identified"),
        impact="critical",
    )
    closed = incident(
        "c-closed",
        {"api": MAJ},
        phase("2026-11-25T08:00Z", "investigating"),
        phase("2026-11-25T08:30Z", "resolved"),
        impact="critical",
    )
    works = maintenance(
        "d-works",
        "2026-11-25T11:00Z",
        "2026-11-25T13:00Z",
        phase("2026-11-20T09:00Z", "scheduled"),
        components={"api": UM},
    )
    upcoming = maintenance(
        "e-later", "2026-11-26T02:00Z", "2026-11-26T03:00Z", phase("2026-11-20T09:00Z", "scheduled")
    )

    page = state.build_page_state(site(minor, closed, works, upcoming), NOW)
    assert page.indicator is Impact.MINOR
    assert (
        page.sentence == "Minor service outage"
    )  # an open incident beats the maintenance sentence
    assert page.open_incidents == (minor,)
    assert page.maintenance_in_progress == (works,)
    assert page.maintenance_upcoming == (upcoming,)
    # api: worst of degraded_performance (a-minor) and under_maintenance (d-works)
    assert page.component_statuses == {"api": DEG, "dashboard": OP}

    page = state.build_page_state(site(minor, critical, closed, works), NOW)
    assert page.indicator is Impact.CRITICAL
    assert page.sentence == "Major system outage"
    assert {i.id for i in page.open_incidents} == {"a-minor", "b-critical"}
    assert page.component_statuses == {"api": DEG, "dashboard": MAJ}

    page = state.build_page_state(site(closed, works, upcoming), NOW)
    assert page.indicator is Impact.NONE
    assert page.sentence == "Service under maintenance"  # only maintenance is in progress
    assert page.open_incidents == ()
    assert page.component_statuses == {"api": UM, "dashboard": OP}

    page = state.build_page_state(site(closed, upcoming), NOW)
    assert (page.indicator, page.sentence) == (Impact.NONE, "All systems operational")


def test_resolved_incident_no_longer_counts_in_the_current_status() -> None:
    iid = "2026-11-25-api-down"
    inc = incident(
        iid,
        {"api": MAJ, "dashboard": PART},
        phase("2026-11-25T10:00Z", "investigating"),
        phase("2026-11-25T11:00Z", "resolved"),
    )
    # While open (the file as it stood at 10:30):
    moment = at("2026-11-25T10:30Z")
    before = state.build_page_state(site(as_written_at(inc, moment)), moment)
    assert before.indicator is Impact.MAJOR
    assert before.component_statuses == {"api": MAJ, "dashboard": PART}
    # From the moment it is resolved, and after:
    for now in (at("2026-11-25T11:00Z"), NOW):
        s = site(inc)
        assert current_statuses(s, now) == {"api": OP, "dashboard": OP}
        page = state.build_page_state(s, now)
        assert page.indicator is Impact.NONE
        assert page.sentence == "All systems operational"
        assert page.open_incidents == ()
    # Its history stays: 60 min major today.
    assert segments(timeline_of(site(inc), "api")) == [
        (at("2026-11-25T10:00Z"), at("2026-11-25T11:00Z"), MAJ, {iid}),
    ]


def test_status_changes_take_effect_at_the_moment_of_the_update() -> None:
    # Statuses hold over [from, to): at the exact time of an update its statuses apply.
    iid = "2026-11-22-api-errors"
    inc = incident(
        iid,
        {"api": PART},
        phase("2026-11-22T14:03Z", "investigating"),
        phase("2026-11-22T14:20Z", "identified", {"api": MAJ}),
        phase("2026-11-22T15:10Z", "resolved"),
    )
    for when, expected in [
        ("2026-11-22T14:02:59Z", OP),
        ("2026-11-22T14:03Z", PART),  # the first update is posted
        ("2026-11-22T14:20Z", MAJ),  # the escalation is posted
        ("2026-11-22T15:10Z", OP),  # resolved
    ]:
        moment = at(when)
        for item in (as_written_at(inc, moment), inc):
            if not item.phases:
                continue
            s = site(item)
            assert current_statuses(s, moment)["api"] is expected, (when, len(item.phases))
            page = state.build_page_state(s, moment)
            is_open = expected is not OP
            assert page.open_incidents == ((item,) if is_open else ()), when
            assert page.indicator is (Impact.MAJOR if is_open else Impact.NONE), when


# --------------------------------------------------------------------------------------------
# since, windows, formatting
# --------------------------------------------------------------------------------------------


def test_component_since_limits_the_window_and_the_bars() -> None:
    since = at("2026-11-24T00:00Z")  # `since: 2026-11-24` in components.yml
    api = component("api", since=since)
    before = incident(
        "before",
        {"api": MAJ},
        phase("2026-11-23T20:00Z", "investigating"),
        phase("2026-11-23T21:00Z", "resolved"),
    )
    after = incident(
        "after",
        {"api": MAJ},
        phase("2026-11-24T18:00Z", "investigating"),
        phase("2026-11-24T19:00Z", "resolved"),
    )
    tl = timeline_of(site(before, after, components=(api,)), "api")

    # 30 days from `since`: 11-24 .. 11-25, 2 full days = 172800 s; only "after" counts (3600 s)
    # 100 * (1 - 3600/172800) = 100 * (1 - 1/48) = 100 * 47/48 = 1175/12 = 97.9166... -> "97.91"
    assert window_uptime(tl, NOW, 30, since) == Fraction(1175, 12)
    assert format_percent(window_uptime(tl, NOW, 30, since)) == "97.91"
    # Without `since` both count, 7200 s in 30 days:
    # 100 * (1 - 7200/2592000) = 100 * (1 - 1/360) = 1795/18 = 99.7222... -> "99.72"
    assert window_uptime(tl, NOW, 30) == Fraction(1795, 18)
    assert format_percent(window_uptime(tl, NOW, 30)) == "99.72"
    # A `since` in the middle of a day: the window starts at its (local) day, 11-24, so it is the
    # same 2 full days and the same 3600 s: 1175/12
    midday = at("2026-11-24T12:00Z")
    assert window_uptime(tl, NOW, 30, midday) == Fraction(1175, 12)
    assert window_uptime(tl, NOW, 90, midday) == Fraction(1175, 12)

    bars = daily_bars(tl, NOW, 90, since)
    assert len(bars) == 90
    for bar in bars[:-2]:  # 2026-08-28 .. 2026-11-23: before the component existed
        assert bar.day < date(2026, 11, 24)
        assert bar.uptime is None, bar.day
        assert format_percent(bar.uptime) == "–"
    # 11-24: 3600 s major: 100 * (1 - 3600/86400) = 100 * 23/24 = 575/6; 11-25: 0 s: 100
    assert bar_on(bars, "2026-11-24").uptime == Fraction(575, 6)
    assert bar_on(bars, "2026-11-25").uptime == 100

    bars = daily_bars(tl, NOW, 90, midday)
    assert bar_on(bars, "2026-11-23").uptime is None
    # 11-24 counts as a full day from `since`'s day on: 3600 s of 86400 s:
    # 100 * (1 - 3600/86400) = 575/6 = 95.8333... -> "95.83"
    assert bar_on(bars, "2026-11-24").uptime == Fraction(575, 6)
    assert format_percent(bar_on(bars, "2026-11-24").uptime) == "95.83"
    # A whole window before `since` has no uptime at all: on 11-23 the component starts tomorrow.
    day_before = at("2026-11-23T12:00Z")
    then = timeline_of(site(before, after, components=(api,)), "api", day_before)
    assert window_uptime(then, day_before, 30, since) is None
    assert all(bar.uptime is None for bar in daily_bars(then, day_before, 30, since))


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Fraction(998776, 10000), "99.87"),  # 99.8776: truncated, not rounded to 99.88
        (Fraction(100), "100.00"),
        (Fraction("99.99999"), "99.99"),  # never rounded up to 100.00
        (Fraction(0), "0.00"),
        (None, "–"),
        (100 - Fraction(1, 10**12), "99.99"),
        (Fraction(575, 6), "95.83"),  # 95.8333...
        (Fraction(1999, 20), "99.95"),  # exactly 99.95
        (Fraction(9, 10), "0.90"),
        (Fraction(1, 1000), "0.00"),
    ],
)
def test_format_percent_truncates_to_two_decimals(value: Fraction | None, shown: str) -> None:
    assert format_percent(value) == shown


def test_window_uptime_covers_the_last_n_utc_days_including_today() -> None:
    old = incident(
        "old",
        {"api": MAJ},  # 40 days before NOW's day
        phase("2026-10-16T10:00Z", "investigating"),
        phase("2026-10-16T11:00Z", "resolved"),
    )
    edge = incident(
        "edge",
        {"api": MAJ},  # across the first midnight of the 30-day window
        phase("2026-10-26T23:00Z", "investigating"),
        phase("2026-10-27T01:00Z", "resolved"),
    )
    tl = timeline_of(site(old, edge), "api")

    # 30 days = 2026-10-27 .. 2026-11-25 = 2592000 s; only edge's 00:00-01:00 counts: 3600 s
    # 100 * (1 - 3600/2592000) = 100 * (1 - 1/720) = 100 * 719/720 = 3595/36 = 99.8611... -> "99.86"
    assert window_uptime(tl, NOW, 30) == Fraction(3595, 36)
    assert format_percent(window_uptime(tl, NOW, 30)) == "99.86"
    # 90 days = 2026-08-28 .. 2026-11-25 = 7776000 s; old 3600 + edge 7200 = 10800 s
    # 100 * (1 - 10800/7776000) = 100 * (1 - 1/720) = 3595/36 -> "99.86" (three times the
    # downtime in three times the days)
    assert window_uptime(tl, NOW, 90) == Fraction(3595, 36)
    assert format_percent(window_uptime(tl, NOW, 90)) == "99.86"
    # 365 days = 31536000 s; 10800 s: 100 * (1 - 10800/31536000) = 100 * (1 - 1/2920)
    # = 100 * 2919/2920 = 14595/146 = 99.9657... -> "99.96"
    assert window_uptime(tl, NOW, 365) == Fraction(14595, 146)
    assert format_percent(window_uptime(tl, NOW, 365)) == "99.96"

    bars30 = daily_bars(tl, NOW, 30)
    assert [bars30[0].day, bars30[-1].day] == [date(2026, 10, 27), date(2026, 11, 25)]
    assert bars30[0].incident_ids == ("edge",)
    assert bars30[0].uptime == Fraction(575, 6)  # 100 * (1 - 3600/86400) = 100 * 23/24
    assert all(b.incident_ids == () for b in bars30[1:])
    bars90 = daily_bars(tl, NOW, 90)
    assert bar_on(bars90, "2026-10-16").incident_ids == ("old",)
    assert bar_on(bars90, "2026-10-16").uptime == Fraction(575, 6)
    assert bar_on(bars90, "2026-10-26").uptime == Fraction(575, 6)


def test_the_least_downtime_is_never_shown_as_100() -> None:
    one = incident(
        "blip",
        {"api": PART},
        phase("2026-10-01T10:00Z", "investigating"),
        phase("2026-10-01T10:01Z", "resolved"),
    )
    tl = timeline_of(site(one), "api")
    # 1 min partial in 90 days: 0.3 * 60 = 18 s; 100 * (1 - 18/7776000) = 100 * (1 - 1/432000)
    # = 100 - 1/4320 = 99.99976... -> "99.99", not "100.00"
    assert window_uptime(tl, NOW, 90) == 100 - Fraction(1, 4320)
    assert format_percent(window_uptime(tl, NOW, 90)) == "99.99"
    assert format_percent(window_uptime(tl, NOW, 30)) == "100.00"  # outside the 30 days


def test_downtime_is_exact_for_sub_second_times() -> None:
    # uptime.py promises exact fractions: a major outage of 249 microseconds is 249/1e6 s.
    start = at("2026-11-22T10:00:00Z")
    end = start + timedelta(microseconds=249)
    tl = [Segment(start, end, MAJ, ("blip",))]
    day_start, day_end = at("2026-11-22T00:00Z"), at("2026-11-23T00:00Z")
    assert uptime.downtime_seconds(tl, day_start, day_end) == Fraction(249, 10**6)
    # Cut by a bound 100 µs into it, 149 µs are left: 149/1e6 s.
    clipped = uptime.downtime_seconds(tl, start + timedelta(microseconds=100), day_end)
    assert clipped == Fraction(149, 10**6)
    # And the day's uptime is exact too: 100 * (1 - (249/10**6)/86400) = 100 - 24900/86400000000
    # = 100 - 83/288000000 (dividing by 300)
    day = date(2026, 11, 22)
    assert uptime.uptime_over_days(tl, day, day, UTC) == 100 - Fraction(83, 288_000_000)


# --------------------------------------------------------------------------------------------
# Audiences
# --------------------------------------------------------------------------------------------


def test_public_audience_drops_internal_things_and_their_downtime() -> None:
    components = (
        component("api"),
        component("dashboard"),
        component("secret-db", "Internal tools", audience=Audience.INTERNAL),
    )
    shared = incident(
        "shared",
        {"api": PART, "secret-db": MAJ},
        phase("2026-11-22T10:00Z", "investigating"),
        phase("2026-11-22T10:30Z", "identified", {"api": MAJ}, audience=Audience.INTERNAL),
        phase("2026-11-22T11:00Z", "resolved"),
    )
    hidden = incident(
        "hidden",
        {"api": MAJ},
        phase("2026-11-23T10:00Z", "investigating"),
        phase("2026-11-23T11:00Z", "resolved"),
        audience=Audience.INTERNAL,
    )
    hidden_open = incident(
        "hidden-open",
        {"api": MAJ},
        phase("2026-11-25T11:00Z", "investigating"),
        audience=Audience.INTERNAL,
    )
    full = site(shared, hidden, hidden_open, components=components)

    public = audience.for_audience(full, "public")
    assert audience.for_audience(full, Audience.PUBLIC) == public
    assert [g.name for g in public.catalog.groups] == ["Core platform"]  # empty group dropped
    assert [c.id for c in public.catalog.components] == ["api", "dashboard"]
    assert [i.id for i in public.incidents] == ["shared"]
    (pub_shared,) = public.incidents
    assert [p.status for p in pub_shared.phases] == [
        PhaseStatus.INVESTIGATING,
        PhaseStatus.RESOLVED,
    ]
    assert dict(pub_shared.components) == {"api": PART}
    assert "secret-db" not in spans_by_component(public, NOW)

    # Public api: partial 10:00-11:00 (the internal escalation is gone), nothing on 11-23 or today.
    # 11-22: 1 h partial: 0.3 * 3600 = 1080 s -> 100 * (1 - 1080/86400) = 100 * 79/80 = 98.75
    pub_api = timeline_of(public, "api")
    assert segments(pub_api) == [
        (at("2026-11-22T10:00Z"), at("2026-11-22T11:00Z"), PART, {"shared"})
    ]
    bars = daily_bars(pub_api, NOW, 90)
    assert bar_on(bars, "2026-11-22").uptime == Fraction(9875, 100)
    assert bar_on(bars, "2026-11-23").uptime == 100
    assert bar_on(bars, "2026-11-25").uptime == 100
    page = state.build_page_state(public, NOW)
    assert (page.indicator, page.sentence, page.open_incidents) == (
        Impact.NONE,
        "All systems operational",
        (),
    )
    assert page.component_statuses == {"api": OP, "dashboard": OP}

    internal = audience.for_audience(full, "internal")
    assert [c.id for c in internal.catalog.components] == ["api", "dashboard", "secret-db"]
    assert [i.id for i in internal.incidents] == ["shared", "hidden", "hidden-open"]
    assert len(internal.incidents[0].phases) == 3
    int_api = timeline_of(internal, "api")
    assert segments(int_api) == [
        (at("2026-11-22T10:00Z"), at("2026-11-22T10:30Z"), PART, {"shared"}),
        (at("2026-11-22T10:30Z"), at("2026-11-22T11:00Z"), MAJ, {"shared"}),
        (at("2026-11-23T10:00Z"), at("2026-11-23T11:00Z"), MAJ, {"hidden"}),
        (at("2026-11-25T11:00Z"), NOW, MAJ, {"hidden-open"}),
    ]
    bars = daily_bars(int_api, NOW, 90)
    # 11-22: 30 min partial + 30 min major: 0.3 * 1800 + 1800 = 2340 s
    # -> 100 * (1 - 2340/86400) = 100 * (1 - 13/480) = 100 * 467/480 = 2335/24 -> "97.29"
    assert bar_on(bars, "2026-11-22").uptime == Fraction(2335, 24)
    assert format_percent(bar_on(bars, "2026-11-22").uptime) == "97.29"
    # 11-23: 3600 s major -> 100 * (1 - 3600/86400) = 100 * 23/24 = 575/6 -> "95.83"
    assert bar_on(bars, "2026-11-23").uptime == Fraction(575, 6)
    # today: 11:00-NOW = 3600 s major, over a full day: 100 * (1 - 3600/86400) = 575/6 -> "95.83"
    assert bar_on(bars, "2026-11-25").uptime == Fraction(575, 6)
    assert format_percent(bar_on(bars, "2026-11-25").uptime) == "95.83"
    # secret-db: 3600 s major on 11-22 -> 575/6
    assert bar_on(daily_bars(timeline_of(internal, "secret-db"), NOW, 90), "2026-11-22").uptime == (
        Fraction(575, 6)
    )
    page = state.build_page_state(internal, NOW)
    assert page.indicator is Impact.MAJOR
    assert [i.id for i in page.open_incidents] == ["hidden-open"]
    assert page.component_statuses == {"api": MAJ, "dashboard": OP, "secret-db": OP}
