"""The check's verdict on the whole site (`render/checkverdict.py`): a check of inputs that
passed, at a time the verdict still holds, prints what that check printed and runs nothing
else; any changed input, another statusgen, a damaged file or a time past the verdict's window
runs the check in full, which reports what a change broke. Problems are never kept."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from sitebuild import bilingual_fixture_site, fixture_site
from test_check_renders import FAILING_INCIDENT
from test_customisation import with_custom_dir

from statusgen.cli import checkfull, main
from statusgen.content import parsecache
from statusgen.render import checkverdict
from statusgen.render.checkverdict import CHECK_FILE

NOW_ARG = "2026-03-10T12:00:00Z"
#: The fixture's open incident's next update is due then: its derived state changes.
DUE = "2026-03-10T12:30:00Z"
OUTAGE = "incidents/2026-03-09-api-errors.md"


@pytest.fixture(autouse=True)
def caches_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("STATUSGEN_CACHE", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    parsecache.committed_caches.cache_clear()


@pytest.fixture
def full(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The `now` of every check run in full from here on."""
    runs: list[object] = []
    check_in_full = checkfull.check_in_full

    def counted(*args: object) -> checkfull.CheckResult:
        runs.append(args[2])
        return check_in_full(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(checkfull, "check_in_full", counted)
    return runs


def check(root: Path, now: str = NOW_ARG) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["-C", str(root), "--now", now, "check"])
    return code, out.getvalue(), err.getvalue()


def test_an_unchanged_site_prints_the_same_without_checking_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, full: list[object]
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")  # the warnings' annotations too
    root = bilingual_fixture_site(tmp_path / "site")
    first = check(root)
    assert first[0] == 0, first
    assert "warning: " in first[2] and "::warning file=" in first[1], first
    assert len(full) == 1
    assert check(root) == first
    assert check(root, "2026-03-10T12:29:59Z") == first
    assert len(full) == 1, "the kept verdict answered"


@pytest.mark.parametrize("now", ["2026-03-10T11:59:59Z", DUE, "2026-03-11T00:00:00Z"])
def test_a_time_outside_the_window_checks_in_full(
    tmp_path: Path, full: list[object], now: str
) -> None:
    root = fixture_site(tmp_path / "site")
    assert check(root)[0] == 0
    assert check(root, now)[0] == 0
    assert len(full) == 2


def test_the_window_ends_at_the_next_change_of_derived_state(tmp_path: Path) -> None:
    root = fixture_site(tmp_path / "site")
    assert check(root)[0] == 0
    [kept] = json.loads((root / CHECK_FILE).read_text())["passed"]
    assert (kept["since"], kept["until"]) == (
        "2026-03-10T12:00:00+00:00",
        "2026-03-10T12:30:00+00:00",
    )


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


#: Each kind of input the check reads, changed so the check must fail: (change, what it says).
CHANGES: dict[str, tuple[Callable[[Path], None], str]] = {
    "an incident edited": (
        lambda root: _edit(root / OUTAGE, "status: resolved", "status: bogus"),
        f"{OUTAGE}:",
    ),
    "an incident added": (
        lambda root: _write(root / "incidents/2026-03-10-new.md", "---\ntitle: x\n---\n"),
        "incidents/2026-03-10-new.md",
    ),
    "a file added among the incidents": (
        lambda root: _write(root / "incidents/notes.txt", "x"),
        "incidents/notes.txt",
    ),
    "components.yml": (
        lambda root: _edit(root / "components.yml", "      - id: web\n", "      - id: www\n"),
        "unknown component 'web'",
    ),
    "mkdocs.yml": (
        lambda root: _edit(root / "mkdocs.yml", "site_name: Test Status", 'site_name: " "'),
        "site_name is empty",
    ),
    "a page of docs_dir": (
        lambda root: _write(root / "docs/history/index.md", "# Mine\n"),
        "where statusgen publishes history/index.html",
    ),
    "a link in docs_dir": (
        lambda root: (root / "docs/inc").symlink_to(root / "incidents"),
        "leads to incidents",
    ),
    "the templates folder": (
        lambda root: _write(root / "templates/bogus.md", "x"),
        "templates/bogus.md: is not a template",
    ),
    "the probe history": (
        lambda root: _write(root / ".statusgen/probe-history.json", "{"),
        "probe-history.json",
    ),
}


@pytest.mark.parametrize("name", list(CHANGES))
def test_a_changed_input_is_checked_in_full_and_its_problem_reported(
    tmp_path: Path, full: list[object], name: str
) -> None:
    change, said = CHANGES[name]
    root = fixture_site(tmp_path / "site")
    (root / "docs").mkdir(exist_ok=True)
    assert check(root)[0] == 0
    change(root)
    code, out, err = check(root)
    assert code != 0 and said in out + err, (out, err)
    assert len(full) == 2


def test_a_changed_override_in_custom_dir_is_checked_in_full(tmp_path: Path) -> None:
    root = with_custom_dir(
        fixture_site(tmp_path / "site"), {"main.html": "{% extends 'base.html' %}"}
    )
    assert check(root)[0] == 0
    _write(root / "overrides/statusgen/incident.html", FAILING_INCIDENT)
    code, _, err = check(root)
    assert code == 1 and "incidents/2026-03-10-slow-website/index.html cannot be rendered" in err


def test_an_environment_variable_mkdocs_yml_reads_is_an_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = fixture_site(tmp_path / "site")
    _edit(root / "mkdocs.yml", "site_name: Test Status", "site_name: !ENV [SITE_NAME, Test]")
    monkeypatch.setenv("SITE_NAME", "Test Status")
    assert check(root)[0] == 0
    monkeypatch.setenv("SITE_NAME", " ")
    code, _, err = check(root)
    assert code == 1 and "site_name is empty" in err


def test_problems_are_never_kept(tmp_path: Path, full: list[object]) -> None:
    root = fixture_site(tmp_path / "site")
    _edit(root / OUTAGE, "status: resolved", "status: bogus")
    assert check(root)[0] == 1
    assert check(root)[0] == 1
    assert len(full) == 2
    assert not (root / CHECK_FILE).exists()


@pytest.mark.parametrize("damage", [b"", b"{not json", b'{"fingerprint": 1}', b"[]", None], ids=str)
def test_a_damaged_or_foreign_file_checks_in_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, full: list[object], damage: bytes | None
) -> None:
    root = fixture_site(tmp_path / "site")
    assert check(root)[0] == 0
    path = root / CHECK_FILE
    if damage is None:  # another statusgen wrote it
        monkeypatch.setattr(checkverdict, "fingerprint", lambda: "another statusgen")
    else:
        path.write_bytes(damage)
    assert check(root)[0] == 0
    assert len(full) == 2
    assert check(root)[0] == 0
    assert len(full) == 2, "the check in full kept its verdict again"


def test_an_entry_of_the_wrong_shape_is_a_miss(tmp_path: Path, full: list[object]) -> None:
    root = fixture_site(tmp_path / "site")
    assert check(root)[0] == 0
    path = root / CHECK_FILE
    data = json.loads(path.read_text())
    data["passed"][0]["warnings"] = [["x", "1", "not a line number"]]
    path.write_text(json.dumps(data))
    assert check(root)[0] == 0
    assert len(full) == 2


def test_an_input_changed_while_checking_keeps_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = fixture_site(tmp_path / "site")
    check_in_full = checkfull.check_in_full

    def editing(*args: object) -> checkfull.CheckResult:
        result = check_in_full(*args)  # type: ignore[arg-type]
        _edit(root / OUTAGE, "Fixed.", "Fixed for good.")
        return result

    monkeypatch.setattr(checkfull, "check_in_full", editing)
    assert check(root)[0] == 0
    assert not (root / CHECK_FILE).exists()


def test_the_cache_switch_turns_it_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, full: list[object]
) -> None:
    monkeypatch.setenv("STATUSGEN_CACHE", "off")
    root = fixture_site(tmp_path / "site")
    assert check(root)[0] == 0
    assert check(root)[0] == 0
    assert len(full) == 2
    assert not (root / CHECK_FILE).exists()


def test_a_second_check_process_prints_the_same_without_loading_the_renderers(
    tmp_path: Path,
) -> None:
    root = bilingual_fixture_site(tmp_path / "site")
    env = {**os.environ, "GITHUB_ACTIONS": "true"}
    env.pop("STATUSGEN_CACHE", None)
    command = [sys.executable, "-m", "statusgen", "-C", str(root), "--now", NOW_ARG, "check"]

    def run(seed: str, *options: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [command[0], *options, *command[1:]],
            capture_output=True,
            text=True,
            env={**env, "PYTHONHASHSEED": seed},  # the key is the same in every process
        )

    first, second = run("1"), run("2")
    assert first.returncode == second.returncode == 0, first.stderr
    assert (second.stdout, second.stderr) == (first.stdout, first.stderr)
    imports = run("3", "-X", "importtime").stderr
    assert "statusgen.render.plan" not in imports and "jinja2" not in imports


def test_stale_schema_warnings_are_printed_again_and_the_copies_are_an_input(
    tmp_path: Path, full: list[object]
) -> None:
    root = fixture_site(tmp_path / "site")
    _write(root / "schemas/incident.schema.json", "{}")
    first = check(root)
    assert first[0] == 0 and "incident.schema.json: warning: out of date" in first[2], first
    assert check(root) == first
    assert len(full) == 1, "the kept verdict printed the stale copy's warning"
    _write(root / "schemas/components.schema.json", "{}")
    code, _, err = check(root)
    assert code == 0 and "components.schema.json: warning: out of date" in err, err
    assert len(full) == 2
