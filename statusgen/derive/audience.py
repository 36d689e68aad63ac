"""Audiences: the public view of a site leaves out everything marked `audience: internal`."""

from __future__ import annotations

from dataclasses import replace

from statusgen.model import Audience, Catalog, Incident, StatusSite, frozen_mapping


def for_audience(site: StatusSite, audience: Audience | str) -> StatusSite:
    """The site as `audience` may see it: the internal audience sees everything.

    The public view drops internal components (and groups left empty), internal incidents,
    internal updates, and any mention of an internal component in what remains.
    """
    if Audience(audience) is Audience.INTERNAL:
        return site
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
                incidents.append(public)
    return StatusSite(catalog=catalog, incidents=tuple(incidents))


def _public_incident(incident: Incident, public_ids: set[str]) -> Incident | None:
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
