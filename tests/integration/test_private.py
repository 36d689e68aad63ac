"""A private GitHub repository: `statusgen init --private PLAN` picks a schedule that fits the
plan's Actions minutes (GitHub Free cannot publish one at all), and every scheduled run first
asks `statusgen due` and ends there when the clock changes nothing. (Its workflows pass the
linters with a public site's: test_init.py's test_the_new_sites_workflows_pass_the_linters.)"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
import yaml
from test_init import BIN

from statusgen.cli import main
from statusgen.cli.defaults import PRIVATE_PLANS
from statusgen.cli.schedules import (
    PROBE_SCHEDULES,
    RUN_MINUTES,
    SCHEDULES,
    WEEKLY_MINUTES,
    probe_schedule_for,
    schedule_for,
)

NOW = "2026-11-23T10:00:00Z"
#: 2026-11-23T10:00:00Z as SOURCE_DATE_EPOCH: the clock of the commands the workflow runs.
EPOCH = "1795428000"


def init(target: Path, *options: str) -> int:
    return main(
        ["--now", NOW, "init", str(target), "--no-input", "--url", "https://s.test/", *options]
    )


def schedule_of(site: Path) -> tuple[str, dict[str, object]]:
    workflow = yaml.safe_load((site / ".github" / "workflows" / "schedule.yml").read_text())
    triggers = workflow.get("on", workflow.get(True))
    return triggers["schedule"][0]["cron"], workflow


@pytest.mark.parametrize(
    ("plan", "cron", "within"),
    [
        (None, "11,41 * * * *", "30m"),
        ("pro", "11 */2 * * *", "2h"),
        ("team", "11 */2 * * *", "2h"),
        ("enterprise", "11,41 * * * *", "30m"),
    ],
)
def test_the_schedule_fits_the_plans_minutes(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    plan: str | None,
    cron: str,
    within: str,
) -> None:
    assert init(tmp_path / "site", *(("--private", plan) if plan else ())) == 0
    found, workflow = schedule_of(tmp_path / "site")
    assert found == cron
    steps = workflow["jobs"]["due"]["steps"]  # type: ignore[index]
    assert f"statusgen due --within {within} ||" in steps[-1]["run"]
    out = capsys.readouterr().out
    if plan is not None:
        # Even if every run published (4 minutes each), half the plan's minutes suffice.
        runs = next(s.runs for s in SCHEDULES if s.cron == cron)
        worst = runs * RUN_MINUTES + WEEKLY_MINUTES
        assert worst <= PRIVATE_PLANS[plan] // 2
        assert f"at most {worst:,} of the {PRIVATE_PLANS[plan]:,} Actions minutes" in out
        # and the next more frequent schedule would not fit
        faster = SCHEDULES[SCHEDULES.index(schedule_for(plan)) - 1] if runs != 1440 else None
        assert (
            faster is None or faster.runs * RUN_MINUTES + WEEKLY_MINUTES > PRIVATE_PLANS[plan] // 2
        )
    else:
        assert "schedule:" not in out


@pytest.mark.parametrize(
    ("plan", "cron"),
    [(None, "*/5 * * * *"), ("pro", "7 * * * *"), ("enterprise", "*/5 * * * *")],
)
def test_the_probe_schedule_fits_a_quarter_of_the_plans_minutes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], plan: str | None, cron: str
) -> None:
    assert init(tmp_path / "site", *(("--private", plan) if plan else ())) == 0
    workflow = yaml.safe_load(
        (tmp_path / "site" / ".github" / "workflows" / "probe.yml").read_text()
    )
    assert workflow[True]["schedule"] == [{"cron": cron}]
    out = capsys.readouterr().out
    if plan is None:
        assert "probe:" not in out  # free in a public repository
        return
    schedule = probe_schedule_for(plan)
    assert schedule.cron == cron and schedule.runs <= PRIVATE_PLANS[plan] // 4
    assert f"probe: every {schedule.words}, about {schedule.runs:,} Actions minutes" in out
    index = PROBE_SCHEDULES.index(schedule)
    assert index == 0 or PROBE_SCHEDULES[index - 1].runs > PRIVATE_PLANS[plan] // 4


def test_github_free_cannot_publish_a_private_repository(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert init(tmp_path / "site", "--private", "free") == 2
    assert "GitHub Free cannot publish a private repository" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()
    assert init(tmp_path / "site", "--private", "pro", "--host", "gitlab") == 2
    assert "--private is for GitHub sites" in capsys.readouterr().err


def test_init_asks_about_a_private_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    replies = iter(["Initech", "https://s.test", "", "", "", "free", "team", ""])
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: next(replies))
    assert main(["--now", NOW, "init", str(tmp_path / "site")]) == 0
    assert "GitHub Free cannot publish" in capsys.readouterr().err
    assert schedule_of(tmp_path / "site")[0] == "11 */2 * * *"


def run_due_step(site: Path, epoch: str, tmp_path: Path) -> str:
    """The `due` job's last step, as the runner runs it (bash -e), with the clock at `epoch`;
    what it wrote to GITHUB_OUTPUT."""
    _, workflow = schedule_of(site)
    script = workflow["jobs"]["due"]["steps"][-1]["run"]  # type: ignore[index]
    output = tmp_path / "output"
    output.write_text("")
    env = {
        **os.environ,
        "PATH": f"{BIN}:{os.environ['PATH']}",
        "GITHUB_OUTPUT": str(output),
        "SOURCE_DATE_EPOCH": epoch,
    }
    done = subprocess.run(
        ["bash", "-e", "-c", script], cwd=site, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return output.read_text()


def test_a_scheduled_run_publishes_only_when_due(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert init(site, "--private", "pro") == 0
    _, workflow = schedule_of(site)
    jobs = workflow["jobs"]  # type: ignore[index]
    assert jobs["publish"]["needs"] == "due"
    assert "needs.due.outputs.due != 'false'" in jobs["publish"]["if"]
    assert "github.event_name == 'schedule'" in jobs["due"]["if"]
    assert run_due_step(site, EPOCH, tmp_path) == "due=false\n"  # 10:00 UTC: a quiet day
    window = ["--start", "2026-11-23T11:00:00Z", "--end", "2026-11-23T13:00:00Z"]
    new = ["new", "Upgrade", "--maintenance", *window, "--component", "website"]
    assert main(["-C", str(site), "--now", "2026-11-23T09:00:00Z", *new]) == 0
    assert run_due_step(site, EPOCH, tmp_path) == "due=true\n"  # its window opens at 11:00
    # A broken site is "due" too: the build then says what is wrong.
    (site / "components.yml").write_text("groups: [")
    assert run_due_step(site, EPOCH, tmp_path) == "due=true\n"
