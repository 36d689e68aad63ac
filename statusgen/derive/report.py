"""The reliability report: failures per month, time to resolve, time between failures, monthly
uptime and the slowest resolutions, for the whole site or one component.

Definitions (the report page states them to readers):

- The period is the last `REPORT_MONTHS` whole months in the site's zone and the current
  month so far: from midnight on the first day of the month `REPORT_MONTHS` months ago until
  the build's `now`.
- A *failure* is an incident (never a maintenance) with an impact of minor, major or critical
  (`FAILURE_IMPACTS`; impact `none` is a notice, not a failure) whose first update falls in the
  period. It counts in the local month of that first update. A component's failures are those
  that gave it a status other than operational.
- *Time to resolve* is from an incident's first update to its `resolved` update (the whole
  incident, also on a component's report), for failures resolved by `now`; open ones are
  counted as failures but have no time to resolve yet.
- *Mean time between failures* is the operating time in the period divided by the failures in
  it; operating time runs from the period's start, or from the local day of a component's
  `since` when that is later, until `now`. Without failures there is none.
- *Uptime per month* is `derive.uptime`'s Statuspage uptime over the month's local days (the
  current month up to today, today counted as a full day; from the local day of `since`), so
  maintenance never counts as downtime.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from fractions import Fraction

from statusgen.derive.snapshot import IncidentView, Snapshot
from statusgen.derive.timeline import Segment
from statusgen.derive.uptime import day_start, local_day, uptime_over_days
from statusgen.model import Component, ComponentStatus, Impact, Lifecycle

#: Whole months before the current one that the report covers.
REPORT_MONTHS = 12
#: Resolutions listed as the slowest.
SLOWEST = 5
#: Impacts that make an incident a failure, mildest first.
FAILURE_IMPACTS = (Impact.MINOR, Impact.MAJOR, Impact.CRITICAL)


@dataclass(frozen=True)
class Month:
    """One local month of the period."""

    year: int
    month: int
    #: Its first and last local day; the current month's last day is today.
    first: date
    last: date
    #: True for the current month, counted until now.
    so_far: bool
    #: Failures that began in it, per impact in FAILURE_IMPACTS order.
    failures: tuple[int, ...]

    @property
    def total(self) -> int:
        """Failures of every impact."""
        return sum(self.failures)


@dataclass(frozen=True)
class ResolveTimes:
    """Time to resolve over the resolved failures of one impact (None: of all impacts)."""

    impact: Impact | None
    count: int
    mean: timedelta | None
    median: timedelta | None


@dataclass(frozen=True)
class MonthlyUptime:
    """A component's uptime per month of the period (None before it existed)."""

    component: Component
    values: tuple[Fraction | None, ...]


@dataclass(frozen=True)
class Report:
    """The reliability report of the site, or of one component."""

    #: The component reported on; None for the whole site.
    component: Component | None
    #: The period, [start, now): start is midnight of its first local day, in UTC.
    start: datetime
    now: datetime
    months: tuple[Month, ...]
    #: Every failure in the period, newest first.
    failures: tuple[IncidentView, ...]
    #: Per impact in FAILURE_IMPACTS order, then all impacts together.
    resolve_times: tuple[ResolveTimes, ...]
    #: Resolved failures, slowest first (ties: oldest first).
    resolutions: tuple[IncidentView, ...]
    operating: timedelta
    mtbf: timedelta | None
    #: Per component (the one reported on, or every component of the site).
    uptime: tuple[MonthlyUptime, ...]

    @property
    def slowest(self) -> tuple[IncidentView, ...]:
        """The SLOWEST longest resolutions."""
        return self.resolutions[:SLOWEST]

    @property
    def overall(self) -> ResolveTimes:
        """Time to resolve over every impact."""
        return self.resolve_times[-1]


def report_months(now: datetime, zone: tzinfo, count: int = REPORT_MONTHS) -> list[Month]:
    """The `count` whole local months before now's month, and now's month so far, oldest
    first, without failures counted yet."""
    today = local_day(now, zone)
    months = []
    for back in range(count, -1, -1):
        first = _month_start(today, -back)
        last = today if back == 0 else _month_start(today, -back + 1) - timedelta(days=1)
        months.append(
            Month(first.year, first.month, first, last, back == 0, (0,) * len(FAILURE_IMPACTS))
        )
    return months


def _month_start(day: date, shift: int) -> date:
    """The first day of the month `shift` months after `day`'s (before, when negative)."""
    year, month = divmod(day.year * 12 + day.month - 1 + shift, 12)
    return date(year, month + 1, 1)


def is_failure(view: IncidentView, component: Component | None = None) -> bool:
    """An incident with a failure's impact; for a component, one that made it not operational."""
    incident = view.incident
    if incident.is_maintenance or incident.impact not in FAILURE_IMPACTS:
        return False
    if component is None:
        return True
    return any(
        c.id == component.id and s is not ComponentStatus.OPERATIONAL for c, s in view.affected
    )


def _middle(spans: list[timedelta]) -> timedelta:
    ordered = sorted(spans)
    half = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[half]
    return (ordered[half - 1] + ordered[half]) / 2


def resolve_times(resolved: list[IncidentView], impact: Impact | None) -> ResolveTimes:
    """Mean and median time to resolve of the resolved failures of `impact` (None: all)."""
    spans = [v.duration for v in resolved if impact is None or v.incident.impact is impact]
    if not spans:
        return ResolveTimes(impact, 0, None, None)
    return ResolveTimes(impact, len(spans), sum(spans, timedelta(0)) / len(spans), _middle(spans))


def monthly_uptime(
    timeline: tuple[Segment, ...] | list[Segment],
    component: Component,
    months: list[Month] | tuple[Month, ...],
    snapshot: Snapshot,
) -> MonthlyUptime:
    """A component's Statuspage uptime in each month, from the local day of its `since`
    (worked out once per build: the site's report and the component's show it, in every
    language; it reads no text)."""
    key = ("uptime", component.id, tuple((m.first, m.last) for m in months))
    if key not in snapshot.shared:
        snapshot.shared[key] = _monthly_uptime(timeline, component, months, snapshot)
    uptime: MonthlyUptime = snapshot.shared[key]
    if uptime.component is not component:  # another language's: the component named in this
        return MonthlyUptime(component, uptime.values)
    return uptime


def _monthly_uptime(
    timeline: tuple[Segment, ...] | list[Segment],
    component: Component,
    months: list[Month] | tuple[Month, ...],
    snapshot: Snapshot,
) -> MonthlyUptime:
    started = local_day(component.since, snapshot.zone) if component.since else None
    values: list[Fraction | None] = []
    for month in months:
        first = max(month.first, started) if started else month.first
        values.append(
            None
            if first > month.last
            else uptime_over_days(list(timeline), first, month.last, snapshot.zone, snapshot.now)
        )
    return MonthlyUptime(component, tuple(values))


def build_report(
    snapshot: Snapshot, component_id: str | None = None, months: int = REPORT_MONTHS
) -> Report:
    """The report of the site (component_id None) or of one of its components, over the
    period ending at the snapshot's `now`, in its zone (worked out once per snapshot: its
    page and its CSV files show the same)."""
    key = ("report", component_id, months)
    if key not in snapshot.memo:
        snapshot.memo[key] = _build_report(snapshot, component_id, months)
    report: Report = snapshot.memo[key]
    return report


def _build_report(snapshot: Snapshot, component_id: str | None, months: int) -> Report:
    now, zone = snapshot.now, snapshot.zone
    periods = report_months(now, zone, months)
    start = day_start(periods[0].first, zone)
    component = snapshot.components[component_id].component if component_id else None
    failures = [
        v
        for v in snapshot.incidents
        if start <= v.incident.started_at <= now and is_failure(v, component)
    ]
    counts: dict[tuple[int, int], list[int]] = {
        (m.year, m.month): [0] * len(FAILURE_IMPACTS) for m in periods
    }
    for view in failures:
        began = view.incident.started_at.astimezone(zone)
        counts[(began.year, began.month)][FAILURE_IMPACTS.index(view.incident.impact)] += 1
    periods = [
        Month(m.year, m.month, m.first, m.last, m.so_far, tuple(counts[(m.year, m.month)]))
        for m in periods
    ]
    resolved = [v for v in failures if v.state is Lifecycle.RESOLVED]
    times = [resolve_times(resolved, i) for i in (*FAILURE_IMPACTS, None)]
    operating_start = start
    if component is not None and component.since is not None:
        operating_start = max(start, day_start(local_day(component.since, zone), zone))
    operating = max(now - operating_start, timedelta(0))
    shown = [component] if component else [c.component for c in snapshot.components.values()]
    return Report(
        component=component,
        start=start,
        now=now,
        months=tuple(periods),
        failures=tuple(failures),
        resolve_times=tuple(times),
        resolutions=tuple(
            sorted(resolved, key=lambda v: (-v.duration, v.incident.started_at, v.id))
        ),
        operating=operating,
        mtbf=operating / len(failures) if failures else None,
        uptime=tuple(
            monthly_uptime(snapshot.components[c.id].timeline, c, periods, snapshot) for c in shown
        ),
    )
