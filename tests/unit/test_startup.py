"""Start-up: `statusgen --version` and `--help` load no command, and nothing POSIX-only loads
before a command needs it (no timing here: benchmarks/ measures the time)."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

#: Modules only some command needs: none may load to print the version or the help.
HEAVY = (
    "statusgen.cli.commands",
    "statusgen.cli.init",
    "statusgen.cli.notifying",
    "statusgen.cli.importing",
    "statusgen.content.incidents",
    "statusgen.render",
    "statusgen.notify.sending",
    "statusgen.options",
    "markdown",
    "jinja2",
    "yaml",
    "frontmatter",
)
#: Modules that exist on one platform only: no module of statusgen imports them at its top
#: (where needed, inside the function that needs them, behind a platform check).
PLATFORM_ONLY = {"fcntl", "msvcrt", "pwd", "grp", "termios", "resource", "winreg"}


def loaded_after(args: list[str]) -> set[str]:
    code = (
        "import sys, json\n"
        "from statusgen.cli import main\n"
        "try:\n"
        f"    main({args!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(json.dumps(sorted(sys.modules)), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["new", "--help"]])
def test_version_and_help_load_no_command(args: list[str]) -> None:
    loaded = loaded_after(args)
    assert not {m for m in loaded for heavy in HEAVY if m == heavy or m.startswith(heavy + ".")}


def test_a_command_loads_its_module_on_use() -> None:
    loaded = loaded_after(["-C", "/nonexistent-folder", "status"])
    assert "statusgen.options.mkdocs_yml" in loaded  # it got as far as reading the site
    assert "statusgen.cli.notifying" not in loaded


def test_no_module_imports_a_platform_only_module_at_its_top() -> None:
    package = Path(__file__).resolve().parents[2] / "statusgen"
    found = []
    for path in sorted(package.rglob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            found += [f"{path.name}: {n}" for n in names if n.split(".")[0] in PLATFORM_ONLY]
    assert found == []
