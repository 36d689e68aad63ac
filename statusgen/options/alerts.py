"""The `alerts` option: which alerts `statusgen alert` turns into incidents, as a list of
rules, each matching an alert's labels to a component and the status it gives it. Checked node
by node, each problem at its line of mkdocs.yml; the first rule that matches an alert wins."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from statusgen.model import (
    INCIDENT_COMPONENT_STATUSES,
    ComponentStatus,
    Impact,
    status_impact,
)
from statusgen.options.notify import line_of
from statusgen.problems import Problem

RULE_KEYS = ("match", "component", "status", "impact")
#: The status a rule gives its component when it names none.
DEFAULT_STATUS = ComponentStatus.MAJOR_OUTAGE
_STATUS_WORDS = ", ".join(s.value for s in INCIDENT_COMPONENT_STATUSES)


@dataclass(frozen=True)
class AlertRule:
    """One rule: an alert whose labels hold every `match` pair (a value, or one of a list of
    values) opens an incident on `component` with `status` and `impact`."""

    match: Mapping[str, tuple[str, ...]]
    component: str
    status: ComponentStatus = DEFAULT_STATUS
    impact: Impact = Impact.CRITICAL
    #: The line of mkdocs.yml where the rule starts (0 when unknown).
    line: int = 0

    def matches(self, labels: Mapping[str, tuple[str, ...]]) -> bool:
        """Whether each label of `match` has, among the alert's values of that label (a
        PagerDuty incident's teams, an Opsgenie alert's tags), one of the rule's values."""
        return all(
            any(value in wanted for value in labels.get(name, ()))
            for name, wanted in self.match.items()
        )


def matching_rule(
    rules: tuple[AlertRule, ...], labels: Mapping[str, tuple[str, ...]]
) -> AlertRule | None:
    """The first rule whose `match` the labels satisfy, or None (an alert statusgen ignores)."""
    return next((rule for rule in rules if rule.matches(labels)), None)


def parse_alert_rules(value: Any) -> tuple[tuple[AlertRule, ...], list[tuple[int, str]]]:
    """The rules of an `alerts` value, and every problem as (line, what; expected what)."""
    if value is None:
        return (), []
    if not isinstance(value, list):
        return (), [(line_of(value), "alerts is not a list; expected a list of rules")]
    problems: list[tuple[int, str]] = []
    rules = [_rule(index, entry, problems) for index, entry in enumerate(value)]
    return tuple(rule for rule in rules if rule is not None), problems


def check_alerts(value: Any) -> str:
    """The option check for the MkDocs config validator: every problem, in one line."""
    _, problems = parse_alert_rules(value)
    return "; ".join(f"line {line}: {text}" if line else text for line, text in problems)


def alert_rules(value: Any) -> tuple[AlertRule, ...]:
    """The rules of a checked `alerts` value."""
    return parse_alert_rules(value)[0]


def _rule(index: int, entry: Any, problems: list[tuple[int, str]]) -> AlertRule | None:
    where = f"alerts[{index}]"
    line = line_of(entry)
    before = len(problems)

    def problem(text: str) -> None:
        problems.append((line, f"{where}: {text}"))

    if not isinstance(entry, dict):
        problem(f"is {entry!r}; expected a mapping with match, component and status")
        return None
    for key in entry:
        if key not in RULE_KEYS:
            problem(f"unknown key {key!r}; expected {', '.join(RULE_KEYS)}")
    match = _match(entry.get("match"), problem)
    component = entry.get("component")
    if not isinstance(component, str) or not component:
        problem(f"component {component!r}; expected a component id of components.yml")
    status_word = entry.get("status", DEFAULT_STATUS.value)
    if status_word not in {s.value for s in INCIDENT_COMPONENT_STATUSES}:
        problem(f"status {status_word!r}; expected {_STATUS_WORDS}")
        status_word = DEFAULT_STATUS.value
    status = ComponentStatus(status_word)
    impact_word = entry.get("impact", status_impact(status).value)
    if impact_word not in {i.value for i in Impact}:
        problem(f"impact {impact_word!r}; expected none, minor, major or critical")
        impact_word = Impact.NONE.value
    if len(problems) > before or match is None or not isinstance(component, str):
        return None
    return AlertRule(MappingProxyType(match), component, status, Impact(impact_word), line)


def _match(value: Any, problem: Any) -> dict[str, tuple[str, ...]] | None:
    """`match: {label: value, other: [value, value]}`: at least one label, values as text."""
    expected = "a mapping of alert labels to a value or a list of values, at least one label"
    if not isinstance(value, dict) or not value:
        problem(f"match {value!r}; expected {expected}")
        return None
    match: dict[str, tuple[str, ...]] = {}
    for name, wanted in value.items():
        values = wanted if isinstance(wanted, list) else [wanted]
        if not isinstance(name, str) or not name:
            problem(f"match label {name!r}; expected a label name")
            return None
        if not values or not all(
            isinstance(v, str | int) and v is not True and v is not False for v in values
        ):
            problem(f"match {name}: {wanted!r}; expected a value or a list of values (text)")
            return None
        match[name] = tuple(str(v) for v in values)
    return match


def alert_problems_for_catalog(
    rules: tuple[AlertRule, ...], component_ids: set[str], config_label: str
) -> list[Problem]:
    """What only the content can tell: rules naming a component components.yml does not have,
    at their line of mkdocs.yml (`config_label`, as messages name it)."""
    return [
        Problem(
            config_label,
            rule.line,
            f"alerts rule for component {rule.component!r}: unknown component; expected one of "
            f"{', '.join(sorted(component_ids))}",
        )
        for rule in rules
        if rule.component not in component_ids
    ]
