"""`statusgen ledger fetch|save`: notify's record of what was sent on the orphan branch
`statusgen-notify`, against a real bare repository standing in for GitHub."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from sitebuild import fixture_site

from statusgen.cli import main
from statusgen.notify import ledger_branch
from statusgen.notify.ledger import CLAIMED, SENT, Ledger, digest
from statusgen.notify.ledger_branch import (
    BRANCH,
    MESSAGE,
    LedgerBranchError,
    fetch_ledger,
    save_ledger,
)

IDENTITY = {
    "GIT_AUTHOR_NAME": "R",
    "GIT_AUTHOR_EMAIL": "r@example.com",
    "GIT_COMMITTER_NAME": "R",
    "GIT_COMMITTER_EMAIL": "r@example.com",
}


def git(*args: str, cwd: Path) -> str:
    result = subprocess.run(
        ["git", *args], cwd=cwd, env={**os.environ, **IDENTITY}, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def hashed(values: dict[str, str]) -> dict[str, str]:
    """Short names as the record keys them (their hash; a hash stays as it is)."""
    return {(k if len(k) == 64 else digest(k)): v for k, v in values.items()}


def ledger_text(*entries: str, state: str = SENT, channels: dict[str, str] | None = None) -> str:
    data = {"channels": hashed(channels or {}), "entries": hashed(dict.fromkeys(entries, state))}
    return Ledger(None, data).text()


@pytest.fixture
def remote(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A bare repository with the site's main branch; no statusgen-notify branch yet."""
    monkeypatch.delenv("TOKEN", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    bare = tmp_path / "remote.git"
    git("init", "--quiet", "--bare", "-b", "main", str(bare), cwd=tmp_path)
    seed = tmp_path / "seed"
    git("clone", "--quiet", str(bare), str(seed), cwd=tmp_path)
    git("commit", "--quiet", "--allow-empty", "-m", "site", cwd=seed)
    git("push", "--quiet", "origin", "HEAD:main", cwd=seed)
    return bare


def clone(remote: Path, name: str) -> tuple[Path, Path]:
    """A clone as a CI job checks it out, and where its record goes."""
    folder = remote.parent / name
    git("clone", "--quiet", "--depth=1", f"file://{remote}", str(folder), cwd=remote.parent)
    return folder, folder / ".statusgen" / "notify-ledger.json"


def branch_log(remote: Path) -> list[str]:
    return git("log", "--format=%s", BRANCH, cwd=remote).split("\n")[:-1]


def test_first_run_then_an_orphan_branch_then_child_commits(remote: Path) -> None:
    work, path = clone(remote, "work")
    assert "first run" in fetch_ledger(work, path)
    assert not path.exists()
    assert save_ledger(work, path) == "nothing to save"
    assert git("branch", "--list", BRANCH, cwd=remote) == ""

    path.parent.mkdir()
    path.write_text(ledger_text("ab"))
    assert save_ledger(work, path) == f"saved to the {BRANCH} branch"
    # An orphan branch holding one file; the site's branch and the working tree untouched.
    assert git("ls-tree", "--name-only", BRANCH, cwd=remote).split() == ["ledger.json"]
    assert git("rev-list", "--count", BRANCH, cwd=remote).strip() == "1"
    assert git("log", "--format=%s", "main", cwd=remote).split() == ["site"]
    assert git("status", "--porcelain", "--untracked-files=no", cwd=work) == ""
    first = git("rev-parse", BRANCH, cwd=remote).strip()

    assert save_ledger(work, path) == "unchanged"
    assert branch_log(remote) == [MESSAGE]

    path.write_text(ledger_text("ab", "cd"))
    save_ledger(work, path)
    assert branch_log(remote) == [MESSAGE, MESSAGE]
    assert git("rev-parse", f"{BRANCH}^", cwd=remote).strip() == first  # a child commit
    author = git("log", "-1", "--format=%an <%ae>", BRANCH, cwd=remote).strip()
    assert author == "statusgen <statusgen@users.noreply.github.com>"

    # The next job's fresh clone gets the record back.
    other, other_path = clone(remote, "next-job")
    assert (
        fetch_ledger(other, other_path)
        == f"{len(ledger_text('ab', 'cd'))} bytes from the {BRANCH} branch"
    )
    assert Ledger.load(other_path).entries == hashed({"ab": SENT, "cd": SENT})


def test_a_run_that_pushed_meanwhile_is_merged_not_lost(
    remote: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    early = "2026-11-22T13:00:00Z"
    late = "2026-11-22T14:00:00Z"
    one, one_path = clone(remote, "one")
    two, two_path = clone(remote, "two")
    fetch_ledger(one, one_path)
    fetch_ledger(two, two_path)
    one_path.parent.mkdir()
    two_path.parent.mkdir()
    one_path.write_text(ledger_text("aa", "both", state=CLAIMED, channels={"slack": late}))
    two_path.write_text(ledger_text("bb", "both", channels={"slack": early, "mail": late}))
    # Run one saves while run two was between its fetch and its push: two's push is
    # rejected, so it fetches again, merges and pushes once more.
    push = ledger_branch.Repository.push
    pushes: list[str] = []

    def racing(self: ledger_branch.Repository, commit: str, branch: str) -> bool:
        pushes.append(str(self.folder.name))
        if len(pushes) == 1:
            assert save_ledger(one, one_path) == f"saved to the {BRANCH} branch"
        return push(self, commit, branch)

    monkeypatch.setattr(ledger_branch.Repository, "push", racing)
    said = save_ledger(two, two_path)
    assert said == f"saved to the {BRANCH} branch (merged with another run's record)"
    assert pushes == ["two", "one", "two"]
    saved = json.loads(git("show", f"{BRANCH}:ledger.json", cwd=remote))
    # The union; sent wins over claimed; each channel keeps its earliest baseline.
    assert saved["entries"] == hashed({"aa": CLAIMED, "bb": SENT, "both": SENT})
    assert saved["channels"] == hashed({"mail": late, "slack": early})
    assert branch_log(remote) == [MESSAGE, MESSAGE]  # two's commit is a child of one's
    assert json.loads(two_path.read_text()) == saved  # the merged record, here too

    # Without a race, save merges what the branch holds as well.
    one_path.write_text(ledger_text("aa", "cc", channels={"slack": late}))
    save_ledger(one, one_path)
    saved = json.loads(git("show", f"{BRANCH}:ledger.json", cwd=remote))
    assert saved["entries"] == hashed({"aa": SENT, "bb": SENT, "both": SENT, "cc": SENT})


def test_a_branch_that_keeps_moving_is_an_error_not_a_loss(
    remote: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work, path = clone(remote, "work")
    path.parent.mkdir()
    path.write_text(ledger_text("ab"))
    monkeypatch.setattr(ledger_branch.Repository, "push", lambda *args: False)
    with pytest.raises(
        LedgerBranchError, match="moved on twice.*run `statusgen ledger save` again"
    ):
        save_ledger(work, path)
    assert json.loads(path.read_text())["entries"] == hashed({"ab": SENT})  # kept for that retry


def test_errors_say_what_is_wrong(remote: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "not-a-repository"
    elsewhere.mkdir()
    with pytest.raises(LedgerBranchError, match="not in a git repository"):
        fetch_ledger(elsewhere, elsewhere / "ledger.json")

    work, path = clone(remote, "work")
    git("remote", "set-url", "origin", str(tmp_path / "gone.git"), cwd=work)
    with pytest.raises(LedgerBranchError, match="cannot fetch the statusgen-notify branch"):
        fetch_ledger(work, path)  # not taken for a first run, which would repeat updates

    git("remote", "set-url", "origin", str(remote), cwd=work)
    hook = remote / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'protected branch' >&2\nexit 1\n")
    hook.chmod(0o755)
    path.parent.mkdir()
    path.write_text(ledger_text("ab"))
    with pytest.raises(LedgerBranchError, match="cannot push.*protected branch.*contents: write"):
        save_ledger(work, path)
    hook.unlink()
    save_ledger(work, path)

    git("update-ref", f"refs/heads/{BRANCH}", "main", cwd=remote)  # not a record at all
    with pytest.raises(LedgerBranchError, match="has no ledger.json"):
        fetch_ledger(work, path)


def test_the_token_goes_to_git_only_for_fetch_and_push_and_is_masked(
    remote: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    work, path = clone(remote, "work")
    monkeypatch.setenv("TOKEN", "t0ken")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    repository = ledger_branch.Repository(work)
    header = "Authorization: basic eC1hY2Nlc3MtdG9rZW46dDBrZW4="  # x-access-token:t0ken
    assert capsys.readouterr().out == "::add-mask::eC1hY2Nlc3MtdG9rZW46dDBrZW4=\n"
    assert repository.auth == {
        "GIT_CONFIG_COUNT": "1",
        "GIT_CONFIG_KEY_0": "http.extraHeader",
        "GIT_CONFIG_VALUE_0": header,
    }
    seen = repository.git("config", "--get", "http.extraHeader", auth=True).stdout.strip()
    assert seen == header
    assert repository.git("config", "--get", "http.extraHeader", check=False).returncode == 1
    assert "t0ken" not in str(repository.env)  # other calls do not get it
    assert "first run" in fetch_ledger(work, path)  # a local remote ignores the header


def test_the_ledger_command_in_a_site(
    remote: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    work, _ = clone(remote, "work")
    root = fixture_site(work / "status")  # the site may sit in a folder of the repository
    assert main(["-C", str(root), "ledger", "fetch"]) == 0
    assert "no statusgen-notify branch yet; this is the first run" in capsys.readouterr().out
    path = root / ".statusgen" / "notify-ledger.json"
    path.parent.mkdir(exist_ok=True)
    path.write_text(ledger_text(digest("slack", "x#update-1")))
    assert main(["-C", str(root), "ledger", "save", "--branch", "records"]) == 0
    assert "saved to the records branch" in capsys.readouterr().out
    assert git("ls-tree", "--name-only", "records", cwd=remote).split() == ["ledger.json"]
    other = tmp_path / "elsewhere.json"
    assert (
        main(["-C", str(root), "ledger", "fetch", "--branch", "records", "--ledger", str(other)])
        == 0
    )
    assert json.loads(other.read_text())["entries"] == json.loads(path.read_text())["entries"]
    path.write_text("{")
    assert main(["-C", str(root), "ledger", "save"]) == 2
    assert "cannot be read" in capsys.readouterr().err
