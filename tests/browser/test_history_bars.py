"""The daily uptime bars beyond hue (issue 14): a day's status must survive colour blindness,
greyscale, a phone and paper.

- brightness: every non-operational status is at least 3:1 (WCAG non-text contrast) against
  operational green, in the light and the dark palette;
- shape: every status differs from every other in its bar's height or pattern;
- words: a legend names each status beside a swatch drawn like the bars, and each day's tooltip
  names the status and how long it lasted that day;
- phones show the last 30 days, each bar at least 6 px wide, and say "30 days ago";
- print is light on white whatever the palette, without the header, drawer, tooltips and filters;
- a number and its unit ("2 h 20 min", "99.87 %") never break apart.

The example content is "as of" 2026-11-23T12:00:00Z, in Europe/Amsterdam. Its last 90 days hold
no major outage, so the colours and shapes are read from a fixture list with one bar of each
status, added to the page (and checked to look like the example's own bars). The tests that
only read the bars, the fixture list and the legend share one load of the overview per palette
(`views`); adding the fixture list is the one change they make, once, and nothing else reads it.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}
OPERATIONAL = "operational"
#: The statuses a day can have besides operational (the legend's order).
OTHERS = ["degraded_performance", "partial_outage", "major_outage", "under_maintenance"]
#: Every way a bar is drawn: the statuses and "none" (a day before the component existed).
DRAWN = [OPERATIONAL, *OTHERS, "none"]
WORDS = {
    "operational": "Operational",
    "degraded_performance": "Degraded performance",
    "partial_outage": "Partial outage",
    "major_outage": "Major outage",
    "under_maintenance": "Under maintenance",
    "none": "No data",
}
NBSP = "\u00a0"
#: A number and a unit (h, min, %, d) separated by a plain (breaking) space.
BREAKABLE_UNIT = re.compile(r"\d (?:h|min|%|d)(?![\w])")

#: Adds a list with one bar of each drawn kind to the components section, as the template
#: writes them, and returns how each is drawn: its colour, pattern and height (share of its day).
DRAW_FIXTURE = """(kinds) => {
    let list = document.getElementById('sg-fixture');
    if (!list) {
        list = document.createElement('ol');
        list.id = 'sg-fixture';
        list.className = 'sg-bars';
        list.innerHTML = kinds.map(k => `<li class="sg-bar sg-s-${k}"></li>`).join('');
        document.querySelector('section[aria-labelledby=sg-components]').append(list);
    }
    return [...list.children].map(li => {
        const bar = getComputedStyle(li, '::before');
        return {kind: li.className.replace('sg-bar sg-s-', ''), colour: bar.backgroundColor,
                pattern: bar.backgroundImage,
                share: parseFloat(bar.height) / li.getBoundingClientRect().height};
    });
}"""

#: How the given elements (bars or swatches) are drawn, by their status class.
DRAWN_AS = """(els) => els.map(el => {
    const bar = getComputedStyle(el, '::before');
    const kind = [...el.classList].find(c => c.startsWith('sg-s-')).slice(5);
    return {kind, colour: bar.backgroundColor, pattern: bar.backgroundImage,
            share: parseFloat(bar.height) / el.getBoundingClientRect().height};
})"""


def _rgba(css: str) -> tuple[float, float, float, float]:
    """A computed colour, "rgb(1, 2, 3)" or "rgba(1, 2, 3, 0.5)", as (r, g, b, alpha)."""
    match = re.fullmatch(r"rgba?\(([\d.]+), ([\d.]+), ([\d.]+)(?:, ([\d.]+))?\)", css.strip())
    assert match, f"not an sRGB colour: {css!r}"
    r, g, b, a = match.groups()
    return float(r), float(g), float(b), 1.0 if a is None else float(a)


def _over(css: str, background: tuple[float, float, float] = (255, 255, 255)) -> tuple[float, ...]:
    """A colour composited over an opaque background (white by default)."""
    r, g, b, a = _rgba(css)
    return tuple(a * c + (1 - a) * bg for c, bg in zip((r, g, b), background, strict=True))


def _luminance(rgb: tuple[float, ...]) -> float:
    """WCAG 2 relative luminance of an sRGB colour (0-255 channels)."""

    def linear(channel: float) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: tuple[float, ...], second: tuple[float, ...]) -> float:
    """WCAG 2 contrast ratio of two opaque colours, 1 to 21."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_formula_on_known_pairs() -> None:
    """The helper agrees with WCAG's own examples: black on white is 21:1, #777 on white 4.48."""
    assert contrast((0, 0, 0), (255, 255, 255)) == pytest.approx(21)
    assert contrast((0x77, 0x77, 0x77), (255, 255, 255)) == pytest.approx(4.48, abs=0.01)
    assert _over("rgba(0, 0, 0, 0.5)") == (127.5, 127.5, 127.5)


def _drawn(page: Page) -> dict[str, dict[str, Any]]:
    return {d["kind"]: d for d in page.evaluate(DRAW_FIXTURE, DRAWN)}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_status_is_3_to_1_against_operational(views: Any, scheme: str) -> None:
    """WCAG non-text contrast between each non-operational status and operational green, so a
    bad day stands out in brightness alone (red-green colour blindness, greyscale)."""
    page = views.open("/", scheme=scheme)
    drawn = _drawn(page)
    green = _over(drawn[OPERATIONAL]["colour"])
    ratios = {kind: round(contrast(_over(drawn[kind]["colour"]), green), 2) for kind in OTHERS}
    print(f"{scheme}: contrast against operational {ratios}")  # noqa: T201 - for the report
    low = {kind: ratio for kind, ratio in ratios.items() if ratio < 3}
    assert not low, f"{scheme}: statuses under 3:1 against operational green: {ratios}"

    # The fixture is drawn as the example's own bars of the statuses it has.
    real = page.locator("ol.sg-bars:not(#sg-fixture) > li.sg-bar").evaluate_all(DRAWN_AS)
    seen = {d["kind"] for d in real}
    assert {OPERATIONAL, "degraded_performance", "partial_outage", "under_maintenance"} <= seen
    for bar in real:
        expected = drawn[bar["kind"]]
        assert (bar["colour"], bar["pattern"]) == (expected["colour"], expected["pattern"]), bar
        assert bar["share"] == pytest.approx(expected["share"], abs=0.01), bar


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_statuses_differ_in_shape_so_greyscale_keeps_them_apart(
    views: Any, browsing: Any, scheme: str
) -> None:
    """Each kind of bar differs from every other in height or pattern (background-image); the
    height grows with severity."""
    page = views.open("/", scheme=scheme)
    drawn = _drawn(page)
    shapes = {kind: (round(d["share"], 2), d["pattern"]) for kind, d in drawn.items()}
    assert len(set(shapes.values())) == len(DRAWN), f"two kinds share a shape: {shapes}"
    share = {kind: shape[0] for kind, shape in shapes.items()}
    assert (
        share["none"]
        < share[OPERATIONAL]
        < share["degraded_performance"]
        < share["partial_outage"]
        < share["major_outage"]
        == 1
    ), share
    assert shapes["partial_outage"][1] != "none" and shapes["under_maintenance"][1] != "none"
    # A picture in greyscale, to look at (the shared page as it was afterwards).
    page.evaluate("document.documentElement.style.filter = 'grayscale(1)'")
    page.evaluate("scrollTo(0, document.querySelector('.sg-legend').offsetTop - 80)")
    try:
        browsing.screenshot(page, f"bars-greyscale-{scheme}", full_page=False)
    finally:
        page.evaluate("document.documentElement.style.filter = ''; scrollTo(0, 0)")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_legend_names_each_status_beside_a_swatch_drawn_like_its_bars(
    views: Any, scheme: str
) -> None:
    page = views.open("/", scheme=scheme)
    legend = page.locator("section[aria-labelledby=sg-components] .sg-legend")
    expect(legend.locator("li")).to_have_text([WORDS[k] for k in DRAWN])
    expect(legend.locator("ul")).to_have_accessible_name(
        "Each bar is one day, drawn by its worst status:"
    )
    swatches = legend.locator(".sg-swatch").evaluate_all(DRAWN_AS)
    drawn = _drawn(page)
    assert [s["kind"] for s in swatches] == DRAWN
    for swatch in swatches:
        bar = drawn[swatch["kind"]]
        assert (swatch["colour"], swatch["pattern"]) == (bar["colour"], bar["pattern"]), swatch
        assert swatch["share"] == pytest.approx(bar["share"], abs=0.02), swatch
    # The old one-sentence legend is gone; the swatches are decoration (the word follows).
    expect(page.locator("p.sg-legend")).to_have_count(0)
    expect(legend.locator(".sg-swatch[aria-hidden=true]")).to_have_count(len(DRAWN))


def _tip(page: Page, component: str, day: str) -> str:
    """The text of a component's tooltip for a day, e.g. "Nov 5, 2026"."""
    tips = page.locator(f"#component-{component} li.sg-bar .sg-tip")
    texts = [t for t in tips.all_text_contents() if t.startswith(day + " · ")]
    assert len(texts) == 1, (component, day, texts)
    return texts[0]


def test_day_tooltips_name_the_status_and_how_long_it_lasted(browsing: Any) -> None:
    """Worked out from the example's incident files (times in UTC, days in Amsterdam)."""
    page = browsing.open("/")
    h, m, pct = f"{NBSP}h{NBSP}", f"{NBSP}min", f"{NBSP}%"
    expected = {
        # partial 02:14-03:50 = 1 h 36 min; 100 * (1 - 0.3 * 96 / 1440) = 98.00
        ("cdn", "Sep 2, 2026"): f"Partial outage for 1{h}36{m} · 98.00{pct} · Incidents: 1",
        # partial 15:33-16:55 = 1 h 22 min; 100 * (1 - 0.3 * 82 / 1440) = 98.291...
        ("auth", "Nov 5, 2026"): f"Partial outage for 1{h}22{m} · 98.29{pct} · Incidents: 1",
        # degraded 15:33-16:10 = 37 min, which counts as no downtime
        ("dashboard", "Nov 5, 2026"): (
            f"Degraded performance for 37{m} · 100.00{pct} · Incidents: 1"
        ),
        # maintenance 01:00 until completed at 02:35 = 1 h 35 min
        ("database", "Oct 14, 2026"): f"Under maintenance for 1{h}35{m} · 100.00{pct} · "
        "Incidents: 1",
        # today, degraded since 09:40, until now (12:00) = 2 h 20 min
        ("email-delivery", "Nov 23, 2026"): f"Degraded performance for 2{h}20{m} · 100.00{pct}"
        " · Incidents: 1",
        ("api", "Nov 23, 2026"): f"No incidents · 100.00{pct}",
    }
    for (component, day), text in expected.items():
        assert _tip(page, component, day) == f"{day} · {text}", (component, day)

    # Every day: its status word (or "No incidents"), and its time when it is not operational.
    days = page.locator(
        "section[aria-labelledby=sg-components] ol.sg-bars > li.sg-bar"
    ).evaluate_all("els => els.map(e => [e.className, e.querySelector('.sg-tip').textContent])")
    assert len(days) >= 90 * 10, len(days)  # every component's days, not none
    for classes, text in days:
        kind = re.search(r"sg-s-(\w+)", classes)
        assert kind, classes
        if kind[1] == OPERATIONAL:
            assert re.fullmatch(rf"[^·]+ · No incidents · 100\.00{NBSP}%", text), text
        elif kind[1] != "none":
            word = WORDS[kind[1]]
            assert re.match(rf"[^·]+ · {word} for \d[^·]* · \d+\.\d\d{NBSP}% · \S", text), text

    # Screen readers get the same words: the tooltip is the day's list item, and stays in the
    # accessibility tree while it is hidden from sight.
    tree = page.locator("#component-cdn ol.sg-bars").aria_snapshot().replace(NBSP, " ")
    lines = [line.strip() for line in tree.splitlines()]
    day = lines.index("- strong: Sep 2, 2026")
    assert lines[day - 1] == "- listitem:", lines[day - 1 : day + 3]
    assert lines[day + 1] == "- text: · Partial outage for 1 h 36 min · 98.00 % ·", lines[day + 1]
    assert 'link "Incidents: 1"' in lines[day + 2], lines[day + 2]
    # The overview counts a day's incidents and links the component page, which names them.
    day_bar = page.locator("#component-cdn li.sg-bar", has_text=re.compile("^Sep 2, 2026 "))
    link = day_bar.get_by_role("link")
    assert link.get_attribute("href") == "components/cdn/"
    component = browsing.open("/components/cdn/")
    tip = component.locator("li.sg-bar .sg-tip", has_text=re.compile("^Sep 2, 2026 "))
    assert tip.text_content() == (
        f"Sep 2, 2026 · Partial outage for 1{h}36{m} · 98.00{pct} · "
        "TLS certificate errors on some custom domains"
    )
    browsing.assert_no_problems()


def _visible_days(page: Page, component: str) -> list[dict[str, Any]]:
    return list(
        page.locator(f"#component-{component} ol.sg-bars > li.sg-bar").evaluate_all(
            """els => els.filter(e => e.getClientRects().length).map(e => ({
                day: e.querySelector('.sg-tip strong').textContent,
                width: e.getBoundingClientRect().width}))"""
        )
    )


def test_phones_show_the_last_30_days_at_least_6px_wide(browsing: Any) -> None:
    page = browsing.open("/", size=PHONE)
    components = page.locator(".sg-component").evaluate_all("els => els.map(e => e.id.slice(10))")
    assert components
    for component in components:
        days = _visible_days(page, component)
        assert len(days) == 30, (component, len(days))
        assert (days[0]["day"], days[-1]["day"]) == ("Oct 25, 2026", "Nov 23, 2026"), component
        narrow = [d for d in days if d["width"] < 6]
        assert not narrow, f"{component}: bars under 6 px wide at 375 px: {narrow[:3]}"
        # All 90 days are still in the page (the older ones hidden by CSS on phones only).
        expect(page.locator(f"#component-{component} li.sg-bar")).to_have_count(90)
        foot = page.locator(f"#component-{component} .sg-bars-foot")
        expect(foot.locator(".sg-days-phone")).to_be_visible()
        expect(foot.locator(".sg-days-phone")).to_have_text("30 days ago")
        expect(foot.locator(".sg-days-all")).to_be_hidden()
    browsing.screenshot(page, "bars-375-light")

    page.goto(browsing.url("/components/api/"))
    visible = page.locator("ol.sg-bars > li.sg-bar").evaluate_all(
        "els => els.filter(e => e.getClientRects().length).length"
    )
    assert visible == 30
    expect(page.locator(".sg-bars-foot .sg-days-phone")).to_have_text("30 days ago")

    desktop = browsing.open("/", size=DESKTOP)
    days = _visible_days(desktop, "api")
    assert len(days) == 90 and days[0]["day"] == "Aug 26, 2026"
    expect(desktop.locator("#component-api .sg-days-all")).to_have_text("90 days ago")
    expect(desktop.locator("#component-api .sg-days-phone")).to_be_hidden()
    browsing.assert_no_problems()


def _text_colours(page: Page, selectors: list[str]) -> dict[str, str]:
    return dict(
        page.evaluate(
            """(selectors) => selectors.map(s => {
                const el = document.querySelector(s);
                return [s, el ? getComputedStyle(el).color : null];
            })""",
            selectors,
        )
    )


#: Text on the overview, from the boldest to the faintest.
PRINTED_TEXT = [
    "#sg-components",
    ".sg-card h3 a",
    ".sg-card .sg-update p:not(.sg-meta)",
    ".sg-card .sg-meta",
    ".sg-legend p",
    ".sg-legend li",
    ".sg-component-name",
    ".sg-bars-foot",
    ".sg-subscribe a",
]


def test_print_from_dark_mode_is_dark_text_on_white(views: Any, browsing: Any) -> None:
    page = browsing.open("/", scheme="dark")
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    on_screen = _over(page.evaluate("getComputedStyle(document.body).backgroundColor"))
    assert _luminance(on_screen) < 0.05, "the dark palette is not on screen to begin with"
    light_bars = _drawn(views.open("/", scheme="light"))

    page.emulate_media(media="print")
    # Material eases link colours (a 125 ms transition) from the dark palette's; paper shows
    # the end of it, so end every transition now instead of reading a colour midway.
    browsing.settle(page)
    browsing.screenshot(page, "overview-print-from-dark")
    for element in ("documentElement", "body"):
        background = page.evaluate(f"getComputedStyle(document.{element}).backgroundColor")
        assert _over(background) == (255, 255, 255), f"{element} background {background}"
    colours = _text_colours(page, PRINTED_TEXT)
    low = {}
    for selector, colour in colours.items():
        assert colour, f"nothing matches {selector}"
        ratio = contrast(_over(colour), (255, 255, 255))
        if ratio < 4.5:
            low[selector] = (colour, round(ratio, 2))
    assert not low, f"printed text under 4.5:1 on white paper: {low}"
    body = _over(colours[".sg-card .sg-update p:not(.sg-meta)"])
    assert max(body) < 64, f"the body text prints {body}, not (near) black"

    # Bars print in the light palette, with their patterns (and their backgrounds forced on).
    printed = _drawn(page)
    assert {k: (d["colour"], d["pattern"]) for k, d in printed.items()} == {
        k: (d["colour"], d["pattern"]) for k, d in light_bars.items()
    }
    adjust = page.evaluate(
        "getComputedStyle(document.querySelector('li.sg-bar'), '::before').printColorAdjust"
    )
    assert adjust == "exact"

    # No header (search, palette toggle), drawer or tooltips on paper.
    for selector in (".md-header", ".md-search", ".md-sidebar--primary", ".sg-tip"):
        expect(page.locator(selector).first).to_be_attached()
        shown = page.locator(selector).evaluate_all(
            "els => els.filter(e => getComputedStyle(e).display !== 'none').length"
        )
        assert shown == 0, f"{selector} is printed"

    # No forced page breaks; groups may break between components, cards and components don't.
    forced = page.evaluate(
        """() => [...document.querySelectorAll('body *')].filter(e => {
            const s = getComputedStyle(e);
            return ['page', 'left', 'right', 'recto', 'verso', 'always'].some(
                v => s.breakBefore === v || s.breakAfter === v);
        }).map(e => e.tagName + '.' + e.className)"""
    )
    assert not forced, f"forced page breaks: {forced}"
    assert page.eval_on_selector("details.sg-group", "e => getComputedStyle(e).breakInside") == (
        "auto"
    )
    for selector in (".sg-card", ".sg-component", ".sg-banner"):
        inside = page.eval_on_selector(selector, "e => getComputedStyle(e).breakInside")
        assert inside == "avoid", selector


def test_closed_groups_open_on_paper_and_close_again(browsing: Any) -> None:
    """A group the reader left closed prints with its components (the browser's print events),
    and is closed again afterwards."""
    page = browsing.open("/")
    groups = page.locator("details.sg-group")
    assert groups.count() > 1
    groups.first.evaluate("d => { d.open = false; }")
    closed = groups.evaluate_all("ds => ds.filter(d => !d.open).length")
    assert closed >= 1
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert groups.evaluate_all("ds => ds.filter(d => !d.open).length") == 0
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert groups.evaluate_all("ds => ds.filter(d => !d.open).length") == closed


def test_the_bars_name_the_days_a_phone_shows(browsing: Any) -> None:
    """Phones draw the last 30 days: the bars' accessible name says 30, and 90 again when the
    window grows."""
    page = browsing.open("/", size=PHONE)
    bars = page.locator("#component-api ol.sg-bars")
    expect(bars).to_have_attribute("aria-label", "Public API: daily uptime over the last 30 days")
    page.set_viewport_size({"width": 1280, "height": 900})
    expect(bars).to_have_attribute("aria-label", "Public API: daily uptime over the last 90 days")


def test_print_hides_the_archive_filters(browsing: Any) -> None:
    page = browsing.open("/history/", scheme="dark")
    expect(page.locator("#sg-filters")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator("#sg-filters")).to_be_hidden()
    expect(page.locator(".md-search")).to_be_hidden()


#: Finds every number followed by a unit in the text under `root`, and reports those whose
#: rendering spans more than one line (client rects at different heights).
SPLIT_UNITS = r"""(root) => {
    const found = [], split = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.parentElement.getClientRects().length) continue;
        // "99.87 %", "37 min", "2 h 20 min", "1 d 3 h": NBSP-joined, not followed by a letter.
        const unit = '\\u00a0(?:h|min|%|d)(?!\\p{L})';
        const number = '\\d+(?:[.,]\\d+)?';
        const pattern = new RegExp(number + unit + '(?:\\u00a0' + number + unit + ')?', 'gu');
        for (const match of node.data.matchAll(pattern)) {
            const range = document.createRange();
            range.setStart(node, match.index);
            range.setEnd(node, match.index + match[0].length);
            const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
            found.push(match[0]);
            if (tops.size > 1) split.push(match[0]);
        }
    }
    return {found, split};
}"""


@pytest.mark.parametrize(
    "path", ["/", "/components/api/", "/incidents/2026-11-05-auth-unexpected-sign-outs/"]
)
def test_numbers_and_units_never_break_apart_on_phones(browsing: Any, path: str) -> None:
    # The page's clock is at the example's build time: live times keep the built durations.
    page = browsing.open(path, size=PHONE)
    texts = page.locator("article").first.evaluate("e => e.textContent")
    breakable = sorted(set(BREAKABLE_UNIT.findall(texts)))
    assert not breakable, f"{path}: a plain space between a number and its unit: {breakable}"
    if path == "/":
        # The active card's "Ongoing for 2 h 20 min", which wraps at 375 px (checked below).
        card = page.locator(".sg-card").first
        expect(card).to_contain_text(f"Ongoing for 2{NBSP}h{NBSP}20{NBSP}min")
    result = page.locator("article").first.evaluate(SPLIT_UNITS)
    assert result["found"], f"{path}: no number with a unit found"
    assert not result["split"], f"{path}: units broken across lines: {result['split']}"
    # The check sees a break when there is one: force one into a narrow box.
    forced = page.evaluate(
        f"""() => {{
            const probe = document.createElement('p');
            probe.style.cssText = 'width: 2ch; overflow-wrap: anywhere';
            probe.textContent = 'Ongoing for 12{NBSP}h{NBSP}30{NBSP}min';
            document.querySelector('article').append(probe);
            return ({SPLIT_UNITS})(probe);
        }}"""
    )
    assert forced["split"] == [f"12{NBSP}h{NBSP}30{NBSP}min"], forced
    browsing.assert_no_problems()
