"""What only a browser shows: the example site's pages at desktop and phone widths, in both
palettes, with and without JavaScript.

The example content is "as of" 2026-11-23T12:00:00Z: one open minor incident on email delivery,
one upcoming maintenance, 24 public incidents and one internal incident that must not be built.

Tests that only read a page share one load of it (`views`, tests/browser/conftest.py); a test
that acts on a page (hover, click, type, navigate) opens its own (`browsing.open`).
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit

import pytest
import yaml
from playwright.sync_api import Locator, Page, expect

ROOT = Path(__file__).resolve().parents[2]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}
NARROW = {"width": 320, "height": 640}
#: One desktop and one phone view, light and dark: each width and each palette once (what the
#: checks read depends on the width or on the palette, never on both together).
TWO_VIEWS = [
    pytest.param(DESKTOP, "light", id="desktop-light"),
    pytest.param(PHONE, "dark", id="375-dark"),
]

ACTIVE = "2026-11-23-email-delivery-delays"
UPCOMING = "2026-12-02-object-storage-metadata-upgrade"
RESOLVED = "2026-07-22-us-east-network-outage"
INTERNAL = "2025-10-21-ci-runners-queue-backlog"
TOTAL = 24
STATUS_WORDS = {
    "Operational",
    "Degraded performance",
    "Partial outage",
    "Major outage",
    "Under maintenance",
}
UPDATE_ID = re.compile(r"^update-\d{8}T\d{6}Z$")
DAY = re.compile(r"^[A-Z][a-z]{2} \d{1,2}, \d{4}$")
COUNT = re.compile(r"^(\d+) of (\d+) match$")
#: Resolves after the page has drawn two more frames (what a fixed sleep would wait for).
NEXT_FRAMES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


def _front_matter(path: Path) -> dict[str, Any]:
    """The file's front matter as English readers (the example's default language) see it: a
    text given per language (`title: {en: ..., fr: ...}`) is its English text."""
    text = path.read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text.split("---\n", 2)[1])
    return _in_english(data)


def _in_english(value: Any) -> Any:
    if isinstance(value, dict):
        if "en" in value and set(value) <= {"en", "fr"}:
            return value["en"]
        return {key: _in_english(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_in_english(item) for item in value]
    return value


@pytest.fixture(scope="module")
def sources() -> dict[str, dict[str, Any]]:
    """The example's public incident files' front matter, by id (file name without .md)."""
    found = {p.stem: _front_matter(p) for p in sorted((ROOT / "incidents").glob("*/*.md"))}
    assert INTERNAL in found and found[INTERNAL].get("audience") == "internal"
    return {i: fm for i, fm in found.items() if fm.get("audience", "public") == "public"}


def _touches(front_matter: dict[str, Any], component: str) -> bool:
    phases = front_matter.get("phases") or []
    return component in (front_matter.get("components") or {}) or any(
        component in (p.get("components") or {}) for p in phases
    )


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def _incident_id(href: str) -> str:
    """The id in an incident link such as `../incidents/<id>/`."""
    match = re.search(r"incidents/([^/]+)/?$", urlsplit(href).path)
    assert match, f"not an incident link: {href}"
    return match.group(1)


def _overflow(page: Page) -> dict[str, Any]:
    """The page's scroll width, the viewport width, and the elements reaching past it."""
    result: dict[str, Any] = page.evaluate(
        """() => {
            const width = window.innerWidth;
            const culprits = [];
            for (const el of document.body.querySelectorAll('*')) {
                const box = el.getBoundingClientRect();
                if (box.width && box.right > width + 0.5 && el.offsetParent !== null) {
                    const cls = typeof el.className === 'string' ? el.className.trim() : '';
                    culprits.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                        + (cls ? '.' + cls.split(/\\s+/).join('.') : '')
                        + ` right=${Math.round(box.right)} width=${Math.round(box.width)}`);
                }
            }
            return {scroll: document.scrollingElement.scrollWidth, viewport: width,
                    culprits: culprits.slice(0, 8)};
        }"""
    )
    return result


def _assert_no_horizontal_scroll(page: Page, what: str) -> None:
    info = _overflow(page)
    assert info["scroll"] <= info["viewport"], (
        f"{what} scrolls horizontally: scrollWidth {info['scroll']} > viewport "
        f"{info['viewport']}; elements past the right edge: {info['culprits']}"
    )


# -- Overview ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("size", "scheme"), TWO_VIEWS)
def test_overview_banner_active_incident_and_maintenance(
    views: Any, browsing: Any, size: dict[str, int], scheme: str
) -> None:
    page = views.open("/", size=size, scheme=scheme)
    expected_scheme = "slate" if scheme == "dark" else "default"
    assert page.evaluate("document.body.dataset.mdColorScheme") == expected_scheme

    banner = page.locator("section.sg-banner")
    expect(banner).to_have_count(1)
    expect(banner).to_have_class(re.compile(r"\bsg-ind-minor\b"))
    expect(banner.locator(".sg-banner-text")).to_have_text("Degraded performance: Email delivery")
    expect(banner).to_be_visible()

    card = page.locator("section[aria-labelledby=sg-active] article.sg-card")
    expect(card).to_have_count(1)
    expect(card).to_have_class(re.compile(r"\bsg-i-minor\b"))
    link = card.locator("h3 a")
    expect(link).to_have_text("Transactional emails delayed")
    assert _incident_id(link.get_attribute("href") or "") == ACTIVE
    expect(card.locator(".sg-next:not(.sg-estimate)")).to_contain_text("Next update by")
    expect(card.locator(".sg-next time[datetime='2026-11-23T12:15:00Z']")).to_have_count(1)
    expect(card).to_contain_text("Email delivery")

    heading = page.locator("h2", has_text="Upcoming maintenance")
    upcoming = page.locator("section.sg-section", has=heading)
    expect(upcoming).to_have_count(1)
    maintenance = upcoming.locator("article.sg-card.sg-maintenance h3 a")
    expect(maintenance).to_have_text("Object storage metadata upgrade in us-east")
    assert _incident_id(maintenance.get_attribute("href") or "") == UPCOMING
    expect(upcoming.locator("time[datetime='2026-12-02T02:00:00Z']")).to_have_count(1)

    _assert_no_horizontal_scroll(page, f"the overview at {size['width']}px")
    width = "desktop" if size is DESKTOP else f"{size['width']}px"
    browsing.screenshot(page, f"overview-{width}-{scheme}")
    views.assert_no_problems(page)


def test_overview_lists_every_public_component_with_90_bars(
    views: Any, public_components: list[dict[str, Any]]
) -> None:
    page = views.open("/")
    listed = page.eval_on_selector_all(".sg-component", "els => els.map(e => e.id)")
    assert listed == [f"component-{c['id']}" for c in public_components]
    expect(page.locator("body")).not_to_contain_text("Internal CI runners")

    for component in public_components:
        item = page.locator(f"#component-{component['id']}")
        expect(item.locator(".sg-component-name")).to_have_text(component["name"])
        expect(item.locator(".sg-component-name")).to_be_visible()
        status = item.locator(".sg-component-head .sg-status").inner_text().strip()
        assert status in STATUS_WORDS, f"{component['id']}: status word {status!r}"
        bars = item.locator("ol.sg-bars > li.sg-bar")
        expect(bars).to_have_count(90)
        days = item.locator("li.sg-bar .sg-tip strong").all_text_contents()
        assert days[0] == "Aug 26, 2026" and days[-1] == "Nov 23, 2026", (component["id"], days)
    expect(page.locator("#component-email-delivery .sg-component-head .sg-status")).to_have_text(
        "Degraded performance"
    )
    expect(page.locator("#component-api .sg-component-head .sg-status")).to_have_text("Operational")
    views.assert_no_problems(page)


def _tip_shown(tip: Locator) -> bool:
    """Whether a day's tooltip is shown. Hidden tooltips stay in the accessibility tree (their
    links are focusable), clipped and transparent, so Playwright's visibility does not tell."""
    return bool(
        tip.evaluate(
            "t => { const s = getComputedStyle(t);"
            " return s.opacity === '1' && s.clipPath === 'none'; }"
        )
    )


def _incident_bars(page: Page) -> list[Locator]:
    # Visible days only: phones show the last 30 days (test_history_bars.py checks them).
    bars = page.locator("li.sg-bar:visible:has(.sg-tip a)")
    assert bars.count() >= 3, "expected several day bars with an incident in the days shown"
    return bars.all()


@pytest.mark.parametrize(("size", "scheme"), TWO_VIEWS)
def test_hovering_an_incident_day_shows_its_tooltip(
    browsing: Any, sources: dict[str, dict[str, Any]], size: dict[str, int], scheme: str
) -> None:
    page = browsing.open("/", size=size, scheme=scheme)
    outside: list[str] = []
    for bar in _incident_bars(page):
        tip = bar.locator(".sg-tip")
        assert not _tip_shown(tip)
        bar.scroll_into_view_if_needed()
        bar.hover()
        assert _tip_shown(tip)
        assert DAY.match(tip.locator("strong").inner_text().strip()), tip.inner_text()
        assert re.search(r"\d+\.\d+\u00a0%", tip.inner_text()), tip.inner_text()
        # Once a tooltip opens, the script names the day's incidents, linked to their pages
        # (fetched then: titles for every component's 90 days would weigh the overview down).
        link = tip.locator("a").first
        expect(link).to_be_visible()
        expect(link).to_have_attribute("href", re.compile(r"^incidents/[^/]+/$"))
        incident = link.get_attribute("href").split("/")[1]
        expect(link).to_have_text(sources[incident]["title"])
        component = bar.evaluate("b => b.closest('.sg-component').id.slice(10)")
        assert _touches(sources[incident], component), (incident, component)
        box = tip.bounding_box()
        assert box is not None
        if box["x"] < 0 or box["x"] + box["width"] > size["width"]:
            component = bar.evaluate("b => b.closest('.sg-component').id")
            outside.append(
                f"{component} {tip.inner_text()!r}: x={box['x']:.0f}..{box['x'] + box['width']:.0f}"
            )
    # Leave the last tooltip open for the picture.
    width = "desktop" if size is DESKTOP else f"{size['width']}px"
    browsing.screenshot(page, f"overview-tooltip-{width}-{scheme}", full_page=False)
    assert not outside, f"tooltips cut off by the {size['width']}px viewport: {outside}"
    browsing.assert_no_problems()


def test_tooltip_link_can_be_reached_with_the_mouse(browsing: Any) -> None:
    """Moving the pointer from an incident day's bar up into its tooltip keeps the tooltip open,
    so its link can be clicked."""
    page = browsing.open("/")
    bar = page.locator("#component-email-delivery li.sg-bar:has(.sg-tip a)").last
    tip = bar.locator(".sg-tip")
    bar.hover()
    bar_box, tip_box = bar.bounding_box(), tip.bounding_box()
    assert bar_box and tip_box
    x = bar_box["x"] + bar_box["width"] / 2
    start_y = bar_box["y"] + bar_box["height"] / 2
    end_y = tip_box["y"] + tip_box["height"] / 2
    page.mouse.move(x, start_y)
    page.mouse.move(x, end_y, steps=max(2, int(abs(start_y - end_y) / 2)))  # 2 px per event
    assert _tip_shown(tip), (
        "the tooltip closes while the pointer moves from the bar to the tooltip (there is a "
        f"gap between them: bar top y={bar_box['y']:.1f}, tooltip bottom "
        f"y={tip_box['y'] + tip_box['height']:.1f}), so its incident link cannot be clicked"
    )
    link = tip.locator("a")
    expect(link).to_have_text("Transactional emails delayed")
    with page.expect_navigation():
        link.click()
    assert urlsplit(page.url).path == "/incidents/2026-11-23-email-delivery-delays/"
    browsing.assert_no_problems()


def test_focusing_an_incident_day_shows_its_tooltip(browsing: Any) -> None:
    """Keyboard users reach the day bars (and the incident links in their tooltips) with Tab."""
    page = browsing.open("/")
    page.locator("#component-email-delivery .sg-component-name").focus()
    reached: list[str] = []
    for _ in range(100):
        page.keyboard.press("Tab")
        state = page.evaluate(
            """() => {
                const el = document.activeElement;
                const bar = el && el.closest('li.sg-bar');
                const tip = bar && bar.querySelector('.sg-tip');
                return {inside: !!(el && el.closest('#component-email-delivery')),
                        bar: !!bar, link: !!(bar && bar.querySelector('.sg-tip a')),
                        tip: !!(tip && getComputedStyle(tip).opacity === '1'
                                     && getComputedStyle(tip).clipPath === 'none'),
                        what: el ? el.outerHTML.slice(0, 80) : ''};
            }"""
        )
        if not state["inside"]:
            break
        reached.append(state["what"])
        if state["bar"] and state["link"]:
            assert state["tip"], "a focused incident day's tooltip stays hidden"
            browsing.screenshot(page, "overview-tooltip-keyboard", full_page=False)
            return
    pytest.fail(
        "no incident link in Email delivery's day bars can be reached with the keyboard, so "
        f"the tooltips are mouse-only (Tab stops inside the component: {reached})"
    )


@pytest.mark.parametrize("size", [PHONE, NARROW], ids=["375px", "320px"])
@pytest.mark.parametrize(
    "path",
    ["/", f"/incidents/{RESOLVED}/", "/components/api/", "/history/", "/history/2025/"],
    ids=["overview", "incident", "component", "history", "history-year"],
)
def test_no_horizontal_scrolling_on_phones(
    views: Any, browsing: Any, path: str, size: dict[str, int]
) -> None:
    page = views.open(path, size=size)
    if path == "/history/":
        expect(page.locator("#sg-count")).to_be_visible()
    try:
        _assert_no_horizontal_scroll(page, f"{path} at {size['width']}px")
    except AssertionError:
        name = path.strip("/").replace("/", "-") or "overview"
        browsing.screenshot(page, f"overflow-{name}-{size['width']}px", full_page=False)
        raise


def test_no_horizontal_scrolling_with_an_open_tooltip(browsing: Any) -> None:
    page = browsing.open("/", size=NARROW)
    for bar in _incident_bars(page):
        bar.scroll_into_view_if_needed()
        bar.hover()
        _assert_no_horizontal_scroll(page, "the overview at 320px with a tooltip open")


# -- Incident page -------------------------------------------------------------------------------


@pytest.mark.parametrize(("size", "scheme"), TWO_VIEWS)
def test_resolved_incident_page(
    browsing: Any, sources: dict[str, dict[str, Any]], size: dict[str, int], scheme: str
) -> None:
    source = sources[RESOLVED]
    page = browsing.open(f"/incidents/{RESOLVED}/", size=size, scheme=scheme)
    expect(page.locator("article h1")).to_have_text(source["title"])
    assert page.title().startswith("Resolved: " + source["title"])  # the state first
    summary = page.locator("p.sg-summary")
    expect(summary.locator(".sg-impact")).to_have_text("Critical impact")
    expect(summary.locator(".sg-impact")).to_have_class(re.compile(r"\bsg-i-critical\b"))
    duration = re.compile(r"^Resolved after \d+\u00a0h(\u00a0\d+\u00a0min)?$")
    expect(summary.locator(".sg-duration")).to_have_text(duration)
    expect(page.locator(".sg-workaround")).to_contain_text("multi-region")

    # The postmortem's publication is the last step, so first in the newest-first timeline.
    postmortem = page.locator("ol.sg-timeline > li.sg-update").first
    expect(postmortem).to_have_id("update-postmortem")
    expect(postmortem.locator(".sg-phase")).to_have_text("Postmortem")
    published = postmortem.locator("time")
    expect(published).to_have_attribute(
        "datetime", f"{_utc(source['postmortem']['at']):%Y-%m-%dT%H:%M:%SZ}"
    )
    expect(postmortem.get_by_role("link", name="Read the postmortem")).to_have_attribute(
        "href", "#sg-details"
    )
    updates = page.locator("ol.sg-timeline > li.sg-update:not(.sg-postmortem)")
    expected = sorted((_utc(p["at"]) for p in source["phases"]), reverse=True)
    expect(updates).to_have_count(len(expected))
    ids = updates.evaluate_all("els => els.map(e => e.id)")
    shown = [
        datetime.fromisoformat(t.replace("Z", "+00:00"))
        for t in updates.locator(".sg-update-head time").evaluate_all(
            "els => els.map(e => e.getAttribute('datetime'))"
        )
    ]
    assert shown == expected, "the timeline is not newest first"
    assert ids == [f"update-{at:%Y%m%dT%H%M%SZ}" for at in expected]
    assert all(UPDATE_ID.match(i) for i in ids), ids
    anchors = updates.locator("a.sg-anchor").evaluate_all(
        "els => els.map(e => e.getAttribute('href'))"
    )
    assert anchors == ["#" + i for i in ids]
    expect(updates.first.locator(".sg-phase")).to_have_text("Resolved")
    expect(updates.last.locator(".sg-phase")).to_have_text("Investigating")
    expect(page.locator(".sg-next:not(.sg-estimate)")).to_have_count(
        0
    )  # no "next update" once resolved
    expect(page.locator("#sg-details")).to_be_visible()  # the postmortem

    _assert_no_horizontal_scroll(page, "the incident page")
    width = "desktop" if size is DESKTOP else f"{size['width']}px"
    browsing.screenshot(page, f"incident-{width}-{scheme}")

    # An update's permalink scrolls to it.
    oldest = ids[-1]
    page.goto(browsing.url(f"/incidents/{RESOLVED}/#{oldest}"))
    assert page.evaluate("document.querySelector(':target')?.id") == oldest
    expect(page.locator(f"#{oldest}")).to_be_in_viewport()
    browsing.assert_no_problems()


def test_incident_component_links_resolve(
    browsing: Any, sources: dict[str, dict[str, Any]], public_components: list[dict[str, Any]]
) -> None:
    names = {c["id"]: c["name"] for c in public_components}
    page = browsing.open(f"/incidents/{RESOLVED}/")
    links = page.locator(".sg-affected li")
    expect(links).to_have_count(len(sources[RESOLVED]["components"]))
    targets = [(a.inner_text(), a.evaluate("a => a.href")) for a in links.locator("a").all()]
    assert [t for t, _ in targets] == [names[c] for c in sources[RESOLVED]["components"]]
    for label in links.locator(".sg-status").all_text_contents():
        assert label.strip() in STATUS_WORDS, label
    for text, href in targets:
        response = page.goto(href)
        assert response is not None and response.status == 200, href
        expect(page.locator("article h1")).to_have_text(text)


def test_active_incident_page(views: Any) -> None:
    page = views.open(f"/incidents/{ACTIVE}/")
    expect(page.locator("article h1")).to_have_text("Transactional emails delayed")
    expect(page.locator(".sg-summary .sg-impact")).to_have_text("Minor impact")
    expect(page.locator(".sg-summary .sg-duration")).to_have_text(re.compile(r"^Ongoing for "))
    first = page.locator("ol.sg-timeline > li.sg-update").first
    expect(first).to_have_id("update-20261123T111500Z")
    # When the next update is due (then "overdue") is near the top, before what is affected,
    # not inside the timeline (issue 27, item 5).
    expect(first.locator(".sg-next")).to_have_count(0)
    expect(page.locator(".sg-next:not(.sg-estimate)")).to_have_count(1)
    top = page.locator(".sg-summary ~ .sg-next:not(.sg-estimate)")
    expect(top).to_contain_text("Next update by")
    order = page.evaluate(
        "['.sg-next:not(.sg-estimate)', '#sg-affected', 'ol.sg-timeline'].map(s =>"
        " document.querySelector(s).getBoundingClientRect().top)"
    )
    assert order == sorted(order), order
    views.assert_no_problems(page)


# -- Component page ------------------------------------------------------------------------------


@pytest.mark.parametrize(("size", "scheme"), TWO_VIEWS)
def test_component_page(
    views: Any,
    browsing: Any,
    sources: dict[str, dict[str, Any]],
    size: dict[str, int],
    scheme: str,
) -> None:
    page = views.open("/components/api/", size=size, scheme=scheme)
    expect(page.locator("article h1")).to_have_text("Public API")
    expect(page.locator(".sg-summary .sg-status")).to_have_text("Operational")

    table = page.locator(".sg-uptime table")
    expect(table.locator("thead th")).to_have_text(["Uptime", "Measured", "SLA target"])
    rows = table.locator("tbody tr")
    expect(rows.locator("th")).to_have_text(["30 days", "90 days", "365 days"])
    for row in rows.all():
        cells = row.locator("td").all_inner_texts()
        assert re.fullmatch(r"\d{1,3}\.\d{2}\u00a0%", cells[0].strip()), cells
        assert re.fullmatch(r"99\.95\u00a0% \((meets|misses) SLA\)", cells[1].strip()), cells
        measured = float(cells[0].split()[0])
        verdict = "meets" if measured >= 99.95 else "misses"
        assert verdict in cells[1], cells

    expect(page.locator("ol.sg-bars > li.sg-bar")).to_have_count(90)

    listed = page.locator("section[aria-labelledby=sg-incidents] li.sg-row")
    hrefs = listed.locator("> a").evaluate_all("els => els.map(a => a.getAttribute('href'))")
    expected = sorted(
        (i for i, fm in sources.items() if _touches(fm, "api")),
        key=lambda i: _utc(sources[i]["phases"][0]["at"]),
        reverse=True,
    )
    assert [_incident_id(h) for h in hrefs] == expected, "incidents not all listed, newest first"
    starts = listed.locator("time").evaluate_all("els => els.map(e => e.getAttribute('datetime'))")
    assert starts == sorted(starts, reverse=True)

    _assert_no_horizontal_scroll(page, "the component page")
    width = "desktop" if size is DESKTOP else f"{size['width']}px"
    browsing.screenshot(page, f"component-{width}-{scheme}")


def test_component_pages_status_and_sla(views: Any) -> None:
    page = views.open("/components/email-delivery/")
    expect(page.locator(".sg-summary .sg-status")).to_have_text("Degraded performance")
    expect(page.locator(".sg-uptime table tbody td").nth(1)).to_contain_text("99.5 %")
    views.assert_no_problems(page)
    page = views.open("/components/payments-provider/")
    expect(page.locator(".sg-uptime table thead th")).to_have_text(["Uptime", "Measured"])
    expect(page.locator(".sg-upstream a")).to_have_attribute(
        "href", "https://status.example-payments.com"
    )


# -- Times ---------------------------------------------------------------------------------------


def test_times_are_shown_in_the_readers_zone(browsing: Any) -> None:
    page = browsing.open(f"/incidents/{ACTIVE}/", timezone="America/New_York")
    time = page.locator("#update-20261123T111500Z .sg-update-head time")
    # 11:15 UTC is 06:15 in New York (EST) and 12:15 in Amsterdam (CET).
    expect(time).to_have_text(re.compile(r"\b6:15\s?AM\b"))
    expect(time).to_have_attribute("title", "Nov 23, 2026, 12:15 CET")
    assert "CET" not in time.inner_text()

    page.goto(browsing.url("/"))
    banner_time = page.locator(".sg-banner-time time")
    expect(banner_time).to_have_text(re.compile(r"\b7:00\s?AM\b"))
    expect(banner_time).to_have_attribute("title", "Nov 23, 2026, 13:00 CET")
    # 02:00 UTC on 2 December is still 1 December in New York.
    start = page.locator(".sg-maintenance time[datetime='2026-12-02T02:00:00Z']")
    expect(start).to_have_text(re.compile(r"Dec 1, 2026.*9:00\s?PM"))
    expect(start).to_have_attribute("title", "Dec 2, 2026, 03:00 CET")
    browsing.screenshot(page, "overview-new-york-time", full_page=False)
    browsing.assert_no_problems()


def test_times_without_javascript_are_in_the_site_zone(browsing: Any) -> None:
    page = browsing.open(f"/incidents/{ACTIVE}/", js=False, timezone="America/New_York")
    time = page.locator("#update-20261123T111500Z .sg-update-head time")
    expect(time).to_have_text("Nov 23, 2026, 12:15 CET")
    assert time.get_attribute("title") is None
    page.goto(browsing.url(f"/incidents/{RESOLVED}/"))
    expect(page.locator("time[datetime='2026-07-22T17:06:00Z']").first).to_have_text(
        "Jul 22, 2026, 19:06 CEST"
    )
    browsing.screenshot(page, "incident-no-js", full_page=False)


# -- Archive -------------------------------------------------------------------------------------


def _open_archive(browsing: Any, query: str = "", **options: Any) -> Page:
    """The archive at `query`, its script's results drawn (`browsing` is a `Browsing`, or the
    module's `Views` for a test that only reads it)."""
    page: Page = browsing.open("/history/" + query, **options)
    expect(page.locator("#sg-count")).to_have_text(COUNT)
    expect(page.locator("#sg-filters")).to_be_visible()
    return page


def _shown(page: Page) -> list[str]:
    hrefs = page.locator("#sg-results li.sg-row > a").evaluate_all(
        "els => els.map(a => a.getAttribute('href'))"
    )
    return [_incident_id(h) for h in hrefs]


def _expect_matches(page: Page, expected: set[str]) -> None:
    expect(page.locator("#sg-count")).to_have_text(f"{len(expected)} of {TOTAL} match")
    shown = _shown(page)
    assert set(shown) == expected and len(shown) == len(expected), shown


def test_archive_lists_every_incident_newest_first(
    views: Any, sources: dict[str, dict[str, Any]]
) -> None:
    page = _open_archive(views)
    _expect_matches(page, set(sources))
    expect(page.locator("#sg-static .sg-note")).to_be_hidden()  # the note is for no-JS readers
    expect(page.locator("#sg-static .sg-years a")).to_have_text(["2026", "2025", "2024"])
    starts = page.locator("#sg-results time").evaluate_all("els => els.map(e => e.dateTime)")
    assert starts == sorted(starts, reverse=True)
    # A maintenance is dated by its window: the 2 December one heads the archive, marked
    # upcoming (not "active").
    expect(page.locator("#sg-results h2").first).to_have_text("December 2026")
    first = page.locator("#sg-results li.sg-row").first
    expect(first).to_contain_text("Upcoming")
    expect(first).not_to_contain_text("Active")
    assert page.evaluate("location.search") == ""
    views.assert_no_problems(page)


ONE_FILTER = [
    ("component", "email-delivery", {ACTIVE, "2025-09-30-email-delivery-deferrals"}),
    ("impact", "critical", {RESOLVED, "2025-08-19-database-primary-failover"}),
    ("type", "maintenance", {UPCOMING, "2026-10-14-database-storage-upgrade"}),
    ("status", "active", {ACTIVE, UPCOMING}),
    ("year", "2024", {"2024-12-03-dashboard-slow-loading", "2024-12-17-auth-login-failures"}),
    (
        "month",
        "4",
        {
            "2026-04-29-cdn-stale-content",
            "2026-04-29-object-storage-latency",
            "2025-04-22-dns-provider-propagation-delay",
        },
    ),
    (
        "text",
        "webhook",
        {
            "2025-01-09-webhook-delivery-delays",
            RESOLVED,
            "2026-01-15-webhooks-duplicate-deliveries",
            "2025-03-04-api-elevated-errors",
        },
    ),
    # "relays" appears only in an update message of the email incident, never in a title.
    ("text", "relays", {ACTIVE}),
    ("text", "DNS resolvers", {"2025-11-12-dns-provider-resolution-failures"}),
]


@pytest.mark.parametrize(
    ("name", "value", "expected"), ONE_FILTER, ids=[f"{n}={v}" for n, v, _ in ONE_FILTER]
)
def test_archive_single_filter(
    browsing: Any, sources: dict[str, dict[str, Any]], name: str, value: str, expected: set[str]
) -> None:
    page = _open_archive(browsing)
    if name == "text":
        if value == "relays":
            assert not any(value in fm["title"].lower() for fm in sources.values())
        page.locator("#sg-filters input[name=text]").fill(value)
    else:
        page.locator(f"#sg-filters select[name={name}]").select_option(value)
    _expect_matches(page, expected)
    # URLSearchParams writes spaces as "+", as urlencode does.
    assert page.evaluate("location.search") == "?" + urlencode({name: value})
    browsing.assert_no_problems()


def test_archive_status_filters_partition_the_archive(
    browsing: Any, sources: dict[str, dict[str, Any]]
) -> None:
    page = _open_archive(browsing)
    status = page.locator("#sg-filters select[name=status]")
    status.select_option("resolved")
    _expect_matches(page, set(sources) - {ACTIVE, UPCOMING})


def test_archive_combined_filters(browsing: Any) -> None:
    page = _open_archive(browsing)
    form = page.locator("#sg-filters")
    form.locator("select[name=component]").select_option("api")
    form.locator("select[name=impact]").select_option("major")
    _expect_matches(
        page,
        {
            "2026-03-18-api-rate-limit-errors",
            "2025-11-12-dns-provider-resolution-failures",
            "2025-03-04-api-elevated-errors",
        },
    )
    form.locator("select[name=year]").select_option("2025")
    _expect_matches(
        page, {"2025-11-12-dns-provider-resolution-failures", "2025-03-04-api-elevated-errors"}
    )
    form.locator("input[name=text]").fill("gateway")
    _expect_matches(page, {"2025-03-04-api-elevated-errors"})
    assert page.evaluate("location.search") == "?component=api&impact=major&year=2025&text=gateway"
    form.locator("select[name=month]").select_option("4")
    expect(page.locator("#sg-count")).to_have_text(f"0 of {TOTAL} match")
    expect(page.locator("#sg-results")).to_have_text("No incidents match these filters.")
    browsing.screenshot(page, "history-no-matches", full_page=False)
    browsing.assert_no_problems()


def test_archive_filters_round_trip_through_the_url(browsing: Any) -> None:
    page = _open_archive(browsing, "?impact=critical&year=2025")
    form = page.locator("#sg-filters")
    expect(form.locator("select[name=impact]")).to_have_value("critical")
    expect(form.locator("select[name=year]")).to_have_value("2025")
    expect(form.locator("select[name=component]")).to_have_value("")
    _expect_matches(page, {"2025-08-19-database-primary-failover"})

    form.locator("select[name=year]").select_option("2026")
    _expect_matches(page, {RESOLVED})
    assert page.evaluate("location.search") == "?impact=critical&year=2026"
    page.reload()
    expect(page.locator("#sg-count")).to_have_text(f"1 of {TOTAL} match")
    expect(form.locator("select[name=year]")).to_have_value("2026")
    _expect_matches(page, {RESOLVED})

    browsing.screenshot(page, "history-filtered-desktop-light", full_page=False)
    browsing.assert_no_problems()


def test_archive_shared_text_search(browsing: Any) -> None:
    """A shared link with a text search preselects it, and nothing covers the archive.

    The archive's parameter is `text`: Material's own search reads `q` and would open over it.
    """
    page = _open_archive(browsing, "?text=relays&status=active")
    form = page.locator("#sg-filters")
    expect(form.locator("input[name=text]")).to_have_value("relays")
    expect(form.locator("select[name=status]")).to_have_value("active")
    _expect_matches(page, {ACTIVE})
    search_open = page.evaluate("document.getElementById('__search')?.checked === true")
    if search_open:
        browsing.screenshot(page, "history-shared-q-opens-material-search", full_page=False)
    assert not search_open, (
        "loading /history/?text=... opened Material's site search over the archive"
    )
    form.get_by_role("button", name="Clear filters").click()
    expect(page.locator("#sg-count")).to_have_text(f"{TOTAL} of {TOTAL} match")


@pytest.mark.parametrize(("size", "scheme"), TWO_VIEWS)
def test_archive_clear_filters(
    browsing: Any, sources: dict[str, dict[str, Any]], size: dict[str, int], scheme: str
) -> None:
    page = _open_archive(browsing, "?component=api&type=incident", size=size, scheme=scheme)
    page.locator("#sg-filters input[name=text]").fill("errors")
    errors = {
        RESOLVED,
        "2025-11-12-dns-provider-resolution-failures",
        "2025-03-04-api-elevated-errors",
        "2025-08-19-database-primary-failover",
    }
    _expect_matches(page, errors)
    width = "desktop" if size is DESKTOP else f"{size['width']}px"
    browsing.screenshot(page, f"history-{width}-{scheme}")
    page.get_by_role("button", name="Clear filters").click()
    _expect_matches(page, set(sources))
    for name in ("component", "impact", "type", "status", "year", "month"):
        expect(page.locator(f"#sg-filters select[name={name}]")).to_have_value("")
    expect(page.locator("#sg-filters input[name=text]")).to_have_value("")
    assert page.evaluate("location.search") == ""
    browsing.assert_no_problems()


@pytest.mark.parametrize(
    "path",
    [
        "/",
        f"/incidents/{RESOLVED}/",
        f"/incidents/{UPCOMING}/",
        "/components/api/",
        "/components/payments-provider/",
        "/history/",
        "/history/2024/",
    ],
    ids=[
        "overview",
        "incident",
        "maintenance",
        "component",
        "upstream-component",
        "history",
        "history-year",
    ],
)
def test_pages_load_without_errors(views: Any, path: str) -> None:
    """No console errors, uncaught exceptions or failing requests (404s) on any kind of page."""
    page = views.open(path)
    if path == "/history/":
        expect(page.locator("#sg-count")).to_have_text(COUNT)
    page.wait_for_load_state("networkidle")
    views.assert_no_problems(page)


def test_archive_without_javascript_reaches_every_incident(
    browsing: Any, site_dir: Path, sources: dict[str, dict[str, Any]]
) -> None:
    built = {p.parent.name for p in (site_dir / "incidents").glob("*/index.html")}
    assert INTERNAL not in built
    assert built == set(sources) and len(built) == TOTAL

    page = browsing.open("/history/", js=False)
    expect(page.locator("#sg-static .sg-note")).to_be_visible()
    expect(page.locator("#sg-results .sg-list").first).to_be_visible()
    expect(page.locator("#sg-filters")).to_be_hidden()
    years = page.locator("#sg-static .sg-years a")
    expect(years).to_have_text(["2026", "2025", "2024"])
    year_urls = [a.evaluate("a => a.href") for a in years.all()]
    assert [urlsplit(u).path for u in year_urls] == [
        "/history/2026/",
        "/history/2025/",
        "/history/2024/",
    ]

    reached: dict[str, str] = {}
    for url in year_urls:
        page.goto(url)
        expect(page.locator("article h1")).to_contain_text(urlsplit(url).path.split("/")[2])
        for href in page.locator("article .sg-list li.sg-row > a").evaluate_all(
            "els => els.map(a => a.getAttribute('href'))"
        ):
            reached[_incident_id(href)] = urljoin(page.url, href)
    browsing.screenshot(page, "history-year-no-js")
    assert set(reached) == built, (
        f"missing from the year pages: {sorted(built - set(reached))}; "
        f"extra: {sorted(set(reached) - built)}"
    )
    for url in reached.values():
        response = page.request.get(url)
        assert response.status == 200, url
    browsing.assert_no_problems()


def test_archive_without_javascript_hides_the_filters(browsing: Any) -> None:
    """The filters need JavaScript: without it the form, the count and "Show more" are not
    shown (Material marks the page `no-js`), and the year pages reach every incident."""
    page = browsing.open("/history/", js=False)
    expect(page.locator("#sg-count")).to_be_hidden()
    form = page.locator("#sg-filters")
    if form.is_visible():
        browsing.screenshot(page, "history-no-js-filters-shown", full_page=False)
        pytest.fail("without JavaScript the archive shows its filter form; the filters do nothing")


def test_archive_does_not_jump_and_keeps_focus(browsing: Any) -> None:
    """The first results are the server's: the script's arrival moves nothing (cumulative layout
    shift well under 0.1); "Show more" keeps the keyboard on the rows just added; after typing a
    search, the first click on a result opens it."""
    page = browsing.context().new_page()
    browsing.watch(page)
    page.add_init_script(
        """window.__shift = 0;
        new PerformanceObserver(list => { for (const e of list.getEntries()) {
          if (!e.hadRecentInput) window.__shift += e.value; } })
          .observe({type: "layout-shift", buffered: true});"""
    )
    page.goto(browsing.url("/history/"))
    expect(page.locator("#sg-count")).to_contain_text("match")
    expect(page.locator("#sg-results[aria-busy]")).to_have_count(0)  # the script has drawn
    page.evaluate(NEXT_FRAMES)  # the frames that lay out what it drew, shifts and all
    assert page.evaluate("window.__shift") < 0.1
    # "Show more" (the archive lists 100 at first): focus moves to the first row it added.
    more = page.locator(".sg-more-button")
    if more.count():
        more.focus()
        page.keyboard.press("Enter")
        focused = page.evaluate("document.activeElement.closest('li.sg-row') !== null")
        assert focused, "focus left the rows after Show more"
    # Typing a search, then clicking the first result (the text field's blur fires "change").
    # Wait for the filtered list itself: the text index arrives after a fetch, and until then the
    # list (and the count) are the unfiltered ones, whose first row is another incident.
    count = page.locator("#sg-count")
    unfiltered = count.text_content()
    page.fill("#sg-filters input[name=text]", "database")
    expect(count).not_to_have_text(unfiltered or "")
    expect(page.locator("#sg-results[aria-busy]")).to_have_count(0)  # loaded, drawn
    first = page.locator("#sg-results li.sg-row > a").first
    target = first.evaluate("a => a.href")
    first.click()
    page.wait_for_url(target)
    browsing.assert_no_problems()


def test_internal_incident_is_not_published(site_dir: Path, base_url: str) -> None:
    assert not (site_dir / "incidents" / INTERNAL).exists()
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(f"{base_url}/incidents/{INTERNAL}/", timeout=10)
    assert error.value.code == 404
    leaks = [
        str(p.relative_to(site_dir))
        for p in site_dir.rglob("*")
        if p.suffix in {".html", ".json", ".xml", ".rss", ".atom", ".ics", ".svg"}
        and (
            "ci-runners" in (text := p.read_text(encoding="utf-8", errors="replace"))
            or "CI jobs queueing" in text
        )
    ]
    assert not leaks, f"the internal incident or component leaks into {leaks}"


def test_day_bars_are_coloured_by_their_worst_status(views: Any) -> None:
    """Each bar's colour is its status's bar colour (the day's words are in its tooltip); the bar
    is drawn by the day's ::before, from the bottom of its column."""
    page = views.open("/")
    colours = page.evaluate(
        """() => {
            const css = getComputedStyle(document.documentElement);
            const bars = [...document.querySelectorAll('#component-email-delivery li.sg-bar')];
            const colour = name => {
                const probe = document.createElement('div');
                probe.style.background = css.getPropertyValue(name).trim();
                document.body.append(probe);
                const value = getComputedStyle(probe).backgroundColor;
                probe.remove();
                return value;
            };
            return {today: getComputedStyle(bars.at(-1), '::before').backgroundColor,
                    earlier: getComputedStyle(bars[0], '::before').backgroundColor,
                    degraded: colour('--sg-bar-degraded_performance'),
                    operational: colour('--sg-bar-operational'),
                    todayClass: bars.at(-1).className};
        }"""
    )
    assert "sg-s-degraded_performance" in colours["todayClass"]
    assert colours["today"] == colours["degraded"] != colours["operational"], colours
    assert colours["earlier"] == colours["operational"], colours


def _fetched_on_load(browsing: Any, path: str) -> tuple[Page, list[str]]:
    """A page loaded and left alone for a second of its clock (its timers, idle callbacks and
    frames of that second run at once), with the paths it requested. A warm context's page
    (`Browsing.open`) asks for every file as a new context's does: the server has readers
    revalidate each file, so a cached one is a request too."""
    requested: list[str] = []

    def record(page: Page) -> None:
        page.on("request", lambda request: requested.append(urlsplit(request.url).path))

    page: Page = browsing.open(path, before_load=record)
    page.wait_for_load_state("networkidle")
    page.clock.run_for(1000)
    page.evaluate(NEXT_FRAMES)
    return page, requested


@pytest.mark.parametrize("path", ["/", "/history/", f"/incidents/{RESOLVED}/"])
def test_search_downloads_nothing_until_the_reader_reaches_for_it(browsing: Any, path: str) -> None:
    """Material's search index and worker (and the archive's index) are fetched on first use,
    not by every reader of every page; then search finds incidents as before."""
    page, requested = _fetched_on_load(browsing, path)
    held = [p for p in requested if "search_index" in p or "/workers/" in p or p.endswith(".json")]
    assert not held, f"{path} fetched {held} before the reader did anything"
    # Opening search (its keyboard shortcut) loads the index; a word finds an incident.
    page.keyboard.press("/")
    expect(page.locator(".md-search__input")).to_be_focused()
    page.keyboard.type("certificate")  # Material reads the field on keyup
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=10_000)
    assert any(p.endswith("search/search_index.json") for p in requested)
    browsing.assert_no_problems()


def test_archive_fetches_its_index_when_the_reader_filters(browsing: Any) -> None:
    page, requested = _fetched_on_load(browsing, "/history/")
    rows = page.locator("#sg-results li.sg-row > a")
    server_first = rows.first.text_content()
    assert not any(p.endswith("/history/index.json") for p in requested)
    count = page.locator("#sg-count")
    unfiltered = count.text_content() or ""
    page.select_option("#sg-filters select[name=impact]", "major")
    expect(count).not_to_have_text(unfiltered)
    # "Loading ... incidents…" comes first, while the server's rows still show: wait for the
    # filtered count, drawn with the filtered rows.
    expect(count).to_have_text(re.compile(r"^\d+ of \d+ match$"))
    assert any(p.endswith("/history/index.json") for p in requested)
    expect(page).to_have_url(re.compile(r"[?&]impact=major(&|$)"))
    for text in page.locator("#sg-results .sg-impact").all_text_contents():
        assert text == "Major impact", text
    page.select_option("#sg-filters select[name=impact]", "")
    expect(rows.first).to_have_text(server_first or "")
    browsing.assert_no_problems()


def test_archive_filters_incidents_with_a_postmortem(browsing: Any) -> None:
    """The example's us-east outage has a published postmortem: the filter keeps it alone, and
    its row (drawn by the script) says so, as the server's rows do."""
    page = browsing.open("/history/")
    page.select_option("#sg-filters select[name=postmortem]", "published")
    rows = page.locator("#sg-results li.sg-row")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Widespread outage in us-east")
    expect(rows.first.locator(".sg-meta")).to_contain_text("· Postmortem")
    assert "postmortem=published" in page.url
    browsing.assert_no_problems()
