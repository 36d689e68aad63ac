"""Statuspage's public v2 JSON, as saved from a page's `/api/v2/`: incidents.json,
scheduled-maintenances.json, components.json, summary.json, or a folder of them, or a folder of
per-incident JSON documents."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from statusgen.content.rules import is_id
from statusgen.importers.common import read_time
from statusgen.importers.documents import describe, items, parse_json, text, whole_number
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
from statusgen.importers.source import DOCUMENT_BYTES, SourceFolder
from statusgen.importers.text import format_time
from statusgen.model import ComponentStatus, Impact, IncidentType, PhaseStatus
from statusgen.slugs import slugify

FINAL = {"resolved", "postmortem", "completed"}
STATUSES = {s.value: s for s in PhaseStatus}
IMPACTS = {i.value: i for i in Impact}
COMPONENT_STATUSES = {s.value: s for s in ComponentStatus}


@dataclass(frozen=True)
class _Component:
    """A component (or a group: `group`) as Statuspage's JSON has it, its values checked."""

    id: str
    name: str
    description: str
    group: bool
    group_id: str
    position: int
    since: datetime | None
    only_when_degraded: bool


def read_statuspage(source: Path, now: datetime | None = None) -> Batch:
    """Every group, component, incident and maintenance the saved documents hold."""
    batch = Batch("statuspage")
    components: dict[str, _Component] = {}
    incidents: dict[str, tuple[dict[str, Any], bool, str]] = {}
    for label, document in _documents(source):
        for item, maintenance in _incident_objects(document, label):
            key = text(item.get("id"), label, "an incident's id")
            if not key:
                continue
            known = incidents.get(key)
            if known is None or _newer(item, known[0]):
                incidents[key] = (item, maintenance or (known is not None and known[1]), label)
            # Each id read once: an incident's copy of a component only fills a gap.
            for raw in item["components"]:
                seen = isinstance(raw, dict) and str(raw.get("id")) in components
                if not seen and (component := _component(raw, label)) is not None:
                    components[component.id] = component
        for component in _component_objects(document, label):
            components[component.id] = component
    _catalog(batch, components)
    ordered = sorted(incidents.values(), key=lambda found: _start_key(found[0]))
    for item, maintenance, label in ordered:
        batch.incidents.append(_incident(item, maintenance, label))
    if not batch.incidents and not batch.components:
        raise SourceError(
            f"{source}: no Statuspage incidents or components found; expected the JSON of "
            "/api/v2/incidents.json, scheduled-maintenances.json, components.json or "
            "summary.json, or a folder of them"
        )
    return batch


def _documents(source: Path) -> list[tuple[str, Any]]:
    """Each JSON document of the source (a file, or every `.json` file below a folder)."""
    folder, file = SourceFolder.named(source, "Statuspage's JSON, or a folder of it")
    paths = [file] if file is not None else folder.files("", ".json", recursive=True)
    documents = []
    for path in paths:
        label = folder.label(path)
        # Never a skip: a file left out could be the whole history.
        content = folder.read_text(path, DOCUMENT_BYTES)
        documents.append((label, parse_json(content, label, "Statuspage's JSON")))
    return documents


def _incident_objects(document: Any, label: str) -> list[tuple[dict[str, Any], bool]]:
    """(incident, is a maintenance) for every incident object in a document; its updates and
    components checked to be lists (an empty one when it has none)."""
    found: list[tuple[dict[str, Any], bool]] = []
    listed = document if isinstance(document, list) else [document]
    for item in listed:
        if not isinstance(item, dict):
            continue
        if isinstance(item.get("incident"), dict):
            item = item["incident"]
        if "incident_updates" in item:
            found.append((item, False))
        for key, maintenance in (("incidents", False), ("scheduled_maintenances", True)):
            for child in items(item.get(key), label, key):
                if isinstance(child, dict):
                    found.append((child, maintenance))
    for item, _ in found:
        what = f"incident {_shown(item.get('id'))}'s"
        for key in ("incident_updates", "components"):
            item[key] = items(item.get(key), label, f"{what} {key}")
    return found


def _component_objects(document: Any, label: str) -> list[_Component]:
    listed = document if isinstance(document, list) else [document]
    found = []
    for item in listed:
        if not isinstance(item, dict) or "incident_updates" in item:
            continue
        for raw in items(item.get("components"), label, "components"):
            if (component := _component(raw, label)) is not None:
                found.append(component)
    return found


def _component(raw: object, label: str) -> _Component | None:
    """A component with an id and a name, its values checked; None for anything else."""
    if not isinstance(raw, dict) or not raw.get("id") or not raw.get("name"):
        return None
    key = text(raw["id"], label, "a component's id")
    what = f"component {key}'s"
    position = raw.get("position")
    since, _ = read_time(raw.get("start_date"), UTC)
    return _Component(
        id=key,
        name=text(raw["name"], label, f"{what} name"),
        description=text(raw.get("description"), label, f"{what} description"),
        group=bool(raw.get("group")),
        group_id=text(raw.get("group_id"), label, f"{what} group_id"),
        position=0 if position is None else whole_number(position, label, f"{what} position"),
        since=since,
        only_when_degraded=bool(raw.get("only_show_if_degraded")),
    )


def _shown(key: object) -> str:
    """An incident's id in a message, whatever it is."""
    return key if isinstance(key, str) else describe(key)


def _newer(one: dict[str, Any], other: dict[str, Any]) -> bool:
    """True when `one` is a later (or fuller) copy of the same incident than `other`."""
    return (str(one.get("updated_at") or ""), len(one["incident_updates"])) > (
        str(other.get("updated_at") or ""),
        len(other["incident_updates"]),
    )


def _start_key(item: dict[str, Any]) -> tuple[datetime, str]:
    moment, _ = read_time(item.get("started_at") or item.get("created_at"), UTC)
    return (moment or datetime(1970, 1, 1, tzinfo=UTC)).astimezone(UTC), str(item.get("id"))


def _catalog(batch: Batch, components: dict[str, _Component]) -> None:
    ordered = sorted(components.values(), key=lambda c: (c.position, c.id))
    groups = {c.id: c.name for c in ordered if c.group}
    batch.groups.extend(SourceGroup(c.name, c.description) for c in ordered if c.group)
    for component in ordered:
        if component.group:
            continue
        batch.components.append(
            SourceComponent(
                key=component.id,
                name=component.name,
                group=groups.get(component.group_id),
                description=component.description,
                since=component.since,
                id_hint=component.id if is_id(component.id) else None,
            )
        )
        if component.only_when_degraded:
            batch.notes.append(
                Entry(
                    "lost_field",
                    f"component {component.name!r} is shown only when degraded in Statuspage; "
                    "statusgen always shows it",
                )
            )


def _incident(item: dict[str, Any], maintenance: bool, label: str) -> SourceIncident:
    entries: list[Entry] = []
    key = text(item["id"], label, "an incident's id")
    what = f"incident {key}'s"
    incident_id = key if is_id(key) else (slugify(key) or "incident")
    if incident_id != key:
        entries.append(Entry("id_changed", f"the id {key!r} is written as {incident_id!r}"))
    impact_text = text(item.get("impact_override") or item.get("impact"), label, f"{what} impact")
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
    status = text(item.get("status"), label, f"{what} status")
    incident = SourceIncident(
        source_id=key,
        id=incident_id,
        kind=kind,
        title=text(item.get("name"), label, f"{what} name"),
        impact=IMPACTS.get(impact_text),
        started_at=times["started_at"] or times["created_at"],
        updates=_updates(item, label, entries),
        resolved=status in FINAL,
        resolved_at=times["resolved_at"],
        scheduled_start=times["scheduled_for"],
        scheduled_end=times["scheduled_until"],
        body=text(item.get("postmortem_body"), label, f"{what} postmortem_body"),
        postmortem_at=times["postmortem_published_at"],
        entries=entries,
    )
    if item.get("impact_override") and item.get("impact_override") != item.get("impact"):
        entries.append(
            Entry("lost_field", f"impact {item.get('impact')!r} overridden by {impact_text!r}")
        )
    for component in item["components"]:
        if isinstance(component, dict) and component.get("id"):
            cid = text(component["id"], label, f"{what} component id")
            incident.components[cid] = None
            incident.component_names[cid] = text(component.get("name"), label, f"{what} component")
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
    moment, assumed = read_time(value, UTC)
    if moment is None:
        entries.append(Entry("bad_time", f"{name} {describe(value)} is not a time; left out"))
    elif assumed:
        message = f"{name} {describe(value)} has no offset; read as UTC"
        entries.append(Entry("time_without_offset", message))
    return moment


def _updates(item: dict[str, Any], label: str, entries: list[Entry]) -> list[SourceUpdate]:
    raw = [u for u in item["incident_updates"] if isinstance(u, dict)]
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
        what = f"incident {_shown(item['id'])}'s update {number}'s"
        word = text(update.get("status"), label, f"{what} status")
        status = STATUSES.get(word)
        if word == "postmortem":
            status = PhaseStatus.RESOLVED
            entries.append(
                Entry(
                    "postmortem_status",
                    f"update {number}'s status 'postmortem' is written as 'resolved'",
                    number,
                )
            )
        transitions = []
        for affected in items(update.get("affected_components"), label, f"{what} components"):
            if not isinstance(affected, dict) or not affected.get("code"):
                continue
            after_text = text(affected.get("new_status"), label, f"{what} new_status")
            before_text = text(affected.get("old_status"), label, f"{what} old_status")
            transitions.append(
                Transition(
                    key=text(affected["code"], label, f"{what} component code"),
                    after=COMPONENT_STATUSES.get(after_text),
                    before=COMPONENT_STATUSES.get(before_text),
                    after_text=after_text,
                    name=text(affected.get("name"), label, f"{what} component name"),
                )
            )
        updates.append(
            SourceUpdate(
                at=shown or created,
                status=status,
                message=text(update.get("body"), label, f"{what} body"),
                status_text=word,
                transitions=transitions,
            )
        )
    return updates
