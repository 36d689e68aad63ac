"""An Upptime repository: `.upptimerc.yml`'s sites, and its incident issues as the GitHub REST
API gives them (the JSON of `GET /repos/OWNER/REPO/issues?state=all&labels=status` and of their
comments, saved as `.json` files anywhere in the folder)."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from statusgen.importers.common import Times
from statusgen.importers.documents import (
    describe,
    items,
    mapping,
    parse_json,
    parse_yaml,
    text,
    whole_number,
)
from statusgen.importers.records import (
    Batch,
    Entry,
    SourceComponent,
    SourceError,
    SourceIncident,
    SourceUpdate,
)
from statusgen.importers.source import DOCUMENT_BYTES, SourceFolder
from statusgen.model import ComponentStatus, Impact, IncidentType, PhaseStatus
from statusgen.slugs import slugify

SKIPPED_FOLDERS = {".git", "node_modules", "api", "graphs", "history"}
RESOLVED = re.compile(r"\*\*resolved:?\*\*|is back up|has recovered", re.I)
#: The keys of a maintenance's window, as Upptime writes them in an HTML comment of the issue.
WINDOW_KEYS = {"start", "end", "expecteddown", "expecteddegraded"}
EXPECTED = "GitHub's JSON of issues or comments"

Issue = dict[str, Any]


def read_upptime(source: Path, now: datetime | None = None) -> Batch:
    """The sites as components; every issue labelled `status` as an incident."""
    folder = SourceFolder.at(source, "an Upptime repository")
    if not folder.has(".upptimerc.yml"):
        raise SourceError(f"{source}: no .upptimerc.yml; expected an Upptime repository")
    label = folder.label(".upptimerc.yml")
    config = mapping(parse_yaml(folder.read_text(".upptimerc.yml"), label), label, "the file")
    batch = Batch("upptime")
    sites: dict[str, str] = {}
    for site in items(config.get("sites"), label, "sites"):
        if not isinstance(site, dict) or not site.get("name"):
            continue
        name = text(site["name"], label, "a site's name")
        slug = text(site.get("slug"), label, f"site {name!r}'s slug") or slugify(name)
        sites[slug] = name
        batch.components.append(SourceComponent(key=slug, name=name, id_hint=slug))
    if sites:
        batch.notes.append(Entry("lost_field", "the sites' URLs and checks are not kept"))
    issues, comments = _documents(folder, batch)
    for number in sorted(issues):
        issue, where = issues[number]
        labels = {
            text(tag.get("name"), where, f"issue #{number}'s label")
            for tag in items(issue.get("labels"), where, f"issue #{number}'s labels")
            if isinstance(tag, dict)
        }
        if "status" not in labels and "maintenance" not in labels:
            continue
        batch.incidents.append(
            _incident(number, issue, where, labels, sites, comments.get(number, []))
        )
    return batch


def _documents(
    folder: SourceFolder, batch: Batch
) -> tuple[dict[int, tuple[Issue, str]], dict[int, list[tuple[Issue, str]]]]:
    """Every issue (with the file it is in) by number, and every comment by issue number."""
    issues: dict[int, tuple[Issue, str]] = {}
    comments: dict[int, dict[str, tuple[Issue, str]]] = {}
    for path in folder.files("", ".json", recursive=True, skip=SKIPPED_FOLDERS):
        label = folder.label(path)
        # Never a skip: the file left out could hold every issue.
        data = parse_json(folder.read_text(path, DOCUMENT_BYTES), label, EXPECTED)
        listed = data if isinstance(data, list) else [data]
        for position, item in enumerate(listed, start=1):
            if not isinstance(item, dict):
                continue
            what = f"item {position}'s" if isinstance(data, list) else "the"
            if "number" in item and "title" in item and "pull_request" not in item:
                issues[whole_number(item["number"], label, f"{what} number")] = (item, label)
            elif "issue_url" in item and "body" in item:
                number = _issue_number(item["issue_url"], label, f"{what} issue_url")
                given = item.get("id")
                key = (
                    f"{label} {position}"
                    if given is None
                    else str(whole_number(given, label, f"{what} id"))
                )
                comments.setdefault(number, {})[key] = (item, label)
    if not issues:
        batch.notes.append(Entry("no_issues", "no issues found (JSON files); only sites imported"))
    ordered = {
        number: sorted(found.values(), key=lambda pair: str(pair[0].get("created_at")))
        for number, found in comments.items()
    }
    return issues, ordered


def _incident(
    number: int,
    issue: Issue,
    where: str,
    labels: set[str],
    sites: dict[str, str],
    comments: list[tuple[Issue, str]],
) -> SourceIncident:
    times = Times(UTC, "UTC")
    entries: list[Entry] = []
    title = text(issue.get("title"), where, f"issue #{number}'s title")
    maintenance = "maintenance" in labels
    degraded = "degraded" in title.lower() or "🟨" in title
    status = ComponentStatus.DEGRADED_PERFORMANCE if degraded else ComponentStatus.MAJOR_OUTAGE
    hidden, body = html_comments(text(issue.get("body"), where, f"issue #{number}'s body"))
    window = _window(hidden)
    incident = SourceIncident(
        source_id=f"#{number}",
        id=f"issue-{number}",
        kind=IncidentType.MAINTENANCE if maintenance else IncidentType.INCIDENT,
        title=title,
        impact=None if maintenance else (Impact.MINOR if degraded else Impact.MAJOR),
        started_at=times.read(issue.get("created_at"), "created_at"),
        updates=[],
        resolved=issue.get("state") == "closed",
        resolved_at=times.read(issue.get("closed_at"), "closed_at"),
        entries=entries,
    )
    first = PhaseStatus.SCHEDULED if maintenance else PhaseStatus.INVESTIGATING
    incident.updates.append(SourceUpdate(incident.started_at, first, body.strip()))
    final = PhaseStatus.COMPLETED if maintenance else PhaseStatus.RESOLVED
    middle = PhaseStatus.IN_PROGRESS if maintenance else PhaseStatus.INVESTIGATING
    for comment, found_in in comments:
        message = text(comment.get("body"), found_in, f"a comment's body (issue #{number})")
        closing = incident.resolved and bool(RESOLVED.search(message))
        at = times.read(comment.get("created_at"), "comment created_at")
        incident.updates.append(SourceUpdate(at, final if closing else middle, message))
    if maintenance:
        incident.scheduled_start = times.read(window.get("start"), "start")
        incident.scheduled_end = times.read(window.get("end"), "end")
        named = [*_slugs(window.get("expecteddown")), *_slugs(window.get("expecteddegraded"))]
    else:
        named = [label for label in sorted(labels) if label in sites]
        if not named:
            named = [slug for slug, name in sites.items() if title.find(f" {name} ") >= 0]
    for slug in named:
        incident.components[slug] = ComponentStatus.UNDER_MAINTENANCE if maintenance else status
        incident.component_names[slug] = sites.get(slug, slug)
    if not named:
        entries.append(Entry("no_component", "the issue names no site of .upptimerc.yml"))
    entries.extend(times.report())
    return incident


def _issue_number(url: object, label: str, what: str) -> int:
    """The number an issue's API address ends in (`.../issues/12`)."""
    tail = text(url, label, what).rstrip("/").rsplit("/", 1)[-1]
    if not (tail.isascii() and tail.isdigit() and len(tail) <= 15):
        raise SourceError(
            f"{label}: {what} {describe(url)} ends in no issue number; "
            "expected https://api.github.com/repos/OWNER/REPO/issues/NUMBER"
        )
    return int(tail)


def html_comments(body: str) -> tuple[list[str], str]:
    """The HTML comments (`<!-- ... -->`) of a text, and the text without them. An unclosed
    comment is left in the text. Linear: each comment is looked for once."""
    found: list[str] = []
    kept: list[str] = []
    position = 0
    while (start := body.find("<!--", position)) >= 0:
        end = body.find("-->", start + 4)
        if end < 0:
            break
        kept.append(body[position:start])
        found.append(body[start + 4 : end])
        position = end + 3
    kept.append(body[position:])
    return found, "".join(kept)


def _window(comments: list[str]) -> dict[str, str]:
    """A maintenance's `start:`, `end:`, `expectedDown:` lines (lowercase keys, last wins)."""
    window: dict[str, str] = {}
    for comment in comments:
        for line in comment.splitlines():
            key, colon, value = line.partition(":")
            if colon and key.strip().lower() in WINDOW_KEYS:
                window[key.strip().lower()] = value.strip()
    return window


def _slugs(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]
