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


#: (module, the wrong-way import added to it, the contract it breaks, the line of lint-imports'
#: report of that contract that names it)
WRONG_WAY = [
    (
        "derive/lifecycle.py",
        "import statusgen.render.api",
        "Data flows one way",
        "statusgen.derive.lifecycle -> statusgen.render.api",
    ),
    (
        "derive/uptime.py",
        "import statusgen.problems",
        "derive is pure functions",
        "statusgen.derive.uptime -> statusgen.problems",
    ),
    (
        "content/incidents.py",
        "import statusgen.options",
        "Data flows one way",
        "statusgen.content.incidents -> statusgen.options",
    ),
    (
        "render/feeds.py",
        "import statusgen.notify.updates",
        "Data flows one way",
        "statusgen.render.feeds -> statusgen.notify.updates",
    ),
    (
        "importers/writer.py",
        "import statusgen.cli.arguments",
        "Data flows one way",
        "statusgen.importers.writer -> statusgen.cli.arguments",
    ),
    (
        "options/__init__.py",
        "import statusgen.notify",
        "Data flows one way",
        "statusgen.options -> statusgen.notify",
    ),
    (
        "render/pages.py",
        "import mkdocs.plugins",
        "Only the plugin imports MkDocs",
        "statusgen.render.pages -> mkdocs",
    ),
    (
        "content/rules.py",
        "import statusgen.content.incidents",
        "No import cycles",
        ".rules -> .incidents",
    ),
]


def broken_contracts(report: str) -> dict[str, str]:
    """lint-imports' report of each broken contract, by the contract's name: the text under
    the name's underlined heading, up to the next one."""
    lines = report[report.index("Broken contracts") :].splitlines()[3:]
    heads = [
        n for n in range(1, len(lines)) if set(lines[n]) == {"-"} and not set(lines[n - 1]) <= {"-"}
    ]
    found = {}
    for number, head in enumerate(heads):
        name = lines[head - 1]
        if head >= 2 and lines[head - 2] and not set(lines[head - 2]) <= {"-"}:
            name = lines[head - 2] + " " + name  # a name wrapped over two lines
        end = heads[number + 1] - 2 if number + 1 < len(heads) else len(lines)
        found[name] = "\n".join(lines[head + 1 : end])
    return found


def test_each_wrong_way_import_breaks_its_contract(tree: Path) -> None:
    """Every wrong-way import of `WRONG_WAY` added to one copy of the package (one
    lint-imports run, where a run per import cost a process and a graph each): each of their
    contracts is broken, and its report names that import."""
    for module, wrong, _, _ in WRONG_WAY:
        path = tree / "statusgen" / module
        path.write_text(path.read_text(encoding="utf-8") + f"\n{wrong}  # the wrong way\n")
    done = lint_imports(tree)
    assert done.returncode != 0, done.stdout
    assert "BROKEN" in done.stdout
    reports = broken_contracts(done.stdout)
    for module, wrong, contract, reported in WRONG_WAY:
        named = [name for name in reports if name.startswith(contract)]
        assert len(named) == 1, (contract, sorted(reports))
        assert reported in reports[named[0]], (module, wrong, reports[named[0]])
