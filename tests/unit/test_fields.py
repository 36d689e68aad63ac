"""The estimated resolution, who is affected and the postmortem record: loaded from real
incident text, carried from update to update, seen per audience, and written by the CLI's
text edits without touching anything else in the file."""

from __future__ import annotations

from datetime import UTC, datetime
from types import MappingProxyType

import pytest

from statusgen.content import parse_incident
from statusgen.content.writing import (
    AuthoringError,
    append_phase,
    append_postmortem,
    postmortem_template,
)
from statusgen.derive.audience import for_audience
from statusgen.derive.fields import EstimateChange, update_facts
from statusgen.model import (
    Audience,
    Catalog,
    Component,
    Group,
    Incident,
    Phase,
    PhaseStatus,
    StatusSite,
)
from statusgen.problems import Problem

NOW = datetime(2026, 11, 23, 12, tzinfo=UTC)
CATALOG = Catalog(
    groups=(Group(name="Core", components=(Component(id="api", name="API", group="Core"),)),)
)


def at(hour: int, minute: int = 0, day: int = 22) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=UTC)


def load(text: str) -> Incident:
    problems: list[Problem] = []
    incident = parse_incident(text, "2026-11-22-x", "incidents/x.md", CATALOG, NOW, problems)
    assert incident is not None, "\n".join(map(str, problems))
    return incident


INCIDENT = """\
---
title: Checkout errors
impact: major
components: {api: partial_outage}
phases:
  - at: 2026-11-22T14:00:00Z
    status: investigating
    message: Errors at checkout.
    estimate: 2026-11-22T17:00:00+02:00
    affected: "  EU customers on the Pro plan; checkout  "
  - at: 2026-11-22T14:30:00Z
    status: identified
    message: Cause found.
    estimate: 2026-11-22T15:00:00Z
  - at: 2026-11-22T14:40:00Z
    status: identified
    message: Still on it.
    estimate: 2026-11-22T16:30:00Z
    affected: "EU and US customers; checkout"
  - at: 2026-11-22T15:00:00Z
    status: monitoring
    message: Fix deployed.
    estimate: none
  - at: 2026-11-22T15:20:00Z
    status: monitoring
    message: Watching.
    estimate: 2026-11-22T15:45:00Z
  - at: 2026-11-22T15:40:00Z
    status: resolved
    message: Resolved.
postmortem:
  at: 2026-11-23T09:00:00+01:00
---
## Postmortem

A bad deploy.
"""


def test_the_fields_load_in_utc_and_plain() -> None:
    incident = load(INCIDENT)
    first, second, third, fourth, *_ = incident.phases
    assert first.estimate_at == at(15)  # 17:00+02:00
    assert first.affected == "EU customers on the Pro plan; checkout"
    assert second.estimate_at == at(15) and second.affected is None
    assert fourth.estimate_at is None and fourth.withdraws_estimate
    assert incident.postmortem_at == at(8, day=23)


def test_each_update_says_what_it_changed_and_the_resolution_ends_the_estimate() -> None:
    incident = load(INCIDENT)
    facts = update_facts(incident)
    changes = [f.estimate_change for f in facts]
    # 17:00+02:00 is 15:00Z, so the second update restates the same estimate: no change.
    assert changes[0] == EstimateChange(None, at(15))
    assert changes[0].kind == "set"
    assert changes[1] is None
    assert changes[2] == EstimateChange(at(15), at(16, 30)) and changes[2].kind == "moved"
    assert changes[3] == EstimateChange(at(16, 30), None) and changes[3].kind == "withdrawn"
    assert changes[4] == EstimateChange(None, at(15, 45))
    assert changes[5] is None
    assert [f.estimate_at for f in facts] == [at(15), at(15), at(16, 30), None, at(15, 45), None]
    assert facts[-1].estimate_at is None
    assert [f.affected_changed for f in facts] == [True, False, True, False, False, False]
    # Who was affected stays on record after the resolution.
    assert facts[-1].affected == "EU and US customers; checkout"


def test_an_open_incident_carries_its_latest_estimate() -> None:
    text = INCIDENT.split("  - at: 2026-11-22T15:00:00Z")[0] + "---\n"
    incident = load(text)
    latest = update_facts(incident)[-1]
    assert latest.estimate_at == at(16, 30)
    assert latest.affected == "EU and US customers; checkout"


def test_an_internal_estimate_never_shows_through_the_public_view() -> None:
    text = INCIDENT.replace(
        "    message: Cause found.\n", "    message: Cause found.\n    audience: internal\n"
    ).replace("    estimate: 2026-11-22T15:00:00Z\n", "    estimate: 2026-11-22T15:10:00Z\n")
    site = StatusSite(catalog=CATALOG, incidents=(load(text),))
    internal = update_facts(for_audience(site, Audience.INTERNAL).incidents[0])
    public = update_facts(for_audience(site, Audience.PUBLIC).incidents[0])
    assert internal[2].estimate_change == EstimateChange(at(15, 10), at(16, 30))
    # The public never saw 15:10: its "moved from" is the estimate it was shown.
    assert public[1].estimate_change == EstimateChange(at(15), at(16, 30))


# -- the CLI's text edits ----------------------------------------------------------------------

OPEN = INCIDENT.split("  - at: 2026-11-22T15:00:00Z")[0] + "---\n"
SECTIONS = [("Impact", "who was affected"), ("Root cause", "what went wrong")]


def test_an_appended_update_writes_the_fields_that_load_back() -> None:
    phase = Phase(
        at=at(15),
        status=PhaseStatus.MONITORING,
        message="Fix deployed.",
        estimate_at=at(16),
        stated=MappingProxyType({"affected": 'Customers "on" #2'}),
    )
    appended = load(append_phase(OPEN, phase)).last_phase
    assert appended.estimate_at == at(16)
    assert appended.affected == 'Customers "on" #2'
    withdraw = Phase(
        at=at(15), status=PhaseStatus.MONITORING, message="Fix.", withdraws_estimate=True
    )
    text = append_phase(OPEN, withdraw)
    assert "    estimate: none\n" in text
    assert load(text).last_phase.withdraws_estimate


RESOLVED = INCIDENT.split("postmortem:")[0] + "---\n"


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_the_postmortem_is_appended_and_nothing_else_changes(newline: str) -> None:
    text = "\ufeff" + RESOLVED.replace("\n", newline)
    result = append_postmortem(text, at(9, day=23), postmortem_template("Postmortem", SECTIONS))
    front, body = result.split(f"{newline}---{newline}", 1)
    assert result.startswith(text[: text.index(f"{newline}---{newline}")])
    assert front.endswith(f"postmortem:{newline}  at: 2026-11-23T09:00:00Z")
    assert body == newline.join(
        [
            "",
            "## Postmortem",
            "",
            "### Impact",
            "",
            "TODO: who was affected",
            "",
            "### Root cause",
            "",
            "TODO: what went wrong",
            "",
        ]
    )
    problems: list[Problem] = []
    draft = result.removeprefix("\ufeff")
    incident = parse_incident(draft, "x", "incidents/x.md", CATALOG, NOW, problems, draft=True)
    assert incident is not None and incident.postmortem_at == at(9, day=23), problems
    parse_incident(draft, "x", "incidents/x.md", CATALOG, NOW, problems)
    # Every section left to write, each at its line, in one run of the check.
    assert [p.message.split(";")[0] for p in problems] == [
        "the postmortem still holds the template's placeholder"
    ] * 2
    assert len({p.line for p in problems}) == 2


def test_a_postmortem_keeps_a_body_already_written() -> None:
    result = append_postmortem(
        INCIDENT.split("postmortem:")[0] + "---\nDetails.", at(9, day=23), "## P\n"
    )
    assert result.endswith("---\nDetails.\n\n## P\n")


@pytest.mark.parametrize(
    "text",
    [
        INCIDENT,  # recorded already
        "---\n  title: x\n  phases: []\n---\n",  # an indented root: a new key would not join it
        "no front matter\n",
    ],
    ids=["recorded-already", "indented-root", "no-front-matter"],
)
def test_a_postmortem_is_refused_where_it_cannot_be_appended_cleanly(text: str) -> None:
    with pytest.raises(AuthoringError):
        append_postmortem(text, at(9, day=23), "## P\n")
