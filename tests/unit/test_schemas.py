"""Tests for statusgen/schemas/: the JSON Schemas editors use to complete and check content.

The schemas must be valid, accept the repository's example content, say what the loader says
(its keys, the model's enums, the budgets) and refuse what the loader refuses. They are a
helper while typing; `statusgen check` stays the reference (some rules need the other files
or the clock, which a schema cannot see).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from contentfiles import front_matter, read_yaml
from jsonschema import Draft202012Validator

from statusgen.clock import parse_time
from statusgen.content import SiteLayout, budgets, parse_incident
from statusgen.content.components import load_catalog
from statusgen.content.fieldregistry import phase_keys, published_schema
from statusgen.content.rules import (
    CATALOG_KEYS,
    COMPONENT_KEYS,
    GROUP_KEYS,
    ID_PATTERN,
    INCIDENT_KEYS,
    NO_ESTIMATE,
    POSTMORTEM_KEYS,
    WINDOW_KEYS,
)
from statusgen.model import (
    INCIDENT_COMPONENT_STATUSES,
    MAINTENANCE_COMPONENT_STATUSES,
    MAINTENANCE_PHASE_COMPONENT_STATUSES,
    PHASE_COMPONENT_STATUSES,
    Audience,
    Catalog,
    Component,
    ComponentStatus,
    Group,
    Impact,
    IncidentType,
    PhaseStatus,
    phase_statuses_for,
)
from statusgen.options.mkdocs_yml import read_site_options
from statusgen.problems import Problem

REPO_ROOT = Path(__file__).parents[2]
NOW = datetime(2026, 11, 23, 12, tzinfo=UTC)
Schema = dict[str, Any]


def load_schema(name: str) -> Schema:
    """A schema as the site publishes it (the package's, with the update fields')."""
    schema: Schema = json.loads(published_schema(f"{name}.schema.json"))
    return schema


COMPONENTS_SCHEMA = load_schema("components")
INCIDENT_SCHEMA = load_schema("incident")


def schema_errors(schema: Schema, document: Any) -> list[str]:
    """Every error, as `json path: message`."""
    validator = Draft202012Validator(schema)
    return [f"{e.json_path}: {e.message}" for e in validator.iter_errors(document)]


def show(problems: list[Problem]) -> str:
    return "\n".join(str(p) for p in problems) or "(no problems)"


def edit(text: str, old: str, new: str) -> str:
    """`text` with the single occurrence of `old` replaced by `new`."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


# --------------------------------------------------------------------------------------------
# (a) Valid schemas
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "schema", [COMPONENTS_SCHEMA, INCIDENT_SCHEMA], ids=["components", "incident"]
)
def test_schema_is_a_valid_draft_2020_12_schema(schema: Schema) -> None:
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)
    assert schema["title"] and schema["description"]


@pytest.mark.parametrize(
    ("schema", "name"),
    [(COMPONENTS_SCHEMA, "components"), (INCIDENT_SCHEMA, "incident")],
    ids=["components", "incident"],
)
def test_schema_id_is_its_file_name(schema: Schema, name: str) -> None:
    """A relative $id: the schema resolves wherever the site publishes it."""
    assert schema["$id"] == f"{name}.schema.json"


def documented_properties(schema: Schema, path: str = "$") -> Iterator[tuple[str, Schema]]:
    """Every property schema under `properties`, with its path; the if/then/else branches
    only narrow properties declared (and described) in the main schema, so they are left out."""
    for name, child in schema.get("properties", {}).items():
        yield f"{path}.{name}", child
        yield from documented_properties(child, f"{path}.{name}")
    for key in ("items", "additionalProperties"):
        if isinstance(schema.get(key), dict):
            yield from documented_properties(schema[key], f"{path}.{key}")


@pytest.mark.parametrize(
    "schema", [COMPONENTS_SCHEMA, INCIDENT_SCHEMA], ids=["components", "incident"]
)
def test_every_property_says_what_it_is_its_default_and_an_example(schema: Schema) -> None:
    properties = dict(documented_properties(schema))
    assert len(properties) >= 10
    for path, child in properties.items():
        description = child.get("description", "")
        assert len(description) > 30, f"{path} has no real description"
        assert "Example" in description, f"{path}: no example in {description!r}"
        assert "default" in description or "Required" in description, (
            f"{path}: says neither its default nor that it is required: {description!r}"
        )


def all_subschemas(schema: Any) -> Iterator[Schema]:
    if isinstance(schema, dict):
        yield schema
        for value in schema.values():
            yield from all_subschemas(value)
    elif isinstance(schema, list):
        for value in schema:
            yield from all_subschemas(value)


@pytest.mark.parametrize(
    "schema", [COMPONENTS_SCHEMA, INCIDENT_SCHEMA], ids=["components", "incident"]
)
def test_enum_descriptions_match_their_values(schema: Schema) -> None:
    """Editors pair `enumDescriptions` with `enum` by position."""
    with_descriptions = [s for s in all_subschemas(schema) if "enumDescriptions" in s]
    assert with_descriptions
    for sub in with_descriptions:
        assert len(sub["enumDescriptions"]) == len(sub["enum"]), sub


# --------------------------------------------------------------------------------------------
# (b) The repository's example content validates
# --------------------------------------------------------------------------------------------

EXAMPLE_INCIDENTS = sorted((REPO_ROOT / "incidents").rglob("*.md"))


def test_text_times_loader_keeps_times_as_written() -> None:
    document = read_yaml("at: 2026-11-22T14:03:00Z\nsince: 2025-06-01\nsla: 99.5\n")
    assert document == {"at": "2026-11-22T14:03:00Z", "since": "2025-06-01", "sla": 99.5}


def test_example_components_file_validates() -> None:
    """Against the schema the example site publishes, of its languages."""
    document = read_yaml((REPO_ROOT / "components.yml").read_text("utf-8"))
    languages = read_site_options(REPO_ROOT).languages
    schema = json.loads(published_schema("components.schema.json", languages))
    assert schema_errors(schema, document) == []


def test_there_are_example_incidents_of_both_types() -> None:
    types = {front_matter(p.read_text("utf-8")).get("type") for p in EXAMPLE_INCIDENTS}
    assert len(EXAMPLE_INCIDENTS) >= 10
    assert types == {None, "maintenance"}


@pytest.mark.parametrize(
    "path", EXAMPLE_INCIDENTS, ids=[p.relative_to(REPO_ROOT).as_posix() for p in EXAMPLE_INCIDENTS]
)
def test_example_incident_front_matter_validates(path: Path) -> None:
    """Against the schema the example site publishes, of its languages."""
    languages = read_site_options(REPO_ROOT).languages
    schema = json.loads(published_schema("incident.schema.json", languages))
    assert schema_errors(schema, front_matter(path.read_text("utf-8"))) == []


# --------------------------------------------------------------------------------------------
# (c) The schemas say what the loader and the model say
# --------------------------------------------------------------------------------------------

GROUP = COMPONENTS_SCHEMA["properties"]["groups"]["items"]
COMPONENT = GROUP["properties"]["components"]["items"]
PHASE = INCIDENT_SCHEMA["properties"]["phases"]["items"]
WINDOW = INCIDENT_SCHEMA["properties"]["scheduled"]
MAINTENANCE_RULES = INCIDENT_SCHEMA["then"]["properties"]
INCIDENT_RULES = INCIDENT_SCHEMA["else"]["properties"]


@pytest.mark.parametrize(
    ("mapping", "keys"),
    [
        (COMPONENTS_SCHEMA, CATALOG_KEYS),
        (GROUP, GROUP_KEYS),
        (COMPONENT, COMPONENT_KEYS),
        (INCIDENT_SCHEMA, INCIDENT_KEYS),
        (PHASE, phase_keys()),
        (WINDOW, WINDOW_KEYS),
        (INCIDENT_SCHEMA["properties"]["postmortem"], POSTMORTEM_KEYS),
    ],
    ids=["catalog", "group", "component", "incident", "phase", "window", "postmortem"],
)
def test_properties_are_the_loaders_keys_and_no_others(
    mapping: Schema, keys: tuple[str, ...]
) -> None:
    assert tuple(mapping["properties"]) == keys
    assert mapping["additionalProperties"] is False
    assert mapping["type"] == "object"


def values(items: Any) -> list[str]:
    return [item.value for item in items]


def test_enums_are_the_models() -> None:
    incident = INCIDENT_SCHEMA["properties"]
    assert incident["type"]["enum"] == values(IncidentType)
    assert incident["impact"]["enum"] == values(Impact)
    for audience in (incident["audience"], PHASE["properties"]["audience"]):
        assert audience["enum"] == values(Audience)
    assert COMPONENT["properties"]["audience"]["enum"] == values(Audience)

    maintenance_statuses = phase_statuses_for(IncidentType.MAINTENANCE)
    incident_statuses = phase_statuses_for(IncidentType.INCIDENT)
    assert MAINTENANCE_RULES["phases"]["items"]["properties"]["status"]["enum"] == values(
        maintenance_statuses
    )
    assert INCIDENT_RULES["phases"]["items"]["properties"]["status"]["enum"] == values(
        incident_statuses
    )
    assert set(maintenance_statuses) | set(incident_statuses) == set(PhaseStatus)

    def statuses(rules: Schema, phase: bool) -> list[str]:
        mapping = (
            rules["phases"]["items"]["properties"]["components"] if phase else rules["components"]
        )
        result: list[str] = mapping["additionalProperties"]["enum"]
        return result

    assert statuses(INCIDENT_RULES, phase=False) == values(INCIDENT_COMPONENT_STATUSES)
    assert statuses(INCIDENT_RULES, phase=True) == values(PHASE_COMPONENT_STATUSES)
    assert statuses(MAINTENANCE_RULES, phase=False) == values(MAINTENANCE_COMPONENT_STATUSES)
    assert statuses(MAINTENANCE_RULES, phase=True) == values(MAINTENANCE_PHASE_COMPONENT_STATUSES)
    assert set(PHASE_COMPONENT_STATUSES) | set(MAINTENANCE_PHASE_COMPONENT_STATUSES) == set(
        ComponentStatus
    )


def test_defaults_are_the_models() -> None:
    incident = INCIDENT_SCHEMA["properties"]
    assert incident["type"]["default"] == IncidentType.INCIDENT.value
    for audience in (
        incident["audience"],
        PHASE["properties"]["audience"],
        COMPONENT["properties"]["audience"],
    ):
        assert audience["default"] == Audience.PUBLIC.value


def test_lengths_are_the_budgets() -> None:
    incident = INCIDENT_SCHEMA["properties"]
    assert incident["title"]["maxLength"] == budgets.TITLE.limit
    assert incident["workaround"]["maxLength"] == budgets.WORKAROUND.limit
    assert PHASE["properties"]["affected"]["maxLength"] == budgets.AFFECTED.limit
    assert PHASE["properties"]["message"]["maxLength"] == budgets.MESSAGE.limit
    assert incident["phases"]["maxItems"] == budgets.PHASES.limit
    assert incident["phases"]["minItems"] == 1
    assert GROUP["properties"]["name"]["maxLength"] == budgets.NAME.limit
    assert COMPONENT["properties"]["name"]["maxLength"] == budgets.NAME.limit
    assert GROUP["properties"]["description"]["maxLength"] == budgets.DESCRIPTION.limit
    assert COMPONENT["properties"]["description"]["maxLength"] == budgets.DESCRIPTION.limit


def test_id_pattern_is_the_loaders_anchored() -> None:
    anchored = f"^{ID_PATTERN.pattern}$"
    assert COMPONENT["properties"]["id"]["pattern"] == anchored
    assert INCIDENT_SCHEMA["properties"]["components"]["propertyNames"]["pattern"] == anchored
    assert PHASE["properties"]["components"]["propertyNames"]["pattern"] == anchored


TIME_PATTERN: str = PHASE["properties"]["at"]["pattern"]


def test_every_time_uses_the_same_pattern() -> None:
    times = [
        PHASE["properties"]["next_update"],
        PHASE["properties"]["estimate"]["anyOf"][0],
        INCIDENT_SCHEMA["properties"]["postmortem"]["properties"]["at"],
        WINDOW["properties"]["start"],
        WINDOW["properties"]["end"],
    ]
    assert [t["pattern"] for t in times] == [TIME_PATTERN] * 5


def test_the_estimate_is_withdrawn_with_the_loaders_word() -> None:
    assert PHASE["properties"]["estimate"]["anyOf"][1] == {"const": NO_ESTIMATE}


@pytest.mark.parametrize(
    "written",
    [
        "2026-11-22T14:03:00Z",
        "2026-11-22T15:33:00+01:30",
        "2026-11-22T09:03:00-05:00",
        "2026-11-22 14:03:00Z",
        "2026-11-22T14:03:00.000Z",
        "2026-11-22T14:03Z",
        "1970-01-01T00:00:00Z",
        "2999-12-31T23:59:59Z",
        # refused by both:
        "2026-11-22T14:03:00",
        "2026-11-22",
        "1969-12-31T23:59:59Z",
        "3000-01-01T00:00:00Z",
        "2026-13-01T00:00:00Z",
        "2026-11-22T24:00:00Z",
        "2026-11-22T14:03:00+25:00",
        "yesterday",
    ],
)
def test_time_pattern_agrees_with_the_loader(written: str) -> None:
    """On the usual ways to write a time (the loader also takes rarer ISO 8601 forms, such as
    20261122T140300Z, which the schema flags: `check` is the reference)."""
    loader_accepts = parse_time(written)[0] is not None
    assert (re.search(TIME_PATTERN, written) is not None) is loader_accepts


@pytest.mark.parametrize(
    ("written", "accepted"),
    [
        ("2025-06-01", True),
        ("2025-06-01T09:00:00+02:00", True),
        ("2025-06-01T09:00:00", False),
        ("1969-12-31", False),
        ("3000-01-01", False),
        ("June 2025", False),
    ],
)
def test_since_takes_a_date_or_a_time(written: str, accepted: bool) -> None:
    pattern = COMPONENT["properties"]["since"]["pattern"]
    assert (re.search(pattern, written) is not None) is accepted


# --------------------------------------------------------------------------------------------
# (d) What the loader refuses, the schemas refuse
# --------------------------------------------------------------------------------------------

CATALOG = Catalog(
    groups=(
        Group(
            name="Core platform",
            components=(
                Component(id="api", name="Public API", group="Core platform"),
                Component(id="database", name="Managed databases", group="Core platform"),
            ),
        ),
    )
)

INCIDENT = """\
---
title: Elevated error rates on the API
impact: major
components:
  api: partial_outage
phases:
  - at: 2026-11-22T14:03:00Z
    status: investigating
    message: We are investigating elevated error rates on the API.
    next_update: 2026-11-22T14:30:00Z
  - at: 2026-11-22T14:20:00Z
    status: resolved
    components: {api: operational}
    message: Error rates are back to normal.
---
"""

MAINTENANCE = """\
---
title: Database upgrade
type: maintenance
components:
  database: under_maintenance
scheduled:
  start: 2026-12-02T02:00:00Z
  end: 2026-12-02T04:00:00Z
phases:
  - at: 2026-11-20T10:00:00Z
    status: scheduled
    message: We will upgrade the databases.
---
"""

COMPONENTS = """\
groups:
  - name: Core platform
    description: What you build on.
    components:
      - id: api
        name: Public API
        sla: 99.95
      - id: payments
        name: Payments provider
        upstream: https://status.example.com
        since: 2025-06-01
        audience: internal
"""


def loader_incident_problems(text: str) -> list[Problem]:
    problems: list[Problem] = []
    incident = parse_incident(
        text, "2026-11-22-api-errors", "incidents/2026-11-22-api-errors.md", CATALOG, NOW, problems
    )
    assert (incident is None) == bool(problems), show(problems)
    return problems


def loader_components_problems(root: Path, text: str) -> list[Problem]:
    (root / "components.yml").write_text(text, encoding="utf-8")
    problems: list[Problem] = []
    load_catalog(SiteLayout(root=root), problems)
    return problems


@pytest.mark.parametrize("text", [INCIDENT, MAINTENANCE], ids=["incident", "maintenance"])
def test_base_incidents_are_valid_for_both(text: str) -> None:
    assert loader_incident_problems(text) == []
    assert schema_errors(INCIDENT_SCHEMA, front_matter(text)) == []


def test_base_components_file_is_valid_for_both(tmp_path: Path) -> None:
    assert loader_components_problems(tmp_path, COMPONENTS) == []
    assert schema_errors(COMPONENTS_SCHEMA, read_yaml(COMPONENTS)) == []


LONG_TITLE = "T" * (budgets.TITLE.limit + 1)
LONG_MESSAGE = "M" * (budgets.MESSAGE.limit + 1)
LONG_WORKAROUND = "W" * (budgets.WORKAROUND.limit + 1)
LONG_NAME = "N" * (budgets.NAME.limit + 1)
LONG_DESCRIPTION = "D" * (budgets.DESCRIPTION.limit + 1)
_MAINTENANCE_PHASES = (
    "phases:\n"
    "  - at: 2026-11-20T10:00:00Z\n"
    "    status: scheduled\n"
    "    message: We will upgrade the databases.\n"
)
_WINDOW = "scheduled:\n  start: 2026-12-02T02:00:00Z\n  end: 2026-12-02T04:00:00Z\n"

#: (id, invalid text, where the schema objects (JSON path), what the loader says)
INVALID_INCIDENTS: list[tuple[str, str, str, str]] = [
    # -- unknown keys and values
    (
        "unknown-key",
        edit(INCIDENT, "impact: major\n", "impact: major\nseverity: 2\n"),
        "$",
        "unknown key 'severity'",
    ),
    (
        "unknown-key-in-update",
        edit(INCIDENT, "    status: resolved\n", "    status: resolved\n    author: sam\n"),
        "$.phases[1]",
        "unknown key 'author'",
    ),
    (
        "unknown-key-in-window",
        edit(
            MAINTENANCE, "  end: 2026-12-02T04:00:00Z\n", "  end: 2026-12-02T04:00:00Z\n  tz: UTC\n"
        ),
        "$.scheduled",
        "unknown key 'tz'",
    ),
    (
        "unknown-type",
        edit(INCIDENT, "impact: major\n", "impact: major\ntype: outage\n"),
        "$.type",
        "unknown type 'outage'",
    ),
    (
        "unknown-impact",
        edit(INCIDENT, "impact: major", "impact: severe"),
        "$.impact",
        "unknown impact 'severe'",
    ),
    (
        "unknown-audience",
        edit(INCIDENT, "impact: major\n", "impact: major\naudience: staff\n"),
        "$.audience",
        "unknown audience 'staff'",
    ),
    (
        "component-id-with-a-capital",
        edit(INCIDENT, "api: partial_outage", "Api: partial_outage"),
        "$.components",
        "unknown component 'Api'",
    ),
    # -- statuses, per type
    (
        "unknown-update-status",
        edit(INCIDENT, "status: investigating", "status: fixed"),
        "$.phases[0].status",
        "unknown update status 'fixed'",
    ),
    (
        "maintenance-status-in-incident",
        edit(INCIDENT, "status: investigating", "status: in_progress"),
        "$.phases[0].status",
        "unknown update status 'in_progress'",
    ),
    (
        "incident-status-in-maintenance",
        edit(MAINTENANCE, "status: scheduled", "status: identified"),
        "$.phases[0].status",
        "unknown update status 'identified'",
    ),
    (
        "unknown-component-status",
        edit(INCIDENT, "api: partial_outage", "api: down"),
        "$.components.api",
        "unknown status of 'api' 'down'",
    ),
    (
        "under-maintenance-in-incident",
        edit(INCIDENT, "api: partial_outage", "api: under_maintenance"),
        "$.components.api",
        "unknown status of 'api' 'under_maintenance'",
    ),
    (
        "outage-in-maintenance",
        edit(MAINTENANCE, "database: under_maintenance", "database: major_outage"),
        "$.components.database",
        "unknown status of 'database' 'major_outage'",
    ),
    (
        "under-maintenance-in-incident-update",
        edit(INCIDENT, "{api: operational}", "{api: under_maintenance}"),
        "$.phases[1].components.api",
        "unknown status of 'api' 'under_maintenance'",
    ),
    # -- times
    (
        "time-without-offset",
        edit(INCIDENT, "at: 2026-11-22T14:03:00Z", "at: 2026-11-22T14:03:00"),
        "$.phases[0].at",
        "has no UTC offset",
    ),
    (
        "date-instead-of-time",
        edit(INCIDENT, "next_update: 2026-11-22T14:30:00Z", "next_update: 2026-11-22"),
        "$.phases[0].next_update",
        "has no UTC offset",
    ),
    (
        "year-out-of-range",
        edit(MAINTENANCE, "end: 2026-12-02T04:00:00Z", "end: 3000-12-02T04:00:00Z"),
        "$.scheduled.end",
        "is out of range",
    ),
    # -- texts and their budgets
    (
        "missing-title",
        edit(INCIDENT, "title: Elevated error rates on the API\n", ""),
        "$",
        "missing key 'title'",
    ),
    (
        "blank-title",
        edit(INCIDENT, "title: Elevated error rates on the API", 'title: " "'),
        "$.title",
        "title is empty",
    ),
    (
        "title-too-long",
        edit(INCIDENT, "title: Elevated error rates on the API", f"title: {LONG_TITLE}"),
        "$.title",
        "the title is 1,101 characters; expected at most 1,100",
    ),
    (
        "message-too-long",
        edit(INCIDENT, "message: Error rates are back to normal.", f"message: {LONG_MESSAGE}"),
        "$.phases[1].message",
        "the message is 36,001 characters; expected at most 36,000",
    ),
    (
        "workaround-too-long",
        edit(INCIDENT, "impact: major\n", f"impact: major\nworkaround: {LONG_WORKAROUND}\n"),
        "$.workaround",
        "the workaround is 4,001 characters; expected at most 4,000",
    ),
    (
        "placeholder-message",
        edit(INCIDENT, "message: Error rates are back to normal.", 'message: "TODO: write"'),
        "$.phases[1].message",
        "message is still the template placeholder",
    ),
    (
        "missing-message",
        edit(INCIDENT, "    message: Error rates are back to normal.\n", ""),
        "$.phases[1]",
        "update without 'message'",
    ),
    # -- what an incident or a maintenance must have
    (
        "missing-impact",
        edit(INCIDENT, "impact: major\n", ""),
        "$",
        "missing key 'impact'",
    ),
    (
        "no-updates",
        edit(MAINTENANCE, _MAINTENANCE_PHASES, "phases: []\n"),
        "$.phases",
        "phases is empty",
    ),
    (
        "maintenance-without-scheduled",
        edit(MAINTENANCE, _WINDOW, ""),
        "$",
        "missing key 'scheduled'",
    ),
    (
        # jsonschema reports a `false` subschema at its parent; editors mark `scheduled`.
        "scheduled-on-an-incident",
        edit(INCIDENT, "impact: major\n", "impact: major\n" + _WINDOW),
        "$",
        "'scheduled' is only for maintenance",
    ),
    # -- estimate, who is affected, postmortem
    (
        "estimate-without-offset",
        edit(
            INCIDENT, "    next_update: 2026-11-22T14:30:00Z\n", "    estimate: 2026-11-22T16:00\n"
        ),
        "$.phases[0].estimate",
        "has no UTC offset",
    ),
    (
        "estimate-on-a-maintenance",
        edit(
            MAINTENANCE,
            "    status: scheduled\n",
            "    status: scheduled\n    estimate: 2026-12-02T04:00:00Z\n",
        ),
        "$.phases[0]",
        "'estimate' is for incidents",
    ),
    (
        "affected-on-two-lines",
        edit(
            INCIDENT,
            "    status: resolved\n",
            '    status: resolved\n    affected: "EU customers\\nand US ones"\n',
        ),
        "$.phases[1].affected",
        "affected text holds several lines",
    ),
    (
        "affected-too-long",
        edit(
            INCIDENT, "    status: resolved\n", f"    status: resolved\n    affected: {'A' * 201}\n"
        ),
        "$.phases[1].affected",
        "the affected text is 201 characters; expected at most 200",
    ),
    (
        "postmortem-without-at",
        edit(INCIDENT, "impact: major\n", "impact: major\npostmortem: {}\n"),
        "$.postmortem",
        "postmortem has no 'at'",
    ),
    (
        "postmortem-on-a-maintenance",
        edit(
            MAINTENANCE,
            "type: maintenance\n",
            "type: maintenance\npostmortem: {at: 2026-11-21T10:00:00Z}\n",
        ),
        "$",
        "'postmortem' is for incidents",
    ),
    (
        "window-without-end",
        edit(MAINTENANCE, "  end: 2026-12-02T04:00:00Z\n", ""),
        "$.scheduled",
        "scheduled has no 'end'",
    ),
]


@pytest.mark.parametrize(
    ("text", "where", "loader_says"),
    [pytest.param(*case[1:], id=case[0]) for case in INVALID_INCIDENTS],
)
def test_invalid_incident_is_refused_by_schema_and_loader(
    text: str, where: str, loader_says: str
) -> None:
    problems = loader_incident_problems(text)
    assert any(loader_says in p.message for p in problems), show(problems)
    errors = schema_errors(INCIDENT_SCHEMA, front_matter(text))
    assert any(e.startswith(f"{where}: ") for e in errors), errors


#: (id, invalid text, where the schema objects (JSON path), what the loader says)
INVALID_COMPONENTS: list[tuple[str, str, str, str]] = [
    (
        "unknown-top-level-key",
        edit(COMPONENTS, "groups:\n", "theme: dark\ngroups:\n"),
        "$",
        "unknown key 'theme'",
    ),
    (
        "unknown-group-key",
        edit(COMPONENTS, "    components:\n", "    icon: cloud\n    components:\n"),
        "$.groups[0]",
        "unknown key 'icon'",
    ),
    (
        "unknown-component-key",
        edit(COMPONENTS, "        sla: 99.95\n", "        sla: 99.95\n        colour: red\n"),
        "$.groups[0].components[0]",
        "unknown key 'colour'",
    ),
    (
        "id-with-a-capital",
        edit(COMPONENTS, "id: api", "id: Api"),
        "$.groups[0].components[0].id",
        "component id 'Api' is not allowed",
    ),
    (
        "missing-id",
        edit(
            COMPONENTS, "      - id: api\n        name: Public API\n", "      - name: Public API\n"
        ),
        "$.groups[0].components[0]",
        "component without 'id'",
    ),
    (
        "group-without-components",
        edit(COMPONENTS, "    components:\n", "  - name: Data\n    components:\n"),
        "$.groups[0]",
        "group 'Core platform' has no 'components'",
    ),
    (
        "group-name-without-letters",
        edit(COMPONENTS, "name: Core platform", 'name: "--"'),
        "$.groups[0].name",
        "gives an empty id",
    ),
    (
        "name-too-long",
        edit(COMPONENTS, "name: Public API", f"name: {LONG_NAME}"),
        "$.groups[0].components[0].name",
        "the component name is 401 characters; expected at most 400",
    ),
    (
        "description-too-long",
        edit(COMPONENTS, "description: What you build on.", f"description: {LONG_DESCRIPTION}"),
        "$.groups[0].description",
        "the group description is 1,001 characters; expected at most 1,000",
    ),
    (
        "sla-over-100",
        edit(COMPONENTS, "sla: 99.95", "sla: 100.5"),
        "$.groups[0].components[0].sla",
        "expected a number from 0 to 100",
    ),
    (
        "sla-as-text",
        edit(COMPONENTS, "sla: 99.95", 'sla: "99.95"'),
        "$.groups[0].components[0].sla",
        "expected a number from 0 to 100",
    ),
    (
        "upstream-not-a-url",
        edit(COMPONENTS, "upstream: https://status.example.com", "upstream: status.example.com"),
        "$.groups[0].components[1].upstream",
        "is not a URL",
    ),
    (
        "since-without-offset",
        edit(COMPONENTS, "since: 2025-06-01", "since: 2025-06-01T09:00:00"),
        "$.groups[0].components[1].since",
        "has no UTC offset",
    ),
    (
        "since-before-1970",
        edit(COMPONENTS, "since: 2025-06-01", "since: 1969-12-31"),
        "$.groups[0].components[1].since",
        "is out of range",
    ),
    (
        "unknown-audience",
        edit(COMPONENTS, "audience: internal", "audience: staff"),
        "$.groups[0].components[1].audience",
        "unknown audience 'staff'",
    ),
]


@pytest.mark.parametrize(
    ("text", "where", "loader_says"),
    [pytest.param(*case[1:], id=case[0]) for case in INVALID_COMPONENTS],
)
def test_invalid_components_file_is_refused_by_schema_and_loader(
    tmp_path: Path, text: str, where: str, loader_says: str
) -> None:
    problems = loader_components_problems(tmp_path, text)
    assert any(loader_says in p.message for p in problems), show(problems)
    errors = schema_errors(COMPONENTS_SCHEMA, read_yaml(text))
    assert any(e.startswith(f"{where}: ") for e in errors), errors
