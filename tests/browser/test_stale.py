"""A page that is never wrong when it is old: once older than `stale_after` (two hours by
default), every generated page says so in a live region, in every state of the site (all
green, an incident open, a maintenance in progress), and "Today" under the last bar becomes
that day's date once the day is over."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from sitebuild import (
    EXAMPLE_BUILT,
    FIXTURE_BUILT,
    SLOW_RESOLVED,
    shared_fixture_site,
)

#: In progress at the fixture's build (2026-03-10 12:00 UTC).
IN_PROGRESS = """
---
title: Database upgrade
type: maintenance
components: {api: under_maintenance}
scheduled: {start: 2026-03-10T11:00:00Z, end: 2026-03-10T15:00:00Z}
phases:
  - at: 2026-03-05T10:00:00Z
    status: scheduled
    message: We will upgrade the database.
  - at: 2026-03-10T11:00:00Z
    status: in_progress
    message: Started.
---
"""
SITES = {
    "green": {"incidents/2026-03-10-slow-website.md": SLOW_RESOLVED},
    "maintenance": {
        "incidents/2026-03-10-slow-website.md": SLOW_RESOLVED,
        "incidents/2026-03-10-database-upgrade.md": IN_PROGRESS,
    },
}
#: What each site's banner says at its build.
BANNERS = {
    "green": "All systems operational",
    "maintenance": "Under maintenance: Public API",
    "incident": "Degraded performance: Email delivery",
}


@pytest.fixture(scope="module")
def sites(
    tmp_path_factory: pytest.TempPathFactory, base_url: str, serve: Callable[[Path], Any]
) -> Iterator[dict[str, tuple[str, datetime]]]:
    """Each state's site, served, with its build moment: two small fixture sites (built once
    per run), and the
    example (an incident open)."""
    urls: dict[str, tuple[str, datetime]] = {"incident": (base_url, EXAMPLE_BUILT)}
    with ExitStack() as servers:
        for name, incidents in SITES.items():
            out = shared_fixture_site(tmp_path_factory, f"stale-{name}", incidents)
            urls[name] = (servers.enter_context(serve(out)), FIXTURE_BUILT)
        yield urls


AGES = {
    timedelta(hours=1): None,
    timedelta(days=3): "Updated 3 days ago; the status may have changed.",
    # Intl.RelativeTimeFormat words 30 days as a month.
    timedelta(days=30): "Updated last month; the status may have changed.",
}
#: Each state young and old; the month's words (Intl's, whatever the state) in one state.
AGED = [
    pytest.param(age, state, id=f"{name}-{state}")
    for name, age in (("1h", timedelta(hours=1)), ("3d", timedelta(days=3)))
    for state in ("green", "incident", "maintenance")
] + [pytest.param(timedelta(days=30), "incident", id="30d-incident")]


@pytest.mark.parametrize(("age", "state"), AGED)
def test_an_old_overview_says_so_in_every_state(
    browsing: Any, sites: dict[str, tuple[str, datetime]], state: str, age: timedelta
) -> None:
    base, built = sites[state]
    page = browsing.open("/", at=built + age, base=base)
    expect(page.locator(".sg-banner-text")).to_contain_text(BANNERS[state])
    notice = page.locator(".sg-banner[aria-live=polite] .sg-stale")
    expect(notice).to_have_count(1)
    today = page.locator(".sg-today").first
    words = AGES[age]
    if words is None:
        expect(notice).to_be_hidden()
        expect(today).to_have_text("Today")
    else:
        expect(notice).to_be_visible()
        expect(notice).to_have_text(words)
        # The last bar is the build's day, no longer today: its date instead.
        day = today.get_attribute("data-day")
        assert day and built.strftime("%-d") in day
        expect(today).to_have_text(day)
        expect(page.locator(".sg-today", has_text="Today")).to_have_count(0)
    browsing.assert_no_problems()


@pytest.mark.parametrize(
    "path",
    [
        "/incidents/2026-03-10-database-upgrade/",
        "/components/api/",
        "/history/",
        "/history/2026/",
        "/report/",
        "/components/api/report/",
    ],
)
def test_every_generated_page_says_so(
    browsing: Any, sites: dict[str, tuple[str, datetime]], path: str
) -> None:
    base, built = sites["maintenance"]
    page = browsing.open(path, at=built + timedelta(hours=1), base=base)
    notice = page.locator("[role=status].sg-stale-region .sg-stale")
    expect(notice).to_have_count(1)
    expect(notice).to_be_hidden()
    page.clock.fast_forward(int(timedelta(days=3).total_seconds() * 1000))
    expect(notice).to_be_visible()
    expect(notice).to_have_text("Updated 3 days ago; the status may have changed.")
    browsing.assert_no_problems()


def test_without_javascript_no_notice(
    browsing: Any, sites: dict[str, tuple[str, datetime]]
) -> None:
    base, built = sites["green"]
    page = browsing.open("/", at=built + timedelta(days=30), base=base, js=False)
    expect(page.locator(".sg-stale")).to_be_hidden()
    expect(page.locator(".sg-today").first).to_have_text("Today")


@pytest.mark.parametrize(("state", "scheme"), [("green", "light"), ("maintenance", "light")])
def test_the_notice_passes_axe(
    browsing: Any,
    run_axe: Callable[[Any], list[dict[str, Any]]],
    sites: dict[str, tuple[str, datetime]],
    state: str,
    scheme: str,
) -> None:
    base, built = sites[state]
    # The example's (an incident open) overview and component page with the notice are
    # axe-checked in both palettes, on a laptop and a phone, by test_day_tooltips.py and
    # test_uptime_calendar.py.
    for path in ("/", "/components/api/"):
        page = browsing.open(path, at=built + timedelta(days=30), base=base, scheme=scheme)
        expect(page.locator(".sg-stale")).to_be_visible()
        violations = [v for v in run_axe(page) if v["impact"] in {"serious", "critical"}]
        assert not violations, [
            (v["id"], v["help"], [n["html"][:120] for n in v["nodes"][:4]]) for v in violations
        ]
