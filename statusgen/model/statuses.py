"""The model's vocabularies: a component's status, an incident's impact and type, the status an
update gives, where an incident stands (its lifecycle) and who may see it, each with the tables
that relate them (severities, allowed statuses, impact to status). Plain enums: no I/O."""

from __future__ import annotations

import enum
from fractions import Fraction


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
