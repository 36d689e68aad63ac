"""The keys of pages that read across incidents (statusgen/render/pagereads.py): the same at
two moments of one window, another past its end; none for the overview, for a page reading an
incident still open, or when the window is the build's moment alone; a component's page keyed
by its own incidents only."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from models import incident, phase, site

from statusgen.model import Audience, Incident, StatusSite
from statusgen.options import Options
from statusgen.render import plan as planning
from statusgen.render import urls
from statusgen.render.pagereads import across_key, build_world
from statusgen.render.pages import COMPONENT_PAGE, HISTORY_PAGE, OVERVIEW_PAGE
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
            found[item.src] = across_key(verdicts, "settings", item.src, item.page, plan, world)
    return found


def of_kind(s: StatusSite, kind: object) -> list[str]:
    plan = planning.plan_site(s, Audience.PUBLIC, NOW, settings())
    return [item.src for item in plan.own() if item.page is not None and item.page.kind is kind]


def test_the_same_within_a_window_and_another_past_its_end(tmp_path: Path) -> None:
    s = resolved_site()
    history = of_kind(s, HISTORY_PAGE)[0]
    now = keys(s, NOW, tmp_path)
    assert now[history] is not None
    assert keys(s, NOW + timedelta(minutes=30), tmp_path)[history] == now[history]
    next_day = keys(s, NOW + timedelta(days=1), tmp_path)[history]
    assert next_day is not None and next_day != now[history]


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
