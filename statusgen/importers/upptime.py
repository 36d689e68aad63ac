"""An Upptime repository: `.upptimerc.yml`'s sites, and its incident issues as the GitHub REST
API gives them (the JSON of `GET /repos/OWNER/REPO/issues?state=all&labels=status` and of their
comments, saved as `.json` files anywhere in the folder)."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from statusgen.importers.common import Times
from statusgen.importers.records import (
    Batch,
    Entry,
    SourceComponent,
    SourceError,
    SourceIncident,
    SourceUpdate,
)
from statusgen.model import ComponentStatus, Impact, IncidentType, PhaseStatus
from statusgen.slugs import slugify

SKIPPED_FOLDERS = {".git", "node_modules", "api", "graphs", "history"}
RESOLVED = re.compile(r"\*\*resolved:?\*\*|is back up|has recovered", re.I)
COMMENT = re.compile(r"<!--(.*?)-->", re.S)
WINDOW_KEY = re.compile(
    r"^\s*(start|end|expectedDown|expectedDegraded)\s*:\s*(.*?)\s*$", re.I | re.M
)


def read_upptime(source: Path, now: datetime | None = None) -> Batch:
    """The sites as components; every issue labelled `status` as an incident."""
    config_path = source / ".upptimerc.yml"
    if not config_path.is_file():
        raise SourceError(f"{source}: no .upptimerc.yml; expected an Upptime repository")
    try:
        config = yaml.safe_load(config_path.read_text(encoding="utf-8-sig")) or {}
    except yaml.YAMLError as error:
        raise SourceError(f"{config_path}: not valid YAML ({error})") from None
    batch = Batch("upptime")
    sites: dict[str, str] = {}
    for site in config.get("sites") or []:
        if not isinstance(site, dict) or not site.get("name"):
            continue
        name = str(site["name"])
        slug = str(site.get("slug") or slugify(name))
        sites[slug] = name
        batch.components.append(SourceComponent(key=slug, name=name, id_hint=slug))
    if sites:
        batch.notes.append(Entry("lost_field", "the sites' URLs and checks are not kept"))
    issues, comments = _documents(source, batch)
    for issue in sorted(issues.values(), key=lambda i: int(i["number"])):
        labels = {
            str(label.get("name")) for label in issue.get("labels") or [] if isinstance(label, dict)
        }
        if "status" not in labels and "maintenance" not in labels:
            continue
        batch.incidents.append(
            _incident(issue, labels, sites, comments.get(int(issue["number"]), []))
        )
    return batch


def _documents(
    source: Path, batch: Batch
) -> tuple[dict[int, dict[str, Any]], dict[int, list[dict[str, Any]]]]:
    issues: dict[int, dict[str, Any]] = {}
    comments: dict[int, dict[int, dict[str, Any]]] = {}
    for path in sorted(source.rglob("*.json")):
        if SKIPPED_FOLDERS & set(path.relative_to(source).parts[:-1]):
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            # Never a skip: the file left out could hold every issue.
            raise SourceError(
                f"{path}: not JSON ({error}); expected GitHub's JSON of issues or comments "
                "(fix the file, or move it out of the source)"
            ) from None
        for item in data if isinstance(data, list) else [data]:
            if not isinstance(item, dict):
                continue
            if "number" in item and "title" in item and "pull_request" not in item:
                issues[int(item["number"])] = item
            elif "issue_url" in item and "body" in item:
                number = int(str(item["issue_url"]).rstrip("/").rsplit("/", 1)[-1])
                comments.setdefault(number, {})[int(item.get("id") or len(comments))] = item
    if not issues:
        batch.notes.append(Entry("no_issues", "no issues found (JSON files); only sites imported"))
    ordered = {
        n: sorted(c.values(), key=lambda c: str(c.get("created_at"))) for n, c in comments.items()
    }
    return issues, ordered


def _incident(
    issue: dict[str, Any], labels: set[str], sites: dict[str, str], comments: list[dict[str, Any]]
) -> SourceIncident:
    times = Times(UTC, "UTC")
    entries: list[Entry] = []
    title = str(issue.get("title") or "")
    maintenance = "maintenance" in labels
    degraded = "degraded" in title.lower() or "🟨" in title
    status = ComponentStatus.DEGRADED_PERFORMANCE if degraded else ComponentStatus.MAJOR_OUTAGE
    number = int(issue["number"])
    body = str(issue.get("body") or "")
    window = {
        m.group(1).lower(): m.group(2)
        for comment in COMMENT.findall(body)
        for m in WINDOW_KEY.finditer(comment)
    }
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
    incident.updates.append(SourceUpdate(incident.started_at, first, COMMENT.sub("", body).strip()))
    final = PhaseStatus.COMPLETED if maintenance else PhaseStatus.RESOLVED
    middle = PhaseStatus.IN_PROGRESS if maintenance else PhaseStatus.INVESTIGATING
    for comment in comments:
        text = str(comment.get("body") or "")
        closing = incident.resolved and bool(RESOLVED.search(text))
        at = times.read(comment.get("created_at"), "comment created_at")
        incident.updates.append(SourceUpdate(at, final if closing else middle, text))
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


def _slugs(text: str | None) -> list[str]:
    return [part.strip() for part in (text or "").split(",") if part.strip()]
