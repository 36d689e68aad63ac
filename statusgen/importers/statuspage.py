"""Statuspage's public v2 JSON, as saved from a page's `/api/v2/`: incidents.json,
scheduled-maintenances.json, components.json, summary.json, or a folder of them, or a folder of
per-incident JSON documents."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from statusgen.content.rules import is_id
from statusgen.importers.records import (
    Batch,
    Entry,
    SourceComponent,
    SourceError,
    SourceGroup,
    SourceIncident,
    SourceUpdate,
    Transition,
)
from statusgen.importers.text import format_time, parse_time
from statusgen.model import ComponentStatus, Impact, IncidentType, PhaseStatus
from statusgen.slugs import slugify

FINAL = {"resolved", "postmortem", "completed"}
STATUSES = {s.value: s for s in PhaseStatus}
IMPACTS = {i.value: i for i in Impact}
COMPONENT_STATUSES = {s.value: s for s in ComponentStatus}


def read_statuspage(source: Path, now: datetime | None = None) -> Batch:
    """Every group, component, incident and maintenance the saved documents hold."""
    batch = Batch("statuspage")
    documents = _documents(source, batch)
    components: dict[str, dict[str, Any]] = {}
    incidents: dict[str, tuple[dict[str, Any], bool]] = {}
    for document in documents:
        for item, maintenance in _incident_objects(document):
            key = str(item.get("id") or "")
            if not key:
                continue
            known = incidents.get(key)
            if known is None or _newer(item, known[0]):
                incidents[key] = (item, maintenance or (known is not None and known[1]))
            for component in item.get("components") or []:
                if isinstance(component, dict) and component.get("id"):
                    components.setdefault(str(component["id"]), component)
        for component in _component_objects(document):
            components[str(component["id"])] = component
    _catalog(batch, components)
    ordered = sorted(incidents.values(), key=lambda pair: _start_key(pair[0]))
    for item, maintenance in ordered:
        batch.incidents.append(_incident(item, maintenance))
    if not batch.incidents and not batch.components:
        raise SourceError(
            f"{source}: no Statuspage incidents or components found; expected the JSON of "
            "/api/v2/incidents.json, scheduled-maintenances.json, components.json or "
            "summary.json, or a folder of them"
        )
    return batch


def _documents(source: Path, batch: Batch) -> list[Any]:
    if source.is_file():
        paths = [source]
    elif source.is_dir():
        paths = sorted(p for p in source.rglob("*.json") if p.is_file())
    else:
        raise SourceError(f"{source}: no such file or folder")
    documents = []
    for path in paths:
        try:
            documents.append(json.loads(path.read_text(encoding="utf-8-sig")))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            # Never a skip: a file left out could be the whole history.
            raise SourceError(
                f"{path}: not JSON ({error}); expected Statuspage's JSON (fix the file, or move "
                "it out of the source)"
            ) from None
    return documents


def _incident_objects(document: Any) -> list[tuple[dict[str, Any], bool]]:
    """(incident, is a maintenance) for every incident object in a document."""
    found: list[tuple[dict[str, Any], bool]] = []
    items = document if isinstance(document, list) else [document]
    for item in items:
        if not isinstance(item, dict):
            continue
        if isinstance(item.get("incident"), dict):
            item = item["incident"]
        if "incident_updates" in item:
            found.append((item, False))
        for key, maintenance in (("incidents", False), ("scheduled_maintenances", True)):
            for child in item.get(key) or []:
                if isinstance(child, dict):
                    found.append((child, maintenance))
    return found


def _component_objects(document: Any) -> list[dict[str, Any]]:
    items = document if isinstance(document, list) else [document]
    found = []
    for item in items:
        if not isinstance(item, dict) or "incident_updates" in item:
            continue
        for component in item.get("components") or []:
            if isinstance(component, dict) and component.get("id") and component.get("name"):
                found.append(component)
    return found


def _newer(one: dict[str, Any], other: dict[str, Any]) -> bool:
    """True when `one` is a later (or fuller) copy of the same incident than `other`."""
    return (str(one.get("updated_at") or ""), len(one.get("incident_updates") or [])) > (
        str(other.get("updated_at") or ""),
        len(other.get("incident_updates") or []),
    )


def _start_key(item: dict[str, Any]) -> tuple[datetime, str]:
    moment, _ = parse_time(item.get("started_at") or item.get("created_at"), UTC)
    return (moment or datetime(1970, 1, 1, tzinfo=UTC)).astimezone(UTC), str(item.get("id"))


def _catalog(batch: Batch, components: dict[str, dict[str, Any]]) -> None:
    ordered = sorted(components.values(), key=lambda c: (c.get("position") or 0, str(c["id"])))
    groups = {str(c["id"]): str(c["name"]) for c in ordered if c.get("group")}
    for component in ordered:
        if component.get("group"):
            batch.groups.append(
                SourceGroup(str(component["name"]), component.get("description") or "")
            )
    for component in ordered:
        if component.get("group"):
            continue
        key = str(component["id"])
        since, _ = parse_time(component.get("start_date"), UTC)
        batch.components.append(
            SourceComponent(
                key=key,
                name=str(component["name"]),
                group=groups.get(str(component.get("group_id") or "")),
                description=str(component.get("description") or ""),
                since=since,
                id_hint=key if is_id(key) else None,
            )
        )
        if component.get("only_show_if_degraded"):
            batch.notes.append(
                Entry(
                    "lost_field",
                    f"component {component['name']!r} is shown only when degraded in Statuspage; "
                    "statusgen always shows it",
                )
            )


def _incident(item: dict[str, Any], maintenance: bool) -> SourceIncident:
    entries: list[Entry] = []
    key = str(item["id"])
    incident_id = key if is_id(key) else (slugify(key) or "incident")
    if incident_id != key:
        entries.append(Entry("id_changed", f"the id {key!r} is written as {incident_id!r}"))
    impact_text = str(item.get("impact_override") or item.get("impact") or "")
    maintenance = maintenance or impact_text == "maintenance" or bool(item.get("scheduled_for"))
    kind = IncidentType.MAINTENANCE if maintenance else IncidentType.INCIDENT
    times = {
        name: _time(item.get(name), name, entries)
        for name in (
            "created_at",
            "started_at",
            "resolved_at",
            "scheduled_for",
            "scheduled_until",
            "postmortem_published_at",
        )
    }
    status = str(item.get("status") or "")
    incident = SourceIncident(
        source_id=key,
        id=incident_id,
        kind=kind,
        title=str(item.get("name") or ""),
        impact=IMPACTS.get(impact_text),
        started_at=times["started_at"] or times["created_at"],
        updates=_updates(item, kind, entries),
        resolved=status in FINAL,
        resolved_at=times["resolved_at"],
        scheduled_start=times["scheduled_for"],
        scheduled_end=times["scheduled_until"],
        body=str(item.get("postmortem_body") or ""),
        postmortem_at=times["postmortem_published_at"],
        entries=entries,
    )
    if item.get("impact_override") and item.get("impact_override") != item.get("impact"):
        entries.append(
            Entry("lost_field", f"impact {item.get('impact')!r} overridden by {impact_text!r}")
        )
    for component in item.get("components") or []:
        if isinstance(component, dict) and component.get("id"):
            incident.components[str(component["id"])] = None
            incident.component_names[str(component["id"])] = str(component.get("name") or "")
    for name in (
        "scheduled_remind_prior",
        "scheduled_auto_in_progress",
        "scheduled_auto_completed",
        "metadata",
        "reminder_intervals",
    ):
        if item.get(name):
            entries.append(
                Entry("lost_field", f"{name} is not kept", detail={name: item.get(name)})
            )
    return incident


def _time(value: object, name: str, entries: list[Entry]) -> datetime | None:
    if value in (None, ""):
        return None
    moment, assumed = parse_time(value, UTC)
    if moment is None:
        entries.append(Entry("bad_time", f"{name} {value!r} is not a time; left out"))
    elif assumed:
        entries.append(Entry("time_without_offset", f"{name} {value!r} has no offset; read as UTC"))
    return moment


def _updates(item: dict[str, Any], kind: IncidentType, entries: list[Entry]) -> list[SourceUpdate]:
    raw = [u for u in item.get("incident_updates") or [] if isinstance(u, dict)]
    # Posting order: Statuspage lists the newest first.
    raw.sort(key=lambda u: (str(u.get("created_at") or ""), str(u.get("id") or "")))
    updates = []
    for number, update in enumerate(raw, start=1):
        created = _time(update.get("created_at"), "created_at", entries)
        shown = _time(update.get("display_at"), "display_at", entries)
        if shown is not None and created is not None and shown != created:
            entries.append(
                Entry(
                    "lost_field",
                    f"update {number} was posted at {format_time(created)} and is shown as of "
                    f"{format_time(shown)}; the shown time is kept",
                    number,
                )
            )
        text = str(update.get("status") or "")
        status = STATUSES.get(text)
        if text == "postmortem":
            status = PhaseStatus.RESOLVED
            entries.append(
                Entry(
                    "postmortem_status",
                    f"update {number}'s status 'postmortem' is written as 'resolved'",
                    number,
                )
            )
        transitions = []
        for affected in update.get("affected_components") or []:
            if not isinstance(affected, dict) or not affected.get("code"):
                continue
            after_text = str(affected.get("new_status") or "")
            transitions.append(
                Transition(
                    key=str(affected["code"]),
                    after=COMPONENT_STATUSES.get(after_text),
                    before=COMPONENT_STATUSES.get(str(affected.get("old_status") or "")),
                    after_text=after_text,
                    name=str(affected.get("name") or ""),
                )
            )
        updates.append(
            SourceUpdate(
                at=shown or created,
                status=status,
                message=str(update.get("body") or ""),
                status_text=text,
                transitions=transitions,
            )
        )
    return updates
