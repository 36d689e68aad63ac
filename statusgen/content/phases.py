"""An incident file's updates (`phases:`): each update's time, status and message, its next
update, fields (`content/fieldregistry.py`), components and audience, and the order of the
updates, every problem recorded at its line. Read for `content/incidents.py`'s reader, through
what it offers (`UpdateReader`)."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

import yaml

from statusgen.clock import iso_utc
from statusgen.content import budgets
from statusgen.content.fieldregistry import phase_keys, read_update_fields
from statusgen.content.placeholders import placeholders_left
from statusgen.content.rules import PLACEHOLDER_PREFIX
from statusgen.content.translated import gathered, read_texts
from statusgen.content.updatefields import FieldReader
from statusgen.model import (
    MAINTENANCE_PHASE_COMPONENT_STATUSES,
    PHASE_COMPONENT_STATUSES,
    Audience,
    ComponentStatus,
    IncidentType,
    Phase,
    PhaseStatus,
    frozen_mapping,
    phase_statuses_for,
)
from statusgen.problems import Problem


class UpdateReader(FieldReader, Protocol):
    """What reading the updates needs of the incident file's reader (`content.incidents`)."""

    def require(self, key: str, expected: str) -> yaml.Node | None:
        """The front matter's node for `key`; a problem (missing, expected what) if none."""

    def check_markdown(
        self,
        node: yaml.Node | None,
        text: str,
        budget: budgets.Budget,
        what: str,
        first_line: int = 0,
    ) -> int:
        """Record the problems of a responder's Markdown; the line where it starts."""

    def start_line(self, node: yaml.Node) -> int:
        """The line where a text's node starts its text."""

    def component_statuses(
        self, node: yaml.Node | None, allowed: tuple[ComponentStatus, ...], what: str
    ) -> dict[str, ComponentStatus]:
        """A mapping of known components to statuses among `allowed`."""


def read_phases(
    reader: UpdateReader, kind: IncidentType, maintenance: bool
) -> tuple[Phase, ...] | None:
    """The incident's `phases:`, oldest first, nothing after the final one; None (with
    problems recorded) when any is wrong."""
    node = reader.require("phases", "a list of updates, oldest first")
    if node is None:
        return None
    items = reader.src.sequence(node, "phases")
    if items is None:
        return None
    if not items:
        reader.src.report(node, "phases is empty; expected at least one update")
        return None
    if len(items) > budgets.PHASES.limit:
        reader.src.report(node, budgets.PHASES.exceeded("phases", len(items)))
        return None
    statuses = phase_statuses_for(kind)
    component_statuses = (
        MAINTENANCE_PHASE_COMPONENT_STATUSES if maintenance else PHASE_COMPONENT_STATUSES
    )
    phases: list[Phase] = []
    ok = True
    previous: Phase | None = None
    final: Phase | None = None
    for item in items:
        phase = read_phase(reader, item, statuses, component_statuses, maintenance)
        if phase is None:
            ok = False
            continue
        if final is not None:
            reader.src.report(
                item,
                f"update after the final {final.status.value!r} update (line {final.line}); "
                "expected nothing after it: reopen with a new incident",
            )
            ok = False
        if previous is not None and phase.at < previous.at:
            reader.src.report(
                item,
                f"update at {iso_utc(phase.at)} is earlier than the one before it "
                f"(line {previous.line}); "
                "expected updates oldest first",
            )
            ok = False
        if phase.status.is_final and final is None:
            final = phase
        previous = phase
        phases.append(phase)
    return tuple(phases) if ok else None


def read_phase(
    reader: UpdateReader,
    node: yaml.Node,
    statuses: tuple[PhaseStatus, ...],
    component_statuses: tuple[ComponentStatus, ...],
    maintenance: bool,
) -> Phase | None:
    """One update: its time (past, but for maintenance), status, message (no placeholder
    left, within its budgets), next update, fields, components and audience."""
    src = reader.src
    entries = src.mapping(node, "update", phase_keys())
    if entries is None:
        return None
    before = len(src.problems)
    values: dict[str, object] = {}
    for key, expected in (
        ("at", "`at:` with a time like 2026-11-22T14:03:00Z"),
        ("status", f"`status:` one of {', '.join(s.value for s in statuses)}"),
        ("message", "`message:` with the update's text"),
    ):
        if key not in entries:
            src.report(node, f"update without {key!r}; expected {expected}")
    if "at" in entries:
        values["at"] = src.time(entries["at"][1], "at")
        at = values["at"]
        if isinstance(at, datetime) and at > reader.now and not maintenance:
            src.report(
                entries["at"][1],
                f"update time {iso_utc(at)} is in the future (now is {iso_utc(reader.now)}); "
                "expected a past time: only maintenance may be announced ahead",
            )
    if "status" in entries:
        values["status"] = src.choice(entries["status"][1], "update status", statuses)
    translated: dict[str, dict[str, str]] = {}
    if "message" in entries:
        texts = read_texts(
            src,
            entries["message"][1],
            "message",
            reader.languages,
            lambda text_node, what: read_message(reader, text_node, what),
        )
        if texts is not None:
            values["message_line"] = reader.start_line(texts.default_node)
            values["message"] = texts.default.strip()
            if texts.others:
                translated["message"] = {c: text.strip() for c, text in texts.others.items()}
    if "next_update" in entries:
        next_at = src.time(entries["next_update"][1], "next_update")
        at = values.get("at")
        if next_at is not None and isinstance(at, datetime) and next_at < at:
            src.report(
                entries["next_update"][1],
                "next_update is before the update itself; expected a later time",
            )
        values["next_update_at"] = next_at
    values.update(read_update_fields(reader, entries, values, maintenance, translated))
    if translated:
        values["translations"] = gathered(translated, reader.languages[1:])
    if "components" in entries:
        values["components"] = frozen_mapping(
            reader.component_statuses(
                entries["components"][1], component_statuses, "update components"
            )
        )
    if "audience" in entries:
        values["audience"] = src.choice(entries["audience"][1], "audience", tuple(Audience))
    if len(src.problems) != before or any(
        values.get(k) is None for k in ("at", "status", "message")
    ):
        return None
    values = {k: v for k, v in values.items() if v is not None}
    return Phase(line=src.line(node), **values)  # type: ignore[arg-type]


def read_message(reader: UpdateReader, node: yaml.Node, what: str) -> str | None:
    """One language's message: text within its budgets, no placeholder left (but in a draft)."""
    src = reader.src
    message = src.text(node, what)
    if message is None:
        return None
    src.check_not_cut(node, what)
    reader.check_markdown(node, message, budgets.MESSAGE, what)
    if message.strip().startswith(PLACEHOLDER_PREFIX) and not reader.draft:
        src.report(
            node,
            f"{what} is still the template placeholder; expected the update's text for readers",
        )
    if not reader.draft:  # a message only: a body may quote {{
        block = getattr(node, "style", None) == "|"
        for line, left in placeholders_left(message, src.line(node), block):
            src.problems.append(Problem(src.path, line, left))
    return message
