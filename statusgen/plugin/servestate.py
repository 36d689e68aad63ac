"""What a build leaves for `mkdocs serve`'s incremental path (`plugin/incremental.py`), kept
apart from it: every build records it, while only `mkdocs serve` loads the incremental path
(with MkDocs' web server and file watcher, which a build never needs)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

from statusgen.content import SiteLayout
from statusgen.model import StatusSite
from statusgen.options import Options
from statusgen.render.pages import GeneratedPage
from statusgen.render.plan import PublicationPlan, SiteSettings


class Served(Protocol):
    """A preview serving a site: it takes what each full build left."""

    built: Built | None


#: The preview of each `mkdocs serve`, by its mkdocs.yml: MkDocs makes a new plugin for every
#: full build, each of which hands what it built to the preview here.
PREVIEWS: dict[str, Served] = {}


class StatusgenPlugin(Protocol):
    """What the incremental path reads and sets of the plugin (`plugin/events.py`)."""

    options: Options
    site: StatusSite | None
    now: datetime | None
    plan: PublicationPlan | None
    settings: SiteSettings | None
    pages: dict[str, GeneratedPage]
    descriptions: dict[str, str]
    language_plans: dict[str, PublicationPlan]
    navs: dict[str, Navigation]

    def layout(self, config: MkDocsConfig) -> SiteLayout: ...


@dataclass
class Built:
    """What the last full build left that a rebuild of some pages needs."""

    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: jinja2.Environment
    layout: SiteLayout
    settings: SiteSettings
    now: datetime
    site: StatusSite
    plan: PublicationPlan


class Recorder:
    """What one build's events saw, kept by the plugin (references only: no copies)."""

    def __init__(self) -> None:
        self.nav: Navigation | None = None
        self.env: tuple[jinja2.Environment, Files] | None = None
        self.built: Built | None = None

    def finished(self, config: MkDocsConfig, plugin: StatusgenPlugin) -> None:
        """The build ended: keep what it left, and hand it to the preview serving it."""
        self.built = self.left(config, plugin)
        self.nav = self.env = None
        preview = PREVIEWS.get(config.config_file_path)
        if preview is not None:
            preview.built = self.built

    def left(self, config: MkDocsConfig, plugin: StatusgenPlugin) -> Built | None:
        """What the build left, if it went through every step."""
        nav, env, settings = self.nav, self.env, plugin.settings
        site, plan, now = plugin.site, plugin.plan, plugin.now
        if nav is None or env is None or settings is None:
            return None
        if site is None or plan is None or now is None:
            return None
        layout = plugin.layout(config)
        return Built(config, env[1], nav, env[0], layout, settings, now, site, plan)
