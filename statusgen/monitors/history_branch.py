"""The probe history on a branch of the site's own repository, as notify's record is: in CI
the file does not survive the job, so `statusgen probe-history fetch` copies it from the
orphan branch `statusgen-probes` (one file, `probe-history.json`) before `statusgen probe`,
and `statusgen probe-history save` commits it there after (merged with what another run
pushed meanwhile). The git plumbing is `statusgen.gitbranch`'s; the build reads the file
fetched to the `probe_history` option's path."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from statusgen import gitbranch
from statusgen.content.probehistory import (
    HistoryError,
    ProbeHistory,
    load_history,
    parse_history,
    save_history,
)
from statusgen.gitbranch import Repository

BRANCH = "statusgen-probes"
#: The one file on the branch.
FILE = "probe-history.json"
MESSAGE = "Record what statusgen probe measured"
KEPT = f"the probe history is kept on its {BRANCH} branch"


def read(repository: Repository, commit: str, branch: str) -> ProbeHistory:
    """The history in a commit of the branch, validated."""
    text = repository.show(commit, FILE)
    if text is None:
        raise HistoryError(
            f"the {branch} branch",
            f"has no {FILE}; expected statusgen's probe history (delete the branch to start "
            "afresh)",
        )
    return parse_history(text, f"{FILE} of the {branch} branch")


def fetch_history(folder: Path, path: Path, branch: str, now: datetime) -> str:
    """Merge the branch's history into the file at `path`; what happened, in a sentence."""
    repository = Repository(folder, kept=KEPT)
    commit = repository.fetch(branch)
    if commit is None:
        return f"no {branch} branch yet; this is the first run"
    history = load_history(path)
    history.merge(read(repository, commit, branch), now)
    save_history(path, history)
    return f"{len(history.text().encode())} bytes from the {branch} branch"


def save_history_branch(folder: Path, path: Path, branch: str, now: datetime) -> str:
    """Commit the history at `path` to the branch and push it, merged with whatever another
    run pushed meanwhile; what happened, in a sentence."""
    if not path.exists():
        return "nothing to save"
    local = load_history(path)
    repository = Repository(folder, kept=KEPT)

    def merged(parent: str | None) -> str:
        union = parse_history(local.text(), str(path))
        if parent is not None:
            union.merge(read(repository, parent, branch), now)
        return union.text()

    outcome, text = gitbranch.save(
        repository, branch, FILE, MESSAGE, merged, "statusgen probe-history save"
    )
    if text != local.text():  # the merged history, for whatever runs next here
        save_history(path, parse_history(text, FILE))
    return outcome
