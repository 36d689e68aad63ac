"""statusgen installed from a git checkout (`pip install .`, as README.md once said): `init`
writes the checkout's remote, as https, at its commit; and refuses when that line would fail
or install other code: uncommitted changes, a commit no remote branch holds, a remote CI
cannot reach, installed files that are not the checkout's.

The checkout is a clone of this repository's HEAD whose `origin` says
https://github.com/example/statusgen.git (no network: nothing is fetched from it). pip
installs it into a folder of its own (`--target`), which comes first on PYTHONPATH, with its
PEP 610 record of where it came from; the dependencies are this virtualenv's.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from venvs import NO_COMPILE

from statusgen.cli.requirement import ENVIRONMENT

REPO = Path(__file__).resolve().parents[2]
ORIGIN = "https://github.com/example/statusgen.git"
IDENTITY = ["-c", "user.email=dev@example.test", "-c", "user.name=Dev"]


def run(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in (ENVIRONMENT, "PYTHONPATH")}
    environment.update(env or {})
    return subprocess.run(args, cwd=cwd, env=environment, capture_output=True, text=True)


def git(*args: str, cwd: Path) -> str:
    result = run("git", *IDENTITY, *args, cwd=cwd)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """(the checkout, the folder pip installed it into, its commit)."""
    base = tmp_path_factory.mktemp("checkout")
    source, target = base / "statusgen", base / "installed"
    git("clone", "--quiet", str(REPO), str(source), cwd=base)
    git("remote", "set-url", "origin", ORIGIN, cwd=source)
    pip = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target"]
    # (pip installs the build backend from the package index: on the real clock.)
    result = run(*pip, str(target), str(source), cwd=base, env={"FAKETIME": "+0", **NO_COMPILE})
    assert result.returncode == 0, result.stderr
    return source, target, git("rev-parse", "HEAD", cwd=source)


@pytest.fixture
def checkout(installed: tuple[Path, Path, str]) -> Path:
    """The checkout as pip installed it: its commit, on origin's branch, origin on GitHub."""
    source, _, commit = installed
    git("reset", "--quiet", "--hard", commit, cwd=source)
    git("remote", "set-url", "origin", ORIGIN, cwd=source)
    branch = git("symbolic-ref", "--short", "HEAD", cwd=source)
    git("update-ref", f"refs/remotes/origin/{branch}", commit, cwd=source)
    return source


def init(installed: tuple[Path, Path, str], where: Path) -> subprocess.CompletedProcess[str]:
    """`statusgen init` of the installed copy (run from elsewhere than the checkout)."""
    command = [sys.executable, "-m", "statusgen", "init", "site", "--no-input"]
    env = {"PYTHONPATH": str(installed[1])}
    return run(*command, "--url", "https://status.test/", cwd=where, env=env)


def test_a_clean_pushed_checkout_gives_its_remote_at_its_commit(
    installed: tuple[Path, Path, str], checkout: Path, tmp_path: Path
) -> None:
    made = init(installed, tmp_path)
    assert made.returncode == 0, made.stderr
    line = f"statusgen @ git+{ORIGIN}@{installed[2]}"
    lines = (tmp_path / "site" / "requirements.txt").read_text().splitlines()
    assert [text for text in lines if not text.startswith("#")] == [line]
    assert f"requirements.txt installs {line}" in made.stdout
    lock = (tmp_path / "site" / "requirements.lock").read_text()
    assert lock == (REPO / "statusgen/scaffold/site/requirements.lock").read_text()


def refused(installed: tuple[Path, Path, str], where: Path) -> str:
    made = init(installed, where)
    assert made.returncode == 2, made.stdout
    assert not (where / "site").exists()
    assert "install a release of statusgen" in made.stderr
    assert "--statusgen-requirement" in made.stderr
    return made.stderr


def test_uncommitted_changes_are_refused(
    installed: tuple[Path, Path, str], checkout: Path, tmp_path: Path
) -> None:
    readme = checkout / "README.md"
    readme.write_text(readme.read_text() + "\nchanged\n")
    assert "a checkout with uncommitted changes" in refused(installed, tmp_path)


def test_a_commit_no_remote_branch_holds_is_refused(
    installed: tuple[Path, Path, str], checkout: Path, tmp_path: Path
) -> None:
    git("commit", "--quiet", "--allow-empty", "-m", "not pushed", cwd=checkout)
    assert "which no remote branch holds (push it)" in refused(installed, tmp_path)


def test_a_remote_ci_cannot_reach_is_refused(
    installed: tuple[Path, Path, str], checkout: Path, tmp_path: Path
) -> None:
    git("remote", "set-url", "origin", str(REPO), cwd=checkout)
    assert f"whose remote {REPO} CI cannot reach by https" in refused(installed, tmp_path)


def test_a_checkout_that_moved_on_since_the_install_is_refused(
    installed: tuple[Path, Path, str], checkout: Path, tmp_path: Path
) -> None:
    init_py = checkout / "statusgen" / "__init__.py"
    init_py.write_text(init_py.read_text() + "\n# a later commit\n")
    git("commit", "--quiet", "-am", "later", cwd=checkout)
    branch = git("symbolic-ref", "--short", "HEAD", cwd=checkout)
    git("update-ref", f"refs/remotes/origin/{branch}", "HEAD", cwd=checkout)  # pushed
    said = refused(installed, tmp_path)
    assert "whose files are not the installed ones (statusgen/__init__.py differs)" in said
