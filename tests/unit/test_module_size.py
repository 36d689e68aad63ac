"""docs/architecture.md: "No module over 400 lines". Every module of the package is held to it,
and a failure names each module over the limit with its length, not just the first."""

from __future__ import annotations

from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "statusgen"
#: The most lines a module of statusgen may have (docs/architecture.md, "The flow").
MOST_LINES = 400


def too_long(package: Path, most: int = MOST_LINES) -> list[str]:
    """`path: N lines` for each module under `package` longer than `most` lines, sorted."""
    found = []
    for path in sorted(package.rglob("*.py")):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > most:
            found.append(f"{path.relative_to(package.parent).as_posix()}: {lines} lines")
    return found


def test_no_module_is_over_400_lines() -> None:
    over = too_long(PACKAGE)
    assert not over, f"modules over {MOST_LINES} lines (split each along a seam):\n" + "\n".join(
        over
    )


def test_the_check_counts_lines_and_names_every_long_module(tmp_path: Path) -> None:
    package = tmp_path / "statusgen"
    (package / "sub").mkdir(parents=True)
    (package / "short.py").write_text("x = 1\n" * 400, encoding="utf-8")
    (package / "long.py").write_text("x = 1\n" * 401, encoding="utf-8")
    (package / "sub" / "longer.py").write_text("x = 1\n" * 500 + "y = 2", encoding="utf-8")
    (package / "notes.txt").write_text("x\n" * 900, encoding="utf-8")
    assert too_long(package) == [
        "statusgen/long.py: 401 lines",
        "statusgen/sub/longer.py: 501 lines",
    ]


def test_the_package_is_where_the_check_looks() -> None:
    if not (PACKAGE / "__init__.py").is_file():
        pytest.fail(f"no package at {PACKAGE}: the size check would pass on nothing")
    assert len(list(PACKAGE.rglob("*.py"))) > 50
