"""Writing incident files for responders: new files, and phases appended to existing ones.

Appending never re-dumps the YAML (that would sort keys and drop comments): the new phase
is inserted as text right after the last existing phase, so everything above it stays
byte-for-byte as the responder wrote it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime

import yaml

from statusgen.load import PLACEHOLDER_PREFIX, split_front_matter
from statusgen.model import ComponentStatus, Impact, Phase, PhaseStatus, Window, slugify

#: Longest slug taken from a title for a new file name.
MAX_SLUG_LENGTH = 48


class AuthoringError(Exception):
    """The file cannot be edited as asked; the message says why and what is expected."""


def format_time(moment: datetime) -> str:
    """A UTC time as written into files: 2026-11-22T14:03:00Z."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def quote(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def placeholder(status: PhaseStatus) -> str:
    """The message template `new` writes, which `check` refuses until it is replaced."""
    if status is PhaseStatus.SCHEDULED:
        return f"{PLACEHOLDER_PREFIX}: say what will change for users during the window, and why"
    return f"{PLACEHOLDER_PREFIX}: say what users notice and what you are doing about it"


def new_incident_id(title: str, day: datetime, taken: set[str]) -> str:
    """`YYYY-MM-DD-slug-of-title`, made unique against `taken` with -2, -3, ..."""
    slug = slugify(title)[:MAX_SLUG_LENGTH].strip("-") or "incident"
    base = f"{day.astimezone(UTC):%Y-%m-%d}-{slug}"
    candidate, counter = base, 2
    while candidate in taken:
        candidate, counter = f"{base}-{counter}", counter + 1
    return candidate


def render_new_file(
    title: str,
    impact: Impact | None,
    components: Mapping[str, ComponentStatus],
    phase: Phase,
    scheduled: Window | None = None,
) -> str:
    """The text of a new incident (or, with `scheduled`, maintenance) file."""
    lines = ["---", f"title: {quote(title)}"]
    if scheduled is not None:
        lines.append("type: maintenance")
    if impact is not None:
        lines.append(f"impact: {impact.value}")
    if components:
        lines.append("components:")
        lines.extend(f"  {cid}: {status.value}" for cid, status in components.items())
    if scheduled is not None:
        lines.append("scheduled:")
        lines.append(f"  start: {format_time(scheduled.start_at)}")
        lines.append(f"  end: {format_time(scheduled.end_at)}")
    lines.append(
        "# Updates, oldest first. Add one with: statusgen update <id> --status ... --message ..."
    )
    lines.append("phases:")
    lines.extend(render_phase(phase, dash_indent=2, key_indent=4))
    lines.append("---")
    lines.append("")
    return "\n".join(lines)


def render_phase(phase: Phase, dash_indent: int, key_indent: int) -> list[str]:
    """A phase as YAML lines of a block list item."""
    first = " " * dash_indent + "-" + " " * (key_indent - dash_indent - 1)
    rest = " " * key_indent
    lines = [f"{first}at: {format_time(phase.at)}", f"{rest}status: {phase.status.value}"]
    lines.append(f"{rest}message: {quote(phase.message)}")
    if phase.next_update_at is not None:
        lines.append(f"{rest}next_update: {format_time(phase.next_update_at)}")
    if phase.components:
        pairs = ", ".join(f"{cid}: {status.value}" for cid, status in phase.components.items())
        lines.append(f"{rest}components: {{{pairs}}}")
    return lines


def append_phase(text: str, phase: Phase) -> str:
    """The file's text with `phase` inserted after its last phase; all else unchanged.

    Raises AuthoringError when the file's phases cannot be located as a block list.
    """
    split = split_front_matter(text)
    if split is None:
        raise AuthoringError("the file has no front matter; expected `---`, YAML, `---`")
    fm, fm_start = split.yaml, split.start
    try:
        root = yaml.compose(fm, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        raise AuthoringError(
            f"the front matter is not valid YAML ({error}); fix it first"
        ) from None
    phases = _phases_node(root)
    if phases is None or not phases.value:
        raise AuthoringError("the file has no `phases:` list; expected at least one update")
    if phases.flow_style:
        raise AuthoringError(
            "`phases:` is written inline ([...]); expected a block list of `- at:` items"
        )
    last = phases.value[-1]
    insert_at = _end_of_line(fm, _last_content_index(last))
    dash_indent, key_indent = _indents(fm, last)
    block = "\n".join(render_phase(phase, dash_indent, key_indent)) + "\n"
    if insert_at == len(fm) and not fm.endswith("\n"):
        block = "\n" + block
    absolute = fm_start + insert_at
    return text[:absolute] + block + text[absolute:]


def _phases_node(root: yaml.Node | None) -> yaml.SequenceNode | None:
    if not isinstance(root, yaml.MappingNode):
        return None
    for key, value in root.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "phases":
            return value if isinstance(value, yaml.SequenceNode) else None
    return None


def _last_content_index(node: yaml.Node) -> int:
    """Index of the last character that belongs to a node's content."""
    while True:
        if isinstance(node, yaml.MappingNode) and node.value and not node.flow_style:
            node = node.value[-1][1]
        elif isinstance(node, yaml.SequenceNode) and node.value and not node.flow_style:
            node = node.value[-1]
        else:
            break
    return int(node.end_mark.index) - 1


def _end_of_line(text: str, index: int) -> int:
    """The index just after the end of the line holding `index` (past trailing comments)."""
    while index > 0 and text[index] in " \t\r\n":
        index -= 1
    newline = text.find("\n", index)
    return len(text) if newline == -1 else newline + 1


def _indents(text: str, item: yaml.Node) -> tuple[int, int]:
    """The column of an item's dash and of its keys, to write the new item the same way."""
    key_column = int(item.start_mark.column)
    line_start = text.rfind("\n", 0, item.start_mark.index) + 1
    before = text[line_start : item.start_mark.index].rstrip()
    if before.endswith("-"):
        return len(before) - 1, key_column
    return max(key_column - 2, 0), key_column
