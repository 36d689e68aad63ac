"""The keys of pages that read across incidents (statusgen/render/pagereads.py): the same at
two moments of one window, another past its end; none for the overview, for a page reading an
incident still open, or when the window is the build's moment alone; a component's page keyed
by its own incidents only; the generated files' keys (`file_key`) by what each reads."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from models import incident, phase, site

from statusgen.clock import iso_utc
from statusgen.model import Audience, Incident, StatusSite
from statusgen.options import Options
from statusgen.render import plan as planning
from statusgen.render import urls
from statusgen.render.pagereads import across_key, build_world, file_key
from statusgen.render.pages import COMPONENT_PAGE, HISTORY_PAGE, OVERVIEW_PAGE, REPORT_PAGE
from statusgen.render.verdicts import Verdicts

NOW = datetime(2026, 11, 25, 12, tzinfo=UTC)


def resolved_site(*more: Incident) -> StatusSite:
    return site(
        incident("db", {"api": "major_outage"}, phase("2026-11-22T10:00Z", "resolved")),
        incident(
            "slow", {"dashboard": "degraded_performance"}, phase("2026-11-23T09:00Z", "resolved")
        ),
        *more,
    )


def settings() -> planning.SiteSettings:
    return planning.SiteSettings(
        site_name="Test Status",
        options=Options(),
        language="en",
        page_url=lambda src: urls.static_page_url(src, True),
        base_url="https://status.test/",
    )


def keys(s: StatusSite, now: datetime, tmp_path: Path) -> dict[str, str | None]:
    """The key of each page of the site's plan at `now`, by source path."""
    plan = planning.plan_site(s, Audience.PUBLIC, now, settings())
    world = build_world(s, Options(), tmp_path, now)
    verdicts = Verdicts.keys_only()
    found: dict[str, str | None] = {}
    for item in plan.own():
        if item.page is not None:
            found[item.src] = across_key(
                verdicts, "settings", item.src, item.page, plan, world, iso_utc(now)
            )
    return found


def of_kind(s: StatusSite, kind: object) -> list[str]:
    plan = planning.plan_site(s, Audience.PUBLIC, NOW, settings())
    return [item.src for item in plan.own() if item.page is not None and item.page.kind is kind]


def test_the_same_within_a_window_and_another_past_its_end(tmp_path: Path) -> None:
    s = resolved_site()
    history = of_kind(s, HISTORY_PAGE)[0]
    now = keys(s, NOW, tmp_path)
    assert now[history] is not None
    later = keys(s, NOW + timedelta(minutes=30), tmp_path)
    assert later[history] == now[history]
    next_day = keys(s, NOW + timedelta(days=1), tmp_path)[history]
    assert next_day is not None and next_day != now[history]
    # A report's mean time between failures runs to the build's moment: its key moves with it.
    report = of_kind(s, REPORT_PAGE)[0]
    assert now[report] is not None and later[report] is not None
    assert later[report] != now[report]
    assert keys(s, NOW, tmp_path)[report] == now[report]


def test_none_for_the_overview_and_an_open_incident(tmp_path: Path) -> None:
    s = resolved_site()
    overview = of_kind(s, OVERVIEW_PAGE)[0]
    assert keys(s, NOW, tmp_path)[overview] is None
    opened = resolved_site(
        incident("open", {"api": "major_outage"}, phase("2026-11-25T11:00Z", "investigating"))
    )
    found = keys(opened, NOW, tmp_path)
    history = of_kind(opened, HISTORY_PAGE)[0]
    assert found[history] is None
    assert urls.component_page("api") in of_kind(opened, COMPONENT_PAGE)
    assert found[urls.component_page("api")] is None  # the open incident's component
    assert found[urls.component_page("dashboard")] is not None  # reads its own incidents


def test_none_when_a_time_of_the_site_is_the_build_moment(tmp_path: Path) -> None:
    s = resolved_site()
    assert build_world(s, Options(), tmp_path, datetime(2026, 11, 23, 9, tzinfo=UTC)) is None
    assert build_world(s, Options(), tmp_path, NOW) is not None


def test_a_component_page_reads_its_own_incidents_only(tmp_path: Path) -> None:
    s = resolved_site()
    more = resolved_site(
        incident("cdn", {"api": "partial_outage"}, phase("2026-11-24T08:00Z", "resolved"))
    )
    before, after = keys(s, NOW, tmp_path), keys(more, NOW, tmp_path)
    assert before[urls.component_page("dashboard")] == after[urls.component_page("dashboard")]
    assert before[urls.component_page("api")] != after[urls.component_page("api")]


def file_keys(s: StatusSite, now: datetime, tmp_path: Path) -> dict[str, str | None]:
    """The key of each generated file (not a page) of the site's plan at `now`, by path."""
    plan = planning.plan_site(s, Audience.PUBLIC, now, settings())
    world = build_world(s, Options(), tmp_path, now)
    verdicts = Verdicts.keys_only()
    digests: dict[str, str | None] = {}
    return {
        item.src: file_key(verdicts, "settings", item.src, plan, world, digests)
        for item in plan.own()
        if item.page is None
    }


def test_a_file_reads_its_year_its_component_or_every_incident(tmp_path: Path) -> None:
    last_year = incident(
        "old", {"dashboard": "degraded_performance"}, phase("2025-03-01T10:00Z", "resolved")
    )
    s = resolved_site(last_year)
    more = resolved_site(
        last_year,
        incident("cdn", {"api": "partial_outage"}, phase("2026-11-24T08:00Z", "resolved")),
    )
    before, after = file_keys(s, NOW, tmp_path), file_keys(more, NOW, tmp_path)
    assert None not in before.values()
    same = {src for src in before if before[src] == after.get(src)}
    assert urls.archive_year_rows(2025) in same and urls.archive_texts(2025, 1) in same
    assert urls.archive_year_rows(2026) not in same
    dashboard = urls.report_file("uptime.csv", "dashboard")
    assert dashboard in same and urls.report_file("uptime.csv", "api") not in same
    assert urls.component_feed("dashboard") + ".rss" in same
    for src in (urls.ARCHIVE_INDEX, urls.api_file("summary.json"), urls.FEED + ".rss"):
        assert src in before and src not in same
    later = file_keys(s, NOW + timedelta(minutes=30), tmp_path)
    assert later == before, "the same within the window"
    assert file_keys(s, NOW + timedelta(days=1), tmp_path)[dashboard] != before[dashboard]


def test_no_file_is_keyed_at_a_moment_of_the_site_and_only_its_own_past_an_open_incident(
    tmp_path: Path,
) -> None:
    s = resolved_site()
    assert set(file_keys(s, datetime(2026, 11, 23, 9, tzinfo=UTC), tmp_path).values()) == {None}
    opened = resolved_site(
        incident("open", {"api": "major_outage"}, phase("2026-11-25T11:00Z", "investigating"))
    )
    found = file_keys(opened, NOW, tmp_path)
    assert found[urls.api_file("summary.json")] is None and found[urls.ARCHIVE_INDEX] is None
    assert found[urls.report_file("uptime.csv", "api")] is None
    assert found[urls.report_file("uptime.csv", "dashboard")] is not None
