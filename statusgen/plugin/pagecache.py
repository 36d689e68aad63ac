"""Generated pages copied from the last build when nothing they read changed (issue 22).

Most of a warm build's time is MkDocs and Material making each page: statusgen's body, the
theme around it, the head's links, the search index's entries. A page that reads only
incidents' views (an incident's page, a year's or a month's page in the archive) is, for the
same views and the same everything else, the same page: it is kept finished
(`render/finished.py`) and, in a later build, copied with MkDocs' steps for it skipped: no body
(`fill_body`), no theme (`plugin/shells.PageShells`' `finished`), no head links
(`on_post_page`), and its search entries spliced in where the search plugin would add them.

A page reading across incidents (a component's page and report, the history, the site's
report) is kept the same way while the clock changes nothing it derives
(`render/pagereads.py`); the overview, which says when the build ran, never is.

**Key** of a page: its views' key as the check's verdicts have it (`render/verdicts.Verdicts
.key`: the views field by field, the build's settings, the build's time where an incident is
not over, statusgen's source; `render/pagereads.across_key` for a page reading across
incidents), and what the theme and the head read besides: mkdocs.yml (with
the environment variables it names), the theme and its settings, the versions of MkDocs and
the theme, every navigation (titles and links), the plugins' settings, the page's links
(address, canonical, previous and next), its language and its versions in the others, how
many incidents the header's search covers. The build's time itself is put in when the page is
written (`finished.stamped`).

**Off** (every page made): `STATUSGEN_CACHE=off`; a theme template of the site's own, a plugin
or hook other than statusgen and search, or anything else reading page contexts (as page
shells decide: `plugin/shells.wanted`); a site that overrides statusgen's templates; an
`INHERIT` in mkdocs.yml; a search plugin whose index this does not know.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
from collections.abc import Callable, Iterator
from datetime import datetime
from importlib import metadata
from pathlib import Path
from typing import Any, Protocol

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from statusgen.clock import iso_utc
from statusgen.model import StatusSite
from statusgen.options import Options
from statusgen.plugin.languages import LanguagePages
from statusgen.plugin.shells import PageShells as PageShells  # the plugin's, from here
from statusgen.plugin.shells import install, wanted
from statusgen.render.finished import Finished, FinishedPages, stamped, unstamped
from statusgen.render.jinjacache import keep_compiled
from statusgen.render.keptfiles import KeptFiles, stamped_file, unstamped_file
from statusgen.render.outputs import Maker
from statusgen.render.pagereads import across_key, build_world, file_key
from statusgen.render.pages import GeneratedPage
from statusgen.render.plan import PublicationPlan, plan_settings
from statusgen.render.verdicts import FINGERPRINT, Verdicts

log = logging.getLogger("mkdocs.plugins.statusgen")

#: The plugins whose page steps are known here (MkDocs' names).
KNOWN_PLUGINS = frozenset({"statusgen", "search", "material/search"})
_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class Plugin(Protocol):
    """What the page cache reads of the plugin (`plugin/events.py`)."""

    site: StatusSite | None
    now: datetime | None
    options: Options
    pages: dict[str, GeneratedPage]
    languages: LanguagePages | None
    navs: dict[str, Navigation]
    plan: PublicationPlan | None
    internal_notice: str | None

    def plan_of(self, page: Page) -> PublicationPlan | None: ...


def page_steps(
    env: jinja2.Environment, config: MkDocsConfig, plugin: Plugin, nav: Navigation | None
) -> tuple[PageShells | None, PageCache | None]:
    """The build's page shells (`plugin/shells.py`), installed in `env`, and its finished pages;
    None where either is off (a plugin turned off has no site). Material's templates are kept
    compiled wherever the plugin is on (`render/jinjacache.py`)."""
    if plugin.site is not None:
        keep_compiled(env)
    if plugin.site is None or plugin.now is None or not wanted(config):
        return None, None
    cache = PageCache.start(config, plugin, nav, plugin.now)
    copied = cache.theme_output if cache is not None else None
    shells = PageShells(lambda page: page.file.src_uri in plugin.pages, copied)
    install(env, shells)
    return shells, cache


class PageCache:
    """The finished pages of one build: which are copied, which are kept for the next."""

    def __init__(
        self,
        store: FinishedPages,
        plugin: Plugin,
        config: MkDocsConfig,
        index: Any,
        nav: Navigation,
        now: datetime,
    ) -> None:
        self.store = store
        self.plugin = plugin
        #: The build's time as `data-built` writes it.
        self.built = iso_utc(now)
        self.site = _site_fingerprint(config, plugin, nav)
        self.keys = Verdicts.keys_only()
        #: Each language's plan's settings (`plan_settings`), worked out once.
        self.settings: dict[str, str] = {}
        #: Each language's plan's digests of its incidents' views (`file_key`).
        self.digests: dict[str, dict[str, str | None]] = {}
        root = Path(config.config_file_path).parent
        site = plugin.site
        self.world = build_world(site, plugin.options, root, now) if site is not None else None
        self.directory_urls = bool(config.use_directory_urls)
        #: The pages copied in this build, by source path, until written.
        self.copies: dict[str, Finished] = {}
        #: The pages made in this build that are kept: their keys, then their search entries.
        self.making: dict[str, str] = {}
        self.searched: dict[str, list[dict[str, Any]]] = {}
        _splice_search(index, self)
        #: The generated files kept (`render/keptfiles.py`).
        self.files = KeptFiles.for_site(root)

    @classmethod
    def start(
        cls, config: MkDocsConfig, plugin: Plugin, nav: Navigation | None, now: datetime
    ) -> PageCache | None:
        """The page cache of this build, or None when it is off (the module's text)."""
        if nav is None or plugin.plan is None or not wanted(config):
            return None
        if any(name not in KNOWN_PLUGINS for name in config.plugins):
            return None
        if any(part.overridden for part in plugin.plan.in_every_language()):
            return None
        try:
            text = Path(config.config_file_path).read_text(encoding="utf-8")
        except (OSError, ValueError):
            return None
        if "INHERIT" in text:
            return None
        index = _search_index(config)
        if index is False:
            return None
        store = FinishedPages.for_site(Path(config.config_file_path).parent)
        if store is None:
            return None
        return cls(store, plugin, config, index, nav, now)

    def key(self, page: Page) -> str | None:
        """The key of a generated page (the module's text); None for one never kept."""
        generated = self.plugin.pages.get(page.file.src_uri)
        plan = self.plugin.plan_of(page)
        if generated is None or plan is None:
            return None
        settings = self.plan_settings(plan)
        views = self.keys.key(settings, page.file.src_uri, generated, plan.snapshot)
        if views is None:  # a page reading across incidents (`render/pagereads.py`)
            views = across_key(
                self.keys, settings, page.file.src_uri, generated, plan, self.world, self.built
            )
        if views is None:
            return None
        languages = self.plugin.languages
        links = [
            page.url,
            str(page.canonical_url),
            str(page.abs_url),
            *(other.url if other else "" for other in (page.previous_page, page.next_page)),
            plan.language,
            str(len(plan.snapshot.incidents)),
            repr(languages.alternates(page)) if languages is not None else "",
            languages.x_default(page) if languages is not None else "",
        ]
        return hashlib.sha256("\0".join([self.site, views, *links]).encode()).hexdigest()

    def plan_settings(self, plan: PublicationPlan) -> str:
        """`plan_settings` of a language's plan, worked out once."""
        settings = self.settings.get(plan.language)
        if settings is None:
            settings = self.settings[plan.language] = plan_settings(plan, self.directory_urls)
        return settings

    def made(self, src: str, plan: PublicationPlan, make: Maker) -> str | bytes:
        """A generated file's content (not a page's): copied from the cache, with the build's
        time put in, when nothing it reads changed (`render/pagereads.file_key`), else made
        and kept for the next build."""
        key = None
        if self.files is not None:
            settings = self.plan_settings(plan)
            digests = self.digests.setdefault(plan.language, {})
            key = file_key(self.keys, settings, src, plan, self.world, digests)
        if key is None or self.files is None:
            return make()
        key = hashlib.sha256(f"{self.site}\0{key}".encode()).hexdigest()
        found = self.files.get(key)
        if found is not None:
            return stamped_file(found, self.built)
        content = make()
        kept = unstamped_file(src, content, self.built)
        if kept is not None:
            self.files.put(key, kept)
        return content

    def begin(self, page: Page) -> bool:
        """Before a generated page is made: True when it is copied from the cache (its body,
        theme and head are not made), else it is kept once made."""
        key = self.key(page)
        if key is None:
            return False
        found = self.store.get(key)
        if found is None:
            self.making[page.file.src_uri] = key
            return False
        self.copies[page.file.src_uri] = found
        return True

    def theme_output(self, page: Page) -> str | None:
        """What the theme renders for a copied page: the finished page (its head included)."""
        found = self.copies.get(page.file.src_uri)
        return found.html if found is not None else None

    def copied(self, page: Page, output: str, config: MkDocsConfig) -> str | None:
        """A copied page as written, with the build's time put in (the theme's language put
        back, its body let go, as for a page made); None for a page made."""
        if self.copies.pop(page.file.src_uri, None) is None:
            return None
        if self.plugin.languages is not None:
            self.plugin.languages.leave(config)
        page.content = None
        return stamped(output, self.built)

    @staticmethod
    def kept(cache: PageCache | None, page: Page, output: str) -> str:
        """A page made, as written: kept for the next build when its key is known."""
        return cache.keep(page, output) if cache is not None else output

    def keep(self, page: Page, output: str) -> str:
        """`kept`, with the cache on."""
        src = page.file.src_uri
        key = self.making.pop(src, None)
        searched = self.searched.pop(page.url, [])
        if key is not None:
            self.store.put(key, Finished(unstamped(output, self.built), searched))
        return output

    def close(self) -> None:
        """The build ended: keep the cache under its cap."""
        log.debug(f"finished pages: {self.store.hits} copied, {self.store.kept} kept")
        self.store.close()
        if self.files is not None:
            log.debug(f"generated files: {self.files.hits} copied, {self.files.kept} kept")
            self.files.close()


def kept_maker(
    cache: Callable[[], PageCache | None], src: str, plan: PublicationPlan | None, make: Maker
) -> Maker:
    """What makes a generated file in a build: `PageCache.made` of the build's page cache
    (`cache()`, known once MkDocs' environment is: before any file is written), else `make`."""

    def made() -> str | bytes:
        found = cache()
        return make() if found is None or plan is None else found.made(src, plan, make)

    return made


def _splice_search(index: Any, cache: PageCache) -> None:
    """The search index's `add_entry_from_context` of this build: a copied page's kept entries
    added as they were, a made page's entries recorded for its entry."""
    if index is None:
        return
    entries: list[dict[str, Any]] = _entries(index)
    add: Callable[[Page], None] = index.add_entry_from_context

    def add_entry_from_context(page: Page) -> None:
        found = cache.copies.get(page.file.src_uri)
        if found is not None:
            entries.extend(json.loads(json.dumps(found.search)))
            return
        start = len(entries)
        add(page)
        if page.file.src_uri in cache.making:
            cache.searched[page.url] = json.loads(json.dumps(entries[start:]))

    index.add_entry_from_context = add_entry_from_context


def _entries(index: Any) -> list[dict[str, Any]]:
    found = getattr(index, "entries", None)
    if not isinstance(found, list):
        found = getattr(index, "_entries", None)
    if not isinstance(found, list):
        raise TypeError("unknown search index")
    return found


def _search_index(config: MkDocsConfig) -> Any:
    """The search plugin's index (None: no search); False for an index not known here."""
    for name in ("search", "material/search"):
        plugin = config.plugins.get(name)
        if plugin is None or not getattr(plugin, "config", {}).get("enabled", True):
            continue
        index = getattr(plugin, "search_index", None)
        if index is None or not callable(getattr(index, "add_entry_from_context", None)):
            return False
        try:
            _entries(index)
        except TypeError:
            return False
        return index
    return None


def _site_fingerprint(config: MkDocsConfig, plugin: Plugin, nav: Navigation) -> str:
    """What every page's theme and head read besides the page (the module's text)."""
    digest = hashlib.sha256(FINGERPRINT.encode())
    text = Path(config.config_file_path).read_bytes()
    digest.update(text)
    names = sorted(set(_ENV_NAME.findall(text.decode("utf-8", "replace"))))
    digest.update(repr([(name, os.environ.get(name)) for name in names]).encode())
    versions = [metadata.version("mkdocs")]
    theme = config.theme
    for package in ("mkdocs-material",) if theme.name == "material" else ():
        versions.append(metadata.version(package))
    digest.update(repr(versions).encode())
    digest.update(repr((theme.name, sorted(theme.items()), list(theme.dirs))).encode())
    site = (config.site_name, config.site_url, config.site_description, config.copyright)
    digest.update(repr((site, config.extra_css, config.extra_javascript)).encode())
    digest.update(json.dumps(dict(config.extra), sort_keys=True, default=repr).encode())
    digest.update(repr(plugin.internal_notice).encode())
    for name, each in config.plugins.items():
        digest.update(repr((name, sorted(each.config.items()))).encode())
    for each in (nav, *plugin.navs.values()):
        digest.update(repr(list(_nav_items(each.items))).encode())
    return digest.hexdigest()


def _nav_items(items: list[Any], depth: int = 0) -> Iterator[tuple[Any, ...]]:
    """Each item of a navigation as the theme shows it: its depth, kind, title and link."""
    for item in items:
        yield depth, type(item).__name__, str(item.title), str(getattr(item, "url", ""))
        if isinstance(item, Section):
            yield from _nav_items(item.children, depth + 1)
