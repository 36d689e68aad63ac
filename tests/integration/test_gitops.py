"""The GitOps loop for real: the workflows' run steps in a clean clone, and a responder's
pull request in a throwaway repository made from the template."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from sitebuild import REPO

WORKFLOWS = REPO / ".github" / "workflows"
#: Test values for the GitHub expressions the workflows use.
EXPRESSIONS = {"github.event.pull_request.base.sha": "HEAD"}
#: Steps not run here, and why.
NOT_RUN_HERE = {
    "make test": "the README's test command: .ci/run runs it; running it here would recurse"
}


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
        assert expression in EXPRESSIONS, f"no test value for ${{{{ {expression} }}}}"
        return EXPRESSIONS[expression]

    return re.sub(r"\$\{\{(.*?)\}\}", value, text)


def condition_holds(condition: str, outputs: dict[str, dict[str, str]]) -> bool:
    """The one form of `if:` the workflows use: steps.<id>.outputs.<name> == '<value>'."""
    match = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+) == '([^']*)'", condition.strip())
    assert match, f"unsupported condition: {condition}"
    step, name, expected = match.groups()
    return outputs.get(step, {}).get(name) == expected


def read_outputs(path: Path) -> dict[str, str]:
    pairs = (line.split("=", 1) for line in path.read_text().splitlines() if "=" in line)
    return {key: value for key, value in pairs}


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A clean clone of this repository and a fresh virtualenv with nothing installed."""
    base = tmp_path_factory.mktemp("gitops")
    target = base / "repo"
    run(["git", "clone", "--quiet", str(REPO), str(target)], base)
    run([sys.executable, "-m", "venv", str(base / "venv")], base)
    env = {
        **os.environ,
        "PATH": f"{base / 'venv' / 'bin'}:{os.environ['PATH']}",
        "VIRTUAL_ENV": str(base / "venv"),
        "NO_MKDOCS_2_WARNING": "1",
    }
    for name in ("SOURCE_DATE_EPOCH", "PYTHONPATH"):
        env.pop(name, None)
    return target, env


@pytest.mark.parametrize("workflow", ["check.yml", "publish.yml"])
def test_workflow_run_steps_work_in_a_clean_clone(
    clone: tuple[Path, dict[str, str]], workflow: str, tmp_path: Path
) -> None:
    repo, base_env = clone
    data = yaml.safe_load((WORKFLOWS / workflow).read_text())
    ran = []
    for job_name, job in data["jobs"].items():
        outputs: dict[str, dict[str, str]] = {}
        for number, step in enumerate(job["steps"]):
            if "run" not in step:
                assert step["uses"].split("@")[0].startswith("actions/"), step
                continue
            command = step["run"].strip()
            if command in NOT_RUN_HERE:
                continue
            if "if" in step and not condition_holds(step["if"], outputs):
                continue
            output_file = tmp_path / f"{job_name}-{number}.out"
            output_file.touch()
            env = {
                **base_env,
                "GITHUB_ACTIONS": "true",
                "CI": "true",
                "GITHUB_OUTPUT": str(output_file),
                **{k: expand(str(v)) for k, v in step.get("env", {}).items()},
            }
            result = run(expand(command), repo, env)
            ran.append(command)
            if "id" in step:
                outputs[step["id"]] = read_outputs(output_file)
            assert "Traceback" not in result.stderr
    assert ran, "no run step was executed"
    assert (repo / "site" / "index.html").is_file()
    assert (repo / "site" / "feed.rss").is_file()
    if workflow == "check.yml":
        assert 'scripts/code-changed "$BASE_SHA"' in ran  # and it said: content only, no tests


def test_workflows_pin_every_action_to_a_full_sha() -> None:
    for path in WORKFLOWS.glob("*.yml"):
        for line in path.read_text().splitlines():
            if "uses:" in line:
                assert re.search(r"uses: actions/[\w-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$", line), line
        text = path.read_text()
        assert "pull_request_target" not in text
        assert "permissions:\n  contents: read" in text


TEMPLATE_FILES = ("mkdocs.yml", "components.yml", "docs", "scripts")


def test_responder_pull_request_in_a_throwaway_repository(tmp_path: Path) -> None:
    repo = tmp_path / "status"
    repo.mkdir()
    for name in TEMPLATE_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, repo / name)
        else:
            shutil.copy2(source, repo / name)
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

    created = run(
        [
            "statusgen",
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
    run(
        [
            "statusgen",
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
    run(["statusgen", "resolve", stem, "--message", "Fixed."], repo, env)
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
