"""The history page (the archive's first page): what its template receives, and incidents
grouped by the month they began in, as the history and year pages list them."""

from __future__ import annotations

import json
from typing import Any

from statusgen.derive.snapshot import Snapshot
from statusgen.model import Audience, Impact, Lifecycle
from statusgen.render.locale import Translator

#: Incidents the archive page lists at first (server-rendered), and per "Show more".
RECENT_IN_ARCHIVE = 100


def history_context(snapshot: Snapshot, t: Translator) -> dict[str, Any]:
    """What the history page receives: the newest incidents, whether any is internal, and the
    words its script shows (states, months, impacts) as JSON."""
    months = [t.month(m, short=False) for m in range(1, 13)]
    impacts = {i.value: t("impact." + i.value) for i in Impact}
    return {
        "recent": snapshot.incidents[:RECENT_IN_ARCHIVE],
        "any_internal": any(v.incident.audience is Audience.INTERNAL for v in snapshot.incidents),
        "impacts": [i.value for i in Impact],
        "states_json": json.dumps(
            {s.value: t("history.state_" + s.value) for s in Lifecycle if not s.is_over},
            ensure_ascii=False,
        ),
        "months_json": json.dumps(months, ensure_ascii=False),
        "impacts_json": json.dumps(impacts, ensure_ascii=False),
    }


def group_by_month(incidents: list[Any]) -> list[tuple[int, list[Any]]]:
    """Consecutive incidents (newest first) grouped by the UTC month they started in."""
    groups: list[tuple[int, list[Any]]] = []
    for view in incidents:
        month = view.began_at.month
        if not groups or groups[-1][0] != month:
            groups.append((month, []))
        groups[-1][1].append(view)
    return groups
