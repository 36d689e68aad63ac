"""Every shell command shown in the README and the site's docs, run as written.

Each document's ```sh blocks, and the `$ ` lines of its ```console blocks, run in order, as
one bash script (so `source` and `cd` carry over), in a fresh copy of the repository, with the
machine's clock, as a team runs them (installs from the package index on the real one even when
`make test` moves the machine's clock: tests/clocks.py).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from clocks import installs_on_real_clock
from sitebuild import REPO

DOCUMENTS = [
    "README.md",
    *sorted(p.relative_to(REPO).as_posix() for p in (REPO / "docs").glob("*.md")),
]
#: Commands that cannot run inside the test suite as written, and what runs instead.
INSTEAD = {
    # The README's test command is what runs this test: run it dry (it must exist and be wired).
    "make test": "make -n test",
    # A server runs until stopped: check that it is there (tests/integration/test_incremental.py
    # drives what `mkdocs serve` runs on an edit).
    "mkdocs serve": "mkdocs serve --help > /dev/null",
}
#: Commands that reach the internet (GitHub's API), which the test machine has not: the test
#: checks that they are still in the docs, and runs the rest of their document.
NEEDS_NETWORK = {
    'gh api --paginate "repos/OWNER/REPO/issues?state=all&per_page=100" > issues.json',
    'gh api --paginate "repos/OWNER/REPO/issues/comments?per_page=100" > comments.json',
}
#: What a document's commands expect to find, set up before they run.
SETUP = {
    # import.md imports "export/", a Statuspage export: the fixture's is a real one's shape.
    "docs/import.md": "cp -r tests/fixtures/import/statuspage export",
}


def shell_blocks(text: str) -> list[str]:
    """The ```sh blocks of a Markdown text, with line continuations kept, and the commands
    (`$ ` lines) of its ```console blocks."""
    blocks = re.findall(r"^```sh\n(.*?)^```", text, re.S | re.M)
    for console in re.findall(r"^```console\n(.*?)^```", text, re.S | re.M):
        blocks.append("\n".join(line[2:] for line in console.splitlines() if line[:2] == "$ "))
    return blocks


def commands_of(document: str) -> list[str]:
    commands = []
    for block in shell_blocks((REPO / document).read_text()):
        for command in re.split(r"(?<!\\)\n", block.strip()):
            command = re.sub(r"\s*#.*$", "", command.replace("\\\n", " ")).strip()
            if command and command not in NEEDS_NETWORK:
                commands.append(INSTEAD.get(command, command))
    return commands


SKIPPED_AT_TOP = {".venv", "site", "site-internal", ".git"}
SKIPPED_ANYWHERE = shutil.ignore_patterns("node_modules", "__pycache__", "*.egg-info", ".*_cache")


def copy_repository(target: Path) -> Path:
    def ignore(folder: str, names: list[str]) -> set[str]:
        skipped = set(SKIPPED_ANYWHERE(folder, names))
        return skipped | (SKIPPED_AT_TOP & set(names) if Path(folder) == REPO else set())

    shutil.copytree(REPO, target, ignore=ignore)
    return target


def test_docs_show_commands() -> None:
    assert commands_of("README.md")[:2] == ["make site", "make -n test"]
    assert any(c.startswith("statusgen new") for c in commands_of("docs/responders.md"))
    assert any(c.startswith("statusgen import") for c in commands_of("docs/import.md"))
    assert any(c.startswith("statusgen notify") for c in commands_of("docs/operators.md"))


def test_commands_left_out_for_the_network_are_still_in_the_docs() -> None:
    every_block = "\n".join(
        "\n".join(shell_blocks((REPO / document).read_text())) for document in DOCUMENTS
    )
    for command in NEEDS_NETWORK:
        assert command in every_block


@pytest.mark.long(seconds=8)  # responders.md's new virtualenv: about 25 of the 32
@pytest.mark.parametrize("document", [d for d in DOCUMENTS if commands_of(d)])
def test_every_command_in_the_docs_runs(document: str, tmp_path: Path) -> None:
    repo = copy_repository(tmp_path / "repo")
    commands = commands_of(document)
    venv_bin = Path(sys.executable).parent
    # `make` uses this test's virtualenv, which it must never reinstall (that would point the
    # editable install at the copy): -o marks its stamps up to date. (GNU make ignores -o in
    # the MAKEFLAGS variable, so every make in the script gets it on its command line.)
    stamps = " ".join(f"-o {venv_bin / s}" for s in (".installed", ".installed-site"))
    script = (
        "set -euxo pipefail\n"
        f'make() {{ command make {stamps} "$@"; }}\n'
        + "\n".join([*SETUP.get(document, "").splitlines(), *map(installs_on_real_clock, commands)])
        + "\n"
    )
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "PATH": f"{venv_bin}:{os.environ['PATH']}",
        "VENV": str(venv_bin.parent),
    }
    env.pop("GITHUB_ACTIONS", None)
    env.pop("SOURCE_DATE_EPOCH", None)
    result = subprocess.run(
        ["bash", "-c", script], cwd=repo, env=env, text=True, capture_output=True
    )
    assert result.returncode == 0, f"{document}:\n{result.stderr[-4000:]}"
    assert "Traceback" not in result.stderr
    if "make site" in commands:
        assert (repo / "site" / "index.html").is_file()
