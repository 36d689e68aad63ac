"""Every shell command shown in the README and the site's docs, run as written.

Each document's ```sh blocks, and the `$ ` lines of its ```console blocks, run in order, as
one bash script would run them (`source`, `cd` and exports carry over: `Shell`), in a fresh copy
of the repository, with the machine's clock, as a team runs them (installs from the package
index on the real one even when `make test` moves the machine's clock: tests/clocks.py).

A document's first `statusgen` command runs as a process, the program its shell's PATH finds
(this checkout's, or the new virtualenv's of responders.md); its later plain `statusgen`
commands (no shell syntax) run as the same words in this process (`checkruns.statusgen_main`,
in the shell's folder and environment): the same code, without a new Python that imports
statusgen again (about 0.4 CPU s a command).
"""

from __future__ import annotations

import io
import os
import re
import shlex
import shutil
import subprocess
import sys
from contextlib import chdir, redirect_stderr, redirect_stdout
from pathlib import Path
from unittest import mock

import pytest
from checkruns import statusgen_main
from clocks import installs_on_real_clock
from sitebuild import REPO
from venvs import NO_COMPILE

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


#: What bash would expand, even within double quotes, or read as a pattern.
EXPANDED = re.compile(r"[$`*?~\[\]{}\\]")
#: What bash sets for itself, not carried from one command to the next.
BASH_OWN = {"_", "SHLVL", "PWD", "OLDPWD"}


def plain_words(command: str) -> list[str] | None:
    """The words of a command without shell syntax (no operator outside quotes, nothing bash
    would expand), as bash passes them to the program; None for any other command."""
    if EXPANDED.search(command):
        return None
    lexer = shlex.shlex(command, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    words = list(lexer)
    return None if any(set(word) <= set(lexer.punctuation_chars) for word in words) else words


class Shell:
    """A document's commands, run in order as one bash script runs them: each in bash with the
    folder and exported environment the one before left, or, for a plain `statusgen` command
    after the document's first, in this process (the module's docstring)."""

    def __init__(self, cwd: Path, env: dict[str, str], prelude: str, state: Path) -> None:
        self.cwd, self.env, self.prelude = cwd, env, prelude
        self.state = state  # where bash leaves its environment and folder for the next command
        self.ran_statusgen = False

    def run(self, command: str) -> None:
        words = plain_words(command)
        if self.ran_statusgen and words and words[0] == "statusgen":
            self.in_process(words[1:])
        else:
            self.in_bash(installs_on_real_clock(command))
            self.ran_statusgen |= command.startswith("statusgen ")

    def in_bash(self, command: str) -> None:
        env_file, pwd_file = self.state.with_suffix(".env"), self.state.with_suffix(".pwd")
        script = (
            f"set -euxo pipefail\n{self.prelude}\n{command}\n"
            f"env -0 > {shlex.quote(str(env_file))}\npwd > {shlex.quote(str(pwd_file))}\n"
        )
        result = subprocess.run(
            ["bash", "-c", script], cwd=self.cwd, env=self.env, text=True, capture_output=True
        )
        assert result.returncode == 0, f"{command}:\n{result.stderr[-4000:]}"
        assert "Traceback" not in result.stderr, result.stderr
        self.env = {}
        for item in env_file.read_text().split("\0"):
            key, equals, value = item.partition("=")
            if equals and key not in BASH_OWN:
                self.env[key] = value
        self.cwd = Path(pwd_file.read_text().rstrip("\n"))

    def in_process(self, argv: list[str]) -> None:
        out = io.StringIO()
        with (
            mock.patch.dict(os.environ, self.env, clear=True),
            chdir(self.cwd),
            redirect_stdout(out),
            redirect_stderr(out),
        ):
            code = statusgen_main(argv)
        assert code == 0, f"statusgen {shlex.join(argv)}:\n{out.getvalue()[-4000:]}"
        assert "Traceback" not in out.getvalue()


@pytest.mark.long(seconds=6)  # responders.md's new virtualenv: about 13 of the 27
@pytest.mark.parametrize("document", [d for d in DOCUMENTS if commands_of(d)])
def test_every_command_in_the_docs_runs(document: str, tmp_path: Path) -> None:
    repo = copy_repository(tmp_path / "repo")
    commands = commands_of(document)
    venv_bin = Path(sys.executable).parent
    # `make` uses this test's virtualenv, which it must never reinstall (that would point the
    # editable install at the copy): -o marks its stamps up to date. (GNU make ignores -o in
    # the MAKEFLAGS variable, so every make in the script gets it on its command line.)
    stamps = " ".join(f"-o {venv_bin / s}" for s in (".installed", ".installed-site"))
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "PATH": f"{venv_bin}:{os.environ['PATH']}",
        "VENV": str(venv_bin.parent),
        **NO_COMPILE,  # responders.md's new virtualenv: pip compiles nothing (tests/venvs.py)
    }
    env.pop("GITHUB_ACTIONS", None)
    env.pop("SOURCE_DATE_EPOCH", None)
    shell = Shell(repo, env, f'make() {{ command make {stamps} "$@"; }}', tmp_path / "shell")
    for command in [*SETUP.get(document, "").splitlines(), *commands]:
        shell.run(command)
    if "make site" in commands:
        assert (repo / "site" / "index.html").is_file()
