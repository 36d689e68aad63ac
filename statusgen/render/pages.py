"""Generated pages: the one table of what the site generates, and their bodies as HTML.

Bodies come from the package's own autoescaping Jinja templates; a site may override any of
them (or `_macros.html`) by putting a file of the same name in its theme's `custom_dir`, under
`statusgen/`. Every user string is escaped by Jinja; responders' HTML arrives only through the
sanitizer (`markup`) and is marked safe there. Material's theme wraps the bodies.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from functools import cached_property, partial
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from statusgen.clock import iso_utc
from statusgen.content import fieldregistry
from statusgen.derive.report import build_report
from statusgen.derive.snapshot import IncidentView, Snapshot
from statusgen.derive.uptime import UPTIME_WINDOWS, format_percent
from statusgen.model import (
    MAINTENANCE_COMPONENT_STATUSES,
    ComponentStatus,
    Lifecycle,
)
from statusgen.options import DEFAULTS
from statusgen.render import urls
from statusgen.render.contact import Contact
from statusgen.render.historypage import group_by_month, history_context
from statusgen.render.jinjacache import CompiledOnce
from statusgen.render.jinjacalls import KnownCallsEnvironment
from statusgen.render.live import (
    LIVE_WORDS,
    MAINTENANCE_SECTION_WORDING,
    STALE_AFTER,
    due_text,
    duration_text,
    lifecycle_config,
    live_span,
)
from statusgen.render.locale import TimeFormatter, Translator
from statusgen.render.markup import MarkdownRenderer
from statusgen.render.probes import ProbeCharts
from statusgen.render.repeats import Repeats
from statusgen.render.report import Charts
from statusgen.render.titles import banner_text, incident_title
from statusgen.render.untranslated import Untranslated, mark, named, stated_fallbacks
from statusgen.render.updatehead import update_head
from statusgen.render.uptimecalendar import calendar_of, weekday_names

#: Incidents a day's tooltip links at most on a component page; more are counted ("+2 more").
#: The overview's tooltips only count a day's incidents and link the component page: titles for
#: every component's 90 days made the overview 17 KB (gzipped) heavier at 10,000 incidents.
TOOLTIP_INCIDENTS = 3
#: Characters of a title a day's tooltip shows (cut at a word, with "…"): a title is repeated
#: in every day of its components' bars, so a long title costs no more there than this.
TOOLTIP_TITLE = 200
#: Days of uptime bars shown on phones (narrower than 600 px): the older ones are hidden there,
#: so each bar stays wide enough to see and to hover.
PHONE_DAYS = 30
#: Incident pages in Material's search index, newest first. Material's search downloads the
#: whole index on every page load, so it stays small at any size (about 27 KB); the archive's
#: text search covers every incident.
SEARCHABLE_INCIDENTS = 100
#: A year with more incidents than this gets one page per month (its year page lists the months),
#: so no page of the no-JavaScript archive outgrows the 100 KB a reader fetches (issue 27).
YEAR_PAGE_INCIDENTS = 500
#: Incidents a component page lists, newest first; the rest are in the archive, filtered by it.
COMPONENT_INCIDENTS = 20
#: Where a site's own versions of statusgen's templates go, inside its theme's custom_dir.
OVERRIDES_FOLDER = "statusgen"


def tooltip_title(title: str) -> str:
    """An incident's title as a day's tooltip shows it, on component pages (server-written)
    and on the overview (history/days.json, which its script writes from): at most
    TOOLTIP_TITLE characters, cut at the last space before the limit (inside a word only when
    there is none) and ended with "…"."""
    if len(title) <= TOOLTIP_TITLE:
        return title
    return title[: TOOLTIP_TITLE - 1].rsplit(" ", 1)[0] + "…"


@dataclass(frozen=True)
class PageKind:
    """One kind of generated page: its template, and where it is listed."""

    template: str
    #: In the site's navigation; other pages are reached through links.
    in_nav: bool
    #: In the search index. Listing pages stay out: incident pages hold the words readers
    #: search for, and indexing thousands of bars and rows would slow every build.
    searchable: bool


OVERVIEW_PAGE = PageKind("overview.html", in_nav=True, searchable=False)
HISTORY_PAGE = PageKind("history.html", in_nav=True, searchable=False)
YEAR_PAGE = PageKind("history_year.html", in_nav=False, searchable=False)
INCIDENT_PAGE = PageKind("incident.html", in_nav=False, searchable=True)
#: Incidents past the newest SEARCHABLE_INCIDENTS: the archive's own search finds them.
OLDER_INCIDENT_PAGE = PageKind("incident.html", in_nav=False, searchable=False)
COMPONENT_PAGE = PageKind("component.html", in_nav=False, searchable=False)
REPORT_PAGE = PageKind("report.html", in_nav=True, searchable=False)
COMPONENT_REPORT_PAGE = PageKind("report.html", in_nav=False, searchable=False)


@dataclass(frozen=True)
class GeneratedPage:
    """One page to generate: its source path, title, kind and what its template receives."""

    src: str
    title: str
    kind: PageKind
    context: dict[str, Any] = field(default_factory=dict)
    #: The page's own feed (site path without extension), announced in its head.
    feed: str | None = None

    @property
    def meta(self) -> dict[str, Any]:
        """The page's metadata. Material prints `title` unescaped into <title>, so it is
        HTML-escaped here; `hide` gives status pages the full width."""
        meta: dict[str, Any] = {"title": html.escape(self.title), "hide": ["navigation", "toc"]}
        if not self.kind.searchable:
            meta["search"] = {"exclude": True}
        return meta

    def described(self, description: str) -> dict[str, Any]:
        """`meta` with the page's `description` (plain text; none when empty), HTML-escaped
        as Material prints it unescaped into <meta name="description">."""
        if not description:
            return self.meta
        return {**self.meta, "description": html.escape(description)}


#: The bars' legend: the statuses incidents set, best to worst, then maintenance.
LEGEND_STATUSES = sorted(
    ComponentStatus, key=lambda s: (s in MAINTENANCE_COMPONENT_STATUSES, s.severity)
)


def generated_pages(
    snapshot: Snapshot, t: Translator, searchable: int = SEARCHABLE_INCIDENTS
) -> list[GeneratedPage]:
    """Every page a build generates, in a stable order; the newest `searchable` incident
    pages in the search index."""
    pages = [
        # The tab says how things are: "Partial outage: Public API - Acme Status".
        GeneratedPage(urls.OVERVIEW, banner_text(snapshot, t), OVERVIEW_PAGE),
        GeneratedPage(urls.HISTORY, t("history.title"), HISTORY_PAGE),
        GeneratedPage(urls.REPORT, t("report.title"), REPORT_PAGE, {"component_id": None}),
    ]
    months = TimeFormatter(snapshot.zone, t)
    for year in snapshot.years:
        pages.append(
            GeneratedPage(
                urls.history_year_page(year),
                t("history.year_title", year=year),
                YEAR_PAGE,
                {"year": year},
            )
        )
        if len(snapshot.incidents_of_year(year)) > YEAR_PAGE_INCIDENTS:
            for month, _ in group_by_month(snapshot.incidents_of_year(year)):
                pages.append(
                    GeneratedPage(
                        urls.history_month_page(year, month),
                        t("history.year_title", year=months.month_title(year, month)),
                        YEAR_PAGE,
                        {"year": year, "month": month},
                    )
                )
    for number, item in enumerate(snapshot.incidents):  # newest first
        kind = INCIDENT_PAGE if number < searchable else OLDER_INCIDENT_PAGE
        pages.append(
            GeneratedPage(
                urls.incident_page(item.id),
                incident_title(item, t),
                kind,
                {"incident": item},
                feed=urls.incident_feed(item.id) if snapshot.followable(item) else None,
            )
        )
    for component_id, component in snapshot.components.items():
        pages.append(
            GeneratedPage(
                urls.component_page(component_id),
                component.component.name,
                COMPONENT_PAGE,
                {"component_id": component_id},
                feed=urls.component_feed(component_id),
            )
        )
        pages.append(
            GeneratedPage(
                urls.component_report_page(component_id),
                t("report.component_title", name=component.component.name),
                COMPONENT_REPORT_PAGE,
                {"component_id": component_id},
            )
        )
    return pages


@dataclass
class PageRenderer:
    """Renders the bodies of generated pages for one build."""

    snapshot: Snapshot
    t: Translator
    fmt: TimeFormatter
    urls: urls.SiteUrls
    markdown: MarkdownRenderer
    contact: Contact | None = None
    #: The theme's custom_dir, where a site may override statusgen's templates.
    custom_dir: str | None = None
    #: How old a page may be before it says the status may have changed (`stale_after`).
    stale_after: timedelta = STALE_AFTER
    #: What the probes measured, for component pages (`_probes.html`); None: nothing.
    probes: ProbeCharts | None = None
    #: Days of past incidents the overview lists (`past_days`).
    past_days: int = DEFAULTS.past_days
    #: How texts without their translation are marked (None: the default language's pages).
    untranslated: Untranslated | None = None
    _current: str = ""

    @cached_property
    def _env(self) -> jinja2.Environment:
        loaders: list[jinja2.BaseLoader] = []
        if self.custom_dir:
            loaders.append(jinja2.FileSystemLoader(Path(self.custom_dir) / OVERRIDES_FOLDER))
        loaders.append(jinja2.PackageLoader("statusgen.render", "templates/pages"))
        env = KnownCallsEnvironment(  # calls without Jinja's inspection each time (jinjacalls)
            loader=CompiledOnce(jinja2.ChoiceLoader(loaders)),
            auto_reload=False,  # one build's environment: no template file is stat'ed per page
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
        )
        env.filters["groupby_month"] = group_by_month
        env.globals.update(
            t=self.t,
            fmt=self.fmt,
            iso=iso_utc,
            site=self.snapshot,
            contact=self.contact,
            safe_html=Markup,
            # Uptime as the language writes it ("99,87" in French, Dutch and German).
            format_percent=lambda value: self.t.number(format_percent(value)),
            number=self.t.number,
            texts=self.markdown.texts,
            urls=urls,
            UPTIME_WINDOWS=UPTIME_WINDOWS,
            TOOLTIP_INCIDENTS=TOOLTIP_INCIDENTS,
            TOOLTIP_TITLE=TOOLTIP_TITLE,
            tooltip_title=tooltip_title,
            PHONE_DAYS=PHONE_DAYS,
            COMPONENT_INCIDENTS=COMPONENT_INCIDENTS,
            duration_words=partial(duration_text, t=self.t, fmt=self.fmt),
            due_words=partial(due_text, now=self.snapshot.now, t=self.t, fmt=self.fmt),
            STALE_AFTER_SECONDS=int(self.stale_after.total_seconds()),
            PAST_DAYS=self.past_days,
            uptime_calendar=calendar_of(self.snapshot, self.t),
            weekday_names=partial(weekday_names, self.t),
            day_end=partial(day_end, zone=self.snapshot.zone),
            LIVE_WORDS=LIVE_WORDS,
            LIFECYCLE_JSON=lifecycle_config(self.t),
            MAINTENANCE_SECTION_WORDING=MAINTENANCE_SECTION_WORDING,
            Lifecycle=Lifecycle,
            LEGEND_STATUSES=LEGEND_STATUSES,
            live_span=live_span,
            banner_text=partial(banner_text, t=self.t),
            stated_fields=fieldregistry.common,
            # Links depend on the page being rendered; as globals (not render variables) they
            # let templates import the macros without context, so Jinja caches that module.
            link=self.link,
            file_link=self.file_link,
            probes=self.probes,
            # What repeats within the build, rendered once (repeats.py).
            day_state_once=self._repeats.day_state,
            calendar_week_once=self._repeats.calendar_week,
            update_head=partial(update_head, t=self.t, fmt=self.fmt),
            build_constant=self._repeats.build_constant,
            listed_row=self.listed_row,
            untranslated=partial(mark, self.untranslated),
            named=named,
            stated_fallbacks=stated_fallbacks,
        )
        return env

    @cached_property
    def _repeats(self) -> Repeats:
        return Repeats(
            lambda: self._macros,
            lambda: self._repeated_rows,
            lambda name: self._env.get_template(name).module,
        )

    @cached_property
    def _macros(self) -> Any:
        return self._env.get_template("_macros.html").module

    @cached_property
    def _repeated_rows(self) -> frozenset[str]:
        """Incidents listed on a component page (on their year or month page too)."""
        return frozenset(
            incident_id
            for component in self.snapshot.components.values()
            for incident_id in component.incident_ids[:COMPONENT_INCIDENTS]
        )

    def listed_row(self, view: IncidentView) -> Markup:
        """An incident's listing row on the page being rendered, rendered once per link."""
        return self._repeats.row(view, self.link(urls.incident_page(view.id)))

    def render(self, page: GeneratedPage) -> str:
        """A generated page's body."""
        self._current = self.urls.page(page.src)
        context = dict(page.context)
        if page.kind is HISTORY_PAGE:
            context.update(history_context(self.snapshot, self.t))
        elif page.kind is YEAR_PAGE:
            context.update(self._year_context(context["year"], context.get("month")))
        elif page.kind is COMPONENT_PAGE:
            component_id = context.pop("component_id")
            context["component"] = self.snapshot.components[component_id]
            context["incidents"] = self.snapshot.incidents_of_component(component_id)
        elif page.kind in (REPORT_PAGE, COMPONENT_REPORT_PAGE):
            report = build_report(self.snapshot, context["component_id"])
            context.update(report=report, charts=Charts(report, self.t, self.fmt))
        return self._env.get_template(page.kind.template).render(**context)

    def _year_context(self, year: int, month: int | None) -> dict[str, Any]:
        """A year page's incidents, or one month's; a long year's page lists its months."""
        incidents = self.snapshot.incidents_of_year(year)
        if month is not None:
            shown = [v for v in incidents if v.began_at.month == month]
            return {"incidents": shown, "month": month, "months": []}
        if len(incidents) > YEAR_PAGE_INCIDENTS:
            return {"incidents": [], "month": None, "months": group_by_month(incidents)}
        return {"incidents": incidents, "month": None, "months": []}

    def render_partial(self, template: str, page_url: str, **context: Any) -> str:
        """A partial template as part of a hand-written page at `page_url` (site-relative)."""
        self._current = page_url
        return self._env.get_template(template).render(site_base=self.urls.base, **context)

    def link(self, src: str, fragment: str = "") -> str:
        """A generated page's source path as a link from the page being rendered."""
        url = urls.relative(self.urls.page(src), self._current)
        return url + ("#" + fragment if fragment else "")

    def file_link(self, path: str) -> str:
        """A site file (feed, badge, ...) as a link from the page being rendered."""
        return urls.relative(self.urls.file(path), self._current)


def day_end(day: date, zone: tzinfo) -> str:
    """When a day of the site's zone ends, in UTC: the script stops calling a bar "Today" then."""
    return iso_utc(datetime.combine(day + timedelta(days=1), time(), zone))
