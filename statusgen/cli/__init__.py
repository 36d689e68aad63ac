"""The `statusgen` command: init, new, update, resolve, check, status, import.

Exit status: 0 success, 1 invalid content, 2 usage (bad arguments, unknown incident).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from statusgen.cli.arguments import EXIT_USAGE, UsageError
from statusgen.cli.parser import build_parser, handler_of
from statusgen.clock import ClockError, build_now
from statusgen.problems import printable

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = build_parser().parse_args(argv)  # --version and --help end here, loading nothing
    from statusgen.options.mkdocs_yml import SiteConfigError, read_site_layout

    try:
        now = args.now or build_now()
        if args.command == "init":  # no site yet: it makes one
            return int(handler_of("init:command_init")(args, now))
        start = Path(args.directory or ".")
        if not start.is_dir():
            raise UsageError(f"-C {args.directory}: no such folder")
        root = find_site(start)
        options, layout = read_site_layout(root, label_prefix(root, args.directory))
        return int(handler_of(args.handler)(args, layout, options, now))
    except SiteConfigError as error:  # every problem of mkdocs.yml, a line each
        for message in error.messages:
            print(f"statusgen: {printable(message)}", file=sys.stderr)
        return EXIT_USAGE
    except (UsageError, ClockError) as error:
        print(f"statusgen: {printable(str(error))}", file=sys.stderr)
        return EXIT_USAGE


#: Files that mark a status site's folder.
SITE_MARKERS = ("mkdocs.yml", "components.yml")


def find_site(start: Path) -> Path:
    """The site's folder: `start` or the nearest folder above it holding mkdocs.yml or
    components.yml, as git finds `.git`."""
    here = start.resolve()
    for folder in (here, *here.parents):
        if any((folder / marker).is_file() for marker in SITE_MARKERS):
            return folder
    raise UsageError(
        f"no status site in {start} or above it (no mkdocs.yml or components.yml); "
        "expected to run inside a site's folder (start one with `statusgen init`) or -C DIR"
    )


def label_prefix(root: Path, typed: str | None) -> str:
    """How paths in messages start: from `-C DIR` as typed, else from the current folder
    ("" here, "../" from docs/), so a terminal can open them as shown."""
    start = Path(typed) if typed else Path(".")
    relative = os.path.normpath(os.path.join(typed or "", os.path.relpath(root, start.resolve())))
    return "" if relative == "." else relative.rstrip("/") + "/"
