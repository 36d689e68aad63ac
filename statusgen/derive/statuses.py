"""Which status an incident gave each component, and from when: the one walk over an incident's
`components` and its updates' `components` that timelines, pages and the API all read."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from statusgen.derive.lifecycle import is_active_at
from statusgen.model import ComponentStatus, Incident, Phase, StatusSite, worst_status

OPERATIONAL = ComponentStatus.OPERATIONAL


@dataclass(frozen=True, slots=True)
class StatusStep:
    """What one step of an incident says about components: first the incident's own
    `components` (no phase: they hold from its start), then each update's `components` (from
    that update on). Changes map a component id to (status before, status from here on), in the
    order the file names them; repeating a component's status is listed too."""

    phase: Phase | None
    changes: Mapping[str, tuple[ComponentStatus, ComponentStatus]]


def status_steps(incident: Incident) -> list[StatusStep]:
    """The incident's steps, oldest first: its `components`, then one per update."""
    current: dict[str, ComponentStatus] = {}
    steps = []
    givens: list[tuple[Phase | None, Mapping[str, ComponentStatus]]] = [
        (None, incident.components),
        *((phase, phase.components) for phase in incident.phases),
    ]
    for phase, given in givens:
        changes = {}
        for component_id, status in given.items():
            changes[component_id] = (current.get(component_id, OPERATIONAL), status)
            current[component_id] = status
        steps.append(StatusStep(phase, changes))
    return steps


def update_changes(
    incident: Incident,
) -> list[tuple[Phase, dict[str, tuple[ComponentStatus, ComponentStatus]]]]:
    """Per update, the changes it announces; the first update announces the incident's own
    `components` too (as Statuspage's first incident update does)."""
    initial, *steps = status_steps(incident)
    result = []
    for step in steps:
        assert step.phase is not None
        changes = dict(initial.changes) if step.phase is incident.phases[0] else {}
        for component_id, (before, after) in step.changes.items():
            changes[component_id] = (changes.get(component_id, (before, after))[0], after)
        result.append((step.phase, changes))
    return result


def statuses_in_effect(incident: Incident, moment: datetime) -> dict[str, ComponentStatus]:
    """The component statuses an incident declares at a moment (later updates override)."""
    statuses: dict[str, ComponentStatus] = {}
    for step in status_steps(incident):
        if step.phase is not None and step.phase.at > moment:
            break
        statuses.update((cid, after) for cid, (_, after) in step.changes.items())
    return statuses


def statuses_after_update(incident: Incident, index: int) -> dict[str, ComponentStatus]:
    """Every component the incident names up to update `index`, with its status from that
    update on, in file order. A final update gives them all back (operational): a closed
    incident affects nothing, as `lifecycle.active_range` ends it."""
    statuses: dict[str, ComponentStatus] = {}
    for step in status_steps(incident)[: index + 2]:  # its own `components`, then updates
        statuses.update((cid, after) for cid, (_, after) in step.changes.items())
    if incident.phases[index].status.is_final:
        return dict.fromkeys(statuses, OPERATIONAL)
    return statuses


def worst_given(incident: Incident) -> dict[str, ComponentStatus]:
    """The worst status the incident ever gave each component it names, in file order."""
    worst: dict[str, ComponentStatus] = {}
    for step in status_steps(incident):
        for component_id, (_, after) in step.changes.items():
            worst[component_id] = worst_status((worst.get(component_id, OPERATIONAL), after))
    return worst


def current_statuses(site: StatusSite, now: datetime) -> dict[str, ComponentStatus]:
    """Every component's status at `now`: the worst given by what is active at `now`."""
    result = {c.id: OPERATIONAL for c in site.catalog.components}
    for incident in site.incidents:
        if not is_active_at(incident, now):
            continue
        for component_id, status in statuses_in_effect(incident, now).items():
            if component_id in result:
                result[component_id] = worst_status((result[component_id], status))
    return result
