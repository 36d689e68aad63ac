"""The snapshot of one build: what every page and published file shows, derived once.

`build_snapshot` does every expensive step once (timelines, uptime, bars), so rendering walks
prepared data. Texts' HTML is not here: the renderers convert them when a page asks.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any

from statusgen.derive.fields import UpdateFacts, update_facts
from statusgen.derive.lifecycle import duration_at, lifecycle_at, maintenance_window
from statusgen.derive.state import PageState, build_page_state
from statusgen.derive.statuses import status_steps, worst_given
from statusgen.derive.timeline import Segment, build_timeline, spans_by_component
from statusgen.derive.uptime import (
    UPTIME_WINDOWS,
    DayBar,
    daily_bars,
    format_percent,
    window_uptime,
)
from statusgen.model import (
    Component,
    ComponentStatus,
    Group,
    Incident,
    Lifecycle,
    StatusSite,
    worst_status,
)

#: A component and the status an incident gave it.
Given = tuple[Component, ComponentStatus]


@dataclass(frozen=True, slots=True)
class IncidentView:
    """An incident or maintenance with what its page and listings show."""

    incident: Incident
    state: Lifecycle
    #: Affected components with the worst status this incident gave each.
    affected: tuple[Given, ...]
    #: How long it lasted (or has lasted until now); the window's length for maintenance.
    duration: timedelta
    #: Per update, oldest first: the component status changes it announces.
    changes: tuple[tuple[Given, ...], ...]
    #: Per update, oldest first: the estimated resolution and who is affected after it.
    facts: tuple[UpdateFacts, ...] = ()

    @property
    def estimate_at(self) -> datetime | None:
        """The estimated resolution in effect (None once resolved, or when none was given)."""
        return self.facts[-1].estimate_at if self.facts else None

    @property
    def estimate_moved_from(self) -> datetime | None:
        """The earlier estimate, when the one in effect moved it."""
        for fact in reversed(self.facts):
            if fact.estimate_change is not None:
                return fact.estimate_change.before if fact.estimate_at is not None else None
        return None

    @property
    def affected_text(self) -> str:
        """Who is (or was) affected, as the latest update stating it says."""
        return self.facts[-1].affected if self.facts else ""

    @property
    def stated(self) -> Mapping[str, str]:
        """Each stated field (who is affected, ...) as the latest update stating it says."""
        return self.facts[-1].stated if self.facts else {}

    @property
    def postmortem_at(self) -> datetime | None:
        """When the postmortem was published, if it was."""
        return self.incident.postmortem_at

    @property
    def id(self) -> str:
        """The incident id."""
        return self.incident.id

    @property
    def began_at(self) -> datetime:
        """When it began for readers: its first update, or a maintenance's window start."""
        if self.incident.is_maintenance:
            return maintenance_window(self.incident)[0]
        return self.incident.started_at


@dataclass(frozen=True, slots=True)
class ComponentView:
    """A component with its status, history and uptime."""

    component: Component
    status: ComponentStatus
    timeline: tuple[Segment, ...]
    bars: tuple[DayBar, ...]
    #: Uptime text per window in days, e.g. {30: "99.87", 90: ..., 365: ...}.
    uptime: dict[int, str]
    #: Raw percentages, for comparing with the SLA.
    uptime_values: dict[int, float | None]
    #: Incidents touching it, newest first.
    incident_ids: tuple[str, ...]

    @property
    def id(self) -> str:
        """The component id."""
        return self.component.id


@dataclass(frozen=True, slots=True)
class GroupView:
    """A group of components with its worst current status."""

    group: Group
    components: tuple[ComponentView, ...]
    status: ComponentStatus

    @property
    def affected_count(self) -> int:
        """How many of its components are not operational."""
        return sum(1 for c in self.components if c.status is not ComponentStatus.OPERATIONAL)


@dataclass(frozen=True)
class Snapshot:
    """Everything the pages and files of one build show."""

    now: datetime
    state: PageState
    history_days: int
    groups: tuple[GroupView, ...]
    components: dict[str, ComponentView]
    #: Every incident and maintenance, newest first.
    incidents: tuple[IncidentView, ...]
    by_id: dict[str, IncidentView] = field(repr=False)
    #: The site's time zone: days (bars, past incidents) are its local days.
    zone: tzinfo = UTC
    #: Derived views worked out once per build and shared by the pages and files showing
    #: them (the reliability reports), by key.
    memo: dict[object, Any] = field(default_factory=dict, repr=False, compare=False)
    #: The same for what reads no incident's text (uptime from the components' timelines):
    #: shared by the snapshots of every language of the build (`snapshot_with` keeps it).
    shared: dict[object, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def active(self) -> tuple[IncidentView, ...]:
        """Open incidents, worst first."""
        return tuple(self.by_id[i.id] for i in self.state.open_incidents)

    @property
    def maintenance_in_progress(self) -> tuple[IncidentView, ...]:
        """Maintenance whose window is running."""
        return tuple(self.by_id[i.id] for i in self.state.maintenance_in_progress)

    @property
    def maintenance_upcoming(self) -> tuple[IncidentView, ...]:
        """Maintenance not started yet, soonest first."""
        return tuple(self.by_id[i.id] for i in self.state.maintenance_upcoming)

    @property
    def years(self) -> list[int]:
        """Years with incidents (by when each began, in UTC), newest first."""
        return sorted(self._by_year(), reverse=True)

    def incidents_of_year(self, year: int) -> list[IncidentView]:
        """Incidents that began in a year (UTC), newest first."""
        return list(self._by_year().get(year, ()))

    def _by_year(self) -> dict[int, list[IncidentView]]:
        """The incidents by the year they began, sorted out once per snapshot: the archive's
        pages and files ask for every year, many times."""
        by_year: dict[int, list[IncidentView]] | None = self.memo.get("incidents_of_year")
        if by_year is None:
            by_year = self.memo["incidents_of_year"] = defaultdict(list)
            for view in self.incidents:
                by_year[view.began_at.year].append(view)
        return by_year

    def recent_days(self, days: int) -> list[tuple[date, list[IncidentView]]]:
        """The last `days` local days, newest first, each with the incidents and maintenance
        that began that day (a maintenance: when its window began), newest first."""
        today = self.now.astimezone(self.zone).date()
        by_day: dict[date, list[IncidentView]] = {}
        for item in self.incidents:
            began = item.began_at
            if began <= self.now:
                by_day.setdefault(began.astimezone(self.zone).date(), []).append(item)
        listed = [today - timedelta(days=n) for n in range(days)]
        return [
            (day, sorted(by_day.get(day, []), key=lambda i: i.began_at, reverse=True))
            for day in listed
        ]

    def followable(self, item: IncidentView) -> bool:
        """Whether the incident has its own feeds ("follow this incident"): while it is open or
        upcoming, and for `history_days` after its last news (its last update, its postmortem,
        a maintenance's window end), so the resolution and a late postmortem reach followers.
        Older incidents have none, so their cost does not grow with the history."""
        if not item.state.is_over:
            return True
        last = item.incident.last_phase.at
        if item.incident.is_maintenance:
            last = max(last, maintenance_window(item.incident)[1])
        if item.postmortem_at is not None:
            last = max(last, item.postmortem_at)
        return self.now - last <= timedelta(days=self.history_days)

    def incidents_of_component(self, component_id: str) -> list[IncidentView]:
        """Incidents that touched a component, newest first."""
        return [self.by_id[i] for i in self.components[component_id].incident_ids]


def build_snapshot(
    site: StatusSite,
    now: datetime,
    history_days: int,
    zone: tzinfo = UTC,
    earlier: Snapshot | None = None,
) -> Snapshot:
    """Derive everything the pages show, in one pass over the incidents per concern; days
    (uptime bars and windows) are local days in `zone`, the site's time zone.

    `earlier`: a snapshot of the same components (the last build's, before some incidents
    were edited); where its time, history and zone are these, an incident equal to its
    incident there keeps its view, and a component that no other incident touches (in either
    snapshot) keeps its timeline, bars and uptime (`mkdocs serve`'s incremental path)."""
    if earlier is not None and (earlier.now, earlier.history_days, earlier.zone) != (
        now,
        history_days,
        zone,
    ):
        earlier = None
    state = build_page_state(site, now)
    spans = spans_by_component(site, now)
    touching: dict[str, list[str]] = defaultdict(list)
    incidents = []
    views = [_incident_view(incident, site, now, earlier) for incident in site.incidents]
    stale = _touched(views, earlier)
    # Newest first by when each began for readers (a maintenance: its window, not its notice).
    for view in sorted(views, key=lambda v: (v.began_at, v.id), reverse=True):
        incidents.append(view)
        for component, _ in view.affected:
            touching[component.id].append(view.id)
    components: dict[str, ComponentView] = {}
    groups = []
    windows = sorted({*UPTIME_WINDOWS, history_days})
    for group in site.catalog.groups:
        members: list[ComponentView] = []
        for component in group.components:
            kept = earlier.components.get(component.id) if earlier is not None else None
            if kept is not None and component.id not in stale and kept.component == component:
                component_view = replace(
                    kept,
                    status=state.component_statuses[component.id],
                    incident_ids=tuple(touching.get(component.id, ())),
                )
                components[component.id] = component_view
                if not component.is_retired_at(now):
                    members.append(component_view)
                continue
            timeline = build_timeline(spans.get(component.id, []))
            values = {d: window_uptime(timeline, now, d, component.since, zone) for d in windows}
            component_view = ComponentView(
                component=component,
                status=state.component_statuses[component.id],
                timeline=tuple(timeline),
                bars=tuple(daily_bars(timeline, now, history_days, component.since, zone)),
                uptime={d: format_percent(v) for d, v in values.items()},
                uptime_values={d: (float(v) if v is not None else None) for d, v in values.items()},
                incident_ids=tuple(touching.get(component.id, ())),
            )
            components[component.id] = component_view
            if not component.is_retired_at(now):  # its page stays; the overview drops it
                members.append(component_view)
        if members or not group.components:  # a group of retired components only goes too
            status = worst_status(m.status for m in members)
            groups.append(GroupView(group=group, components=tuple(members), status=status))
    return Snapshot(
        now=now,
        state=state,
        history_days=history_days,
        groups=tuple(groups),
        components=components,
        incidents=tuple(incidents),
        by_id={i.id: i for i in incidents},
        zone=zone,
    )


def snapshot_with(snapshot: Snapshot, project: Callable[[Incident], Incident]) -> Snapshot:
    """`snapshot` with each incident replaced by `project(incident)`, which keeps its statuses,
    times and components and changes only texts (a language's, `derive/languages.incident_in`):
    nothing is derived again but what the updates state (`facts`)."""
    views = []
    for view in snapshot.incidents:
        incident = project(view.incident)
        if incident is not view.incident:
            view = replace(view, incident=incident, facts=update_facts(incident))
        views.append(view)
    by_id = {v.id: v for v in views}
    state = snapshot.state
    state = replace(
        state,
        open_incidents=tuple(by_id[i.id].incident for i in state.open_incidents),
        maintenance_in_progress=tuple(by_id[i.id].incident for i in state.maintenance_in_progress),
        maintenance_upcoming=tuple(by_id[i.id].incident for i in state.maintenance_upcoming),
    )
    return replace(snapshot, state=state, incidents=tuple(views), by_id=by_id, memo={})


def _incident_view(
    incident: Incident, site: StatusSite, now: datetime, earlier: Snapshot | None
) -> IncidentView:
    """The incident's view: `earlier`'s where the incident is the same there."""
    kept = earlier.by_id.get(incident.id) if earlier is not None else None
    if kept is not None and (kept.incident is incident or kept.incident == incident):
        return kept
    return build_incident_view(incident, site, now)


def _touched(views: list[IncidentView], earlier: Snapshot | None) -> set[str]:
    """The components that an incident not kept from `earlier` (edited, new or gone)
    touches, there or here."""
    if earlier is None:
        return set()
    found: set[str] = set()
    here = {view.id for view in views}
    pairs: list[tuple[IncidentView | None, IncidentView | None]]
    pairs = [(view, earlier.by_id.get(view.id)) for view in views]
    pairs += [(None, kept) for id, kept in earlier.by_id.items() if id not in here]
    for view, kept in pairs:
        if kept is view:
            continue
        for seen in (view, kept):
            if seen is not None:
                found.update(component.id for component, _ in seen.affected)
                found.update(component.id for step in seen.changes for component, _ in step)
    return found


def build_incident_view(incident: Incident, site: StatusSite, now: datetime) -> IncidentView:
    """One incident's page data: state, duration, affected components, status changes."""
    catalog = site.catalog
    changes = tuple(
        tuple(
            (component, after)
            for cid, (_, after) in step.changes.items()
            if (component := catalog.get(cid)) is not None
        )
        for step in status_steps(incident)[1:]
    )
    affected = tuple(
        (component, status)
        for cid, status in worst_given(incident).items()
        if (component := catalog.get(cid)) is not None
    )
    return IncidentView(
        incident=incident,
        state=lifecycle_at(incident, now),
        affected=affected,
        duration=duration_at(incident, now),
        changes=changes,
        facts=update_facts(incident),
    )
