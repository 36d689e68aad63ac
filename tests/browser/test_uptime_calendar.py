"""A component's uptime calendar in the browser: each day's state is told apart without colour
(height and pattern of its swatch, as the legend shows them), its words reach screen readers,
and axe-core finds nothing serious in light and dark, on a laptop and a phone.

Every page opens with its clock 30 days after the example's build moment (2026-11-23T12:00:00Z):
the calendar is the build's, and the page says it is old (test_stale.py leaves the axe check of
that notice on a component page to this test).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from playwright.sync_api import expect
from sitebuild import EXAMPLE_BUILT

BLOCKING = {"serious", "critical"}
LAPTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
CALENDAR = "section[aria-labelledby=sg-calendar]"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", [LAPTOP, PHONE], ids=["1280x800", "390x844"])
def test_calendar_is_accessible_and_fits(
    browsing: Any,
    run_axe: Callable[[Any], list[dict[str, Any]]],
    size: dict[str, int],
    scheme: str,
) -> None:
    page = browsing.open(
        "/components/cdn/", at=EXAMPLE_BUILT + timedelta(days=30), size=size, scheme=scheme
    )
    # The suite's axe check of a component page (test_accessibility.py leaves it to this test),
    # with the notice that the page is old.
    expected = "slate" if scheme == "dark" else "default"
    assert page.evaluate("document.body.dataset.mdColorScheme") == expected
    expect(page.locator(".sg-stale")).to_be_visible()
    calendar = page.locator(CALENDAR)
    expect(calendar.locator("table.sg-cal")).to_have_count(12)
    expect(calendar.locator("table.sg-cal caption").first).to_have_text("November 2026")
    # The outage day: a table cell whose accessible words are its tooltip's.
    cell = calendar.locator("table.sg-cal", has_text="September 2026").get_by_role(
        "cell", name="2 · Partial outage for 1\u00a0h\u00a036\u00a0min · 98.00\u00a0%"
    )
    expect(cell).to_have_count(1)
    # Told apart without colour: a partial outage's swatch is taller and striped.
    drawn = cell.locator(".sg-swatch").evaluate(
        "s => { const b = getComputedStyle(s, '::before');"
        " return [b.backgroundImage, parseFloat(b.height) / s.getBoundingClientRect().height]; }"
    )
    quiet = calendar.locator("td .sg-swatch.sg-s-operational").first.evaluate(
        "s => { const b = getComputedStyle(s, '::before');"
        " return [b.backgroundImage, parseFloat(b.height) / s.getBoundingClientRect().height]; }"
    )
    assert "gradient" in drawn[0] and quiet[0] == "none", (drawn, quiet)
    assert drawn[1] > quiet[1] + 0.2, (drawn, quiet)
    # The months fit the screen: nothing scrolls sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    violations = [v for v in run_axe(page) if v["impact"] in BLOCKING]
    assert not violations, [
        (v["id"], v["help"], [n["html"][:120] for n in v["nodes"][:4]]) for v in violations
    ]
    browsing.assert_no_problems()
