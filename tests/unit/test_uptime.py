"""Uptime as Statuspage defines it, worked out by hand case by case.

    weighted downtime = seconds of major_outage + 3/10 * seconds of partial_outage
                        (degraded_performance and under_maintenance weigh 0; where incidents
                        overlap, the worst status of the moment counts, once)
    uptime % (N days) = 100 * (1 - weighted downtime / (N * 86400))
    days              = local days of the site's zone; today counts as a full day of 86400 s
                        (its downtime only runs until now), and so does a 23- or 25-hour day
    since             = the window starts no earlier than the local day of the component's since
    shown as          = two decimals, TRUNCATED (never rounded up)

Every value below is an exact Fraction with its arithmetic in a comment.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from fractions import Fraction
from zoneinfo import ZoneInfo

import models
import pytest
from moments import DEG, MAJ, NOW, PART, UM, at

from statusgen.derive.timeline import build_timeline, spans_by_component
from statusgen.derive.uptime import (
    daily_bars,
    day_start,
    format_percent,
    local_day,
    window_uptime,
)
from statusgen.model import (
    ComponentStatus,
    Incident,
    StatusSite,
)

AMSTERDAM = "Europe/Amsterdam"  # east of UTC: +01:00 in winter, +02:00 in summer
NEW_YORK = "America/New_York"  # west of UTC: -05:00 in November


def outage(iid: str, status: ComponentStatus, start: str, end: str | None = None) -> Incident:
    """An incident putting the api in `status` from `start`, resolved at `end` (open if None)."""
    return models.outage(iid, {"api": status}, start, end)


def works(iid: str, start: str, end: str) -> Incident:
    """A maintenance of the api over [start, end), announced a week before, never updated."""
    return models.maintenance(iid, start, end)


def site(incidents: tuple[Incident, ...]) -> StatusSite:
    return models.site(*incidents, components=(models.component("api", name="API"),))


Shown = tuple[Fraction | None, str]


@dataclass(frozen=True)
class Case:
    """Incidents of the api, and what the reader must see at `now` in `zone`."""

    incidents: tuple[Incident, ...]
    #: days of the window -> (window_uptime, as shown)
    windows: Mapping[int, Shown] = field(default_factory=dict)
    #: local day -> (that day's bar uptime, as shown)
    bars: Mapping[str, Shown] = field(default_factory=dict)
    now: datetime = NOW
    zone: str = "UTC"
    since: datetime | None = None


HUNDRED: Shown = (Fraction(100), "100.00")
NOTHING: Shown = (None, "–")

# 23:30 UTC on 21 Nov to 00:30 UTC on 22 Nov: 21 Nov 23:30-24:00 and 22 Nov 00:00-00:30 in UTC,
# 22 Nov 00:30-01:30 in Amsterdam, 21 Nov 18:30-19:30 in New York.
AROUND_UTC_MIDNIGHT = (outage("night", MAJ, "2026-11-21T23:30Z", "2026-11-22T00:30Z"),)
# Built at 00:45 on 23 Nov in Amsterdam, which is 23:45 UTC on 22 Nov:
#   "late":   major 22:40-23:10 UTC = 23:40-00:10 local: 1200 s on 22 Nov, 600 s on 23 Nov local
#   "open":   partial from 23:30 UTC (the UTC evening before, 00:30 on 23 Nov local), still open:
#             counted until now, 23:30-23:45 UTC = 900 s
AFTER_LOCAL_MIDNIGHT = at("2026-11-23T00:45+01:00")
AROUND_LOCAL_MIDNIGHT = (
    outage("late", MAJ, "2026-11-22T22:40Z", "2026-11-22T23:10Z"),
    outage("open", PART, "2026-11-22T23:30Z"),
)
# Amsterdam's local 25 Oct 2026 (clocks go back) runs 2026-10-24T22:00Z .. 2026-10-25T23:00Z:
# 25 h = 90000 s. Its local 29 Mar 2026 (clocks go forward) runs 2026-03-28T23:00Z ..
# 2026-03-29T22:00Z: 23 h = 82800 s.
WHOLE_25_HOUR_DAY = (outage("long-day", MAJ, "2026-10-24T22:00Z", "2026-10-25T23:00Z"),)
WHOLE_23_HOUR_DAY = (outage("short-day", MAJ, "2026-03-28T23:00Z", "2026-03-29T22:00Z"),)
# A component's `since` at 23:30 UTC on 19 Nov: 19 Nov in UTC, 20 Nov (00:30) in Amsterdam.
SINCE_19_NOV_LATE = at("2026-11-19T23:30Z")
SINCE_CASE_INCIDENTS = (
    outage("before", MAJ, "2026-11-18T10:00Z", "2026-11-18T11:00Z"),  # before either day
    outage("after", MAJ, "2026-11-21T10:00Z", "2026-11-21T11:00Z"),  # 3600 s on 21 Nov
)
# A `since` at 23:30 UTC today: today (25 Nov) in UTC, tomorrow (26 Nov, 00:30) in Amsterdam.
SINCE_TONIGHT = at("2026-11-25T23:30Z")
TODAY_HOUR = (outage("today", MAJ, "2026-11-25T10:00Z", "2026-11-25T11:00Z"),)

CASES = [
    pytest.param(
        Case(
            (outage("down", MAJ, "2026-11-22T10:00Z", "2026-11-22T11:30Z"),),
            # 1.5 h major = 5400 s: 100 * (1 - 5400/2592000) = 100 * (1 - 1/480)
            # = 100 * 479/480 = 2395/24 = 99.7916...
            windows={30: (Fraction(2395, 24), "99.79")},
            bars={
                # 100 * (1 - 5400/86400) = 100 * (1 - 1/16) = 375/4 = 93.75
                "2026-11-22": (Fraction(375, 4), "93.75"),
                "2026-11-21": HUNDRED,
            },
        ),
        id="major-only-day",
    ),
    pytest.param(
        Case(
            (outage("slow", PART, "2026-11-22T10:00Z", "2026-11-22T14:00Z"),),
            # 4 h partial: 0.3 * 14400 = 4320 s: 100 * (1 - 4320/2592000) = 100 * (1 - 1/600)
            # = 599/6 = 99.8333...
            windows={30: (Fraction(599, 6), "99.83")},
            # 100 * (1 - 4320/86400) = 100 * (1 - 1/20) = 95
            bars={"2026-11-22": (Fraction(95), "95.00")},
        ),
        id="partial-only-day",
    ),
    pytest.param(
        Case(
            (
                outage("a", PART, "2026-11-22T10:00Z", "2026-11-22T12:00Z"),
                outage("b", MAJ, "2026-11-22T11:00Z", "2026-11-22T11:30Z"),
                outage("c", PART, "2026-11-22T11:15Z", "2026-11-22T13:00Z"),
            ),
            # Worst status of each moment: 10:00-11:00 partial (a), 11:00-11:30 major (b, over a
            # and c), 11:30-13:00 partial (a and c, once): major 1800 s, partial 3600 + 5400 =
            # 9000 s; 1800 + 0.3 * 9000 = 1800 + 2700 = 4500 s (adding the incidents up instead
            # would give 0.3 * 7200 + 1800 + 0.3 * 6300 = 5850 s).
            # 100 * (1 - 4500/2592000) = 100 * (1 - 1/576) = 100 * 575/576 = 14375/144 = 99.826...
            windows={30: (Fraction(14375, 144), "99.82")},
            # 100 * (1 - 4500/86400) = 100 * (1 - 5/96) = 100 * 91/96 = 2275/24 = 94.7916...
            bars={"2026-11-22": (Fraction(2275, 24), "94.79")},
        ),
        id="major-and-partial-overlapping",
    ),
    pytest.param(
        Case(
            (
                outage("slow", DEG, "2026-11-22T08:00Z", "2026-11-22T20:00Z"),
                works("upgrade", "2026-11-23T02:00Z", "2026-11-23T04:00Z"),
            ),
            # 12 h degraded and 2 h maintenance: 0 * 43200 + 0 * 7200 = 0 s: 100 exactly
            windows={30: HUNDRED, 90: HUNDRED},
            bars={"2026-11-22": HUNDRED, "2026-11-23": HUNDRED},
        ),
        id="degraded-and-maintenance-count-zero",
    ),
    pytest.param(
        Case(
            (
                outage("a", MAJ, "2026-11-20T10:00Z", "2026-11-20T11:00Z"),  # 3600 s, all
                # across the first midnight of the 30 days: 3600 s in 30, 7200 s in 90 and 365
                outage("edge", MAJ, "2026-10-26T23:00Z", "2026-10-27T01:00Z"),
                # 20 h partial: 0.3 * 72000 = 21600 s, in 90 and 365 only
                outage("b", PART, "2026-10-01T00:00Z", "2026-10-01T20:00Z"),
                outage("c", MAJ, "2026-03-01T12:00Z", "2026-03-01T14:00Z"),  # 7200 s, 365 only
                outage("d", MAJ, "2025-11-25T10:00Z", "2025-11-25T12:00Z"),  # the day before 365
            ),
            windows={
                # 3600 + 3600 = 7200 s: 100 * (1 - 7200/2592000) = 100 * (1 - 1/360) = 1795/18
                30: (Fraction(1795, 18), "99.72"),
                # 3600 + 7200 + 21600 = 32400 s: 100 * (1 - 32400/7776000) = 100 * (1 - 1/240)
                # = 100 * 239/240 = 1195/12 = 99.5833...
                90: (Fraction(1195, 12), "99.58"),
                # 32400 + 7200 = 39600 s: 100 * (1 - 39600/31536000) = 100 * (1 - 11/8760)
                # = 100 * 8749/8760 = 43745/438 = 99.8744...
                365: (Fraction(43745, 438), "99.87"),
            },
            bars={
                # 23:00-24:00 = 3600 s: 100 * (1 - 3600/86400) = 100 * 23/24 = 575/6
                "2026-10-26": (Fraction(575, 6), "95.83"),
                # 21600 s: 100 * (1 - 21600/86400) = 100 * 3/4 = 75
                "2026-10-01": (Fraction(75), "75.00"),
            },
        ),
        id="windows-30-90-365",
    ),
    pytest.param(
        Case(
            SINCE_CASE_INCIDENTS,
            zone=AMSTERDAM,
            since=SINCE_19_NOV_LATE,
            # From since's local day, 20 Nov, to 25 Nov: 6 days = 518400 s; only "after", 3600 s:
            # 100 * (1 - 3600/518400) = 100 * (1 - 1/144) = 100 * 143/144 = 3575/36 = 99.3055...
            windows={
                30: (Fraction(3575, 36), "99.30"),
                90: (Fraction(3575, 36), "99.30"),
                365: (Fraction(3575, 36), "99.30"),
            },
            bars={
                "2026-11-19": NOTHING,
                "2026-11-20": HUNDRED,
                # 3600 s: 100 * (1 - 3600/86400) = 575/6
                "2026-11-21": (Fraction(575, 6), "95.83"),
            },
        ),
        id="since-mid-window-amsterdam",
    ),
    pytest.param(
        Case(
            SINCE_CASE_INCIDENTS,
            since=SINCE_19_NOV_LATE,
            # From since's UTC day, 19 Nov, to 25 Nov: 7 days = 604800 s; 3600 s:
            # 100 * (1 - 3600/604800) = 100 * (1 - 1/168) = 100 * 167/168 = 4175/42 = 99.4047...
            windows={30: (Fraction(4175, 42), "99.40")},
            bars={"2026-11-18": NOTHING, "2026-11-19": HUNDRED},
        ),
        id="since-mid-window-utc",
    ),
    pytest.param(
        Case(
            TODAY_HOUR,
            zone=AMSTERDAM,
            since=SINCE_TONIGHT,
            # since's local day, 26 Nov, is after today (25 Nov): no window, no bar
            windows={30: NOTHING, 365: NOTHING},
            bars={"2026-11-25": NOTHING},
        ),
        id="since-after-today",
    ),
    pytest.param(
        Case(
            TODAY_HOUR,
            since=SINCE_TONIGHT,
            # The same since is today in UTC: 1 day; 3600 s: 100 * (1 - 3600/86400) = 575/6
            windows={30: (Fraction(575, 6), "95.83")},
            bars={"2026-11-24": NOTHING, "2026-11-25": (Fraction(575, 6), "95.83")},
        ),
        id="since-tonight-is-today-in-utc",
    ),
    pytest.param(
        Case(
            AROUND_LOCAL_MIDNIGHT,
            now=AFTER_LOCAL_MIDNIGHT,
            zone=AMSTERDAM,
            windows={
                # Today is 23 Nov local, a full day after 45 minutes: 600 s major + 0.3 * 900 s
                # partial = 870 s: 100 * (1 - 870/86400) = 100 * (1 - 29/2880) = 100 * 2851/2880
                # = 14255/144 = 98.9930...
                1: (Fraction(14255, 144), "98.99"),
                # 25 Oct .. 23 Nov local: 1200 + 870 = 2070 s: 100 * (1 - 2070/2592000)
                # = 100 * (1 - 23/28800) = 100 * 28777/28800 = 28777/288 = 99.9201...
                30: (Fraction(28777, 288), "99.92"),
            },
            bars={
                # 1200 s: 100 * (1 - 1200/86400) = 100 * (1 - 1/72) = 1775/18 = 98.6111...
                "2026-11-22": (Fraction(1775, 18), "98.61"),
                "2026-11-23": (Fraction(14255, 144), "98.99"),
            },
        ),
        id="just-after-local-midnight-amsterdam",
    ),
    pytest.param(
        Case(
            AROUND_LOCAL_MIDNIGHT,
            now=AFTER_LOCAL_MIDNIGHT,
            windows={
                # In UTC it is still 22 Nov: 1800 s major + 0.3 * 900 s partial = 2070 s:
                # 100 * (1 - 2070/86400) = 100 * (1 - 23/960) = 100 * 937/960 = 4685/48 = 97.6041...
                1: (Fraction(4685, 48), "97.60"),
                # 24 Oct .. 22 Nov: the same 2070 s: 28777/288
                30: (Fraction(28777, 288), "99.92"),
            },
            bars={"2026-11-22": (Fraction(4685, 48), "97.60")},
        ),
        id="just-after-local-midnight-seen-in-utc",
    ),
    pytest.param(
        Case(
            AROUND_UTC_MIDNIGHT,
            windows={
                # 22 .. 25 Nov, 4 days = 345600 s, holding 1800 s:
                # 100 * (1 - 1800/345600) = 100 * (1 - 1/192) = 100 * 191/192 = 4775/48 = 99.479...
                4: (Fraction(4775, 48), "99.47"),
                # all 3600 s: 100 * (1 - 3600/2592000) = 100 * (1 - 1/720) = 3595/36 = 99.8611...
                30: (Fraction(3595, 36), "99.86"),
            },
            # 1800 s each: 100 * (1 - 1800/86400) = 100 * (1 - 1/48) = 1175/12 = 97.9166...
            bars={
                "2026-11-21": (Fraction(1175, 12), "97.91"),
                "2026-11-22": (Fraction(1175, 12), "97.91"),
            },
        ),
        id="same-outage-in-utc",
    ),
    pytest.param(
        Case(
            AROUND_UTC_MIDNIGHT,
            zone=AMSTERDAM,
            windows={
                # 22 .. 25 Nov local holds all 3600 s: 100 * (1 - 3600/345600) = 100 * (1 - 1/96)
                # = 100 * 95/96 = 2375/24 = 98.9583...
                4: (Fraction(2375, 24), "98.95"),
                30: (Fraction(3595, 36), "99.86"),  # as in UTC: 3595/36
            },
            # all on 22 Nov local: 100 * (1 - 3600/86400) = 575/6
            bars={"2026-11-21": HUNDRED, "2026-11-22": (Fraction(575, 6), "95.83")},
        ),
        id="same-outage-east-of-utc",
    ),
    pytest.param(
        Case(
            AROUND_UTC_MIDNIGHT,
            zone=NEW_YORK,
            # 22 .. 25 Nov local holds none of it: 100 * (1 - 0/345600) = 100
            windows={4: HUNDRED, 30: (Fraction(3595, 36), "99.86")},
            # all on 21 Nov local: 100 * (1 - 3600/86400) = 575/6
            bars={"2026-11-21": (Fraction(575, 6), "95.83"), "2026-11-22": HUNDRED},
        ),
        id="same-outage-west-of-utc",
    ),
    pytest.param(
        Case(
            WHOLE_25_HOUR_DAY,
            now=at("2026-10-26T12:00Z"),
            zone=AMSTERDAM,
            # 27 Sep .. 26 Oct: 90000 s: 100 * (1 - 90000/2592000) = 100 * (1 - 5/144)
            # = 100 * 139/144 = 3475/36 = 96.5277...
            windows={30: (Fraction(3475, 36), "96.52")},
            bars={"2026-10-24": HUNDRED, "2026-10-26": HUNDRED},
        ),
        id="dst-25-hour-day-in-30-days",
    ),
    pytest.param(
        Case(
            WHOLE_25_HOUR_DAY,
            now=at("2026-10-26T12:00Z"),
            zone=AMSTERDAM,
            # The formula: 100 * (1 - 90000/86400) = 100 * (1 - 25/24) = -25/6 = -4.1666...,
            # below zero; a day cannot be down more than all of it: the reader must see 0.00.
            bars={"2026-10-25": (Fraction(0), "0.00")},
        ),
        id="dst-25-hour-day-all-down",
    ),
    pytest.param(
        Case(
            WHOLE_23_HOUR_DAY,
            now=at("2026-03-30T12:00Z"),
            zone=AMSTERDAM,
            # 1 .. 30 Mar: 82800 s: 100 * (1 - 82800/2592000) = 100 * (1 - 23/720)
            # = 100 * 697/720 = 3485/36 = 96.8055...
            windows={30: (Fraction(3485, 36), "96.80")},
            bars={
                "2026-03-28": HUNDRED,
                # All 23 hours down, over 86400 s: 100 * (1 - 82800/86400) = 100 * (1 - 23/24)
                # = 25/6 = 4.1666...: a day down from start to end still shows 4.16
                "2026-03-29": (Fraction(25, 6), "4.16"),
                "2026-03-30": HUNDRED,
            },
        ),
        id="dst-23-hour-day-all-down",
    ),
    pytest.param(
        Case(
            (outage("blip", MAJ, "2026-11-10T10:00:00Z", "2026-11-10T10:52:52Z"),),
            # 52 min 52 s = 3172 s: 100 * (1 - 3172/2592000) = 100 * (1 - 793/648000)
            # = 100 * 647207/648000 = 647207/6480 = 99.87762...: truncated to 99.87, not 99.88
            windows={30: (Fraction(647207, 6480), "99.87")},
            # 100 * (1 - 3172/86400) = 100 * (1 - 793/21600) = 100 * 20807/21600 = 20807/216
            # = 96.3287...
            bars={"2026-11-10": (Fraction(20807, 216), "96.32")},
        ),
        id="truncated-to-two-decimals",
    ),
    pytest.param(
        Case(
            (outage("second", PART, "2025-12-01T10:00:00Z", "2025-12-01T10:00:01Z"),),
            windows={
                # 1 s partial = 3/10 s: 100 * (1 - (3/10)/31536000) = 100 * (1 - 1/105120000)
                # = 100 - 1/1051200 = 99.999999...: never 100.00
                365: (100 - Fraction(1, 1051200), "99.99"),
                90: HUNDRED,  # 2025-12-01 is before 2026-08-28
                30: HUNDRED,
            },
            # 100 * (1 - (3/10)/86400) = 100 * (1 - 1/288000) = 100 - 1/2880 = 99.99965...
            bars={"2025-12-01": (100 - Fraction(1, 2880), "99.99")},
        ),
        id="tiny-downtime-never-100",
    ),
]


@pytest.mark.parametrize("case", CASES)
def test_uptime_worked_out_by_hand(case: Case) -> None:
    zone = ZoneInfo(case.zone)
    timeline = build_timeline(spans_by_component(site(case.incidents), case.now).get("api", []))
    for days, (value, shown) in case.windows.items():
        got = window_uptime(timeline, case.now, days, case.since, zone)
        assert (got, format_percent(got)) == (value, shown), f"{days} days"
    bars = daily_bars(timeline, case.now, 400, case.since, zone)
    for day, (value, shown) in case.bars.items():
        (bar,) = [b for b in bars if b.day == date.fromisoformat(day)]
        assert (bar.uptime, format_percent(bar.uptime)) == (value, shown), day


def test_bar_days_are_local_days() -> None:
    amsterdam = ZoneInfo(AMSTERDAM)
    # 23:30-23:50 UTC on 21 Nov is 00:30-00:50 on 22 Nov in Amsterdam.
    late = at("2026-11-21T23:30Z")
    assert local_day(late, amsterdam) == date(2026, 11, 22)
    assert local_day(late, UTC) == date(2026, 11, 21)
    assert day_start(date(2026, 11, 22), amsterdam) == at("2026-11-21T23:00Z")
    inc = outage("late", MAJ, "2026-11-21T23:30Z", "2026-11-21T23:50Z")
    timeline = build_timeline(spans_by_component(site((inc,)), NOW)["api"])

    bars = daily_bars(timeline, NOW, 7, zone=amsterdam)
    assert [b.day for b in bars] == [date(2026, 11, d) for d in range(19, 26)]
    assert [b.day for b in bars if b.incident_ids] == [date(2026, 11, 22)]
    (bar,) = [b for b in bars if b.incident_ids]
    assert (bar.worst, bar.incident_ids) == (MAJ, ("late",))
    # 1200 s: 100 * (1 - 1200/86400) = 100 * (1 - 1/72) = 1775/18
    assert bar.uptime == Fraction(1775, 18)

    in_utc = daily_bars(timeline, NOW, 7)
    assert [b.day for b in in_utc if b.incident_ids] == [date(2026, 11, 21)]


def test_downtime_after_now_is_not_counted_and_days_must_exist() -> None:
    """A timeline built later than `now` (a segment running past it) counts only until now."""
    from statusgen.derive.timeline import Segment
    from statusgen.derive.uptime import uptime_over_days
    from statusgen.model import ComponentStatus

    outage = [
        Segment(
            at("2026-10-25T00:00Z"), at("2026-10-26T12:00Z"), ComponentStatus.MAJOR_OUTAGE, ("x",)
        )
    ]
    # Until 25 Oct 06:00 UTC: 6 h of the day's outage counted: 100 * (1 - 21600/86400) = 75.
    day = at("2026-10-25T00:00Z").date()
    assert uptime_over_days(outage, day, day, UTC, until=at("2026-10-25T06:00Z")) == 75
    with pytest.raises(ValueError, match="no days"):
        uptime_over_days(outage, day, day - timedelta(days=1), UTC)


def test_bar_status_time_worked_out_by_hand() -> None:
    """Each day's time in each status, the worst first, for the tooltips ("Partial outage for
    2 h 30 min"): the merged timeline counts each moment once, under its worst status."""
    incidents = (
        # 22 Nov, worst of each moment: 10:00-11:00 partial (a), 11:00-11:30 major (b),
        # 11:30-13:00 partial (a and c, once), 14:00-20:00 degraded (d):
        # major 30 min; partial 60 + 90 = 150 min = 2 h 30 min; degraded 6 h.
        outage("a", PART, "2026-11-22T10:00Z", "2026-11-22T12:00Z"),
        outage("b", MAJ, "2026-11-22T11:00Z", "2026-11-22T11:30Z"),
        outage("c", PART, "2026-11-22T11:15Z", "2026-11-22T13:00Z"),
        outage("d", DEG, "2026-11-22T14:00Z", "2026-11-22T20:00Z"),
        # 23 Nov 02:00-04:00: 2 h under maintenance.
        works("upgrade", "2026-11-23T02:00Z", "2026-11-23T04:00Z"),
        # Today, 25 Nov, partial from 09:00 and still open: 3 h until now (12:00), not the 15 h
        # left until midnight.
        outage("open", PART, "2026-11-25T09:00Z"),
        # 23:30 UTC on 20 Nov to 00:30 UTC on 21 Nov: 30 min on each UTC day, all 60 min on
        # 21 Nov in Amsterdam (00:30-01:30 local).
        outage("night", MAJ, "2026-11-20T23:30Z", "2026-11-21T00:30Z"),
    )
    timeline = build_timeline(spans_by_component(site(incidents), NOW)["api"])
    minute = timedelta(minutes=1)

    bars = {b.day: b for b in daily_bars(timeline, NOW, 7)}
    assert bars[date(2026, 11, 22)].status_time == (
        (MAJ, 30 * minute),
        (PART, 150 * minute),
        (DEG, 360 * minute),
    )
    assert bars[date(2026, 11, 22)].worst == MAJ
    assert bars[date(2026, 11, 23)].status_time == ((UM, 120 * minute),)
    assert bars[date(2026, 11, 25)].status_time == ((PART, 180 * minute),)
    assert bars[date(2026, 11, 20)].status_time == ((MAJ, 30 * minute),)
    assert bars[date(2026, 11, 21)].status_time == ((MAJ, 30 * minute),)
    # An operational day: nothing held, no time in its (operational) worst status.
    assert bars[date(2026, 11, 24)].status_time == ()

    amsterdam = {b.day: b for b in daily_bars(timeline, NOW, 7, zone=ZoneInfo(AMSTERDAM))}
    assert amsterdam[date(2026, 11, 20)].status_time == ()
    assert amsterdam[date(2026, 11, 21)].status_time == ((MAJ, 60 * minute),)

    # Before the component existed (since 22 Nov): no data, so no time in any status.
    since = {b.day: b for b in daily_bars(timeline, NOW, 7, at("2026-11-22T00:00Z"))}
    assert since[date(2026, 11, 21)].status_time == ()
    assert since[date(2026, 11, 22)].status_time[0] == (MAJ, 30 * minute)
