"""A data file kept on an orphan branch of the site's own repository, for CI where no file
outlives the job: notify's record of what was sent (`notify/ledger_branch.py`) and the probe
history (`monitors/history_branch.py`). Git's plumbing builds each commit (hash-object,
mktree, commit-tree), so the working tree, the index and the checked-out branch are never
touched.

Authentication: with `TOKEN` set (the workflow's token), the fetch and the push, and nothing
else, send it as an HTTP header, passed to git through its environment (not its command line,
which other processes can read); in GitHub Actions the header's value is masked first.

A push rejected because another run pushed first is not lost: `save` fetches the branch again,
lets the caller merge the two files and pushes once more.
"""

from __future__ import annotations

import base64
import os
import subprocess
from collections.abc import Callable, Mapping
from pathlib import Path

IDENTITY = {
    "GIT_AUTHOR_NAME": "statusgen",
    "GIT_AUTHOR_EMAIL": "statusgen@users.noreply.github.com",
    "GIT_COMMITTER_NAME": "statusgen",
    "GIT_COMMITTER_EMAIL": "statusgen@users.noreply.github.com",
}


class BranchError(Exception):
    """Git could not fetch or save the file; the message says why and what to do."""


class Repository:
    """The git repository holding `folder`, and how to reach its `origin`. `kept` says what
    the branch keeps, for the error when `folder` is not in a repository."""

    def __init__(
        self, folder: Path, environ: Mapping[str, str] | None = None, kept: str = ""
    ) -> None:
        self.folder = folder
        environ = os.environ if environ is None else environ
        # Git's messages in English, whatever the locale: rejections are told apart by them.
        # The token reaches git only as the header of fetch and push, not as a variable.
        self.env = {key: value for key, value in environ.items() if key != "TOKEN"}
        self.env.update(LC_ALL="C", LANGUAGE="")
        self.auth: dict[str, str] = {}
        token = environ.get("TOKEN")
        if token:
            basic = base64.b64encode(f"x-access-token:{token}".encode()).decode("ascii")
            if environ.get("GITHUB_ACTIONS") == "true":
                print(f"::add-mask::{basic}", flush=True)
            index = int(environ.get("GIT_CONFIG_COUNT") or 0)
            self.auth = {
                "GIT_CONFIG_COUNT": str(index + 1),
                f"GIT_CONFIG_KEY_{index}": "http.extraHeader",
                f"GIT_CONFIG_VALUE_{index}": f"Authorization: basic {basic}",
            }
        inside = self.git("rev-parse", "--is-inside-work-tree", check=False)
        if inside.returncode != 0:
            raise BranchError(
                f"{folder} is not in a git repository; expected a clone of the site's "
                f"repository ({kept})"
            )

    def git(
        self, *args: str, stdin: str | None = None, auth: bool = False, check: bool = True
    ) -> subprocess.CompletedProcess[str]:
        """Run git in the folder; with `check`, a failure is a BranchError."""
        env = {**self.env, **IDENTITY, **(self.auth if auth else {})}
        try:
            result = subprocess.run(
                ["git", *args],
                cwd=self.folder,
                env=env,
                input=stdin,
                capture_output=True,
                text=True,
            )
        except FileNotFoundError:
            raise BranchError("git is not installed; expected git on the PATH") from None
        if check and result.returncode != 0:
            raise BranchError(f"git {args[0]} failed: {said(result)}")
        return result

    def fetch(self, branch: str) -> str | None:
        """The branch's last commit on origin, fetched; None when it has no such branch."""
        result = self.git(
            "fetch",
            "--quiet",
            "--depth=1",
            "origin",
            f"refs/heads/{branch}",
            auth=True,
            check=False,
        )
        if result.returncode != 0:
            if "couldn't find remote ref" in result.stderr:
                return None
            raise BranchError(
                f"cannot fetch the {branch} branch from origin: {said(result)}; expected "
                "a reachable origin (in GitHub Actions: TOKEN set to the workflow's token)"
            )
        return self.git("rev-parse", "FETCH_HEAD^{commit}").stdout.strip()

    def show(self, commit: str, file: str) -> str | None:
        """The text of `file` in the commit; None when the commit has no such file."""
        shown = self.git("show", f"{commit}:{file}", check=False)
        return shown.stdout if shown.returncode == 0 else None

    def commit(self, text: str, parent: str | None, file: str, message: str) -> tuple[str, str]:
        """A commit holding only `text` as `file`, child of `parent`; (commit, tree)."""
        blob = self.git("hash-object", "-w", "--stdin", stdin=text).stdout.strip()
        tree = self.git("mktree", stdin=f"100644 blob {blob}\t{file}\n").stdout.strip()
        parents = ["-p", parent] if parent else []
        commit = self.git("commit-tree", tree, *parents, "-m", message).stdout.strip()
        return commit, tree

    def tree(self, commit: str) -> str:
        """The commit's tree."""
        return self.git("rev-parse", f"{commit}^{{tree}}").stdout.strip()

    def push(self, commit: str, branch: str) -> bool:
        """Push the commit as the branch; False if rejected because origin moved on."""
        result = self.git(
            "push", "--porcelain", "origin", f"{commit}:refs/heads/{branch}", auth=True, check=False
        )
        if result.returncode == 0:
            return True
        if "[rejected]" in result.stdout + result.stderr:
            return False
        raise BranchError(
            f"cannot push the {branch} branch to origin: {said(result)}; expected the right "
            "to push it (in GitHub Actions: `contents: write` and TOKEN set to the workflow's "
            "token; a branch rule must not protect it)"
        )


def said(result: subprocess.CompletedProcess[str]) -> str:
    """What git said, on one line."""
    lines = [line.strip() for line in (result.stderr or result.stdout).splitlines()]
    return " ".join(line for line in lines if line) or f"exit status {result.returncode}"


def save(
    repository: Repository,
    branch: str,
    file: str,
    message: str,
    merged: Callable[[str | None], str],
    again: str,
) -> tuple[str, str]:
    """Commit `merged(the branch's last commit, or None)` as the branch's one file and push
    it; fetched and merged once more if another run pushed first. (what happened, text saved);
    `again` is the command that saves again, for when the branch moves on twice."""
    for attempt in (1, 2):
        parent = repository.fetch(branch)
        text = merged(parent)
        commit, tree = repository.commit(text, parent, file, message)
        if parent is not None and tree == repository.tree(parent):
            outcome = "unchanged"
        elif repository.push(commit, branch):
            outcome = f"saved to the {branch} branch"
        elif attempt == 1:
            continue  # another run pushed first: fetch its file, merge, push again
        else:
            raise BranchError(
                f"the {branch} branch moved on twice while saving; run `{again}` again "
                "(it merges, so nothing is lost)"
            )
        if attempt == 2:
            outcome += " (merged with another run's record)"
        return outcome, text
    raise AssertionError("unreachable")
