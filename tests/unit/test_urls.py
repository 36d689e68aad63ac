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


#: Segments links are made of, and the ones posixpath normalizes (".", "..", "", dotted names).
_SEGMENTS = [
    "incidents",
    "2026-11-22-api",
    "history",
    "2026",
    "a.b",
    "feed.rss",
    "é",
    "",
    ".",
    "..",
]


def test_relative_links_are_posixpaths_relpath() -> None:
    """The fast path of `relative` gives exactly what `posixpath.relpath` gives, on every pair
    of paths up to three segments deep (with and without a trailing slash)."""
    import itertools
    import posixpath

    paths = ["/"] + [
        "/" + "/".join(parts) + tail
        for depth in (1, 2, 3)
        for parts in itertools.product(_SEGMENTS[:6] + _SEGMENTS[7:], repeat=depth)
        for tail in ("", "/")
        if depth < 3 or len(set(parts)) == 3
    ]
    checked = 0
    for path in paths[::7]:
        for start in paths[::11]:
            assert urls._relpath(path, start) == posixpath.relpath(path, start), (path, start)
            checked += 1
    assert checked > 10_000
