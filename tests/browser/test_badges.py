"""Status badges as browsers draw them: an SVG with a readable label and an accessible name."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.mark.parametrize(
    ("name", "label", "message"),
    [
        ("email-delivery", "Email delivery", "degraded performance"),
        ("api", "Public API", "operational"),
        ("_page", "Acme Cloud Status", "minor service outage"),
    ],
)
def test_badge_renders_with_its_words(browsing: Any, name: str, label: str, message: str) -> None:
    page = browsing.open(f"/badges/{name}.svg")
    svg = page.locator("svg")
    box = svg.bounding_box()
    assert box is not None and box["height"] == 20 and box["width"] > 60
    texts = page.locator("svg text").all_text_contents()
    assert texts == [label, message]
    assert svg.get_attribute("role") == "img"
    assert svg.get_attribute("aria-label") == f"{label}: {message}"
    assert page.locator("svg title").text_content() == f"{label}: {message}"
    # Every word fits in its half of the badge (the widths are estimated without font metrics).
    for part, rect in zip(
        page.locator("svg text").all(), page.locator("svg rect").all(), strict=True
    ):
        text_box, rect_box = part.bounding_box(), rect.bounding_box()
        assert text_box and rect_box
        assert text_box["width"] <= rect_box["width"], (part.text_content(), text_box, rect_box)
    path = browsing.screenshot(page, f"badge-{name}", full_page=False, always=True)
    assert path is not None and path.stat().st_size > 0
    # Opened on its own, an SVG makes Chromium ask for /favicon.ico, which the site has not.
    favicon = [p for p in browsing.problems if "favicon.ico" in p]
    others = [p for p in browsing.problems if "favicon.ico" not in p and "404" not in p]
    assert others == [] and len(favicon) <= 1, browsing.problems
