"""The probe history: what `statusgen probe` measured, kept small for years of probes.

One JSON file (`.statusgen/probe-history.json` by default; on the `statusgen-probes` branch in
CI, see `monitors/history_branch.py`). Per component:

- `recent`: every probe of the last 24 hours, raw: `[time, 1 passed or 0 failed, ms]`, the
  response time of the component's slowest check in whole milliseconds;
- `days`: each whole UTC day before today, folded once the day is over:
  `[day, checks, failures, p50 ms, p95 ms]`, the percentiles of the probes that passed (a
  failure's time is its timeout, not a response; null when none passed). Days older than
  `DAYS_KEPT` are dropped, so the file stays bounded.

A day is folded from the raw probes by the first append after it ends, before the probes older
than 24 hours are dropped, so every day is folded from all of its probes. The file is written
sorted, one row a line (a small diff per run on the branch), so the same history is always
the same bytes. A missing file is no data; a damaged one is an error naming the file and what
was expected.
"""

from __future__ import annotations

import bisect
import json
import math
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from fractions import Fraction
from pathlib import Path
from typing import NamedTuple, TypeVar

from statusgen.clock import iso_utc

VERSION = 1
#: The default file, relative to the site's folder (the `probe_history` option).
DEFAULT_FILE = ".statusgen/probe-history.json"
#: How long probes stay raw.
RAW = timedelta(hours=24)
#: How many days of folded rows are kept (a year and a margin for a yearly report).
DAYS_KEPT = 400
ABOUT = "statusgen probe history: see docs/operators.md (Monitors, probe history)"


_Row = TypeVar("_Row")


class HistoryError(Exception):
    """The history file cannot be read: `source` (and `line`, when known) names it, `what`
    says what is wrong and what was expected."""

    def __init__(self, source: str, what: str, line: int = 0) -> None:
        self.source, self.what, self.line = source, what, line
        super().__init__(f"{source}:{line}: {what}" if line else f"{source}: {what}")


class Probe(NamedTuple):
    """One probe of one component: when, whether every check passed, the slowest check's
    response time in milliseconds (a tuple: a year of them is millions)."""

    at: datetime
    passed: bool
    ms: int


@dataclass(frozen=True)
class Day:
    """One UTC day of one component's probes."""

    day: date
    checks: int
    failures: int
    #: Response-time percentiles of the probes that passed, in ms; None when none passed.
    p50: int | None
    p95: int | None

    @property
    def passes(self) -> int:
        return self.checks - self.failures


@dataclass
class Component:
    """One component's history."""

    days: dict[date, Day] = field(default_factory=dict)
    #: The raw probes, oldest first.
    recent: list[Probe] = field(default_factory=list)


@dataclass
class ProbeHistory:
    """Every component's history; empty when nothing was probed yet."""

    components: dict[str, Component] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.components)

    def append(self, probes: Mapping[str, Sequence[Probe]], now: datetime) -> None:
        """Add each component's new probes (taken at or before `now`), then fold and drop."""
        for component_id, new in probes.items():
            history = self.components.setdefault(component_id, Component())
            if history.recent and new and new[0].at < history.recent[-1].at:
                history.recent.extend(new)
                history.recent.sort(key=_at)
            else:
                history.recent.extend(new)
        self.compact(now)

    def compact(self, now: datetime) -> None:
        """Fold the raw probes of every day over into its row, then drop probes older than
        24 hours and rows older than DAYS_KEPT days (and components with nothing left)."""
        today = now.astimezone(UTC).date()
        oldest_day = today - timedelta(days=DAYS_KEPT)
        cutoff = now - RAW
        for component_id in list(self.components):
            history = self.components[component_id]
            _fold(history, today)
            del history.recent[: bisect.bisect_right(history.recent, cutoff, key=_at)]
            for day in [d for d in history.days if d < oldest_day]:
                del history.days[day]
            if not history.days and not history.recent:
                del self.components[component_id]

    def merge(self, other: ProbeHistory, now: datetime) -> None:
        """Add what another run recorded: the union of the raw probes (one per time), and
        of the days (the fuller row where both have one); then compact."""
        for component_id, theirs in other.components.items():
            mine = self.components.setdefault(component_id, Component())
            seen = {probe.at for probe in mine.recent}
            mine.recent.extend(p for p in theirs.recent if p.at not in seen)
            mine.recent.sort(key=_at)
            for day, row in theirs.days.items():
                if day not in mine.days or mine.days[day].checks < row.checks:
                    mine.days[day] = row
        self.compact(now)

    def daily(self, component_id: str, now: datetime) -> dict[date, Day]:
        """The component's rows by UTC day, today's (and any day not folded yet) from its
        raw probes."""
        history = self.components.get(component_id)
        if history is None:
            return {}
        rows = dict(history.days)
        today = now.astimezone(UTC).date()
        for day, probes in _by_day(history.recent).items():
            if day not in rows and day <= today:
                rows[day] = fold(day, probes)
        return dict(sorted(rows.items()))

    def text(self) -> str:
        """The file's content: sorted, one row a line."""
        parts = []
        for component_id in sorted(self.components):
            history = self.components[component_id]
            days = [
                json.dumps([d.day.isoformat(), d.checks, d.failures, d.p50, d.p95])
                for _, d in sorted(history.days.items())
            ]
            recent = [json.dumps([iso_utc(p.at), int(p.passed), p.ms]) for p in history.recent]
            parts.append(
                f"    {json.dumps(component_id)}: {{\n"
                f'      "days": {_rows(days)},\n'
                f'      "recent": {_rows(recent)}\n'
                "    }"
            )
        body = "{\n" + ",\n".join(parts) + "\n  }" if parts else "{}"
        return (
            f'{{\n  "version": {VERSION},\n  "about": {json.dumps(ABOUT)},\n'
            f'  "components": {body}\n}}\n'
        )


def _rows(lines: list[str]) -> str:
    if not lines:
        return "[]"
    return "[\n        " + ",\n        ".join(lines) + "\n      ]"


def percentile(values: Sequence[int], share: float) -> int:
    """The nearest-rank percentile of sorted `values` (share 0.5 for the median)."""
    return values[max(math.ceil(share * len(values)) - 1, 0)]


def fold(day: date, probes: Iterable[Probe]) -> Day:
    """The day's row from its raw probes."""
    probes = list(probes)
    times = sorted(p.ms for p in probes if p.passed)
    return Day(
        day,
        len(probes),
        sum(1 for p in probes if not p.passed),
        percentile(times, 0.5) if times else None,
        percentile(times, 0.95) if times else None,
    )


def _by_day(probes: Iterable[Probe]) -> dict[date, list[Probe]]:
    grouped: dict[date, list[Probe]] = {}
    for probe in probes:
        grouped.setdefault(probe.at.astimezone(UTC).date(), []).append(probe)
    return grouped


def _fold(history: Component, today: date) -> None:
    """Fold each day before today that has raw probes and no row yet."""
    recent = history.recent
    start = 0
    while start < len(recent):
        day = recent[start].at.astimezone(UTC).date()
        if day >= today:
            return
        end = _day_end(recent, start, day)
        if day not in history.days:
            history.days[day] = fold(day, recent[start:end])
        start = end


def _day_end(recent: list[Probe], start: int, day: date) -> int:
    """The index of the first probe after `day`, from `start` on (a binary search)."""
    after = datetime.combine(day + timedelta(days=1), datetime.min.time(), UTC)
    return bisect.bisect_left(recent, after, lo=start, key=_at)


def availability(rows: Iterable[Day]) -> Fraction | None:
    """The share of probes that passed, in %; None without probes."""
    checks = passes = 0
    for row in rows:
        checks += row.checks
        passes += row.passes
    return Fraction(100 * passes, checks) if checks else None


# -- reading --------------------------------------------------------------------------------
EXPECTED = (
    "statusgen's probe history (delete it to start afresh; in CI, the statusgen-probes branch)"
)


def load_history(path: Path) -> ProbeHistory:
    """The history at `path`; empty when there is no file. HistoryError when it is damaged."""
    if not path.is_file():
        return ProbeHistory()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise HistoryError(str(path), f"cannot be read ({error}); expected {EXPECTED}") from None
    return parse_history(text, str(path))


def parse_history(text: str, source: str) -> ProbeHistory:
    """The history in `text` (read from `source`, named in errors), every value checked."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as error:
        line = getattr(error, "lineno", 0)
        raise HistoryError(source, f"not JSON ({error}); expected {EXPECTED}", line) from None
    if not isinstance(data, dict) or data.get("version") != VERSION:
        raise HistoryError(source, f"expected an object with version {VERSION}: {EXPECTED}")
    components = data.get("components")
    if not isinstance(components, dict):
        raise HistoryError(source, f"components is not an object; expected {EXPECTED}")
    history = ProbeHistory()
    for component_id, value in components.items():
        where = f"components.{component_id}"
        if not isinstance(value, dict):
            raise HistoryError(source, f"{where}: expected an object with days and recent")
        history.components[component_id] = Component(
            {row.day: row for row in _read_rows(value.get("days"), source, f"{where}.days", _day)},
            sorted(_read_rows(value.get("recent"), source, f"{where}.recent", _probe), key=_at),
        )
    return history


def _at(probe: Probe) -> datetime:
    return probe.at


def _read_rows(
    rows: object, source: str, where: str, read: Callable[[list[object]], _Row | None]
) -> list[_Row]:
    if not isinstance(rows, list):
        raise HistoryError(source, f"{where}: expected a list of rows")
    found = []
    for index, row in enumerate(rows):
        item = read(row) if isinstance(row, list) else None
        if item is None:
            shown = json.dumps(row)[:80]
            raise HistoryError(source, f"{where}[{index}]: {shown}; expected {read.__doc__}")
        found.append(item)
    return found


def _count(value: object) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    return None


def _day(row: list[object]) -> Day | None:
    """[day, checks, failures, p50 ms or null, p95 ms or null]"""
    if len(row) != 5 or not isinstance(row[0], str):
        return None
    try:
        day = date.fromisoformat(row[0])
    except ValueError:
        return None
    checks, failures = _count(row[1]), _count(row[2])
    p50, p95 = (None if v is None else _count(v) for v in row[3:])
    if checks is None or failures is None or failures > checks:
        return None
    if (row[3] is not None and p50 is None) or (row[4] is not None and p95 is None):
        return None
    return Day(day, checks, failures, p50, p95)


def _probe(row: list[object]) -> Probe | None:
    """[a UTC time like 2026-12-07T09:05:00Z, 1 passed or 0 failed, ms]"""
    if len(row) != 3 or not isinstance(row[0], str) or row[1] not in (0, 1):
        return None
    try:
        at = datetime.fromisoformat(row[0])
    except ValueError:
        return None
    ms = _count(row[2])
    if at.tzinfo is None or ms is None or isinstance(row[1], bool):
        return None
    return Probe(at.astimezone(UTC), row[1] == 1, ms)


def save_history(path: Path, history: ProbeHistory) -> None:
    """Write the history atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(history.text(), encoding="utf-8")
    os.replace(temporary, path)
