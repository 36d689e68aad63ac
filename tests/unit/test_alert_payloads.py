"""Each tool's payload read into alerts, and every way a payload can be wrong named by its
format, its JSON path and what was expected (the fixtures' sources: tests/integration/
test_alerts.py's docstring). The alerts option's rules checked as the build checks them."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from mkdocs.config.base import ValidationError
from sitebuild import REPO

from statusgen.alerts.payloads import AlertState, Ignored, PayloadError, read_payload
from statusgen.options.alerts import AlertRule, matching_rule, parse_alert_rules
from statusgen.plugin.config import Checked

FIXTURES = REPO / "tests" / "fixtures" / "alerts"


def fixture(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / name).read_text())
    return data


def read(format_name: str, data: object) -> Any:
    return read_payload(format_name, json.dumps(data).encode())


def test_each_format_gives_its_alerts_key_state_labels_and_start() -> None:
    [am] = read("alertmanager", fixture("alertmanager-firing.json"))
    assert am.key == "alertmanager:1a30ba71cca2921f@20230206T130845Z"
    assert am.state is AlertState.FIRING and am.labels["severity"] == ("critical",)
    assert am.started == datetime(2023, 2, 6, 13, 8, 45, tzinfo=UTC)
    first, second = read("grafana", fixture("grafana-resolved.json"))
    assert first.state is AlertState.RESOLVED and second.labels["zone"] == ("eu-1",)
    assert first.started == datetime(2021, 10, 12, 7, 51, 3, tzinfo=UTC)  # from +02:00
    [pd] = read("pagerduty", fixture("pagerduty-acknowledged.json"))
    assert pd.key == "pagerduty:PGR0VU2" and pd.state is AlertState.ACKNOWLEDGED
    assert pd.labels["service"] == ("API Service",) and pd.labels["team"] == ("Engineering",)
    assert pd.labels["priority"] == ("P1",) and pd.labels["urgency"] == ("high",)
    [og] = read("opsgenie", fixture("opsgenie-resolved.json"))
    assert og.key == "opsgenie:052652ac-5d1c-464a-812a-7dd18bbfba8c"
    assert og.state is AlertState.RESOLVED and og.labels["tags"] == ("tag1", "tag2")
    assert og.started == datetime(2015, 1, 5, 10, 3, 11, tzinfo=UTC)  # createdAt, in ms


def test_nanoseconds_in_alertmanagers_times_are_read() -> None:
    data = fixture("alertmanager-firing.json")
    data["alerts"][0]["startsAt"] = "2018-08-03T09:52:26.739266876+02:00"
    [event] = read("alertmanager", data)
    assert event.started == datetime(2018, 8, 3, 7, 52, 26, tzinfo=UTC)


def test_other_events_are_ignored_not_refused() -> None:
    data = fixture("pagerduty-firing.json")
    data["event"]["event_type"] = "incident.annotated"
    assert read("pagerduty", data) == Ignored("PagerDuty event incident.annotated")
    data = fixture("opsgenie-firing.json")
    data["action"] = "AddNote"
    assert read("opsgenie", data) == Ignored("Opsgenie action AddNote")


def set_path(data: Any, path: list[Any], value: Any) -> Any:
    target = data
    for key in path[:-1]:
        target = target[key]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


@pytest.mark.parametrize(
    ("format_name", "name", "path", "value", "message"),
    [
        (
            "alertmanager",
            "alertmanager-firing.json",
            ["version"],
            "3",
            "alertmanager payload: version is '3'; expected \"4\" (webhook payload version)",
        ),
        (
            "alertmanager",
            "alertmanager-firing.json",
            ["alerts"],
            KeyError,
            "alertmanager payload: alerts is missing; expected a list of alerts",
        ),
        (
            "alertmanager",
            "alertmanager-firing.json",
            ["alerts", 0, "status"],
            "pending",
            "alertmanager payload: alerts[0].status is 'pending'; expected \"firing\" or "
            '"resolved"',
        ),
        (
            "alertmanager",
            "alertmanager-firing.json",
            ["alerts", 0, "labels", "job"],
            3,
            "alertmanager payload: alerts[0].labels.job is 3; expected text",
        ),
        (
            "grafana",
            "grafana-firing.json",
            ["alerts", 1, "startsAt"],
            "yesterday",
            "grafana payload: alerts[1].startsAt is 'yesterday'; expected a time with offset "
            "(RFC 3339)",
        ),
        (
            "grafana",
            "grafana-firing.json",
            ["alerts", 0, "fingerprint"],
            "../../etc",
            "grafana payload: alerts[0].fingerprint is '../../etc@20211012T075103Z'; expected "
            "an id of letters, digits and ._:@+- (at most 200)",
        ),
        (
            "pagerduty",
            "pagerduty-firing.json",
            ["event", "data", "service"],
            None,
            "pagerduty payload: event.data.service is null; expected the incident's service",
        ),
        (
            "pagerduty",
            "pagerduty-resolved.json",
            ["event"],
            [],
            "pagerduty payload: event is a list; expected an object (a v3 webhook's event)",
        ),
        (
            "opsgenie",
            "opsgenie-firing.json",
            ["alert", "createdAt"],
            "1420452191104",
            "opsgenie payload: alert.createdAt is '1420452191104'; expected milliseconds since "
            "1970 (a whole number)",
        ),
        (
            "opsgenie",
            "opsgenie-firing.json",
            ["alert", "tags"],
            "tag1",
            "opsgenie payload: alert.tags is 'tag1'; expected a list of tags (text)",
        ),
    ],
)
def test_a_malformed_payload_names_its_format_path_and_expectation(
    format_name: str, name: str, path: list[Any], value: Any, message: str
) -> None:
    data = set_path(fixture(name), path, value)
    with pytest.raises(PayloadError) as raised:
        read(format_name, data)
    assert str(raised.value) == message


def test_not_json_or_not_an_object() -> None:
    with pytest.raises(PayloadError, match=r"^opsgenie payload: not JSON \("):
        read_payload("opsgenie", b"\xff{")
    with pytest.raises(
        PayloadError, match=r"^grafana payload: \$ is a list; expected a JSON object"
    ):
        read_payload("grafana", b"[]")


def test_the_first_matching_rule_wins_and_list_labels_match_any_value() -> None:
    rules, problems = parse_alert_rules(
        [
            {"match": {"tags": "db"}, "component": "db"},
            {
                "match": {"tags": ["api", "edge"], "priority": "P1"},
                "component": "api",
                "status": "partial_outage",
            },
            {"match": {"tags": "api"}, "component": "web"},
        ]
    )
    assert not problems
    rule = matching_rule(rules, {"tags": ("edge", "other"), "priority": ("P1",)})
    assert isinstance(rule, AlertRule) and rule.component == "api"
    assert rule.impact.value == "major"  # the status's own impact, unless `impact` says
    assert matching_rule(rules, {"tags": ("api",)}) == rules[2]
    assert matching_rule(rules, {"priority": ("P1",)}) is None


def test_every_rule_mistake_is_named_and_the_build_refuses_it() -> None:
    value = [
        {"match": {}, "component": "api"},
        {"match": {"a": "b"}, "component": "api", "status": "under_maintenance", "x": 1},
        "api",
    ]
    _, problems = parse_alert_rules(value)
    assert [text for _, text in problems] == [
        "alerts[0]: match {}; expected a mapping of alert labels to a value or a list of "
        "values, at least one label",
        "alerts[1]: unknown key 'x'; expected match, component, status, impact",
        "alerts[1]: status 'under_maintenance'; expected degraded_performance, partial_outage, "
        "major_outage",
        "alerts[2]: is 'api'; expected a mapping with match, component and status",
    ]
    with pytest.raises(ValidationError, match="alerts\\[1\\]: unknown key 'x'"):
        Checked("alerts").run_validation(value)
    assert Checked("alerts").run_validation([{"match": {"a": 1}, "component": "api"}])


def test_the_command_line_offers_every_format_read() -> None:
    from statusgen.alerts.payloads import READERS
    from statusgen.cli.parser_automation import ALERT_FORMATS

    assert tuple(READERS) == ALERT_FORMATS
