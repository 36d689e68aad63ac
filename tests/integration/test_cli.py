"""The responder's command line, run in-process on small sites in temporary folders."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from statusgen.cli import main

COMPONENTS = """\
groups:
  - name: Core
    components:
      - id: api
        name: Public API
      - id: dashboard
        name: Dashboard
"""

NOW = "2026-11-23T12:00:00Z"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "components.yml").write_text(COMPONENTS)
    (tmp_path / "incidents").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    return tmp_path


def run(*args: str, now: str = NOW) -> int:
    return main(["--now", now, *args])


def written_path(out: str) -> Path:
    match = re.search(r"^wrote (\S+)$", out, re.M)
    assert match, out
    return Path(match.group(1))


def test_round_trip_new_update_resolve_check(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        run(
            "new",
            "Elevated errors on the API",
            "--component",
            "api=partial_outage",
            "--impact",
            "major",
            "--next-update",
            "30m",
        )
        == 0
    )
    path = written_path(capsys.readouterr().out)
    # New files go to the year folder of their date, created when needed.
    assert path == Path("incidents/2026/2026-11-23-elevated-errors-on-the-api.md")

    # Without --message, statusgen's own template (the site has none) is filled in: ready.
    original = path.read_text()
    assert (
        "We are investigating a problem with Public API. Many users are affected.\n\n"
        "      We will post the next update by Nov 23, 2026, 12:30 UTC.\n"
    ) in original
    assert run("check") == 0

    assert (
        run(
            "update",
            path.stem,
            "--status",
            "identified",
            "--message",
            "A bad deploy: rolling back.",
            "--component",
            "api=major_outage",
            now="2026-11-23T12:20:00Z",
        )
        == 0
    )
    assert (
        run(
            "update",
            path.stem,
            "--status",
            "monitoring",
            "--message",
            'Rolled back; "watching".',
            "--component",
            "api=operational",
            now="2026-11-23T12:40:00Z",
        )
        == 0
    )
    assert (
        run(
            "resolve",
            path.stem,
            "--message",
            "Error rates are back to normal.",
            now="2026-11-23T13:10:00Z",
        )
        == 0
    )
    capsys.readouterr()
    assert run("check", now="2026-11-23T13:10:00Z") == 0

    final = path.read_text()
    # Everything above the appended phases is unchanged; the closing line follows them.
    above = original.rsplit("---\n", 1)[0]
    assert final.startswith(above)
    assert final.endswith("---\n") and final.count("- at:") == 4
    from statusgen.clock import parse_time
    from statusgen.content import SiteLayout, load_site

    incident = load_site(SiteLayout(site), parse_time("2026-11-23T13:10:00Z")[0]).incident(
        path.stem
    )
    assert incident is not None and incident.is_closed
    assert [p.status.value for p in incident.phases] == [
        "investigating",
        "identified",
        "monitoring",
        "resolved",
    ]
    assert incident.phases[0].next_update_at is not None
    assert incident.phases[0].next_update_at.isoformat() == "2026-11-23T12:30:00+00:00"
    assert incident.phases[2].message == 'Rolled back; "watching".'
    assert dict(incident.phases[1].components) == {"api": "major_outage"}


HAND_WRITTEN = """\
---
# Written by hand, with comments and unusual order.
impact: minor   # started as minor
title: 'Dashboard: slow loading'
phases:
    -   at: "2026-11-23T10:00:00+01:00"   # quoted, with offset
        status: investigating
        message: >
          Pages take long to load.
# A comment after the last phase stays where it is.
components: {dashboard: degraded_performance}
---
Some *body* text.

## Notes
Kept byte for byte.
"""


def test_update_appends_without_touching_existing_text(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = site / "incidents" / "2026-11-23-dashboard.md"
    path.write_text(HAND_WRITTEN)
    assert run("check") == 0, capsys.readouterr().err
    assert (
        run(
            "update",
            "2026-11-23-dashboard",
            "--status",
            "identified",
            "--message",
            "Found it: a slow query.",
        )
        == 0
    )
    new = path.read_text()
    inserted = (
        "    -   at: 2026-11-23T12:00:00Z\n"
        "        status: identified\n"
        '        message: "Found it: a slow query."\n'
    )
    marker = "          Pages take long to load.\n"
    assert new == HAND_WRITTEN.replace(marker, marker + inserted)
    assert run("check") == 0


def test_maintenance_new_and_complete(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        run(
            "new",
            "Database upgrade",
            "--maintenance",
            "--component",
            "api",
            "--start",
            "2026-12-02T02:00:00Z",
            "--end",
            "2026-12-02T04:00:00+00:00",
            "--message",
            "We upgrade the database; the API may be slow.",
        )
        == 0
    )
    path = written_path(capsys.readouterr().out)
    assert path.name == "2026-12-02-database-upgrade.md"
    assert "type: maintenance" in path.read_text()
    assert run("check") == 0
    assert (
        run(
            "update",
            path.stem,
            "--status",
            "in_progress",
            "--message",
            "Started.",
            now="2026-12-02T02:00:00Z",
        )
        == 0
    )
    assert run("resolve", path.stem, "--message", "Done.", now="2026-12-02T03:00:00Z") == 0
    assert "status: completed" in path.read_text()
    assert run("check", now="2026-12-02T03:00:00Z") == 0


def test_new_uses_year_folder_when_the_site_has_them(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (site / "incidents" / "2026").mkdir()
    assert (
        run(
            "new",
            "Slow API",
            "--component",
            "api=degraded_performance",
            "--impact",
            "minor",
            "--message",
            "Slow.",
        )
        == 0
    )
    assert written_path(capsys.readouterr().out) == Path("incidents/2026/2026-11-23-slow-api.md")


def test_exit_codes(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as usage:
        run("update")
    assert usage.value.code == 2
    assert run("update", "nope", "--status", "identified", "--message", "x") == 2
    assert "no incident 'nope'" in capsys.readouterr().err
    assert run("new", "X", "--component", "nope=major_outage", "--impact", "major") == 2
    assert run("new", "X", "--component", "api=major_outage") == 2  # no --impact
    assert run("new", "X", "--component", "api=broken", "--impact", "major") == 2
    with pytest.raises(SystemExit) as no_offset:
        main(["--now", "2026-11-23T12:00:00", "check"])
    assert no_offset.value.code == 2
    assert "no UTC offset" in capsys.readouterr().err


def test_update_refuses_closed_incident_and_wrong_status(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        run(
            "new",
            "Outage",
            "--component",
            "api=major_outage",
            "--impact",
            "critical",
            "--message",
            "Down.",
        )
        == 0
    )
    stem = written_path(capsys.readouterr().out).stem
    assert run("update", stem, "--status", "in_progress", "--message", "x") == 2
    assert "is not for a incident" in capsys.readouterr().err
    assert run("resolve", stem, "--message", "Up.") == 0
    assert run("update", stem, "--status", "monitoring", "--message", "again") == 2
    assert "already resolved" in capsys.readouterr().err


def test_check_prints_github_annotations(
    site: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (site / "incidents" / "bad.md").write_text(
        "---\ntitle: Bad\nimpact: huge\nphases:\n  - at: 2026-11-23T10:00:00Z\n"
        "    status: investigating\n    message: x\n---\n"
    )
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert run("check") == 1
    captured = capsys.readouterr()
    assert "incidents/bad.md:3: unknown impact 'huge'" in captured.err
    assert (
        "::error file=incidents/bad.md,line=3,title=statusgen check::unknown impact 'huge'"
        in captured.out
    )


def test_directory_option_and_status(
    tmp_path: Path, site: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert (
        run(
            "new",
            "Slow API",
            "--component",
            "api=degraded_performance",
            "--impact",
            "minor",
            "--message",
            "Slow responses.",
            "--next-update",
            "2026-11-23T12:30:00Z",
        )
        == 0
    )
    capsys.readouterr()
    monkeypatch.chdir(site.parent)
    assert run("-C", site.name, "status") == 0
    out = capsys.readouterr().out
    assert out.startswith("Minor service outage  (indicator: minor)")
    assert "Slow API" in out and "next update by 2026-11-23 12:30 UTC" in out
    assert re.search(r"Public API\s+▲ degraded performance", out)
    assert re.search(r"Dashboard\s+✔ operational\s+100.00 %", out)
    (site / "incidents" / "2026-11-23-slow-api.md").write_text("nonsense")
    assert run("-C", site.name, "check") == 1
    assert (
        f"{site.name}/incidents/2026-11-23-slow-api.md:1: no front matter"
        in capsys.readouterr().err
    )


def test_example_site_checks_clean() -> None:
    root = Path(__file__).parents[2]
    result = subprocess.run(
        [sys.executable, "-m", "statusgen", "-C", str(root), "--now", NOW, "check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "incident files are valid" in result.stdout


def test_new_started_says_when_the_incident_began(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ("--component", "api=major_outage", "--impact", "critical", "--message", "Down.")
    assert run("new", "Logins fail", "--started", "8m", *base) == 0
    path = written_path(capsys.readouterr().out)
    text = path.read_text()
    assert "started: 2026-11-23T11:52:00Z\n" in text
    assert "  - at: 2026-11-23T12:00:00Z\n" in text
    assert run("check") == 0
    assert run("new", "Checkout fails", "--started", "2026-11-23T12:30:00+01:00", *base) == 0
    assert "started: 2026-11-23T11:30:00Z\n" in written_path(capsys.readouterr().out).read_text()
    # In the future: refused with the check's words, nothing written.
    assert run("new", "Later", "--started", "2026-11-23T12:05:00Z", *base) == 1
    assert "started time 2026-11-23T12:05:00Z is in the future" in capsys.readouterr().err
    assert run("new", "Bad", "--started", "soon", *base) == 2
    assert "--started 'soon'" in capsys.readouterr().err
    maintenance = ("--maintenance", "--start", "2026-11-24T01:00Z", "--end", "2026-11-24T02:00Z")
    assert run("new", "Upgrade", "--started", "5m", *maintenance) == 2
    assert "--started is for incidents" in capsys.readouterr().err
    assert sorted(p.stem for p in (site / "incidents").rglob("*.md")) == [
        "2026-11-23-checkout-fails",
        "2026-11-23-logins-fail",
    ]
