"""The archive index: a compact JSON list of every incident, which the archive page filters.

Two files keep the page light: `history/index.json` holds what the filters need (ids, titles,
times, impact, type, state, components, whether a postmortem is published);
`history/search.json` holds the update texts for free-text search and is loaded only when a
reader searches.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from statusgen.clock import iso_utc
from statusgen.derive.snapshot import IncidentView, Snapshot
from statusgen.model import Audience, Impact

_IMPACTS = list(Impact)


def build_archive_index(view: Snapshot, describe: Callable[[IncidentView], str]) -> dict[str, Any]:
    """Every incident, newest first (by when it began), as short arrays; `describe` words its
    duration as the pages do, so rows the archive's script draws read like the server's."""
    component_ids = list(view.components)
    position = {cid: n for n, cid in enumerate(component_ids)}
    rows = []
    for item in view.incidents:
        incident = item.incident
        rows.append(
            [
                incident.id,
                incident.title,
                iso_utc(item.began_at),
                1 if incident.is_maintenance else 0,
                _IMPACTS.index(incident.impact),
                0 if item.state.is_over else 1,
                [position[c.id] for c, _ in item.affected if c.id in position],
                item.state.value,
                describe(item),
                1 if incident.audience is Audience.INTERNAL else 0,
                1 if incident.postmortem_at is not None else 0,
            ]
        )
    return {
        "version": 1,
        "fields": [
            "id",
            "title",
            "started_at",
            "maintenance",
            "impact",
            "active",
            "components",
            "state",
            "duration",
            "internal",
            "postmortem",
        ],
        "components": [[cid, view.components[cid].component.name] for cid in component_ids],
        "incidents": rows,
    }


def build_search_index(view: Snapshot) -> list[str]:
    """One lower-case text per incident (same order as the index): its title and every update
    as written (Markdown source: no need to render every incident's HTML for this)."""
    texts = []
    for item in view.incidents:
        parts = [item.incident.title, *(p.message for p in item.incident.phases)]
        texts.append(" ".join(" ".join(parts).split()).lower())
    return texts
