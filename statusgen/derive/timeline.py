"""Status timelines: when each component was in which status, merged over all incidents.

Pure functions of the model and an explicit `now`; every time is timezone-aware UTC.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime

from statusgen.derive.lifecycle import active_range
from statusgen.derive.statuses import status_steps
from statusgen.model import ComponentStatus, Incident, StatusSite, worst_status


@dataclass(frozen=True, slots=True)
class Span:
    """A component held a status over [start_at, end_at), because of one incident."""

    start_at: datetime
    end_at: datetime
    status: ComponentStatus
    incident_id: str


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of a component's timeline with one (worst) status and its causes."""

    start_at: datetime
    end_at: datetime
    status: ComponentStatus
    incident_ids: tuple[str, ...]


def incident_spans(incident: Incident, now: datetime) -> Iterator[tuple[str, Span]]:
    """(component id, span) for every status an incident gave a component until `now`,
    clipped to when the incident is active (`active_range`)."""
    bounds = active_range(incident, now)
    if bounds is None:
        return
    start, end = bounds
    statuses: dict[str, ComponentStatus] = {}
    since: dict[str, datetime] = {}
    for step in status_steps(incident):
        at = start if step.phase is None else min(max(step.phase.at, start), end)
        for component_id, (_, status) in step.changes.items():
            if component_id not in statuses:
                since[component_id] = at
            elif statuses[component_id] != status:
                begun = since[component_id]
                if at > begun:
                    yield component_id, Span(begun, at, statuses[component_id], incident.id)
                since[component_id] = at
            statuses[component_id] = status
    for component_id, status in statuses.items():
        begun = since[component_id]
        if end > begun:
            yield component_id, Span(begun, end, status, incident.id)


def spans_by_component(site: StatusSite, now: datetime) -> Mapping[str, list[Span]]:
    """Every component's non-operational spans from every incident, in one pass."""
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
