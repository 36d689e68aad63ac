"""Page URLs without a build (`notify`, `remind`, `check`) are the ones MkDocs gives: the one
statement of MkDocs' path rule (`content.docsdir`) and of its exclusions, held to MkDocs' own."""

from __future__ import annotations

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, InclusionLevel, set_exclusions

from statusgen.content.docsdir import Exclusions, output_path, output_url
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


#: Hand-written and generated shapes MkDocs names differently: READMEs, other Markdown
#: extensions, files that are not pages, folders named like pages.
PATHS = [
    *SOURCES,
    "README.md",
    "guide/README.md",
    "guide/index.md",
    "notes.markdown",
    "a/b/page.mdown",
    "feed.rss",
    "api/v2/summary.json",
    "index.md.txt",
    "components/api/report/uptime.csv",
]


@pytest.mark.parametrize("directory_urls", [True, False])
@pytest.mark.parametrize("src", PATHS)
def test_the_one_path_rule_is_mkdocs_rule(src: str, directory_urls: bool) -> None:
    file = File(src, None, "/tmp/site", directory_urls)
    assert output_path(src, directory_urls) == file.dest_uri
    assert output_url(src, directory_urls) == file.url


@pytest.mark.parametrize(
    ("exclude", "drafts"),
    [
        (None, None),
        ("*.ics\n", None),
        ("api/\n!api/v2/status.json\n", None),
        ("/drafts/\n", "notes.*\n"),
        (None, "README.md\n"),
    ],
)
def test_exclusions_are_mkdocs_exclusions(exclude: str | None, drafts: str | None) -> None:
    config = MkDocsConfig()
    config.load_dict({"site_name": "x", "exclude_docs": exclude, "draft_docs": drafts})
    errors, warnings = config.validate()
    assert not errors and not warnings
    paths = [*PATHS, ".hidden/x.md", "templates/main.html", "drafts/a.md", "maintenance.ics"]
    files = [File(path, "/docs", "/tmp/site", True) for path in paths]
    set_exclusions(files, config)
    ours = Exclusions(exclude, drafts)
    for file in files:
        left_out = file.inclusion in (InclusionLevel.EXCLUDED, InclusionLevel.DRAFT)
        assert ours.excludes(file.src_uri) == left_out, file.src_uri


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
