"""The reliability report in a real browser: axe-core finds nothing serious in the light and
dark palettes (charts and their opened data tables included), and its charts follow the
palette: light marks on the dark screen, dark marks on white paper when printed."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

REPORTS = [
    pytest.param("/report/", id="site"),
    pytest.param("/components/cdn/report/", id="component"),
]
BLOCKING = {"serious", "critical"}
#: What each chart element's computed colour is read from.
COLOURS = """() => {
    const style = (selector, property) =>
        getComputedStyle(document.querySelector(selector))[property];
    return {
        page: style("body", "backgroundColor"),
        text: style(".sg-chart text", "fill"),
        critical: style(".sg-chart .sg-chart-critical", "fill"),
        bar: style(".sg-chart .sg-chart-bar", "fill"),
        gap: style(".sg-chart .sg-chart-gap", "fill"),
    };
}"""


def luminance(colour: str) -> float:
    """WCAG relative luminance of a computed `rgb(...)`/`rgba(...)` colour (alpha ignored)."""
    red, green, blue = (int(v) / 255 for v in re.findall(r"[\d.]+", colour)[:3])

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two computed colours."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", REPORTS)
def test_report_has_no_serious_axe_violations(
    browsing: Any, run_axe: Callable[[Any], list[dict[str, Any]]], path: str, scheme: str
) -> None:
    page = browsing.open(path, scheme=scheme)
    # Check the data tables too, as a reader who opens them sees them.
    page.evaluate("document.querySelectorAll('details.sg-data').forEach(d => d.open = true)")
    charts = page.locator("svg.sg-chart[role=img]")
    assert charts.count() == (3 if "components" in path else 2)
    for n in range(charts.count()):
        assert charts.nth(n).bounding_box()["width"] > 500  # drawn at the content's width
    violations = [v for v in run_axe(page) if v["impact"] in BLOCKING]
    assert not violations, "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']}: "
        + "; ".join(" ".join(map(str, n["target"])) for n in v["nodes"][:6])
        for v in violations
    )
    browsing.assert_no_problems()


def test_charts_follow_the_palette_on_screen_and_print_dark_on_white(browsing: Any) -> None:
    path = "/components/api/report/"
    # Colours are read from settled pages (`Browsing.settle`): a warm page can be read while
    # Material still eases a colour in.
    light = browsing.settle(browsing.open(path, scheme="light")).evaluate(COLOURS)
    dark_page = browsing.settle(browsing.open(path, scheme="dark"))
    dark = dark_page.evaluate(COLOURS)
    # On screen, marks and words stand out from the page in both palettes (3:1 for graphics,
    # 4.5:1 for text), and the dark palette draws them light.
    for colours in (light, dark):
        assert contrast(colours["text"], colours["page"]) >= 4.5, colours
        assert contrast(colours["critical"], colours["page"]) >= 3, colours
        assert contrast(colours["bar"], colours["page"]) >= 3, colours
        # Pattern stripes are cut in the page's own colour.
        assert colours["gap"] == colours["page"] or luminance(colours["gap"]) == luminance(
            colours["page"]
        ), colours
    assert luminance(dark["text"]) > 0.5 and luminance(dark["bar"]) > luminance(light["bar"])
    # Printed from the dark palette: white paper, dark marks and words.
    dark_page.emulate_media(media="print")
    # Paper shows the end of the colours' transitions from the dark palette, not a midpoint.
    printed = browsing.settle(dark_page).evaluate(COLOURS)
    assert luminance(printed["page"]) == 1.0, printed
    for key in ("text", "critical", "bar"):
        assert luminance(printed[key]) < 0.2, (key, printed)
        assert contrast(printed[key], printed["page"]) >= 4.5, (key, printed)
    # The download links and the closed tables are left off paper; the charts stay whole.
    assert dark_page.locator(".sg-download").first.is_hidden()
    assert dark_page.locator("svg.sg-chart").first.is_visible()
    browsing.screenshot(dark_page, "report-print")
    browsing.assert_no_problems()
