"""The page's state at a moment: indicator, sentence, open incidents, maintenance."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from statusgen.model import ComponentStatus, Impact, Incident, StatusSite
from statusgen.timeline import current_statuses, is_open_at, maintenance_window

#: What readers read for each indicator (Statuspage's wording, in sentence case).
INDICATOR_SENTENCES = {
    Impact.NONE: "All systems operational",
    Impact.MINOR: "Minor service outage",
    Impact.MAJOR: "Partial system outage",
    Impact.CRITICAL: "Major system outage",
}
MAINTENANCE_SENTENCE = "Service under maintenance"


@dataclass(frozen=True)
class PageState:
    """Everything the top of the overview shows, at one moment."""

    now: datetime
    indicator: Impact
    sentence: str
    component_statuses: dict[str, ComponentStatus]
    open_incidents: tuple[Incident, ...]
    maintenance_in_progress: tuple[Incident, ...]
    maintenance_upcoming: tuple[Incident, ...]


def maintenance_phase(incident: Incident, now: datetime) -> str:
    """ "upcoming", "in_progress" or "done" for a maintenance at `now`."""
    start, end = maintenance_window(incident)
    if now >= end or (incident.closed_at is not None and incident.closed_at <= now):
        return "done"
    return "in_progress" if now >= start else "upcoming"


def build_page_state(site: StatusSite, now: datetime) -> PageState:
    """The page indicator and lists of what is going on at `now`."""
    open_incidents = tuple(
        sorted(
            (i for i in site.incidents if not i.is_maintenance and is_open_at(i, now)),
            key=lambda i: (-i.impact.severity, -i.last_phase.at.timestamp(), i.id),
        )
    )
    maintenance = [i for i in site.incidents if i.is_maintenance]
    in_progress = tuple(i for i in maintenance if maintenance_phase(i, now) == "in_progress")
    upcoming = tuple(
        sorted(
            (i for i in maintenance if maintenance_phase(i, now) == "upcoming"),
            key=lambda i: (i.scheduled.start_at if i.scheduled else now, i.id),
        )
    )
    indicator = max(
        (i.impact for i in open_incidents), key=lambda x: x.severity, default=Impact.NONE
    )
    sentence = INDICATOR_SENTENCES[indicator]
    if indicator is Impact.NONE and in_progress:
        sentence = MAINTENANCE_SENTENCE
    return PageState(
        now=now,
        indicator=indicator,
        sentence=sentence,
        component_statuses=current_statuses(site, now),
        open_incidents=open_incidents,
        maintenance_in_progress=in_progress,
        maintenance_upcoming=upcoming,
    )
