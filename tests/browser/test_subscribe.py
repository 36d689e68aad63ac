"""The Subscribe page as readers use it: ways to follow in the order readers need them, the
widget's live preview working on the page itself, and axe clean on phones and desktops."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_subscribe_page_for_readers_with_live_widget(
    browsing: Any,
    run_axe: Callable[[Any], list[dict[str, Any]]],
    size: dict[str, int],
    scheme: str,
) -> None:
    page = browsing.open("/subscribe/", size=size, scheme=scheme)
    headings = page.locator("article h2").all_inner_texts()
    readers = [h.strip("¶ \n") for h in headings][:5]
    assert readers == [
        "In your feed reader",
        "In your calendar",
        "In your team's chat",
        "By e-mail",
        "On your own site or app",
    ]
    widget = page.locator("[data-statusgen-widget] [role=status]")
    expect(widget).to_have_text("Minor service outage")
    listed = page.locator("[data-statusgen-widget] li a")
    expect(listed).to_have_text("Transactional emails delayed")
    assert run_axe(page) == []
    browsing.assert_no_problems()
