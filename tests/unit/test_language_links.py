"""A hand-written page in another language leads its readers to that language's pages and
files where they exist (`plugin/languagelinks.py`), as mkdocs-static-i18n does."""

from __future__ import annotations

import pytest

from statusgen.plugin.languagelinks import localized_links

PUBLISHED = frozenset({"./", "fr/", "feed.rss", "fr/feed.rss", "api/", "fr/api/", "about/"})


def link(href: str, page_url: str = "fr/subscribe/") -> str:
    html = f'<p><a class="x" href="{href}">it</a></p>'
    return localized_links(html, page_url, "fr", ("fr", "nl"), PUBLISHED)


@pytest.mark.parametrize(
    ("href", "led_to"),
    [
        ("../../feed.rss", "../feed.rss"),  # the French feed, not the English one
        ("../../api/", "../api/"),
        ("../../api/#fields", "../api/#fields"),  # the fragment kept
        ("../../", "../"),  # the French home
        ("../../about/", "../../about/"),  # no French version: the default language's
        ("../../missing/", "../../missing/"),
        ("../feed.rss", "../feed.rss"),  # French already
        ("https://example.com/feed.rss", "https://example.com/feed.rss"),
        ("mailto:support@example.com", "mailto:support@example.com"),
        ("/feed.rss", "/feed.rss"),  # from the root: the author's own choice
        ("#webhooks", "#webhooks"),
        ("../../../outside/", "../../../outside/"),
    ],
)
def test_a_link_leads_to_the_pages_language_where_it_can(href: str, led_to: str) -> None:
    assert link(href) == f'<p><a class="x" href="{led_to}">it</a></p>'


def test_without_directory_urls_the_page_s_folder_is_its_base() -> None:
    published = frozenset({"feed.rss", "fr/feed.rss", "api.html", "fr/api.html"})
    html = '<a href="../api.html">API</a> <a href="../feed.rss">feed</a>'
    assert localized_links(html, "fr/subscribe.html", "fr", ("fr",), published) == (
        '<a href="api.html">API</a> <a href="feed.rss">feed</a>'
    )


def test_what_is_not_a_link_s_address_is_left_alone() -> None:
    html = '<img src="../../feed.rss"><code>href="../../feed.rss"</code>'
    assert localized_links(html, "fr/subscribe/", "fr", ("fr",), PUBLISHED) == html
