"""`mkdocs serve`: an edited incident makes again only the pages and files that show it (issue 22).

MkDocs rebuilds the whole site on any change it watches: a minute at 10,000 incidents. Under
`mkdocs serve`, statusgen puts `Preview.rebuild` in place of MkDocs' builder and records which
files changed (a watchdog handler beside MkDocs' own). When every change is an edit of
incident files the last full build published, it:

1. reads and checks those files against the last build's components and time (the served
   site shows one moment: that of its last full build), and renders their texts as the build
   does (`render/preflight.check_rendering`, into the render cache);
2. plans the site again with the edited incidents (`render/plan.plan_site`) and asks
   `render/dependents.dependents` what reads them;
3. writes those files where their bytes changed, and builds those pages with MkDocs' own page
   steps (every plugin's page events, the theme, the last build's navigation), then writes the
   search index again with the pages' new entries in their place.

Anything else falls back to MkDocs' full build, which reports problems as it always did (and
leaves the served pages as they were until the content builds): a new, deleted or renamed
incident, components.yml, mkdocs.yml, docs/, templates, a problem in the edited file (a time
after the served moment included: the full build takes a new one), a plugin other than
statusgen and search, a site that overrides statusgen's templates, or an edit that changes
which pages and files the site has (`dependents` answers None).
"""

from __future__ import annotations

import logging
import threading
import time
import typing
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from mkdocs.commands.build import _build_page, _build_theme_template, _populate_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import write_file
from watchdog.events import FileSystemEvent, FileSystemEventHandler

from statusgen.content import SiteLayout
from statusgen.content.files import read_text
from statusgen.content.incidents import parse_incident
from statusgen.model import Incident, StatusSite
from statusgen.plugin.servestate import PREVIEWS, Built, StatusgenPlugin
from statusgen.problems import Problem
from statusgen.render.dependents import Dependent, dependents
from statusgen.render.plan import PublicationPlan, plan_site
from statusgen.render.preflight import BUILD_RENDER_SECONDS, check_rendering
from statusgen.render.rendercache import CACHE_DIR, RenderCache

log = logging.getLogger("mkdocs.plugins.statusgen")

#: The plugins whose part of a build the incremental path makes again (MkDocs' names).
KNOWN_PLUGINS = frozenset({"statusgen", "search", "material/search"})


class FullBuild(Exception):
    """What the incremental path cannot make: the full build must (its reason, for the log)."""


class Changes(FileSystemEventHandler):
    """The paths changed since the last rebuild (every event MkDocs' watches see)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._paths: set[str] = set()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory:
            return
        with self._lock:
            for path in (event.src_path, getattr(event, "dest_path", "")):
                if path:
                    self._paths.add(str(path))

    def take(self) -> set[str]:
        """The paths changed since the last call."""
        with self._lock:
            paths, self._paths = self._paths, set()
        return paths


def watch_and_preview(
    server: LiveReloadServer, config: MkDocsConfig, layout: SiteLayout, built: Built | None
) -> Preview:
    """What `mkdocs serve` watches beside MkDocs' own (the components file and the incident
    folders), and the preview that records every change and rebuilds what it can."""
    watched = [layout.root / layout.components_file]
    watched += [layout.root / folder for folder in layout.incidents_dirs]
    for path in watched:
        server.watch(str(path))
    watched += [Path(config.docs_dir), Path(config.config_file_path)]
    watched += [Path(p) for p in (*config.watch, config.theme.custom_dir or "") if p]
    return Preview.serve(server, config, built, watched)


class Preview:
    """The incremental path of one `mkdocs serve`."""

    def __init__(self, built: Built | None) -> None:
        self.built = built
        self.changes = Changes()
        #: How long the last incremental rebuild took, in seconds.
        self.last_seconds: float | None = None

    @classmethod
    def serve(
        cls,
        server: LiveReloadServer,
        config: MkDocsConfig,
        built: Built | None,
        paths: Iterable[Path],
    ) -> Preview:
        """Start the preview of `mkdocs serve`: record every change under `paths` (what
        MkDocs and statusgen watch), and rebuild through `rebuild`, MkDocs' builder after."""
        preview = PREVIEWS[config.config_file_path] = cls(built)
        for path in paths:
            if path.exists():
                server.observer.schedule(preview.changes, str(path), recursive=True)
        full: Callable[[], None] = server.builder

        def rebuild() -> None:
            if not preview.rebuild(preview.changes.take()):
                preview.built = None  # the full build hands over what it builds
                full()

        server.builder = rebuild
        return preview

    def rebuild(self, paths: set[str]) -> bool:
        """Make again what the changed `paths` show; False when a full build must."""
        built = self.built
        if built is None or not paths:
            return False
        started = time.perf_counter()
        try:
            edited = edited_incidents(built, paths)
            if edited:
                apply(built, edited)
        except FullBuild as reason:
            log.info(f"statusgen: the whole site is built again: {reason}")
            return False
        except Exception as error:  # noqa: BLE001 - a full build puts the served site right
            log.warning(
                f"statusgen: the whole site is built again: {type(error).__name__}: {error}"
            )
            return False
        self.last_seconds = time.perf_counter() - started
        log.info(f"statusgen: {len(edited)} incident(s) made again in {self.last_seconds:.2f} s")
        return True


def unknown_plugins(config: MkDocsConfig) -> list[str]:
    """The site's plugins whose part of a build the incremental path cannot make again."""
    return [name for name in config.plugins if name not in KNOWN_PLUGINS]


def edited_incidents(built: Built, paths: Iterable[str]) -> dict[str, Path]:
    """The incidents (by id) whose files `paths` are, when each is an edit of a file the last
    build published; FullBuild for anything else. Hidden files under the incidents' folders are
    none of statusgen's (an editor's swap files); the caches' own writes are ignored."""
    layout = built.layout
    folders = [(layout.root / name).resolve() for name in layout.incidents_dirs]
    caches = (layout.root / CACHE_DIR.parts[0]).resolve()
    known = {incident.path: incident for incident in built.site.incidents}
    if others := unknown_plugins(built.config):
        raise FullBuild(f"plugins other than statusgen and search ({', '.join(others)})")
    found: dict[str, Path] = {}
    for name in paths:
        path = Path(name).resolve()
        if path.is_relative_to(caches):
            continue
        folder = next((f for f in folders if path.is_relative_to(f)), None)
        if folder is None:
            raise FullBuild(f"{name} changed")
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        incident = known.get(layout.label(layout.root / path.relative_to(layout.root.resolve())))
        if incident is None or incident.id != path.stem or not path.is_file():
            raise FullBuild(f"{name} is new, deleted or renamed")
        found[incident.id] = path
    return found


def reread(built: Built, edited: dict[str, Path]) -> list[Incident]:
    """The edited incidents read and checked as the full build does; FullBuild on any
    problem (the full build then reports it)."""
    layout, problems = built.layout, list[Problem]()
    catalog = built.site.catalog
    incidents: list[Incident] = []
    for incident_id, path in edited.items():
        label = layout.label(layout.root / path.relative_to(layout.root.resolve()))
        text = read_text(path, label, problems)
        incident = None
        if text is not None:
            incident = parse_incident(
                text, incident_id, label, catalog, built.now, problems, languages=layout.languages
            )
        if incident is None or problems:
            raise FullBuild(f"{label} has problems")
        incidents.append(incident)
    return incidents


def apply(built: Built, edited: dict[str, Path]) -> None:
    """Make again what the edited incidents show; FullBuild (nothing written) when a full
    build must."""
    incidents = reread(built, edited)
    cache = RenderCache.for_site(built.layout.root)
    try:
        edited_site = StatusSite(built.site.catalog, tuple(incidents))
        if check_rendering(edited_site, BUILD_RENDER_SECONDS, cache):
            raise FullBuild("an edited text is over its budgets")
        replaced = {incident.id: incident for incident in incidents}
        site = replace(
            built.site,
            incidents=tuple(
                sorted(
                    (replaced.get(i.id, i) for i in built.site.incidents),
                    key=lambda i: (i.started_at, i.id),
                )
            ),
        )
        plugin = _plugin(built.config)
        plan = plan_site(
            site, plugin.options.audience, built.now, built.settings, cache, built.plan
        )
        remake = dependents(built.plan, plan)
        if remake is None:
            raise FullBuild("the edit changes which pages and files the site has")
        adopt(plugin, site, plan)
        pages = populate_pages(built, [d for d in remake if d.item.page is not None])
        write_files(built, [d for d in remake if d.item.page is None])
        reordered = in_plan_order(built.files, built.plan, plan)
        build_pages(built, pages)
        if reordered:  # the sitemap lists the pages in the files' order
            for template in config_templates(built.config):
                _build_theme_template(template, built.env, built.files, built.config, built.nav)
    finally:
        cache.close()
    built.site, built.plan = site, plan


def adopt(plugin: StatusgenPlugin, site: StatusSite, plan: PublicationPlan) -> None:
    """The plugin's pages and plans are those of the edited site (`on_files` sets them)."""
    plugin.site, plugin.plan, plugin.descriptions = site, plan, {}
    plugin.language_plans = {part.language: part for part in plan.in_every_language()}
    plugin.pages = {item.src: item.page for item in plan if item.page is not None}


def _plugin(config: MkDocsConfig) -> StatusgenPlugin:
    plugin: Any = config.plugins["statusgen"]
    return typing.cast(StatusgenPlugin, plugin)


def in_plan_order(files: Files, old: PublicationPlan, new: PublicationPlan) -> bool:
    """Put statusgen's pages in the new plan's order (as `on_files` adds them, after every
    hand-written page) when an edit moved an incident past another; whether it did."""
    order = [item.src for item in new]
    if [item.src for item in old] == order:
        return False
    ours = [
        file
        for file in map(files.get_file_from_path, order)
        if file is not None and file.generated_by and file.is_documentation_page()
    ]
    for file in ours:
        files.remove(file)
    for file in ours:
        files.append(file)
    return True


def config_templates(config: MkDocsConfig) -> list[str]:
    """The theme's own templates a build writes (the sitemap, the 404 page)."""
    return list(config.theme.static_templates)


def write_files(built: Built, remake: list[Dependent]) -> None:
    """Write the files whose bytes changed."""
    for dependent in remake:
        file = built.files.get_file_from_path(dependent.item.src)
        if file is None:
            continue
        content = dependent.item.make()
        data = content.encode("utf-8") if isinstance(content, str) else content
        target = Path(file.abs_dest_path)
        try:
            if target.read_bytes() == data:
                continue
        except OSError:
            pass
        write_file(data, file.abs_dest_path)


def populate_pages(built: Built, remake: list[Dependent]) -> list[Page]:
    """The pages to build again (the remade, and every hand-written page: its markers), read
    and rendered with MkDocs' own steps (every plugin's page events); FullBuild when the
    title of a page in the navigation changed (every page shows it)."""
    config, files = built.config, built.files
    wanted = {dependent.item.src for dependent in remake}
    pages = [
        file.page
        for file in files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        if file.page is not None and (file.src_uri in wanted or not _generated(file))
    ]
    navs = [built.nav, *_plugin(config).navs.values()]
    titles = {id(page): page.title for nav in navs for page in nav.pages}
    for page in pages:
        _populate_page(page, config, files)
        if titles.get(id(page), page.title) != page.title:
            raise FullBuild(f"the title of {page.file.src_uri} in the navigation changed")
    return pages


def build_pages(built: Built, pages: list[Page]) -> None:
    """Build the pages with MkDocs' own steps, then the search index with their entries."""
    config = built.config
    doc_files = built.files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
    search = _search_index(config)
    old_entries = list(search.entries) if search is not None else []
    if search is not None:
        search.entries = []
    for page in pages:
        _build_page(page, config, doc_files, built.nav, built.env)
    if search is not None:
        rebuilt = {page.url for page in pages}
        search.entries = merged_entries(old_entries, search.entries, doc_files, rebuilt)
        config.plugins["search" if "search" in config.plugins else "material/search"].on_post_build(
            config=config
        )


def _generated(file: File) -> bool:
    """A page or file statusgen generated (every other page is made again: its markers)."""
    return bool(file.generated_by)


def _search_index(config: MkDocsConfig) -> Any:
    for name in ("search", "material/search"):
        plugin = config.plugins.get(name)
        if plugin is not None and getattr(plugin, "config", {}).get("enabled", True):
            return getattr(plugin, "search_index", None)
    return None


def merged_entries(
    old: list[dict[str, Any]],
    new: list[dict[str, Any]],
    doc_files: Iterable[File],
    rebuilt: set[str],
) -> list[dict[str, Any]]:
    """The search index's entries in the order a full build adds them (page by page), each
    rebuilt page's from `new`, every other page's from `old` (a page's entries are those at
    its URL or its anchors)."""

    def by_page(entries: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
        grouped: dict[str, list[dict[str, Any]]] = {}
        for entry in entries:
            grouped.setdefault(str(entry["location"]).split("#", 1)[0], []).append(entry)
        return grouped

    before, after = by_page(old), by_page(new)
    merged: list[dict[str, Any]] = []
    for file in doc_files:
        page = file.page
        if page is None:
            continue
        merged.extend((after if page.url in rebuilt else before).get(page.url, []))
    return merged
