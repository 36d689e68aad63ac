"""The record of what was sent, kept on a branch of the site's own repository.

In CI the ledger file does not survive the job, so `statusgen ledger fetch` copies it from the
orphan branch `statusgen-notify` (one file, `ledger.json`: hashes only, nothing about any
incident) before `statusgen notify`, and `statusgen ledger save` commits it there after. Git's
plumbing builds the commit (hash-object, mktree, commit-tree), so the working tree, the index
and the checked-out branch are never touched.

Authentication: with `TOKEN` set (the workflow's token), the fetch and the push, and nothing
else, send it as an HTTP header, passed to git through its environment (not its command line,
which other processes can read); in GitHub Actions the header's value is masked first.

A push rejected because another run pushed first is not lost: save fetches the branch again,
merges the two records (the union of the hashes) and pushes once more.
"""

from __future__ import annotations

import base64
import os
import subprocess
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

from statusgen.notify.ledger import Ledger

BRANCH = "statusgen-notify"
#: The one file on the branch.
FILE = "ledger.json"
MESSAGE = "Record what statusgen notify sent"
IDENTITY = {
    "GIT_AUTHOR_NAME": "statusgen",
    "GIT_AUTHOR_EMAIL": "statusgen@users.noreply.github.com",
    "GIT_COMMITTER_NAME": "statusgen",
    "GIT_COMMITTER_EMAIL": "statusgen@users.noreply.github.com",
}


class LedgerBranchError(Exception):
    """Git could not fetch or save the record; the message says why and what to do."""


class Repository:
    """The git repository holding `folder`, and how to reach its `origin`."""

    def __init__(self, folder: Path, environ: Mapping[str, str] | None = None) -> None:
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
            raise LedgerBranchError(
                f"{folder} is not in a git repository; expected a clone of the site's "
                f"repository (the record of what was sent is kept on its {BRANCH} branch)"
            )

    def git(
        self, *args: str, stdin: str | None = None, auth: bool = False, check: bool = True
    ) -> subprocess.CompletedProcess[str]:
        """Run git in the folder; with `check`, a failure is a LedgerBranchError."""
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
            raise LedgerBranchError("git is not installed; expected git on the PATH") from None
        if check and result.returncode != 0:
            raise LedgerBranchError(f"git {args[0]} failed: {said(result)}")
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
            raise LedgerBranchError(
                f"cannot fetch the {branch} branch from origin: {said(result)}; expected "
                "a reachable origin (in GitHub Actions: TOKEN set to the workflow's token)"
            )
        return self.git("rev-parse", "FETCH_HEAD^{commit}").stdout.strip()

    def read(self, commit: str, branch: str, now: datetime | None = None) -> Ledger:
        """The record in a commit of the branch, validated (baselines against `now`)."""
        shown = self.git("show", f"{commit}:{FILE}", check=False)
        if shown.returncode != 0:
            raise LedgerBranchError(
                f"the {branch} branch has no {FILE}; expected statusgen's record of what was "
                f"sent (delete the branch to start afresh: nothing older than 30 minutes is "
                "sent then)"
            )
        return Ledger.parse(shown.stdout, f"{FILE} of the {branch} branch", now)

    def commit(self, text: str, parent: str | None) -> tuple[str, str]:
        """A commit holding only `text` as FILE, child of `parent`; (commit, tree)."""
        blob = self.git("hash-object", "-w", "--stdin", stdin=text).stdout.strip()
        tree = self.git("mktree", stdin=f"100644 blob {blob}\t{FILE}\n").stdout.strip()
        parents = ["-p", parent] if parent else []
        commit = self.git("commit-tree", tree, *parents, "-m", MESSAGE).stdout.strip()
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
        raise LedgerBranchError(
            f"cannot push the {branch} branch to origin: {said(result)}; expected the right "
            "to push it (in GitHub Actions: `contents: write` and TOKEN set to the workflow's "
            "token; a branch rule must not protect it)"
        )


def said(result: subprocess.CompletedProcess[str]) -> str:
    """What git said, on one line."""
    lines = [line.strip() for line in (result.stderr or result.stdout).splitlines()]
    return " ".join(line for line in lines if line) or f"exit status {result.returncode}"


def fetch_ledger(
    folder: Path, path: Path, branch: str = BRANCH, now: datetime | None = None
) -> str:
    """Copy the branch's record to `path`; what happened, in a sentence."""
    repository = Repository(folder)
    commit = repository.fetch(branch)
    if commit is None:
        return (
            f"no {branch} branch yet; this is the first run (updates older than 30 minutes "
            "are recorded as history, not sent)"
        )
    ledger = repository.read(commit, branch, now)
    ledger.path = path
    ledger.save()
    return f"{len(ledger.text().encode())} bytes from the {branch} branch"


def save_ledger(folder: Path, path: Path, branch: str = BRANCH, now: datetime | None = None) -> str:
    """Commit the record at `path` to the branch and push it, merged with whatever another
    run pushed meanwhile; what happened, in a sentence."""
    if not path.exists():
        return "nothing to save"
    local = Ledger.load(path, now)
    repository = Repository(folder)
    for attempt in (1, 2):
        parent = repository.fetch(branch)
        merged = Ledger(None)
        merged.merge(local)
        if parent is not None:
            merged.merge(repository.read(parent, branch, now))
        text = merged.text()
        commit, tree = repository.commit(text, parent)
        if parent is not None and tree == repository.tree(parent):
            outcome = "unchanged"
        elif repository.push(commit, branch):
            outcome = f"saved to the {branch} branch"
        elif attempt == 1:
            continue  # another run pushed first: fetch its record, merge, push again
        else:
            raise LedgerBranchError(
                f"the {branch} branch moved on twice while saving; run "
                "`statusgen ledger save` again (it merges, so nothing is lost)"
            )
        if attempt == 2:
            outcome += " (merged with another run's record)"
        if text != local.text():  # the merged record, for whatever runs next here
            merged.path = path
            merged.save()
        return outcome
    raise AssertionError("unreachable")
