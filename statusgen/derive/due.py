"""What the clock alone changes on the published site, and when: a rebuild is due when one of
these falls between two scheduled runs (`statusgen due`)."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, time, timedelta, tzinfo

from statusgen.derive.lifecycle import is_active_at, maintenance_window
from statusgen.model import StatusSite


class ChangeKind(enum.Enum):
    """Why the clock changes the page."""

    #: An open incident or a maintenance in progress: "ongoing for", the estimate and the
    #: overdue notice move with every minute.
    OPEN = "open"
    #: A maintenance window opens.
    WINDOW_START = "window_start"
    #: A maintenance window closes.
    WINDOW_END = "window_end"
    #: An update posted ahead (a maintenance's) reaches its time.
    UPDATE = "update"
    #: A new local day: the uptime bars move on a day, and updates fall out of the bars,
    #: the uptime windows and the recent incidents.
    DAY = "day"


@dataclass(frozen=True, order=True)
class ClockChange:
    """One change of the page by the clock alone."""

    at: datetime
    kind: ChangeKind
    incident_id: str = ""


def clock_changes(
    site: StatusSite, now: datetime, within: timedelta, zone: tzinfo
) -> list[ClockChange]:
    """Every change the clock alone makes to the site from `now - within` to `now + within`
    (since the previous run of a schedule of that interval, and before the next), soonest
    first; an open incident or a running maintenance counts as a change now."""
    start, end = now - within, now + within
    found: set[ClockChange] = set()
    for incident in site.incidents:
        if is_active_at(incident, now):
            found.add(ClockChange(now, ChangeKind.OPEN, incident.id))
        if incident.scheduled is not None:
            opens, closes = maintenance_window(incident)
            for at, kind in ((opens, ChangeKind.WINDOW_START), (closes, ChangeKind.WINDOW_END)):
                if start <= at <= end:
                    found.add(ClockChange(at, kind, incident.id))
        for phase in incident.phases:
            if start <= phase.at <= end:
                found.add(ClockChange(phase.at, ChangeKind.UPDATE, incident.id))
    day = start.astimezone(zone).date() + timedelta(days=1)
    while (midnight := datetime.combine(day, time(), zone)) <= end:
        found.add(ClockChange(midnight, ChangeKind.DAY))
        day += timedelta(days=1)
    return sorted(found, key=lambda change: (change.at, change.kind.value, change.incident_id))
