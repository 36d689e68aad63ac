"""`statusgen` run in the test's process, as the command line runs it: for the tests of what a
check makes (`test_check_verdicts.py`, `test_check_once.py`) and the property tests that run a
check per example (`test_properties.py`, `test_check_build.py`)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from contextlib import redirect_stderr, redirect_stdout
from functools import cache
from pathlib import Path
from unittest import mock

import pytest

import statusgen.cli
from statusgen.cli import main
from statusgen.cli.parser import build_parser
from statusgen.render.checkverdict import CheckVerdicts

#: The fixture site's check time.
NOW_ARG = "2026-03-10T12:00:00Z"

#: The argument parser, built once per test process: `main` builds the same parser on every
#: call (about 4 CPU ms, argparse adding some 80 arguments), and a parser parses any number of
#: command lines, each into a new namespace. The property tests run thousands of checks.
_PARSER = cache(build_parser)


def statusgen_main(argv: Sequence[str]) -> int:
    """`main(argv)`, as the command line runs it, with the parser built once (`_PARSER`)."""
    with mock.patch.object(statusgen.cli, "build_parser", _PARSER):
        return main(argv)


def check(root: Path, now: str = NOW_ARG) -> tuple[int, str]:
    """`statusgen -C root --now now check`: its exit status and everything it printed."""
    out = io.StringIO()
    with redirect_stdout(out), redirect_stderr(out):
        code = statusgen_main(["-C", str(root), "--now", now, "check"])
    return code, out.getvalue()


@pytest.fixture
def check_in_full(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every check runs in full: for tests of what a check makes, below the verdict on the
    whole site that skips an unchanged site's check (`test_check_whole.py`)."""
    monkeypatch.setattr(CheckVerdicts, "find", lambda self, now: None)
