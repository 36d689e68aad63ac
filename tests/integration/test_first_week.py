"""A team's first week with statusgen: what a responder types first (a title again, a file
name from tab completion, a worse impact), what a new site claims about its past, a retired
component, and where the import report goes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
import yaml
from sitebuild import EXAMPLE_EPOCH, MKDOCS_YML, REPO, mkdocs_build

from statusgen.cli import main
from statusgen.cli.arguments import time_argument as parse_time
from statusgen.content import check_site
from statusgen.model import Impact
from statusgen.options import DEFAULTS

COMPONENTS = """\
groups:
  - name: Core
    components:
      - id: api
        name: Public API
      - id: legacy
        name: Legacy API
        since: 2025-01-01
        retired: 2026-11-01
"""
#: The build's clock (EXAMPLE_EPOCH): 2026-11-23T12:00:00Z.
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


def new(title: str, *extra: str, now: str = "2026-11-23T11:00:00Z") -> int:
    options = ("--impact", "minor", "--component", "api=degraded_performance")
    return run("new", title, *options, "--message", "Slow.", *extra, now=now)


def test_a_second_new_with_an_open_incidents_title_is_refused(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert new("API slow") == 0
    capsys.readouterr()
    assert new("api  SLOW", now="2026-11-23T11:05:00Z") == 2
    err = capsys.readouterr().err
    assert "incidents/2026/2026-11-23-api-slow.md is open with the same title" in err
    assert "statusgen update 2026-11-23-api-slow" in err and "--force" in err
    assert sorted(p.name for p in (site / "incidents").rglob("*.md")) == ["2026-11-23-api-slow.md"]
    # --force goes on; a resolved incident's title is free again.
    assert new("API slow", "--force", now="2026-11-23T11:05:00Z") == 0
    assert run("resolve", "2026-11-23-api-slow", "--message", "Fixed.") == 0
    assert run("resolve", "2026-11-23-api-slow-2", "--message", "Fixed.") == 0
    assert new("API slow", now="2026-11-23T12:00:00Z") == 0
    assert len(list((site / "incidents").rglob("*.md"))) == 3


@pytest.mark.parametrize(
    "given",
    [
        "incidents/2026/2026-11-23-api-slow.md",
        "./incidents/2026/2026-11-23-api-slow.md",
        "2026-11-23-api-slow.md",
        "incidents\\2026\\2026-11-23-api-slow.md",
        "2026-11-23-api-slow",
    ],
)
def test_update_takes_the_incidents_file_as_tab_completion_gives_it(site: Path, given: str) -> None:
    assert new("API slow") == 0
    update = ("update", given, "--status", "identified", "--message", "Found it.")
    assert run(*update, now="2026-11-23T11:10:00Z") == 0
    text = (site / "incidents/2026/2026-11-23-api-slow.md").read_text()
    assert "status: identified" in text


def test_update_escalates_the_impact(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert new("API slow") == 0
    path = site / "incidents/2026/2026-11-23-api-slow.md"
    before = path.read_text()
    escalate = ("--status", "identified", "--impact", "critical", "--message", "Worse.")
    assert run("update", "2026-11-23-api-slow", *escalate, now="2026-11-23T11:10:00Z") == 0
    assert "impact minor -> critical" in capsys.readouterr().out
    after = path.read_text()
    # One line changed in place, the update appended; nothing else moved.
    assert after.replace("impact: critical", "impact: minor").startswith(before.rstrip("-\n"))
    site_now, problems = check_site(DEFAULTS.layout(site), parse_time(NOW))
    assert problems == []
    assert site_now.incidents[0].impact is Impact.CRITICAL


def test_update_adds_an_impact_to_a_maintenance_without_one(site: Path) -> None:
    window = ("--start", "2026-11-24T02:00:00Z", "--end", "2026-11-24T04:00:00Z")
    assert run("new", "Upgrade", "--maintenance", *window, "--component", "api") == 0
    path = next((site / "incidents").rglob("*.md"))
    assert "impact:" not in path.read_text()
    update = ("update", path.stem, "--status", "scheduled", "--impact", "major")
    assert run(*update, "--message", "Moved.", now="2026-11-23T12:30:00Z") == 0
    assert "\nimpact: major\n" in path.read_text()
    loaded, problems = check_site(DEFAULTS.layout(site), parse_time("2026-11-23T12:30:00Z"))
    assert problems == [] and loaded.incidents[0].impact is Impact.MAJOR


LEGACY_INCIDENT = """\
---
title: Legacy API down
impact: major
components: {legacy: major_outage}
phases:
  - at: 2026-10-20T10:00:00Z
    status: investigating
    message: Down.
  - at: 2026-10-20T11:00:00Z
    status: resolved
    message: Up.
---
"""


def test_a_retired_component_leaves_the_overview_and_api_but_keeps_its_page(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (site / "mkdocs.yml").write_text(MKDOCS_YML.format(language="en", timezone="UTC", extra=""))
    (site / "docs").mkdir()
    (site / "incidents" / "2026-10-20-legacy-down.md").write_text(LEGACY_INCIDENT)
    built = mkdocs_build(site, tmp_path / "out", EXAMPLE_EPOCH)
    assert built.returncode == 0, built.stderr
    out = tmp_path / "out"
    assert "Public API" in (out / "index.html").read_text()
    assert "Legacy API" not in (out / "index.html").read_text()
    api = json.loads((out / "api/v2/components.json").read_text())
    assert [c["name"] for c in api["components"] if not c.get("group")] == ["Public API"]
    summary = json.loads((out / "api/v2/summary.json").read_text())
    assert "legacy" not in json.dumps(summary["components"]).lower()
    assert "Legacy API" in (out / "components/legacy/index.html").read_text()
    assert "Legacy API" in (out / "incidents/2026-10-20-legacy-down/index.html").read_text()
    assert run("status", "--color", "never") == 0
    assert "Legacy" not in capsys.readouterr().out
    # Before its retirement day it is on the overview as any other.
    built = mkdocs_build(site, tmp_path / "before", str(int(datetime(2026, 10, 21).timestamp())))
    assert built.returncode == 0, built.stderr
    assert "Legacy API" in (tmp_path / "before" / "index.html").read_text()


def test_check_refuses_a_retirement_not_after_since_at_its_line(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (site / "components.yml").write_text(COMPONENTS.replace("2026-11-01", "2024-12-31"))
    assert run("check") == 1
    err = capsys.readouterr().err
    assert "components.yml:9:" in err and "retired 2024-12-31 is not after since 2025-01-01" in err
    (site / "components.yml").write_text(COMPONENTS.replace("2026-11-01", "soon"))
    assert run("check") == 1
    assert "components.yml:9:" in capsys.readouterr().err


def test_init_starts_each_components_history_today(tmp_path: Path) -> None:
    made = main(
        [
            *("--now", "2026-12-07T23:30:00-02:00", "init", str(tmp_path / "new"), "--no-input"),
            *("--url", "https://status.test/", "--component", "api=API", "--component", "db=DB"),
        ]
    )
    assert made == 0
    layout = DEFAULTS.layout(tmp_path / "new")
    loaded, problems = check_site(layout, parse_time("2026-12-08T12:00:00Z"))
    assert problems == []
    since = [c.since for c in loaded.catalog.components]
    assert since == [parse_time("2026-12-08T00:00:00Z")] * 2  # the day in UTC


def test_the_import_report_goes_where_git_does_not_look(tmp_path: Path) -> None:
    new_site = tmp_path / "new"
    init = ("init", str(new_site), "--no-input", "--url", "https://status.test/")
    assert main(["--now", NOW, *init]) == 0
    source = REPO / "tests" / "fixtures" / "import" / "statuspage"
    assert main(["--now", NOW, "import", "statuspage", str(source), "-C", str(new_site)]) == 0
    assert not (new_site / "import-report.json").exists()
    report = new_site / ".statusgen" / "import-report.json"
    assert json.loads(report.read_text())
    subprocess.run(["git", "init", "-q"], cwd=new_site, check=True)
    ignored = subprocess.run(["git", "check-ignore", "-q", str(report)], cwd=new_site, check=False)
    assert ignored.returncode == 0  # the .gitignore that init wrote leaves it out


def test_interactive_init_checks_each_answer_as_it_is_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    replies = iter(
        [
            *('Initech "Status"', "Initech Status"),
            *("status.initech.test", "", "https://status.initech.test"),
            *("Mars/Base", "Europe/Berlin"),
            *("xx", "fr"),
            *("ops @initech", ""),
            *("maybe", ""),
            *("DB=Database", "db=Database, db=Again", "db=Database, api=API"),
        ]
    )
    asked: list[str] = []

    def reply(prompt: str) -> str:
        asked.append(prompt.split(" [")[0].rstrip(": "))
        return next(replies)

    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", reply)
    assert main(["init", str(tmp_path / "new")]) == 0
    # Each question again right after its wrong answer, not all of them after the last.
    assert [question.split(" ")[0] for question in asked] == [
        *["Name"] * 2,
        *["Address"] * 3,
        *["Time"] * 2,
        *["Language"] * 2,
        *["Contact"] * 2,
        *["Private"] * 2,
        *["Components"] * 3,
    ]
    err = capsys.readouterr().err
    assert err.count("; try again") == 9
    assert "expected an IANA time zone" in err and "expected one of de, en, fr, nl" in err
    mkdocs_yml = (tmp_path / "new" / "mkdocs.yml").read_text()
    assert 'site_name: "Initech Status"' in mkdocs_yml and "timezone: Europe/Berlin" in mkdocs_yml
    assert "language: fr" in mkdocs_yml and "contact:" not in mkdocs_yml
    assert "id: api" in (tmp_path / "new" / "components.yml").read_text()


def test_every_scaffolded_workflow_that_builds_silences_materials_banner(tmp_path: Path) -> None:
    """The banner prints on every build unless NO_MKDOCS_2_WARNING is set: the workflows set it
    for all their jobs (a called workflow, publish.yml, sets it itself), as this repository's
    Makefile does. The build with the workflow's environment prints no banner."""
    init = ("init", str(tmp_path / "new"), "--no-input", "--url", "https://status.test/")
    assert main(["--now", NOW, *init]) == 0
    workflows = tmp_path / "new" / ".github" / "workflows"
    builds, silenced = 0, {"NO_MKDOCS_2_WARNING": "1"}
    for path in sorted(workflows.glob("*.yml")):
        workflow = yaml.safe_load(path.read_text())
        if "mkdocs build" in path.read_text():
            builds += 1
            assert workflow["env"] == silenced, path.name
    assert builds == 2  # check.yml and publish.yml (schedule.yml calls publish.yml)
    environment = {k: v for k, v in os.environ.items() if k != "NO_MKDOCS_2_WARNING"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "out")]
    for env, banner in (({}, True), (silenced, False)):
        built = subprocess.run(
            command,
            cwd=tmp_path / "new",
            env={**environment, **env, "SOURCE_DATE_EPOCH": EXAMPLE_EPOCH},
            capture_output=True,
            text=True,
            check=False,
        )
        assert built.returncode == 0, built.stderr
        assert ("NO_MKDOCS_2_WARNING" in built.stdout + built.stderr) is banner
