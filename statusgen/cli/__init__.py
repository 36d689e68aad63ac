"""The `statusgen` command: new, update, resolve, check, status.

Exit status: 0 success, 1 invalid content, 2 usage (bad arguments, unknown incident).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from statusgen.cli.arguments import EXIT_USAGE, UsageError
from statusgen.cli.parser import build_parser
from statusgen.clock import ClockError, build_now
from statusgen.content import SiteLayout
from statusgen.options import SiteConfigError, read_site_options
from statusgen.problems import printable

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        now = args.now or build_now()
        root = Path(args.directory)
        if not root.is_dir():
            raise UsageError(f"-C {args.directory}: no such folder")
        options = read_site_options(root)
        prefix = "" if args.directory in (".", "") else args.directory.rstrip("/") + "/"
        layout = SiteLayout.of(root, options, label_prefix=prefix)
        return int(args.handler(args, layout, options, now))
    except (UsageError, SiteConfigError, ClockError) as error:
        print(f"statusgen: {printable(str(error))}", file=sys.stderr)
        return EXIT_USAGE
