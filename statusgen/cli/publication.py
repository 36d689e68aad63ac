"""The check's view of what the build publishes, without MkDocs: the publication plan
(`render/plan.py`) of both audiences, held against docs_dir and made in full.

- No content reachable from docs_dir, and no hand-written file published where statusgen
  publishes one of its own (compared by output path, `content.docsdir`'s logic, which the
  plugin uses too); files `exclude_docs` or `draft_docs` leave out are not published, so they
  take no place, and a generated file they would leave out is refused (readers would follow
  links to it).
- Every page and file of the public and the internal build made as the build makes them
  (`render_all`): a failure is a problem naming the output and the content file it shows.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from functools import cache, partial
from pathlib import Path
from typing import Any

from statusgen.content import SiteLayout
from statusgen.content.docsdir import (
    Exclusions,
    OutputPaths,
    content_in_docs,
    docs_files,
    output_path,
    output_url,
)
from statusgen.content.probehistory import HistoryError, load_history
from statusgen.model import Audience, StatusSite
from statusgen.options import Options
from statusgen.options.mkdocs_yml import (
    custom_dir_of,
    docs_dir_of,
    read_site_language,
    read_site_settings,
)
from statusgen.problems import Problem
from statusgen.render.markup import RenderStore
from statusgen.render.plan import (
    NO_SITE_URL,
    PublicationPlan,
    SiteSettings,
    plan_audiences,
    render_all,
    site_name_problem,
)
from statusgen.render.verdicts import Verdicts


@dataclass(frozen=True)
class MkdocsSite:
    """What the check reads of mkdocs.yml to plan the build as MkDocs will run it."""

    docs_dir: Path
    directory_urls: bool
    exclusions: Exclusions
    settings: SiteSettings

    @classmethod
    def read(cls, layout: SiteLayout, options: Options) -> MkdocsSite:
        """The site's settings from mkdocs.yml, with MkDocs' defaults."""
        data = read_site_settings(layout.root)
        directory_urls = data.get("use_directory_urls", True) is not False
        custom_dir = custom_dir_of(layout.root, data)
        site_url = data.get("site_url")
        settings = SiteSettings(
            # Without mkdocs.yml (content checked on its own), a stand-in name.
            site_name=str(data.get("site_name") or "") if data else "Status",
            options=options,
            language=read_site_language(layout.root),
            page_url=cache(partial(output_url, use_directory_urls=directory_urls)),
            base_url=site_url.rstrip("/") + "/"
            if isinstance(site_url, str) and site_url
            else NO_SITE_URL,
            custom_dir=str(custom_dir) if custom_dir is not None else None,
            components_file=layout.label(layout.root / layout.components_file),
        )
        return cls(
            docs_dir=docs_dir_of(layout.root, data),
            directory_urls=directory_urls,
            exclusions=Exclusions(_text(data, "exclude_docs"), _text(data, "draft_docs")),
            settings=settings,
        )


def _text(data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    return value if isinstance(value, str) else None


def publication_problems(
    layout: SiteLayout,
    options: Options,
    site: StatusSite,
    now: datetime,
    store: RenderStore | None = None,
    verdicts: Verdicts | None = None,
) -> list[Problem]:
    """Content reachable from docs_dir; then hand-written files in generated places and
    generated files MkDocs would leave out; then every page and file of both audiences'
    builds made (texts read from `store`, the pre-flight's render cache; what `verdicts`
    holds as made without failure by an earlier check is not made again)."""
    mkdocs = MkdocsSite.read(layout, options)
    problems = content_in_docs(layout, mkdocs.docs_dir)
    if (wrong := site_name_problem(mkdocs.settings.site_name)) is not None:
        problems.append(Problem(layout.label(layout.root / "mkdocs.yml"), 0, wrong))
    try:  # what the probes measured; no file: nothing shown
        probes = load_history(layout.root / options.probe_history)
    except HistoryError as error:
        problems.append(Problem(layout.label(Path(error.source)), error.line, error.what))
    if problems:
        return problems
    settings = replace(mkdocs.settings, probes=probes)
    plans = plan_audiences(site, tuple(Audience), now, settings, store)
    problems = place_problems(layout, mkdocs, plans)
    return problems + render_all(plans, mkdocs.directory_urls, verdicts)


def place_problems(
    layout: SiteLayout, mkdocs: MkdocsSite, plans: list[PublicationPlan]
) -> list[Problem]:
    """Hand-written files where a plan publishes one, and planned files MkDocs would leave
    out (`exclude_docs`, `draft_docs`)."""
    problems: list[Problem] = []
    items = [(item.src, item.page is None) for plan in plans for item in plan]  # one pass
    planned = sorted({src for src, _ in items})
    files = sorted({src for src, is_file in items if is_file})
    for src in files:  # pages are always in: their inclusion is set, exclusions do not apply
        if mkdocs.exclusions.excludes(src):
            problems.append(
                Problem(
                    layout.label(layout.root / "mkdocs.yml"),
                    0,
                    f"exclude_docs or draft_docs leaves out {src}, which statusgen publishes "
                    "(pages link to it); expected patterns that leave statusgen's files in",
                )
            )
    if not mkdocs.docs_dir.is_dir():
        return problems
    written = [
        (output_path(src, mkdocs.directory_urls), src)
        for src in docs_files(mkdocs.docs_dir)
        if not mkdocs.exclusions.excludes(src)
    ]
    taken = OutputPaths(written)
    for dest in sorted({output_path(src, mkdocs.directory_urls) for src in planned}):
        if (clash := taken.clash(dest)) is not None:
            problems.append(
                Problem(
                    layout.label(mkdocs.docs_dir / taken.files[clash]),
                    0,
                    f"is published as {clash}, where statusgen publishes {dest}; expected "
                    "another name (rename or remove it)",
                )
            )
    return problems
