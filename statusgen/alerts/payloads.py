"""Each alerting tool's documented webhook JSON read into the same `AlertEvent`s: Prometheus
Alertmanager (webhook_config, payload version 4), Grafana alerting's webhook contact point,
PagerDuty v3 webhooks and Opsgenie's webhook integration. A payload that is not as documented
is a `PayloadError` naming the format, the JSON path and what was expected."""

from __future__ import annotations

import enum
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import MappingProxyType
from typing import Any

from statusgen.clock import parse_time, stamp_utc
from statusgen.content.alertfields import ALERT_KEY

#: The largest payload read (Alertmanager's can hold many alerts; none comes near this).
MAX_PAYLOAD_BYTES = 4 * 1024 * 1024
_FRACTION = re.compile(r"(\.\d{1,6})\d*")


class AlertState(enum.StrEnum):
    FIRING = "firing"
    RESOLVED = "resolved"
    #: A person took the alert on: statusgen changes nothing (docs/operators.md, "Alerts").
    ACKNOWLEDGED = "acknowledged"


@dataclass(frozen=True)
class AlertEvent:
    """One alert as a payload states it: its key (`<format>:<id>`, the same in its firing and
    its resolved payload), its state, its labels (each with one or more values) and when it
    began (None when the payload does not say)."""

    key: str
    state: AlertState
    labels: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    started: datetime | None = None
    #: Where in the payload it is (`alerts[2]`), for messages.
    where: str = ""


@dataclass(frozen=True)
class Ignored:
    """A payload of a kind statusgen does not act on (a PagerDuty note, an Opsgenie tag)."""

    what: str


class PayloadError(Exception):
    """A payload that is not as its tool documents it; the message says where and what."""


class Reader:
    """Reads one format's JSON, naming the JSON path of whatever is wrong."""

    def __init__(self, format_name: str) -> None:
        self.format = format_name

    def fail(self, path: str, found: Any, expected: str) -> PayloadError:
        shown = _shown(found)
        return PayloadError(f"{self.format} payload: {path or '$'} is {shown}; expected {expected}")

    def get(self, data: Any, path: str, key: str, kind: type | tuple[type, ...], what: str) -> Any:
        """`data[key]`, which must be of `kind` (`what` says it in words)."""
        where = f"{path}.{key}" if path else key
        if not isinstance(data, dict):
            raise self.fail(path, data, "an object")
        value = data.get(key, _MISSING)
        if value is _MISSING:
            raise PayloadError(f"{self.format} payload: {where} is missing; expected {what}")
        if not isinstance(value, kind) or isinstance(value, bool) and bool not in _kinds(kind):
            raise self.fail(where, value, what)
        return value

    def text(self, data: Any, path: str, key: str, what: str = "text") -> str:
        return str(self.get(data, path, key, str, what))

    def key(self, path: str, ident: str) -> str:
        """The alert's key, `<format>:<id>`, from an id that must be plain."""
        key = f"{self.format}:{ident}"
        if not ALERT_KEY.fullmatch(key):
            raise self.fail(path, ident, "an id of letters, digits and ._:@+- (at most 200)")
        return key

    def time(self, data: Any, path: str, key: str) -> datetime:
        text = self.text(data, path, key, "a time with offset (RFC 3339)")
        moment, _ = parse_time(_FRACTION.sub(r"\1", text))
        if moment is None:
            raise self.fail(f"{path}.{key}" if path else key, text, "a time with offset (RFC 3339)")
        return moment.replace(microsecond=0)

    def labels(self, data: Any, path: str, key: str) -> dict[str, tuple[str, ...]]:
        found = self.get(data, path, key, dict, "an object of label names to text")
        for name, value in found.items():
            if not isinstance(value, str):
                raise self.fail(f"{path}.{key}.{name}", value, "text")
        return {name: (value,) for name, value in found.items()}


_MISSING = object()


def _kinds(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)


def _shown(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


# -- Alertmanager and Grafana: a group of alerts, each firing or resolved ---------------------
def read_alert_group(reader: Reader, data: Any, *, version: str | None) -> list[AlertEvent]:
    """Alertmanager's webhook payload (`version` "4") and Grafana's, which follows it: every
    alert of `alerts`, keyed by its fingerprint and start (a later firing of the same labels
    is a new alert)."""
    if version is not None and reader.get(data, "", "version", str, f'"{version}"') != version:
        raise reader.fail("version", data["version"], f'"{version}" (webhook payload version)')
    alerts = reader.get(data, "", "alerts", list, "a list of alerts")
    events = []
    for index, alert in enumerate(alerts):
        path = f"alerts[{index}]"
        status = reader.get(alert, path, "status", str, '"firing" or "resolved"')
        if status not in ("firing", "resolved"):
            raise reader.fail(f"{path}.status", status, '"firing" or "resolved"')
        started = reader.time(alert, path, "startsAt")
        fingerprint = reader.text(alert, path, "fingerprint", "the alert's fingerprint")
        events.append(
            AlertEvent(
                key=reader.key(f"{path}.fingerprint", f"{fingerprint}@{stamp_utc(started)}"),
                state=AlertState(status),
                labels=MappingProxyType(reader.labels(alert, path, "labels")),
                started=started,
                where=path,
            )
        )
    return events


def read_alertmanager(data: Any) -> list[AlertEvent] | Ignored:
    return read_alert_group(Reader("alertmanager"), data, version="4")


def read_grafana(data: Any) -> list[AlertEvent] | Ignored:
    return read_alert_group(Reader("grafana"), data, version=None)


# -- PagerDuty v3 webhooks: one event about one incident --------------------------------------
PAGERDUTY_STATES = {
    "incident.triggered": AlertState.FIRING,
    "incident.resolved": AlertState.RESOLVED,
    "incident.acknowledged": AlertState.ACKNOWLEDGED,
}


def read_pagerduty(data: Any) -> list[AlertEvent] | Ignored:
    """`event.event_type` incident.triggered, .acknowledged or .resolved (others are ignored),
    keyed by the PagerDuty incident's id; labels `service` (its name), `service_id`,
    `urgency`, `priority` and `team` (each team's name)."""
    reader = Reader("pagerduty")
    event = reader.get(data, "", "event", dict, "an object (a v3 webhook's event)")
    kind = reader.text(event, "event", "event_type", "an event type such as incident.triggered")
    if kind not in PAGERDUTY_STATES:
        return Ignored(f"PagerDuty event {kind}")
    incident = reader.get(event, "event", "data", dict, "the incident")
    ident = reader.text(incident, "event.data", "id", "the incident's id")
    service = reader.get(incident, "event.data", "service", dict, "the incident's service")
    labels = {
        "service": (reader.text(service, "event.data.service", "summary", "the service's name"),),
        "service_id": (reader.text(service, "event.data.service", "id", "the service's id"),),
    }
    if isinstance(incident.get("urgency"), str):
        labels["urgency"] = (incident["urgency"],)
    priority = incident.get("priority")
    if isinstance(priority, dict) and isinstance(priority.get("summary"), str):
        labels["priority"] = (priority["summary"],)
    teams = incident.get("teams")
    if isinstance(teams, list):
        labels["team"] = tuple(
            t["summary"] for t in teams if isinstance(t, dict) and isinstance(t.get("summary"), str)
        )
    return [
        AlertEvent(
            key=reader.key("event.data.id", ident),
            state=PAGERDUTY_STATES[kind],
            labels=MappingProxyType(labels),
            started=reader.time(incident, "event.data", "created_at"),
            where="event.data",
        )
    ]


# -- Opsgenie's webhook integration: one action on one alert ----------------------------------
OPSGENIE_STATES = {
    "Create": AlertState.FIRING,
    "Close": AlertState.RESOLVED,
    "Acknowledge": AlertState.ACKNOWLEDGED,
}


def read_opsgenie(data: Any) -> list[AlertEvent] | Ignored:
    """`action` Create, Acknowledge or Close (others are ignored), keyed by `alert.alertId`;
    labels `tags` (every tag), `alias`, `entity`, `source`, `priority` and `message`."""
    reader = Reader("opsgenie")
    action = reader.text(data, "", "action", "an action such as Create or Close")
    if action not in OPSGENIE_STATES:
        return Ignored(f"Opsgenie action {action}")
    alert = reader.get(data, "", "alert", dict, "the alert")
    ident = reader.text(alert, "alert", "alertId", "the alert's id")
    labels: dict[str, tuple[str, ...]] = {}
    tags = alert.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise reader.fail("alert.tags", tags, "a list of tags (text)")
    labels["tags"] = tuple(tags)
    for name in ("alias", "entity", "source", "priority", "message"):
        if isinstance(alert.get(name), str) and alert[name]:
            labels[name] = (alert[name],)
    created = reader.get(
        alert, "alert", "createdAt", int, "milliseconds since 1970 (a whole number)"
    )
    try:
        started = datetime.fromtimestamp(created / 1000, UTC).replace(microsecond=0)
    except (OverflowError, OSError, ValueError):
        raise reader.fail("alert.createdAt", created, "milliseconds since 1970") from None
    return [
        AlertEvent(
            key=reader.key("alert.alertId", ident),
            state=OPSGENIE_STATES[action],
            labels=MappingProxyType(labels),
            started=started,
            where="alert",
        )
    ]


#: The formats `statusgen alert` reads, by name.
READERS: dict[str, Callable[[Any], list[AlertEvent] | Ignored]] = {
    "alertmanager": read_alertmanager,
    "grafana": read_grafana,
    "pagerduty": read_pagerduty,
    "opsgenie": read_opsgenie,
}


def read_payload(format_name: str, raw: bytes) -> list[AlertEvent] | Ignored:
    """A payload's alerts. Raises PayloadError when it is not JSON or not as documented."""
    if len(raw) > MAX_PAYLOAD_BYTES:
        raise PayloadError(
            f"{format_name} payload: {len(raw)} bytes; expected at most {MAX_PAYLOAD_BYTES}"
        )
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise PayloadError(
            f"{format_name} payload: not JSON ({error}); expected a JSON object"
        ) from None
    if not isinstance(data, dict):
        raise Reader(format_name).fail("", data, "a JSON object")
    return READERS[format_name](data)
