"""What the Markdown-based sources (cState, Statusfy) share: front matter in YAML, JSON or TOML,
status words in update labels, and times that may lack an offset."""

from __future__ import annotations

import json
import re
import tomllib
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any

import yaml

from statusgen.content.rules import is_id
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
    """The front matter (`---` YAML, `---json` or `---toml`) as a mapping, and the body."""
    opening = _OPENING.match(text)
    if opening is None:
        return {}, text
    closing = _CLOSING.search(text, opening.end())
    if closing is None:
        raise SourceError(f"{where}: the front matter is not closed; expected a `---` line")
    raw, body = text[opening.end() : closing.start()], text[closing.end() :].lstrip("\r\n")
    kind = opening.group(1) or "yaml"
    try:
        if kind == "json":
            data = json.loads(raw)
        elif kind == "toml":
            data = tomllib.loads(raw)
        else:
            data = yaml.safe_load(raw)
    except (yaml.YAMLError, json.JSONDecodeError, tomllib.TOMLDecodeError) as error:
        raise SourceError(f"{where}: the front matter cannot be read ({error})") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise SourceError(f"{where}: the front matter is not a mapping of keys")
    return data, body


def label_status(label: str) -> PhaseStatus | None:
    """The status an update's label says (`Resolved`, `In progress`, ...), if any."""
    return LABEL_STATUSES.get(" ".join(label.strip().strip(".:").lower().split()))


def file_id(path: Path, given: object = None) -> str:
    """An incident's id from the source: its own `id` when it is a valid id, else from the
    file name (lowercase letters, digits and hyphens)."""
    if isinstance(given, str | int) and is_id(str(given)):
        return str(given)
    stem = path.stem
    return stem if is_id(stem) else (slugify(transliterate(stem)) or "incident")


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
        moment, assumed = parse_time(value, self.zone)
        if moment is None:
            self.entries.append(Entry("bad_time", f"{what} {str(value)!r} is not a time; left out"))
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
