"""The `statusgen` MkDocs plugin: wires MkDocs' build events to the domain.

It loads and validates the content (stopping the build on any problem), derives the build's
snapshot once, adds the generated pages and files, hands each generated page its body, and
announces the feeds in every page's head.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import get_build_datetime

from statusgen.clock import load_zone
from statusgen.content import SiteLayout, check_site
from statusgen.derive.audience import for_audience
from statusgen.derive.snapshot import build_snapshot
from statusgen.model import StatusSite
from statusgen.options import Options
from statusgen.plugin.config import StatusgenConfig
from statusgen.problems import format_problems
from statusgen.render import urls
from statusgen.render.locale import TimeFormatter, Translator
from statusgen.render.markup import MarkdownRenderer
from statusgen.render.outputs import PublishSettings, build_outputs
from statusgen.render.pages import (
    Contact,
    GeneratedPage,
    PageRenderer,
    feed_links,
    generated_pages,
    into_head,
)

log = get_plugin_logger(__name__)
#: Stands in for `site_url` until it is set (a warning, which fails `--strict` builds).
NO_SITE_URL = "https://example.invalid/"


class StatusgenPlugin(BasePlugin[StatusgenConfig]):
    """Generates the status site's pages, feeds and data files from components and incidents."""

    def __init__(self) -> None:
        self.options = Options()
        self.site: StatusSite | None = None
        self.now: datetime | None = None
        self.renderer: PageRenderer | None = None
        self.pages: dict[str, GeneratedPage] = {}

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Load and validate the content; any problem stops the build with `path:line` errors."""
        if not self.config.enabled:
            return config
        self.options = self.config.options()
        self.now = get_build_datetime()
        site, problems = check_site(self.layout(config), self.now)
        if problems:
            raise PluginError("statusgen: invalid content\n" + format_problems(problems))
        self.site = for_audience(site, self.options.audience)
        config.extra_css.append(urls.asset("statusgen.css"))
        config.extra_javascript.append(urls.asset("statusgen.js"))
        return config

    def layout(self, config: MkDocsConfig) -> SiteLayout:
        """Where the content lives: next to mkdocs.yml."""
        return SiteLayout.of(Path(config.config_file_path).parent, self.options)

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
        snapshot = build_snapshot(self.site, self.now, self.options.history_days)
        pages = generated_pages(snapshot, t)
        added: dict[str, File] = {}
        for page in pages:
            # The source stays empty (no front matter for MkDocs to parse per page); the page's
            # metadata is set in on_page_markdown and its body in on_page_content.
            inclusion = InclusionLevel.INCLUDED if page.kind.in_nav else InclusionLevel.NOT_IN_NAV
            added[page.src] = self.add(files, config, page.src, "", inclusion)
        site_urls = urls.SiteUrls(page_urls(config, added), self.base_url(config))
        markdown = MarkdownRenderer(config.markdown_extensions, config.mdx_configs)
        self.pages = {page.src: page for page in pages}
        self.renderer = PageRenderer(
            snapshot,
            t,
            TimeFormatter(load_zone(self.options.timezone), t),
            site_urls,
            markdown,
            Contact.of(self.options.contact, t),
            config.theme.custom_dir,
        )
        settings = PublishSettings(config.site_name, self.options, site_urls, t, markdown)
        for path, content in build_outputs(snapshot, settings).items():
            self.add(files, config, path, content)
        for name in urls.ASSETS:
            source = resources.files("statusgen.render") / "assets" / name
            files.append(File.generated(config, urls.asset(name), abs_src_path=str(source)))
        return files

    @staticmethod
    def base_url(config: MkDocsConfig) -> str:
        """The site's absolute URL for feeds, calendar and API."""
        if not config.site_url:
            log.warning(
                "site_url is not set in mkdocs.yml; feeds, the calendar and the API need "
                f"absolute links, so they link to {NO_SITE_URL} until it is set"
            )
            return NO_SITE_URL
        return config.site_url.rstrip("/") + "/"

    @staticmethod
    def add(
        files: Files,
        config: MkDocsConfig,
        src: str,
        content: str | bytes,
        inclusion: InclusionLevel = InclusionLevel.UNDEFINED,
    ) -> File:
        """Add a generated file; a hand-written file at the same place is an error, not replaced."""
        if files.get_file_from_path(src) is not None:
            raise PluginError(
                f"statusgen: docs/{src} would be replaced by the generated page at that place; "
                "rename or remove it"
            )
        file = File.generated(config, src, content=content, inclusion=inclusion)
        files.append(file)
        return file

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """A generated page gets its title and layout from the table, not from front matter."""
        generated = self.pages.get(page.file.src_uri)
        if generated is not None:
            page.meta = generated.meta
        return markdown

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """A generated page's body is rendered from the snapshot, not from Markdown."""
        generated = self.pages.get(page.file.src_uri)
        if generated is None or self.renderer is None:
            return html
        return self.renderer.render(generated)

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """Announce the feeds in every page's head. Done here, not in a template, so that a
        site's own `main.html` override keeps them."""
        if not self.config.enabled or self.site is None:
            return output
        generated = self.pages.get(page.file.src_uri)
        own = (generated.title, generated.feed) if generated and generated.feed else None
        links = feed_links(config.site_name, lambda path: urls.relative(path, page.url), own)
        return into_head(output, links)

    def on_post_template(
        self, output_content: str, /, *, template_name: str, config: MkDocsConfig
    ) -> str | None:
        """The 404 page too: it is served at any depth, so its links start at the site's root."""
        if not self.config.enabled or self.site is None or template_name != "404.html":
            return output_content
        root = urlsplit(config.site_url or "/").path.rstrip("/") + "/"
        return into_head(output_content, feed_links(config.site_name, lambda path: root + path))


def page_urls(config: MkDocsConfig, added: dict[str, File]) -> Any:
    """A page's site-relative URL as MkDocs gives it (its `File.url`, which follows
    `use_directory_urls`); for a path no file has (a URL pattern), MkDocs' answer too."""

    @cache
    def url(src: str) -> str:
        file = added.get(src) or File(src, None, config.site_dir, config.use_directory_urls)
        return str(file.url)

    return url
