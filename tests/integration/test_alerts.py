"""`statusgen alert FORMAT PAYLOAD` on each tool's documented payload, with a pinned clock:
a firing alert of a mapped component opens one incident (`opened_by: alert`, `started` at the
alert's start), a repeated delivery changes nothing, the resolving payload resolves it; an
update a person posted keeps the incident theirs; an alert no rule matches changes nothing.

The fixtures in tests/fixtures/alerts/ are the vendors' documented examples, with only the
state changed for the other payload of the pair (and the times that go with it):
- alertmanager-*.json: the webhook_config payload (version 4) of
  https://prometheus.io/docs/alerting/latest/configuration/#webhook_config, as the sample v4
  payload of https://docs.rs/crate/alertmanager-webhook-types/latest/source/assets/sample-v4-payload.json
- grafana-*.json: https://grafana.com/docs/grafana/latest/alerting/configure-notifications/manage-contact-points/integrations/webhook-notifier/
- pagerduty-*.json: the incident event of
  https://developer.pagerduty.com/docs/webhooks-overview (PagerDuty/developer-docs,
  docs/webhooks/01-Overview.md), with event_type incident.triggered/.acknowledged/.resolved
- opsgenie-*.json: the Create, Acknowledge and Close payloads of
  https://docs.opsgenie.com/docs/marid-alert-action-data (Opsgenie's webhook integration,
  https://docs.opsgenie.com/v1.0/docs/webhook-integration)
"""

from __future__ import annotations

import io
import json
import re
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest
from sitebuild import MKDOCS_YML, REPO, mkdocs_build, parse_page, write_site

from statusgen.cli import main

FIXTURES = REPO / "tests" / "fixtures" / "alerts"

RULES = """
      alerts:
        - match: {alertname: ProbeFailure, severity: [critical, page]}
          component: api
        - match: {zone: us-1}
          component: api
          status: partial_outage
        - match: {service: API Service}
          component: api
          status: partial_outage
        - match: {tags: tag1}
          component: web
          status: degraded_performance
"""
COMPONENTS = """
groups:
  - name: Core
    components:
      - id: api
        name: Public API
      - id: web
        name: Website
"""


@dataclass(frozen=True)
class Case:
    format: str
    #: The alert's start (UTC), when it is delivered firing, and resolved.
    started: str
    fired: str
    resolved: str
    component: str
    status: str
    key: str


CASES = [
    Case(
        "alertmanager",
        "2023-02-06T13:08:45Z",
        "2023-02-06T13:15:00Z",
        "2023-02-06T13:40:00Z",
        "api",
        "major_outage",
        "alertmanager:1a30ba71cca2921f@20230206T130845Z",
    ),
    Case(
        "grafana",
        "2021-10-12T07:51:03Z",
        "2021-10-12T08:00:00Z",
        "2021-10-12T08:25:00Z",
        "api",
        "partial_outage",
        "grafana:c6eadffa33fcdf37@20211012T075103Z",
    ),
    Case(
        "pagerduty",
        "2020-04-09T15:16:27Z",
        "2020-04-09T15:20:00Z",
        "2020-04-09T15:50:00Z",
        "api",
        "partial_outage",
        "pagerduty:PGR0VU2",
    ),
    Case(
        "opsgenie",
        "2015-01-05T10:03:11Z",
        "2015-01-05T10:05:00Z",
        "2015-01-05T10:40:00Z",
        "web",
        "degraded_performance",
        "opsgenie:052652ac-5d1c-464a-812a-7dd18bbfba8c",
    ),
]


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = write_site(
        tmp_path / "site",
        {
            "mkdocs.yml": MKDOCS_YML.format(language="en", timezone="UTC", extra=RULES),
            "components.yml": COMPONENTS,
            "incidents/.keep": "",
        },
    )
    monkeypatch.chdir(root)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    return root


def alert(now: str, format_name: str, payload: str) -> int:
    return main(["--now", now, "alert", format_name, str(FIXTURES / payload)])


def incident_files(root: Path) -> list[Path]:
    return sorted((root / "incidents").rglob("*.md"))


def front_matter(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("---")[1]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.format)
def test_a_firing_and_resolving_pair_opens_and_resolves_one_incident(
    site: Path, case: Case, capsys: pytest.CaptureFixture[str]
) -> None:
    assert alert(case.fired, case.format, f"{case.format}-firing.json") == 0
    [path] = incident_files(site)
    out = capsys.readouterr().out
    assert f"opened: {path.relative_to(site).as_posix()}" in out
    text = front_matter(path)
    assert f"started: {case.started}" in text
    assert "opened_by: alert" in text and f'key: "{case.key}"' in text
    assert f"  {case.component}: {case.status}" in text
    assert "status: investigating" in text
    assert re.search(r"digest: [0-9a-f]{64}", text)
    written = path.read_text()

    # The same delivery again (webhooks retry; Alertmanager repeats): nothing changes.
    assert alert(case.fired, case.format, f"{case.format}-firing.json") == 0
    assert "nothing to write" in capsys.readouterr().out
    assert incident_files(site) == [path] and path.read_text() == written
    if (FIXTURES / f"{case.format}-acknowledged.json").exists():
        assert alert(case.fired, case.format, f"{case.format}-acknowledged.json") == 0
        assert "acknowledged" in capsys.readouterr().out
        assert path.read_text() == written
    assert main(["--now", case.fired, "check"]) == 0

    assert alert(case.resolved, case.format, f"{case.format}-resolved.json") == 0
    assert "resolved: " in capsys.readouterr().out
    assert incident_files(site) == [path]
    resolved = path.read_text()
    assert resolved.startswith(written.split("phases:")[0].split("  digest:")[0])
    assert "status: resolved" in resolved and resolved.count("- at: ") == 2
    assert main(["--now", case.resolved, "check"]) == 0

    assert alert(case.resolved, case.format, f"{case.format}-resolved.json") == 0
    assert "is resolved already" in capsys.readouterr().out
    assert path.read_text() == resolved


def test_the_site_built_after_the_alert_shows_the_incident(site: Path, tmp_path: Path) -> None:
    assert alert("2023-02-06T13:15:00Z", "alertmanager", "alertmanager-firing.json") == 0
    [path] = incident_files(site)
    epoch = str(int(datetime.fromisoformat("2023-02-06T13:16:00+00:00").timestamp()))
    result = mkdocs_build(site, tmp_path / "out", epoch)
    assert result.returncode == 0, result.stderr
    page = parse_page(tmp_path / "out" / "incidents" / path.stem / "index.html").text
    assert "We are investigating a problem with Public API." in page
    assert "Opened automatically when our monitoring saw the failure" in page
    assert "ProbeFailure" not in page and "server.example.org" not in page  # the alert's words
    summary = json.loads((tmp_path / "out" / "api" / "v2" / "summary.json").read_text())
    [component] = [c for c in summary["components"] if c["name"] == "Public API"]
    assert component["status"] == "major_outage"


def test_a_group_opens_incidents_for_mapped_alerts_only(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Grafana's example holds two alerts: zone us-1 is mapped, eu-1 is not."""
    assert alert("2021-10-12T08:00:00Z", "grafana", "grafana-firing.json") == 0
    out = capsys.readouterr().out
    assert len(incident_files(site)) == 1
    assert "grafana:bc97ff14869b13e3@20211012T075603Z" in out
    assert "no rule of the alerts option matches its labels" in out


def test_an_alert_no_rule_matches_changes_nothing(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = site / "mkdocs.yml"
    config.write_text(config.read_text().replace("{tags: tag1}", "{tags: elsewhere}"))
    assert alert("2015-01-05T10:05:00Z", "opsgenie", "opsgenie-firing.json") == 0
    out = capsys.readouterr().out
    assert "nothing to write: opsgenie:052652ac-5d1c-464a-812a-7dd18bbfba8c" in out
    assert "no rule of the alerts option matches" in out and "tags=tag1|tag2" in out
    assert incident_files(site) == []


def test_a_person_who_posted_resolves_it_and_status_says_so(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert alert("2023-02-06T13:15:00Z", "alertmanager", "alertmanager-firing.json") == 0
    [path] = incident_files(site)
    update = [
        "update",
        path.stem,
        "--status",
        "identified",
        "--message",
        "A bad deploy; rolling back.",
    ]
    assert main(["--now", "2023-02-06T13:20:00Z", *update]) == 0
    posted = path.read_text()
    capsys.readouterr()
    assert alert("2023-02-06T13:40:00Z", "alertmanager", "alertmanager-resolved.json") == 0
    out = capsys.readouterr().out
    assert (
        f"held: alert alertmanager:1a30ba71cca2921f@20230206T130845Z resolved, but {path.stem}"
        in out
    )
    assert "a person posted or edited an update" in out
    assert path.read_text() == posted
    assert main(["--now", "2023-02-06T13:41:00Z", "status", "--color", "never"]) == 0
    assert f"stays open until a responder resolves it (statusgen resolve {path.stem})" in (
        capsys.readouterr().out
    )


def test_an_edit_of_the_alerts_words_makes_it_a_persons(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert alert("2021-10-12T08:00:00Z", "grafana", "grafana-firing.json") == 0
    [path] = incident_files(site)
    path.write_text(path.read_text().replace("We are investigating", "We are looking into"))
    assert alert("2021-10-12T08:25:00Z", "grafana", "grafana-resolved.json") == 0
    assert "held: " in capsys.readouterr().out
    assert "status: resolved" not in path.read_text()


def test_a_worse_alert_updates_the_alerts_own_incident_once(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """PagerDuty's alert gives api a partial outage; Alertmanager's then a major one: one
    incident, one update to major_outage (critical), and its repeat adds nothing."""
    assert alert("2023-02-06T13:09:00Z", "pagerduty", "pagerduty-firing.json") == 0
    [path] = incident_files(site)
    assert alert("2023-02-06T13:15:00Z", "alertmanager", "alertmanager-firing.json") == 0
    assert "updated: " in capsys.readouterr().out
    assert incident_files(site) == [path]
    text = path.read_text()
    assert "impact: critical" in text and "api: major_outage" in text.split("phases:")[1]
    assert text.count("- at: ") == 2
    assert alert("2023-02-06T13:16:00Z", "alertmanager", "alertmanager-firing.json") == 0
    assert "covered by the open" in capsys.readouterr().out
    assert path.read_text() == text
    assert main(["--now", "2023-02-06T13:16:00Z", "check"]) == 0
    # The first alert resolving resolves it: no person posted.
    assert alert("2023-02-06T13:40:00Z", "pagerduty", "pagerduty-resolved.json") == 0
    assert "status: resolved" in path.read_text()


def test_a_payload_from_stdin(
    site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    payload = (FIXTURES / "opsgenie-firing.json").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(payload)))
    assert main(["--now", "2015-01-05T10:05:00Z", "alert", "opsgenie", "-"]) == 0
    assert len(incident_files(site)) == 1


def test_a_malformed_payload_is_named_with_its_path_and_exit_2(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    text = (FIXTURES / "alertmanager-firing.json").read_text()
    bad.write_text(text.replace('"fingerprint": "1a30ba71cca2921f"', '"fingerprint": 7'))
    assert main(["--now", "2023-02-06T13:15:00Z", "alert", "alertmanager", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err == (
        "statusgen: alertmanager payload: alerts[0].fingerprint is 7; expected the alert's "
        "fingerprint\n"
    )
    bad.write_text("{not json")
    assert main(["alert", "grafana", str(bad)]) == 2
    assert "statusgen: grafana payload: not JSON" in capsys.readouterr().err
    assert main(["alert", "grafana", str(tmp_path / "missing.json")]) == 2
    assert "missing.json: cannot be read" in capsys.readouterr().err
    assert incident_files(site) == []


def test_rules_are_checked_at_their_line(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = site / "mkdocs.yml"
    config.write_text(
        config.read_text()
        .replace(
            "status: partial_outage\n        - match: {service",
            "status: down\n        - match: {service",
        )
        .replace("component: web", "component: shop")
    )
    assert main(["check"]) == 2
    err = capsys.readouterr().err
    line = next(
        n for n, text in enumerate(config.read_text().splitlines(), 1) if "{zone: us-1}" in text
    )
    assert (
        f"{config}:{line}: statusgen option alerts[1]: status 'down'; expected "
        "degraded_performance, partial_outage, major_outage" in err
    )
    config.write_text(config.read_text().replace("status: down", "status: partial_outage"))
    assert main(["check"]) == 1
    captured = capsys.readouterr()
    shop = next(
        n for n, text in enumerate(config.read_text().splitlines(), 1) if "{tags: tag1}" in text
    )
    assert (
        f"mkdocs.yml:{shop}: alerts rule for component 'shop': unknown component; expected one "
        "of api, web" in captured.out + captured.err
    )


def test_hostile_labels_and_ids_never_reach_the_terminal_or_a_file_raw(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Payloads come from outside: a label's control characters are shown escaped, and an id
    that is not plain is refused before anything is written."""
    data = json.loads((FIXTURES / "grafana-firing.json").read_text())
    data["alerts"][1]["labels"]["zone"] = "eu-1\x1b[2J\u202e"
    payload = tmp_path / "payload.json"
    payload.write_text(json.dumps(data))
    assert main(["--now", "2021-10-12T08:00:00Z", "alert", "grafana", str(payload)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u202e" not in out and "zone=eu-1" in out
    data["alerts"][0]["fingerprint"] = "c6ea\nopened_by: monitor"
    payload.write_text(json.dumps(data))
    assert main(["--now", "2021-10-12T08:05:00Z", "alert", "grafana", str(payload)]) == 2
    err = capsys.readouterr().err
    assert "grafana payload: alerts[0].fingerprint is" in err and "\n" not in err.rstrip("\n")
    assert len(incident_files(site)) == 1  # the first run's, untouched
