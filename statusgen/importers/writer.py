"""An imported incident as the text of its file, in the form `statusgen new` writes."""

from __future__ import annotations

from statusgen.content.writing import quote
from statusgen.importers.draft import Draft, DraftPhase
from statusgen.importers.text import block_literal, format_time
from statusgen.model import Audience, ComponentStatus, IncidentType

#: The format names as the comment at the top of a file says them.
FORMAT_NAMES = {
    "statuspage": "Statuspage",
    "cstate": "cState",
    "statusfy": "Statusfy",
    "upptime": "Upptime",
}


def render_draft(draft: Draft, source_format: str) -> str:
    """The whole file: front matter, then the body."""
    origin = FORMAT_NAMES.get(source_format, source_format)
    lines = [
        "---",
        f"# Imported from {origin} ({quote(draft.source_id)}) by statusgen import.",
        f"title: {quote(draft.title)}",
    ]
    if draft.kind is IncidentType.MAINTENANCE:
        lines.append("type: maintenance")
    if draft.impact is not None:
        lines.append(f"impact: {draft.impact.value}")
    if draft.started is not None:
        lines.append(f"started: {format_time(draft.started)}")
    if draft.audience is Audience.INTERNAL:
        lines.append("audience: internal")
    if draft.components:
        lines.append("components:")
        lines.extend(f"  {cid}: {status.value}" for cid, status in draft.components.items())
    if draft.scheduled is not None:
        start, end = draft.scheduled
        lines += ["scheduled:", f"  start: {format_time(start)}", f"  end: {format_time(end)}"]
    lines.append("phases:")
    for phase in draft.phases:
        lines.extend(_phase_lines(phase))
    if draft.postmortem_at is not None:
        lines += ["postmortem:", f"  at: {format_time(draft.postmortem_at)}"]
    lines.append("---")
    text = "\n".join(lines) + "\n"
    if draft.body:
        text += "\n" + draft.body.rstrip("\n") + "\n"
    return text


def _phase_lines(phase: DraftPhase) -> list[str]:
    assert phase.status is not None
    message = block_literal(phase.message, " " * 6) or quote(phase.message)
    lines = [
        f"  - at: {format_time(phase.at)}",
        f"    status: {phase.status.value}",
        f"    message: {message}",
    ]
    if phase.components:
        lines.append(f"    components: {{{_pairs(phase.components)}}}")
    return lines


def _pairs(components: dict[str, ComponentStatus]) -> str:
    return ", ".join(f"{cid}: {status.value}" for cid, status in components.items())
