"""The import report: per incident, every repair and everything the format could not hold, as
JSON for programs and as a short summary for people."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from statusgen.importers.records import Entry
from statusgen.problems import printable

#: Report kinds that say what the source has and statusgen cannot hold (the rest are repairs
#: or notes).
LOST_KINDS = frozenset(
    {
        "lost_field",
        "resolved_at_differs",
        "unknown_component_status",
        "component_status_not_allowed",
        "title_cut",
        "text_fitted",
        "too_many_updates",
        "control_characters",
        "language_not_imported",
        "translation_unmatched",
        "translation_lost",
    }
)
#: How incidents are listed per kind in the summary before "and N more".
SHOWN = 3


@dataclass
class IncidentResult:
    """What happened to one source incident."""

    id: str
    source_id: str
    file: str
    #: written (new file), updated (with --force), unchanged, or would-* on a dry run.
    action: str
    entries: list[Entry]

    def as_json(self) -> dict[str, Any]:
        """The incident's part of the JSON report."""
        return {
            "id": self.id,
            "source_id": self.source_id,
            "file": self.file,
            "action": self.action,
            "repairs": [e.as_json() for e in self.entries if e.kind not in LOST_KINDS],
            "lost": [e.as_json() for e in self.entries if e.kind in LOST_KINDS],
        }


@dataclass
class Report:
    """Everything one import did and could not do."""

    format: str
    source: str
    dry_run: bool
    components_file: str = ""
    components_action: str = "unchanged"
    components_added: list[dict[str, str]] = field(default_factory=list)
    components_entries: list[Entry] = field(default_factory=list)
    notes: list[Entry] = field(default_factory=list)
    incidents: list[IncidentResult] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """The whole report, stable for the same source and site (no clock in it)."""
        kinds = self.kind_counts()
        actions = Counter(i.action for i in self.incidents)
        return {
            "format": self.format,
            "source": self.source,
            "dry_run": self.dry_run,
            "summary": {
                "incidents": len(self.incidents),
                "actions": dict(sorted(actions.items())),
                "components_added": len(self.components_added),
                "repairs": sum(n for k, n in kinds.items() if k not in LOST_KINDS),
                "lost": sum(n for k, n in kinds.items() if k in LOST_KINDS),
                "kinds": dict(sorted(kinds.items())),
            },
            "components": {
                "file": self.components_file,
                "action": self.components_action,
                "added": self.components_added,
                "notes": [e.as_json() for e in self.components_entries],
            },
            "notes": [e.as_json() for e in self.notes],
            "incidents": [i.as_json() for i in self.incidents],
        }

    def to_json(self) -> str:
        """The report as a JSON text."""
        return json.dumps(self.as_json(), ensure_ascii=False, indent=2) + "\n"

    def kind_counts(self) -> Counter[str]:
        """How often each kind of entry occurs, over every incident and the whole source."""
        counts: Counter[str] = Counter()
        for incident in self.incidents:
            counts.update(e.kind for e in incident.entries)
        counts.update(e.kind for e in self.notes)
        counts.update(e.kind for e in self.components_entries)
        return counts

    def summary(self) -> str:
        """A few lines for a person: what was written, and each kind of repair and loss with
        the incidents it concerns."""
        actions = Counter(i.action for i in self.incidents)
        done = ", ".join(f"{n} {a}" for a, n in sorted(actions.items())) or "none"
        lines = [
            f"statusgen import {self.format}: {len(self.incidents)} incidents ({done}); "
            f"components.yml {self.components_action}"
            + (f", {len(self.components_added)} components added" if self.components_added else "")
        ]
        by_kind: dict[str, list[str]] = {}
        for incident in self.incidents:
            for entry in incident.entries:
                by_kind.setdefault(entry.kind, []).append(incident.id)
        for entry in [*self.notes, *self.components_entries]:
            by_kind.setdefault(entry.kind, []).append("")
        if by_kind:
            lines.append("repairs and what the format cannot hold (kind: count, where):")
        for kind in sorted(by_kind):
            where = list(dict.fromkeys(i for i in by_kind[kind] if i))
            shown = ", ".join(where[:SHOWN]) + (
                f" and {len(where) - SHOWN} more" if len(where) > SHOWN else ""
            )
            marker = "lost" if kind in LOST_KINDS else "repair"
            lines.append(
                f"  {kind} ({marker}): {len(by_kind[kind])}" + (f" in {shown}" if shown else "")
            )
        for entry in [*self.notes, *self.components_entries]:
            lines.append(f"  note: {entry.message}")
        return "\n".join(printable(line) for line in lines)
