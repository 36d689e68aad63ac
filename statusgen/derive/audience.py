"""Audiences: the public view of a site leaves out everything marked `audience: internal`."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from statusgen.model import Audience, Catalog, Incident, StatusSite, frozen_mapping


def for_audience(site: StatusSite, audience: Audience | str) -> StatusSite:
    """The site as `audience` may see it: the internal audience sees everything.

    The public view drops internal components (and groups left empty), internal incidents,
    internal updates, and any mention of an internal component in what remains. Either way,
    updates posted in the same second are numbered among what the audience sees (their
    anchors, feed ids and API ids), so no hidden update shows through a gap in the numbers.
    """
    if Audience(audience) is Audience.INTERNAL:
        return replace(site, incidents=tuple(number_updates(i) for i in site.incidents))
    groups = []
    for group in site.catalog.groups:
        components = tuple(c for c in group.components if c.audience is Audience.PUBLIC)
        if components:
            groups.append(replace(group, components=components))
    catalog = Catalog(groups=tuple(groups))
    public_ids = {c.id for c in catalog.components}
    incidents = []
    for incident in site.incidents:
        if incident.audience is Audience.PUBLIC:
            public = _public_incident(incident, public_ids)
            if public is not None:
                incidents.append(number_updates(public))
    return StatusSite(catalog=catalog, incidents=tuple(incidents))


def public_sees_all(site: StatusSite) -> bool:
    """Whether `for_audience` gives both audiences equal sites (most sites): no internal
    component, incident or update, no group without components, and no incident or update
    naming a component outside the catalog (the public view drops those). One pass, no
    copies: a build or check that serves both audiences then derives the site once."""
    components = site.catalog.components
    if not all(group.components for group in site.catalog.groups) or any(
        c.audience is not Audience.PUBLIC for c in components
    ):
        return False
    ids = {c.id for c in components}
    return all(i.audience is Audience.PUBLIC and _all_public(i, ids) for i in site.incidents)


def _all_public(incident: Incident, public_ids: set[str]) -> bool:
    """Whether every update of `incident` is public and it and they name public components."""
    return incident.components.keys() <= public_ids and all(
        p.audience is Audience.PUBLIC and p.components.keys() <= public_ids for p in incident.phases
    )


def _public_incident(incident: Incident, public_ids: set[str]) -> Incident | None:
    if _all_public(incident, public_ids):
        return incident  # nothing of it is internal (most incidents): no copy
    phases = tuple(
        replace(
            p, components=frozen_mapping({k: v for k, v in p.components.items() if k in public_ids})
        )
        for p in incident.phases
        if p.audience is Audience.PUBLIC
    )
    if not phases:
        return None
    components = frozen_mapping({k: v for k, v in incident.components.items() if k in public_ids})
    return replace(incident, phases=phases, components=components)


def number_updates(incident: Incident) -> Incident:
    """The incident with each update's `same_time_before`: how many earlier updates fall in
    the same whole second (anchors have second precision; real histories have updates a few
    milliseconds apart)."""
    seen: dict[datetime, int] = {}
    phases = []
    changed = False
    for phase in incident.phases:
        second = phase.at.replace(microsecond=0)
        earlier = seen.get(second, 0)
        seen[second] = earlier + 1
        if earlier != phase.same_time_before:
            phase = replace(phase, same_time_before=earlier)
            changed = True
        phases.append(phase)
    return replace(incident, phases=tuple(phases)) if changed else incident
