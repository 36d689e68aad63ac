"""Status timelines: when each component was in which status, derived from incidents.

Pure functions of the model and an explicit `now`; every time is timezone-aware UTC.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from statusgen.model import (
    ComponentStatus,
    Incident,
    PhaseStatus,
    StatusSite,
    worst_status,
)


@dataclass(frozen=True)
class Span:
    """A component held a status over [start_at, end_at), because of one incident."""

    start_at: datetime
    end_at: datetime
    status: ComponentStatus
    incident_id: str


@dataclass(frozen=True)
class Segment:
    """A stretch of a component's timeline with one (worst) status and its causes."""

    start_at: datetime
    end_at: datetime
    status: ComponentStatus
    incident_ids: tuple[str, ...]


def active_range(incident: Incident, now: datetime) -> tuple[datetime, datetime] | None:
    """When an incident affects its components, clipped to `now`; None if not (yet) at all.

    An incident runs from its first update to its final one (or `now` while open); a
    maintenance over its `maintenance_window`.
    """
    if incident.is_maintenance:
        start, end = maintenance_window(incident)
    else:
        start = incident.started_at
        end = incident.closed_at or now
    end = min(end, now)
    if end <= start:
        return None
    return start, end


def is_open_at(incident: Incident, now: datetime) -> bool:
    """True when an incident (not a maintenance) has started and is not resolved at `now`."""
    closed = incident.closed_at
    return incident.started_at <= now and (closed is None or closed > now)


def incident_spans(incident: Incident, now: datetime) -> Iterable[tuple[str, Span]]:
    """(component id, span) for every status an incident gave a component until `now`.

    The incident's `components` hold from its start; an update's `components` hold from
    that update on (later updates override earlier ones).
    """
    bounds = active_range(incident, now)
    if bounds is None:
        return
    start, end = bounds
    statuses: dict[str, ComponentStatus] = dict(incident.components)
    since: dict[str, datetime] = dict.fromkeys(statuses, start)
    for phase in incident.phases:
        if not phase.components:
            continue
        at = min(max(phase.at, start), end)
        for component_id, status in phase.components.items():
            if component_id in statuses and statuses[component_id] != status:
                begun = since[component_id]
                if at > begun:
                    yield component_id, Span(begun, at, statuses[component_id], incident.id)
                since[component_id] = at
            elif component_id not in statuses:
                since[component_id] = at
            statuses[component_id] = status
    for component_id, status in statuses.items():
        begun = since[component_id]
        if end > begun:
            yield component_id, Span(begun, end, status, incident.id)


def spans_by_component(site: StatusSite, now: datetime) -> Mapping[str, list[Span]]:
    """Every component's spans from every incident, in one pass over the incidents."""
    spans: dict[str, list[Span]] = defaultdict(list)
    for incident in site.incidents:
        for component_id, span in incident_spans(incident, now):
            if span.status is not ComponentStatus.OPERATIONAL:
                spans[component_id].append(span)
    return spans


def build_timeline(spans: Iterable[Span]) -> list[Segment]:
    """Merge overlapping spans into segments holding the worst status at each moment.

    Only non-operational stretches are returned, in time order.
    """
    events: list[tuple[datetime, int, Span]] = []
    for span in spans:
        events.append((span.start_at, 1, span))
        events.append((span.end_at, 0, span))
    events.sort(key=lambda e: (e[0], e[1], e[2].incident_id, e[2].status.severity))
    segments: list[Segment] = []
    active: list[Span] = []
    cursor: datetime | None = None
    index = 0
    while index < len(events):
        moment = events[index][0]
        if cursor is not None and active and moment > cursor:
            _append_segment(segments, cursor, moment, active)
        while index < len(events) and events[index][0] == moment:
            _, starting, span = events[index]
            if starting:
                active.append(span)
            else:
                active.remove(span)
            index += 1
        cursor = moment
    return segments


def _append_segment(
    segments: list[Segment], start: datetime, end: datetime, active: list[Span]
) -> None:
    status = worst_status(span.status for span in active)
    ids = tuple(sorted({span.incident_id for span in active}))
    last = segments[-1] if segments else None
    if last and last.end_at == start and last.status == status and last.incident_ids == ids:
        segments[-1] = Segment(last.start_at, end, status, ids)
    else:
        segments.append(Segment(start, end, status, ids))


def status_at(timeline: list[Segment], moment: datetime) -> ComponentStatus:
    """A component's status at a moment, from its timeline."""
    for segment in timeline:
        if segment.start_at <= moment < segment.end_at:
            return segment.status
    return ComponentStatus.OPERATIONAL


def current_statuses(site: StatusSite, now: datetime) -> dict[str, ComponentStatus]:
    """Every component's status at `now`: the worst given by what is active at `now`."""
    result = {c.id: ComponentStatus.OPERATIONAL for c in site.catalog.components}
    for incident in site.incidents:
        if not is_active_at(incident, now):
            continue
        for component_id, status in statuses_in_effect(incident, now).items():
            if component_id in result:
                result[component_id] = worst_status((result[component_id], status))
    return result


def statuses_in_effect(incident: Incident, moment: datetime) -> dict[str, ComponentStatus]:
    """The component statuses an incident declares at a moment (later updates override)."""
    statuses = dict(incident.components)
    for phase in incident.phases:
        if phase.at > moment:
            break
        statuses.update(phase.components)
    return statuses


def is_active_at(incident: Incident, now: datetime) -> bool:
    """An incident open at `now`, or a maintenance whose window holds `now`."""
    if not incident.is_maintenance:
        return is_open_at(incident, now)
    start, end = maintenance_window(incident)
    return start <= now < end


def maintenance_window(incident: Incident) -> tuple[datetime, datetime]:
    """When a maintenance holds its components: from the earlier of its scheduled start and
    its first `in_progress` update, until its `completed` update or else its scheduled end."""
    assert incident.scheduled is not None
    started = [p.at for p in incident.phases if p.status is PhaseStatus.IN_PROGRESS]
    start = min([incident.scheduled.start_at, *started])
    return start, incident.closed_at or incident.scheduled.end_at
