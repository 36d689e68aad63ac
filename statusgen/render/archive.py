"""The archive index: what the archive page filters, compact and split so that a reader's first
filter fetches little at any size.

- `history/index.json` (`build_archive_index`) holds what the filters need for every incident,
  as columns of small numbers: when each began (seconds, newest first, each as the gap to the
  one before), a flags number (type, active, internal, postmortem, impact, state) and its set
  of components (dictionary-coded: each distinct set listed once). It also lists the years,
  newest first, with how many incidents each holds.
- `history/index-<year>.json` (`build_year_rows`) holds what a row shows (id, title, duration
  words and, while open, the end of its window) for one year, in the index's order. The page
  fetches a year only when the rows it shows reach it.
- `history/search-<year>-<part>.json` (`build_text_part`) holds the texts free-text search
  looks in for up to `TEXTS_PER_FILE` incidents of one year, in the index's order. A text query
  fetches them newest first, one file at a time, so its first screen of results needs the
  newest incidents' texts only; it searches the older ones after that.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from statusgen.clock import iso_utc
from statusgen.derive.snapshot import IncidentView, Snapshot
from statusgen.model import Audience, Impact, Lifecycle
from statusgen.render.live import live_span

VERSION = 2
_IMPACTS = list(Impact)
_STATES = list(Lifecycle)
#: The flags number's bits, low to high; impact and state are indexes into their lists.
FLAG_MAINTENANCE, FLAG_ACTIVE, FLAG_INTERNAL, FLAG_POSTMORTEM = 1, 2, 4, 8
IMPACT_SHIFT, STATE_SHIFT = 4, 6
#: How many incidents' search texts one file holds (about 50 KB gzipped of the benchmark's).
TEXTS_PER_FILE = 1000


def archive_years(view: Snapshot) -> list[int]:
    """The years the index is split by, newest first (by when each incident began, UTC)."""
    return view.years


def _flags(item: IncidentView) -> int:
    incident = item.incident
    return (
        (FLAG_MAINTENANCE if incident.is_maintenance else 0)
        | (0 if item.state.is_over else FLAG_ACTIVE)
        | (FLAG_INTERNAL if incident.audience is Audience.INTERNAL else 0)
        | (FLAG_POSTMORTEM if incident.postmortem_at is not None else 0)
        | _IMPACTS.index(incident.impact) << IMPACT_SHIFT
        | _STATES.index(item.state) << STATE_SHIFT
    )


def build_archive_index(view: Snapshot) -> dict[str, Any]:
    """Every incident, newest first (by when it began), as columns of numbers."""
    component_ids = list(view.components)
    position = {cid: n for n, cid in enumerate(component_ids)}
    sets: dict[tuple[int, ...], int] = {}
    starts: list[int] = []
    flags: list[int] = []
    members: list[int] = []
    previous: int | None = None
    for item in view.incidents:
        began = int(item.began_at.timestamp())
        starts.append(began if previous is None else previous - began)
        previous = began
        flags.append(_flags(item))
        found = tuple(position[c.id] for c, _ in item.affected if c.id in position)
        members.append(sets.setdefault(found, len(sets)))
    return {
        "version": VERSION,
        "components": [[cid, view.components[cid].component.name] for cid in component_ids],
        "impacts": [impact.value for impact in _IMPACTS],
        "states": [state.value for state in _STATES],
        "years": [[year, len(view.incidents_of_year(year))] for year in archive_years(view)],
        "texts_per_file": TEXTS_PER_FILE,
        "sets": [list(found) for found in sets],
        "start": starts,
        "flags": flags,
        "set": members,
    }


def build_year_rows(
    view: Snapshot, year: int, describe: Callable[[IncidentView], str]
) -> dict[str, Any]:
    """What the rows of one year's incidents show, in the index's order: id, title, duration
    words (as the pages word them, so rows the script draws read like the server's) and, while
    open, when its window or outage ends (else "")."""
    rows: list[list[str]] = []
    for item in view.incidents_of_year(year):
        row = [item.incident.id, item.incident.title, describe(item)]
        end = live_span(item)[1]
        if not item.state.is_over and end is not None:
            row.append(iso_utc(end))
        rows.append(row)
    return {"version": VERSION, "year": year, "rows": rows}


def search_text(item: IncidentView) -> str:
    """What the text filter looks in: the title and every update as written (Markdown source:
    no need to render every incident's HTML for this), lower case, spaces collapsed."""
    parts = [item.incident.title, *(p.message for p in item.incident.phases)]
    return " ".join(" ".join(parts).split()).lower()


def text_parts(view: Snapshot, year: int) -> range:
    """The numbers of a year's search text files, from 1 (its newest incidents)."""
    return range(1, -(-len(view.incidents_of_year(year)) // TEXTS_PER_FILE) + 1)


def build_text_part(view: Snapshot, year: int, part: int) -> dict[str, Any]:
    """The search texts of part `part` of a year's incidents, in the index's order."""
    items = view.incidents_of_year(year)[(part - 1) * TEXTS_PER_FILE : part * TEXTS_PER_FILE]
    return {
        "version": VERSION,
        "year": year,
        "part": part,
        "texts": [search_text(i) for i in items],
    }
