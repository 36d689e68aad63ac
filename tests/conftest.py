"""Markers from folders: tests/unit -> unit, tests/integration -> integration, tests/browser ->
browser, so `pytest -m "not browser"` or `pytest tests/unit` select what they say. And the
builds that tests of several files read, built once per run (`sitebuild.shared_build`)."""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from longfirst import LongFirst
from sitebuild import (
    MAINTENANCE_INCIDENTS,
    REPO,
    mkdocs_build,
    shared_build,
    shared_fixture_site,
)

HERE = Path(__file__).resolve().parent

# `statusgen init` refuses to guess how CI installs statusgen (statusgen/cli/requirement.py),
# and this checkout, installed editable and maybe changed, gives it no answer. Tests that make
# a site without saying how get this repository's HEAD commit, which a test can install
# offline; those about the choice itself remove the variable.
_HEAD = subprocess.run(
    ["git", "rev-parse", "HEAD"], cwd=HERE, capture_output=True, text=True, check=True
).stdout.strip()
os.environ.setdefault(
    "STATUSGEN_REQUIREMENT", f"statusgen @ git+file://localhost{HERE.parent}@{_HEAD}"
)
FOLDER_MARKERS = {"unit": pytest.mark.unit, "integration": pytest.mark.integration}


#: test_gitops runs release.yml's steps, and its check job runs tests/integration/test_release.py
#: on the wheel the workflow just built.
RELEASE_WORKFLOW_RUN = "test_gitops.py::test_workflow_run_steps_work_in_a_clean_clone[release.yml]"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test with its folder's marker (browser tests mark themselves). When the run
    holds release.yml's run, test_release.py runs there only, not twice (about 28 CPU seconds:
    a wheel and two fresh virtualenvs); run alone, it runs as usual."""
    for item in items:
        folder = Path(str(item.path)).resolve().relative_to(HERE).parts[0]
        if folder in FOLDER_MARKERS:
            item.add_marker(FOLDER_MARKERS[folder])
    if any(item.nodeid.endswith(RELEASE_WORKFLOW_RUN) for item in items):
        twice = [item for item in items if Path(str(item.path)).name == "test_release.py"]
        if twice:
            config.hook.pytest_deselected(items=twice)
            items[:] = [item for item in items if item not in twice]


def pytest_configure(config: pytest.Config) -> None:
    """The longest tests start first, half on each xdist worker (tests/longfirst.py)."""
    config.pluginmanager.register(LongFirst(), "longfirst")


def pytest_report_header() -> str:
    """The clock the tests run with: the machine's, or libfaketime's shift of it (`make
    test`, 400 days ahead), so a run's log says which day it saw."""
    shift = os.environ.get("FAKETIME")
    seen = f"machine clock: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC"
    return f"{seen} (libfaketime FAKETIME={shift})" if shift else seen


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's example site, built strict at its fixed moment (`EXAMPLE_EPOCH`), once
    per run: the browser tests serve it, integration tests read it. Read-only."""
    return shared_build(
        tmp_path_factory.getbasetemp(), "example", lambda out: mkdocs_build(REPO, out)
    )


@pytest.fixture(scope="session")
def fixture_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site of `sitebuild.fixture_site` as it stands, built at `FIXTURE_EPOCH`, once
    per run. Read-only."""

    return shared_fixture_site(tmp_path_factory, "fixture")


@pytest.fixture(scope="session")
def maintenance_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site with `sitebuild.MAINTENANCE_INCIDENTS` (one upcoming maintenance, one
    done), built at `FIXTURE_EPOCH`, once per run. Read-only."""
    return shared_fixture_site(tmp_path_factory, "maintenance", MAINTENANCE_INCIDENTS)
