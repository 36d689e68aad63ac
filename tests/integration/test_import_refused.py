"""`statusgen import` from a hostile source (issue 25), end to end: the command refuses what
would read outside the source, YAML aliases and malformed values with exit 2 and the file named,
writes nothing, and prints no traceback; texts built to make regular expressions backtrack are
read in linear time."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from importsources import LAUGHS, edit_json, replace, source

from statusgen.cli import main

NOW = "2026-11-23T12:00:00Z"


def everything(site: Path) -> dict[str, bytes]:
    """Every file of a site, by path."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


@pytest.fixture
def site(tmp_path: Path) -> Path:
    folder = tmp_path / "site"
    assert main(["--now", NOW, "init", str(folder), "--no-input", "--url", "https://s.test/"]) == 0
    return folder


def _link_an_issue(folder: Path) -> None:
    secret = folder.parent / "id_rsa"
    secret.write_text("-----BEGIN OPENSSH PRIVATE KEY-----\n", encoding="utf-8")
    (folder / "content" / "issues" / "key.md").symlink_to(secret)


def _link_the_issues(folder: Path) -> None:
    issues = folder / "content" / "issues"
    issues.rename(folder / "elsewhere")
    issues.symlink_to(folder / "elsewhere", target_is_directory=True)


def _bomb_front_matter(folder: Path) -> None:
    (folder / "content" / "issues" / "bomb.md").write_text(f"---\n{LAUGHS}\n---\n", "utf-8")


def _bomb_config(folder: Path) -> None:
    with (folder / ".upptimerc.yml").open("a", encoding="utf-8") as file:
        file.write(LAUGHS + "\n")


def _not_a_number(folder: Path) -> None:
    edit_json(folder / "issues.json", lambda issues: issues[2].update(number="x17"))


CASES: list[tuple[str, str, Callable[[Path], None], str]] = [
    ("linked-issue", "cstate", _link_an_issue, "content/issues/key.md: a symbolic link"),
    ("linked-folder", "cstate", _link_the_issues, "content/issues: a symbolic link"),
    (
        "statusfy-dir",
        "statusfy",
        lambda f: replace(f / "config.js", 'dir: "content"', 'dir: "../.."'),
        "config.js:11: content.dir '../..' leads outside",
    ),
    (
        "statusfy-locale",
        "statusfy",
        lambda f: replace(f / "config.js", 'defaultLocale: "en"', 'defaultLocale: "../../x"'),
        "config.js:5: defaultLocale '../../x' is not a language code",
    ),
    ("alias-front-matter", "cstate", _bomb_front_matter, "bomb.md:2: YAML anchors and aliases"),
    ("alias-config", "upptime", _bomb_config, ".upptimerc.yml:15: YAML anchors and aliases"),
    ("upptime-number", "upptime", _not_a_number, "issues.json: item 3's number is 'x17'"),
]


@pytest.mark.parametrize(
    ("fmt", "spoil", "expected"),
    [pytest.param(fmt, spoil, expected, id=name) for name, fmt, spoil, expected in CASES],
)
def test_a_hostile_source_stops_the_import_and_writes_nothing(
    tmp_path: Path,
    site: Path,
    capsys: pytest.CaptureFixture[str],
    fmt: str,
    spoil: Callable[[Path], None],
    expected: str,
) -> None:
    folder = source(tmp_path, fmt)
    spoil(folder)
    before = everything(site)
    capsys.readouterr()
    assert main(["--now", NOW, "-C", str(site), "import", fmt, str(folder)]) == 2
    out, err = capsys.readouterr()
    assert err.startswith(f"statusgen: {folder}/") and expected in err, err
    assert "Traceback" not in out + err
    assert everything(site) == before  # no incident, no components.yml change, no report


def _run(site: Path, fmt: str, folder: Path) -> subprocess.CompletedProcess[str]:
    """The command as a process, killed (and the test failed) after a minute."""
    command = [sys.executable, "-m", "statusgen", "--now", NOW, "-C", str(site), "import"]
    return subprocess.run(
        [*command, fmt, str(folder), "--dry-run"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
        check=False,
    )


def test_statusfy_blocks_that_never_close_are_read_in_linear_time(
    tmp_path: Path, site: Path
) -> None:
    """30,000 unclosed `::: update` lines (1.4 MB) took a regular expression hours."""
    folder = source(tmp_path, "statusfy")
    opener = "::: update Investigating | 2025-01-01T00:00:00Z\n"
    (folder / "content" / "slow.md").write_text(
        "---\ntitle: Slow\ndate: 2025-01-01T00:00:00Z\n---\n" + opener * 30_000, "utf-8"
    )
    with (folder / "config.js").open("a", encoding="utf-8") as file:
        file.write("// " + "systems: [" * 50_000 + "\n")
    result = _run(site, "statusfy", folder)
    assert result.returncode == 0, result.stderr
    assert "would write" in result.stdout


def test_upptime_comments_that_never_close_are_read_in_linear_time(
    tmp_path: Path, site: Path
) -> None:
    """200,000 unclosed `<!--`, and a window comment of 400,000 blank lines, took hours."""
    folder = source(tmp_path, "upptime")
    issues = json.loads((folder / "issues.json").read_text(encoding="utf-8"))
    issues[2]["body"] = "<!--" * 200_000
    issues[0]["body"] = "<!--" + "\n" * 400_000 + "-->"
    (folder / "issues.json").write_text(json.dumps(issues), encoding="utf-8")
    result = _run(site, "upptime", folder)
    assert result.returncode == 0, result.stderr
    assert "would write" in result.stdout
