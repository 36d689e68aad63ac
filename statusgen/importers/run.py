"""An import from start to end: read the source, repair, check, and write.

Before anything is written, every file the import would write is read back and rendered as
`statusgen check` does (the texts as the files hold them, with the merged components.yml);
any problem is a bug of the importer, raised loudly, and nothing is written. Large imports are
checked on every core.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import tempfile
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from statusgen.content import SiteLayout, incident_files, parse_incident
from statusgen.content.components import load_catalog
from statusgen.importers.catalog import CatalogPlan
from statusgen.importers.draft import Draft
from statusgen.importers.languages import place_languages
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
    languages: tuple[str, ...] = (),
    language: str | None = None,
) -> Outcome:
    """Import a parsed source into the site; raise Conflicts, SiteInvalid or ImportBug (or
    SourceError for a source in a language the site does not have). `languages` are the
    site's, the default first, and `language` the one the source is in, if given
    (`importers/languages.py`)."""
    say = progress or (lambda _: None)
    if languages:
        place_languages(batch, languages, language)
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
    planned = _plan_files(drafts, batch.format, layout, existing, report, languages)
    if old_components != new_components:
        action = "created" if old_components is None else "extended"
        report.components_action = action
        planned.insert(0, Planned(components_path, components_label, new_components, action))
    conflicts = [p.label for p in planned if p.action == "updated"]
    if conflicts and not force:
        raise Conflicts(conflicts)
    drafted = {d.id: d for d, _ in drafts}
    say("checking every file as `statusgen check` would")
    _check_in_memory(planned, drafted, catalog, now, languages)
    if dry_run:
        for item in planned:
            if item.result is not None:
                item.result.action = "would be " + item.result.action
        if report.components_action != "unchanged":
            report.components_action = "would be " + report.components_action
        return Outcome(report, planned)
    written = [p for p in planned if p.action != "unchanged"]
    for folder in sorted({item.path.parent for item in written}):
        folder.mkdir(parents=True, exist_ok=True)
    # The file system's calls dominate writing thousands of small files: a few threads overlap
    # them (each writes whole files; the order of writing does not matter).
    with ThreadPoolExecutor(max_workers=WRITE_THREADS) as pool:
        for number, _ in enumerate(pool.map(_write, written), start=1):
            if number % 2000 == 0:
                say(f"wrote {number:,} of {len(written):,} files")
    return Outcome(report, planned)


#: Threads writing the files.
WRITE_THREADS = 4


def _write(item: Planned) -> None:
    item.path.write_bytes(item.text.encode("utf-8"))


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
    languages: tuple[str, ...],
) -> list[Planned]:
    """Each incident's file and what writing it would do (new, unchanged, or an update)."""
    planned: list[Planned] = []
    for draft, entries in drafts:
        text = render_draft(draft, source_format, languages)
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


#: Files from which the check runs on every core (below, starting processes costs more).
PARALLEL_FROM = 1000
#: What the check's worker processes read: set before they fork, never sent to them.
_WORK: tuple[list[Planned], dict[str, Draft], Catalog, datetime, tuple[str, ...]] | None = None


def _check_in_memory(
    planned: list[Planned],
    drafts: dict[str, Draft],
    catalog: Catalog,
    now: datetime,
    languages: tuple[str, ...] = (),
) -> None:
    """Every file's text read and rendered as the check would, before it is written; any
    problem is the importer's bug."""
    global _WORK
    items = [item for item in planned if item.result is not None]
    workers = min(os.cpu_count() or 1, 4)
    if workers > 1 and len(items) >= PARALLEL_FROM and "fork" in mp.get_all_start_methods():
        _WORK = (items, drafts, catalog, now, languages)
        try:
            with mp.get_context("fork").Pool(workers) as pool:
                found = pool.map(_check_share, [(part, workers) for part in range(workers)])
        finally:
            _WORK = None
        problems = [problem for share in found for problem in share]
    else:
        problems = _check_items(items, drafts, catalog, now, languages)
    if problems:
        raise ImportBug(sorted(problems, key=lambda p: (p.path, p.line)))


def _check_share(share: tuple[int, int]) -> list[Problem]:
    """One worker's part of the check: every `count`-th file from `part`."""
    assert _WORK is not None
    items, drafts, catalog, now, languages = _WORK
    part, count = share
    return _check_items(items[part::count], drafts, catalog, now, languages)


def _check_items(
    items: list[Planned],
    drafts: dict[str, Draft],
    catalog: Catalog,
    now: datetime,
    languages: tuple[str, ...] = (),
) -> list[Problem]:
    problems: list[Problem] = []
    incidents: list[Incident] = []
    for item in items:
        assert item.result is not None
        before = len(problems)
        incident = parse_incident(
            item.text, item.result.id, item.label, catalog, now, problems, languages=languages
        )
        if incident is not None:
            _check_same(drafts[item.result.id], incident, item.label, problems)
            incidents.append(incident)
        elif len(problems) == before:
            problems.append(Problem(item.label, 0, "was refused without a problem"))
    return problems + check_rendering(StatusSite(catalog=catalog, incidents=tuple(incidents)))


def _check_same(draft: Draft, incident: Incident, label: str, problems: list[Problem]) -> None:
    """The file reads back as exactly what was meant (quoting, blocks and escapes included)."""
    read = (
        incident.title,
        [(p.at, p.status, p.message, dict(p.components)) for p in incident.phases],
        dict(incident.components),
        incident.body.rstrip("\n"),
        _translations(incident.translations),
        [_translations(p.translations) for p in incident.phases],
    )
    meant = (
        draft.title,
        [(p.at, p.status, p.message, p.components) for p in draft.phases],
        draft.components,
        draft.body.rstrip("\n"),
        _translations(draft.translations),
        [
            _translations({k: {"message": v} for k, v in p.translations.items()})
            for p in draft.phases
        ],
    )
    if read != meant:
        problems.append(Problem(label, 1, "reads back differently from what the import meant"))


def _translations(found: Mapping[str, Mapping[str, str]]) -> dict[str, dict[str, str]]:
    """Translations compared as plain dictionaries (a body without its final line breaks)."""
    return {
        code: {name: text.rstrip("\n") if name == "body" else text for name, text in texts.items()}
        for code, texts in found.items()
    }
