"""A cState site (Hugo): `config.yml`'s categories and systems, and `content/issues/*.md`."""

from __future__ import annotations

import re
from datetime import UTC, datetime, tzinfo
from pathlib import Path, PurePosixPath
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from statusgen.clock import build_now
from statusgen.importers.common import (
    Times,
    file_id,
    label_status,
    split_front_matter,
    system_names,
)
from statusgen.importers.documents import items, key_names, mapping, parse_yaml, text
from statusgen.importers.records import (
    Batch,
    Entry,
    SourceComponent,
    SourceError,
    SourceGroup,
    SourceIncident,
    SourceUpdate,
)
from statusgen.importers.source import SourceFolder
from statusgen.model import ComponentStatus, Impact, IncidentType

#: Where a cState site keeps its issues (Hugo's content folder; the import reads no other).
ISSUES = "content/issues"

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
    folder = SourceFolder.at(source, "a cState site's folder")
    if not folder.has("config.yml"):
        raise SourceError(f"{source}: no config.yml; expected a cState site's folder")
    label = folder.label("config.yml")
    config = mapping(parse_yaml(folder.read_text("config.yml"), label), label, "the file")
    batch = Batch("cstate")
    zone, zone_name = _zone(config, label, batch)
    params = mapping(config.get("params"), label, "params")
    for category in items(params.get("categories"), label, "params.categories"):
        if isinstance(category, dict) and category.get("name"):
            batch.groups.append(
                SourceGroup(
                    text(category["name"], label, "a category's name"),
                    text(category.get("description"), label, "a category's description"),
                )
            )
    for system in items(params.get("systems"), label, "params.systems"):
        if not isinstance(system, dict) or not system.get("name"):
            continue
        name = text(system["name"], label, "a system's name")
        what = f"system {name!r}"
        batch.components.append(
            SourceComponent(
                key=name,
                name=name,
                group=text(system.get("category"), label, f"{what}'s category") or None,
                description=text(system.get("description"), label, f"{what}'s description"),
            )
        )
        if system.get("link"):
            link = text(system["link"], label, f"{what}'s link")
            batch.notes.append(Entry("lost_field", f"{what} links to {link}; not kept"))
    if not folder.has(ISSUES, folder=True):
        raise SourceError(f"{source}: no {ISSUES}/ folder; expected cState's issues there")
    moment = now or build_now()
    for path in folder.files(ISSUES, ".md"):
        incident = _issue(folder, path, zone, zone_name, moment, batch)
        if incident is not None:
            batch.incidents.append(incident)
    return batch


def _zone(config: dict[str, Any], label: str, batch: Batch) -> tuple[tzinfo, str]:
    given = config.get("timeZone") or config.get("timezone") or "UTC"
    name = text(given, label, "timeZone")
    try:
        return (UTC if name.upper() == "UTC" else ZoneInfo(name)), name
    except (ZoneInfoNotFoundError, ValueError, OSError):
        batch.notes.append(Entry("bad_zone", f"time zone {name!r} is unknown; UTC is used"))
        return UTC, "UTC"


def _issue(
    folder: SourceFolder, path: str, zone: tzinfo, zone_name: str, now: datetime, batch: Batch
) -> SourceIncident | None:
    label = folder.label(path)
    data, body = split_front_matter(folder.read_text(path), label)
    name = PurePosixPath(path).name
    if data.get("draft") is True:
        batch.notes.append(Entry("draft_skipped", f"{name} is a draft; not imported"))
        return None
    times = Times(zone, zone_name)
    entries: list[Entry] = []
    severity = text(data.get("severity"), label, "severity").lower()
    impact, status = SEVERITIES.get(severity, (None, None))
    if severity and impact is None:
        entries.append(Entry("lost_field", f"severity {severity!r} is not one of cState's"))
    informational = data.get("informational") is True
    affected = system_names(data.get("affected"), label, "affected", entries)
    started = times.read(data.get("date"), "date")
    updates, rest = _updates(body, times)
    maintenance = started is not None and started > now
    incident = SourceIncident(
        source_id=name,
        id=file_id(PurePosixPath(path)),
        kind=IncidentType.MAINTENANCE if maintenance else IncidentType.INCIDENT,
        title=text(data.get("title"), label, "title"),
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
        for system in affected:
            incident.components[system] = status
            incident.component_names[system] = system
    for key in sorted(set(key_names(data)) - KNOWN_KEYS):
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
