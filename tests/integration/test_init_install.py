"""How a site made by `statusgen init` installs statusgen, for real.

Its workflows, its GitLab template, its README and the operators' guide all show the same two
install lines. Here they run as written, in the site's folder, in a fresh virtualenv: the
lock's packages come from the package index (or pip's cache), hash-checked as in CI (the lock
line runs once per run, for test_gitops.py's clean clone too: tests/lockvenv.py); statusgen
itself comes from this repository's HEAD commit,
through `--statusgen-requirement "statusgen @ git+file://localhost/…@<commit>"`, the form
`init` writes for a git install (with an https URL there; a file URL is what a test reaches
offline). So what runs is the committed code, not uncommitted changes.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from clocks import installs_on_real_clock
from contentfiles import lock_pins
from lockvenv import with_lock
from sitebuild import REPO
from test_init import BIN, OPTIONS, run
from venvs import LOCK_LINE

#: About 24 CPU seconds alone, 10 of them requirements.lock's install, which test_gitops.py's clone
#: shares in a run of both (tests/lockvenv.py).
pytestmark = pytest.mark.long(seconds=6)

HEAD = subprocess.run(
    ["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True, check=True
).stdout.strip()
# (localhost: the packaging of the pip that `python -m venv` bundles wants a host in a URL.)
REQUIREMENT = f"statusgen @ git+file://localhost{REPO}@{HEAD}"
#: What every CI file and document shows, in this order.
INSTALL = [
    "python -m pip install --require-hashes -r requirements.lock",
    "python -m pip install --no-deps --no-build-isolation -r requirements.txt",
]


def bash(script: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run the lines of `script`, those that install from the package index on the real clock
    (tests/clocks.py)."""
    lines = map(installs_on_real_clock, script.splitlines())
    result = run("bash", "-c", "set -euo pipefail\n" + "\n".join(lines), cwd=cwd, env=env)
    assert result.returncode == 0, f"{script}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two new sites, one per host, made by this checkout's statusgen."""
    base = tmp_path_factory.mktemp("sites")
    for host in ("github", "gitlab"):
        made = run(
            "statusgen",
            "init",
            host,
            *OPTIONS,
            "--host",
            host,
            "--statusgen-requirement",
            REQUIREMENT,
            cwd=base,
        )
        assert made.returncode == 0, made.stderr
        assert "warning" not in made.stderr  # a requirement given outright is taken as it is
    return base


@pytest.fixture(scope="module")
def venv(sites: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A fresh virtualenv (with pip only, as a runner's Python: tests/venvs.py), with what the
    GitHub site's install lines put in it: the first, `LOCK_LINE`, run once per run
    (tests/lockvenv.py), the second here. The tests that run these lines again, in this
    virtualenv on the same files (the GitLab site's before_script, the README's commands), do
    not: a second run would change nothing and costs about a CPU second each time."""
    folder = tmp_path_factory.mktemp("venv") / "venv"
    lock = sites / "github" / "requirements.lock"
    assert INSTALL[0] == LOCK_LINE
    env = {**with_lock(folder, lock, tmp_path_factory.getbasetemp()), "PYTHONPATH": ""}
    bash(INSTALL[1], sites / "github", env)
    return env


def test_every_ci_file_and_document_shows_the_same_install_lines(sites: Path) -> None:
    site = sites / "github"
    for workflow in sorted((site / ".github" / "workflows").glob("*.yml")):
        for job in yaml.safe_load(workflow.read_text())["jobs"].values():
            steps = [s for s in job.get("steps", []) if s.get("name", "").startswith("Install")]
            assert all(step["run"] == " && ".join(INSTALL) for step in steps), workflow.name
    gitlab = yaml.safe_load((sites / "gitlab" / ".gitlab-ci.yml").read_text())
    assert gitlab["default"]["before_script"] == INSTALL
    for document in (site / "README.md", REPO / "docs" / "operators.md", REPO / "docs/hosting.md"):
        blocks = "\n".join(
            re.findall(r"^ *```(?:sh|text)\n(.*?)^ *```", document.read_text(), re.S | re.M)
        )
        shown = [line.strip() for line in blocks.splitlines()]
        assert shown[shown.index(INSTALL[0]) + 1] == INSTALL[1], document


def test_the_sites_lock_is_statusgens_with_hashes_and_without_statusgen(sites: Path) -> None:
    lock = sites / "github" / "requirements.lock"
    pins = lock_pins(lock)  # every pin with its hashes, nothing else
    assert pins == lock_pins(REPO / "requirements.lock")
    assert "statusgen" not in pins and "pytest" not in pins
    assert "setuptools" in pins  # builds statusgen from a git commit without isolation
    assert (sites / "gitlab" / "requirements.lock").read_bytes() == lock.read_bytes()
    lines = (sites / "github" / "requirements.txt").read_text().splitlines()
    assert [line for line in lines if not line.startswith("#")] == [REQUIREMENT]


def test_a_fresh_virtualenv_installs_the_site_as_ci_does(sites: Path, venv: dict[str, str]) -> None:
    """What CI runs next in this virtualenv, `statusgen check` and `mkdocs build --strict
    --site-dir site`, runs as the GitLab site's `check` job (its script, these very lines:
    test_the_gitlab_site_passes_gitlabs_schema_and_its_jobs_build) and in the README's
    commands (test_the_sites_readme_commands_run_as_written)."""
    site = sites / "github"
    where = bash('python -c "import statusgen; print(statusgen.__file__)"', site, venv)
    assert where.stdout.startswith(venv["VIRTUAL_ENV"]), where.stdout  # not this checkout
    bash("python -m pip check", site, venv)  # every dependency there, at a matching version


def test_init_refuses_what_the_install_it_ran_from_cannot_give_ci(
    sites: Path, venv: dict[str, str]
) -> None:
    record = bash(
        "python -c \"from importlib.metadata import distribution as d; print(d('statusgen')"
        ".read_text('direct_url.json'))\"",
        sites,
        venv,
    )
    assert json.loads(record.stdout)["vcs_info"]["commit_id"] == HEAD  # pip's PEP 610 record
    # A git commit of a folder on this machine: CI cannot reach it. init writes no line that
    # would fail there; it says the two ways out.
    unset = ("env", "-u", "STATUSGEN_REQUIREMENT")  # tests/conftest.py's answer
    made = run(*unset, "statusgen", "init", "again", *OPTIONS, cwd=sites, env=venv)
    assert made.returncode == 2, made.stderr
    assert f"installed from file://localhost{REPO} at {HEAD}" in made.stderr
    assert "install a release of statusgen" in made.stderr
    assert "--statusgen-requirement" in made.stderr
    assert not (sites / "again").exists()


def test_the_gitlab_site_passes_gitlabs_schema_and_its_jobs_build(
    sites: Path, venv: dict[str, str]
) -> None:
    site = sites / "gitlab"
    assert not (site / ".github").exists()  # nothing of GitHub's
    assert (site / ".gitlab" / "CODEOWNERS").is_file()
    schema = run(
        str(BIN / "check-jsonschema"),
        "--builtin-schema",
        "vendor.gitlab-ci",
        str(site / ".gitlab-ci.yml"),
        cwd=site,
    )
    assert schema.returncode == 0, schema.stdout + schema.stderr
    data = yaml.safe_load((site / ".gitlab-ci.yml").read_text())
    # A clone of its project, as a runner checks it out (`pages` fetches the probe history).
    for command in ("init -q -b main", "add -A", "commit -qm site"):
        identity = "-c user.email=ops@globex.test -c user.name=Ops"
        bash(f"git {identity} {command}", site, venv)
    bash(f"git clone -q --bare . {site.parent / 'origin.git'}", site, venv)
    bash(f"git remote add origin {site.parent / 'origin.git'}", site, venv)
    # A runner runs before_script (the install lines) before each job's script: the venv
    # fixture ran these very lines on the same files in this virtualenv.
    assert data["default"]["before_script"] == INSTALL
    for name in ("requirements.lock", "requirements.txt"):
        assert (site / name).read_bytes() == (sites / "github" / name).read_bytes(), name
    assert data["check"]["script"] == ["statusgen check", "mkdocs build --strict --site-dir site"]
    for job in ("check", "pages"):
        bash("\n".join(data[job]["script"]), site, venv)
    assert "Globex Status" in (site / "site" / "index.html").read_text()
    assert "Globex Status" in (site / "public" / "index.html").read_text()
    assert data["pages"]["artifacts"]["paths"] == ["public"]
    default_branch = "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"
    public_only = f'{default_branch} && $STATUSGEN_PAGES_AUDIENCE != "internal"'
    # Neither a probe's schedule nor an alert's trigger (test_alert_workflow.py) publishes.
    not_probing = {
        "if": '$STATUSGEN_PROBE == "true" || $CI_PIPELINE_SOURCE == "trigger"',
        "when": "never",
    }
    assert data["pages"]["rules"] == [not_probing, {"if": public_only}]
    assert data["check"]["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    # The internal site, in a project whose STATUSGEN_PAGES_AUDIENCE is internal: it runs
    # instead of `pages`, as GitLab Pages' job, and refuses to build without its own address.
    internal = data["pages-internal"]
    assert internal["rules"] == [
        not_probing,
        {"if": f'{default_branch} && $STATUSGEN_PAGES_AUDIENCE == "internal"'},
    ]
    assert internal["pages"] == {"publish": "public"} and internal["artifacts"]["paths"] == [
        "public"
    ]
    script = "\n".join(internal["script"])
    variables = {**venv, **internal["variables"]}
    refused = run("bash", "-c", "set -euo pipefail\n" + script, cwd=site, env=variables)
    assert refused.returncode != 0 and "internal_site_url is not set" in refused.stderr
    variables["STATUSGEN_INTERNAL_SITE_URL"] = "https://status-internal.globex.test/"
    bash(script, site, variables)
    assert (site / "public" / "robots.txt").is_file()  # only an internal build writes one
    sitemap = (site / "public" / "sitemap.xml").read_text()
    assert "https://status-internal.globex.test/" in sitemap and "//status.globex" not in sitemap
    # The notify job: after `pages`, on the default branch of the public project only; its
    # script as the runner runs it (no channel yet: nothing sent, nothing to save).
    notify = data["notify"]
    assert notify["needs"] == ["pages"] and notify["rules"] == data["pages"]["rules"]
    assert data["stages"][-1] == notify["stage"] == "notify"
    done = bash("\n".join(notify["script"]), site, venv)
    assert "no channel configured" in done.stdout and "nothing to save" in done.stdout
    # The probe job: on its own schedule only (STATUSGEN_PROBE=true), before anything else;
    # without monitors its script probes nothing, saves nothing and pushes nothing.
    probe = data["probe"]
    assert probe["rules"] == [
        {"if": '$CI_PIPELINE_SOURCE == "schedule" && $STATUSGEN_PROBE == "true"'}
    ]
    assert data["stages"][0] == probe["stage"] == "probe"
    script = "\n".join(probe["script"])
    probed = bash(script, site, {**venv, "STATUSGEN_PROBE_TOKEN": ""})
    assert "nothing to probe" in probed.stdout and "nothing to save" in probed.stdout
    assert "statusgen-probe" not in bash("git ls-remote origin", site, venv).stdout
    # The alert job: in a pipeline started by a trigger token only.
    assert data["alert"]["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "trigger"'}]
    assert data["stages"][1] == data["alert"]["stage"] == "alert"


def test_each_sites_readme_speaks_of_its_own_host(sites: Path) -> None:
    github = (sites / "github" / "README.md").read_text()
    gitlab = (sites / "gitlab" / "README.md").read_text()
    for readme in (github, gitlab):
        assert "<!--" not in readme  # every host block resolved, its markers gone
        assert "## Notifications" in readme
    assert ".github/" in github and "GitLab's Web IDE" not in github
    assert ".gitlab-ci.yml" in gitlab and "GitLab's Web IDE" in gitlab
    assert ".github" not in gitlab and "Dependabot" not in gitlab


def test_the_sites_readme_commands_run_as_written(sites: Path, venv: dict[str, str]) -> None:
    """The README's ```sh blocks, in order, in the new site, with the real clock and the fresh
    virtualenv (whose fixture ran the first commands, the install lines, in this site). Two
    changes, both needed to run unattended: `statusgen new` gets `--id` so that
    `<id>` can name the incident, and `mkdocs serve` (which never exits) becomes the strict
    build it starts with."""
    site = sites / "github"
    text = (site / "README.md").read_text()
    commands = []
    for block in re.findall(r"^```sh\n(.*?)^```", text, re.S | re.M):
        for command in block.strip().splitlines():
            if command.startswith("statusgen new "):
                command += " --id api-errors"
            command = command.replace("<id>", "api-errors")
            commands.append("mkdocs build --strict" if command == "mkdocs serve" else command)
    assert commands[: len(INSTALL)] == INSTALL  # the venv fixture ran these here
    assert any(c.startswith("statusgen resolve api-errors") for c in commands)
    bash("\n".join(commands[len(INSTALL) :]), site, venv)
    incident = next((site / "incidents").glob("*/api-errors.md")).read_text()
    assert "status: resolved" in incident
    assert "Globex Status" in (site / "site" / "index.html").read_text()  # the strict build
