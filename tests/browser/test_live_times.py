"""Times readers can trust (issue 14): the reader's zone, named; the next update counting down
and then overdue; durations, "ago" and maintenance states moving with the clock; a notice when
the page itself is old while something is open; and, without JavaScript, the site's zone text.

Every page opens with its clock at the example's build time, 2026-11-23T12:00:00Z, or at the
moment a test names (`browsing.open(..., at=...)`); Playwright's clock moves it on from there.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from sitebuild import EXAMPLE_BUILT as BUILT
from sitebuild import FIXTURE_BUILT, SLOW_RESOLVED, shared_fixture_site

ACTIVE = "2026-11-23-email-delivery-delays"
UPCOMING = "2026-12-02-object-storage-metadata-upgrade"
RESOLVED = "2026-07-22-us-east-network-outage"
#: The example maintenance's window.
WINDOW_START = datetime(2026, 12, 2, 2, 0, tzinfo=UTC)
WINDOW_END = datetime(2026, 12, 2, 4, 0, tzinfo=UTC)
STALE = "the status may have changed"

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}
TWO_VIEWS = [
    pytest.param(DESKTOP, "light", id="desktop-light"),
    pytest.param(PHONE, "dark", id="375-dark"),
]


def _ms(span: timedelta) -> int:
    return int(span.total_seconds() * 1000)


def _no_horizontal_scroll(page: Page) -> None:
    scroll, viewport = page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
    assert scroll <= viewport, f"the page scrolls sideways: {scroll} > {viewport}"


# -- The reader's zone, named ----------------------------------------------------------------


ZONES = [
    # 11:15 UTC (the latest update) is 06:15 in New York, 12:15 in Amsterdam, 11:15 in London.
    pytest.param(
        "en-US",
        "America/New_York",
        "Nov 23, 2026, 6:15 AM EST",
        "Nov 23, 2026, 7:00 AM EST",
        id="en-US-new-york",
    ),
    pytest.param(
        "en-GB",
        "America/New_York",
        re.compile(r"^23 Nov 2026, 06:15 (GMT-5|EST)$"),
        re.compile(r"^23 Nov 2026, 07:00 (GMT-5|EST)$"),
        id="en-GB-new-york-24-hour",
    ),
    pytest.param(
        "en-GB",
        "Europe/London",
        "23 Nov 2026, 11:15 GMT",
        "23 Nov 2026, 12:00 GMT",
        id="en-GB-london",
    ),
]


@pytest.mark.parametrize(("locale", "timezone", "update", "built"), ZONES)
def test_times_name_the_readers_zone(
    browsing: Any,
    locale: str,
    timezone: str,
    update: str | re.Pattern[str],
    built: str | re.Pattern[str],
) -> None:
    """The reader's zone is named; the hour cycle is the reader's variant of the page's
    language (English: 12-hour in the US, 24-hour in Britain); the site's text is the title."""
    page = browsing.open(f"/incidents/{ACTIVE}/", locale=locale, timezone=timezone)
    time = page.locator("#update-20261123T111500Z .sg-update-head time")
    expect(time).to_have_text(update)
    expect(time).to_have_attribute("title", "Nov 23, 2026, 12:15 CET")
    if locale == "en-GB":
        assert not re.search(r"\b[AP]M\b", time.inner_text()), time.inner_text()

    page.goto(browsing.url("/"))
    banner_time = page.locator(".sg-banner-time time")
    expect(banner_time).to_have_text(built)
    expect(banner_time).to_have_attribute("title", "Nov 23, 2026, 13:00 CET")
    # "Latest update: 45 minutes ago": its title gives the moment in both zones.
    ago = page.locator(".sg-update time[data-style=relative]")
    expect(ago).to_have_text("45 minutes ago")
    expect(ago).to_have_attribute("title", re.compile(r"\(Nov 23, 2026, 12:15 CET\)$"))
    browsing.assert_no_problems()


# -- Next update: relative, then overdue ------------------------------------------------------


@pytest.mark.parametrize("path", ["/", f"/incidents/{ACTIVE}/"], ids=["overview", "incident"])
@pytest.mark.parametrize(("size", "scheme"), TWO_VIEWS)
def test_next_update_counts_down_then_is_overdue(
    browsing: Any, path: str, size: dict[str, int], scheme: str
) -> None:
    # The next update is due at 12:15 UTC.
    page = browsing.open(path, at=BUILT + timedelta(minutes=3), size=size, scheme=scheme)
    line = page.locator(".sg-next:not(.sg-estimate)")
    expect(line).to_have_count(1)
    expect(line.locator(".sg-due-text")).to_have_text("in 12 minutes")
    expect(line).not_to_have_class(re.compile(r"\bsg-overdue\b"))
    expect(line).to_contain_text("Next update by")
    expect(line.locator("time")).to_have_attribute("title", "Nov 23, 2026, 13:15 CET")

    page.clock.fast_forward(_ms(timedelta(minutes=17)))  # 12:20 UTC
    expect(line).to_have_class(re.compile(r"\bsg-overdue\b"))
    due = line.locator(".sg-due-text")
    expect(due).to_have_text("overdue by 5 min")
    # Not colour alone: a warning sign before the words, and a border around them.
    style = due.evaluate(
        "el => { const s = getComputedStyle(el), b = getComputedStyle(el, '::before');"
        " return {icon: b.content, border: s.borderTopStyle}; }"
    )
    assert "⚠" in style["icon"] and style["border"] == "solid", style
    expect(due).to_be_visible()
    _no_horizontal_scroll(page)
    width = "desktop" if size is DESKTOP else f"{size['width']}px"
    name = "overview" if path == "/" else "incident"
    browsing.screenshot(page, f"live-overdue-{name}-{width}-{scheme}", full_page=False)

    page.clock.fast_forward(_ms(timedelta(hours=2)))
    expect(due).to_have_text("overdue by 2 h 5 min")
    browsing.assert_no_problems()


@pytest.mark.parametrize("path", ["/", f"/incidents/{ACTIVE}/"], ids=["overview", "incident"])
def test_the_estimated_resolution_counts_down_with_the_clock(browsing: Any, path: str) -> None:
    """The example's estimate is 13:00 UTC: "in 57 minutes" three minutes after the build,
    then "in 7 minutes" fifty minutes later; the server wrote "in about 1 h" for readers
    without JavaScript."""
    page = browsing.open(path, at=BUILT + timedelta(minutes=3))
    line = page.locator(".sg-next.sg-estimate")
    expect(line).to_have_count(1)
    expect(line).to_contain_text("Estimated resolution")
    expect(line.locator("time")).to_have_attribute("datetime", "2026-11-23T13:00:00Z")
    expect(line.locator(".sg-due-text")).to_have_text("in 57 minutes")
    page.clock.fast_forward(_ms(timedelta(minutes=50)))
    expect(line.locator(".sg-due-text")).to_have_text("in 7 minutes")
    browsing.assert_no_problems()
    static = browsing.open(path, js=False)
    due = static.locator(".sg-next.sg-estimate .sg-due-text")
    expect(due).to_have_text(re.compile(r"^in about 1\u00a0h$"))


# -- Durations and "ago" ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "row"),
    [
        ("/", "section[aria-labelledby=sg-past] li.sg-row"),
        ("/history/", "#sg-results li.sg-row"),
        ("/history/2026/", "li.sg-row"),
        ("/components/email-delivery/", "li.sg-row"),
    ],
    ids=["overview-past", "archive", "year", "component"],
)
def test_an_open_incidents_row_counts_with_the_clock(browsing: Any, path: str, row: str) -> None:
    """Listed rows say "Ongoing for ..." as the card does, a day after the build too; the
    archive's own rows (drawn after a filter) as well."""
    page = browsing.open(path, at=BUILT + timedelta(days=1))
    line = page.locator(row, has_text="Transactional emails delayed").first
    expect(line.locator(".sg-live")).to_have_text("Ongoing for 1 d 2 h")
    if path == "/history/":
        page.select_option("#sg-filters select[name=status]", "active")
        line = page.locator(row, has_text="Transactional emails delayed")
        expect(line.locator(".sg-live")).to_have_text("Ongoing for 1 d 2 h")
    browsing.assert_no_problems()


def test_durations_and_ago_grow_with_the_clock(browsing: Any) -> None:
    page = browsing.open("/")
    card = page.locator("section[aria-labelledby=sg-active] article.sg-card")
    duration = card.locator(".sg-live")
    ago = card.locator(".sg-update time[data-style=relative]")
    # As built: the incident started at 09:40, its latest update was at 11:15.
    expect(duration).to_have_text("Ongoing for 2 h 20 min")
    expect(ago).to_have_text("45 minutes ago")

    page.clock.fast_forward(_ms(timedelta(hours=1)))
    expect(duration).to_have_text("Ongoing for 3 h 20 min")
    expect(ago).to_have_text("2 hours ago")

    page.clock.fast_forward(_ms(timedelta(days=3)))
    expect(duration).to_have_text("Ongoing for 3 d 3 h")
    expect(ago).to_have_text("3 days ago")

    incident = browsing.open(f"/incidents/{ACTIVE}/", at=BUILT + timedelta(days=3))
    expect(incident.locator(".sg-summary .sg-duration")).to_have_text("Ongoing for 3 d 2 h")
    # Only a new build resolves an incident: its state label stays as posted.
    expect(incident.locator(".sg-summary .sg-phase")).to_have_text("Monitoring")

    resolved = browsing.open(f"/incidents/{RESOLVED}/", at=BUILT + timedelta(days=30))
    expect(resolved.locator(".sg-summary .sg-duration")).to_have_text(
        re.compile(r"^Resolved after \d+\sh(\s\d+\smin)?$")  # non-breaking spaces inside
    )
    browsing.assert_no_problems()


def test_a_clock_behind_the_build_does_not_undo_the_page(browsing: Any) -> None:
    """A reader's clock an hour slow shows what the page was built with, not less."""
    page = browsing.open("/", at=BUILT - timedelta(hours=1))
    card = page.locator("section[aria-labelledby=sg-active] article.sg-card")
    expect(card.locator(".sg-live")).to_have_text("Ongoing for 2 h 20 min")
    expect(card.locator(".sg-update time[data-style=relative]")).to_have_text("45 minutes ago")


# -- Maintenance: upcoming, in progress, over -------------------------------------------------


@pytest.mark.parametrize(("size", "scheme"), TWO_VIEWS)
def test_upcoming_maintenance_starts_then_ends_on_the_overview(
    browsing: Any, size: dict[str, int], scheme: str
) -> None:
    page = browsing.open("/", at=WINDOW_START - timedelta(minutes=2), size=size, scheme=scheme)
    card = page.locator("article.sg-card.sg-maintenance", has_text="metadata upgrade")
    state = card.locator(".sg-live-state")
    expect(state).to_be_visible()
    expect(state.locator(".sg-phase")).to_have_text("Scheduled")
    expect(state.locator(".sg-live")).to_have_text("Starts in 2 minutes")

    heading = page.locator("section.sg-maintenance-section", has=card).locator("h2")
    expect(heading).to_have_text("Upcoming maintenance")
    page.clock.fast_forward(_ms(timedelta(minutes=3)))  # 02:01 UTC
    expect(state.locator(".sg-phase")).to_have_text("In progress")
    expect(heading).to_have_text("Maintenance in progress")
    expect(state.locator(".sg-phase")).to_have_class(re.compile(r"\bsg-p-in_progress\b"))
    expect(state.locator(".sg-live")).to_have_text("Ongoing for 1 min")
    _no_horizontal_scroll(page)
    width = "desktop" if size is DESKTOP else f"{size['width']}px"
    browsing.screenshot(page, f"live-maintenance-in-progress-{width}-{scheme}", full_page=False)

    page.clock.fast_forward(_ms(timedelta(hours=2)))  # 04:01 UTC
    expect(state.locator(".sg-phase")).to_have_text("Completed")
    expect(heading).to_have_text("Maintenance just completed")
    expect(state.locator(".sg-live")).to_have_text("Completed after 2 h")
    # The window's times stay as they are (the reader's zone).
    expect(card.locator("time[datetime='2026-12-02T02:00:00Z']")).to_have_text(
        "Dec 2, 2026, 3:00 AM GMT+1"
    )
    browsing.assert_no_problems()


def test_upcoming_maintenance_starts_then_ends_on_its_page(browsing: Any) -> None:
    page = browsing.open(f"/incidents/{UPCOMING}/")
    label = page.locator(".sg-summary .sg-phase")
    duration = page.locator(".sg-summary .sg-duration")
    expect(label).to_have_text("Scheduled")
    expect(duration).to_have_text("Starts in 9 days")

    page.clock.fast_forward(_ms(WINDOW_START - BUILT + timedelta(minutes=30)))
    expect(label).to_have_text("In progress")
    expect(duration).to_have_text("Ongoing for 30 min")

    page.clock.fast_forward(_ms(timedelta(hours=2)))
    expect(label).to_have_text("Completed")
    expect(label).to_have_class(re.compile(r"\bsg-p-completed\b"))
    expect(duration).to_have_text("Completed after 2 h")
    browsing.assert_no_problems()


# -- The page's own age ------------------------------------------------------------------------


@pytest.mark.parametrize(("size", "scheme"), TWO_VIEWS)
def test_an_old_page_with_an_open_incident_says_so(
    browsing: Any, size: dict[str, int], scheme: str
) -> None:
    page = browsing.open("/", at=BUILT + timedelta(hours=1), size=size, scheme=scheme)
    notice = page.locator(".sg-stale")
    expect(page.locator(".sg-banner-time")).to_have_attribute("data-stale-after", "7200")
    expect(page.locator(".sg-banner-time time")).to_be_visible()
    expect(notice).to_be_hidden()  # an hour old: fine

    page.clock.fast_forward(_ms(timedelta(hours=2)))  # three hours old
    expect(notice).to_be_visible()
    expect(notice).to_have_text("Updated 3 hours ago; the status may have changed.")
    # In the banner, its live region.
    expect(page.locator(".sg-banner[aria-live=polite] .sg-stale")).to_be_visible()
    _no_horizontal_scroll(page)
    width = "desktop" if size is DESKTOP else f"{size['width']}px"
    browsing.screenshot(page, f"live-stale-{width}-{scheme}", full_page=False)

    page.clock.fast_forward(_ms(timedelta(days=3)))
    expect(notice).to_have_text("Updated 3 days ago; the status may have changed.")
    browsing.assert_no_problems()


MAINTENANCE_ONLY = """
---
title: Database upgrade
type: maintenance
components: {api: under_maintenance}
scheduled: {start: 2026-03-12T02:00:00Z, end: 2026-03-12T04:00:00Z}
phases:
  - at: 2026-03-05T10:00:00Z
    status: scheduled
    message: We will upgrade the database.
---
"""


@pytest.fixture(scope="module")
def quiet_site_url(
    tmp_path_factory: pytest.TempPathFactory, serve: Callable[[Path], Any]
) -> Iterator[str]:
    """A small site with no open incident and one upcoming maintenance, built once per run
    and served."""
    out = shared_fixture_site(
        tmp_path_factory,
        "quiet",
        {
            "incidents/2026-03-10-slow-website.md": SLOW_RESOLVED,
            "incidents/2026-03-12-database-upgrade.md": MAINTENANCE_ONLY,
        },
    )
    with serve(out) as url:
        yield url


def test_the_notice_stays_once_nothing_is_open(browsing: Any, quiet_site_url: str) -> None:
    """No incident open: the notice shows once the page is old, while the maintenance is
    upcoming, in progress, and after it is over (an all-green page misleads as much)."""
    page = browsing.open("/", at=FIXTURE_BUILT + timedelta(minutes=30), base=quiet_site_url)
    expect(page.locator(".sg-banner-text")).to_have_text("All systems operational")
    notice = page.locator(".sg-stale")
    state = page.locator(".sg-maintenance .sg-live-state")
    expect(state.locator(".sg-phase")).to_have_text("Scheduled")
    expect(notice).to_be_hidden()

    page.clock.fast_forward(_ms(timedelta(hours=3)))  # 3 h 30 min old, maintenance upcoming
    expect(notice).to_be_visible()
    expect(notice).to_contain_text(STALE)

    now = FIXTURE_BUILT + timedelta(hours=3, minutes=30)
    page.clock.fast_forward(_ms(datetime(2026, 3, 12, 3, 0, tzinfo=UTC) - now))
    expect(state.locator(".sg-phase")).to_have_text("In progress")
    expect(notice).to_be_visible()

    page.clock.fast_forward(_ms(timedelta(hours=2)))  # 05:00: over, nothing open
    expect(state.locator(".sg-phase")).to_have_text("Completed")
    expect(notice).to_be_visible()
    expect(notice).to_have_text("Updated 2 days ago; the status may have changed.")
    browsing.assert_no_problems()


# -- Accessibility of what the script adds -----------------------------------------------------
# The overview three hours after the build (the next update overdue, the page old) is checked
# with axe-core in both palettes, on a laptop and a phone, by test_day_tooltips.py's
# test_open_tooltips_and_updates_stay_accessible.


# -- Without JavaScript ------------------------------------------------------------------------


def test_without_javascript_the_site_zone_text_stays(browsing: Any) -> None:
    page = browsing.open("/", js=False, timezone="America/New_York")
    banner_time = page.locator(".sg-banner-time time")
    expect(banner_time).to_have_text("Nov 23, 2026, 13:00 CET")
    assert banner_time.get_attribute("title") is None
    card = page.locator("section[aria-labelledby=sg-active] article.sg-card")
    expect(card.locator(".sg-meta").first).to_contain_text("Ongoing for 2 h 20 min")
    expect(card.locator(".sg-update time")).to_have_text("Nov 23, 2026, 12:15 CET")
    expect(card.locator(".sg-next:not(.sg-estimate)")).to_have_text(
        "Next update by Nov 23, 2026, 13:15 CET"
    )
    expect(page.locator(".sg-maintenance .sg-live-state")).to_be_hidden()
    expect(page.locator(".sg-maintenance time[datetime='2026-12-02T02:00:00Z']")).to_have_text(
        "Dec 2, 2026, 03:00 CET"
    )
    expect(page.locator(".sg-stale")).to_be_hidden()

    page.goto(browsing.url(f"/incidents/{UPCOMING}/"))
    expect(page.locator(".sg-summary .sg-duration")).to_have_text("Scheduled")
    expect(page.locator(".sg-summary .sg-phase")).to_have_text("Scheduled")
    page.goto(browsing.url(f"/incidents/{ACTIVE}/"))
    expect(page.locator(".sg-summary .sg-duration")).to_have_text("Ongoing for 2 h 20 min")
    expect(page.locator(".sg-next:not(.sg-estimate)")).to_have_text(
        "Next update by Nov 23, 2026, 13:15 CET"
    )
