"""The overview's day tooltips name the day's incidents, linked (issue 27, item 3), by keyboard,
mouse and touch; its past incidents fold their older updates, with and without JavaScript.
The overview carries each day as data and statusgen.js writes the tooltips (the page stays
light at any size); the titles come from history/days.json when a tooltip first opens.

Every page opens with its clock at the example's build moment, 2026-11-23T12:00:00Z, but the
accessibility check's: three hours later, when the page also says it is old and the next
update is overdue, for a reader in Los Angeles, whose days the past incidents are regrouped by.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Locator, Page, expect
from sitebuild import EXAMPLE_BUILT

BLOCKING = {"serious", "critical"}
LAPTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
#: The example's CDN outage: its day's tooltip on the overview names it once opened.
CDN_DAY = "#component-cdn li.sg-bar[data-day='2026-09-02']"
CDN_TITLE = "TLS certificate errors on some custom domains"
CDN_PAGE = "/incidents/2026-09-02-cdn-tls-errors/"


def _shown(tip: Locator) -> bool:
    """Whether a tooltip is shown (hidden ones stay in the accessibility tree, clipped)."""
    return bool(
        tip.evaluate(
            "t => { const s = getComputedStyle(t);"
            " return s.opacity === '1' && s.clipPath === 'none'; }"
        )
    )


def test_keyboard_reaches_the_days_incidents_by_title(browsing: Any) -> None:
    page = browsing.open("/")
    bar = page.locator(CDN_DAY)
    tip = bar.locator(".sg-tip")
    # Before any tooltip opens, the day counts its incidents (the page carries no titles).
    expect(tip.locator("a")).to_have_text("Incidents: 1")
    assert not _shown(tip)
    page.locator("#component-cdn .sg-component-name").focus()
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('li.sg-bar') !== null"):
            break
    else:
        pytest.fail("Tab never reached a day of the CDN's bars")
    # Focus opened the first incident day reached, and its count became its titles, with
    # focus kept on the title that took the count's place.
    focused = page.locator("li.sg-bar:focus-within")
    expect(focused.locator(".sg-tip a").first).to_be_focused()
    expect(focused.locator(".sg-tip a").first).to_have_attribute(
        "href", re.compile(r"^incidents/[^/]+/$")
    )
    assert _shown(focused.locator(".sg-tip"))
    # The CDN outage's day (one of the CDN's incident days) reads its title; Enter follows it.
    for _ in range(50):
        if page.evaluate(f"document.activeElement.closest({CDN_DAY!r}) !== null"):
            break
        page.keyboard.press("Tab")
    else:
        pytest.fail("Tab never reached the CDN outage's day")
    expect(tip.locator("a")).to_have_text(CDN_TITLE)
    assert _shown(tip)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert urlsplit(page.url).path == CDN_PAGE
    browsing.assert_no_problems()


def _touch_page(browsing: Any) -> Page:
    context = browsing.browser.new_context(
        viewport=PHONE, has_touch=True, is_mobile=True, timezone_id="Europe/Amsterdam"
    )
    browsing.contexts.append(context)
    page = context.new_page()
    browsing.watch(page)
    page.goto(browsing.url("/"), wait_until="load")
    return page


def test_a_tap_opens_a_days_tooltip_and_its_links_work(browsing: Any) -> None:
    page = _touch_page(browsing)
    # Phones show the last 30 days: the email delay of the build's day.
    bar = page.locator("#component-email-delivery li.sg-bar[data-day='2026-11-23']")
    tip = bar.locator(".sg-tip")
    bar.scroll_into_view_if_needed()
    bar.tap()
    assert _shown(tip)
    link = tip.locator("a")
    expect(link).to_have_text("Transactional emails delayed")
    # Tapping another day closes the first.
    other = page.locator("#component-api li.sg-bar[data-day='2026-11-22']")
    other.tap()
    assert _shown(other.locator(".sg-tip")) and not _shown(tip)
    bar.tap()
    with page.expect_navigation():
        link.tap()
    assert urlsplit(page.url).path == "/incidents/2026-11-23-email-delivery-delays/"
    browsing.assert_no_problems()


def test_without_javascript_the_component_page_keeps_the_tooltips(browsing: Any) -> None:
    page = browsing.open("/", js=False)
    # The overview's days are data only; its bars still draw and link the component page.
    expect(page.locator("#component-cdn li.sg-bar")).to_have_count(90)
    expect(page.locator("#component-cdn li.sg-bar .sg-tip")).to_have_count(0)
    component = browsing.open("/components/cdn/", js=False)
    tip = component.locator("li.sg-bar .sg-tip", has_text=re.compile("^Sep 2, 2026 "))
    expect(tip.locator("a")).to_have_text(CDN_TITLE)


def _empty_items(tree: str) -> int:
    """List items that are nothing to assistive technology (no name, no children), in an
    aria_snapshot."""
    return sum(1 for line in tree.splitlines() if line.strip() == "- listitem")


def _without_day_tooltips(route: Any) -> None:
    """statusgen.js, minus the overview's tooltips (it finds no [data-bar-words])."""
    script = route.fetch().text()
    assert '"[data-bar-words]"' in script
    route.fulfill(
        body=script.replace('"[data-bar-words]"', '"[data-none]"'),
        content_type="application/javascript",
    )


def test_without_javascript_screen_readers_hear_a_summary_not_empty_days(
    browsing: Any, run_axe: Callable[[Any], list[dict[str, Any]]]
) -> None:
    page = browsing.open("/", js=False)
    components = page.locator("section[aria-labelledby=sg-components]")
    bars = components.locator("ol.sg-bars")
    expect(bars).to_have_count(page.locator("li.sg-component").count())
    # The lists are hidden from assistive technology, with nothing focusable inside.
    for ol in bars.all():
        expect(ol).to_have_attribute("aria-hidden", "true")
    assert page.locator("ol.sg-bars :is(a, [tabindex], button, input)").count() == 0
    tree = components.aria_snapshot()
    assert _empty_items(tree) == 0, tree
    assert "daily uptime" not in tree
    # Instead each component says on how many days it had incidents (counted here from the
    # days' data: "minutes|uptime|incidents"), linking its page, where every day has its tooltip.
    for item in page.locator("li.sg-component").all():
        name = item.locator(".sg-component-name")
        days = item.locator("li.sg-bar[data-d]").evaluate_all(
            "els => els.filter(e => +(e.dataset.d.split('|')[2] || 0) > 0).length"
        )
        link = item.get_by_role(
            "link",
            name=f"{name.text_content()}, day by day: incidents on {days} of the last 90 days",
            exact=True,
        )
        expect(link).to_have_attribute("href", name.get_attribute("href") or "")
    cdn = page.locator("#component-cdn .sg-bars-summary a")
    expect(cdn).to_have_text(re.compile(r"incidents on [1-9]\d* of"))
    # Out of sight until a keyboard reaches it; then it shows.
    summary = page.locator("#component-cdn .sg-bars-summary")
    assert (summary.bounding_box() or {"width": 0})["width"] <= 1
    cdn.focus()
    assert (summary.bounding_box() or {"width": 0})["width"] > 100
    browsing.assert_no_problems()
    # axe needs JavaScript: it checks the page with a statusgen.js that writes no tooltips.
    page = browsing.open(
        "/", before_load=lambda page: page.route("**/statusgen.js", _without_day_tooltips)
    )
    expect(page.locator("#component-cdn ol.sg-bars")).to_have_attribute("aria-hidden", "true")
    violations = [v for v in run_axe(page) if v["impact"] in BLOCKING]
    assert not violations, [
        (v["id"], v["help"], [n["html"][:120] for n in v["nodes"][:4]]) for v in violations
    ]
    browsing.assert_no_problems()


def test_with_javascript_screen_readers_hear_the_days_again(browsing: Any) -> None:
    page = browsing.open("/")
    bars = page.locator("section[aria-labelledby=sg-components] ol.sg-bars")
    expect(bars.first).not_to_have_attribute("aria-hidden", "true")
    for ol in bars.all():
        assert ol.get_attribute("aria-hidden") is None
    # The summaries give way to the days, each of which reads its tooltip.
    expect(page.locator(".sg-bars-summary").first).to_be_hidden()
    assert page.locator(".sg-bars-summary:visible, .sg-bars-summary a:visible").count() == 0
    tree = page.locator("section[aria-labelledby=sg-components]").aria_snapshot()
    assert _empty_items(tree) == 0, tree
    cdn = page.locator("#component-cdn ol.sg-bars").aria_snapshot()
    assert cdn.count("- listitem:") == 90 and "- strong: Sep 2, 2026" in cdn
    assert "day by day" not in tree
    browsing.assert_no_problems()


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
def test_older_updates_open_from_their_summary(browsing: Any, js: bool) -> None:
    page = browsing.open("/", js=js)
    row = page.locator(".sg-days li.sg-row", has_text="Transactional emails delayed")
    latest = row.locator(":scope > .sg-past-update")
    expect(latest).to_have_count(1)
    expect(latest.locator(".sg-phase")).to_have_text("Monitoring")
    earlier = row.locator("details.sg-earlier")
    expect(earlier.locator("summary")).to_have_text("2 earlier updates")
    updates = earlier.locator(".sg-past-update")
    expect(updates.first).to_be_hidden()
    earlier.locator("summary").click()
    expect(updates).to_have_count(2)
    expect(updates.first).to_be_visible()
    expect(updates.locator(".sg-phase")).to_have_text(["Identified", "Investigating"])


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", [LAPTOP, PHONE], ids=["1280x800", "390x844"])
def test_open_tooltips_and_updates_stay_accessible(
    browsing: Any,
    run_axe: Callable[[Any], list[dict[str, Any]]],
    size: dict[str, int],
    scheme: str,
) -> None:
    # Three hours after the build: the page says it is old and the next update is overdue.
    page = browsing.open(
        "/",
        at=EXAMPLE_BUILT + timedelta(hours=3),
        size=size,
        scheme=scheme,
        timezone="America/Los_Angeles",
    )
    # The suite's axe check of the overview (test_accessibility.py leaves it to this test): the
    # palette asked for, past incidents shown under the reader's days, the notice of an old
    # page and the overdue next update the script writes (test_days.py, test_live_times.py and
    # test_stale.py leave them to this test), as well as what a reader opens.
    expected = "slate" if scheme == "dark" else "default"
    assert page.evaluate("document.body.dataset.mdColorScheme") == expected
    expect(page.locator(".sg-days")).to_have_attribute("data-regrouped", "1")
    expect(page.locator(".sg-stale")).to_be_visible()
    expect(page.locator(".sg-next:not(.sg-estimate).sg-overdue")).to_be_visible()
    expect(page.locator("section[aria-labelledby=sg-past] li.sg-row").first).to_be_visible()
    bar = page.locator("#component-email-delivery li.sg-bar[data-day='2026-11-23']")
    bar.scroll_into_view_if_needed()
    bar.hover()
    expect(bar.locator(".sg-tip a")).to_have_text("Transactional emails delayed")
    page.locator(".sg-days details.sg-earlier summary").first.click()
    violations = [v for v in run_axe(page) if v["impact"] in BLOCKING]
    assert not violations, [
        (v["id"], v["help"], [n["html"][:120] for n in v["nodes"][:4]]) for v in violations
    ]
    browsing.assert_no_problems()
