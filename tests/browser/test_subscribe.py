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
    # The example's e-mail sign-up posts to its list service (listmonk's form).
    form = page.locator("form.sg-email")
    expect(form).to_have_attribute("action", "https://lists.example.com/subscription/form")
    expect(form.get_by_label("Your e-mail address")).to_have_attribute("type", "email")
    expect(form.get_by_label("Every update")).to_be_checked()
    assert run_axe(page) == []
    browsing.assert_no_problems()


def test_component_picker_builds_the_chosen_feeds(
    browsing: Any, public_components: list[dict[str, Any]]
) -> None:
    page = browsing.open("/subscribe/")
    picker = page.locator("[data-sg-picker]")
    expect(picker.get_by_text("No component chosen yet.")).to_be_visible()
    picker.get_by_label("Public API").check()
    chosen = picker.locator("[data-sg-picked-list] li")
    expect(chosen).to_have_count(1)
    expect(chosen).to_have_text(
        "Public API: https://status.example.com/components/api/feed.rss"
        " · https://status.example.com/components/api/feed.atom"
    )
    names = [c["name"] for c in public_components]
    picker.get_by_label(names[-1]).check()
    expect(chosen).to_have_count(2)
    picker.get_by_label("Public API").uncheck()
    expect(chosen).to_have_count(1)
    expect(chosen).to_contain_text(names[-1])
    browsing.assert_no_problems()


def test_without_javascript_the_picker_is_every_components_feed_links(
    browsing: Any, public_components: list[dict[str, Any]]
) -> None:
    page = browsing.open("/subscribe/", js=False)
    picker = page.locator("[data-sg-picker]")
    expect(picker.locator("input[type=checkbox]:visible")).to_have_count(0)
    expect(picker.locator("[data-sg-picked]")).to_be_hidden()
    rss = picker.get_by_role("link", name="RSS feed")
    expect(rss).to_have_count(len(public_components))
    hrefs = {rss.nth(n).get_attribute("href") for n in range(len(public_components))}
    assert hrefs == {f"../components/{c['id']}/feed.rss" for c in public_components}
