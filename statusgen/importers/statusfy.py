"""A Statusfy site: `config.js`'s systems (named in `locales/<language>.json`) and the incidents
in `content/*.md`, with their `::: update Label | time` blocks."""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import UTC, datetime, timedelta
from pathlib import Path, PurePosixPath

from statusgen.clock import YEARS
from statusgen.importers.common import (
    Times,
    file_id,
    label_status,
    split_front_matter,
    system_names,
)
from statusgen.importers.documents import key_names, parse_json, text
from statusgen.importers.records import (
    Batch,
    Entry,
    SourceComponent,
    SourceError,
    SourceIncident,
    SourceUpdate,
)
from statusgen.importers.source import SourceFolder
from statusgen.model import ComponentStatus, Impact, IncidentType

#: Statusfy's severities: the impact and the component status each stands for.
SEVERITIES = {
    "major-outage": (Impact.CRITICAL, ComponentStatus.MAJOR_OUTAGE),
    "partial-outage": (Impact.MAJOR, ComponentStatus.PARTIAL_OUTAGE),
    "degraded-performance": (Impact.MINOR, ComponentStatus.DEGRADED_PERFORMANCE),
    "under-maintenance": (None, ComponentStatus.UNDER_MAINTENANCE),
}
#: An update block's first line before its `|`, and the line that closes a block.
OPENER = re.compile(r":::[ \t]*update[ \t]+(.*)")
CLOSER = re.compile(r":::[ \t]*")
KNOWN_KEYS = {
    "id",
    "title",
    "description",
    "date",
    "modified",
    "severity",
    "affectedsystems",
    "resolved",
    "scheduled",
    "duration",
}
CONFIG_NAMES = ("config.js", "statusfy.config.js", "config.json")
SYSTEMS = re.compile(r"systems\s*:\s*\[")
STRING = re.compile(r"""(['"`])((?:(?!\1)[^\\\n]|\\.)*)\1""")
#: A language code as Statusfy's `defaultLocale` names it (`en`, `pt-BR`): a file name, no path.
LANGUAGE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,34}")


def read_statusfy(source: Path, now: datetime | None = None) -> Batch:
    """The systems as components, and every incident of the default language."""
    folder = SourceFolder.at(source, "a Statusfy site's folder")
    config = next((name for name in CONFIG_NAMES if folder.has(name)), None)
    if config is None:
        raise SourceError(f"{source}: no config.js; expected a Statusfy site's folder")
    config_label = folder.label(config)
    settings = folder.read_text(config)
    batch = Batch("statusfy")
    language, where = _setting(settings, "defaultLocale", config_label)
    language = language or "en"
    if not LANGUAGE.fullmatch(language):
        raise SourceError(
            f"{where}: defaultLocale {language!r} is not a language code; expected a name like "
            "en or pt-BR (the name of a file in locales/)"
        )
    content_dir, where = _setting(settings, "dir", config_label)
    content = folder.inside(content_dir or "content", where, "content.dir")
    titles = _titles(folder, f"locales/{language}.json", batch)
    systems = SYSTEMS.search(settings)
    listed = ""
    if systems is not None and (end := settings.find("]", systems.end())) >= 0:
        listed = settings[systems.end() : end]
    for match in STRING.finditer(listed):
        key = match.group(2)
        name, description = titles.get(key, ("", ""))
        batch.components.append(
            SourceComponent(key=key, name=name or key, description=description, id_hint=key)
        )
    if not folder.has(content, folder=True):
        shown = content or "."
        raise SourceError(f"{source}: no {shown}/ folder; expected the incidents there")
    if _setting(settings, "defaultLocale", config_label)[0]:
        batch.language = language
    keyed: dict[str, SourceIncident] = {}
    for path in folder.files(content, ".md"):
        incident, key = _incident(folder, path)
        batch.incidents.append(incident)
        keyed.setdefault(key, incident)
    codes = _locale_codes(settings)
    others = [name for name in folder.folders(content) if not name.startswith(".")]
    for code in others:
        if code == language or code not in codes:
            batch.notes.append(
                Entry(
                    "lost_field",
                    f"{code}/ is not one of config.js's locales; its incidents are not imported",
                )
            )
            continue
        _translations(folder, f"{content}/{code}" if content else code, code, keyed, batch)
    return batch


def _locale_codes(settings: str) -> list[str]:
    """The `code` of each of config.js's `locales` (Statusfy reads `content/<code>/` for each
    but the default)."""
    found = re.search(r"\blocales\s*:\s*\[", settings)
    end = settings.find("]", found.end()) if found else -1
    if found is None or end < 0:
        return []
    listed = settings[found.end() : end]
    codes = re.findall(r"\bcode['\"`]?\s*:\s*(['\"`])([^'\"`\n]*)\1", listed)
    return [code for _, code in codes if LANGUAGE.fullmatch(code)]


def _translations(
    folder: SourceFolder,
    where: str,
    code: str,
    keyed: dict[str, SourceIncident],
    batch: Batch,
) -> None:
    """The incidents of `content/<code>/` as translations of the default language's, matched
    as Statusfy matches them (the same `id`, else the same file name), their updates by time."""
    for path in folder.files(where, ".md"):
        translated, key = _incident(folder, path)
        incident = keyed.get(key)
        if incident is None:
            batch.notes.append(
                Entry(
                    "translation_unmatched",
                    f"{folder.label(path)}: no incident of the default language has the id "
                    f"{key!r}; not imported",
                )
            )
            continue
        texts = {"title": translated.title, "body": translated.body}
        incident.translations[code] = {name: text for name, text in texts.items() if text}
        by_time = {update.at: update for update in incident.updates if update.at is not None}
        for number, update in enumerate(translated.updates, start=1):
            found = by_time.get(update.at) if update.at is not None else None
            if found is None:
                incident.entries.append(
                    Entry(
                        "translation_unmatched",
                        f"the {code} update {number} ({update.status_text} at "
                        f"{update.at.isoformat() if update.at else 'no time'}) has no update "
                        "at that time in the default language; not imported",
                    )
                )
            elif update.message:
                found.translations[code] = update.message


def _setting(settings: str, key: str, label: str) -> tuple[str | None, str]:
    """A setting's text in config.js (`key: "value"`), and where it is (`config.js:5`)."""
    found = re.search(rf"\b{key}\s*:\s*(['\"`])([^'\"`\n]*)\1", settings)
    if found is None:
        return None, label
    line = settings.count("\n", 0, found.start()) + 1
    return found.group(2), f"{label}:{line}"


def _titles(folder: SourceFolder, path: str, batch: Batch) -> dict[str, tuple[str, str]]:
    """Each system's title and description in the default language's file."""
    name = PurePosixPath(path).name
    if not folder.has(path):
        batch.notes.append(Entry("no_titles", f"no {name}: systems are named by their ids"))
        return {}
    label = folder.label(path)
    data = parse_json(folder.read_text(path), label, "Statusfy's locale JSON")
    try:
        found = data["systems"]["items"]
        found.items()
    except (KeyError, TypeError, AttributeError) as error:
        batch.notes.append(Entry("no_titles", f"{name} has no system titles ({error})"))
        return {}
    return {
        str(key): (
            text(value.get("title"), label, f"systems.items.{key}.title"),
            text(value.get("description"), label, f"systems.items.{key}.description"),
        )
        for key, value in found.items()
        if isinstance(value, dict)
    }


def _incident(folder: SourceFolder, path: str) -> tuple[SourceIncident, str]:
    """The incident of one file, and how Statusfy knows it across languages: its `id`, else
    its file name."""
    label = folder.label(path)
    data, body = split_front_matter(folder.read_text(path), label)
    times = Times(UTC, "UTC")
    entries: list[Entry] = []
    severity = text(data.get("severity"), label, "severity")
    impact, status = SEVERITIES.get(severity, (None, None))
    if severity and status is None:
        entries.append(Entry("lost_field", f"severity {severity!r} is not one of Statusfy's"))
    scheduled = times.read(data.get("scheduled"), "scheduled")
    maintenance = scheduled is not None or status is ComponentStatus.UNDER_MAINTENANCE
    end = None
    duration = text(data.get("duration"), label, "duration")
    if scheduled is not None and duration:
        end = _window_end(scheduled, duration)
        if end is None:
            entries.append(Entry("bad_time", f"duration {duration!r} is not minutes; left out"))
    updates, rest = _updates(body, times)
    incident = SourceIncident(
        source_id=PurePosixPath(path).name,
        id=file_id(PurePosixPath(path), data.get("id")),
        kind=IncidentType.MAINTENANCE if maintenance else IncidentType.INCIDENT,
        title=text(data.get("title"), label, "title"),
        impact=impact,
        started_at=times.read(data.get("date"), "date"),
        updates=updates,
        resolved=data.get("resolved") is True,
        scheduled_start=scheduled,
        scheduled_end=end,
        body=rest,
        entries=entries,
    )
    if maintenance and status is not ComponentStatus.UNDER_MAINTENANCE and severity:
        entries.append(Entry("lost_field", f"severity {severity!r} of a maintenance is not kept"))
    for key in system_names(data.get("affectedsystems"), label, "affectedsystems", entries):
        incident.components[key] = status
    description = text(data.get("description"), label, "description")
    if description:
        entries.append(
            Entry(
                "lost_field",
                "the description (a summary) is not kept",
                detail={"description": description},
            )
        )
    for key in sorted(set(key_names(data)) - KNOWN_KEYS - {"description"}):
        entries.append(Entry("lost_field", f"front matter key {key!r} is not kept"))
    if data.get("modified"):
        entries.append(Entry("lost_field", "`modified` is not kept (statusgen shows update times)"))
    entries.extend(times.report())
    given = data.get("id")
    return incident, str(given) if isinstance(given, str | int) else PurePosixPath(path).name


def _window_end(start: datetime, minutes: str) -> datetime | None:
    """The end of a window `minutes` long, None when that is no number of minutes (or ends
    beyond statusgen's years)."""
    try:
        end = start + timedelta(minutes=float(minutes))
    except (ValueError, OverflowError):
        return None
    return end if YEARS[0] <= end.astimezone(UTC).year <= YEARS[1] else None


def _updates(body: str, times: Times) -> tuple[list[SourceUpdate], str]:
    """The `::: update Label | time` blocks (each closed by a `:::` line) as updates, in file
    order, and the text outside them. Read line by line: a regular expression spanning lines
    took minutes on a file of unclosed blocks."""
    lines = body.split("\n")
    closers = [n for n, line in enumerate(lines) if CLOSER.fullmatch(line)]
    updates: list[SourceUpdate] = []
    kept: list[str] = []
    number = 0
    while number < len(lines):
        opener = _opener(lines[number])
        later = bisect_right(closers, number)
        if opener is None or later == len(closers):
            kept.append(lines[number])
            number += 1
            continue
        close = closers[later]
        label, when = opener
        message = "\n".join(lines[number + 1 : close]).strip()
        updates.append(
            SourceUpdate(times.read(when, "update time"), label_status(label), message, label)
        )
        kept.append("")
        number = close + 1
    rest = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()
    known = [u.at for u in updates if u.at is not None]
    if len(updates) > 1 and len(known) == len(updates) and known == sorted(known, reverse=True):
        updates.reverse()  # newest first, as people often write them
    return updates, rest


def _opener(line: str) -> tuple[str, str] | None:
    """The label and time of a block's first line (`::: update Resolved | 2025-01-28T22:28Z`)."""
    head, bar, when = line.partition("|")
    found = OPENER.fullmatch(head) if bar else None
    if found is None:
        return None
    return found.group(1).strip(), when.strip(" \t")
