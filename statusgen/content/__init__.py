"""Loading content: components.yml and incidents/**/*.md into a validated model.

Every rule of the format is checked; nothing raises on bad content. Each problem is recorded
as `path:line: what is wrong; expected what`, and the caller decides what to do.

The names below are imported from their modules on first use, so that importing one small
module of the package (its budgets, its rules) does not load YAML, front matter and every
reader: the command line starts without them.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from statusgen.content.files import SiteLayout, incident_files, split_front_matter
    from statusgen.content.incidents import parse_incident
    from statusgen.content.site import check_site, load_incidents, load_site

__all__ = [
    "SiteLayout",
    "check_site",
    "incident_files",
    "load_incidents",
    "load_site",
    "parse_incident",
    "split_front_matter",
]

#: The module of each name above.
_HOMES = {
    "SiteLayout": "files",
    "incident_files": "files",
    "split_front_matter": "files",
    "parse_incident": "incidents",
    "check_site": "site",
    "load_incidents": "site",
    "load_site": "site",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{home}"), name)
