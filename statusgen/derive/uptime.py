"""Uptime as Atlassian Statuspage defines it, so the numbers match what people compare them with.

Over a window of N days: `100 · (1 − (major + 0.3 · partial) / (N · 86,400))`, where `major` and
`partial` are the seconds of major and partial outage in the window; degraded performance and
maintenance count 0. Days are the site's local days (its `timezone`), today counts as a full day
(so the window of N days has N · 86,400 seconds whatever the hour), and a component's window
starts no earlier than the local day of its `since`. Percentages are exact fractions, shown with
two decimals truncated, never rounded up.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from fractions import Fraction
from itertools import pairwise

from statusgen.derive.timeline import Segment
from statusgen.model import ComponentStatus, worst_status

#: Rolling windows shown on component pages, in days.
UPTIME_WINDOWS = (30, 90, 365)
#: Seconds a day counts for, whatever its length in the site's zone (Statuspage's formula).
DAY_SECONDS = 86_400
#: The uptime of a day, or days, without downtime.
FULL_UPTIME = Fraction(100)


@dataclass(frozen=True, slots=True)
class DayBar:
    """One local day of a component's history, for the uptime bars."""

    day: date
    #: Uptime % of the day (a full day, today too), None before the component existed.
    uptime: Fraction | None
    #: Worst status held that day.
    worst: ComponentStatus
    #: Incidents that affected the component that day, sorted by id.
    incident_ids: tuple[str, ...]
    #: How long the component was in each non-operational status that day (until `now` for
    #: today), worst status first; empty on operational days and days before it existed.
    status_time: tuple[tuple[ComponentStatus, timedelta], ...]


def day_start(day: date, zone: tzinfo) -> datetime:
    """Midnight of a local day in `zone`, in UTC."""
    return datetime.combine(day, time.min, zone).astimezone(UTC)


def local_day(moment: datetime, zone: tzinfo) -> date:
    """The local day a moment falls on in `zone`."""
    return moment.astimezone(zone).date()


def downtime_seconds(timeline: list[Segment], start: datetime, end: datetime) -> Fraction:
    """Weighted seconds of downtime within [start, end)."""
    total = Fraction(0)
    for segment in timeline:
        weight = segment.status.downtime_weight
        if not weight or segment.end_at <= start or segment.start_at >= end:
            continue
        total += weight * _seconds(min(segment.end_at, end) - max(segment.start_at, start))
    return total


def _seconds(span: timedelta) -> Fraction:
    """A timedelta as exact seconds (total_seconds() is a float)."""
    micro = (span.days * 86_400 + span.seconds) * 1_000_000 + span.microseconds
    return Fraction(micro, 1_000_000)


def status_time(
    timeline: list[Segment], start: datetime, end: datetime
) -> tuple[tuple[ComponentStatus, timedelta], ...]:
    """Time in each non-operational status within [start, end), worst status first. The
    timeline's segments never overlap (each holds the worst status of its moments), so each
    moment counts once, under the status shown for it."""
    held: dict[ComponentStatus, timedelta] = {}
    for segment in timeline:
        span = min(segment.end_at, end) - max(segment.start_at, start)
        if segment.status is not ComponentStatus.OPERATIONAL and span > timedelta(0):
            held[segment.status] = held.get(segment.status, timedelta(0)) + span
    return tuple(sorted(held.items(), key=lambda item: item[0].severity, reverse=True))


def uptime_over_days(
    timeline: list[Segment],
    first: date,
    last: date,
    zone: tzinfo,
    until: datetime | None = None,
) -> Fraction:
    """Uptime % over the local days first..last (inclusive), each a full day, counting
    downtime only before `until` (the build's now). Never below 0: a 25-hour day (a DST change)
    down throughout has more than 86,400 seconds of outage, and shows 0.00, as Statuspage does
    at worst."""
    if last < first:
        raise ValueError(f"no days from {first} to {last}")
    days = (last - first).days + 1
    start = day_start(first, zone)
    end = day_start(last + timedelta(days=1), zone)
    if until is not None:
        end = max(min(end, until), start)
    uptime = 100 * (1 - downtime_seconds(timeline, start, end) / (days * DAY_SECONDS))
    return max(uptime, Fraction(0))


def window_uptime(
    timeline: list[Segment],
    now: datetime,
    days: int,
    since: datetime | None = None,
    zone: tzinfo = UTC,
) -> Fraction | None:
    """Uptime over the last `days` local days, today included as a full day, from the local day
    of `since` when that is later; None when the component starts after today."""
    today = local_day(now, zone)
    first = today - timedelta(days=days - 1)
    if since is not None:
        first = max(first, local_day(since, zone))
    if first > today:
        return None
    return uptime_over_days(timeline, first, today, zone, until=now)


def daily_bars(
    timeline: list[Segment],
    now: datetime,
    days: int,
    since: datetime | None = None,
    zone: tzinfo = UTC,
) -> list[DayBar]:
    """One bar per local day, oldest first, ending with today."""
    today = local_day(now, zone)
    first = today - timedelta(days=days - 1)
    recent = [s for s in timeline if s.end_at > day_start(first, zone)]
    started = local_day(since, zone) if since is not None else None
    # A timeline from build_timeline is in time order without overlaps: each day's segments
    # are then the next few of the list (a year of days is walked once, not once a day).
    ordered = all(s.start_at <= s.end_at for s in recent) and all(
        a.end_at <= b.start_at for a, b in pairwise(recent)
    )
    low = 0
    bars = []
    for offset in range(days - 1, -1, -1):
        day = today - timedelta(days=offset)
        start, end = day_start(day, zone), day_start(day + timedelta(days=1), zone)
        if ordered:
            while low < len(recent) and recent[low].end_at <= start:
                low += 1
            high = low
            while high < len(recent) and recent[high].start_at < end:
                high += 1
            touching = recent[low:high]
        else:
            touching = [s for s in recent if s.start_at < end and s.end_at > start]
        counted = started is None or day >= started
        if counted and not touching:
            # What the computation below gives a day without downtime, most days.
            bars.append(DayBar(day, FULL_UPTIME, ComponentStatus.OPERATIONAL, (), ()))
            continue
        bars.append(
            DayBar(
                day=day,
                uptime=uptime_over_days(touching, day, day, zone, until=now) if counted else None,
                worst=worst_status(s.status for s in touching)
                if counted
                else (ComponentStatus.OPERATIONAL),
                incident_ids=tuple(sorted({i for s in touching for i in s.incident_ids}))
                if counted
                else (),
                status_time=status_time(touching, start, max(min(end, now), start))
                if counted
                else (),
            )
        )
    return bars


def format_percent(value: Fraction | None) -> str:
    """Two decimals, truncated: 99.8776 -> "99.87"; only no downtime at all shows "100.00"."""
    if value is None:
        return "–"
    hundredths = (value * 100).__floor__()
    return f"{hundredths // 100}.{hundredths % 100:02d}"
