"""Page URLs without a build (`statusgen notify`, `remind`) are the ones MkDocs gives."""

from __future__ import annotations

import pytest
from mkdocs.structure.files import File

from statusgen.render import urls

#: Every shape of generated page, and a hand-written page at the top.
SOURCES = [
    urls.OVERVIEW,
    urls.HISTORY,
    urls.REPORT,
    urls.incident_page("2026-11-22-api"),
    urls.component_page("api"),
    urls.component_report_page("api"),
    urls.history_year_page(2026),
    "subscribe.md",
]


@pytest.mark.parametrize("directory_urls", [True, False])
@pytest.mark.parametrize("src", SOURCES)
def test_static_page_urls_are_mkdocs_urls(src: str, directory_urls: bool) -> None:
    mkdocs_url = File(src, None, "/tmp/site", directory_urls).url
    assert urls.static_page_url(src, directory_urls) == mkdocs_url
    site = urls.SiteUrls.without_build("https://status.example.com/", directory_urls)
    assert site.absolute_page(src) == "https://status.example.com/" + mkdocs_url
