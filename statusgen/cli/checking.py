"""`statusgen check`: what a pull request runs. Its own module, so that the commands a
responder types during an outage (`status`, `new`, `update`) start without loading what the
check renders."""

from __future__ import annotations

import argparse
from datetime import datetime

from statusgen.cli.arguments import EXIT_INVALID, EXIT_OK
from statusgen.cli.editing import print_problems
from statusgen.cli.publication import publication_problems
from statusgen.cli.schemas import print_stale_schemas
from statusgen.cli.templates import check_templates
from statusgen.cli.translations import (
    each_language,
    languages_option_problem,
    missing_problems,
    print_warnings,
)
from statusgen.content import SiteLayout, check_site
from statusgen.content.parsecache import committed_cache_problems
from statusgen.options import Options
from statusgen.options.alerts import alert_problems_for_catalog
from statusgen.options.notify import channel_problems_for_catalog
from statusgen.problems import Problem, plural
from statusgen.render.preflight import check_rendering
from statusgen.render.rendercache import RenderCache
from statusgen.render.verdicts import Verdicts


def command_check(
    args: argparse.Namespace, layout: SiteLayout, options: Options, now: datetime
) -> int:
    """Load, validate and render everything as the build would (both audiences); print every
    problem (and GitHub annotations in Actions); 1 if there is any."""
    site, problems = check_site(layout, now)
    problems += languages_option_problem(layout, options)
    problems += committed_cache_problems(layout.root, layout.label)
    warnings = missing_problems(site, layout.languages)
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
    print_stale_schemas(layout)  # editors' copies in schemas/: a warning, never a failure
    verdicts.save()
    if not problems:
        component_ids = {c.id for c in site.catalog.components}
        problems = notify_problems(layout, options, component_ids)
        label = layout.label(layout.root / "mkdocs.yml")
        problems += alert_problems_for_catalog(options.alerts, component_ids, label)
    if not problems:
        count = len(site.incidents)
        components = len(site.catalog.components)
        print(
            f"statusgen: {plural(components, 'component')} and "
            f"{plural(count, 'incident file')} are valid"
        )
        print_warnings(warnings)
        return EXIT_OK
    print_problems(problems)
    print_warnings(warnings)
    return EXIT_INVALID


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
