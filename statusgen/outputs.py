"""Everything a build publishes besides pages: feeds, calendar, JSON API, badges, archive index.

`build_outputs` returns file contents by site path; the plugin hands them to MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from statusgen.api import ApiBuilder
from statusgen.archive import INDEX_PATH, SEARCH_PATH, build_archive_index, build_search_index
from statusgen.badges import INDICATOR_STATUS, render_badge_svg, render_shields_json
from statusgen.feeds import FeedInfo, component_incidents, feed_entries, render_feeds
from statusgen.i18n import Translator
from statusgen.ical import render_maintenance_calendar
from statusgen.pages import Urls, incident_src
from statusgen.safejson import render_json
from statusgen.views import SiteView

FEED = "feed"
CALENDAR = "maintenance.ics"
API_DIR = "api/v2"
#: The whole page's badge; component ids cannot start with "_", so this never collides.
PAGE_BADGE = "_page"


def component_feed(component_id: str) -> str:
    """components/<id>/feed (add .rss or .atom)."""
    return f"components/{component_id}/feed"


@dataclass(frozen=True)
class PublishSettings:
    """What outputs need to know about the site."""

    site_name: str
    #: The site's absolute URL, ending with "/".
    base_url: str
    time_zone: str
    feed_entries: int
    urls: Urls
    t: Translator


def build_outputs(view: SiteView, settings: PublishSettings) -> dict[str, str | bytes]:
    """Every published non-page file, by its path in the site."""
    base, t = settings.base_url, settings.t
    incident_url = {i.id: base + settings.urls.of(incident_src(i.id)) for i in view.incidents}
    files: dict[str, str | bytes] = {
        INDEX_PATH: render_json(build_archive_index(view)),
        SEARCH_PATH: render_json(build_search_index(view)),
    }

    def feeds(path: str, title: str, link: str, incidents: list) -> None:  # type: ignore[type-arg]
        info = FeedInfo(
            title=title,
            link=link,
            self_base=base + path,
            description=t("subscribe.feed_description", name=title),
            language=t.language,
        )
        entries = feed_entries(incidents, settings.feed_entries)
        files[path + ".rss"], files[path + ".atom"] = render_feeds(entries, info, incident_url, t)

    feeds(FEED, settings.site_name, base, list(view.incidents))
    for component_id, component in view.components.items():
        page = base + settings.urls.of(f"components/{component_id}.md")
        feeds(
            component_feed(component_id),
            f"{settings.site_name}: {component.component.name}",
            page,
            component_incidents(view, component_id),
        )

    host = urlsplit(base).hostname or "statusgen.local"
    files[CALENDAR] = render_maintenance_calendar(view, settings.site_name, host, incident_url)

    api = ApiBuilder(view, settings.site_name, base, settings.time_zone, incident_url)
    for name, document in api.documents().items():
        files[f"{API_DIR}/{name}"] = render_json(document)

    page_message = t("indicator." + view.state.indicator.value).lower()
    badges = [
        (PAGE_BADGE, settings.site_name, INDICATOR_STATUS[view.state.indicator], page_message)
    ]
    badges += [
        (cid, c.component.name, c.status, t("status." + c.status.value).lower())
        for cid, c in view.components.items()
    ]
    for name, label, status, message in badges:
        files[f"badges/{name}.svg"] = render_badge_svg(label, message, status)
        files[f"badges/{name}.json"] = render_shields_json(label, message, status)
    return files
