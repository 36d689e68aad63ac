"""The alert workflow `statusgen init` writes, its run steps run as Actions runs them (bash -e,
the step's environment, GITHUB_OUTPUT) in fresh clones of a site whose origin is a local bare
repository, with `gh` replaced by a recorder: by default a firing alert's incident goes to the
statusgen-alerts branch with one pull request, and its resolving alert lands on the same
branch; with STATUSGEN_ALERTS_TO_MAIN the commit goes to main and the site is published.

The GitLab site's `alert` job likewise: its script as the runner runs it (bash, set -eo
pipefail, the trigger's variables), its pushes to https://gitlab.test/... rewritten by git's
`insteadOf` to the bare repository, whose hook records the push options that make GitLab open
the merge request."""

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


def gitlab_runner_environment(origin: Path, source: str, **variables: str) -> dict[str, str]:
    """What a GitLab runner gives a job of a pipeline started by `source` (trigger, schedule)
    in the project globex/status on gitlab.test, whose pushes go to the bare repository
    `origin` instead; without the build clock (SOURCE_DATE_EPOCH)."""
    environment = {
        **os.environ,
        "PATH": f"{BIN}:{os.environ['PATH']}",
        "GIT_CONFIG_GLOBAL": "/dev/null",
        "GIT_CONFIG_COUNT": "1",
        "GIT_CONFIG_KEY_0": f"url.{origin}.insteadOf",
        "GIT_CONFIG_VALUE_0": "https://statusgen:glpat-secret@gitlab.test/globex/status.git",
        "CI_PIPELINE_SOURCE": source,
        "CI_SERVER_HOST": "gitlab.test",
        "CI_PROJECT_PATH": "globex/status",
        "CI_DEFAULT_BRANCH": "main",
        **variables,
    }
    environment.pop("SOURCE_DATE_EPOCH", None)
    return environment


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
    return new_origin(tmp_path, "github")


def new_origin(tmp_path: Path, host: str) -> Path:
    base = tmp_path / "team"
    base.mkdir()
    site = base / "site"
    run(
        str(BIN / "statusgen"), "init", str(site), "--no-input", "--name", "Globex Status",
        "--url", "https://status.globex.test", "--component", "api=Public API",
        "--host", host, cwd=base,
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


# -- GitLab: the `alert` job of .gitlab-ci.yml, in a pipeline started by a trigger token --------
RECORD_PUSH_OPTIONS = """#!/bin/sh
i=0
while [ "$i" -lt "${GIT_PUSH_OPTION_COUNT:-0}" ]; do
  eval "echo \\"\\$GIT_PUSH_OPTION_$i\\"" >> push-options.log
  i=$((i + 1))
done
"""


@pytest.fixture
def gitlab_origin(tmp_path: Path) -> Path:
    """A new GitLab site, with one alert rule, in a bare repository that takes push options
    as GitLab does and records them."""
    bare = new_origin(tmp_path, "gitlab")
    run("git", "config", "receive.advertisePushOptions", "true", cwd=bare)
    hook = bare / "hooks" / "post-receive"
    hook.write_text(RECORD_PUSH_OPTIONS)
    hook.chmod(0o755)
    return bare


def trigger(origin: Path, payload: str, now: str, **variables: str) -> str:
    """One pipeline from the trigger URL `.../ref/main/trigger/pipeline?token=...
    &variables[STATUSGEN_ALERT]=<format>` with the tool's JSON as its body: the runner's
    checkout of main (detached), then the `alert` job's script; its output."""
    base = origin.parent
    work = base / f"pipeline-{len(list(base.glob('pipeline-*')))}"
    run("git", "clone", "-q", str(origin), str(work), cwd=base)
    sha = run("git", "rev-parse", "HEAD", cwd=work).strip()
    run("git", "checkout", "-q", "--detach", sha, cwd=work)
    config = yaml.safe_load((work / ".gitlab-ci.yml").read_text())
    job = config["alert"]
    assert job["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "trigger"'}]
    format_name = payload.split("-")[0]
    # GitLab's TRIGGER_PAYLOAD: the request's parameters but the token, the body's keys among
    # them (lib/api/ci/triggers.rb, Ci::PipelineTriggerService).
    body = json.loads((FIXTURES / payload).read_text())
    params = {**body, "id": "42", "ref": "main", "variables": {"STATUSGEN_ALERT": format_name}}
    (base / f"{work.name}.json").write_text(json.dumps(params))
    environment = gitlab_runner_environment(
        origin,
        "trigger",
        **job["variables"],
        CI_COMMIT_SHA=sha,
        STATUSGEN_ALERT_TOKEN="glpat-secret",
        **{
            "STATUSGEN_ALERT": format_name,
            "TRIGGER_PAYLOAD": str(base / f"{work.name}.json"),
            **variables,  # a test's own, last
        },
    )
    script = "\n".join(job["script"]).replace("statusgen alert ", f"statusgen --now {now} alert ")
    return run("bash", "-c", "set -eo pipefail\n" + script, cwd=work, env=environment)


def test_gitlab_a_triggered_pipeline_runs_only_the_alert_job(gitlab_origin: Path) -> None:
    config = yaml.safe_load(run("git", "show", "main:.gitlab-ci.yml", cwd=gitlab_origin))
    for name in ("pages", "pages-internal", "notify"):
        assert {"if": '$STATUSGEN_PROBE == "true" || $CI_PIPELINE_SOURCE == "trigger"',
                "when": "never"} in config[name]["rules"], name  # fmt: skip
    assert config["probe"]["rules"] == [
        {"if": '$CI_PIPELINE_SOURCE == "schedule" && $STATUSGEN_PROBE == "true"'}
    ]
    assert config["check"]["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    assert config["alert"]["resource_group"] == "alert"


def test_gitlab_by_default_an_alerts_incident_goes_to_one_merge_request(
    gitlab_origin: Path,
) -> None:
    first = trigger(gitlab_origin, "alertmanager-firing.json", "2023-02-06T13:15:00Z")
    assert "opened: incidents/2023/" in first
    opened = show(gitlab_origin, "statusgen-alerts")
    assert "opened_by: alert" in opened and "status: resolved" not in opened
    assert show(gitlab_origin, "main") == ""  # main waits for a person's merge
    options = (gitlab_origin / "push-options.log").read_text().splitlines()
    assert options[:3] == [
        "merge_request.create",
        "merge_request.target=main",
        "merge_request.remove_source_branch",
    ]
    assert "merge_request.title=Incidents from alerts" in options
    assert not any("merge_when_pipeline_succeeds" in option for option in options)

    # The resolving alert finds the incident on the merge request's branch, with main (and an
    # operator's commit there meanwhile) merged in.
    clone = gitlab_origin.parent / "operator"
    run("git", "clone", "-q", str(gitlab_origin), str(clone), cwd=gitlab_origin.parent)
    (clone / "docs" / "about.md").write_text("# About\n\nChanged meanwhile.\n")
    identity = ("-c", "user.name=Ops", "-c", "user.email=ops@globex.test")
    run("git", *identity, "commit", "-qam", "about", cwd=clone)
    run("git", "push", "-q", "origin", "HEAD:main", cwd=clone)
    second = trigger(gitlab_origin, "alertmanager-resolved.json", "2023-02-06T13:40:00Z")
    assert "resolved: incidents/2023/" in second
    assert "status: resolved" in show(gitlab_origin, "statusgen-alerts")
    log = run("git", "log", "--format=%s", "main..statusgen-alerts", cwd=gitlab_origin)
    assert log.count("statusgen alert:") == 2
    merged = run("git", "show", "statusgen-alerts:docs/about.md", cwd=gitlab_origin)
    assert "Changed meanwhile." in merged

    # A repeated delivery commits and pushes nothing.
    again = trigger(gitlab_origin, "alertmanager-resolved.json", "2023-02-06T13:41:00Z")
    assert "Nothing to commit." in again
    log = run("git", "log", "--format=%s", "main..statusgen-alerts", cwd=gitlab_origin)
    assert log.count("statusgen alert:") == 2
    assert "glpat-secret" not in first + second + again


def test_gitlab_opted_in_an_alert_commits_to_main(gitlab_origin: Path) -> None:
    trigger(
        gitlab_origin, "alertmanager-firing.json", "2023-02-06T13:15:00Z",
        STATUSGEN_ALERTS_TO_MAIN="true",
    )  # fmt: skip
    assert "opened_by: alert" in show(gitlab_origin, "main")
    assert run("git", "branch", "--list", "statusgen-alerts", cwd=gitlab_origin) == ""
    assert not (gitlab_origin / "push-options.log").exists()


def test_gitlab_a_pipeline_without_the_format_says_what_it_needs(gitlab_origin: Path) -> None:
    with pytest.raises(AssertionError, match=r"variables\[STATUSGEN_ALERT\]=<format>"):
        trigger(
            gitlab_origin, "alertmanager-firing.json", "2023-02-06T13:15:00Z", STATUSGEN_ALERT=""
        )
