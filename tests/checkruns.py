"""`statusgen check` run in the test's process, as the command line runs it, for the tests of
what a check makes (`test_check_verdicts.py`, `test_check_once.py`)."""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from statusgen.cli import main
from statusgen.render.checkverdict import CheckVerdicts

#: The fixture site's check time.
NOW_ARG = "2026-03-10T12:00:00Z"


def check(root: Path, now: str = NOW_ARG) -> tuple[int, str]:
    """`statusgen -C root --now now check`: its exit status and everything it printed."""
    out = io.StringIO()
    with redirect_stdout(out), redirect_stderr(out):
        code = main(["-C", str(root), "--now", now, "check"])
    return code, out.getvalue()


@pytest.fixture
def check_in_full(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every check runs in full: for tests of what a check makes, below the verdict on the
    whole site that skips an unchanged site's check (`test_check_whole.py`)."""
    monkeypatch.setattr(CheckVerdicts, "find", lambda self, now: None)
