"""The publication plan: the one list of everything a build publishes.

Every generated page (overview, archive, years, incidents, components, reports) and every
generated file (feeds, calendar, API, badges, archive index and texts, report data, assets,
schemas, an internal site's robots.txt), each with what makes its content, made only when
asked. The plugin iterates the plan to add the files to MkDocs and to give each page its body;
`statusgen check` iterates the same plan, for each audience, to list the paths (against the
site's own files) and to make every page and file, so what the check accepts, the build can
publish (`render_all`). A new output is one entry here (see docs/architecture.md).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from functools import partial
from importlib import resources
from pathlib import Path

from statusgen.clock import load_zone
from statusgen.content.docsdir import output_path
from statusgen.content.fieldregistry import published_schema
from statusgen.content.probehistory import ProbeHistory
from statusgen.derive.audience import for_audience, public_sees_all
from statusgen.derive.languages import snapshot_in
from statusgen.derive.snapshot import IncidentView, Snapshot, build_snapshot
from statusgen.model import Audience, StatusSite
from statusgen.options import Options, site_languages
from statusgen.problems import Problem, printable
from statusgen.render import urls
from statusgen.render.contact import Contact
from statusgen.render.head import INTERNAL_ROBOTS_TXT
from statusgen.render.locale import TimeFormatter, Translator
from statusgen.render.markup import MarkdownRenderer, RenderStore
from statusgen.render.outputs import Maker, PublishSettings, output_files
from statusgen.render.pages import (
    COMPONENT_PAGE,
    COMPONENT_REPORT_PAGE,
    OVERRIDES_FOLDER,
    SEARCHABLE_INCIDENTS,
    GeneratedPage,
    PageRenderer,
    generated_pages,
)
from statusgen.render.printheader import stylesheet
from statusgen.render.probes import probe_charts, response_times_file
from statusgen.render.untranslated import Untranslated
from statusgen.render.verdicts import Verdicts, page_settings

_PACKAGE = resources.files("statusgen")
#: Stands in for `site_url` until it is set (the plugin warns, which fails `--strict` builds).
NO_SITE_URL = "https://example.invalid/"


@dataclass(frozen=True)
class SiteSettings:
    """What a plan needs to know about the site besides its content: its name as readers see
    it, its options, its language, its URLs (`page_url`: MkDocs' `File.url` of a source path),
    and the theme's custom_dir (statusgen's templates may be overridden there)."""

    site_name: str
    options: Options
    language: str
    page_url: Callable[[str], str]
    base_url: str
    custom_dir: str | None = None
    #: components.yml as problems name it.
    components_file: str = "components.yml"
    #: What the probes measured (the `probe_history` option's file); None or empty: nothing.
    probes: ProbeHistory | None = None


@dataclass(frozen=True)
class Planned:
    """One file a build publishes."""

    #: Its source path: a page's as if it were a file in docs/ (incidents/x.md), a file's
    #: path in the site.
    src: str
    #: What makes its content (a page's body, a file's bytes or text).
    make: Maker
    #: The generated page, for pages.
    page: GeneratedPage | None = None
    #: statusgen's stylesheet and script: a theme's own version at the same path wins.
    themable: bool = False
    #: The content file (and line) whose data it shows most directly, for problems.
    source: tuple[str, int] | None = None
    #: The language readers of it read (the site's default language for shared files).
    language: str = ""

    def dest(self, directory_urls: bool) -> str:
        """Where MkDocs writes it (`File.dest_uri`)."""
        return output_path(self.src, directory_urls)


class PublicationPlan:
    """Everything one build (one audience) publishes, in a stable order: pages, then files;
    on a site in several languages, the default language's, then each other's (`others`),
    each under its own code with its own snapshot, words and links."""

    def __init__(
        self,
        snapshot: Snapshot,
        audience: Audience,
        settings: SiteSettings,
        store: RenderStore | None,
        language: str | None = None,
    ) -> None:
        self.snapshot = snapshot
        self.audience = audience
        #: The language of this plan's pages and files, and the site's default language.
        self.default = settings.language
        self.language = language or settings.language
        #: The plans of the site's other languages (on the default language's plan).
        self.others: list[PublicationPlan] = []
        self.t = Translator(self.language)
        zone = snapshot.zone
        if audience is Audience.INTERNAL:  # unmistakable in every feed's title and the API
            settings = replace(
                settings, site_name=self.t("audience.internal_name", name=settings.site_name)
            )
        self.site_name = settings.site_name
        site_urls = self.site_urls(settings)
        self.probes = probe_charts(settings.probes, snapshot, self.t)
        self.untranslated = Untranslated.of(self.default, self.t)
        self.markdown = MarkdownRenderer(store, self.untranslated)
        self.renderer = PageRenderer(
            snapshot,
            self.t,
            TimeFormatter(zone, self.t),
            site_urls,
            self.markdown,
            Contact.of(settings.options.contact, self.t, self.default),
            settings.custom_dir,
            stale_after=timedelta(minutes=settings.options.stale_after),
            probes=self.probes,
            past_days=settings.options.past_days,
            untranslated=self.untranslated,
        )
        self.components_file = settings.components_file
        self.publish = PublishSettings(
            settings.site_name, settings.options, site_urls, self.t, self.markdown
        )
        # Material's search is one index in one language (its `lang` stems words): the
        # default language's incident pages; other languages search in their archive.
        searchable = SEARCHABLE_INCIDENTS if self.language == self.default else 0
        self.pages = generated_pages(snapshot, self.t, searchable)
        #: The site overrides statusgen's page templates (its custom_dir has some).
        self.overridden = bool(
            settings.custom_dir and (Path(settings.custom_dir) / OVERRIDES_FOLDER).is_dir()
        )

    def site_urls(self, settings: SiteSettings) -> urls.SiteUrls:
        """The URLs of this language's pages and files."""
        if self.language == self.default:
            return urls.SiteUrls(settings.page_url, settings.base_url)
        language, default, page_url = self.language, self.default, settings.page_url
        return urls.SiteUrls(
            lambda src: page_url(urls.in_language(src, language, default)),
            settings.base_url,
            partial(urls.file_in_language, language=language, default=default),
        )

    def in_every_language(self) -> list[PublicationPlan]:
        """This plan and its other languages' plans, the default language first."""
        return [self, *self.others]

    def __iter__(self) -> Iterator[Planned]:
        """Every page, then every file, of every language."""
        for plan in self.in_every_language():
            yield from plan.own()

    def own(self) -> Iterator[Planned]:
        """Every page, then every file, of this plan's language; the files every language
        shares (`urls.SHARED_FILES`) with the default language's."""
        language = self.language
        path = self.renderer.urls.file
        for page in self.pages:
            yield Planned(
                urls.in_language(page.src, language, self.default),
                partial(self.renderer.render, page),
                page,
                source=self.source(page),
                language=language,
            )
        for name, make in output_files(self.snapshot, self.publish):
            yield Planned(path(name), make, language=language)
        if language != self.default:
            return
        if self.probes is not None:
            yield Planned(urls.RESPONSE_TIMES, partial(response_times_file, self.probes))
        if self.audience is Audience.INTERNAL:
            yield Planned("robots.txt", lambda: INTERNAL_ROBOTS_TXT)
        for name in urls.ASSETS:
            source = _PACKAGE / "render" / "assets" / name
            read = (
                stylesheet(source, self.site_name) if name == "statusgen.css" else source.read_bytes
            )
            yield Planned(urls.asset(name), read, themable=True)
        for name in urls.SCHEMAS:
            yield Planned(
                urls.schema(name), partial(published_schema, name, self.publish.options.languages)
            )

    def problem(self, item: Planned, error: Exception, directory_urls: bool = True) -> Problem:
        """A failure to make `item`, at the content file it shows (else at its own path)."""
        what = "page" if item.page is not None else "file"
        path, line = item.source or (item.dest(directory_urls), 0)
        reason = printable(f"{type(error).__name__}: {error}")[:300]
        return Problem(
            path,
            line,
            f"the {self.audience.value} site's {what} {item.dest(directory_urls)} cannot be "
            f"rendered ({reason}); expected every page and file to render (a bug in statusgen, "
            "or in the site's own templates if it overrides them: report it with this file)",
        )

    def source(self, page: GeneratedPage) -> tuple[str, int] | None:
        """The content file a page shows: an incident's file, a component's line."""
        view = page.context.get("incident")
        if view is not None:
            return view.incident.path, 1
        component_id = page.context.get("component_id")
        if page.kind in (COMPONENT_PAGE, COMPONENT_REPORT_PAGE) and component_id is not None:
            component = self.snapshot.components[component_id].component
            return self.components_file, component.line
        return None


def site_name_problem(name: str) -> str | None:
    """What keeps a site's name from titling the feeds (MkDocs accepts `site_name: ""`, but a
    feed without a title cannot be written), if anything."""
    if name.strip():
        return None
    return (
        "site_name is empty; expected the site's name (the feeds, the calendar, the API and the "
        "badges are titled with it)"
    )


def plan_site(
    site: StatusSite,
    audience: Audience,
    now: datetime,
    settings: SiteSettings,
    store: RenderStore | None = None,
    earlier: PublicationPlan | None = None,
) -> PublicationPlan:
    """The plan of one audience's build of `site` (the whole site, as loaded) at `now`; texts
    are read from `store` (the render cache) where found there. On a site in several
    languages (the `languages` option), the plan of each other language is in `others`, built
    on the site as that language's readers see it (`derive/languages.incident_in`). With
    `earlier` (the same build's plan before some incidents were edited), what they do not
    touch is not derived again (`derive/snapshot.build_snapshot`)."""
    snapshots = _derive(site, audience, now, settings, earlier.snapshot if earlier else None)
    return _plan(snapshots, audience, settings, store)


def plan_audiences(
    site: StatusSite,
    audiences: tuple[Audience, ...],
    now: datetime,
    settings: SiteSettings,
    store: RenderStore | None = None,
) -> list[PublicationPlan]:
    """`plan_site` for each of `audiences`; where the public sees the whole site
    (`derive/audience.public_sees_all`: most sites), the audiences' sites are equal, so the
    site is derived once and every plan shares its snapshots (one per language)."""
    if not public_sees_all(site):
        return [plan_site(site, audience, now, settings, store) for audience in audiences]
    snapshots = _derive(site, Audience.INTERNAL, now, settings)
    return [_plan(snapshots, audience, settings, store) for audience in audiences]


def _derive(
    site: StatusSite,
    audience: Audience,
    now: datetime,
    settings: SiteSettings,
    earlier: Snapshot | None = None,
) -> list[tuple[str | None, Snapshot]]:
    """The snapshot of `site` as `audience` sees it, then each other language's (under its
    code): languages share statuses, times and components, derived once, the texts put in."""
    options = settings.options
    seen = for_audience(site, audience)
    snapshot = build_snapshot(
        seen,
        now,
        options.history_days,
        load_zone(options.timezone),
        earlier,
    )
    return [
        (None, snapshot),
        *(
            (language, snapshot_in(snapshot, seen.catalog, language, settings.language))
            for language in site_languages(options, settings.language)[1:]
        ),
    ]


def _plan(
    snapshots: list[tuple[str | None, Snapshot]],
    audience: Audience,
    settings: SiteSettings,
    store: RenderStore | None,
) -> PublicationPlan:
    """The plan of the default language's snapshot, each other language's in `others`."""
    (_, snapshot), *others = snapshots
    plan = PublicationPlan(snapshot, audience, settings, store)
    for language, translated in others:
        plan.others.append(PublicationPlan(translated, audience, settings, store, language))
    return plan


def render_all(
    plans: list[PublicationPlan], directory_urls: bool = True, verdicts: Verdicts | None = None
) -> list[Problem]:
    """Make every page and file of each plan, as the build would; any failure is a problem
    naming the output and, where one is known, the content file it shows (never a
    traceback: the check's promise is that the build then succeeds).

    An incident page is a function of its incident's view alone (with the build's time,
    language and links): one whose view an earlier plan already made without failing is not
    made again (most incidents read the same to both audiences), unless the site overrides
    statusgen's templates, which may read anything. Likewise every page: the pages read the
    snapshot, the language and the links, never the audience or the site's name, so where
    two plans' snapshots are equal (a site with nothing internal), a page the first made
    without failing is not made again for the second. With `verdicts`, an incident page an
    earlier check made without failing from the same inputs is not made again either."""
    problems: list[Problem] = []
    made: dict[tuple[str, str], IncidentView] = {}  # by language and id
    pages_made: list[tuple[Snapshot, set[str]]] = []  # pages made without failing, by snapshot
    for plan in (part for whole in plans for part in whole.in_every_language()):
        settings = plan_settings(plan, directory_urls)
        same = [srcs for seen, srcs in pages_made if not plan.overridden and seen == plan.snapshot]
        made_here: set[str] = set().union(*same)
        for item in plan.own():
            view = item.page.context.get("incident") if item.page is not None else None
            seen = (plan.language, view.id) if view is not None else None
            if seen is not None and not plan.overridden and made.get(seen) == view:
                continue
            if item.page is not None and item.src in made_here:
                continue
            key = None
            if verdicts is not None and not plan.overridden:
                key = verdicts.key(settings, item.src, item.page, plan.snapshot)
                if verdicts.passed(key):  # made without failing by an earlier check
                    made_here.add(item.src)
                    if seen is not None and view is not None:
                        made[seen] = view
                    continue
            try:
                item.make()
            except Exception as error:  # noqa: BLE001 - every failure is reported, none raised
                problems.append(plan.problem(item, error, directory_urls))
            else:
                if seen is not None and view is not None:
                    made[seen] = view
                if verdicts is not None:
                    verdicts.add(key)
                if item.page is not None:
                    made_here.add(item.src)
        pages_made.append((plan.snapshot, made_here))
    if verdicts is not None:
        verdicts.visited_all()
    return problems


def plan_settings(plan: PublicationPlan, directory_urls: bool) -> str:
    """What a plan's pages read besides the snapshot, for the verdicts' keys."""
    options = plan.publish.options
    return page_settings(
        plan.audience.value,
        plan.site_name,
        repr((plan.language, plan.default, plan.t.language)),
        options,
        plan.renderer.urls.base,
        directory_urls,
    )
