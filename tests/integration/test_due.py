"""`statusgen due --within D`: whether the clock alone changes the site from D before now to D
after, with the reason (exit 0), or not (exit 1); every case at a pinned --now."""

from __future__ import annotations

from pathlib import Path

import pytest

from statusgen.cli import main

COMPONENTS = """\
groups:
  - name: Core
    components:
      - id: api
        name: Public API
"""
RESOLVED = """\
---
title: API errors
impact: major
components: {api: partial_outage}
phases:
  - at: 2026-11-02T10:00:00Z
    status: investigating
    message: Errors.
  - at: 2026-11-02T11:00:00Z
    status: resolved
    message: Fixed.
---
"""
MAINTENANCE = """\
---
title: Database upgrade
type: maintenance
components: {api: under_maintenance}
scheduled:
  start: 2026-11-24T02:00:00Z
  end: 2026-11-24T04:00:00Z
phases:
  - at: 2026-11-20T09:00:00Z
    status: scheduled
    message: Upgrade.
---
"""


def site(root: Path, timezone: str = "UTC", **incidents: str) -> Path:
    (root / "components.yml").write_text(COMPONENTS)
    (root / "mkdocs.yml").write_text(
        f"site_name: S\nsite_url: https://s.test/\nplugins:\n  - statusgen:\n"
        f"      timezone: {timezone}\n"
    )
    (root / "incidents").mkdir()
    for name, text in {"2026-11-02-api-errors": RESOLVED, **incidents}.items():
        (root / "incidents" / f"{name}.md").write_text(text)
    return root


def due(root: Path, now: str, within: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["-C", str(root), "--now", now, "due", "--within", within])
    return code, capsys.readouterr().out


def test_a_quiet_site_is_not_due(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = due(site(tmp_path), "2026-11-23T10:00:00Z", "2h", capsys)
    assert code == 1
    assert (
        out
        == "not due: nothing changes with the clock from 2026-11-23 08:00 to 2026-11-23 12:00 UTC\n"
    )


@pytest.mark.parametrize(
    ("timezone", "now", "expected"),
    [
        ("UTC", "2026-11-23T22:30:00Z", 1),
        ("UTC", "2026-11-23T23:30:00Z", 0),
        ("UTC", "2026-11-24T00:30:00Z", 0),  # the day changed since the previous run
        ("Europe/Berlin", "2026-11-23T22:30:00Z", 0),  # 23:00 UTC is midnight in Berlin
        ("Europe/Berlin", "2026-11-24T00:30:00Z", 1),
    ],
)
def test_a_new_local_day_is_due(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], timezone: str, now: str, expected: int
) -> None:
    code, out = due(site(tmp_path, timezone), now, "1h", capsys)
    assert code == expected, out
    if expected == 0:
        assert "a new day: the uptime bars move on" in out


def test_a_maintenance_window_opening_or_closing_is_due(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = site(tmp_path, **{"2026-11-24-database-upgrade": MAINTENANCE})
    code, out = due(root, "2026-11-24T01:15:00Z", "45m", capsys)
    assert (code, out) == (
        0,
        "due: 2026-11-24 02:00 UTC: 2026-11-24-database-upgrade: maintenance window opens\n",
    )
    code, out = due(root, "2026-11-24T03:30:00Z", "30m", capsys)
    assert code == 0
    assert "due: now: 2026-11-24-database-upgrade: is open" in out  # in progress
    assert "2026-11-24 04:00 UTC: 2026-11-24-database-upgrade: maintenance window closes" in out
    assert due(root, "2026-11-24T04:20:00Z", "30m", capsys)[0] == 0  # closed since the last run
    assert due(root, "2026-11-24T05:00:00Z", "30m", capsys)[0] == 1
    assert due(root, "2026-11-24T00:40:00Z", "30m", capsys)[0] == 1


def test_an_open_incident_is_always_due(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    still_open = RESOLVED.replace(
        "  - at: 2026-11-02T11:00:00Z\n    status: resolved\n    message: Fixed.\n", ""
    )
    (site(tmp_path) / "incidents" / "2026-11-02-api-errors.md").write_text(still_open)
    code, out = due(tmp_path, "2026-11-23T10:00:00Z", "2h", capsys)
    assert (code, out) == (
        0,
        "due: now: 2026-11-02-api-errors: is open: its duration, estimate and overdue notice "
        "move with the clock\n",
    )


def test_invalid_content_is_due_so_the_build_reports_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = site(tmp_path)
    (root / "incidents" / "broken.md").write_text("---\ntitle: x\n---\n")
    code, out = due(root, "2026-11-23T10:00:00Z", "2h", capsys)
    assert code == 0 and "in the content; the build says which" in out


@pytest.mark.parametrize("within", ["2", "0h", "h", "-1h", "2w", "99999d"])
def test_a_bad_duration_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], within: str
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["-C", str(site(tmp_path)), "due", f"--within={within}"])
    assert exited.value.code == 2
    assert "expected a duration such as 30m, 2h or 1d" in capsys.readouterr().err
