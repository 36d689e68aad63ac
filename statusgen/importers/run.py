"""An import from start to end: read the source, repair, write, and check what was written.

After writing, the site is checked as `statusgen check` does (loading every file, and rendering
the imported ones); any problem in a file the import wrote is a bug of the importer: the files
are put back as they were and the bug is raised loudly. A dry run checks the same in memory.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from statusgen.content import SiteLayout, check_site, incident_files, parse_incident
from statusgen.content.components import load_catalog
from statusgen.importers.catalog import CatalogPlan
from statusgen.importers.draft import Draft
from statusgen.importers.normalize import normalize
from statusgen.importers.records import Batch, Entry
from statusgen.importers.report import IncidentResult, Report
from statusgen.importers.writer import render_draft
from statusgen.model import Catalog, Incident, StatusSite
from statusgen.problems import Problem
from statusgen.render.preflight import check_rendering

Progress = Callable[[str], None]


class ImportBug(Exception):
    """What the importer wrote (or would write) does not pass statusgen's rules: a bug."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


class SiteInvalid(Exception):
    """The site's components.yml has problems of its own: fix them first."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


class Conflicts(Exception):
    """Files that exist with other content; written only with --force."""

    def __init__(self, paths: list[str]) -> None:
        super().__init__(", ".join(paths))
        self.paths = paths


@dataclass
class Planned:
    """One file the import writes."""

    path: Path
    label: str
    text: str
    action: str = "written"
    result: IncidentResult | None = None


@dataclass
class Outcome:
    """What an import did (or, on a dry run, would do)."""

    report: Report
    files: list[Planned] = field(default_factory=list)


def run_import(
    batch: Batch,
    source_label: str,
    layout: SiteLayout,
    now: datetime,
    *,
    force: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> Outcome:
    """Import a parsed source into the site; raise Conflicts, SiteInvalid or ImportBug."""
    say = progress or (lambda _: None)
    report = Report(batch.format, source_label, dry_run, notes=list(batch.notes))
    components_path = layout.root / layout.components_file
    components_label = layout.label(components_path)
    report.components_file = components_label
    old_components = None
    if components_path.is_file():
        problems: list[Problem] = []
        load_catalog(layout, problems)
        if problems:
            raise SiteInvalid(problems)
        old_components = components_path.read_text(encoding="utf-8")
    plan = CatalogPlan.read(old_components)
    for group in batch.groups:
        if group.description:
            plan.group_descriptions[group.name] = group.description[:1000]
    for component in batch.components:
        plan.add_source(component)

    drafts: list[tuple[Draft, list[Entry]]] = []
    seen: set[str] = set()
    for number, source in enumerate(batch.incidents, start=1):
        if source.id in seen:
            base, counter = source.id, 2
            while f"{base}-{counter}" in seen:
                counter += 1
            source.id = f"{base}-{counter}"
            source.entries.append(
                Entry("duplicate_id", f"another incident of the source has the id {base!r}")
            )
        seen.add(source.id)
        drafts.append(normalize(source, plan, now))
        if number % 2000 == 0:
            say(f"repaired {number:,} of {len(batch.incidents):,} incidents")

    new_components = plan.render()
    catalog = _catalog_of(new_components, layout)
    report.components_entries = plan.entries
    report.components_added = [{"id": c.id, "name": c.name, "group": c.group} for c in plan.added]
    existing = {path.stem: path for path in incident_files(layout, [])}
    planned = _plan_files(drafts, batch.format, layout, existing, report)
    if old_components != new_components:
        action = "created" if old_components is None else "extended"
        report.components_action = action
        planned.insert(0, Planned(components_path, components_label, new_components, action))
    conflicts = [p.label for p in planned if p.action == "updated"]
    if conflicts and not force:
        raise Conflicts(conflicts)
    drafted = {d.id: d for d, _ in drafts}
    if dry_run:
        say("checking every file as `statusgen check` would")
        _check_in_memory(planned, drafted, catalog, now)
        for item in planned:
            if item.result is not None:
                item.result.action = "would be " + item.result.action
        if report.components_action != "unchanged":
            report.components_action = "would be " + report.components_action
        return Outcome(report, planned)
    written = [p for p in planned if p.action != "unchanged"]
    backup = {p.path: p.path.read_bytes() if p.path.is_file() else None for p in written}
    for number, item in enumerate(written, start=1):
        item.path.parent.mkdir(parents=True, exist_ok=True)
        item.path.write_text(item.text, encoding="utf-8")
        if number % 2000 == 0:
            say(f"wrote {number:,} of {len(written):,} files")
    if not written:
        return Outcome(report, planned)  # nothing changed: what is there was checked before
    say("checking the site as `statusgen check` does")
    site, problems = check_site(layout, now)
    labels = {p.label for p in planned}
    mine = [p for p in problems if p.path in labels]
    ours = [i for i in site.incidents if i.path in labels]
    for incident in ours:
        draft = drafted.get(incident.id)
        if draft is not None:
            _check_same(draft, incident, incident.path, mine)
    loaded = {i.path for i in ours} | {p.path for p in mine}
    mine += [
        Problem(p.label, 0, "was not loaded")
        for p in planned
        if p.result is not None and p.label not in loaded
    ]
    mine += check_rendering(StatusSite(catalog=site.catalog, incidents=tuple(ours)))
    if mine:
        for path, old in backup.items():
            if old is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(old)
        raise ImportBug(mine)
    return Outcome(report, planned)


def _catalog_of(text: str, layout: SiteLayout) -> Catalog:
    """The catalog the merged components.yml describes; its problems are the importer's bug."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "components.yml"
        path.write_text(text, encoding="utf-8")
        problems: list[Problem] = []
        catalog = load_catalog(SiteLayout(Path(folder)), problems)
    if problems:
        label = layout.label(layout.root / layout.components_file)
        raise ImportBug([Problem(label, p.line, p.message) for p in problems])
    return catalog


def _plan_files(
    drafts: list[tuple[Draft, list[Entry]]],
    source_format: str,
    layout: SiteLayout,
    existing: dict[str, Path],
    report: Report,
) -> list[Planned]:
    """Each incident's file and what writing it would do (new, unchanged, or an update)."""
    planned: list[Planned] = []
    for draft, entries in drafts:
        text = render_draft(draft, source_format)
        path = existing.get(draft.id)
        if path is None:
            start = draft.scheduled[0] if draft.scheduled else draft.phases[0].at
            path = layout.incidents_folder / str(start.astimezone(UTC).year) / f"{draft.id}.md"
        label = layout.label(path)
        action = "written"
        if path.is_file():
            action = "unchanged" if path.read_bytes() == text.encode("utf-8") else "updated"
        result = IncidentResult(draft.id, draft.source_id, label, action, entries)
        report.incidents.append(result)
        planned.append(Planned(path, label, text, action, result))
    return planned


def _check_in_memory(
    planned: list[Planned], drafts: dict[str, Draft], catalog: Catalog, now: datetime
) -> None:
    """Every file's text read and rendered as the check would, without writing it (a dry run);
    any problem is the importer's bug."""
    problems: list[Problem] = []
    incidents: list[Incident] = []
    for item in planned:
        if item.result is None:
            continue
        before = len(problems)
        incident = parse_incident(item.text, item.result.id, item.label, catalog, now, problems)
        if incident is not None:
            _check_same(drafts[item.result.id], incident, item.label, problems)
            incidents.append(incident)
        elif len(problems) == before:
            problems.append(Problem(item.label, 0, "was refused without a problem"))
    problems += check_rendering(StatusSite(catalog=catalog, incidents=tuple(incidents)))
    if problems:
        raise ImportBug(problems)


def _check_same(draft: Draft, incident: Incident, label: str, problems: list[Problem]) -> None:
    """The file reads back as exactly what was meant (quoting, blocks and escapes included)."""
    read = (
        incident.title,
        [(p.at, p.status, p.message, dict(p.components)) for p in incident.phases],
        dict(incident.components),
        incident.body.rstrip("\n"),
    )
    meant = (
        draft.title,
        [(p.at, p.status, p.message, p.components) for p in draft.phases],
        draft.components,
        draft.body.rstrip("\n"),
    )
    if read != meant:
        problems.append(Problem(label, 1, "reads back differently from what the import meant"))
