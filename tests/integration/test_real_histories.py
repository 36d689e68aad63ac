"""Real status histories import verbatim: samples of GitHub's public Statuspage history and of
Jenkins' cState site (tests/fixtures/real, attributed in its README), each into a fresh
`statusgen init` site. The import fits and cuts no text, `statusgen check` passes, both
audiences build, and the texts are the source's own."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sitebuild import REPO, mkdocs_build

from statusgen.cli import main
from statusgen.content import SiteLayout, check_site

REAL = REPO / "tests" / "fixtures" / "real"
NOW = "2026-11-23T12:00:00Z"
EPOCH = "1795435200"  # the same moment


def imported(base: Path, fmt: str, folder: str) -> tuple[Path, dict[str, int]]:
    """A new site with the sample imported; and the report's count of each kind of entry."""
    site = base / folder
    assert main(["--now", NOW, "init", str(site), "--no-input", "--url", "https://s.test/"]) == 0
    assert main(["--now", NOW, "import", fmt, str(REAL / folder), "-C", str(site)]) == 0
    report = json.loads((site / ".statusgen" / "import-report.json").read_text(encoding="utf-8"))
    kinds: dict[str, int] = report["summary"]["kinds"]
    return site, kinds


@pytest.mark.parametrize(
    ("fmt", "folder"), [("statuspage", "github-statuspage"), ("cstate", "jenkins-cstate")]
)
def test_a_real_history_imports_without_fitting_checks_and_builds(
    tmp_path: Path, fmt: str, folder: str
) -> None:
    site, kinds = imported(tmp_path, fmt, folder)
    assert "text_fitted" not in kinds and "title_cut" not in kinds, kinds
    assert main(["--now", NOW, "-C", str(site), "check"]) == 0
    for audience in ("public", "internal"):
        env = {"STATUSGEN_AUDIENCE": audience}
        result = mkdocs_build(site, tmp_path / audience, EPOCH, env=env)
        assert result.returncode == 0, result.stderr


def test_githubs_updates_and_titles_are_kept_as_written(tmp_path: Path) -> None:
    """The 21 October 2018 outage's 154-tag list of 6,024 characters stays one paragraph, and
    the 174-character title is whole."""
    site, _ = imported(tmp_path, "statuspage", "github-statuspage")
    loaded, problems = check_site(SiteLayout(site), datetime(2026, 11, 23, 12, tzinfo=UTC))
    assert not problems
    incidents = {incident.id: incident for incident in loaded.incidents}
    for path in sorted((REAL / "github-statuspage").glob("*.json")):
        source = json.loads(path.read_text(encoding="utf-8"))["incident"]
        incident = incidents[source["id"]]
        assert incident.title == source["name"]
        written = sorted(phase.message for phase in incident.phases)
        assert sorted(u["body"].strip() for u in source["incident_updates"]) == written
    longest = max((p.message for p in incidents["6swlsy1h3wy9"].phases), key=len)
    assert len(longest) == 6_024 and longest.count("<") == 154 and "\n\n" not in longest
    assert len(incidents["rmfrw9dfbtbp"].title) == 174
