"""The build's checks of docs_dir, run by `statusgen check` without MkDocs: no content
reachable from docs_dir, and no hand-written file where statusgen publishes one of its own.

The generated paths are those the plugin adds (pages, published files, assets, schemas, the
internal build's robots.txt), for the internal audience, which sees every page the public
does and more; the comparison is `content.docsdir`'s, which the plugin uses too.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from statusgen.clock import load_zone
from statusgen.content import SiteLayout
from statusgen.content.docsdir import OutputPaths, content_in_docs, docs_files, output_path
from statusgen.derive.audience import for_audience
from statusgen.derive.snapshot import build_snapshot
from statusgen.model import Audience, StatusSite
from statusgen.options import Options
from statusgen.options.mkdocs_yml import read_site_language, read_site_settings
from statusgen.problems import Problem
from statusgen.render import urls
from statusgen.render.locale import Translator
from statusgen.render.markup import MarkdownRenderer, RenderStore
from statusgen.render.outputs import PublishSettings, build_outputs
from statusgen.render.pages import generated_pages


def docs_problems(
    layout: SiteLayout,
    options: Options,
    site: StatusSite,
    now: datetime,
    store: RenderStore | None = None,
) -> list[Problem]:
    """Content reachable from docs_dir, then hand-written files in generated places (the
    outputs rendered with the texts found in `store`, the pre-flight's render cache)."""
    settings = read_site_settings(layout.root)
    docs_dir = layout.root / str(settings.get("docs_dir") or "docs")
    problems = content_in_docs(layout, docs_dir)
    if problems or not docs_dir.is_dir():
        return problems
    directory_urls = settings.get("use_directory_urls", True) is not False
    written = [(output_path(src, directory_urls), src) for src in docs_files(docs_dir)]
    taken = OutputPaths(written)
    for dest in sorted(
        set(generated_outputs(site, options, now, directory_urls, layout.root, store))
    ):
        if (clash := taken.clash(dest)) is not None:
            problems.append(
                Problem(
                    layout.label(docs_dir / taken.files[clash]),
                    0,
                    f"is published as {clash}, where statusgen publishes {dest}; expected "
                    "another name (rename or remove it)",
                )
            )
    return problems


def generated_outputs(
    site: StatusSite,
    options: Options,
    now: datetime,
    directory_urls: bool,
    root: Path,
    store: RenderStore | None = None,
) -> Iterator[str]:
    """The output path of every file a build of the site generates."""
    t = Translator(read_site_language(root))
    snapshot = build_snapshot(
        for_audience(site, Audience.INTERNAL),
        now,
        options.history_days,
        load_zone(options.timezone),
    )

    def url(src: str) -> str:
        dest = output_path(src, directory_urls)
        return dest.removesuffix("index.html") if directory_urls else dest

    site_urls = urls.SiteUrls(url, "https://example.invalid/")
    publish = PublishSettings("check", options, site_urls, t, MarkdownRenderer(store))
    yield from (output_path(page.src, directory_urls) for page in generated_pages(snapshot, t))
    yield from build_outputs(snapshot, publish)
    yield from (urls.asset(name) for name in urls.ASSETS)
    yield from (urls.schema(name) for name in urls.SCHEMAS)
    yield "robots.txt"
