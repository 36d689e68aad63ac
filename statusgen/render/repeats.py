"""Pieces of generated pages that repeat within a build, rendered once.

A macro of `_macros.html` gives the same HTML for the same inputs within a build: the words,
the zone and the build's time are the build's, and a link depends only on where the page is.
So a day's state ("· Partial outage for 23 min · 99.52 %"), which every component's bars and
calendar write hundreds of times with a handful of values, and a listing row, which a year page
and each of its components' pages write with the same link, are rendered once per key and the
HTML reused. The macros stay the one definition (a site's own `_macros.html` is used as is);
only what is kept is decided here, and kept for one renderer (one build, one audience).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import Any

from markupsafe import Markup

from statusgen.derive.snapshot import IncidentView
from statusgen.derive.uptime import DayBar
from statusgen.render.uptimecalendar import CalendarDay


def _bar_key(bar: DayBar) -> tuple[object, ...]:
    """What a day's swatch and state read of its bar: its worst status, and what
    `day_state` reads (its statuses with how long each held, its uptime)."""
    return (bar.worst, bar.status_time, bar.uptime)


class Repeats:
    """The HTML of repeating macro calls of one renderer, by what each depends on."""

    def __init__(
        self,
        macros: Callable[[], Any],
        repeated_rows: Callable[[], Collection[str]],
        partial: Callable[[str], Any] | None = None,
    ) -> None:
        #: The module of `_macros.html` (imported without context, as the templates do).
        self._macros = macros
        #: The module of another partial template, by name (imported the same way).
        self._partial = partial
        #: Ids of the incidents listed on more than one page: only their rows are kept, so
        #: memory does not grow with the history (each other row is written once anyway).
        self._repeated_rows = repeated_rows
        self._constants: dict[str, Markup] = {}
        self._states: dict[object, Markup] = {}
        self._rows: dict[tuple[str, str], Markup] = {}
        self._weeks: dict[object, Markup] = {}

    def build_constant(self, name: str, macro: Callable[[], str]) -> Markup:
        """A macro without arguments that reads only the build (its time, its words): the
        `live_data` attributes every page carries."""
        found = self._constants.get(name)
        if found is None:
            found = self._constants[name] = Markup(macro())
        return found

    def day_state(self, bar: DayBar) -> Markup:
        """`day_state(bar)`: it reads only the day's statuses, how long each held, and its
        uptime; a few dozen distinct values in a build."""
        key = _bar_key(bar)[1:]
        found = self._states.get(key)
        if found is None:
            found = self._states[key] = Markup(self._macros().day_state(bar))
        return found

    def calendar_week(self, week: Sequence[CalendarDay | None]) -> Markup:
        """`calendar_week(week)` of `_calendar_week.html`: it reads each day's date, whether
        it is after today, and its bar's worst status, statuses and uptime (`day_state`); a
        quiet week is the same on every component's calendar."""
        key = tuple(
            None if d is None else (d.day, d.future, None if d.bar is None else _bar_key(d.bar))
            for d in week
        )
        found = self._weeks.get(key)
        if found is None:
            assert self._partial is not None, "a renderer's Repeats has its partials"
            macro = self._partial("_calendar_week.html").calendar_week
            found = self._weeks[key] = Markup(macro(week))
        return found

    def row(self, view: IncidentView, link: str) -> Markup:
        """`incident_row(view)` on a page from which the incident's page is at `link`: the
        row reads nothing else of the page."""
        if view.id not in self._repeated_rows():
            return Markup(self._macros().incident_row(view))
        key = (view.id, link)
        found = self._rows.get(key)
        if found is None:
            found = self._rows[key] = Markup(self._macros().incident_row(view))
        return found
