"""The GitOps loop for real: the workflows' run steps in a clean clone, what the workflows may
do and with which permissions, the schedule, CODEOWNERS, the lock, and a responder's pull
request in a throwaway repository made from the template. (The GitLab template runs on a site
made by `statusgen init`: test_init_install.py.)"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml
from clocks import INSTALL, installs_on_real_clock
from contentfiles import canonical, lock_pins
from lockvenv import with_lock
from sitebuild import REPO
from test_init import in_process
from venvs import LOCK_LINE, LOCK_VENV

from statusgen import __version__

WORKFLOWS = REPO / ".github" / "workflows"
#: Who publishes the actions the workflows may use: GitHub, and PyPA (PyPI's publishing action).
OFFICIAL = ("actions/", "pypa/gh-action-pypi-publish")
#: Test values for the GitHub expressions in the run steps that run here.
EXPRESSIONS = {
    "github.event.pull_request.base.sha": "HEAD",
    "github.ref_name": f"v{__version__}",  # release.yml: the tag of this version
    # The notify job: no secret is set here, so every channel is skipped (none is configured).
    "github.token": "",
    **{
        f"secrets.{name}": ""
        for name in (
            "SLACK_WEBHOOK_URL",
            "RESPONDERS_SLACK_WEBHOOK_URL",
            "MATTERMOST_WEBHOOK_URL",
            "TEAMS_WEBHOOK_URL",
            "DISCORD_WEBHOOK_URL",
            "STATUS_WEBHOOK_URL",
            "STATUS_WEBHOOK_SECRET",
            "SMTP_URL",
        )
    },
}
#: probe.yml's: no token of its own here, and a run id for its pull request's branch.
PROBE_EXPRESSIONS = {"secrets.STATUSGEN_PROBE_TOKEN || github.token": "", "github.run_id": "1"}
#: Steps (by name) not run here, and why.
NOT_RUN_HERE = {
    "Run the test suite": "`make test`, the README's test command: .ci/run runs it; running it"
    " here would recurse",
    "Re-enable this schedule (resets GitHub's 60 days without activity)": "calls GitHub's REST"
    " API with the workflow's token; test_schedule checks the call",
    "Open an issue when the repository has been quiet for 45 days": "reads commits and opens"
    " an issue through GitHub's API with the workflow's token",
    "Regenerate requirements.lock at constraints.txt's versions": "`make lock` resolves with"
    " pip-tools against the package index; test_lock_pins_what_pip_install_e_needs checks the"
    " lock it made agrees with constraints.txt",
    "Push the new lock to the pull request's branch": "pushes to a Dependabot branch of the"
    " repository with the workflow's token",
    "Save the record of what was sent": "pushes to the repository's statusgen-notify branch;"
    " tests/integration/test_ledger_branch.py runs `statusgen ledger` against a local remote",
    "Save the probe history": "pushes to the repository's statusgen-probes branch;"
    " tests/integration/test_probe_history_branch_and_build.py runs `statusgen probe-history`"
    " against a local remote",
}
#: The publishing cadence and the weekly guards of schedule.yml (docs/operators.md shows both).
PUBLISH_CRON = "11,41 * * * *"
WEEKLY_CRON = "23 5 * * 1"


def run(
    command: list[str] | str, cwd: Path, env: dict[str, str] | None = None, check: bool = True
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        command,
        cwd=cwd,
        env=env,
        text=True,
        capture_output=True,
        shell=isinstance(command, str),
        executable="/bin/bash" if isinstance(command, str) else None,
    )
    if check:
        assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result


def expand(text: str) -> str:
    """Replace `${{ expr }}` with the test value of that expression."""

    def value(match: re.Match[str]) -> str:
        expression = match.group(1).strip()
        values = {**EXPRESSIONS, **PROBE_EXPRESSIONS}
        assert expression in values, f"no test value for ${{{{ {expression} }}}}"
        return values[expression]

    return re.sub(r"\$\{\{(.*?)\}\}", value, text)


def condition_holds(condition: str, outputs: dict[str, dict[str, str]]) -> bool:
    """The one form of step `if:` the workflows use: steps.<id>.outputs.<name> == '<value>'."""
    match = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+) == '([^']*)'", condition.strip())
    assert match, f"unsupported condition: {condition}"
    step, name, expected = match.groups()
    return outputs.get(step, {}).get(name) == expected


def read_outputs(path: Path) -> dict[str, str]:
    pairs = (line.split("=", 1) for line in path.read_text().splitlines() if "=" in line)
    return {key: value for key, value in pairs}


def load(name: str) -> dict[Any, Any]:
    data = yaml.safe_load((WORKFLOWS / name).read_text())
    assert isinstance(data, dict)
    # YAML 1.1 reads the key `on` as true.
    data["on"] = data.pop(True, data.get("on"))
    return data


def workflow_names() -> list[str]:
    return sorted(p.name for p in WORKFLOWS.glob("*.yml"))


#: A clean clone, the environment of its fresh virtualenv, and the install commands that have
#: already succeeded in that virtualenv.
Clone = tuple[Path, dict[str, str], set[str]]


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Clone:
    """A clean clone of this repository and a fresh virtualenv (with pip, as a runner's
    Python: tests/venvs.py) holding what the install steps' first line, `LOCK_LINE`, installs
    (once per run: tests/lockvenv.py). The workflows' tests share it (each job of a workflow
    starts on a fresh runner; here an install step, or its first line, that already succeeded
    in this virtualenv is not run again: it would change nothing and costs seconds of CPU each
    time)."""
    base = tmp_path_factory.mktemp("gitops")
    target = base / "repo"
    run(["git", "clone", "--quiet", str(REPO), str(target)], base)
    venv = with_lock(base / "venv", target / "requirements.lock", tmp_path_factory.getbasetemp())
    env = {
        **os.environ,
        "PATH": f"{base / 'venv' / 'bin'}:{os.environ['PATH']}",
        "VIRTUAL_ENV": venv["VIRTUAL_ENV"],
        "PYTHONPYCACHEPREFIX": venv["PYTHONPYCACHEPREFIX"],
        "PIP_COMPILE": venv["PIP_COMPILE"],
        # release.yml's run of test_release.py copies it for the new site's CI (LOCK_LINE done).
        LOCK_VENV: venv[LOCK_VENV],
        "NO_MKDOCS_2_WARNING": "1",
    }
    for name in ("SOURCE_DATE_EPOCH", "PYTHONPATH", "GITHUB_STEP_SUMMARY"):
        env.pop(name, None)
    return target, env, {LOCK_LINE}


def test_every_step_not_run_here_exists() -> None:
    names = {
        step.get("name")
        for workflow in workflow_names()
        for job in load(workflow)["jobs"].values()
        for step in job.get("steps", [])
    }
    assert set(NOT_RUN_HERE) <= names, set(NOT_RUN_HERE) - names


@pytest.mark.long(seconds=8)  # release.yml's runs test_release.py: about 25 of the 48
@pytest.mark.parametrize("workflow", workflow_names())
def test_workflow_run_steps_work_in_a_clean_clone(
    clone: Clone, workflow: str, tmp_path: Path
) -> None:
    repo, base_env, installed = clone
    data = load(workflow)
    ran, skipped = [], []
    summary = tmp_path / "summary.md"
    for job_name, job in data["jobs"].items():
        if "uses" in job:  # a reusable workflow: its own test runs its steps
            assert (REPO / job["uses"].split(" ")[0]).is_file(), job["uses"]
            continue
        outputs: dict[str, dict[str, str]] = {}
        for number, step in enumerate(job["steps"]):
            if "run" not in step:
                assert step["uses"].split("@")[0].startswith(OFFICIAL), step
                continue
            command = step["run"].strip()
            if step.get("name") in NOT_RUN_HERE:
                skipped.append(step["name"])
                continue
            if "if" in step and not condition_holds(step["if"], outputs):
                continue
            if command in installed:  # the same install, already done in this virtualenv
                ran.append(command)
                continue
            rest = command  # what is left of the command once the lines done here are left out
            for done in installed:
                rest = rest.removeprefix(f"{done} && ")
            output_file = tmp_path / f"{job_name}-{number}.out"
            output_file.touch()
            env = {
                **base_env,
                "GITHUB_ACTIONS": "true",
                "CI": "true",
                "GITHUB_OUTPUT": str(output_file),
                "GITHUB_STEP_SUMMARY": str(summary),
                **{k: expand(str(v)) for k, v in step.get("env", {}).items()},
            }
            result = run(installs_on_real_clock(expand(rest)), repo, env)
            ran.append(command)
            if INSTALL.search(command):
                installed.add(command)
            if "id" in step:
                outputs[step["id"]] = read_outputs(output_file)
            assert "Traceback" not in result.stderr
    assert ran or skipped, "no run step at all"
    if workflow in ("check.yml", "publish.yml"):
        assert (repo / "site" / "index.html").is_file()
        assert (repo / "site" / "feed.rss").is_file()
    if workflow == "release.yml":  # the suite then leaves test_release.py to this run (conftest)
        assert any(
            c.endswith("pytest -p no:cacheprovider tests/integration/test_release.py") for c in ran
        )
    if workflow == "check.yml":
        assert 'scripts/code-changed "$BASE_SHA"' in ran  # and it said: content only, no tests
        assert 'scripts/changed-outside-content "$BASE_SHA"' in ran
        assert "changes only files in incidents/" in summary.read_text()
        # It lists what changed outside incidents/ before anything builds.
        assert ran.index('scripts/changed-outside-content "$BASE_SHA"') < ran.index(
            "scripts/site-check site"
        )


USES_SHA = re.compile(
    r"uses: (?:actions/[\w-]+|pypa/gh-action-pypi-publish)@[0-9a-f]{40} # v\d+\.\d+\.\d+$"
)
USES_LOCAL = re.compile(r"uses: \./\.github/workflows/[\w-]+\.yml(?: # .*)?$")


@pytest.mark.parametrize("workflow", workflow_names())
def test_workflows_pin_actions_and_declare_permissions(workflow: str) -> None:
    text = (WORKFLOWS / workflow).read_text()
    for line in text.splitlines():
        if re.match(r"\s*(- )?uses:", line):
            assert USES_SHA.search(line) or USES_LOCAL.search(line), line
    assert "pull_request_target" not in text
    data = load(workflow)
    assert data["permissions"] in ({}, {"contents": "read"})
    for name, job in data["jobs"].items():
        assert "permissions" in job, f"{workflow}: job {name} declares no permissions"
        assert "timeout-minutes" in job or "uses" in job, f"{workflow}: {name} has no timeout"


def test_publish_deploys_only_from_the_deploy_job() -> None:
    data = load("publish.yml")
    assert set(data["on"]) == {"push", "workflow_call", "workflow_dispatch"}
    assert data["on"]["push"] == {"branches": ["main"]}
    for name, job in data["jobs"].items():
        uses = [step.get("uses", "") for step in job["steps"]]
        assert not any("configure-pages" in u for u in uses), name
        deploys = any(u.startswith("actions/deploy-pages@") for u in uses)
        if job["permissions"].get("pages") == "write":
            assert deploys, f"job {name} may write to Pages but does not deploy"
        if deploys:
            assert job["environment"]["name"] == "github-pages"
    assert data["jobs"]["build"]["permissions"] == {"contents": "read"}


def test_notify_runs_after_the_deploy_with_secrets_only_in_its_environment() -> None:
    data = load("publish.yml")
    job = data["jobs"]["notify"]
    assert job["needs"] == "deploy"  # nothing is sent for a site that did not go live
    assert job["permissions"] == {"contents": "write"}
    # schedule.yml calls publish.yml and must grant what its jobs ask for, or GitHub refuses
    # the whole call.
    granted = load("schedule.yml")["jobs"]["publish"]["permissions"]
    for other in data["jobs"].values():
        for scope, level in other["permissions"].items():
            assert granted.get(scope) == level or (granted.get(scope), level) == ("write", "read")
    text = (WORKFLOWS / "publish.yml").read_text()
    assert text.count("secrets.") == len([k for k in EXPRESSIONS if k.startswith("secrets.")])
    for step in job["steps"]:
        run = step.get("run", "")
        assert "${{" not in run, step  # secrets and tokens reach commands through env only
        if "uses" in step and step["uses"].startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False
    for name, other in data["jobs"].items():
        if name != "notify":
            assert "secrets." not in str(other), name
    # The record of what was sent: fetched before, saved after, even when a send failed.
    runs = [step for step in job["steps"] if "run" in step]
    assert runs[-3]["run"] == "statusgen ledger fetch"
    assert "statusgen notify" in runs[-2]["run"] and "statusgen remind" in runs[-2]["run"]
    assert runs[-1]["run"] == "statusgen ledger save"
    assert runs[-1]["if"] == "${{ !cancelled() }}"
    assert runs[-3]["env"] == runs[-1]["env"] == {"TOKEN": "${{ github.token }}"}
    # Every channel of the operators' guide has its secret passed here.
    guide = (REPO / "docs" / "operators.md").read_text()
    for key in EXPRESSIONS:
        if key.startswith("secrets."):
            assert key.removeprefix("secrets.") in guide, key


def test_schedule() -> None:
    data = load("schedule.yml")
    crons = [entry["cron"] for entry in data["on"]["schedule"]]
    assert crons == [PUBLISH_CRON, WEEKLY_CRON]
    minutes, hours, *rest = PUBLISH_CRON.split()
    assert hours == "*" and rest == ["*", "*", "*"]  # every hour, all day, every day
    assert "0" not in minutes.split(",")  # off the full hour
    assert WEEKLY_CRON.split()[2:4] == ["*", "*"] and WEEKLY_CRON.split()[4] != "*"
    assert "workflow_dispatch" in data["on"]
    jobs = data["jobs"]
    assert jobs["publish"]["uses"] == "./.github/workflows/publish.yml"
    # What publish.yml's jobs need at most: the notify job pushes its ledger branch.
    assert jobs["publish"]["permissions"] == {
        "contents": "write",
        "pages": "write",
        "id-token": "write",
    }
    assert "concurrency" not in data  # publish.yml's group applies; the same one here deadlocks
    keep_alive = jobs["keep-alive"]
    assert f"github.event.schedule == '{WEEKLY_CRON}'" in keep_alive["if"]
    assert keep_alive["permissions"] == {"actions": "write"}
    assert keep_alive["steps"][0]["run"] == (
        'gh api --method PUT "repos/$REPOSITORY/actions/workflows/schedule.yml/enable"'
    )
    warn = jobs["warn-if-quiet"]
    assert f"github.event.schedule == '{WEEKLY_CRON}'" in warn["if"]
    assert "!github.event.repository.private" in warn["if"]
    assert warn["permissions"] == {"contents": "read", "issues": "write"}
    # The operators' guide states the interval the workflow really has.
    guide = (REPO / "docs" / "operators.md").read_text()
    assert PUBLISH_CRON in guide and WEEKLY_CRON in guide


def codeowners(file: Path = REPO / ".github" / "CODEOWNERS") -> list[tuple[str, list[str]]]:
    rules = []
    for line in file.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            pattern, *owners = line.split()
            # The forms this matcher understands (all, a root folder, a root file); anything
            # else must extend it first.
            assert pattern == "*" or re.fullmatch(r"/[\w.-]+/?", pattern), pattern
            rules.append((pattern, owners))
    return rules


def owners_of(path: str, rules: list[tuple[str, list[str]]]) -> list[str]:
    found: list[str] = []
    for pattern, owners in rules:  # the last matching line wins
        folder = pattern.endswith("/") and path.startswith(pattern[1:])
        if pattern == "*" or folder or path == pattern[1:]:
            found = owners
    return found


def test_codeowners_give_everything_outside_incidents_to_operators() -> None:
    rules = codeowners()
    listed = run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"], REPO
    ).stdout.split("\n")
    paths = {p for p in listed if p} | {
        "mkdocs.yml",
        "components.yml",
        "docs/operators.md",
        ".github/CODEOWNERS",
        ".github/workflows/publish.yml",
        "scripts/site-build",
        "requirements.lock",
        "a-new-file-anywhere",
        "incidents/2026/2026-11-23-api.md",
    }
    for path in paths:
        owners = owners_of(path, rules)
        if path.startswith("incidents/"):
            assert owners == ["@OWNER/status-responders"], path
        else:
            assert owners == ["@OWNER/status-operators"], path


def test_a_new_sites_codeowners_keep_monitors_and_alert_rules_with_operators() -> None:
    # statusgen init writes this file as .github/CODEOWNERS, and as .gitlab/CODEOWNERS.
    rules = codeowners(REPO / "statusgen" / "scaffold" / "site" / "github" / "CODEOWNERS")
    named = {pattern for pattern, _ in rules}
    assert {"/components.yml", "/mkdocs.yml"} <= named  # on lines of their own
    for path in ("components.yml", "mkdocs.yml", ".gitlab-ci.yml", "docs/about.md"):
        assert owners_of(path, rules) == ["@OWNER/status-operators"], path
    assert owners_of("incidents/2026/2026-11-23-api.md", rules) == ["@OWNER/status-responders"]
    assert owners_of("incidents.yml", rules) == ["@OWNER/status-operators"]  # not a folder


def test_changed_outside_content_lists_and_never_fails(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "R",
        "GIT_AUTHOR_EMAIL": "r@example.com",
        "GIT_COMMITTER_NAME": "R",
        "GIT_COMMITTER_EMAIL": "r@example.com",
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
    }
    run(["git", "init", "--quiet", "-b", "main", str(repo)], tmp_path, env)
    run(["git", "commit", "--quiet", "--allow-empty", "-m", "base"], repo, env)
    (repo / "incidents" / "2026").mkdir(parents=True)
    (repo / "incidents" / "2026" / "a.md").write_text("x\n")
    (repo / "docs").mkdir()
    hostile = "docs/::error::x\n::warning::`y`.md"
    (repo / hostile).write_text("x\n")
    (repo / "mkdocs.yml").write_text("x\n")
    run(["git", "add", "-A"], repo, env)
    run(["git", "commit", "--quiet", "-m", "change"], repo, env)
    script = str(REPO / "scripts" / "changed-outside-content")
    result = run([script, "HEAD~1"], repo, env)
    assert "2 file(s) outside incidents/" in result.stdout
    assert "  - mkdocs.yml" in result.stdout and "incidents/2026" not in result.stdout
    for line in result.stdout.splitlines():  # nothing a runner would read as a command
        assert not line.lstrip().startswith("::"), line
    summary = (tmp_path / "summary.md").read_text()
    assert "- mkdocs.yml" in summary and "```text" in summary
    assert summary.count("```") == 2  # the file name cannot close the block early
    (tmp_path / "summary.md").unlink()
    assert "changes only files in incidents/" in run([script, "HEAD"], repo, env).stdout


def test_lock_pins_what_pip_install_e_needs_at_the_constraints_versions() -> None:
    pins = lock_pins(REPO / "requirements.lock")
    constraints = {
        canonical(name): version
        for name, version in re.findall(
            r"^([A-Za-z0-9_.-]+)==(\S+)$", (REPO / "constraints.txt").read_text(), re.M
        )
    }
    # Same versions as CI's tests ran with (after a constraints bump: `make lock`); the build
    # backend is the one package constraints.txt does not hold.
    assert {n: v for n, v in pins.items() if n != "setuptools"} == {
        n: constraints[n] for n in pins if n != "setuptools"
    }
    assert "setuptools" in pins  # the workflows build the editable install without isolation
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    for requirement in project["dependencies"]:
        assert canonical(re.split(r"[<>=!~ \[;]", requirement)[0]) in pins, requirement
    test_tools = {"pytest", "playwright", "hypothesis", "ruff", "mypy", "zizmor"}
    assert not test_tools & set(pins)


TEMPLATE_FILES = ("mkdocs.yml", "components.yml", "docs", "scripts")


def statusgen(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """`statusgen ARGS` of this checkout in this process, which must succeed."""
    result = in_process(("statusgen", *args), cwd, env)
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result


def test_responder_pull_request_in_a_throwaway_repository(tmp_path: Path) -> None:
    repo = tmp_path / "status"
    repo.mkdir()
    for name in TEMPLATE_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, repo / name)
        else:
            shutil.copy2(source, repo / name)
    # The .gitignore `statusgen init` writes: statusgen's caches stay out of the commits below
    # (a command run over two seconds after the last write keeps its parse cache).
    shutil.copy2(REPO / "statusgen" / "scaffold" / "site" / "gitignore", repo / ".gitignore")
    (repo / "incidents").mkdir()
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
        "NO_MKDOCS_2_WARNING": "1",
        "GIT_AUTHOR_NAME": "Responder",
        "GIT_AUTHOR_EMAIL": "r@example.com",
        "GIT_COMMITTER_NAME": "Responder",
        "GIT_COMMITTER_EMAIL": "r@example.com",
    }
    env.pop("SOURCE_DATE_EPOCH", None)
    env.pop("GITHUB_ACTIONS", None)
    run(["git", "init", "--quiet", "-b", "main"], repo, env)
    run(["git", "add", "-A"], repo, env)
    run(["git", "commit", "--quiet", "-m", "Start a status site"], repo, env)

    # This checkout's statusgen, which the PATH finds, in this process (test_init.in_process).
    created = statusgen(
        [
            "new",
            "Elevated errors on the API",
            "--component",
            "api=partial_outage",
            "--impact",
            "major",
            "--message",
            "We are investigating.",
        ],
        repo,
        env,
    )
    path = re.search(r"^wrote (\S+)", created.stdout, re.M)
    assert path, created.stdout
    incident = repo / path.group(1)
    stem = incident.stem
    statusgen(
        [
            "update",
            stem,
            "--status",
            "identified",
            "--message",
            "Found it.",
            "--component",
            "api=major_outage",
        ],
        repo,
        env,
    )
    statusgen(["resolve", stem, "--message", "Fixed."], repo, env)
    run(["git", "add", "-A"], repo, env)
    run(["git", "commit", "--quiet", "-m", f"Incident {stem}"], repo, env)
    assert run(["scripts/site-check", "site"], repo, env).returncode == 0

    # A responder's mistake in a later pull request: an unknown status on line 3.
    bad = incident.read_text().replace("impact: major", "impact: catastrophic")
    incident.write_text(bad)
    line = bad.splitlines().index("impact: catastrophic") + 1
    result = run(
        ["scripts/site-check", "site"], repo, {**env, "GITHUB_ACTIONS": "true"}, check=False
    )
    assert result.returncode == 1
    label = incident.relative_to(repo).as_posix()
    assert (
        f"::error file={label},line={line},title=statusgen check::unknown impact 'catastrophic'"
        in result.stdout
    )
    assert f"{label}:{line}: unknown impact 'catastrophic'" in result.stderr
