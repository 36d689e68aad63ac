"""`statusgen import` end to end: each format's fixture into a freshly `statusgen init`-ed site,
a real `mkdocs build --strict`, and the built Statuspage v2 API compared with the source; the
report names every repair; a second import changes nothing; the build stays script-free."""

from __future__ import annotations

import json
import re
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sitebuild import REPO, mkdocs_build

from statusgen.cli import main
from statusgen.render.api import client_html

FIXTURES = REPO / "tests" / "fixtures" / "import"
NOW = "2026-11-23T12:00:00Z"
EPOCH = "1795435200"  # the same moment


def imported_site(base: Path, fmt: str) -> tuple[Path, dict[str, Any]]:
    """A new site with the format's fixture imported; and the JSON report."""
    site = base / fmt
    assert main(["--now", NOW, "init", str(site), "--no-input", "--url", "https://s.test/"]) == 0
    assert main(["--now", NOW, "import", fmt, str(FIXTURES / fmt), "-C", str(site)]) == 0
    return site, json.loads(
        (site / ".statusgen" / "import-report.json").read_text(encoding="utf-8")
    )


def snapshot(site: Path) -> dict[str, bytes]:
    """Every content file of a site, by path."""
    files = [site / "components.yml", *sorted((site / "incidents").rglob("*.md"))]
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in files}


def second(moment: str | None) -> datetime | None:
    """A time to the second, in UTC."""
    if moment is None:
        return None
    parsed = datetime.fromisoformat(moment.replace("Z", "+00:00"))
    return parsed.astimezone(UTC).replace(microsecond=0)


def kinds(report: dict[str, Any], incident_id: str) -> set[str]:
    entry = next(i for i in report["incidents"] if i["id"] == incident_id)
    return {e["kind"] for e in entry["repairs"] + entry["lost"]}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path, dict[str, Any]]]:
    """Each format imported and built once: (site, built folder, report)."""
    base = tmp_path_factory.mktemp("imports")
    out = {}
    for fmt in ("statuspage", "cstate", "statusfy", "upptime"):
        site, report = imported_site(base, fmt)
        result = mkdocs_build(site, base / f"{fmt}-out", EPOCH)
        assert result.returncode == 0, result.stderr
        out[fmt] = (site, base / f"{fmt}-out", report)
    return out


def api(out: Path, name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((out / "api" / "v2" / name).read_text(encoding="utf-8"))
    return data


def test_statuspage_round_trip(built: dict[str, tuple[Path, Path, dict[str, Any]]]) -> None:
    _, out, report = built["statuspage"]
    source = json.loads((FIXTURES / "statuspage" / "incidents.json").read_text(encoding="utf-8"))
    maintenance = json.loads(
        (FIXTURES / "statuspage" / "scheduled-maintenances.json").read_text(encoding="utf-8")
    )
    built_incidents = {i["id"]: i for i in api(out, "incidents.json")["incidents"]}
    built_maintenance = {
        i["id"]: i for i in api(out, "scheduled-maintenances.json")["scheduled_maintenances"]
    }
    # Incidents whose report names no repair of their updates come back as they were.
    changed = {
        "update_added",
        "resolution_written",
        "start_after_update",
        "updates_out_of_order",
        "component_status_assumed",
    }
    compared = 0
    for item, built_set in [
        *((i, built_incidents) for i in source["incidents"]),
        *((m, built_maintenance) for m in maintenance["scheduled_maintenances"]),
    ]:
        got = built_set[item["id"]]
        assert got["name"] == item["name"]
        assert got["impact"] == item["impact"]
        assert got["status"] == ("resolved" if item["status"] == "postmortem" else item["status"])
        # The incident starts when the source says (`started:`), never with an added update.
        if "start_after_update" not in kinds(report, item["id"]):
            assert second(got["started_at"]) == second(item["started_at"])
        assert second(got["resolved_at"]) == second(item["resolved_at"]) or (
            "resolution_without_time" in kinds(report, item["id"])
        )
        if kinds(report, item["id"]) & changed:
            continue
        compared += 1
        source_updates = sorted(item["incident_updates"], key=lambda u: u["display_at"])
        built_updates = list(reversed(got["incident_updates"]))
        assert [u["status"] for u in built_updates] == [u["status"] for u in source_updates]
        assert [second(u["display_at"]) for u in built_updates] == [
            second(u["display_at"]) for u in source_updates
        ]
        # As written, through the sanitizer (Statuspage clients render bodies as HTML).
        assert [u["body"] for u in built_updates] == [
            client_html(u["body"].strip()) for u in source_updates
        ]
        # Affected components: the real changes, per update (Statuspage repeats the others).
        for mine, theirs in zip(built_updates, source_updates, strict=True):
            real = {
                a["code"]: a["new_status"]
                for a in theirs["affected_components"] or []
                if a["old_status"] != a["new_status"]
            }
            given = {a["code"]: a["new_status"] for a in mine["affected_components"] or []}
            if item["impact"] == "maintenance":
                assert set(given) <= {c["id"] for c in item["components"]}
            else:
                assert given == real
        assert {c["id"] for c in got["components"]} == {c["id"] for c in item["components"]} | {
            a["code"] for u in source_updates for a in u["affected_components"] or []
        }
    assert compared >= 3
    components = {c["id"]: c for c in api(out, "components.json")["components"]}
    assert components["8l4ygp009s5s"]["name"] == "Public API"
    assert components["8l4ygp009s5s"]["group_id"] == "group-core-platform"
    # Text keeps its characters: curly quotes, dashes, non-breaking spaces.
    assert built_incidents["p31zjtct2jer"]["name"] == "Elevated API errors – “gateway” timeouts"
    assert "\u00a0We’re sorry" in built_incidents["p31zjtct2jer"]["incident_updates"][0]["body"]


def test_the_report_names_every_repair(built: dict[str, tuple[Path, Path, dict[str, Any]]]) -> None:
    report = built["statuspage"][2]
    legacy = kinds(report, "q7w8e9r0t1y2")
    assert {"start_after_update", "resolution_without_time", "undeclared_component"} <= legacy
    assert "zero_length" in kinds(report, "z0z0z0z0z0z0")
    assert "component_status_assumed" in kinds(report, "k9f1w2x3y4z5")
    assert "lost_field" in kinds(report, "p31zjtct2jer")  # a display_at kept over created_at
    cstate = built["cstate"][2]
    assert {"start_after_update", "resolution_without_time", "zero_length"} <= kinds(
        cstate, "2025-02-13-maintenance-window"
    )
    assert "undeclared_component" in kinds(cstate, "2024-07-01-legacy-outage")
    statusfy = built["statusfy"][2]
    assert "final_update_not_last" in kinds(statusfy, "382ee1ab")
    assert "update_added" not in kinds(statusfy, "382ee1ab")  # it began before: `started:`
    assert report["summary"]["repairs"] > 0 and report["summary"]["lost"] > 0


def test_cstate_statusfy_and_upptime_map_to_the_api(
    built: dict[str, tuple[Path, Path, dict[str, Any]]],
) -> None:
    _, out, _ = built["cstate"]
    us_east = next(
        i
        for i in api(out, "incidents.json")["incidents"]
        if i["id"] == "2025-05-25-us-east-conn-issues"
    )
    # Times without offset are read in config.yml's timeZone (Europe/Amsterdam, +02:00 in May).
    assert us_east["created_at"] == "2025-05-25T02:13:00Z"
    assert us_east["resolved_at"] == "2025-05-25T03:54:00Z"
    assert [u["status"] for u in reversed(us_east["incident_updates"])] == [
        "investigating",
        "monitoring",
        "resolved",
    ]
    assert us_east["impact"] == "major"
    # An issue without tracked updates: its text is its first update, as its page showed it;
    # its resolution the final one. No update of statusgen's own words at its start.
    notice = next(
        i for i in api(out, "incidents.json")["incidents"] if i["id"] == "2024-12-27-dns-notice"
    )
    assert [(u["status"], u["body"]) for u in reversed(notice["incident_updates"])] == [
        ("investigating", "Our DNS provider announced a change; nothing should change for you."),
        ("resolved", "This incident has been resolved."),
    ]
    assert kinds(built["cstate"][2], "2024-12-27-dns-notice") >= {"resolution_written"}
    assert "update_added" not in kinds(built["cstate"][2], "2024-12-27-dns-notice")
    assert {c["name"] for c in us_east["components"]} == {"API", "Media Proxy"}

    _, out, _ = built["statusfy"]
    site_delivery = next(i for i in api(out, "incidents.json")["incidents"] if i["id"] == "sd0401")
    assert site_delivery["impact"] == "critical"
    assert site_delivery["created_at"] == "2025-04-01T06:00:00Z"
    assert site_delivery["resolved_at"] == "2025-04-01T06:45:00Z"
    upgrade = api(out, "scheduled-maintenances.json")["scheduled_maintenances"][0]
    assert (upgrade["scheduled_for"], upgrade["scheduled_until"]) == (
        "2025-03-01T02:00:00Z",
        "2025-03-01T04:00:00Z",
    )

    _, out, report = built["upptime"]
    incidents = {i["id"]: i for i in api(out, "incidents.json")["incidents"]}
    assert set(incidents) == {"issue-12", "issue-15", "issue-17"}
    assert incidents["issue-12"]["resolved_at"] == "2025-02-02T15:12:00Z"
    assert len(incidents["issue-12"]["incident_updates"]) == 3
    assert incidents["issue-17"]["status"] == "investigating"  # still open
    assert incidents["issue-15"]["components"][0]["id"] == "google"
    summary = api(out, "summary.json")
    assert [i["id"] for i in summary["incidents"]] == ["issue-17"]
    assert "resolution_written" in kinds(report, "issue-15")  # closed without a closing comment


def test_legacy_html_is_rendered_safely(
    built: dict[str, tuple[Path, Path, dict[str, Any]]],
) -> None:
    for fmt, page in (("statuspage", "h0st1le0b0dy"), ("cstate", "2024-07-01-legacy-outage")):
        _, out, _ = built[fmt]
        html = (out / "incidents" / page / "index.html").read_text(encoding="utf-8")
        assert "<script>alert" not in html
        assert not re.search(r"<[^>]+\son(error|click)=", html)
        assert 'href="javascript:' not in html
        assert "<iframe" not in html


def test_a_second_import_changes_nothing(
    built: dict[str, tuple[Path, Path, dict[str, Any]]], capsys: pytest.CaptureFixture[str]
) -> None:
    for fmt, (site, _, _) in built.items():
        before = snapshot(site)
        assert main(["--now", NOW, "import", fmt, str(FIXTURES / fmt), "-C", str(site)]) == 0
        assert snapshot(site) == before
        report = json.loads(
            (site / ".statusgen" / "import-report.json").read_text(encoding="utf-8")
        )
        assert {i["action"] for i in report["incidents"]} == {"unchanged"}
        assert report["components"]["action"] == "unchanged"
    capsys.readouterr()


def test_dry_run_writes_nothing_and_force_is_needed_to_overwrite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "site"
    assert main(["--now", NOW, "init", str(site), "--no-input", "--url", "https://s.test/"]) == 0
    before = snapshot(site)
    source = str(FIXTURES / "statuspage")
    assert main(["--now", NOW, "import", "statuspage", source, "-C", str(site), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "would write" in out and "incidents/2026/p31zjtct2jer.md" in out
    assert snapshot(site) == before and not (site / ".statusgen" / "import-report.json").exists()

    assert main(["--now", NOW, "import", "statuspage", source, "-C", str(site)]) == 0
    edited = site / "incidents" / "2026" / "p31zjtct2jer.md"
    edited.write_text(edited.read_text(encoding="utf-8").replace("rolling back", "reverting"))
    changed = snapshot(site)
    assert main(["--now", NOW, "import", "statuspage", source, "-C", str(site)]) == 2
    assert "p31zjtct2jer.md" in capsys.readouterr().err
    assert snapshot(site) == changed
    assert main(["--now", NOW, "import", "statuspage", source, "-C", str(site), "--force"]) == 0
    assert "rolling back" in edited.read_text(encoding="utf-8")
    assert main(["--now", NOW, "-C", str(site), "check"]) == 0


def test_components_yml_keeps_comments_and_entries(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert main(["--now", NOW, "init", str(site), "--no-input", "--url", "https://s.test/"]) == 0
    components = site / "components.yml"
    original = components.read_text(encoding="utf-8") + "  # the user's own comment\n"
    components.write_text(original, encoding="utf-8")
    assert main(["--now", NOW, "import", "cstate", str(FIXTURES / "cstate"), "-C", str(site)]) == 0
    merged = components.read_text(encoding="utf-8")
    assert merged.startswith(original.rstrip("\n").rsplit("\n", 1)[0])
    assert "# the user's own comment" in merged and "id: website" in merged
    assert merged.index('name: "Core"') > merged.index("id: website")


@pytest.mark.parametrize("kind", ["statuspage", "upptime"])
def test_a_source_file_that_is_not_json_stops_the_import(
    tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A broken export file is never skipped (it could hold the whole history): the import
    names it and writes nothing."""
    source = tmp_path / "source"
    shutil.copytree(FIXTURES / kind, source)
    broken = next(p for p in sorted(source.rglob("*.json")) if p.stem in ("incidents", "issues"))
    broken.write_text(broken.read_text(encoding="utf-8")[:200], encoding="utf-8")
    site = tmp_path / "site"
    assert main(["init", str(site), "--no-input", "--url", "https://status.test/"]) == 0
    before = sorted(p.relative_to(site) for p in site.rglob("*"))
    capsys.readouterr()
    assert main(["-C", str(site), "import", kind, str(source)]) == 2
    err = capsys.readouterr().err
    assert f"{broken}: not JSON (" in err and re.search(r"line \d+ column \d+", err), err
    assert sorted(p.relative_to(site) for p in site.rglob("*")) == before
