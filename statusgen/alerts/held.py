"""The alerts that resolved while a person owned their incident, kept for `statusgen status`
(`.statusgen/alert-held.json`): the responder resolves those incidents. Losing the file loses
only these reminders."""

from __future__ import annotations

import json
import os
from pathlib import Path

from statusgen.model import StatusSite

HELD_PATH = Path(".statusgen") / "alert-held.json"


def load_held(root: Path) -> dict[str, str]:
    """Incident id to the alert key that resolved; {} when there is none or it is damaged."""
    try:
        data = json.loads((root / HELD_PATH).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): str(v) for k, v in data.items() if isinstance(v, str)}


def save_held(root: Path, held: dict[str, str]) -> None:
    """Write the record (sorted: the same record gives the same bytes)."""
    path = root / HELD_PATH
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(held, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(temporary, path)


def held_alert_lines(root: Path, site: StatusSite) -> list[str]:
    """For `statusgen status`: each open incident whose alert resolved while a person owned it."""
    open_ids = {i.id for i in site.incidents if not i.is_closed}
    return [
        f"alert: {key} resolved; {incident_id} stays open until a responder resolves it "
        f"(statusgen resolve {incident_id})"
        for incident_id, key in sorted(load_held(root).items())
        if incident_id in open_ids
    ]
