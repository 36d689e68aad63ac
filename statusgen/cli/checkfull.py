"""`statusgen check` in full (`cli/checking.py` runs it when no kept verdict holds): load,
validate, hold every text to the budgets and make every page and file of both audiences."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from statusgen.cli.publication import publication_problems
from statusgen.cli.schemas import stale_schemas
from statusgen.cli.templates import check_templates
from statusgen.cli.translations import (
    each_language,
    languages_option_problem,
    missing_name_problems,
    missing_problems,
    print_warning,
)
from statusgen.content import SiteLayout, check_site
from statusgen.content.parsecache import committed_cache_problems
from statusgen.model import StatusSite
from statusgen.options import Options
from statusgen.options.alerts import alert_problems_for_catalog
from statusgen.options.notify import channel_problems_for_catalog
from statusgen.problems import Problem, plural
from statusgen.render.preflight import check_rendering
from statusgen.render.rendercache import RenderCache
from statusgen.render.verdicts import Verdicts


@dataclass(frozen=True)
class CheckResult:
    """What a check found: its problems (none: it passed), its warnings, the lines it
    prints when it passes, the site as loaded, and its stale schema copies' warnings."""

    problems: list[Problem]
    warnings: list[Problem]
    lines: list[str]
    site: StatusSite
    #: Warnings of stale copies in schemas/, printed as the check ran.
    stale: list[Problem]


def check_in_full(layout: SiteLayout, options: Options, now: datetime) -> CheckResult:
    """Load, validate and render everything as the build would (both audiences): every
    problem and warning."""
    site, problems = check_site(layout, now)
    problems += languages_option_problem(layout, options)
    problems += committed_cache_problems(layout.root, layout.label)
    warnings = missing_problems(site, layout.languages)
    names = layout.label(layout.root / layout.components_file)
    warnings += missing_name_problems(site.catalog, layout.languages, names)
    if options.require_translations:
        problems, warnings = problems + warnings, []
    verdicts = Verdicts.for_site(layout.root)  # what earlier checks made without failure
    with RenderCache.for_site(layout.root) as cache:  # the build's cache: shared both ways
        if not problems:
            problems = check_rendering(site, cache=cache, verdicts=verdicts)
            for translated in each_language(site, layout.languages):  # each page: one language
                problems += check_rendering(translated, cache=cache, verdicts=verdicts)
        problems = sorted(problems + check_templates(layout, options))
        if not problems:
            problems = publication_problems(layout, options, site, now, cache, verdicts)
    stale = stale_schemas(layout)  # editors' copies in schemas/: a warning, never a failure
    for warning in stale:
        print_warning(warning)
    verdicts.save()
    if not problems:
        component_ids = {c.id for c in site.catalog.components}
        problems = notify_problems(layout, options, component_ids)
        label = layout.label(layout.root / "mkdocs.yml")
        problems += alert_problems_for_catalog(options.alerts, component_ids, label)
    components = plural(len(site.catalog.components), "component")
    count = plural(len(site.incidents), "incident file")
    lines = [f"statusgen: {components} and {count} are valid"]
    return CheckResult(problems, warnings, lines, site, stale)


def notify_problems(layout: SiteLayout, options: Options, component_ids: set[str]) -> list[Problem]:
    """The notify options' problems only the content can tell (unknown component ids, an
    unknown reminder channel), at their line of mkdocs.yml."""
    label = layout.label(layout.root / "mkdocs.yml")
    return [
        Problem(label, line, text)
        for line, text in channel_problems_for_catalog(
            options.notify,
            component_ids,
            options.remind_channel,
            layout.languages,
        )
    ]
