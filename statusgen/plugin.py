"""The `statusgen` MkDocs plugin: wires MkDocs' build events to the domain modules.

It loads and validates the content (stopping the build on any problem), derives the views
once, adds generated pages and files, and hands each generated page its rendered body.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from functools import partial
from importlib import resources
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import get_build_datetime

from statusgen.audience import for_audience
from statusgen.i18n import Translator
from statusgen.load import SiteLayout, check_site
from statusgen.markup import MarkdownRenderer
from statusgen.model import StatusSite
from statusgen.outputs import PublishSettings, build_outputs, component_feed
from statusgen.pages import (
    HISTORY_SRC,
    OVERVIEW_SRC,
    Contact,
    PageRenderer,
    Urls,
    component_src,
    history_year_src,
    incident_src,
    page_meta,
)
from statusgen.problems import format_problems
from statusgen.timefmt import TimeFormatter, TimeZoneError, load_zone
from statusgen.views import build_site_view

log = get_plugin_logger(__name__)

ASSETS = ("statusgen.css", "statusgen.js")
ASSETS_DIR = "assets/statusgen"


class ContactConfig(base.Config):
    """The contact line shown on the overview and every incident page."""

    url = c.Optional(c.Type(str))
    """A URL or e-mail address readers can use to ask questions; no line without it."""
    text = c.Type(str, default="")
    """The link's text (default: "Questions? Contact us", in the site's language)."""


class StatusgenConfig(base.Config):
    """The plugin's options in mkdocs.yml, under `plugins: - statusgen:`."""

    enabled = c.Type(bool, default=True)
    """Set to false to build the site without statusgen."""
    components_file = c.Type(str, default="components.yml")
    """The components file, relative to mkdocs.yml."""
    incidents_dir = c.Type(str, default="incidents")
    """The folder of incident files, relative to mkdocs.yml."""
    audience = c.Choice(("public", "internal"), default="public")
    """`public` leaves out everything marked `audience: internal`; `internal` shows it all."""
    history_days = c.Type(int, default=90)
    """How many daily uptime bars the overview and component pages show."""
    timezone = c.Type(str, default="UTC")
    """The IANA time zone pages show times in without JavaScript (readers' browsers use theirs)."""
    feed_entries = c.Type(int, default=50)
    """How many updates each feed holds, newest first."""
    contact = c.SubConfig(ContactConfig)
    """Where readers can ask: `{url: ..., text: ...}`."""


class StatusgenPlugin(BasePlugin[StatusgenConfig]):
    """Generates the status site's pages, feeds and data files from components and incidents."""

    def __init__(self) -> None:
        self.site: StatusSite | None = None
        self.now: datetime | None = None
        self.renderer: PageRenderer | None = None
        self.bodies: dict[str, Callable[[], str]] = {}
        self.metas: dict[str, dict[str, Any]] = {}

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Load and validate the content; any problem stops the build with `path:line` errors."""
        if not self.config.enabled:
            return config
        if self.config.history_days < 1 or self.config.feed_entries < 1:
            raise PluginError("statusgen: history_days and feed_entries must be at least 1")
        contact_url = self.config.contact.url
        if contact_url and not re.match(
            r"^(https?://|mailto:)\S+$|^[^@\s:/]+@[^@\s/]+$", contact_url
        ):
            raise PluginError(
                f"statusgen: contact url {contact_url!r}; "
                "expected an http(s) URL or an e-mail address"
            )
        self.now = get_build_datetime()
        site, problems = check_site(self.layout(config), self.now)
        if problems:
            raise PluginError("statusgen: invalid content\n" + format_problems(problems))
        self.site = for_audience(site, self.config.audience)
        try:
            self.zone = load_zone(self.config.timezone)
        except TimeZoneError as error:
            raise PluginError(f"statusgen: timezone: {error}") from None
        # After a user's custom_dir (which may override us) and before the theme's own folder.
        theme_dirs = config.theme.dirs
        position = 1 if config.theme.custom_dir else 0
        theme_dirs.insert(position, str(resources.files("statusgen") / "templates" / "theme"))
        for asset in ASSETS:
            target = config.extra_css if asset.endswith(".css") else config.extra_javascript
            target.append(f"{ASSETS_DIR}/{asset}")
        return config

    def layout(self, config: MkDocsConfig) -> SiteLayout:
        """Where the content lives: next to mkdocs.yml."""
        root = Path(config.config_file_path).parent
        return SiteLayout(root, self.config.components_file, self.config.incidents_dir)

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer | None:
        """Rebuild when content changes under `mkdocs serve`."""
        if self.config.enabled:
            layout = self.layout(config)
            server.watch(str(layout.root / layout.components_file))
            server.watch(str(layout.root / layout.incidents_dir))
        return server

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        """Derive everything once, then add the generated pages and data files."""
        if not self.config.enabled or self.site is None or self.now is None:
            return files
        t = Translator(str(config.theme.get("language") or "en"))
        markdown = MarkdownRenderer(config.markdown_extensions, config.mdx_configs)
        view = build_site_view(self.site, self.now, markdown, self.config.history_days)
        contact = None
        if self.config.contact.url:
            contact = Contact(
                self.config.contact.text or t("contact.default"), self.config.contact.url
            )
        renderer = PageRenderer(
            view, t, TimeFormatter(self.zone, t), Urls(config.use_directory_urls), contact
        )
        self.renderer = renderer
        self.bodies = {}
        self.metas = {}

        def page(
            src: str,
            title: str,
            body: Callable[[], str],
            inclusion: InclusionLevel,
            meta: dict[str, Any] | None = None,
        ) -> None:
            # The source stays empty (no front matter for MkDocs to parse per page); the page's
            # metadata is set in on_page_markdown.
            self.add(files, config, src, "", inclusion)
            self.bodies[src] = body
            self.metas[src] = page_meta(title, meta)

        listed, hidden = InclusionLevel.INCLUDED, InclusionLevel.NOT_IN_NAV
        # Listing pages stay out of the search index: incident pages hold the words readers
        # search for, and indexing thousands of bars and rows would slow every build.
        listing = {"search": {"exclude": True}}
        page(OVERVIEW_SRC, t("overview.title"), renderer.overview, listed, listing)
        page(HISTORY_SRC, t("history.title"), renderer.history, listed, listing)
        for year in view.years:
            page(
                history_year_src(year),
                t("history.year_title", year=year),
                partial(renderer.history_year, year),
                hidden,
                listing,
            )
        for item in view.incidents:
            page(
                incident_src(item.id),
                item.incident.title,
                partial(renderer.incident, item),
                hidden,
            )
        for component_id, component in view.components.items():
            page(
                component_src(component_id),
                component.component.name,
                partial(renderer.component, component_id),
                hidden,
                {"statusgen_feed": component_feed(component_id), **listing},
            )
        settings = PublishSettings(
            site_name=config.site_name,
            base_url=self.base_url(config),
            time_zone=self.config.timezone,
            feed_entries=self.config.feed_entries,
            urls=renderer.urls,
            t=t,
        )
        for path, content in build_outputs(view, settings).items():
            self.add(files, config, path, content)
        for asset in ASSETS:
            source = resources.files("statusgen") / "assets" / asset
            files.append(File.generated(config, f"{ASSETS_DIR}/{asset}", abs_src_path=str(source)))
        return files

    @staticmethod
    def base_url(config: MkDocsConfig) -> str:
        """The site's absolute URL for feeds, calendar and API.

        Without `site_url` it warns, which fails `--strict` builds."""
        if not config.site_url:
            log.warning(
                "site_url is not set in mkdocs.yml; feeds, the calendar and the API need "
                "absolute links, so they link to https://example.invalid/ until it is set"
            )
            return "https://example.invalid/"
        return config.site_url.rstrip("/") + "/"

    @staticmethod
    def add(
        files: Files,
        config: MkDocsConfig,
        src: str,
        content: str | bytes,
        inclusion: InclusionLevel = InclusionLevel.UNDEFINED,
    ) -> None:
        """Add a generated file; a hand-written file at the same place is an error, not replaced."""
        existing = files.get_file_from_path(src)
        if existing is not None:
            raise PluginError(
                f"statusgen: docs/{src} would be replaced by the generated page at that place; "
                "rename or remove it"
            )
        files.append(File.generated(config, src, content=content, inclusion=inclusion))

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """A generated page gets its title and layout from its view, not from front matter."""
        meta = self.metas.get(page.file.src_uri)
        if meta is not None:
            page.meta = dict(meta)
        return markdown

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """A generated page's body is rendered from the views, not from Markdown."""
        body = self.bodies.get(page.file.src_uri)
        return body() if body is not None else html
