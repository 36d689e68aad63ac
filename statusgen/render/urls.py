"""Every path the site publishes and every link between them, in one place.

Generated pages are named by their source path (as if they were files in `docs/`); during a
build the site engine turns a source path into a URL (MkDocs' `File.url`, which follows its
`use_directory_urls`). Commands that link to the site without building it (`notify`, `remind`)
use `static_page_url`, the same rule, which a unit test keeps equal to MkDocs' answer.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable

from statusgen.content.docsdir import output_url

# -- generated pages (source paths) ---------------------------------------------------------
OVERVIEW = "index.md"
HISTORY = "history/index.md"
#: The site's reliability report; each component has its own (`component_report_page`).
REPORT = "report/index.md"


def incident_page(incident_id: str) -> str:
    """incidents/<id>.md"""
    return f"incidents/{incident_id}.md"


def component_page(component_id: str) -> str:
    """components/<id>.md"""
    return f"components/{component_id}.md"


def component_report_page(component_id: str) -> str:
    """components/<id>/report.md"""
    return f"components/{component_id}/report.md"


def history_year_page(year: int) -> str:
    """history/<year>.md"""
    return f"history/{year}.md"


def history_month_page(year: int, month: int) -> str:
    """history/<year>/<month>.md (a year too long for one page, `pages.YEAR_PAGE_INCIDENTS`)"""
    return f"history/{year}/{month:02d}.md"


#: The anchor of the postmortem's step on an incident page (feed entries link to it). Update
#: anchors are update-<UTC time>, so no update can take it.
POSTMORTEM_ANCHOR = "update-postmortem"

#: Stands for an incident id in a URL pattern that the archive's script fills in.
ID_PLACEHOLDER = "__ID__"

# -- published files (site paths) -----------------------------------------------------------
#: The site's feed, without extension: `.rss` and `.atom` are both published.
FEED = "feed"
CALENDAR = "maintenance.ics"
#: The status widget other sites embed (`render/widget.py`), at the site's root so that its
#: own address gives the site's: summary.json is read relative to it.
WIDGET = "widget.js"
API_DIR = "api/v2"
#: What the archive page filters (ids, titles, times, impact, type, state, components).
ARCHIVE_INDEX = "history/index.json"
#: What the archive's rows of one year show (`archive_year_rows`), fetched as rows reach it.
ARCHIVE_YEAR_ROWS = "history/index-{year}.json"
#: The archive's free-text search texts, a year in parts (`archive_texts`), fetched newest
#: first as a text query needs them.
ARCHIVE_TEXTS = "history/search-{year}-{part}.json"
#: The incidents of the overview's day bars, fetched when a reader first opens a tooltip.
DAY_INCIDENTS = "history/days.json"
#: The whole page's badge; component ids cannot start with "_", so this never collides.
PAGE_BADGE = "_page"
ASSETS_DIR = "assets/statusgen"
ASSETS = ("statusgen.css", "statusgen.js", "archive.js", "picker.js")
#: Where a reader lands who shortens a component's or an incident's address: a page that
#: sends them on to the overview's components and to the archive (`render/redirects.py`).
FOLDER_INDEXES = {
    "components/index.html": (OVERVIEW, "sg-components", "overview.components"),
    "incidents/index.html": (HISTORY, "", "history.title"),
}
#: JSON Schemas of the content files, published so editors can complete and check them.
SCHEMAS = ("components.schema.json", "incident.schema.json")


#: The data of a reliability report's charts and tables, as CSV files beside its page.
REPORT_FILES = ("incidents.csv", "time-to-resolve.csv", "uptime.csv", "resolutions.csv")


#: The JSON API's documents (Statuspage's v2 paths), under `API_DIR`.
API_FILES = (
    "summary.json",
    "status.json",
    "components.json",
    "incidents.json",
    "incidents/unresolved.json",
    "scheduled-maintenances.json",
    "scheduled-maintenances/upcoming.json",
    "scheduled-maintenances/active.json",
)


def report_file(name: str, component_id: str | None = None) -> str:
    """report/<name> for the site's report, components/<id>/report/<name> for a component's."""
    return f"components/{component_id}/report/{name}" if component_id else f"report/{name}"


def archive_year_rows(year: int) -> str:
    """history/index-<year>.json"""
    return ARCHIVE_YEAR_ROWS.format(year=year)


def archive_texts(year: int, part: int) -> str:
    """history/search-<year>-<part>.json"""
    return ARCHIVE_TEXTS.format(year=year, part=part)


def component_feed(component_id: str) -> str:
    """components/<id>/feed (add .rss or .atom)."""
    return f"components/{component_id}/feed"


#: What the probes measured (not a Statuspage file; only where there is a probe history).
RESPONSE_TIMES = "api/v2/response-times.json"


def incident_feed(incident_id: str) -> str:
    """incidents/<id>/feed (add .rss or .atom): beside the page, never a page's path."""
    return f"incidents/{incident_id}/feed"


def api_file(name: str) -> str:
    """api/v2/<name>"""
    return f"{API_DIR}/{name}"


def badge(name: str, extension: str) -> str:
    """badges/<component id or PAGE_BADGE>.<svg|json>"""
    return f"badges/{name}.{extension}"


def schema(name: str) -> str:
    """schemas/<name>"""
    return f"schemas/{name}"


def asset(name: str) -> str:
    """assets/statusgen/<name>"""
    return f"{ASSETS_DIR}/{name}"


def in_language(path: str, language: str, default: str) -> str:
    """A page's source path or a file's site path as published for readers of `language`:
    the default language's at the root (the addresses a one-language site has), another's
    under its code (`fr/incidents/<id>.md`, `fr/feed.rss`, `fr/api/v2/summary.json`)."""
    return path if language == default else f"{language}/{path}"


#: Files that read the same in every language, published once at the root: statusgen's
#: assets, the schemas, what the probes measured and an internal site's robots.txt.
SHARED_FILES = (f"{ASSETS_DIR}/", "schemas/", RESPONSE_TIMES, "robots.txt")


def file_in_language(path: str, language: str, default: str) -> str:
    """A published file's site path for readers of `language` (`in_language`), or its one
    path when every language shares it (`SHARED_FILES`)."""
    return path if path.startswith(SHARED_FILES) else in_language(path, language, default)


def static_page_url(src: str, directory_urls: bool) -> str:
    """A generated page's site-relative URL without a build, as MkDocs names it:
    incidents/x.md -> incidents/x/ (or incidents/x.html without `use_directory_urls`)."""
    return output_url(src, directory_urls)


class SiteUrls:
    """URLs of the site's pages and files, site-relative, absolute, or relative to a page.

    `page_url` maps a page's source path to its site-relative URL (the site engine's answer).
    """

    def __init__(
        self,
        page_url: Callable[[str], str],
        base_url: str,
        file_path: Callable[[str], str] | None = None,
    ) -> None:
        self._page_url = page_url
        #: The site's absolute URL, ending with "/".
        self.base = base_url
        #: A file's site path as this language publishes it (`file_in_language`).
        self.file = file_path or _same_path

    @classmethod
    def without_build(cls, base_url: str, directory_urls: bool) -> SiteUrls:
        """The site's URLs for commands that run without MkDocs (`static_page_url`)."""
        return cls(lambda src: static_page_url(src, directory_urls), base_url)

    def page(self, src: str) -> str:
        """A generated page's site-relative URL: incidents/x.md -> incidents/x/."""
        return self._page_url(src)

    def absolute_page(self, src: str) -> str:
        """A generated page's absolute URL, for feeds, calendar and API."""
        return self.base + self._page_url(src)

    def absolute(self, path: str) -> str:
        """A published file's absolute URL."""
        return self.base + self.file(path)

    @property
    def home(self) -> str:
        """The absolute URL of this language's site: `base`, or `base` and the language's
        folder."""
        return self.absolute("")


def _same_path(path: str) -> str:
    return path


def relative(target: str, current: str) -> str:
    """`target` as a link from the page at `current` (both site-relative URLs)."""
    base = current if current.endswith("/") or not current else posixpath.dirname(current)
    rel = _relpath("/" + target, "/" + base)
    if target.endswith("/") or not target:
        rel = "./" if rel == "." else rel + "/"
    return rel


def _relpath(path: str, start: str) -> str:
    """`posixpath.relpath(path, start)` for absolute paths, without its normalizing when no
    segment starts with a dot (about 5 times faster; a page links a few times per row, and
    there are thousands of rows)."""
    if "/." in path or "/." in start:
        return posixpath.relpath(path, start)
    to = [part for part in path.split("/") if part]
    base = [part for part in start.split("/") if part]
    common = 0
    for left, right in zip(to, base, strict=False):
        if left != right:
            break
        common += 1
    return "/".join([".."] * (len(base) - common) + to[common:]) or "."
