"""The page's state at a moment: indicator, its wording, open incidents, maintenance."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from statusgen.derive.lifecycle import is_active_at, lifecycle_at
from statusgen.derive.statuses import current_statuses
from statusgen.model import (
    ComponentStatus,
    Impact,
    Incident,
    Lifecycle,
    StatusSite,
    status_impact,
)

#: Statuspage's descriptions of the page indicator, word for word (the API publishes them).
INDICATOR_DESCRIPTIONS = {
    Impact.NONE: "All Systems Operational",
    Impact.MINOR: "Minor Service Outage",
    Impact.MAJOR: "Partial System Outage",
    Impact.CRITICAL: "Major System Outage",
}
#: Statuspage's description while a maintenance is in progress and no incident is open.
MAINTENANCE_DESCRIPTION = "Service Under Maintenance"
#: The banner's kind, and the API's indicator (Statuspage's word), while a maintenance runs
#: and no incident is open.
MAINTENANCE_BANNER = "maintenance"


@dataclass(frozen=True)
class PageState:
    """Everything the top of the overview shows, at one moment."""

    now: datetime
    indicator: Impact
    component_statuses: dict[str, ComponentStatus]
    open_incidents: tuple[Incident, ...]
    maintenance_in_progress: tuple[Incident, ...]
    maintenance_upcoming: tuple[Incident, ...]

    @property
    def under_maintenance(self) -> bool:
        """A maintenance runs and no incident raises the indicator."""
        return self.indicator is Impact.NONE and bool(self.maintenance_in_progress)

    @property
    def banner(self) -> str:
        """The banner's kind: the indicator's value, or "maintenance"."""
        return MAINTENANCE_BANNER if self.under_maintenance else self.indicator.value

    @property
    def worst_status(self) -> ComponentStatus | None:
        """While an incident is open, the worst status a component is in (degraded performance
        or worse), else None. The banner says it in the words the components show, so one event
        reads the same everywhere on the page."""
        if self.indicator is Impact.NONE:
            return None
        worst = max(self.component_statuses.values(), key=lambda s: s.severity, default=None)
        if worst is None or worst.severity <= ComponentStatus.UNDER_MAINTENANCE.severity:
            return None
        return worst

    @property
    def worst_components(self) -> tuple[str, ...]:
        """The ids of the components in `worst_status`, in the catalogue's order."""
        worst = self.worst_status
        return tuple(c for c, s in self.component_statuses.items() if s is worst)

    @property
    def banner_level(self) -> str:
        """The banner's colour: that of the status it names, else its kind's."""
        worst = self.worst_status
        return status_impact(worst).value if worst is not None else self.banner

    @property
    def description(self) -> str:
        """Statuspage's words for the page's state, e.g. "Partial System Outage"."""
        if self.under_maintenance:
            return MAINTENANCE_DESCRIPTION
        return INDICATOR_DESCRIPTIONS[self.indicator]

    @property
    def sentence(self) -> str:
        """The description in sentence case, as a terminal prints it."""
        return self.description[:1] + self.description[1:].lower()


def build_page_state(site: StatusSite, now: datetime) -> PageState:
    """The page indicator and lists of what is going on at `now`."""
    open_incidents = tuple(
        sorted(
            (i for i in site.incidents if not i.is_maintenance and is_active_at(i, now)),
            key=lambda i: (-i.impact.severity, -i.last_phase.at.timestamp(), i.id),
        )
    )
    maintenance = [(i, lifecycle_at(i, now)) for i in site.incidents if i.is_maintenance]
    in_progress = tuple(i for i, state in maintenance if state is Lifecycle.IN_PROGRESS)
    upcoming = tuple(
        sorted(
            (i for i, state in maintenance if state is Lifecycle.UPCOMING),
            key=lambda i: (i.scheduled.start_at if i.scheduled else now, i.id),
        )
    )
    indicator = max(
        (i.impact for i in open_incidents), key=lambda x: x.severity, default=Impact.NONE
    )
    return PageState(
        now=now,
        indicator=indicator,
        component_statuses=current_statuses(site, now),
        open_incidents=open_incidents,
        maintenance_in_progress=in_progress,
        maintenance_upcoming=upcoming,
    )
