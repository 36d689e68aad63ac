"""Views: what each generated page shows, derived once per build from the model.

`build_site_view` does every expensive step once (timelines, uptime, bars, Markdown), so
rendering a page only walks prepared data. Nothing here knows about MkDocs.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from statusgen.markup import MarkdownRenderer
from statusgen.model import (
    Component,
    ComponentStatus,
    Group,
    Incident,
    Phase,
    StatusSite,
    worst_status,
)
from statusgen.state import PageState, build_page_state, maintenance_phase
from statusgen.timeline import Segment, build_timeline, maintenance_window, spans_by_component
from statusgen.uptime import DayBar, daily_bars, format_percent, window_uptime

#: Rolling windows shown on component pages, in days.
UPTIME_WINDOWS = (30, 90, 365)


@dataclass(frozen=True)
class PhaseView:
    """One update as pages and feeds show it."""

    phase: Phase
    message_html: str
    #: Component status changes announced by this update, as (component, status).
    changes: tuple[tuple[Component, ComponentStatus], ...]


@dataclass(frozen=True)
class IncidentView:
    """An incident or maintenance with everything its page and listings show.

    Its texts' HTML is rendered when a page or feed first asks for it (the renderer keeps a
    bounded cache), so a build never holds every incident's HTML at once.
    """

    incident: Incident
    #: "ongoing", "resolved", "upcoming", "in_progress" or "completed".
    state: str
    #: Affected components with the worst status this incident gave each.
    affected: tuple[tuple[Component, ComponentStatus], ...]
    #: How long it lasted (or has lasted until now); None for upcoming maintenance.
    duration: timedelta | None
    #: Per update, oldest first: the component status changes it announces.
    changes: tuple[tuple[tuple[Component, ComponentStatus], ...], ...]
    renderer: MarkdownRenderer = field(repr=False, compare=False)

    @property
    def id(self) -> str:
        """The incident id."""
        return self.incident.id

    @property
    def is_active(self) -> bool:
        """Open incident or maintenance in progress."""
        return self.state in ("ongoing", "in_progress")

    @property
    def phases(self) -> tuple[PhaseView, ...]:
        """The updates with their HTML, oldest first."""
        messages = self.renderer.incident(self.incident).messages
        return tuple(
            PhaseView(phase, html, changes)
            for phase, html, changes in zip(
                self.incident.phases, messages, self.changes, strict=True
            )
        )

    @property
    def latest(self) -> PhaseView:
        """The latest update."""
        return self.phases[-1]

    @property
    def workaround_html(self) -> str:
        """The workaround as sanitized HTML ("" without one)."""
        return self.renderer.incident(self.incident).workaround

    @property
    def body_html(self) -> str:
        """The body (details, postmortem) as sanitized HTML ("" without one)."""
        return self.renderer.incident(self.incident).body


@dataclass(frozen=True)
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


@dataclass(frozen=True)
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
class SiteView:
    """Everything the pages of one build show."""

    now: datetime
    state: PageState
    history_days: int
    groups: tuple[GroupView, ...]
    components: dict[str, ComponentView]
    #: Every incident and maintenance, newest first.
    incidents: tuple[IncidentView, ...]
    by_id: dict[str, IncidentView] = field(repr=False)

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
        """Years with incidents, newest first."""
        return sorted({i.incident.started_at.year for i in self.incidents}, reverse=True)

    def incidents_of_year(self, year: int) -> list[IncidentView]:
        """Incidents that started in a year (UTC), newest first."""
        return [i for i in self.incidents if i.incident.started_at.year == year]


def build_site_view(
    site: StatusSite, now: datetime, renderer: MarkdownRenderer, history_days: int = 90
) -> SiteView:
    """Derive everything the pages show, in one pass over the incidents per concern."""
    state = build_page_state(site, now)
    spans = spans_by_component(site, now)
    touching: dict[str, list[str]] = defaultdict(list)
    incidents = []
    for incident in sorted(site.incidents, key=lambda i: (i.started_at, i.id), reverse=True):
        view = build_incident_view(incident, site, now, renderer)
        incidents.append(view)
        for component, _ in view.affected:
            touching[component.id].append(incident.id)
    components: dict[str, ComponentView] = {}
    groups = []
    for group in site.catalog.groups:
        members: list[ComponentView] = []
        for component in group.components:
            timeline = build_timeline(spans.get(component.id, []))
            windows = sorted({*UPTIME_WINDOWS, history_days})
            values = {d: window_uptime(timeline, now, d, component.since) for d in windows}
            component_view = ComponentView(
                component=component,
                status=state.component_statuses[component.id],
                timeline=tuple(timeline),
                bars=tuple(daily_bars(timeline, now, history_days, component.since)),
                uptime={d: format_percent(v) for d, v in values.items()},
                uptime_values={d: (float(v) if v is not None else None) for d, v in values.items()},
                incident_ids=tuple(touching.get(component.id, ())),
            )
            components[component.id] = component_view
            members.append(component_view)
        status = worst_status(m.status for m in members)
        groups.append(GroupView(group=group, components=tuple(members), status=status))
    return SiteView(
        now=now,
        state=state,
        history_days=history_days,
        groups=tuple(groups),
        components=components,
        incidents=tuple(incidents),
        by_id={i.id: i for i in incidents},
    )


def build_incident_view(
    incident: Incident, site: StatusSite, now: datetime, renderer: MarkdownRenderer
) -> IncidentView:
    """One incident's page data: state, duration, affected components, status changes."""
    changes = tuple(
        tuple(
            (component, status)
            for cid, status in phase.components.items()
            if (component := site.catalog.get(cid)) is not None
        )
        for phase in incident.phases
    )
    worst: dict[str, ComponentStatus] = dict(incident.components)
    for phase in incident.phases:
        for cid, status in phase.components.items():
            worst[cid] = worst_status((worst.get(cid, ComponentStatus.OPERATIONAL), status))
    affected = tuple(
        (component, worst[cid])
        for cid in incident.affected_component_ids()
        if (component := site.catalog.get(cid)) is not None
    )
    state, duration = _state_and_duration(incident, now)
    return IncidentView(
        incident=incident,
        state=state,
        affected=affected,
        duration=duration,
        changes=changes,
        renderer=renderer,
    )


def _state_and_duration(incident: Incident, now: datetime) -> tuple[str, timedelta | None]:
    if incident.is_maintenance:
        phase = maintenance_phase(incident, now)
        start, end = maintenance_window(incident)
        if phase == "in_progress":
            return "in_progress", now - start
        return ("upcoming" if phase == "upcoming" else "completed"), max(end - start, timedelta(0))
    if incident.closed_at is not None and incident.closed_at <= now:
        return "resolved", incident.closed_at - incident.started_at
    return "ongoing", now - incident.started_at
