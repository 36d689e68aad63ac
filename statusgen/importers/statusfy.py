"""A Statusfy site: `config.js`'s systems (named in `locales/<language>.json`) and the incidents
in `content/*.md`, with their `::: update Label | time` blocks."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from statusgen.importers.common import Times, file_id, label_status, split_front_matter
from statusgen.importers.records import (
    Batch,
    Entry,
    SourceComponent,
    SourceError,
    SourceIncident,
    SourceUpdate,
)
from statusgen.model import ComponentStatus, Impact, IncidentType

#: Statusfy's severities: the impact and the component status each stands for.
SEVERITIES = {
    "major-outage": (Impact.CRITICAL, ComponentStatus.MAJOR_OUTAGE),
    "partial-outage": (Impact.MAJOR, ComponentStatus.PARTIAL_OUTAGE),
    "degraded-performance": (Impact.MINOR, ComponentStatus.DEGRADED_PERFORMANCE),
    "under-maintenance": (None, ComponentStatus.UNDER_MAINTENANCE),
}
KNOWN_KEYS = {
    "id",
    "title",
    "description",
    "date",
    "modified",
    "severity",
    "affectedsystems",
    "resolved",
    "scheduled",
    "duration",
}
CONFIG_NAMES = ("config.js", "statusfy.config.js", "config.json")
UPDATE = re.compile(
    r"^:::[ \t]*update[ \t]+([^|\n]*?)[ \t]*\|[ \t]*([^\n]*?)[ \t]*\n(.*?)^:::[ \t]*$", re.M | re.S
)
SYSTEMS = re.compile(r"systems\s*:\s*\[([^\]]*)\]", re.S)
STRING = re.compile(r"""(['"`])((?:(?!\1)[^\\\n]|\\.)*)\1""")


def read_statusfy(source: Path, now: datetime | None = None) -> Batch:
    """The systems as components, and every incident of the default language."""
    config = next((source / n for n in CONFIG_NAMES if (source / n).is_file()), None)
    if config is None:
        raise SourceError(f"{source}: no config.js; expected a Statusfy site's folder")
    text = config.read_text(encoding="utf-8-sig")
    batch = Batch("statusfy")
    language = _setting(text, "defaultLocale") or "en"
    content = source / (_setting(text, "dir") or "content")
    titles = _titles(source / "locales" / f"{language}.json", batch)
    systems = SYSTEMS.search(text)
    for match in STRING.finditer(systems.group(1) if systems else ""):
        key = match.group(2)
        title = titles.get(key, {})
        batch.components.append(
            SourceComponent(
                key=key,
                name=str(title.get("title") or key),
                description=str(title.get("description") or ""),
                id_hint=key,
            )
        )
    if not content.is_dir():
        raise SourceError(f"{source}: no {content.name}/ folder; expected the incidents there")
    translations = [p for p in content.iterdir() if p.is_dir() and not p.name.startswith(".")]
    if translations:
        names = ", ".join(sorted(p.name for p in translations))
        batch.notes.append(
            Entry("lost_field", f"translations ({names}) are not imported; statusgen has one text")
        )
    for path in sorted(content.glob("*.md")):
        batch.incidents.append(_incident(path))
    return batch


def _setting(text: str, key: str) -> str | None:
    found = re.search(rf"\b{key}\s*:\s*(['\"`])([^'\"`\n]*)\1", text)
    return found.group(2) if found else None


def _titles(path: Path, batch: Batch) -> dict[str, dict[str, Any]]:
    if not path.is_file():
        batch.notes.append(Entry("no_titles", f"no {path.name}: systems are named by their ids"))
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
        items = data["systems"]["items"]
        return {str(k): v for k, v in items.items() if isinstance(v, dict)}
    except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as error:
        batch.notes.append(Entry("no_titles", f"{path.name} has no system titles ({error})"))
        return {}


def _incident(path: Path) -> SourceIncident:
    data, body = split_front_matter(path.read_text(encoding="utf-8-sig"), str(path))
    times = Times(UTC, "UTC")
    entries: list[Entry] = []
    severity = str(data.get("severity") or "")
    impact, status = SEVERITIES.get(severity, (None, None))
    if severity and status is None:
        entries.append(Entry("lost_field", f"severity {severity!r} is not one of Statusfy's"))
    scheduled = times.read(data.get("scheduled"), "scheduled")
    maintenance = scheduled is not None or status is ComponentStatus.UNDER_MAINTENANCE
    end = None
    duration = data.get("duration")
    if scheduled is not None and duration is not None:
        try:
            end = scheduled + timedelta(minutes=float(str(duration)))
        except ValueError:
            entries.append(Entry("bad_time", f"duration {duration!r} is not minutes; left out"))
    updates, rest = _updates(body, times)
    incident = SourceIncident(
        source_id=path.name,
        id=file_id(path, data.get("id")),
        kind=IncidentType.MAINTENANCE if maintenance else IncidentType.INCIDENT,
        title=str(data.get("title") or ""),
        impact=impact,
        started_at=times.read(data.get("date"), "date"),
        updates=updates,
        resolved=data.get("resolved") is True,
        scheduled_start=scheduled,
        scheduled_end=end,
        body=rest,
        entries=entries,
    )
    if maintenance and status is not ComponentStatus.UNDER_MAINTENANCE and severity:
        entries.append(Entry("lost_field", f"severity {severity!r} of a maintenance is not kept"))
    for key in data.get("affectedsystems") or []:
        incident.components[str(key)] = status
    if data.get("description"):
        entries.append(
            Entry(
                "lost_field",
                "the description (a summary) is not kept",
                detail={"description": str(data["description"])},
            )
        )
    for key in sorted(set(data) - KNOWN_KEYS - {"description"}):
        entries.append(Entry("lost_field", f"front matter key {key!r} is not kept"))
    if data.get("modified"):
        entries.append(Entry("lost_field", "`modified` is not kept (statusgen shows update times)"))
    entries.extend(times.report())
    return incident


def _updates(body: str, times: Times) -> tuple[list[SourceUpdate], str]:
    """The `::: update` blocks as updates, in file order, and the text outside them."""
    updates = []
    for match in UPDATE.finditer(body):
        label = match.group(1).strip()
        updates.append(
            SourceUpdate(
                times.read(match.group(2), "update time"),
                label_status(label),
                match.group(3).strip(),
                status_text=label,
            )
        )
    rest = UPDATE.sub("", body)
    rest = re.sub(r"\n{3,}", "\n\n", rest).strip()
    known = [u.at for u in updates if u.at is not None]
    if len(updates) > 1 and len(known) == len(updates) and known == sorted(known, reverse=True):
        updates.reverse()  # newest first, as people often write them
    return updates, rest
