"""What the Markdown-based sources (cState, Statusfy) share: front matter in YAML, JSON or TOML,
status words in update labels, and times that may lack an offset."""

from __future__ import annotations

import re
from datetime import datetime, tzinfo
from pathlib import PurePath
from typing import Any

from statusgen.content.rules import is_id
from statusgen.importers.documents import (
    describe,
    items,
    parse_json,
    parse_toml,
    parse_yaml,
    text,
)
from statusgen.importers.records import Entry, SourceError
from statusgen.importers.text import format_time, parse_time
from statusgen.model import PhaseStatus
from statusgen.slugs import slugify, transliterate

_OPENING = re.compile(r"\A\ufeff?---([a-z]*)[ \t]*\r?\n")
_CLOSING = re.compile(r"^---[ \t]*\r?$", re.M)
#: Words of update labels, as people write them, and the status each stands for.
LABEL_STATUSES = {
    "investigating": PhaseStatus.INVESTIGATING,
    "identified": PhaseStatus.IDENTIFIED,
    "monitoring": PhaseStatus.MONITORING,
    "resolved": PhaseStatus.RESOLVED,
    "fixed": PhaseStatus.RESOLVED,
    "scheduled": PhaseStatus.SCHEDULED,
    "in progress": PhaseStatus.IN_PROGRESS,
    "in_progress": PhaseStatus.IN_PROGRESS,
    "just began": PhaseStatus.IN_PROGRESS,
    "started": PhaseStatus.IN_PROGRESS,
    "verifying": PhaseStatus.VERIFYING,
    "completed": PhaseStatus.COMPLETED,
    "complete": PhaseStatus.COMPLETED,
}


def split_front_matter(text: str, where: str) -> tuple[dict[str, Any], str]:
    """The front matter (`---` YAML, `---json` or `---toml`) as a mapping, and the body. YAML
    without anchors and aliases, within the limits of incident files (`documents`)."""
    opening = _OPENING.match(text)
    if opening is None:
        return {}, text
    closing = _CLOSING.search(text, opening.end())
    if closing is None:
        raise SourceError(f"{where}: the front matter is not closed; expected a `---` line")
    raw, body = text[opening.end() : closing.start()], text[closing.end() :].lstrip("\r\n")
    kind = opening.group(1) or "yaml"
    if kind == "json":
        data = parse_json(raw, where, "JSON front matter")
    elif kind == "toml":
        data = parse_toml(raw, where)
    else:
        data = parse_yaml(raw, where, text.count("\n", 0, opening.end()))
    if data is None:
        data = {}
    if not isinstance(data, dict):
        what = describe(data)
        raise SourceError(f"{where}: the front matter is {what}; expected a mapping of keys")
    return data, body


def system_names(value: object, label: str, key: str, entries: list[Entry]) -> list[str]:
    """The systems a front matter list names (`affected`); a blank one is left out, saying so."""
    names = [text(name, label, f"an item of {key}") for name in items(value, label, key)]
    blank = sum(1 for name in names if not name.strip())
    if blank:
        entries.append(Entry("lost_field", f"{blank} blank item(s) of {key} left out"))
    return [name for name in names if name.strip()]


def label_status(label: str) -> PhaseStatus | None:
    """The status an update's label says (`Resolved`, `In progress`, ...), if any."""
    return LABEL_STATUSES.get(" ".join(label.strip().strip(".:").lower().split()))


def file_id(path: PurePath, given: object = None) -> str:
    """An incident's id from the source: its own `id` when it is a valid id, else from the
    file name (lowercase letters, digits and hyphens)."""
    if isinstance(given, str | int) and is_id(str(given)):
        return str(given)
    stem = path.stem
    return stem if is_id(stem) else (slugify(transliterate(stem)) or "incident")


def read_time(value: object, zone: tzinfo) -> tuple[datetime | None, bool]:
    """`text.parse_time`, with a time at the edge of what Python holds (`9999-12-31T23:00-05:00`)
    taken as no time, as any time outside statusgen's years is."""
    try:
        return parse_time(value, zone)
    except OverflowError:
        return None, False


class Times:
    """Reads one incident's times in a zone, counting those that had no offset."""

    def __init__(self, zone: tzinfo, zone_name: str) -> None:
        self.zone = zone
        self.zone_name = zone_name
        self.assumed: list[str] = []
        self.entries: list[Entry] = []

    def read(self, value: object, what: str) -> datetime | None:
        """A time, or None (with an entry) when the value is no time."""
        if value is None or value == "":
            return None
        moment, assumed = read_time(value, self.zone)
        if moment is None:
            shown = describe(str(value))
            self.entries.append(Entry("bad_time", f"{what} {shown} is not a time; left out"))
        elif assumed:
            self.assumed.append(f"{what} {format_time(moment)}")
        return moment

    def report(self) -> list[Entry]:
        """The entries: bad times, and one entry for the times read in the zone."""
        entries = list(self.entries)
        if self.assumed:
            entries.append(
                Entry(
                    "time_without_offset",
                    f"{len(self.assumed)} time(s) without offset read in {self.zone_name}",
                    detail={"times": self.assumed},
                )
            )
        return entries
