"""`statusgen check`: what a pull request runs. Its own module, so that the commands a
responder types during an outage (`status`, `new`, `update`) start without loading what the
check renders; and light itself: a check whose inputs passed before, at a time the verdict
still holds (`render/checkverdict.py`), prints what that check printed without loading the
rest (`cli/checkfull.py`, the check in full)."""

from __future__ import annotations

import argparse
from datetime import datetime

from statusgen.cli.arguments import EXIT_INVALID, EXIT_OK
from statusgen.cli.translations import print_warning, print_warnings
from statusgen.content import SiteLayout
from statusgen.options import Options
from statusgen.render.checkverdict import CheckVerdicts, holds_until


def command_check(
    args: argparse.Namespace, layout: SiteLayout, options: Options, now: datetime
) -> int:
    """Load, validate and render everything as the build would (both audiences); print every
    problem (and GitHub annotations in Actions); 1 if there is any. The same inputs that
    passed at a time whose derived state still holds now pass again, unchecked."""
    verdicts = CheckVerdicts.for_site(layout, options)
    passed = verdicts.find(now)
    if passed is not None:
        for warning in passed.stale:
            print_warning(warning)
        for line in passed.lines:
            print(line)
        print_warnings(passed.warnings)
        return EXIT_OK
    from statusgen.cli.checkfull import check_in_full
    from statusgen.cli.editing import print_problems

    result = check_in_full(layout, options, now)
    if result.problems:
        print_problems(result.problems)
        print_warnings(result.warnings)
        return EXIT_INVALID
    for line in result.lines:
        print(line)
    print_warnings(result.warnings)
    until = holds_until(result.site, options, layout.root, now)
    verdicts.keep(layout, options, now, until, result.lines, result.warnings, result.stale)
    return EXIT_OK
