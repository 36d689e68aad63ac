"""The neutral form every source is read into, and the report's entries.

A source parser (`statuspage`, `cstate`, `statusfy`, `upptime`) turns its format into a `Batch`:
groups, components and incidents as the source has them, with times as the source wrote them
(aware, in their own offset) and statuses already in statusgen's vocabulary where the source's
word has a match (`None` where it has none). It repairs nothing: `normalize` does every repair,
in one place, and says so in the report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from statusgen.model import ComponentStatus, Impact, IncidentType, PhaseStatus


@dataclass
class Entry:
    """One line of the import report: a repair, something the format cannot hold, or a note.

    `kind` is a stable machine word (`update_before_start`, `lost_field`, ...); `message` says
    it to a person; `update` is the 1-based position of the source update it concerns, if any.
    """

    kind: str
    message: str
    update: int | None = None
    detail: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        """The entry as the JSON report writes it."""
        data: dict[str, Any] = {"kind": self.kind, "message": self.message}
        if self.update is not None:
            data["update"] = self.update
        if self.detail:
            data["detail"] = self.detail
        return data


@dataclass
class SourceGroup:
    """A group of components as the source names it."""

    name: str
    description: str = ""


@dataclass
class SourceComponent:
    """A component as the source declares it; `key` is how the source's incidents name it."""

    key: str
    name: str
    group: str | None = None
    description: str = ""
    since: datetime | None = None
    #: The id statusgen should use, when the source has one that is already a valid id.
    id_hint: str | None = None
    upstream: str | None = None


@dataclass
class Transition:
    """A component status an update sets (`before` as the source says it, when it does)."""

    key: str
    after: ComponentStatus | None
    before: ComponentStatus | None = None
    #: The source's own word for `after`, kept for the report when it has no match.
    after_text: str = ""
    #: A name for the component, for declaring it when nobody did.
    name: str = ""


@dataclass
class SourceUpdate:
    """One update as the source has it."""

    at: datetime | None
    status: PhaseStatus | None
    message: str
    status_text: str = ""
    transitions: list[Transition] = field(default_factory=list)
    #: The message in the source's other languages: language -> text.
    translations: dict[str, str] = field(default_factory=dict)


@dataclass
class SourceIncident:
    """One incident or maintenance as the source has it."""

    #: The source's own identifier (an id, a file name, an issue number), for the report.
    source_id: str
    #: The statusgen id derived from it (the file name): stable, so a re-import finds it.
    id: str
    kind: IncidentType
    title: str
    impact: Impact | None
    started_at: datetime | None
    updates: list[SourceUpdate]
    resolved: bool = False
    resolved_at: datetime | None = None
    scheduled_start: datetime | None = None
    scheduled_end: datetime | None = None
    #: Components the incident names without a status change (a status when the source says).
    components: dict[str, ComponentStatus | None] = field(default_factory=dict)
    #: Names of those components, for declaring them when nobody did.
    component_names: dict[str, str] = field(default_factory=dict)
    body: str = ""
    #: When the postmortem (the body) was published, if the source says.
    postmortem_at: datetime | None = None
    #: What the parser already knows it could not carry over, or had to assume.
    entries: list[Entry] = field(default_factory=list)
    #: The title and body in the source's other languages: language -> field -> text.
    translations: dict[str, dict[str, str]] = field(default_factory=dict)


@dataclass
class Batch:
    """Everything one source holds, in the source's order."""

    format: str
    groups: list[SourceGroup] = field(default_factory=list)
    components: list[SourceComponent] = field(default_factory=list)
    incidents: list[SourceIncident] = field(default_factory=list)
    #: Notes about the whole source (files skipped, settings not carried over).
    notes: list[Entry] = field(default_factory=list)
    #: The language the source's texts are in, when it says (Statusfy's `defaultLocale`).
    language: str | None = None


class SourceError(Exception):
    """The source cannot be read at all (missing, not the format); exit 2 with the message."""
