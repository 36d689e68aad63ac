"""The architecture is a checked contract: `lint-imports` (import-linter, configured in
pyproject.toml and run by `make lint`) keeps the layers of docs/architecture.md. Here it runs
on a copy of the package with one wrong-way import added, and must refuse each one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(tree: Path) -> subprocess.CompletedProcess[str]:
    """`lint-imports` on the package copied into `tree` (found first on the path)."""
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--config", str(tree / "pyproject.toml")],
        cwd=tree,
        env={**os.environ, "PYTHONPATH": str(tree)},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "statusgen", tmp_path / "statusgen")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_package_keeps_every_contract(tree: Path) -> None:
    done = lint_imports(tree)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


@pytest.mark.parametrize(
    ("module", "wrong", "contract"),
    [
        ("derive/lifecycle.py", "import statusgen.render.api", "Data flows one way"),
        ("derive/uptime.py", "import statusgen.problems", "derive is pure functions"),
        ("content/incidents.py", "import statusgen.options", "Data flows one way"),
        ("render/feeds.py", "import statusgen.notify.updates", "Data flows one way"),
        ("importers/writer.py", "import statusgen.cli.arguments", "Data flows one way"),
        ("options/__init__.py", "import statusgen.notify", "Data flows one way"),
        ("render/pages.py", "import mkdocs.plugins", "Only the plugin imports MkDocs"),
        ("content/rules.py", "import statusgen.content.incidents", "No import cycles"),
    ],
)
def test_a_wrong_way_import_breaks_the_contract(
    tree: Path, module: str, wrong: str, contract: str
) -> None:
    path = tree / "statusgen" / module
    path.write_text(path.read_text(encoding="utf-8") + f"\n{wrong}  # the wrong way\n")
    done = lint_imports(tree)
    assert done.returncode != 0, done.stdout
    broken = done.stdout[done.stdout.index("Contracts:") :]
    assert contract in broken and "BROKEN" in done.stdout
