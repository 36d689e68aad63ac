"""Uptime: 100 % minus weighted downtime, per UTC day and over rolling windows.

A minute of major outage counts fully, a minute of partial outage 0.3 (Statuspage's
weighting); degraded performance and maintenance count 0. Percentages are exact fractions,
shown with two decimals truncated, never rounded up.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from fractions import Fraction

from statusgen.derive.timeline import Segment
from statusgen.model import ComponentStatus, worst_status

#: Rolling windows shown on component pages, in days.
UPTIME_WINDOWS = (30, 90, 365)


@dataclass(frozen=True)
class DayBar:
    """One UTC day of a component's history, for the uptime bars."""

    day: date
    #: Uptime % of the day (up to `now` for today), None before the component existed.
    uptime: Fraction | None
    #: Worst status held that day.
    worst: ComponentStatus
    #: Incidents that affected the component that day, sorted by id.
    incident_ids: tuple[str, ...]


def start_of_day(moment: datetime) -> datetime:
    """Midnight UTC of the day a moment falls on."""
    return datetime.combine(moment.astimezone(UTC).date(), time.min, UTC)


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


def uptime(
    timeline: list[Segment], start: datetime, end: datetime, since: datetime | None = None
) -> Fraction | None:
    """Uptime % over [start, end), counting only time from `since` on; None if no time is left."""
    if since is not None:
        start = max(start, since)
    if end <= start:
        return None
    return 100 * (1 - downtime_seconds(timeline, start, end) / _seconds(end - start))


def window_uptime(
    timeline: list[Segment], now: datetime, days: int, since: datetime | None = None
) -> Fraction | None:
    """Uptime over the last `days` UTC days, today (until `now`) included."""
    start = start_of_day(now) - timedelta(days=days - 1)
    return uptime(timeline, start, now, since)


def daily_bars(
    timeline: list[Segment], now: datetime, days: int, since: datetime | None = None
) -> list[DayBar]:
    """One bar per UTC day, oldest first, ending with today (until `now`)."""
    today = start_of_day(now)
    first = today - timedelta(days=days - 1)
    recent = [s for s in timeline if s.end_at > first]
    bars = []
    for offset in range(days - 1, -1, -1):
        day_start = today - timedelta(days=offset)
        day_end = min(day_start + timedelta(days=1), now)
        counted_from = max(day_start, since) if since else day_start
        touching = [s for s in recent if s.start_at < day_end and s.end_at > counted_from]
        ids = sorted({i for s in touching for i in s.incident_ids})
        bars.append(
            DayBar(
                day=day_start.date(),
                uptime=uptime(touching, day_start, day_end, since),
                worst=worst_status(s.status for s in touching),
                incident_ids=tuple(ids),
            )
        )
    return bars


def format_percent(value: Fraction | None) -> str:
    """Two decimals, truncated: 99.8776 -> "99.87"; only no downtime at all shows "100.00"."""
    if value is None:
        return "–"
    hundredths = (value * 100).__floor__()
    return f"{hundredths // 100}.{hundredths % 100:02d}"
