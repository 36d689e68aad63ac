"""The record of what was sent, kept on a branch of the site's own repository.

In CI the ledger file does not survive the job, so `statusgen ledger fetch` copies it from the
orphan branch `statusgen-notify` (one file, `ledger.json`: hashes only, nothing about any
incident) before `statusgen notify`, and `statusgen ledger save` commits it there after. The
git plumbing, the token's handling and the retry of a rejected push are `statusgen.gitbranch`'s.

A push rejected because another run pushed first is not lost: save fetches the branch again,
merges the two records (the union of the hashes) and pushes once more.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from statusgen import gitbranch
from statusgen.gitbranch import BranchError as LedgerBranchError
from statusgen.gitbranch import Repository
from statusgen.notify.ledger import Ledger

__all__ = ["BRANCH", "FILE", "MESSAGE", "LedgerBranchError", "Repository", "fetch_ledger"]

BRANCH = "statusgen-notify"
#: The one file on the branch.
FILE = "ledger.json"
MESSAGE = "Record what statusgen notify sent"
KEPT = f"the record of what was sent is kept on its {BRANCH} branch"


def read(repository: Repository, commit: str, branch: str, now: datetime | None = None) -> Ledger:
    """The record in a commit of the branch, validated (baselines against `now`)."""
    text = repository.show(commit, FILE)
    if text is None:
        raise LedgerBranchError(
            f"the {branch} branch has no {FILE}; expected statusgen's record of what was "
            f"sent (delete the branch to start afresh: nothing older than 30 minutes is "
            "sent then)"
        )
    return Ledger.parse(text, f"{FILE} of the {branch} branch", now)


def fetch_ledger(
    folder: Path, path: Path, branch: str = BRANCH, now: datetime | None = None
) -> str:
    """Copy the branch's record to `path`; what happened, in a sentence."""
    repository = Repository(folder, kept=KEPT)
    commit = repository.fetch(branch)
    if commit is None:
        return (
            f"no {branch} branch yet; this is the first run (updates older than 30 minutes "
            "are recorded as history, not sent)"
        )
    ledger = read(repository, commit, branch, now)
    ledger.path = path
    ledger.save()
    return f"{len(ledger.text().encode())} bytes from the {branch} branch"


def save_ledger(folder: Path, path: Path, branch: str = BRANCH, now: datetime | None = None) -> str:
    """Commit the record at `path` to the branch and push it, merged with whatever another
    run pushed meanwhile; what happened, in a sentence."""
    if not path.exists():
        return "nothing to save"
    local = Ledger.load(path, now)
    repository = Repository(folder, kept=KEPT)

    def merged(parent: str | None) -> str:
        union = Ledger(None)
        union.merge(local)
        if parent is not None:
            union.merge(read(repository, parent, branch, now))
        return union.text()

    outcome, text = gitbranch.save(
        repository, branch, FILE, MESSAGE, merged, "statusgen ledger save"
    )
    if text != local.text():  # the merged record, for whatever runs next here
        local = Ledger.parse(text, str(path), now)
        local.path = path
        local.save()
    return outcome
