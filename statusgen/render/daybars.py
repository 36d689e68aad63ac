"""The incidents of the overview's day bars, fetched by its script when a reader first opens a
day's tooltip (hover, focus or tap), so the tooltips name them by title without weighing the
overview down: the page itself carries only each day's count (`_daybars.html`)."""

from __future__ import annotations

from typing import Any

from statusgen.derive.snapshot import Snapshot
from statusgen.render.pages import tooltip_title


def build_day_incidents(view: Snapshot) -> dict[str, Any]:
    """`days`: per component shown on the overview, each day of its bars with incidents (ISO
    date) and their ids, in the order its tooltip lists them (the component page's); `titles`:
    each of those incidents' title, shortened as the component page's tooltips shorten it."""
    days: dict[str, dict[str, list[str]]] = {}
    titles: dict[str, str] = {}
    for group in view.groups:
        for component in group.components:
            listed = {
                bar.day.isoformat(): list(bar.incident_ids)
                for bar in component.bars[-view.history_days :]
                if bar.incident_ids
            }
            if listed:
                days[component.id] = listed
            for ids in listed.values():
                for incident_id in ids:
                    shown = view.by_id.get(incident_id)
                    if shown is not None:
                        titles[incident_id] = tooltip_title(shown.incident.title)
    return {"version": 1, "days": days, "titles": titles}
