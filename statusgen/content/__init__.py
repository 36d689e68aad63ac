"""Loading content: components.yml and incidents/**/*.md into a validated model.

Every rule of the format is checked; nothing raises on bad content. Each problem is recorded
as `path:line: what is wrong; expected what`, and the caller decides what to do.
"""

from __future__ import annotations

from datetime import datetime

from statusgen.content.components import load_catalog
from statusgen.content.files import SiteLayout, incident_files, split_front_matter
from statusgen.content.incidents import load_incidents, parse_incident
from statusgen.model import StatusSite
from statusgen.problems import ContentError, Problem

__all__ = [
    "SiteLayout",
    "check_site",
    "incident_files",
    "load_site",
    "parse_incident",
    "split_front_matter",
]


def check_site(layout: SiteLayout, now: datetime) -> tuple[StatusSite, list[Problem]]:
    """Load what is valid and collect every problem, never raising on bad content."""
    problems: list[Problem] = []
    catalog = load_catalog(layout, problems)
    incidents = load_incidents(layout, catalog, now, problems)
    return StatusSite(catalog=catalog, incidents=incidents), sorted(problems)


def load_site(layout: SiteLayout, now: datetime) -> StatusSite:
    """Load and validate everything; raise ContentError listing every problem."""
    site, problems = check_site(layout, now)
    if problems:
        raise ContentError(problems)
    return site
