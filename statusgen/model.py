"""The content model: what components.yml and incidents/*.md say, validated and immutable.

Nothing here does I/O; `statusgen.content` builds these objects from files.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from fractions import Fraction
from functools import cached_property
from types import MappingProxyType

from statusgen.clock import stamp_utc
from statusgen.slugs import name_slug


class ComponentStatus(enum.StrEnum):
    """A component's status, declared best to worst (Statuspage's vocabulary)."""

    OPERATIONAL = "operational"
    UNDER_MAINTENANCE = "under_maintenance"
    DEGRADED_PERFORMANCE = "degraded_performance"
    PARTIAL_OUTAGE = "partial_outage"
    MAJOR_OUTAGE = "major_outage"

    @property
    def severity(self) -> int:
        """Rank from 0 (operational) to 4 (major outage); larger is worse."""
        return _COMPONENT_SEVERITY[self]

    @property
    def downtime_weight(self) -> Fraction:
        """How much one minute in this status counts as downtime (Statuspage's weighting):
        major outage 1, partial outage 0.3, anything else 0."""
        return _DOWNTIME_WEIGHT.get(self, Fraction(0))


_COMPONENT_SEVERITY = {status: rank for rank, status in enumerate(ComponentStatus)}
_DOWNTIME_WEIGHT = {
    ComponentStatus.MAJOR_OUTAGE: Fraction(1),
    ComponentStatus.PARTIAL_OUTAGE: Fraction(3, 10),
}

#: Statuses an incident may put a component in (its initial `components`).
INCIDENT_COMPONENT_STATUSES = (
    ComponentStatus.DEGRADED_PERFORMANCE,
    ComponentStatus.PARTIAL_OUTAGE,
    ComponentStatus.MAJOR_OUTAGE,
)
#: Statuses a later phase may change a component to (it may have recovered).
PHASE_COMPONENT_STATUSES = (ComponentStatus.OPERATIONAL, *INCIDENT_COMPONENT_STATUSES)
#: Statuses a maintenance puts its components in (its initial `components`).
MAINTENANCE_COMPONENT_STATUSES = (ComponentStatus.UNDER_MAINTENANCE,)
#: Statuses a later maintenance phase may change a component to.
MAINTENANCE_PHASE_COMPONENT_STATUSES = (
    ComponentStatus.OPERATIONAL,
    *MAINTENANCE_COMPONENT_STATUSES,
)


def worst_status(statuses: object) -> ComponentStatus:
    """The worst of an iterable of statuses, operational when it is empty."""
    worst = ComponentStatus.OPERATIONAL
    for status in statuses:  # type: ignore[attr-defined]
        if status.severity > worst.severity:
            worst = status
    return worst


class Impact(enum.StrEnum):
    """An incident's impact, which is also the page indicator (best to worst)."""

    NONE = "none"
    MINOR = "minor"
    MAJOR = "major"
    CRITICAL = "critical"

    @property
    def severity(self) -> int:
        """Rank from 0 (none) to 3 (critical)."""
        return list(Impact).index(self)


#: The one correspondence of impacts and the component statuses an incident sets: minor is
#: degraded performance, major a partial outage, critical a major outage (Statuspage's scale).
IMPACT_STATUS = {
    Impact.MINOR: ComponentStatus.DEGRADED_PERFORMANCE,
    Impact.MAJOR: ComponentStatus.PARTIAL_OUTAGE,
    Impact.CRITICAL: ComponentStatus.MAJOR_OUTAGE,
}


def status_impact(status: ComponentStatus) -> Impact:
    """The impact a component status stands for: that of the worst status of `IMPACT_STATUS`
    no worse than it (so a status added between them needs no entry), none below them all."""
    return max(
        (impact for impact, given in IMPACT_STATUS.items() if given.severity <= status.severity),
        key=lambda impact: impact.severity,
        default=Impact.NONE,
    )


class IncidentType(enum.StrEnum):
    """Whether a file is an unplanned incident or a scheduled maintenance."""

    INCIDENT = "incident"
    MAINTENANCE = "maintenance"


class PhaseStatus(enum.StrEnum):
    """The status an update (phase) puts an incident or maintenance in."""

    INVESTIGATING = "investigating"
    IDENTIFIED = "identified"
    MONITORING = "monitoring"
    RESOLVED = "resolved"
    SCHEDULED = "scheduled"
    IN_PROGRESS = "in_progress"
    VERIFYING = "verifying"
    COMPLETED = "completed"

    @property
    def is_final(self) -> bool:
        """True for the statuses that close an incident or maintenance."""
        return self in (PhaseStatus.RESOLVED, PhaseStatus.COMPLETED)

    @property
    def label(self) -> str:
        """Human wording, e.g. "In progress"."""
        return self.value.replace("_", " ").capitalize()


INCIDENT_PHASE_STATUSES = (
    PhaseStatus.INVESTIGATING,
    PhaseStatus.IDENTIFIED,
    PhaseStatus.MONITORING,
    PhaseStatus.RESOLVED,
)
MAINTENANCE_PHASE_STATUSES = (
    PhaseStatus.SCHEDULED,
    PhaseStatus.IN_PROGRESS,
    PhaseStatus.VERIFYING,
    PhaseStatus.COMPLETED,
)


def phase_statuses_for(kind: IncidentType) -> tuple[PhaseStatus, ...]:
    """The phase statuses allowed for an incident or for a maintenance."""
    if kind is IncidentType.MAINTENANCE:
        return MAINTENANCE_PHASE_STATUSES
    return INCIDENT_PHASE_STATUSES


class Lifecycle(enum.StrEnum):
    """Where an incident or a maintenance stands at a moment: the one vocabulary that pages,
    the archive, the calendar and the API use (derived by `statusgen.derive.lifecycle`)."""

    #: A maintenance whose window has not begun.
    UPCOMING = "upcoming"
    #: An incident not resolved yet.
    ONGOING = "ongoing"
    #: A maintenance whose window is running.
    IN_PROGRESS = "in_progress"
    #: An incident whose final update is posted.
    RESOLVED = "resolved"
    #: A maintenance that is over (completed, or past its window).
    COMPLETED = "completed"

    @property
    def is_active(self) -> bool:
        """An open incident or a running maintenance: it affects its components now."""
        return self in (Lifecycle.ONGOING, Lifecycle.IN_PROGRESS)

    @property
    def is_over(self) -> bool:
        """Resolved or completed."""
        return self in (Lifecycle.RESOLVED, Lifecycle.COMPLETED)


#: A maintenance's states in its window's order: before, during and after it.
MAINTENANCE_LIFECYCLE = (Lifecycle.UPCOMING, Lifecycle.IN_PROGRESS, Lifecycle.COMPLETED)
#: The posted statuses that fit each state of a maintenance; when the clock has moved it on
#: and the posted one does not fit, the first one stands (the API, the pages' script).
MAINTENANCE_PHASES = {
    Lifecycle.UPCOMING: (PhaseStatus.SCHEDULED,),
    Lifecycle.IN_PROGRESS: (PhaseStatus.IN_PROGRESS, PhaseStatus.VERIFYING),
    Lifecycle.COMPLETED: (PhaseStatus.COMPLETED,),
}


class Audience(enum.StrEnum):
    """Who may see a component, an incident or a phase."""

    PUBLIC = "public"
    INTERNAL = "internal"


def frozen_mapping(
    items: Mapping[str, ComponentStatus] | None = None,
) -> Mapping[str, ComponentStatus]:
    """A read-only copy of a component-to-status mapping, in the given order."""
    return MappingProxyType(dict(items or {}))


@dataclass(frozen=True, slots=True)
class Component:
    """Something readers depend on, with a status and an uptime."""

    id: str
    name: str
    group: str
    description: str = ""
    sla: float | None = None
    upstream: str | None = None
    since: datetime | None = None
    #: When it was retired: from then on it leaves the overview, the current status and the
    #: API's components; its page and its incidents stay.
    retired: datetime | None = None
    audience: Audience = Audience.PUBLIC
    line: int = 0

    def is_retired_at(self, now: datetime) -> bool:
        """True from its `retired` time on."""
        return self.retired is not None and self.retired <= now


@dataclass(frozen=True, slots=True)
class Group:
    """A named group of components, in the order components.yml lists them."""

    name: str
    components: tuple[Component, ...]
    description: str = ""

    @property
    def slug(self) -> str:
        """A stable identifier derived from the name, for anchors and API ids: its
        transliterated slug ("Données & livraison" -> "donnees-livraison")."""
        return name_slug(self.name)


@dataclass(frozen=True)
class Catalog:
    """Every group and component of components.yml."""

    groups: tuple[Group, ...]

    @cached_property
    def components(self) -> tuple[Component, ...]:
        """All components, in file order."""
        return tuple(c for g in self.groups for c in g.components)

    @cached_property
    def _by_id(self) -> dict[str, Component]:
        return {c.id: c for c in self.components}

    def get(self, component_id: str) -> Component | None:
        """The component with that id, or None."""
        return self._by_id.get(component_id)


@dataclass(frozen=True, slots=True)
class Phase:
    """One update of an incident: a status, a message, and maybe component changes."""

    at: datetime
    status: PhaseStatus
    message: str
    next_update_at: datetime | None = None
    components: Mapping[str, ComponentStatus] = field(default_factory=frozen_mapping)
    audience: Audience = Audience.PUBLIC
    line: int = 0
    #: The file line where the message's text starts (0: unknown; then `line`).
    message_line: int = 0
    #: The estimated resolution this update states (`estimate:`); it holds until a later update
    #: states another or withdraws it. None: this update says nothing about it.
    estimate_at: datetime | None = None
    #: True when this update withdraws the estimate (`estimate: none`).
    withdraws_estimate: bool = False
    #: Who is affected, as this update states it (`affected:`, plain text); it holds until a
    #: later update states another. None: no change.
    affected: str | None = None
    #: How many earlier updates of the same incident, as one audience sees it, were posted in
    #: the same second (usually 0; set by `derive.audience`).
    same_time_before: int = 0

    @property
    def anchor(self) -> str:
        """The stable anchor of this update on its incident page, from its time (not its
        position, so later updates never change it): update-20261122T140300Z, then -2, -3
        for further updates posted at the very same second."""
        suffix = f"-{self.same_time_before + 1}" if self.same_time_before else ""
        return "update-" + stamp_utc(self.at) + suffix


@dataclass(frozen=True, slots=True)
class Window:
    """A maintenance's scheduled window, [start, end)."""

    start_at: datetime
    end_at: datetime


@dataclass(frozen=True, slots=True)
class AlertMark:
    """`opened_by: alert` with `alert: {key, digest}`: `statusgen alert` opened the incident
    for the alert `key` (`<format>:<id>`); `digest` is that of its updates as it last wrote
    them, so a person's update or edit shows (docs/reference.md)."""

    key: str
    digest: str


@dataclass(frozen=True, slots=True)
class Incident:
    """An incident or a maintenance, from one file in incidents/."""

    id: str
    path: str
    title: str
    type: IncidentType
    impact: Impact
    components: Mapping[str, ComponentStatus]
    phases: tuple[Phase, ...]
    workaround: str = ""
    scheduled: Window | None = None
    audience: Audience = Audience.PUBLIC
    body: str = ""
    #: When the postmortem (in the body) was published (`postmortem: {at: ...}`), if it was.
    postmortem_at: datetime | None = None
    #: When the incident began, if before its first update was posted (`started:`).
    started: datetime | None = None
    #: `opened_by: monitor`: `statusgen probe` opened it (docs/reference.md).
    opened_by_monitor: bool = False
    #: `opened_by: alert`: `statusgen alert` opened it, for this alert.
    alert: AlertMark | None = None
    #: The file lines where the workaround's and the body's texts start (0: unknown).
    workaround_line: int = 0
    body_line: int = 0

    @property
    def is_maintenance(self) -> bool:
        """True for a scheduled maintenance."""
        return self.type is IncidentType.MAINTENANCE

    @property
    def last_phase(self) -> Phase:
        """The latest update."""
        return self.phases[-1]

    @property
    def is_closed(self) -> bool:
        """True once the last phase is resolved (or completed)."""
        return self.last_phase.status.is_final

    @property
    def started_at(self) -> datetime:
        """When the incident began: its `started`, else its first update. Downtime, uptime,
        durations and the API count from here."""
        return self.started or self.phases[0].at

    @property
    def began_unposted(self) -> datetime | None:
        """`started`, when the incident began before its first update was posted."""
        return self.started if self.started and self.started < self.phases[0].at else None

    @property
    def created_at(self) -> datetime:
        """When the incident was first posted (its first update; Statuspage's `created_at`)."""
        return self.phases[0].at

    @property
    def closed_at(self) -> datetime | None:
        """When the final phase was posted, if there is one."""
        return self.last_phase.at if self.is_closed else None

    def affected_component_ids(self) -> tuple[str, ...]:
        """Every component the incident names, initially or in a later phase, in order."""
        seen = dict.fromkeys(self.components)
        for phase in self.phases:
            seen.update(dict.fromkeys(phase.components))
        return tuple(seen)


@dataclass(frozen=True, slots=True)
class StatusSite:
    """The whole validated content of a status site."""

    catalog: Catalog
    incidents: tuple[Incident, ...]

    def incident(self, incident_id: str) -> Incident | None:
        """The incident with that id, or None."""
        for incident in self.incidents:
            if incident.id == incident_id:
                return incident
        return None
