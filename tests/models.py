"""Model builders shared by the tests that build model objects directly (no files, no loader):
components, catalogs, sites, phases, incidents and maintenance, with short defaults.

Times are written as in incident files (`moments.at`: ISO 8601 with an offset); statuses as
their values ("partial_outage") or as `ComponentStatus`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields, replace
from datetime import datetime, timedelta
from typing import Any

from moments import UM, at

from statusgen.model import (
    Audience,
    Catalog,
    Component,
    ComponentStatus,
    Group,
    Impact,
    Incident,
    IncidentType,
    Phase,
    PhaseStatus,
    StatusSite,
    Window,
    frozen_mapping,
)

Statuses = Mapping[str, str | ComponentStatus]


def statuses(items: Statuses | None) -> Mapping[str, ComponentStatus]:
    """Component statuses by id, as the model holds them."""
    return frozen_mapping({k: ComponentStatus(v) for k, v in (items or {}).items()})


def component(
    cid: str,
    group: str = "Core platform",
    *,
    name: str | None = None,
    since: datetime | None = None,
    audience: Audience = Audience.PUBLIC,
    description: str = "",
    sla: float | None = None,
    upstream: str | None = None,
) -> Component:
    """A component; its name, without one given, is its id in title case ("api" -> "Api")."""
    return Component(
        id=cid,
        name=name or cid.replace("-", " ").title(),
        group=group,
        description=description,
        sla=sla,
        upstream=upstream,
        since=since,
        audience=audience,
    )


def catalog(*components: Component) -> Catalog:
    """The components in groups by their `group`, in the order they first appear."""
    groups: dict[str, list[Component]] = {}
    for c in components:
        groups.setdefault(c.group, []).append(c)
    return Catalog(groups=tuple(Group(name=n, components=tuple(cs)) for n, cs in groups.items()))


DEFAULT_COMPONENTS = (component("api"), component("dashboard"))


def site(
    *incidents: Incident, components: tuple[Component, ...] = DEFAULT_COMPONENTS
) -> StatusSite:
    """A site of these incidents (and components: by default api and dashboard)."""
    return StatusSite(catalog=catalog(*components), incidents=tuple(incidents))


def phase(
    when: str,
    status: str | PhaseStatus,
    components: Statuses | None = None,
    *,
    message: str | None = None,
    audience: Audience = Audience.PUBLIC,
) -> Phase:
    """An update at `when` (message by default "<status> update")."""
    status = PhaseStatus(status)
    return Phase(
        at=at(when),
        status=status,
        message=f"{status.value} update" if message is None else message,
        components=statuses(components),
        audience=audience,
    )


def incident(
    iid: str,
    components: Statuses,
    *phases: Phase,
    impact: str | Impact = "major",
    title: str | None = None,
    audience: Audience = Audience.PUBLIC,
) -> Incident:
    """An incident (title by default its id with spaces)."""
    return Incident(
        id=iid,
        path=f"incidents/{iid}.md",
        title=title or iid.replace("-", " "),
        type=IncidentType.INCIDENT,
        impact=Impact(impact),
        components=statuses(components),
        phases=tuple(phases),
        audience=audience,
    )


def outage(
    iid: str,
    components: Statuses,
    start: str,
    end: str | None = None,
    *,
    impact: str | Impact = "major",
    title: str | None = None,
) -> Incident:
    """An incident from `start` ("Investigating"), resolved at `end` ("Resolved"; open if
    None)."""
    phases = [phase(start, "investigating", message="Investigating")]
    if end is not None:
        phases.append(phase(end, "resolved", message="Resolved"))
    return incident(iid, components, *phases, impact=impact, title=title)


def maintenance(
    iid: str,
    start: str,
    end: str,
    *phases: Phase,
    components: Statuses | None = None,
    title: str | None = None,
) -> Incident:
    """A maintenance of [start, end) (of api by default); without phases, announced a week
    before its window and never updated ("Planned")."""
    window = Window(start_at=at(start), end_at=at(end))
    if not phases:
        announced = window.start_at - timedelta(days=7)
        phases = (Phase(at=announced, status=PhaseStatus.SCHEDULED, message="Planned"),)
    return Incident(
        id=iid,
        path=f"incidents/{iid}.md",
        title=title or iid.replace("-", " "),
        type=IncidentType.MAINTENANCE,
        impact=Impact.NONE,
        components=statuses(components or {"api": UM}),
        phases=tuple(phases),
        scheduled=window,
    )


def without_places(incident: Incident) -> Incident:
    """The incident without where its parts stand in a file (its path and every `*line`
    field of it and its updates), to compare what a writer wrote with what was read back."""

    def placeless(item: Any) -> dict[str, Any]:
        return {f.name: 0 for f in fields(item) if f.name == "line" or f.name.endswith("_line")}

    return replace(
        incident,
        path="",
        phases=tuple(replace(p, **placeless(p)) for p in incident.phases),
        **placeless(incident),
    )
