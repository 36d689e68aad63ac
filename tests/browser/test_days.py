"""Days that agree (issue 27, item 2): past incidents on the overview sit under day headings
of the reader's zone, matching their rows' dates; without JavaScript every date is the site's
day (Europe/Amsterdam in the example) and the zone is named once.

Every page opens with its clock at its site's build time: the example's, 2026-11-23T12:00:00Z,
or the fixture site's, 2026-03-10T12:00:00Z.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect
from sitebuild import FIXTURE_BUILT, shared_fixture_site

SITE_ZONE = ZoneInfo("Europe/Amsterdam")

#: Each day heading of past incidents, with the dates of the rows under it (or None for a day
#: the page says had no incidents), as the reader sees them: a row's date is its first time
#: (its updates' times follow it).
DAYS = """
Array.from(document.querySelectorAll('.sg-days h3.sg-day')).map(h => {
  const body = h.nextElementSibling;
  const rows = body && body.matches('ul.sg-list')
    ? Array.from(body.querySelectorAll('li.sg-row'), r => r.querySelector('time'))
        .map(t => [t.textContent, t.getAttribute('datetime')])
    : null;
  const empty = body && body.matches('p.sg-day-empty') ? body.textContent : null;
  return {heading: h.textContent, empty, rows};
})
"""


RESOLVED = """
---
title: {title}
impact: minor
components:
  web: degraded_performance
phases:
  - at: {at}
    status: investigating
    message: Slow pages.
  - at: {end}
    status: resolved
    message: Fixed.
---
"""

#: Incidents near midnight in Amsterdam: each changes day in Los Angeles or in Tokyo.
NEAR_MIDNIGHT = {
    # 00:30 on 9 March in Amsterdam, 15:30 on 8 March in Los Angeles.
    "incidents/2026-03-09-after-midnight.md": RESOLVED.format(
        title="After midnight", at="2026-03-08T23:30:00Z", end="2026-03-09T00:10:00Z"
    ),
    # 17:00 on 9 March in Amsterdam, 01:00 on 10 March in Tokyo.
    "incidents/2026-03-09-evening.md": RESOLVED.format(
        title="Evening", at="2026-03-09T16:00:00Z", end="2026-03-09T16:40:00Z"
    ),
}


@pytest.fixture(scope="module")
def midnight_url(
    tmp_path_factory: pytest.TempPathFactory, serve: Callable[[Path], Any]
) -> Iterator[str]:
    """The fixture site in Europe/Amsterdam with incidents near its midnight, built once per
    run and served."""
    out = shared_fixture_site(
        tmp_path_factory, "midnight", NEAR_MIDNIGHT, timezone="Europe/Amsterdam"
    )
    with serve(out) as url:
        yield url


def _days(page: Page) -> list[dict[str, Any]]:
    days: list[dict[str, Any]] = page.evaluate(DAYS)
    assert days, "no day headings under Past incidents"
    return days


def _rows(days: list[dict[str, Any]]) -> list[str]:
    return [moment for day in days for _, moment in day["rows"] or []]


#: Dates in any other style than the medium one ("Nov 23, 2026"): ISO, numeric, or without
#: the year.
OTHER_DATES = re.compile(
    r"\b(\d{4}-\d\d-\d\d|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}"
    r"|(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2}(?!\d|, \d{4}))"
)


def _assert_one_date_style(page: Page) -> None:
    text = page.locator("main").inner_text()
    assert re.search(r"\b[A-Z][a-z]{2} \d{1,2}, \d{4}\b", text), "no medium date on the page"
    assert not OTHER_DATES.findall(text), OTHER_DATES.findall(text)


def _assert_headings_match_rows(days: list[dict[str, Any]]) -> None:
    for day in days:
        if day["rows"] is None:
            assert day["empty"] == "No incidents reported.", day
            continue
        assert day["rows"], f"an empty list under {day['heading']}"
        for shown, _ in day["rows"]:
            assert shown == day["heading"], f"a row dated {shown} under {day['heading']}"


@pytest.mark.parametrize("zone", ["America/Los_Angeles", "Asia/Tokyo"])
def test_readers_see_day_headings_that_match_their_rows(
    browsing: Any, midnight_url: str, zone: str
) -> None:
    static = browsing.open("/", js=False, timezone=zone, at=FIXTURE_BUILT, base=midnight_url)
    site_rows = _rows(_days(static))
    static.close()

    page = browsing.open("/", timezone=zone, at=FIXTURE_BUILT, base=midnight_url)
    expect(page.locator(".sg-days")).to_have_attribute("data-regrouped", "1")
    days = _days(page)
    _assert_headings_match_rows(days)
    # Every row is still there, once, in the same order (newest first).
    assert _rows(days) == site_rows
    # The example has rows whose day differs between the site's zone and the reader's: the
    # test would pass without regrouping otherwise.
    moved = [
        moment
        for moment in site_rows
        if datetime.fromisoformat(moment).astimezone(SITE_ZONE).date()
        != datetime.fromisoformat(moment).astimezone(ZoneInfo(zone)).date()
    ]
    assert moved, f"no row of the example changes day in {zone}"
    # Headings are consecutive days, newest first, with "No incidents reported" between.
    keys = page.evaluate(
        "Array.from(document.querySelectorAll('.sg-days h3.sg-day')).map(h => h.dataset.day)"
    )
    ordinals = [datetime.fromisoformat(key).toordinal() for key in keys]
    assert ordinals == list(range(ordinals[0], ordinals[0] - len(ordinals), -1))
    # The reader's zone is named where the headings are; the bars' days stay the site's.
    expect(page.locator(".sg-days .sg-days-zone")).to_have_text(f"Days in your time zone ({zone}).")
    expect(page.locator(".sg-legend .sg-days-zone")).to_have_text(
        "Days in the Europe/Amsterdam time zone."
    )


def test_without_javascript_every_day_is_the_sites_and_the_zone_is_named_once(
    browsing: Any,
) -> None:
    page = browsing.open("/", js=False, timezone="America/Los_Angeles")
    days = _days(page)
    _assert_headings_match_rows(days)
    _assert_one_date_style(page)
    for day in days:
        for _, moment in day["rows"] or []:
            local = datetime.fromisoformat(moment).astimezone(SITE_ZONE)
            assert f"{local:%b} {local.day}, {local.year}" == day["heading"]
    expect(page.locator(".sg-days .sg-days-zone")).to_be_hidden()
    text = page.locator("main").inner_text()
    assert text.count("Europe/Amsterdam") == 1, text
    expect(page.locator(".sg-legend .sg-days-zone")).to_have_text(
        "Days in the Europe/Amsterdam time zone."
    )


def test_regrouped_days_keep_one_date_style(browsing: Any) -> None:
    """The example regrouped for a reader in Los Angeles; test_day_tooltips.py's
    test_open_tooltips_and_updates_stay_accessible checks it with axe-core."""
    page = browsing.open("/", timezone="America/Los_Angeles")
    expect(page.locator(".sg-days")).to_have_attribute("data-regrouped", "1")
    _assert_one_date_style(page)
