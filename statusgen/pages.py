"""Page bodies as HTML, from views, with the package's own autoescaping Jinja templates.

These bodies become MkDocs pages' content (so Material's search indexes them); Material's
theme wraps them. Every user string is escaped by Jinja; HTML from responders arrives only
through the sanitizer (`markup`) and is marked safe there.
"""

from __future__ import annotations

import html
import json
import posixpath
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import jinja2
from markupsafe import Markup

from statusgen.archive import INDEX_PATH, SEARCH_PATH
from statusgen.i18n import Translator
from statusgen.model import Impact
from statusgen.timefmt import TimeFormatter, iso_utc
from statusgen.uptime import format_percent
from statusgen.views import IncidentView, SiteView

#: Incidents a day's tooltip links at most; more are on the component page ("+2 more"). This
#: keeps the overview light on sites with many incidents a day.
TOOLTIP_INCIDENTS = 3
#: Incidents listed on the archive page itself (all are on the year pages).
RECENT_IN_ARCHIVE = 50
#: The generated pages' source paths (as if in docs/); MkDocs turns them into URLs.
OVERVIEW_SRC = "index.md"
HISTORY_SRC = "history/index.md"


def incident_src(incident_id: str) -> str:
    """incidents/<id>.md"""
    return f"incidents/{incident_id}.md"


def component_src(component_id: str) -> str:
    """components/<id>.md"""
    return f"components/{component_id}.md"


def history_year_src(year: int) -> str:
    """history/<year>.md"""
    return f"history/{year}.md"


@dataclass(frozen=True)
class Urls:
    """Site URLs of generated pages, following MkDocs' `use_directory_urls`."""

    directory_urls: bool = True

    def of(self, src: str) -> str:
        """The site-relative URL of a page source: incidents/x.md -> incidents/x/."""
        stem = src.removesuffix(".md")
        if not self.directory_urls:
            return stem + ".html"
        if stem == "index" or stem.endswith("/index"):
            stem = stem.removesuffix("index")
            return stem
        return stem + "/"

    @staticmethod
    def relative(target: str, current: str) -> str:
        """`target` as a link from the page at `current` (both site-relative URLs)."""
        base = current if current.endswith("/") or not current else posixpath.dirname(current)
        rel = posixpath.relpath("/" + target, "/" + base)
        if target.endswith("/") or not target:
            rel = "./" if rel == "." else rel + "/"
        return rel


@dataclass(frozen=True)
class Contact:
    """The contact line: a short text and a URL or e-mail address."""

    text: str
    url: str

    @property
    def href(self) -> str:
        """mailto: for an e-mail address, else the URL."""
        return (
            self.url
            if "://" in self.url or self.url.startswith("mailto:")
            else "mailto:" + self.url
        )


@dataclass
class PageRenderer:
    """Renders the bodies of generated pages for one build."""

    view: SiteView
    t: Translator
    fmt: TimeFormatter
    urls: Urls
    contact: Contact | None = None
    _current: str = ""

    @cached_property
    def _env(self) -> jinja2.Environment:
        env = jinja2.Environment(
            loader=jinja2.PackageLoader("statusgen", "templates/pages"),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
        )
        env.filters["groupby_month"] = _group_by_month
        env.globals.update(
            t=self.t,
            fmt=self.fmt,
            iso=iso_utc,
            site=self.view,
            urls=self.urls,
            contact=self.contact,
            safe_html=Markup,
            format_percent=format_percent,
            incident_src=incident_src,
            component_src=component_src,
            history_year_src=history_year_src,
            HISTORY_SRC=HISTORY_SRC,
            TOOLTIP_INCIDENTS=TOOLTIP_INCIDENTS,
            # Links depend on the page being rendered; as globals (not render variables) they
            # let templates import the macros without context, so Jinja caches that module.
            link=self.link,
            file_link=self.file_link,
        )
        return env

    def _render(self, template: str, current_src: str, **values: Any) -> str:
        self._current = self.urls.of(current_src)
        return self._env.get_template(template).render(**values)

    def link(self, src: str, fragment: str = "") -> str:
        """A generated page's source path as a link from the page being rendered."""
        url = self.urls.relative(self.urls.of(src), self._current)
        return url + ("#" + fragment if fragment else "")

    def file_link(self, path: str) -> str:
        """A site file (feed, badge, ...) as a link from the page being rendered."""
        return self.urls.relative(path, self._current)

    def overview(self) -> str:
        """The home page: banner, active incidents, maintenance, components."""
        return self._render("overview.html", OVERVIEW_SRC)

    def incident(self, incident: IncidentView) -> str:
        """One incident's page."""
        return self._render("incident.html", incident_src(incident.id), incident=incident)

    def component(self, component_id: str) -> str:
        """One component's page."""
        view = self.view.components[component_id]
        incidents = [self.view.by_id[i] for i in view.incident_ids]
        return self._render(
            "component.html", component_src(component_id), component=view, incidents=incidents
        )

    def history(self) -> str:
        """The archive: filters over a compact index, plus links to every year page."""
        current = self.urls.of(HISTORY_SRC)
        months = [self.t.month(m, short=False) for m in range(1, 13)]
        impacts = {i.value: self.t("impact." + i.value) for i in Impact}
        return self._render(
            "history.html",
            HISTORY_SRC,
            recent=self.view.incidents[:RECENT_IN_ARCHIVE],
            index_url=self.urls.relative(INDEX_PATH, current),
            text_index_url=self.urls.relative(SEARCH_PATH, current),
            months_json=json.dumps(months, ensure_ascii=False),
            impacts_json=json.dumps(impacts, ensure_ascii=False),
        )

    def history_year(self, year: int) -> str:
        """Every incident of one year, by month: the archive without JavaScript."""
        return self._render(
            "history_year.html",
            history_year_src(year),
            year=year,
            incidents=self.view.incidents_of_year(year),
        )


def _group_by_month(incidents: list[IncidentView]) -> list[tuple[int, list[IncidentView]]]:
    """Consecutive incidents (newest first) grouped by the UTC month they started in."""
    groups: list[tuple[int, list[IncidentView]]] = []
    for view in incidents:
        month = view.incident.started_at.month
        if not groups or groups[-1][0] != month:
            groups.append((month, []))
        groups[-1][1].append(view)
    return groups


def page_meta(title: str, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """The metadata of a generated page. Material prints `title` unescaped into <title>, so it
    is HTML-escaped here; `hide` gives status pages the full width."""
    return {"title": html.escape(title), "hide": ["navigation", "toc"], **(extra or {})}
