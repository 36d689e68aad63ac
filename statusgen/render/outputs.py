"""Everything a build publishes besides pages: feeds, calendar, JSON API, badges, archive index.

`build_outputs` returns file contents by site path; the site engine writes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from statusgen.derive.snapshot import IncidentView, Snapshot
from statusgen.model import ComponentStatus
from statusgen.options import Options
from statusgen.render import urls
from statusgen.render.api import ApiBuilder
from statusgen.render.archive import build_archive_index, build_search_index
from statusgen.render.badges import INDICATOR_STATUS, render_badge_svg, render_shields_json
from statusgen.render.calendar import render_maintenance_calendar
from statusgen.render.feeds import FeedInfo, feed_entries, render_feeds
from statusgen.render.live import duration_text
from statusgen.render.locale import TimeFormatter, Translator
from statusgen.render.markup import MarkdownRenderer
from statusgen.render.report import report_files
from statusgen.render.safejson import render_json


@dataclass(frozen=True)
class PublishSettings:
    """What outputs need to know about the site."""

    site_name: str
    options: Options
    urls: urls.SiteUrls
    t: Translator
    markdown: MarkdownRenderer


def build_outputs(view: Snapshot, settings: PublishSettings) -> dict[str, str | bytes]:
    """Every published non-page file, by its path in the site."""
    site_urls, t = settings.urls, settings.t
    incident_url = {i.id: site_urls.absolute_page(urls.incident_page(i.id)) for i in view.incidents}
    files: dict[str, str | bytes] = {
        urls.ARCHIVE_INDEX: render_json(
            build_archive_index(view, partial(duration_text, t=t, fmt=TimeFormatter(view.zone, t)))
        ),
        urls.ARCHIVE_TEXTS: render_json(build_search_index(view)),
        **report_files(view, site_urls),
    }

    def feeds(path: str, title: str, link: str, incidents: list[IncidentView]) -> None:
        info = FeedInfo(
            title=title,
            link=link,
            self_base=site_urls.absolute(path),
            description=t("subscribe.feed_description", name=title),
            language=t.language,
        )
        entries = feed_entries(incidents, settings.options.feed_entries, settings.markdown)
        files[path + ".rss"], files[path + ".atom"] = render_feeds(entries, info, incident_url, t)

    feeds(urls.FEED, settings.site_name, site_urls.base, list(view.incidents))
    for component_id, component in view.components.items():
        feeds(
            urls.component_feed(component_id),
            f"{settings.site_name}: {component.component.name}",
            site_urls.absolute_page(urls.component_page(component_id)),
            view.incidents_of_component(component_id),
        )

    files[urls.CALENDAR] = render_maintenance_calendar(
        view, settings.site_name, incident_url, settings.markdown
    )

    api = ApiBuilder(
        view, settings.site_name, site_urls.base, settings.options.timezone, incident_url, t
    )
    for name, document in api.documents().items():
        files[urls.api_file(name)] = render_json(document)

    state = view.state
    page_status = (
        ComponentStatus.UNDER_MAINTENANCE
        if state.under_maintenance
        else INDICATOR_STATUS[state.indicator]
    )
    badges: list[tuple[str, str, ComponentStatus, str]] = [
        (urls.PAGE_BADGE, settings.site_name, page_status, t("indicator." + state.banner).lower())
    ]
    badges += [
        (cid, c.component.name, c.status, t("status." + c.status.value).lower())
        for cid, c in view.components.items()
    ]
    for name, label, status, message in badges:
        files[urls.badge(name, "svg")] = render_badge_svg(label, message, status)
        files[urls.badge(name, "json")] = render_shields_json(label, message, status)
    return files
