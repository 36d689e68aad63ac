"""The `statusgen` MkDocs plugin: wires MkDocs' build events to the domain. It loads, checks
and pre-renders the content (any problem stops the build), derives the snapshot once, adds the
generated pages and files, hands each page its body, and puts the feed links in every head."""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_build_datetime
from mkdocs.utils.templates import TemplateContext

from statusgen.content import SiteLayout, check_site
from statusgen.content.probehistory import HistoryError, ProbeHistory, load_history
from statusgen.model import Audience, StatusSite
from statusgen.options import Options, languages_problem, site_languages
from statusgen.plugin.bodies import bodies_read_elsewhere
from statusgen.plugin.config import PluginConfig, StatusgenConfig
from statusgen.plugin.heap import FrozenHeap
from statusgen.plugin.languages import (
    LanguagePages,
    hand_written,
    language_nav,
    own_hreflang_links,
)
from statusgen.plugin.latebodies import LateBodies, fill_late
from statusgen.plugin.madefiles import MadeFile
from statusgen.plugin.pagecache import PageCache, PageShells, kept_maker, page_steps
from statusgen.plugin.paths import (
    SiteFiles,
    check_setup,
    page_urls,
    refuse_excluded,
    site_base_url,
)
from statusgen.plugin.readypage import skip_markdown
from statusgen.plugin.servestate import Recorder
from statusgen.problems import format_problems
from statusgen.render import urls
from statusgen.render.head import feed_links, finish_page
from statusgen.render.locale import Translator
from statusgen.render.markers import fill_markers
from statusgen.render.outputs import Maker
from statusgen.render.pages import GeneratedPage
from statusgen.render.plan import PublicationPlan, SiteSettings, plan_site, site_name_problem
from statusgen.render.preflight import BUILD_RENDER_SECONDS, check_rendering
from statusgen.render.previews import description, preview_tags
from statusgen.render.rendercache import RenderCache
from statusgen.render.searchscope import page_search_scope

if TYPE_CHECKING:  # only `mkdocs serve` loads it (a web server and watchdog: 3 MB a build)
    from mkdocs.livereload import LiveReloadServer

log = logging.getLogger("mkdocs.plugins.statusgen")


class StatusgenPlugin(BasePlugin[PluginConfig]):
    """Generates the status site's pages, feeds and data files from components and incidents."""

    config_class = StatusgenConfig  # every option of statusgen.options, generated

    def __init__(self) -> None:
        self.options = Options()
        self.site: StatusSite | None = None
        self.now: datetime | None = None
        self.plan: PublicationPlan | None = None
        self.site_name = ""
        self.probes: ProbeHistory | None = None
        self.pages: dict[str, GeneratedPage] = {}
        #: Generated pages' descriptions, by source path, for their head and their previews.
        self.descriptions: dict[str, str] = {}
        self.taken: SiteFiles | None = None
        self.t = Translator("en")
        self.internal_notice: str | None = None
        self.cache: RenderCache | None = None
        #: The plan of each language (the site's own language only, on a site in one).
        self.language_plans: dict[str, PublicationPlan] = {}
        #: The site's languages and each page's versions; None: a site in one language.
        self.languages: LanguagePages | None = None
        #: The navigation of each language but the default (`plugin/languages.language_nav`).
        self.navs: dict[str, Navigation] = {}
        #: The page shells of the build (`plugin/shells.py`); None: every page rendered fully.
        self.shells: PageShells | None = None
        #: Whether another plugin may read generated pages' bodies (`plugin/bodies.py`).
        self.hold_bodies = True
        #: What the build's events saw, for `mkdocs serve`'s incremental path.
        self.recorder = Recorder()
        self.settings: SiteSettings | None = None
        self.page_cache: PageCache | None = None  # finished pages (`plugin/pagecache.py`)
        self.heap, self.late = FrozenHeap(), LateBodies()  # `plugin/heap.py`, `latebodies.py`

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Load and validate the content; any problem stops the build with `path:line` errors."""
        if not self.config.enabled:
            return config
        self.options = self.config.options()
        if (wrong := site_name_problem(config.site_name)) is not None:
            raise PluginError(f"statusgen: {config.config_file_path}: {wrong}")
        theme_language = str(config.theme.get("language") or "en")
        if (wrong := languages_problem(self.options, theme_language)) is not None:
            raise PluginError(f"statusgen: {config.config_file_path}: {wrong}")
        layout = self.layout(config)
        check_setup(config, layout)
        self.now = get_build_datetime()
        site, problems = check_site(layout, self.now)
        self.close_cache()
        if not problems:  # every text of both audiences, as `statusgen check` renders them:
            # rendered here once, into the cache that the pages and outputs read
            self.cache = RenderCache.for_site(Path(config.config_file_path).parent)
            problems = check_rendering(site, BUILD_RENDER_SECONDS, self.cache)
        if problems:
            self.close_cache()
            raise PluginError("statusgen: invalid content\n" + format_problems(problems))
        try:  # what the probes measured; no file: nothing shown
            self.probes = load_history(layout.root / self.options.probe_history)
        except HistoryError as error:
            raise PluginError(f"statusgen: {error}") from None
        self.site = site  # the plan keeps what the build's audience sees
        self.site_name = config.site_name
        languages = site_languages(self.options, theme_language)
        self.languages = None if len(languages) < 2 else LanguagePages(languages, self.options)
        self.t = Translator(theme_language)
        self.internal_notice = None
        if self.options.audience is Audience.INTERNAL:
            # Unmistakable in the header, every tab, every feed's title and every page.
            config.site_name = self.t("audience.internal_name", name=config.site_name)
            self.internal_notice = self.t("audience.internal_bar")
            if self.options.internal_site_url:  # every link, feed, sitemap and API to it
                config.site_url = self.options.internal_site_url.rstrip("/") + "/"
        config.extra_css.append(urls.asset("statusgen.css"))
        config.extra_javascript.append(urls.asset("statusgen.js"))
        return self.heap.frozen(config)  # the site, out of the cycle collector's walks

    def layout(self, config: MkDocsConfig) -> SiteLayout:
        """Where the content lives (next to mkdocs.yml)."""
        theme_language = str(config.theme.get("language") or "en")
        languages = site_languages(self.options, theme_language)
        return self.options.layout(Path(config.config_file_path).parent, languages=languages)

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer | None:
        """Rebuild when content changes under `mkdocs serve`: an edited incident makes again
        only what shows it (`plugin/incremental.py`), anything else the whole site."""
        if self.config.enabled:  # only `mkdocs serve` loads the preview (a server, a watcher)
            from statusgen.plugin.incremental import watch_and_preview

            watch_and_preview(server, config, self.layout(config), self.recorder.built)
        return server

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        """Derive everything once, then add every page and file of the publication plan."""
        if not self.config.enabled or self.site is None or self.now is None:
            return files
        settings = SiteSettings(
            site_name=self.site_name,
            options=self.options,
            language=self.t.language,
            page_url=page_urls(config),
            base_url=site_base_url(config),
            custom_dir=config.theme.custom_dir,
            probes=self.probes,
        )
        plan = plan_site(self.site, self.options.audience, self.now, settings, self.cache)
        self.settings = settings
        if self.languages is not None:
            self.languages.base = site_base_url(config) if config.site_url else ""
            hand_written(files, config, self.languages)
        self.taken = SiteFiles(files)
        self.hold_bodies = bodies_read_elsewhere(config.plugins)
        self.pages = {}
        self.language_plans = {part.language: part for part in plan.in_every_language()}
        self.plan = plan
        self.descriptions = {}
        for item in plan:
            if item.page is not None:
                # The source stays empty (no front matter for MkDocs to parse per page); the
                # page's metadata is set in on_page_markdown and its body in on_page_content.
                self.pages[item.src] = item.page
                in_nav = item.page.kind.in_nav and item.language == plan.language
                inclusion = InclusionLevel.INCLUDED if in_nav else InclusionLevel.NOT_IN_NAV
                file = self.add(files, config, item.src, "", inclusion)
                if self.languages is not None:
                    self.languages.add(file, item.page.src, item.language, item.page.kind)
            else:
                plan_of = self.language_plans.get(item.language, plan)
                make = kept_maker(lambda: self.page_cache, item.src, plan_of, item.make)
                self.add(files, config, item.src, make, themable=item.themable)
        return files

    def add(
        self,
        files: Files,
        config: MkDocsConfig,
        src: str,
        content: str | bytes | Maker,
        inclusion: InclusionLevel = InclusionLevel.UNDEFINED,
        themable: bool = False,
    ) -> File:
        """Add a generated file; one that would take a hand-written file's place is an error.
        A `themable` file (statusgen's CSS and script) is left out when the theme has its own,
        as any file of a theme's custom_dir overrides the theme's. Content given as what makes
        it is made when MkDocs writes the file (`plugin/madefiles.py`)."""
        if callable(content):
            file: File = MadeFile.of(config, src, content, inclusion)
        else:
            file = File.generated(config, src, content=content, inclusion=inclusion)
        refuse_excluded(file, config)
        if self.taken is None or self.taken.admits(file, config, themable):
            left_out = files.get_file_from_path(src)  # a hand-written file exclude_docs drops
            if left_out is not None:
                files.remove(left_out)
            files.append(file)
        return file

    def on_env(
        self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment | None:
        """Generated pages made from page shells where they can be (`plugin/shells.py`); the
        environment and the files kept for `mkdocs serve`'s incremental path."""
        self.recorder.env = (env, files)
        self.shells, self.page_cache = page_steps(env, config, self, self.recorder.nav)
        return self.heap.frozen(env)  # the plans and pages too, until the build ends

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Keep the render cache within its cap (or remove a temporary one); keep what the
        build left for `mkdocs serve`'s incremental path."""
        self.close_cache()
        if self.shells is not None:
            log.debug(self.shells.summary())
        self.recorder.finished(config, self)

    def on_build_error(self, *, error: Exception) -> None:
        """The same after a failed build."""
        self.close_cache()

    def close_cache(self) -> None:
        """Close the render cache and the finished pages of the last build, if any."""
        for cache in (self.cache, self.page_cache):
            if cache is not None:
                cache.close()
        self.cache = self.page_cache = None
        self.heap.thaw()  # the build ended (or failed): its objects walked again

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """A generated page gets its title and layout from the table, not from front matter,
        and its body from statusgen, not from Markdown."""
        generated = self.pages.get(page.file.src_uri)
        if generated is not None:  # a deferred page's description is worked out with its body
            deferred = self.deferred(page)
            page.meta = generated.meta if deferred else self.described(generated, page)
            skip_markdown(page)
        return markdown

    def described(self, generated: GeneratedPage, page: Page) -> dict[str, Any]:
        """A generated page's metadata with its description."""
        return generated.described(self.description(generated, page))

    def plan_of(self, page: Page) -> PublicationPlan | None:
        """The plan of the page's language (the site's own on a site in one language)."""
        if self.languages is None or self.plan is None:
            return self.plan
        return self.language_plans.get(self.languages.language_of(page.file), self.plan)

    def description(self, generated: GeneratedPage, page: Page) -> str:
        """What a generated page says of itself in link previews (worked out once a build)."""
        plan = self.plan_of(page)
        if plan is None:
            return ""
        known = self.descriptions.get(page.file.src_uri)
        if known is None:
            known = self.descriptions[page.file.src_uri] = description(
                generated, plan.snapshot, plan.t, plan.markdown
            )
        return known

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """A generated page's body is rendered from the snapshot, not from Markdown."""
        generated = self.pages.get(page.file.src_uri)
        plan = self.plan_of(page)
        if plan is not None and generated is None:  # a hand-written page's own markers
            html = fill_markers(html, plan.renderer, page.url, plan.publish.options)
            return html if self.languages is None else self.languages.own_links(html, page, files)
        if generated is None or plan is None:
            return html
        if self.deferred(page):  # made just before the theme renders it: `fill_body`
            return ""
        return plan.renderer.render(generated)

    def deferred(self, page: Page) -> bool:
        """A page whose body is rendered only while MkDocs builds it and let go once it is
        written: every generated page when no other plugin may read bodies elsewhere
        (`plugin/bodies.py`), else a generated page of a language other than the default,
        left out of search (nothing reads its body but the theme). MkDocs populates every page
        before it builds the first, so bodies given in `on_page_content` are all held at once:
        most of the build's memory."""
        generated = self.pages.get(page.file.src_uri)
        if generated is not None and not self.hold_bodies:
            return True
        return (
            self.languages is not None
            and generated is not None
            and self.languages.language_of(page.file) != self.languages.default
            and bool((generated.meta.get("search") or {}).get("exclude"))
        )

    @event_priority(100)  # before any other plugin's on_page_context reads the page
    def fill_body(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        """A deferred page's description and body (`deferred`), made now, one after the
        other (they read the same texts: the renderer's recent incidents serve the second)."""
        plan = self.plan_of(page)
        copied = self.page_cache is not None and self.page_cache.begin(page)  # no body then
        if self.config.enabled and plan is not None and self.deferred(page) and not copied:
            generated = self.pages[page.file.src_uri]
            page.meta = self.described(generated, page)
            page.content = self.late.body(page, generated, plan.renderer, config)
        return context

    def enter_language(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        """On a site in several languages, the theme speaks the page's language and links to
        the page in the others (`plugin/languages.py`); restored in on_post_page."""
        if self.config.enabled and self.languages is not None:
            self.languages.enter(page, config)
            context["nav"] = self.navs.get(self.languages.language_of(page.file), nav)
        return context

    on_page_context = CombinedEvent(fill_body, enter_language, fill_late)

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        """On a site in several languages, the navigation of each other language."""
        self.navs = {}
        self.recorder.nav = nav
        if self.config.enabled and self.languages is not None:
            for language in self.languages.languages[1:]:
                self.navs[language] = language_nav(nav, self.languages, language)
        return nav

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """Announce the feeds in every page's head. Done here, not in a template, so that a
        site's own `main.html` override keeps them."""
        if not self.config.enabled or self.site is None:
            return output
        if self.page_cache is not None and (copied := self.page_cache.copied(page, output, config)):
            return copied
        plan = self.plan_of(page)
        t = plan.t if plan is not None else self.t
        file = plan.renderer.urls.file if plan is not None else str
        generated = self.pages.get(page.file.src_uri)
        own = (generated.title, generated.feed) if generated and generated.feed else None
        links = feed_links(config.site_name, lambda path: urls.relative(file(path), page.url), own)
        links += preview_tags(
            title=generated.title if generated else page.title or config.site_name,
            description=self.description(generated, page)
            if generated
            else str(page.meta.get("description") or config.site_description or ""),
            url=page.canonical_url,
            site_name=self.plan.site_name if self.plan else config.site_name,
            article=generated is not None and "incident" in generated.context,
        )
        links += page_search_scope(plan, page.url)
        if self.deferred(page):  # written next: its body is let go
            page.content = None
        if self.languages is not None and self.languages.leave(config):
            links += self.languages.x_default(page)
            output = own_hreflang_links(output, page.canonical_url, self.languages.addresses(page))
        return PageCache.kept(self.page_cache, page, self.mark(output, links, t("page.skip")))

    def on_post_template(
        self, output_content: str, /, *, template_name: str, config: MkDocsConfig
    ) -> str | None:
        """The 404 page too: it is served at any depth, so its links start at the site's root."""
        if not self.config.enabled or self.site is None or template_name != "404.html":
            return output_content
        root = urlsplit(config.site_url or "/").path.rstrip("/") + "/"
        links = feed_links(config.site_name, lambda path: root + path)
        return self.mark(output_content, links)

    def mark(self, output: str, head: str, skip_label: str = "") -> str:
        """A finished page with statusgen's head links, a skip link to a generated page's
        heading and, on an internal site, its marks."""
        return finish_page(output, head, self.internal_notice, skip_label)
