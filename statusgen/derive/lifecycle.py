"""Where an incident or a maintenance stands at a moment, and when it affects its components."""

from __future__ import annotations

from datetime import datetime, timedelta

from statusgen.model import (
    MAINTENANCE_LIFECYCLE,
    MAINTENANCE_PHASES,
    Incident,
    Lifecycle,
    PhaseStatus,
)


def maintenance_window(incident: Incident) -> tuple[datetime, datetime]:
    """When a maintenance holds its components: from the earlier of its scheduled start and
    its first `in_progress` update, until its `completed` update or else its scheduled end."""
    assert incident.scheduled is not None
    started = [p.at for p in incident.phases if p.status is PhaseStatus.IN_PROGRESS]
    start = min([incident.scheduled.start_at, *started])
    return start, incident.closed_at or incident.scheduled.end_at


def lifecycle_at(incident: Incident, now: datetime) -> Lifecycle:
    """Upcoming, in progress or completed for a maintenance; ongoing or resolved for an
    incident (resolved once its final update is posted at or before `now`)."""
    if incident.is_maintenance:
        start, end = maintenance_window(incident)
        before, during, after = MAINTENANCE_LIFECYCLE
        return after if now >= end else during if now >= start else before
    closed = incident.closed_at
    return Lifecycle.RESOLVED if closed is not None and closed <= now else Lifecycle.ONGOING


def maintenance_status_at(incident: Incident, now: datetime) -> PhaseStatus:
    """A maintenance's status as Statuspage's API gives it at `now`: what was posted, moved
    along by the clock (scheduled before its window, in progress during it, completed after
    it), so a maintenance nobody updated still opens and closes on time."""
    fits = MAINTENANCE_PHASES[lifecycle_at(incident, now)]
    posted = incident.last_phase.status
    return posted if posted in fits else fits[0]


def is_active_at(incident: Incident, now: datetime) -> bool:
    """An incident that has begun and is open at `now`, or a maintenance within its window."""
    if not lifecycle_at(incident, now).is_active:
        return False
    return incident.is_maintenance or incident.started_at <= now


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


def duration_at(incident: Incident, now: datetime) -> timedelta:
    """How long it lasted, or has lasted until `now`; a maintenance not running yet, or over,
    gives the length of its window."""
    state = lifecycle_at(incident, now)
    if incident.is_maintenance:
        start, end = maintenance_window(incident)
        if state is Lifecycle.IN_PROGRESS:
            return now - start
        return max(end - start, timedelta(0))
    if state is Lifecycle.RESOLVED:
        assert incident.closed_at is not None
        return incident.closed_at - incident.started_at
    return now - incident.started_at
