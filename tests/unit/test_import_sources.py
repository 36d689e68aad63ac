"""Each source format read into the neutral records, and the report and components.yml merge."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml

from statusgen.importers import FORMAT_NAMES, reader
from statusgen.importers.catalog import CatalogPlan
from statusgen.importers.records import Entry, SourceComponent, SourceError
from statusgen.importers.report import IncidentResult, Report
from statusgen.model import ComponentStatus, IncidentType, PhaseStatus

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"
NOW = datetime(2026, 11, 23, 12, tzinfo=UTC)


def test_every_format_reads_its_fixture() -> None:
    counts = {name: len(reader(name)(FIXTURES / name, NOW).incidents) for name in FORMAT_NAMES}
    assert counts == {"cstate": 4, "statusfy": 3, "statuspage": 6, "upptime": 4}


def test_statuspage_records() -> None:
    batch = reader("statuspage")(FIXTURES / "statuspage", NOW)
    assert [g.name for g in batch.groups] == ["Core platform"]
    api = next(c for c in batch.components if c.key == "8l4ygp009s5s")
    assert (api.group, api.id_hint) == ("Core platform", "8l4ygp009s5s")
    incident = next(i for i in batch.incidents if i.id == "p31zjtct2jer")
    assert [u.status for u in incident.updates] == [
        PhaseStatus.INVESTIGATING,
        PhaseStatus.IDENTIFIED,
        PhaseStatus.MONITORING,
        PhaseStatus.RESOLVED,
    ]
    assert incident.updates[1].at is not None and incident.updates[1].at.minute == 0  # display_at
    assert incident.updates[1].transitions[0].after is ComponentStatus.MAJOR_OUTAGE
    maintenance = next(i for i in batch.incidents if i.id == "w1x2y3z4a5b6")
    assert maintenance.kind is IncidentType.MAINTENANCE and maintenance.scheduled_start


def test_a_single_incident_document(tmp_path: Path) -> None:
    source = json.loads((FIXTURES / "statuspage" / "incidents.json").read_text(encoding="utf-8"))
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"incident": source["incidents"][0]}), encoding="utf-8")
    batch = reader("statuspage")(path, NOW)
    assert [i.id for i in batch.incidents] == ["p31zjtct2jer"]


def test_sources_that_are_not_the_format(tmp_path: Path) -> None:
    for name in FORMAT_NAMES:
        with pytest.raises(SourceError):
            reader(name)(tmp_path, NOW)


def test_cstate_and_statusfy_updates() -> None:
    batch = reader("cstate")(FIXTURES / "cstate", NOW)
    us_east = next(i for i in batch.incidents if i.id == "2025-05-25-us-east-conn-issues")
    assert [u.status for u in us_east.updates] == [
        PhaseStatus.INVESTIGATING,
        PhaseStatus.MONITORING,
        PhaseStatus.RESOLVED,
    ]
    assert us_east.started_at is not None and us_east.started_at.utcoffset() is not None
    legacy = next(i for i in batch.incidents if i.id == "2024-07-01-legacy-outage")
    assert not legacy.updates and "<script>" in legacy.body
    statusfy = reader("statusfy")(FIXTURES / "statusfy", NOW)
    ids = [i.id for i in statusfy.incidents]
    assert ids == ["382ee1ab", "cdnupg01", "sd0401"]
    assert statusfy.incidents[1].kind is IncidentType.MAINTENANCE
    # Its Spanish is read as the translation the site decides about (importers/languages.py).
    assert statusfy.incidents[2].translations == {"es": {"title": "Caída de la entrega del sitio"}}


def test_components_yml_is_extended_as_text() -> None:
    text = (
        "# mine\ngroups:\n  - name: Services  # keep\n    components:\n"
        "      - id: web\n        name: Website\n"
    )
    plan = CatalogPlan.read(text)
    assert plan.add_source(SourceComponent("k1", "Website")) == "web"  # matched by name
    plan.add_source(SourceComponent("k2", "API", group="Services"))
    plan.add_source(SourceComponent("k3", "CDN", group="Edge"))
    merged = plan.render()
    assert merged.startswith(text)
    data = yaml.safe_load(merged)
    assert [[c["id"] for c in g["components"]] for g in data["groups"]] == [["web", "api"], ["cdn"]]


def test_the_report() -> None:
    report = Report("statuspage", "src", dry_run=False)
    report.incidents.append(
        IncidentResult(
            "a",
            "a",
            "incidents/2025/a.md",
            "written",
            [
                Entry("update_before_start", "moved", 2),
                Entry("lost_field", "gone"),
            ],
        )
    )
    data = json.loads(report.to_json())
    assert data["summary"]["repairs"] == 1 and data["summary"]["lost"] == 1
    assert data["incidents"][0]["repairs"][0] == {
        "kind": "update_before_start",
        "message": "moved",
        "update": 2,
    }
    assert "update_before_start (repair): 1 in a" in report.summary()
