"""What a probe's results mean for the incident files, decided from the results, the state
and the incidents as they are: open one incident after N failures, resolve the monitor's own
after M passes unless a person posted on it, and otherwise leave every file alone."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from statusgen.content.monitorconfig import MonitorDefaults
from statusgen.model import ComponentStatus, Incident, IncidentType
from statusgen.monitors.checks import Outcome
from statusgen.monitors.state import ComponentState

#: A component is due when its interval has passed, less this (the schedule's drift).
DRIFT = timedelta(seconds=30)


@dataclass(frozen=True)
class Verdict:
    """One component's result in this run: every check's outcome and the worst status."""

    component: str
    outcomes: tuple[Outcome, ...]

    @property
    def error(self) -> bool:
        return any(o.error for o in self.outcomes)

    @property
    def passed(self) -> bool:
        return all(o.passed for o in self.outcomes)

    @property
    def status(self) -> ComponentStatus:
        return max((o.status for o in self.outcomes), key=lambda s: s.severity)


@dataclass(frozen=True)
class Open:
    component: str
    status: ComponentStatus
    started: datetime


@dataclass(frozen=True)
class Resolve:
    component: str
    incident: Incident


@dataclass(frozen=True)
class Hold:
    """The checks pass, but the incident has a person's words: the responder resolves it."""

    component: str
    incident: Incident
    why: str


@dataclass(frozen=True)
class Covered:
    """Failing, and an incident is open for the component already (the monitor's or not)."""

    component: str
    incident: Incident


Action = Open | Resolve | Hold | Covered


def is_due(state: ComponentState, now: datetime, defaults: MonitorDefaults) -> bool:
    """Whether the component's interval has passed since its last probe."""
    if state.last_probe is None or state.last_probe > now:
        return True
    return now - state.last_probe >= timedelta(seconds=defaults.interval) - DRIFT


def open_incident_for(component: str, incidents: Sequence[Incident]) -> Incident | None:
    """The open incident (not a maintenance) that names the component, the latest first."""
    found = [
        i
        for i in incidents
        if i.type is IncidentType.INCIDENT and not i.is_closed and component in i.components
    ]
    return max(found, key=lambda i: i.phases[0].at) if found else None


def decide(
    verdict: Verdict,
    state: ComponentState,
    incidents: Sequence[Incident],
    digests: Mapping[str, str],
    now: datetime,
    defaults: MonitorDefaults,
) -> tuple[ComponentState, Action | None]:
    """The component's new state and what to do with its incident files (None: nothing)."""
    if verdict.error:
        return state, None
    incident = open_incident_for(verdict.component, incidents)
    if not verdict.passed:
        state = state.failed(now)
        if incident is not None:
            return state, Covered(verdict.component, incident)
        if state.failures >= defaults.failures:
            assert state.first_failure is not None  # set by failed()
            return state, Open(verdict.component, verdict.status, state.first_failure)
        return state, None
    state = state.passed(now)
    if incident is None:
        return replace(state, incident=None, digest=None, held=None), None
    if not incident.opened_by_monitor or state.passes < defaults.passes:
        return state, None
    why = ownership(incident, state, digests)
    if why:
        return replace(state, held=incident.id), Hold(verdict.component, incident, why)
    return state, Resolve(verdict.component, incident)


def ownership(incident: Incident, state: ComponentState, digests: Mapping[str, str]) -> str:
    """Why a person owns the monitor's incident now ("" when only the monitor wrote it)."""
    if len(incident.phases) > 1:
        return "a person posted an update on it"
    if state.incident != incident.id or state.digest is None:
        return "the probe's state has no record of writing it (a person resolves it)"
    if digests.get(incident.id) != state.digest:
        return "a person edited it"
    return ""
