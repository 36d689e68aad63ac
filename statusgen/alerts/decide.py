"""What an alert means for the incident files, decided from the alert, its rule and the
incidents as they are: open one incident for a firing alert of a mapped component that has
none open, update it when a later alert worsens the component's status, resolve it when its
alert resolves; never touch a file a person has posted on or edited, and never act twice on
the same delivery (the alert's key is in the file)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from statusgen.alerts.payloads import AlertEvent, AlertState
from statusgen.content.alertfields import updates_digest
from statusgen.derive.statuses import statuses_after_update
from statusgen.model import ComponentStatus, Incident, IncidentType
from statusgen.options.alerts import AlertRule


@dataclass(frozen=True)
class Open:
    event: AlertEvent
    rule: AlertRule


@dataclass(frozen=True)
class Worsen:
    """Another alert of a component whose open incident the alerts wrote alone: its status
    becomes the worse one."""

    event: AlertEvent
    rule: AlertRule
    incident: Incident


@dataclass(frozen=True)
class Resolve:
    event: AlertEvent
    incident: Incident


@dataclass(frozen=True)
class Held:
    """The alert resolved, but a person posted on (or edited) its incident: they resolve it."""

    event: AlertEvent
    incident: Incident
    why: str


@dataclass(frozen=True)
class Nothing:
    """Nothing to write; `why` says so (a repeated delivery, a covered component, ...)."""

    event: AlertEvent
    why: str


Action = Open | Worsen | Resolve | Held | Nothing


def incident_of(key: str, incidents: Sequence[Incident]) -> Incident | None:
    """The incident opened for the alert `key`, open or resolved (the latest)."""
    found = [i for i in incidents if i.alert is not None and i.alert.key == key]
    return max(found, key=lambda i: i.phases[0].at) if found else None


def open_incident_for(component: str, incidents: Sequence[Incident]) -> Incident | None:
    """The open incident (not a maintenance) that names the component, the latest first."""
    found = [
        i
        for i in incidents
        if i.type is IncidentType.INCIDENT and not i.is_closed and component in i.components
    ]
    return max(found, key=lambda i: i.phases[0].at) if found else None


def ownership(incident: Incident) -> str:
    """Why a person owns the alert's incident now ("" while only statusgen alert wrote it)."""
    if incident.alert is None:
        return "a person or the monitor opened it"
    if incident.alert.digest != updates_digest(incident.phases):
        return "a person posted or edited an update"
    return ""


def decide(event: AlertEvent, rule: AlertRule | None, incidents: Sequence[Incident]) -> Action:
    """What to do with the files for one alert."""
    own = incident_of(event.key, incidents)
    if event.state is AlertState.ACKNOWLEDGED:
        return Nothing(event, "acknowledged: a person is on it; the responder posts the words")
    if event.state is AlertState.RESOLVED:
        if own is None:
            return Nothing(event, "resolved; no incident was opened for this alert")
        if own.is_closed:
            return Nothing(event, f"resolved; {own.id} is resolved already")
        why = ownership(own)
        return Held(event, own, why) if why else Resolve(event, own)
    if own is not None:
        state = "resolved" if own.is_closed else "open"
        return Nothing(event, f"firing; {own.id} was opened for this alert ({state})")
    if rule is None:
        return Nothing(event, "firing, but no rule of the alerts option matches its labels")
    incident = open_incident_for(rule.component, incidents)
    if incident is None:
        return Open(event, rule)
    current = statuses_after_update(incident, len(incident.phases) - 1).get(
        rule.component, ComponentStatus.OPERATIONAL
    )
    if rule.status.severity > current.severity and not ownership(incident):
        return Worsen(event, rule, incident)
    return Nothing(event, f"firing; {rule.component} is covered by the open {incident.id}")
