"""A whole site's content: components.yml and every incident file, loaded and checked."""

from __future__ import annotations

from datetime import datetime

from statusgen.content.components import load_catalog
from statusgen.content.files import SiteLayout, incident_files, read_text
from statusgen.content.incidents import parse_incident
from statusgen.content.parsecache import ParseCache, gc_paused
from statusgen.content.rules import ID_EXPECTED, is_id
from statusgen.model import Catalog, Incident, StatusSite
from statusgen.problems import ContentError, Problem


def check_site(layout: SiteLayout, now: datetime) -> tuple[StatusSite, list[Problem]]:
    """Load what is valid and collect every problem, never raising on bad content."""
    problems: list[Problem] = []
    catalog = load_catalog(layout, problems)
    with gc_paused():  # tens of thousands of objects without cycles
        incidents = load_incidents(layout, catalog, now, problems)
    return StatusSite(catalog=catalog, incidents=incidents), sorted(problems)


def load_site(layout: SiteLayout, now: datetime) -> StatusSite:
    """Load and validate everything; raise ContentError listing every problem."""
    site, problems = check_site(layout, now)
    if problems:
        raise ContentError(problems)
    return site


def load_incidents(
    layout: SiteLayout, catalog: Catalog, now: datetime, problems: list[Problem]
) -> tuple[Incident, ...]:
    """Every valid incident, sorted by start time then id; problems recorded for the others.
    An unchanged file that was valid is taken from the site's `ParseCache`, not read again."""
    incidents: list[Incident] = []
    cache = ParseCache.for_site(layout.root, catalog, now, languages=layout.languages)
    first_seen: dict[str, str] = {}
    for path in incident_files(layout, problems):
        label = layout.label(path)
        incident_id = path.stem
        if not is_id(incident_id):
            problems.append(
                Problem(label, 0, f"file name {incident_id!r} is not an id; expected {ID_EXPECTED}")
            )
            continue
        if incident_id in first_seen:
            problems.append(
                Problem(
                    label,
                    0,
                    f"duplicate incident id {incident_id!r} (also {first_seen[incident_id]}); "
                    "expected unique file names",
                )
            )
            continue
        first_seen[incident_id] = label
        kept, key = cache.get(label, path)
        if kept is not None:
            incidents.append(kept)
            continue
        text = read_text(path, label, problems)
        if text is None:
            continue
        incident = parse_incident(
            text, incident_id, label, catalog, now, problems, languages=layout.languages
        )
        if incident is not None:
            incidents.append(incident)
            cache.put(label, key, incident)
    cache.save()
    incidents.sort(key=lambda i: (i.started_at, i.id))
    return tuple(incidents)
