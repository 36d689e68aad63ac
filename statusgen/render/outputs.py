"""Everything a build publishes besides pages: feeds, calendar, JSON API, badges, archive index,
report data.

`output_files` lists each file by its site path with what makes its content, made only when
asked; the publication plan (`render/plan.py`) lists them with the pages, and the plugin and
`statusgen check` make them from there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial

from statusgen.derive.snapshot import IncidentView, Snapshot
from statusgen.model import ComponentStatus
from statusgen.options import Options
from statusgen.render import urls
from statusgen.render.api import ApiBuilder
from statusgen.render.archive import (
    archive_years,
    build_archive_index,
    build_text_part,
    build_year_rows,
    text_parts,
)
from statusgen.render.badges import INDICATOR_STATUS, render_badge_svg, render_shields_json
from statusgen.render.bundles import Bundle
from statusgen.render.calendar import render_maintenance_calendar
from statusgen.render.daybars import build_day_incidents
from statusgen.render.feeds import FeedInfo, entry_title, feed_entries, render_feeds
from statusgen.render.live import duration_text
from statusgen.render.locale import TimeFormatter, Translator
from statusgen.render.markup import MarkdownRenderer
from statusgen.render.redirects import render_folder_index
from statusgen.render.report import report_files
from statusgen.render.safejson import render_json
from statusgen.render.widget import render_widget

#: What makes one published file's content.
Maker = Callable[[], str | bytes]


@dataclass(frozen=True)
class PublishSettings:
    """What outputs need to know about the site."""

    site_name: str
    options: Options
    urls: urls.SiteUrls
    t: Translator
    markdown: MarkdownRenderer


def output_files(view: Snapshot, settings: PublishSettings) -> Iterator[tuple[str, Maker]]:
    """Every published non-page file: its path in the site and what makes its content."""
    site_urls, t = settings.urls, settings.t
    incident_url = {i.id: site_urls.absolute_page(urls.incident_page(i.id)) for i in view.incidents}
    fmt = TimeFormatter(view.zone, t)
    yield urls.ARCHIVE_INDEX, lambda: render_json(build_archive_index(view))
    describe = partial(duration_text, t=t, fmt=fmt)
    for year in archive_years(view):
        yield (
            urls.archive_year_rows(year),
            partial(lambda y: render_json(build_year_rows(view, y, describe)), year),
        )
        for part in text_parts(view, year):
            yield (
                urls.archive_texts(year, part),
                partial(lambda y, p: render_json(build_text_part(view, y, p)), year, part),
            )
    yield urls.DAY_INCIDENTS, lambda: render_json(build_day_incidents(view))
    for component_id in (None, *view.components):  # each report's files made together
        report = Bundle(partial(report_files, view, incident_url, component_id))
        for name in urls.REPORT_FILES:
            path = urls.report_file(name, component_id)
            yield path, partial(report.take, path)

    def feeds(path: str, title: str, link: str, of: Callable[[], list[IncidentView]]) -> None:
        info = FeedInfo(
            title=title,
            link=link,
            self_base=site_urls.absolute(path),
            description=t("subscribe.feed_description", name=title),
            language=t.language,
        )

        def both() -> dict[str, bytes]:
            entries = feed_entries(of(), settings.options.feed_entries, settings.markdown)
            return dict(
                zip(
                    ("rss", "atom"),
                    render_feeds(entries, info, incident_url, t, settings.markdown.untranslated),
                    strict=True,
                )
            )

        feed = Bundle(both)  # RSS and Atom of the same entries, each held until written
        made.append((path + ".rss", partial(feed.take, "rss")))
        made.append((path + ".atom", partial(feed.take, "atom")))

    made: list[tuple[str, Maker]] = []
    feeds(urls.FEED, settings.site_name, site_urls.home, lambda: list(view.incidents))
    for component_id, component in view.components.items():
        feeds(
            urls.component_feed(component_id),
            f"{settings.site_name}: {component.component.name}",
            site_urls.absolute_page(urls.component_page(component_id)),
            partial(view.incidents_of_component, component_id),
        )
    for item in filter(view.followable, view.incidents):  # "follow this incident"
        feeds(
            urls.incident_feed(item.id),
            f"{settings.site_name}: {entry_title(item, settings.markdown.untranslated)}",
            incident_url[item.id],
            partial(lambda one: [one], item),
        )
    yield from made
    yield (
        urls.CALENDAR,
        lambda: render_maintenance_calendar(
            view,
            settings.site_name,
            t("subscribe.calendar_name", name=settings.site_name),
            incident_url,
            settings.markdown,
        ),
    )
    api = ApiBuilder(
        view, settings.site_name, site_urls.home, settings.options.timezone, incident_url, t
    )
    documents = Bundle(api.documents)
    for name in urls.API_FILES:
        yield urls.api_file(name), partial(lambda n: render_json(documents.take(n)), name)
    yield urls.WIDGET, partial(render_widget, t)
    for path, (_, _, title) in urls.FOLDER_INDEXES.items():
        yield (
            path,
            partial(render_folder_index, path, site_urls, settings.site_name, t(title), t.language),
        )
    for name, label, status, message in badges(view, settings):
        yield urls.badge(name, "svg"), partial(render_badge_svg, label, message, status)
        yield urls.badge(name, "json"), partial(render_shields_json, label, message, status)


Badge = tuple[str, str, ComponentStatus, str]


def badges(view: Snapshot, settings: PublishSettings) -> list[Badge]:
    """(name, label, status, message) of the page's badge and of each component's."""
    t, state = settings.t, view.state
    page_status = (
        ComponentStatus.UNDER_MAINTENANCE
        if state.under_maintenance
        else INDICATOR_STATUS[state.indicator]
    )
    found = [(urls.PAGE_BADGE, settings.site_name, page_status, t("indicator." + state.banner))]
    found += [
        (cid, c.component.name, c.status, t("status." + c.status.value))
        for cid, c in view.components.items()
    ]
    return [(name, label, status, message.lower()) for name, label, status, message in found]
