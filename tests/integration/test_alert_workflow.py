"""The alert workflow `statusgen init` writes, its run steps run as Actions runs them (bash -e,
the step's environment, GITHUB_OUTPUT) in fresh clones of a site whose origin is a local bare
repository, with `gh` replaced by a recorder: by default a firing alert's incident goes to the
statusgen-alerts branch with one pull request, and its resolving alert lands on the same
branch; with STATUSGEN_ALERTS_TO_MAIN the commit goes to main and the site is published."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from sitebuild import REPO

BIN = Path(sys.executable).parent
FIXTURES = REPO / "tests" / "fixtures" / "alerts"
RULES = "      alerts:\n        - match: {alertname: ProbeFailure}\n          component: api\n"
FAKE_GH = """#!/bin/sh
echo "$*" >> "$GH_LOG"
case "$1 $2" in
  "pr list") if [ -f "$GH_LOG.created" ]; then echo 1; else echo 0; fi ;;
  "pr create") touch "$GH_LOG.created" ;;
esac
"""


def run(*args: str, cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.fixture
def origin(tmp_path: Path) -> Path:
    """A new site, committed and pushed to a bare repository, with one alert rule."""
    base = tmp_path / "team"
    base.mkdir()
    site = base / "site"
    run(
        str(BIN / "statusgen"), "init", str(site), "--no-input", "--name", "Globex Status",
        "--url", "https://status.globex.test", "--component", "api=Public API", cwd=base,
    )  # fmt: skip
    config = site / "mkdocs.yml"
    text = config.read_text()
    line = next(x for x in text.splitlines(keepends=True) if x.startswith("      timezone: "))
    config.write_text(text.replace(line, line + RULES, 1))
    for command in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "site"]):
        run("git", "-c", "user.name=Ops", "-c", "user.email=ops@globex.test", *command, cwd=site)
    run("git", "clone", "-q", "--bare", "site", "origin.git", cwd=base)
    (base / "bin").mkdir()
    (base / "bin" / "gh").write_text(FAKE_GH)
    (base / "bin" / "gh").chmod(0o755)
    return base / "origin.git"


def dispatch(origin: Path, payload: str, now: str, to_main: bool = False) -> dict[str, str]:
    """One repository_dispatch run: a fresh checkout of main, then every run step of the
    alert job whose condition holds; the job's outputs."""
    base = origin.parent
    work = base / f"run-{len(list(base.glob('run-*')))}"
    run("git", "clone", "-q", str(origin), str(work), cwd=base)
    workflow = yaml.safe_load((work / ".github" / "workflows" / "alert.yml").read_text())
    job = workflow["jobs"]["alert"]
    format_name = payload.split("-")[0]
    temp = work.parent / f"{work.name}-temp"
    temp.mkdir()
    output, summary = temp / "output", temp / "summary"
    values = {
        "FORMAT": format_name,
        "PAYLOAD": (FIXTURES / payload).read_text(),
        "TOKEN": "",
        "GH_TOKEN": "",
        "REPOSITORY": "globex/status",
        "TO_MAIN": "true" if to_main else "false",
    }
    environment = {
        **os.environ,
        **workflow["env"],
        "PATH": f"{base / 'bin'}:{BIN}:{os.environ['PATH']}",
        "GH_LOG": str(base / "gh.log"),
        "GITHUB_OUTPUT": str(output),
        "GITHUB_STEP_SUMMARY": str(summary),
        "RUNNER_TEMP": str(temp),
        "SOURCE_DATE_EPOCH": "",
        "GIT_CONFIG_GLOBAL": "/dev/null",
    }
    environment.pop("SOURCE_DATE_EPOCH")
    for step in job["steps"]:
        if "run" not in step:
            continue
        if step.get("if") == "vars.STATUSGEN_ALERTS_TO_MAIN != 'true'" and to_main:
            continue
        step_env = {name: values[name] for name in step.get("env", {})}
        script = step["run"].replace("statusgen alert ", f"statusgen --now {now} alert ")
        if step["name"].startswith("Install statusgen"):
            continue  # this checkout's statusgen is installed already
        run("bash", "-e", "-c", script, cwd=work, env={**environment, **step_env})
    outputs = (
        dict(line.split("=", 1) for line in output.read_text().splitlines() if "=" in line)
        if output.exists()
        else {}
    )
    return {**outputs, "summary": summary.read_text() if summary.exists() else ""}


def show(origin: Path, ref: str, pattern: str = "incidents/") -> str:
    files = run("git", "ls-tree", "-r", "--name-only", ref, cwd=origin).split()
    return "".join(
        run("git", "show", f"{ref}:{name}", cwd=origin)
        for name in files
        if name.startswith(pattern) and name.endswith(".md")
    )


def test_by_default_an_alerts_incident_goes_to_one_pull_request(origin: Path) -> None:
    first = dispatch(origin, "alertmanager-firing.json", "2023-02-06T13:15:00Z")
    assert "opened: incidents/2023/" in first["summary"]
    assert "published" not in first
    opened = show(origin, "statusgen-alerts")
    assert "opened_by: alert" in opened and "status: resolved" not in opened
    assert show(origin, "main") == ""  # main waits for a person's merge
    log = (origin.parent / "gh.log").read_text().splitlines()
    assert [line.split()[:2] for line in log] == [["pr", "list"], ["pr", "create"]]
    assert "--head statusgen-alerts" in log[1] and "--base main" in log[1]

    # The resolving alert finds the incident on the pull request's branch.
    second = dispatch(origin, "alertmanager-resolved.json", "2023-02-06T13:40:00Z")
    assert "resolved: incidents/2023/" in second["summary"]
    assert "status: resolved" in show(origin, "statusgen-alerts")
    log = (origin.parent / "gh.log").read_text().splitlines()
    assert [line.split()[1] for line in log] == ["list", "create", "list"]  # no second PR
    commits = run("git", "log", "--format=%s", "main..statusgen-alerts", cwd=origin).splitlines()
    assert len(commits) == 2

    # A repeated delivery commits nothing.
    dispatch(origin, "alertmanager-resolved.json", "2023-02-06T13:41:00Z")
    assert run("git", "log", "--format=%s", "main..statusgen-alerts", cwd=origin).count("\n") == 2


def test_opted_in_an_alert_commits_to_main_and_publishes(origin: Path) -> None:
    outputs = dispatch(origin, "alertmanager-firing.json", "2023-02-06T13:15:00Z", to_main=True)
    assert outputs["published"] == "true"
    assert "opened_by: alert" in show(origin, "main")
    assert not (origin.parent / "gh.log").exists()
    listed = run("git", "branch", "--list", "statusgen-alerts", cwd=origin)
    assert listed == ""


def test_the_workflow_grants_only_what_the_alert_job_needs(origin: Path) -> None:
    workflow = yaml.safe_load(run("git", "show", "main:.github/workflows/alert.yml", cwd=origin))
    assert workflow["permissions"] == {}
    assert workflow["jobs"]["alert"]["permissions"] == {
        "contents": "write",
        "pull-requests": "write",
    }
    assert workflow[True]["repository_dispatch"]["types"] == [
        "alertmanager",
        "grafana",
        "pagerduty",
        "opsgenie",
    ]
    assert json.dumps(workflow).count("persist-credentials") == 1
