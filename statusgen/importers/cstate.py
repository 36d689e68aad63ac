"""A cState site (Hugo): `config.yml`'s categories and systems, and `content/issues/*.md`."""

from __future__ import annotations

import re
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from statusgen.clock import build_now
from statusgen.importers.common import Times, file_id, label_status, split_front_matter
from statusgen.importers.records import (
    Batch,
    Entry,
    SourceComponent,
    SourceError,
    SourceGroup,
    SourceIncident,
    SourceUpdate,
)
from statusgen.model import ComponentStatus, Impact, IncidentType

#: cState's severities: the impact and the component status each stands for.
SEVERITIES = {
    "down": (Impact.CRITICAL, ComponentStatus.MAJOR_OUTAGE),
    "disrupted": (Impact.MAJOR, ComponentStatus.PARTIAL_OUTAGE),
    "notice": (Impact.MINOR, ComponentStatus.DEGRADED_PERFORMANCE),
}
KNOWN_KEYS = {
    "title",
    "date",
    "resolved",
    "resolvedWhen",
    "severity",
    "affected",
    "section",
    "informational",
    "draft",
    "lastmod",
}
TRACK = re.compile(r"\{\{<\s*track\s+\"([^\"]*)\"\s*>\}\}")
LABEL = re.compile(r"\A\s*(\*\*|\*|__|_)([^*_\n]{1,40})\1\s*[-–—:]?\s*")


def read_cstate(source: Path, now: datetime | None = None) -> Batch:
    """The site's categories as groups, systems as components, and every issue."""
    config_path = source / "config.yml"
    if not config_path.is_file():
        raise SourceError(f"{source}: no config.yml; expected a cState site's folder")
    try:
        config = yaml.safe_load(config_path.read_text(encoding="utf-8-sig")) or {}
    except yaml.YAMLError as error:
        raise SourceError(f"{config_path}: not valid YAML ({error})") from None
    batch = Batch("cstate")
    zone, zone_name = _zone(config, batch)
    params = config.get("params") or {}
    for category in params.get("categories") or []:
        if isinstance(category, dict) and category.get("name"):
            batch.groups.append(
                SourceGroup(str(category["name"]), str(category.get("description") or ""))
            )
    for system in params.get("systems") or []:
        if not isinstance(system, dict) or not system.get("name"):
            continue
        name = str(system["name"])
        batch.components.append(
            SourceComponent(
                key=name,
                name=name,
                group=str(system.get("category") or "") or None,
                description=str(system.get("description") or ""),
            )
        )
        if system.get("link"):
            batch.notes.append(
                Entry("lost_field", f"system {name!r} links to {system['link']}; not kept")
            )
    folder = source / "content" / "issues"
    if not folder.is_dir():
        raise SourceError(f"{source}: no content/issues/ folder; expected cState's issues there")
    moment = now or build_now()
    for path in sorted(folder.glob("*.md")):
        incident = _issue(path, zone, zone_name, moment, batch)
        if incident is not None:
            batch.incidents.append(incident)
    return batch


def _zone(config: dict[str, Any], batch: Batch) -> tuple[tzinfo, str]:
    name = str(config.get("timeZone") or config.get("timezone") or "UTC")
    try:
        return (UTC if name.upper() == "UTC" else ZoneInfo(name)), name
    except (ZoneInfoNotFoundError, ValueError):
        batch.notes.append(Entry("bad_zone", f"time zone {name!r} is unknown; UTC is used"))
        return UTC, "UTC"


def _issue(
    path: Path, zone: tzinfo, zone_name: str, now: datetime, batch: Batch
) -> SourceIncident | None:
    text = path.read_text(encoding="utf-8-sig")
    data, body = split_front_matter(text, str(path))
    if data.get("draft") is True:
        batch.notes.append(Entry("draft_skipped", f"{path.name} is a draft; not imported"))
        return None
    times = Times(zone, zone_name)
    entries: list[Entry] = []
    severity = str(data.get("severity") or "").lower()
    impact, status = SEVERITIES.get(severity, (None, None))
    if severity and impact is None:
        entries.append(Entry("lost_field", f"severity {severity!r} is not one of cState's"))
    informational = data.get("informational") is True
    affected = [str(a) for a in data.get("affected") or [] if a is not None]
    started = times.read(data.get("date"), "date")
    updates, rest = _updates(body, times)
    maintenance = started is not None and started > now
    incident = SourceIncident(
        source_id=path.name,
        id=file_id(path),
        kind=IncidentType.MAINTENANCE if maintenance else IncidentType.INCIDENT,
        title=str(data.get("title") or ""),
        impact=Impact.NONE if informational else impact,
        started_at=started,
        updates=updates,
        resolved=data.get("resolved") is True,
        resolved_at=times.read(data.get("resolvedWhen"), "resolvedWhen"),
        body=rest,
        entries=entries,
    )
    if maintenance:
        incident.scheduled_start = started
        incident.scheduled_end = incident.resolved_at
        entries.append(Entry("maintenance", "dated after the import: imported as a maintenance"))
    if informational and affected:
        entries.append(
            Entry(
                "lost_field",
                "an informational issue names systems without a status; statusgen's notices "
                f"name none: {', '.join(affected)}",
            )
        )
    elif affected:
        for name in affected:
            incident.components[name] = status
            incident.component_names[name] = name
    for key in sorted(set(data) - KNOWN_KEYS):
        entries.append(Entry("lost_field", f"front matter key {key!r} is not kept"))
    entries.extend(times.report())
    return incident


def _updates(body: str, times: Times) -> tuple[list[SourceUpdate], str]:
    """The body's tracked updates (text ending in a `track` shortcode), and what remains."""
    updates: list[SourceUpdate] = []
    position = 0
    for match in TRACK.finditer(body):
        chunk = body[position : match.start()].strip()
        position = match.end()
        at = times.read(match.group(1), "track time")
        label = LABEL.match(chunk)
        status = None
        status_text = ""
        if label is not None:
            status_text = label.group(2).strip()
            status = label_status(status_text)
            if status is not None:
                chunk = chunk[label.end() :]
        updates.append(SourceUpdate(at, status, chunk.strip(), status_text=status_text))
    rest = body[position:].strip() if updates else body.strip()
    known = [u.at for u in updates if u.at is not None]
    if len(known) == len(updates) and known == sorted(known, reverse=True):
        updates.reverse()  # cState's convention: newest first
    return updates, rest
