"""A component's uptime calendar: the last 12 months (from the month of its `since` when later)
as months of weeks, each day with its day bar (`derive/uptime.daily_bars`, the bars' own day
data), for `_calendar.html`."""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from functools import partial
from typing import Any

from statusgen.derive.snapshot import ComponentView, Snapshot
from statusgen.derive.uptime import DayBar, daily_bars, local_day
from statusgen.render.locale import Translator

#: Months the calendar shows, this one included.
CALENDAR_MONTHS = 12


@dataclass(frozen=True)
class CalendarDay:
    """A day of a month's grid: its bar, or None before the component existed; after today,
    `future`."""

    day: date
    bar: DayBar | None
    future: bool = False


@dataclass(frozen=True)
class CalendarMonth:
    """One month: its weeks, each seven cells (None outside the month)."""

    year: int
    month: int
    weeks: tuple[tuple[CalendarDay | None, ...], ...]


def _months_back(today: date, months: int) -> date:
    """The first day of the month `months - 1` months before today's."""
    index = today.year * 12 + today.month - 1 - (months - 1)
    return date(index // 12, index % 12 + 1, 1)


def uptime_calendar(
    component: ComponentView,
    now: datetime,
    zone: tzinfo,
    t: Translator,
    memo: dict[object, Any] | None = None,
) -> list[CalendarMonth]:
    """The component's months, oldest first, weeks starting on the language's first day; the
    days' bars read no text, so they are worked out once in `memo` (`Snapshot.shared`: every
    language's component page shows the same)."""
    today = local_day(now, zone)
    since = component.component.since
    first = _months_back(today, CALENDAR_MONTHS)
    if since is not None and local_day(since, zone) > first:
        first = local_day(since, zone).replace(day=1)
    if first > today:
        return []
    key = ("calendar days", component.component.id, first, today)
    by_day: dict[date, DayBar] | None = None if memo is None else memo.get(key)
    if by_day is None:
        bars = daily_bars(list(component.timeline), now, (today - first).days + 1, since, zone)
        by_day = {bar.day: bar for bar in bars if bar.uptime is not None}
        if memo is not None:
            memo[key] = by_day
    grid = calendar.Calendar(firstweekday=t.cldr.first_week_day)
    months = []
    month = first
    while month <= today:
        weeks = tuple(
            tuple(
                CalendarDay(day, by_day.get(day), day > today) if day.month == month.month else None
                for day in week
            )
            for week in grid.monthdatescalendar(month.year, month.month)
        )
        months.append(CalendarMonth(month.year, month.month, weeks))
        month = (month + timedelta(days=32)).replace(day=1)
    return months


def calendar_of(
    snapshot: Snapshot, t: Translator
) -> Callable[[ComponentView], list[CalendarMonth]]:
    """`uptime_calendar` of the snapshot's components in `t`'s language, the days' bars kept
    in the snapshot's `shared` (the same for every language's snapshot)."""
    return partial(uptime_calendar, now=snapshot.now, zone=snapshot.zone, t=t, memo=snapshot.shared)


def weekday_names(t: Translator) -> list[tuple[str, str]]:
    """The weekdays from the language's first, each (abbreviated, wide) name."""
    first = t.cldr.first_week_day
    short, wide = t.cldr.days["abbreviated"], t.cldr.days["wide"]
    return [(str(short[(first + n) % 7]), str(wide[(first + n) % 7])) for n in range(7)]
