"""`statusgen import FORMAT SOURCE`: another status page's content into this site."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from statusgen.cli.arguments import EXIT_INVALID, EXIT_OK, UsageError
from statusgen.cli.defaults import DEFAULT_REPORT
from statusgen.content import SiteLayout
from statusgen.importers import SourceError, reader
from statusgen.options import Options
from statusgen.problems import format_problems, printable

#: Where the JSON report goes by default, in the site's folder.
#: More source incidents than this and progress is shown on stderr.
PROGRESS_FROM = 2000


def command_import(
    args: argparse.Namespace, layout: SiteLayout, options: Options, now: datetime
) -> int:
    """Read the source, write the site's files (unless --dry-run), print the summary and write
    the JSON report."""
    # Imported on use: only this command needs the importers (start-up stays quick).
    from statusgen.importers.run import Conflicts, ImportBug, SiteInvalid, run_import

    source = Path(args.source)
    try:
        batch = reader(args.format)(source, now)
    except SourceError as error:
        raise UsageError(str(error)) from None
    progress = None
    if len(batch.incidents) > PROGRESS_FROM:

        def progress(message: str) -> None:
            print(f"statusgen import: {message}", file=sys.stderr, flush=True)

        progress(f"read {len(batch.incidents):,} incidents from {printable(str(source))}")
    try:
        outcome = run_import(
            batch,
            str(source),
            layout,
            now,
            force=args.force,
            dry_run=args.dry_run,
            progress=progress,
            languages=layout.languages,
            language=args.language,
        )
    except SourceError as error:
        raise UsageError(str(error)) from None
    except Conflicts as error:
        shown = "\n  ".join(printable(p) for p in error.paths[:10])
        more = f"\n  and {len(error.paths) - 10} more" if len(error.paths) > 10 else ""
        raise UsageError(
            f"{len(error.paths)} files exist with other content:\n  {shown}{more}\n"
            "expected new or unchanged files; nothing was written (--force overwrites them)"
        ) from None
    except SiteInvalid as error:
        print("statusgen import: fix components.yml first:", file=sys.stderr)
        print(format_problems(error.problems), file=sys.stderr)
        return EXIT_INVALID
    except ImportBug as error:
        print(
            "statusgen import: what the import wrote does not pass `statusgen check`. This is a "
            "bug in statusgen's importer; please report it with the problems below:",
            file=sys.stderr,
        )
        print(format_problems(error.problems), file=sys.stderr)
        return EXIT_INVALID
    report = outcome.report
    if args.dry_run:
        for item in outcome.files:
            if item.action != "unchanged":
                print(f"would write {printable(item.label)} ({item.action})")
    print(report.summary())
    report_path = Path(args.report) if args.report else None
    if report_path is None and not args.dry_run:
        report_path = layout.root / DEFAULT_REPORT
    if report_path is not None:
        report_path.parent.mkdir(parents=True, exist_ok=True)
        report_path.write_text(report.to_json(), encoding="utf-8")
        print(f"report: {printable(str(report_path))}")
    return EXIT_OK
