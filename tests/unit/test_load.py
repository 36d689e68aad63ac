"""Tests for statusgen.content: every rule of the format names the exact file, line and problem.

Line numbers in the expectations were counted by hand in the files written here: the front
matter starts after the opening `---` (line 1), so `title:` on the next line is line 2.
A problem with line 0 concerns the whole file.
"""

from __future__ import annotations

import contextlib
import os
import signal
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from statusgen.content import SiteLayout, check_site
from statusgen.model import (
    Audience,
    ComponentStatus,
    Impact,
    IncidentType,
    PhaseStatus,
    StatusSite,
)
from statusgen.options.mkdocs_yml import read_site_layout
from statusgen.problems import Problem

NOW = datetime(2026, 11, 23, 12, tzinfo=UTC)
REPO_ROOT = Path(__file__).parents[2]

# --------------------------------------------------------------------------------------------
# Fixture content
# --------------------------------------------------------------------------------------------

#: components.yml used by every incident test (line numbers on the right).
COMPONENTS = """\
groups:
  - name: Core platform
    components:
      - id: api
        name: Public API
      - id: dashboard
        name: Dashboard
      - id: internal-ci
        name: Internal CI
        audience: internal
  - name: Data
    components:
      - id: database
        name: Managed databases
        since: 2025-06-01
"""
# line 1  groups:
# line 2    - name: Core platform
# line 3      components:
# line 4        - id: api
# line 5          name: Public API
# line 6        - id: dashboard
# line 7          name: Dashboard
# line 8        - id: internal-ci
# line 9          name: Internal CI
# line 10         audience: internal
# line 11   - name: Data
# line 12     components:
# line 13       - id: database
# line 14         name: Managed databases
# line 15         since: 2025-06-01

#: A valid incident (line numbers on the right).
INCIDENT = """\
---
title: Elevated error rates on the API
impact: major
components:
  api: partial_outage
phases:
  - at: 2026-11-22T14:03:00Z
    status: investigating
    message: We are investigating elevated error rates.
  - at: 2026-11-22T15:10:00Z
    status: resolved
    message: Error rates are back to normal.
---
Body.
"""
# line 1  ---
# line 2  title: Elevated error rates on the API
# line 3  impact: major
# line 4  components:
# line 5    api: partial_outage
# line 6  phases:
# line 7    - at: 2026-11-22T14:03:00Z
# line 8      status: investigating
# line 9      message: We are investigating elevated error rates.
# line 10   - at: 2026-11-22T15:10:00Z
# line 11     status: resolved
# line 12     message: Error rates are back to normal.
# line 13 ---
# line 14 Body.

#: A valid maintenance, announced ahead (line numbers on the right).
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
  - at: 2026-11-18T14:00:00Z
    status: scheduled
    message: We will upgrade the databases.
---
"""
# line 1  ---
# line 2  title: Database upgrade
# line 3  type: maintenance
# line 4  components:
# line 5    database: under_maintenance
# line 6  scheduled:
# line 7    start: 2026-12-02T02:00:00Z
# line 8    end: 2026-12-02T04:00:00Z
# line 9  phases:
# line 10   - at: 2026-11-18T14:00:00Z
# line 11     status: scheduled
# line 12     message: We will upgrade the databases.
# line 13 ---

INCIDENT_PATH = "incidents/2026-11-22-api-errors.md"


def edit(text: str, old: str, new: str) -> str:
    """`text` with the single occurrence of `old` replaced by `new`."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def write(root: Path, relative: str, content: str | bytes) -> Path:
    """Write one file below root, creating folders."""
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode("utf-8"))
    return path


def make_site(
    root: Path,
    incidents: dict[str, str | bytes] | None = None,
    components: str | bytes | None = COMPONENTS,
) -> SiteLayout:
    """A site in `root`: components.yml (unless None) and files keyed by path below the root."""
    root.mkdir(parents=True, exist_ok=True)
    if components is not None:
        write(root, "components.yml", components)
    for relative, content in (incidents or {}).items():
        write(root, relative, content)
    return SiteLayout(root=root)


def check(root: Path) -> tuple[StatusSite, list[Problem]]:
    return check_site(SiteLayout(root=root), NOW)


def show(problems: list[Problem]) -> str:
    return "\n".join(str(p) for p in problems) or "(no problems)"


def assert_problems(problems: list[Problem], path: str, expected: list[tuple[int, str]]) -> None:
    """Exactly the expected problems: all in `path`, each (line, message substring) once."""
    assert all(isinstance(p, Problem) for p in problems)
    assert [p for p in problems if p.path != path] == [], show(problems)
    unmatched = list(problems)
    for line, substring in expected:
        match = next((p for p in unmatched if p.line == line and substring in p.message), None)
        assert match is not None, (
            f"no problem at {path}:{line} with {substring!r}; got:\n{show(problems)}"
        )
        unmatched.remove(match)
    assert unmatched == [], f"unexpected problems:\n{show(unmatched)}"


class Hang(BaseException):
    """Raised by `deadline`; not an OSError or Exception, so the loader cannot swallow it."""


@contextlib.contextmanager
def deadline(seconds: int) -> Iterator[None]:
    """Fail (instead of hanging) when the block takes longer than `seconds`."""

    def expire(signum: int, frame: object) -> None:
        raise Hang(f"took longer than {seconds} s")

    if not hasattr(signal, "SIGALRM"):  # no alarms on this platform: just run the block
        yield
        return
    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


# --------------------------------------------------------------------------------------------
# The fixtures themselves are valid
# --------------------------------------------------------------------------------------------


def test_base_fixtures_are_valid(tmp_path: Path) -> None:
    make_site(
        tmp_path,
        {INCIDENT_PATH: INCIDENT, "incidents/2026-12-02-db-upgrade.md": MAINTENANCE},
    )
    site, problems = check(tmp_path)
    assert problems == [], show(problems)
    assert [i.id for i in site.incidents] == ["2026-12-02-db-upgrade", "2026-11-22-api-errors"]


# --------------------------------------------------------------------------------------------
# One bad incident file: exact line and kind of each problem
# --------------------------------------------------------------------------------------------

_STATUS_LINE_11 = "    status: resolved\n"  # in INCIDENT; a line inserted after it is line 12
_THIRD_PHASE = (
    "    message: Error rates are back to normal.\n"  # line 12
    "  - at: 2026-11-22T16:00:00Z\n"  # line 13
    "    status: investigating\n"  # line 14
    "    message: The errors are back.\n"  # line 15
)

INCIDENT_CASES: list[tuple[str, str, list[tuple[int, str]]]] = [
    # -- unknown keys
    (
        "unknown-top-level-key",
        edit(INCIDENT, "impact: major\n", "impact: major\nseverity: high\n"),
        [(4, "unknown key 'severity'")],
    ),
    (
        "unknown-phase-key",
        edit(INCIDENT, _STATUS_LINE_11, _STATUS_LINE_11 + "    author: alice\n"),
        [(12, "unknown key 'author'")],
    ),
    (
        "unknown-key-in-scheduled",
        edit(
            MAINTENANCE,
            "  end: 2026-12-02T04:00:00Z\n",
            "  end: 2026-12-02T04:00:00Z\n  duration: 2h\n",
        ),
        [(9, "unknown key 'duration'")],
    ),
    # -- unknown components
    (
        "unknown-component",
        edit(INCIDENT, "  api: partial_outage", "  apii: partial_outage"),
        [(5, "unknown component 'apii'")],
    ),
    (
        "unknown-component-in-phase",
        edit(
            INCIDENT,
            _STATUS_LINE_11,
            _STATUS_LINE_11 + "    components: {api: operational, nope: operational}\n",
        ),
        [(12, "unknown component 'nope'")],
    ),
    (
        "unknown-component-in-phase-block",
        edit(
            INCIDENT,
            _STATUS_LINE_11,
            _STATUS_LINE_11 + "    components:\n      api: operational\n      nope: operational\n",
        ),
        [(14, "unknown component 'nope'")],
    ),
    # -- unknown enum values
    (
        "unknown-impact",
        edit(INCIDENT, "impact: major", "impact: huge"),
        [(3, "unknown impact 'huge'")],
    ),
    (
        "unknown-type",
        edit(INCIDENT, "impact: major\n", "type: outage\nimpact: major\n"),
        [(3, "unknown type 'outage'")],
    ),
    (
        "unknown-phase-status",
        edit(INCIDENT, "status: investigating", "status: fixing"),
        [(8, "unknown update status 'fixing'")],
    ),
    (
        "maintenance-phase-status-in-incident",
        edit(INCIDENT, "status: investigating", "status: scheduled"),
        [(8, "unknown update status 'scheduled'")],
    ),
    (
        "maintenance-final-status-in-incident",
        edit(INCIDENT, "status: resolved", "status: completed"),
        [(11, "unknown update status 'completed'")],
    ),
    (
        "incident-phase-status-in-maintenance",
        edit(MAINTENANCE, "status: scheduled", "status: investigating"),
        [(11, "unknown update status 'investigating'")],
    ),
    (
        "unknown-component-status",
        edit(INCIDENT, "api: partial_outage", "api: broken"),
        [(5, "unknown status of 'api' 'broken'")],
    ),
    (
        "under-maintenance-in-incident",
        edit(INCIDENT, "api: partial_outage", "api: under_maintenance"),
        [(5, "unknown status of 'api' 'under_maintenance'")],
    ),
    (
        "under-maintenance-in-incident-phase",
        edit(
            INCIDENT,
            _STATUS_LINE_11,
            _STATUS_LINE_11 + "    components: {api: under_maintenance}\n",
        ),
        [(12, "unknown status of 'api' 'under_maintenance'")],
    ),
    (
        "operational-in-initial-components",
        edit(INCIDENT, "api: partial_outage", "api: operational"),
        [(5, "unknown status of 'api' 'operational'")],
    ),
    (
        "outage-in-maintenance",
        edit(MAINTENANCE, "database: under_maintenance", "database: partial_outage"),
        [(5, "unknown status of 'database' 'partial_outage'")],
    ),
    (
        "unknown-incident-audience",
        edit(INCIDENT, "impact: major\n", "impact: major\naudience: everyone\n"),
        [(4, "unknown audience 'everyone'")],
    ),
    (
        "unknown-phase-audience",
        edit(INCIDENT, _STATUS_LINE_11, _STATUS_LINE_11 + "    audience: staff\n"),
        [(12, "unknown audience 'staff'")],
    ),
    # -- order of phases
    (
        "phases-out-of-order",
        edit(INCIDENT, "at: 2026-11-22T15:10:00Z", "at: 2026-11-22T13:10:00Z"),
        [(10, "earlier than the one before")],
    ),
    (
        "phase-after-final-resolved",
        edit(INCIDENT, "    message: Error rates are back to normal.\n", _THIRD_PHASE),
        [(13, "after the final 'resolved'")],
    ),
    (
        "phase-after-final-completed",
        MAINTENANCE.replace(
            "    message: We will upgrade the databases.\n",
            "    message: We will upgrade the databases.\n"  # line 12
            "  - at: 2026-11-19T10:00:00Z\n"  # line 13
            "    status: completed\n"  # line 14
            "    message: Done early.\n"  # line 15
            "  - at: 2026-11-19T11:00:00Z\n"  # line 16
            "    status: verifying\n"  # line 17
            "    message: Still checking.\n",  # line 18
        ),
        [(16, "after the final 'completed'")],
    ),
    # -- times
    (
        "time-without-offset-bare",
        edit(INCIDENT, "at: 2026-11-22T14:03:00Z", "at: 2026-11-22T14:03:00"),
        [(7, "no UTC offset")],
    ),
    (
        "time-without-offset-quoted",
        edit(INCIDENT, "at: 2026-11-22T14:03:00Z", 'at: "2026-11-22T14:03:00"'),
        [(7, "no UTC offset")],
    ),
    (
        "time-without-offset-space",
        edit(INCIDENT, "at: 2026-11-22T14:03:00Z", "at: 2026-11-22 14:03:00"),
        [(7, "no UTC offset")],
    ),
    (
        "time-date-only",
        edit(INCIDENT, "at: 2026-11-22T14:03:00Z", "at: 2026-11-22"),
        [(7, "no UTC offset")],
    ),
    (
        "time-invalid-text",
        edit(INCIDENT, "at: 2026-11-22T14:03:00Z", "at: yesterday afternoon"),
        [(7, "is not a valid time")],
    ),
    (
        "time-invalid-date",
        edit(INCIDENT, "at: 2026-11-22T14:03:00Z", "at: 2026-02-30T14:03:00Z"),
        [(7, "is not a valid time")],
    ),
    (
        "time-empty",
        edit(INCIDENT, "at: 2026-11-22T14:03:00Z", "at:"),
        [(7, "at is empty")],
    ),
    (
        "time-in-the-future-for-an-incident",
        edit(INCIDENT, "at: 2026-11-22T15:10:00Z", "at: 2026-11-23T12:30:00Z"),
        [(10, "in the future")],
    ),
    (
        "next-update-without-offset",
        edit(INCIDENT, "rates.\n", "rates.\n    next_update: 2026-11-22T14:30:00\n"),
        [(10, "no UTC offset")],
    ),
    (
        "next-update-before-at",
        edit(INCIDENT, "rates.\n", "rates.\n    next_update: 2026-11-22T14:00:00Z\n"),
        [(10, "next_update is before the update itself")],
    ),
    # -- estimated resolution (line 10 is inserted after the first update's message)
    (
        "estimate-without-offset",
        edit(INCIDENT, "rates.\n", "rates.\n    estimate: 2026-11-22T16:00:00\n"),
        [(10, "estimate '2026-11-22T16:00:00' has no UTC offset")],
    ),
    (
        "estimate-before-its-update",
        edit(INCIDENT, "rates.\n", "rates.\n    estimate: 2026-11-22T14:00:00Z\n"),
        [(10, "estimate 2026-11-22T14:00:00Z is before the update itself")],
    ),
    (
        "estimate-empty",
        edit(INCIDENT, "rates.\n", "rates.\n    estimate:\n"),
        [(10, "estimate is empty; expected a time with a UTC offset")],
    ),
    (
        "estimate-none-quoted-is-a-text-not-the-keyword",
        edit(INCIDENT, "rates.\n", 'rates.\n    estimate: "none"\n'),
        [(10, "estimate 'none' is not a valid time")],
    ),
    (
        "estimate-on-the-final-update",
        edit(INCIDENT, _STATUS_LINE_11, _STATUS_LINE_11 + "    estimate: 2026-11-22T16:00:00Z\n"),
        [(12, "estimate on the final 'resolved' update")],
    ),
    (
        "estimate-on-a-maintenance",
        edit(
            MAINTENANCE,
            "    status: scheduled\n",
            "    status: scheduled\n    estimate: 2026-12-02T04:00:00Z\n",
        ),
        [(12, "'estimate' is for incidents")],
    ),
    # -- who is affected
    (
        "affected-on-several-lines",
        edit(INCIDENT, "rates.\n", "rates.\n    affected: |\n      EU customers\n      US ones\n"),
        [(10, "affected text holds several lines")],
    ),
    (
        "affected-too-long",
        edit(INCIDENT, "rates.\n", f"rates.\n    affected: {'x' * 201}\n"),
        [(10, "the affected text is 201 characters; expected at most 200")],
    ),
    (
        "affected-empty",
        edit(INCIDENT, "rates.\n", 'rates.\n    affected: " "\n'),
        [(10, "affected text is empty")],
    ),
    (
        "affected-cut-at-a-comment",
        edit(INCIDENT, "rates.\n", "rates.\n    affected: Plan #2 users\n"),
        [(10, "the affected ends at ' #'")],
    ),
    (
        "affected-not-text",
        edit(INCIDENT, "rates.\n", "rates.\n    affected: [eu, us]\n"),
        [(10, "affected text is a list; expected text")],
    ),
    # -- started (line 4 is inserted after impact)
    (
        "started-after-the-first-update",
        edit(INCIDENT, "impact: major\n", "impact: major\nstarted: 2026-11-22T14:05:00Z\n"),
        [
            (
                4,
                "started time 2026-11-22T14:05:00Z is after the first update at "
                "2026-11-22T14:03:00Z (line 8)",
            )
        ],
    ),
    (
        "started-in-the-future",
        edit(INCIDENT, "impact: major\n", "impact: major\nstarted: 2026-11-23T13:00:00Z\n"),
        [(4, "started time 2026-11-23T13:00:00Z is in the future")],
    ),
    (
        "started-without-offset",
        edit(INCIDENT, "impact: major\n", "impact: major\nstarted: 2026-11-22T13:55:00\n"),
        [(4, "started '2026-11-22T13:55:00' has no UTC offset")],
    ),
    (
        "started-on-a-maintenance",
        edit(MAINTENANCE, "type: maintenance\n", "type: maintenance\nstarted: 2026-11-18T13:00Z\n"),
        [(4, "'started' is for incidents")],
    ),
    # -- postmortem (line 13 is inserted before the closing ---)
    (
        "postmortem-before-the-resolution",
        edit(INCIDENT, "normal.\n---\n", "normal.\npostmortem: {at: 2026-11-22T15:00:00Z}\n---\n"),
        [
            (
                13,
                "postmortem at 2026-11-22T15:00:00Z is before the resolution at "
                "2026-11-22T15:10:00Z (line 10)",
            )
        ],
    ),
    (
        "postmortem-in-the-future",
        edit(INCIDENT, "normal.\n---\n", "normal.\npostmortem: {at: 2026-11-23T13:00:00Z}\n---\n"),
        [(13, "postmortem time 2026-11-23T13:00:00Z is in the future")],
    ),
    (
        "postmortem-without-offset",
        edit(INCIDENT, "normal.\n---\n", "normal.\npostmortem: {at: 2026-11-23T10:00:00}\n---\n"),
        [(13, "postmortem at '2026-11-23T10:00:00' has no UTC offset")],
    ),
    (
        "postmortem-on-an-open-incident",
        edit(
            INCIDENT,
            "status: resolved",
            "status: monitoring",
        ).replace("normal.\n---\n", "normal.\npostmortem: {at: 2026-11-23T10:00:00Z}\n---\n"),
        [(13, "postmortem on an incident that is not resolved")],
    ),
    (
        "postmortem-without-at",
        edit(
            INCIDENT, "normal.\n---\n", "normal.\npostmortem:\n  when: 2026-11-23T10:00:00Z\n---\n"
        ),
        [(14, "unknown key 'when' in postmortem"), (14, "postmortem has no 'at'")],
    ),
    (
        "postmortem-as-a-time",
        edit(INCIDENT, "normal.\n---\n", "normal.\npostmortem: 2026-11-23T10:00:00Z\n---\n"),
        [(13, "postmortem is '2026-11-23T10:00:00Z'; expected a mapping")],
    ),
    (
        "postmortem-without-a-body",
        edit(
            INCIDENT,
            "normal.\n---\nBody.\n",
            "normal.\npostmortem: {at: 2026-11-23T10:00:00Z}\n---\n",
        ),
        [(13, "postmortem without text")],
    ),
    (
        "postmortem-with-the-template-placeholder",
        edit(
            INCIDENT,
            "normal.\n---\nBody.\n",
            "normal.\npostmortem: {at: 2026-11-23T10:00:00Z}\n---\n## Postmortem\n\n### Impact\n\n"
            "TODO: who was affected\n",
        ),
        [(19, "the postmortem still holds the template's placeholder")],
    ),
    (
        "postmortem-on-a-maintenance",
        edit(
            MAINTENANCE,
            "type: maintenance\n",
            "type: maintenance\npostmortem: {at: 2026-11-20T10:00:00Z}\n",
        ),
        [(4, "'postmortem' is for incidents")],
    ),
    (
        "scheduled-start-without-offset",
        edit(MAINTENANCE, "start: 2026-12-02T02:00:00Z", "start: 2026-12-02T02:00:00"),
        [(7, "no UTC offset")],
    ),
    # -- messages
    (
        "empty-message-string",
        edit(INCIDENT, "message: We are investigating elevated error rates.", 'message: ""'),
        [(9, "message is empty")],
    ),
    (
        "empty-message-missing-value",
        edit(INCIDENT, "message: We are investigating elevated error rates.", "message:"),
        [(9, "message is empty")],
    ),
    (
        "blank-message",
        edit(INCIDENT, "message: We are investigating elevated error rates.", "message: '   '"),
        [(9, "message is empty")],
    ),
    (
        "message-key-missing",
        edit(INCIDENT, "    message: We are investigating elevated error rates.\n", ""),
        [(7, "update without 'message'")],
    ),
    (
        "message-todo-placeholder",
        edit(
            INCIDENT,
            "message: We are investigating elevated error rates.",
            'message: "TODO: say what users notice and what you are doing about it"',
        ),
        [(9, "placeholder")],
    ),
    # -- required keys
    (
        "missing-title",
        edit(INCIDENT, "title: Elevated error rates on the API\n", ""),
        [(2, "missing key 'title'")],
    ),
    (
        "empty-title",
        edit(INCIDENT, "title: Elevated error rates on the API", "title:"),
        [(2, "title is empty")],
    ),
    ("missing-impact", edit(INCIDENT, "impact: major\n", ""), [(2, "missing key 'impact'")]),
    (
        "missing-phases",
        INCIDENT.split("phases:")[0] + "---\n",
        [(2, "missing key 'phases'")],
    ),
    (
        "empty-phases-list",
        INCIDENT.split("phases:")[0] + "phases: []\n---\n",
        [(6, "phases is empty")],
    ),
    (
        "phases-not-a-list",
        INCIDENT.split("phases:")[0] + "phases: soon\n---\n",
        [(6, "phases is 'soon'; expected a list")],
    ),
    (
        "phase-not-a-mapping",
        INCIDENT.split("phases:")[0] + "phases:\n  - investigating\n---\n",
        [(7, "update is 'investigating'; expected a mapping")],
    ),
    # -- maintenance window
    (
        "maintenance-without-scheduled",
        edit(
            MAINTENANCE,
            "scheduled:\n  start: 2026-12-02T02:00:00Z\n  end: 2026-12-02T04:00:00Z\n",
            "",
        ),
        [(2, "missing key 'scheduled'")],
    ),
    (
        "scheduled-end-before-start",
        edit(MAINTENANCE, "end: 2026-12-02T04:00:00Z", "end: 2026-12-02T01:00:00Z"),
        [(8, "scheduled end is not after its start")],
    ),
    (
        "scheduled-end-equals-start",
        edit(MAINTENANCE, "end: 2026-12-02T04:00:00Z", "end: 2026-12-02T03:00:00+01:00"),
        [(8, "scheduled end is not after its start")],
    ),
    (
        "scheduled-on-an-incident",
        edit(
            INCIDENT,
            "impact: major\n",
            "impact: major\nscheduled: {start: 2026-11-22T14:00:00Z, end: 2026-11-22T15:00:00Z}\n",
        ),
        [(4, "'scheduled' is only for maintenance")],
    ),
    # -- YAML
    (
        "duplicate-top-level-key",
        edit(INCIDENT, "impact: major\n", "impact: major\nimpact: minor\n"),
        [(4, "duplicate key 'impact' in front matter (first on line 3)")],
    ),
    (
        "duplicate-phase-key",
        edit(
            INCIDENT,
            "    status: investigating\n",
            "    status: investigating\n    status: identified\n",
        ),
        [(9, "duplicate key 'status' in update (first on line 8)")],
    ),
    (
        "duplicate-component-key",
        edit(INCIDENT, "  api: partial_outage\n", "  api: partial_outage\n  api: major_outage\n"),
        [(6, "duplicate key 'api'")],
    ),
    (
        "yaml-syntax-error-mapping-in-plain-scalar",
        edit(
            INCIDENT,
            "title: Elevated error rates on the API",
            "title: Elevated error rates: on the API",
        ),
        [(2, "invalid YAML")],
    ),
    (
        "yaml-syntax-error-bad-indentation",
        edit(INCIDENT, "impact: major\n", "impact: major\n   components: x\n"),
        [(4, "invalid YAML")],
    ),
    (
        "yaml-syntax-error-tab",
        edit(INCIDENT, "    status: resolved\n", "\tstatus: resolved\n"),
        [(11, "invalid YAML")],
    ),
    (
        "yaml-undefined-alias",
        edit(INCIDENT, "title: Elevated error rates on the API", "title: *nope"),
        [(2, "undefined alias near '*nope'")],
    ),
    (
        "yaml-merge-key",
        edit(INCIDENT, "impact: major\n", "impact: major\n<<: {workaround: x}\n"),
        [(4, "is not allowed")],
    ),
    (
        "yaml-custom-tag",
        edit(INCIDENT, "title: Elevated", "title: !foo Elevated"),
        [(2, "'!foo' is not allowed")],
    ),
    (
        "yaml-python-name-tag",
        edit(INCIDENT, "impact: major", "impact: !!python/name:os.system"),
        [(3, "is not allowed")],
    ),
    (
        "yaml-binary-tag",
        edit(INCIDENT, "impact: major", "impact: !!binary bWFqb3I="),
        [(3, "is not allowed")],
    ),
    # -- front matter
    ("front-matter-list", "---\n- title\n- impact\n---\nBody\n", [(2, "front matter is a list")]),
    (
        "front-matter-scalar",
        "---\njust some text\n---\nBody\n",
        [(2, "front matter is 'just some text'")],
    ),
    ("front-matter-empty", "---\n---\nBody\n", [(1, "front matter is empty")]),
    (
        "no-front-matter",
        "# Elevated error rates\n\nWe are investigating.\n",
        [(1, "no front matter")],
    ),
    ("no-closing-front-matter-line", INCIDENT.split("---\nBody")[0], [(1, "closing `---`")]),
    ("empty-file", "", [(0, "is empty")]),
    ("whitespace-only-file", "  \n\n\t\n   ", [(0, "is empty")]),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [pytest.param(text, expected, id=name) for name, text, expected in INCIDENT_CASES],
)
def test_bad_incident_names_file_line_and_problem(
    tmp_path: Path, text: str, expected: list[tuple[int, str]]
) -> None:
    make_site(tmp_path, {INCIDENT_PATH: text})
    site, problems = check(tmp_path)
    assert_problems(problems, INCIDENT_PATH, expected)
    assert site.incidents == ()


def test_case_table_inputs_differ_from_the_valid_fixtures() -> None:
    names = [name for name, _, _ in INCIDENT_CASES]
    assert len(names) == len(set(names))
    for _, text, _ in INCIDENT_CASES:
        assert text not in (INCIDENT, MAINTENANCE)


def test_several_problems_in_one_file_are_all_reported(tmp_path: Path) -> None:
    text = """\
---
title: Elevated error rates on the API
impact: huge
severity: high
components:
  apii: partial_outage
phases:
  - at: 2026-11-22T14:03:00
    status: fixing
    message: ""
---
"""
    make_site(tmp_path, {INCIDENT_PATH: text})
    _, problems = check(tmp_path)
    assert_problems(
        problems,
        INCIDENT_PATH,
        [
            (3, "unknown impact 'huge'"),
            (4, "unknown key 'severity'"),
            (6, "unknown component 'apii'"),
            (8, "no UTC offset"),
            (9, "unknown update status 'fixing'"),
            (10, "message is empty"),
        ],
    )


def test_problem_lines_after_blank_lines_and_comments_in_front_matter(tmp_path: Path) -> None:
    text = """\
---

# who: on-call
title: Elevated error rates on the API

impact: huge
components:
  api: partial_outage
phases:
  - at: 2026-11-22T14:03:00Z
    status: investigating
    message: We are investigating.
---
"""
    make_site(tmp_path, {INCIDENT_PATH: text})
    _, problems = check(tmp_path)
    assert_problems(problems, INCIDENT_PATH, [(6, "unknown impact 'huge'")])


def test_crlf_line_endings_load_and_count_lines(tmp_path: Path) -> None:
    good = INCIDENT.replace("\n", "\r\n")
    bad = edit(INCIDENT, "impact: major", "impact: huge").replace("\n", "\r\n")
    make_site(tmp_path, {"incidents/good.md": good, "incidents/bad.md": bad})
    site, problems = check(tmp_path)
    assert_problems(problems, "incidents/bad.md", [(3, "unknown impact 'huge'")])
    assert [i.id for i in site.incidents] == ["good"]
    assert site.incidents[0].phases[1].message == "Error rates are back to normal."


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    make_site(tmp_path, {INCIDENT_PATH: "\ufeff" + INCIDENT})
    site, problems = check(tmp_path)
    assert problems == [], show(problems)
    assert len(site.incidents) == 1


# --------------------------------------------------------------------------------------------
# Maintenance and time rules that depend on the type
# --------------------------------------------------------------------------------------------


def test_future_time_is_allowed_for_maintenance(tmp_path: Path) -> None:
    text = edit(MAINTENANCE, "at: 2026-11-18T14:00:00Z", "at: 2026-11-24T09:00:00Z")
    make_site(tmp_path, {"incidents/2026-12-02-db-upgrade.md": text})
    site, problems = check(tmp_path)
    assert problems == [], show(problems)
    (maintenance,) = site.incidents
    assert maintenance.phases[0].at == datetime(2026, 11, 24, 9, tzinfo=UTC)
    assert maintenance.phases[0].at > NOW


def test_future_time_is_an_error_for_an_incident_but_not_now_itself(tmp_path: Path) -> None:
    at_now = edit(INCIDENT, "at: 2026-11-22T15:10:00Z", "at: 2026-11-23T12:00:00Z")
    future = edit(INCIDENT, "at: 2026-11-22T15:10:00Z", "at: 2026-11-23T12:00:01Z")
    make_site(tmp_path, {"incidents/at-now.md": at_now, "incidents/future.md": future})
    site, problems = check(tmp_path)
    assert_problems(problems, "incidents/future.md", [(10, "in the future")])
    assert [i.id for i in site.incidents] == ["at-now"]


def test_operational_is_allowed_in_a_phase(tmp_path: Path) -> None:
    text = edit(
        INCIDENT,
        _STATUS_LINE_11,
        _STATUS_LINE_11 + "    components: {api: operational}\n",
    )
    make_site(tmp_path, {INCIDENT_PATH: text})
    site, problems = check(tmp_path)
    assert problems == [], show(problems)
    assert site.incidents[0].phases[1].components == {"api": ComponentStatus.OPERATIONAL}


def test_maintenance_impact_defaults_to_none(tmp_path: Path) -> None:
    make_site(tmp_path, {"incidents/db.md": MAINTENANCE})
    site, problems = check(tmp_path)
    assert problems == [], show(problems)
    assert site.incidents[0].impact is Impact.NONE


# --------------------------------------------------------------------------------------------
# YAML tags never construct anything
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("template", "line"),
    [
        pytest.param(
            'title: !!python/object/apply:os.system ["touch {marker}"]', 2, id="apply-os-system"
        ),
        pytest.param(
            'title: !!python/object/apply:subprocess.check_call [["touch", "{marker}"]]',
            2,
            id="apply-subprocess",
        ),
        pytest.param(
            'title: !!python/object/new:subprocess.Popen [["touch", "{marker}"]]', 2, id="new-popen"
        ),
        pytest.param(
            "title: Fine\n"
            "workaround: !!python/object/apply:builtins.exec [\"open('{marker}', 'w')\"]",
            3,
            id="apply-exec",
        ),
        pytest.param(
            '? !!python/object/apply:os.system ["touch {marker}"]\n: x', 2, id="tag-on-a-key"
        ),
        pytest.param("title: !!python/name:os.system", 2, id="python-name"),
    ],
)
def test_object_constructing_tags_are_rejected_and_nothing_runs(
    tmp_path: Path, template: str, line: int
) -> None:
    marker = tmp_path / "pwned"
    header = template.replace("{marker}", marker.as_posix())
    text = f"---\n{header}\nimpact: major\n---\n"
    make_site(tmp_path / "site", {INCIDENT_PATH: text})
    site, problems = check(tmp_path / "site")
    assert not marker.exists(), "a YAML tag executed code"
    assert any(
        p.path == INCIDENT_PATH and p.line == line and "is not allowed" in p.message
        for p in problems
    ), show(problems)
    assert site.incidents == ()


def test_object_constructing_tag_in_components_file_is_rejected(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    components = edit(
        COMPONENTS, "name: Dashboard", f'name: !!python/object/apply:os.system ["touch {marker}"]'
    )
    make_site(tmp_path / "site", components=components)
    _, problems = check(tmp_path / "site")
    assert not marker.exists()
    assert_problems(problems, "components.yml", [(7, "is not allowed")])


# --------------------------------------------------------------------------------------------
# File-level problems: named, never a traceback
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        pytest.param(b"\xff\xfe---\ntitle: x\n", [(1, "not UTF-8")], id="utf16-bom"),
        pytest.param(
            INCIDENT.replace("on the API", "caf\udce9").encode("utf-8", "surrogateescape"),
            [(2, "not UTF-8")],
            id="latin1-byte-on-line-2",
        ),
        pytest.param(b"---\ntitle: x\0y\n---\n", [(0, "binary")], id="nul-bytes"),
        pytest.param(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", [(0, "binary")], id="png"),
    ],
)
def test_undecodable_files_are_problems(
    tmp_path: Path, content: bytes, expected: list[tuple[int, str]]
) -> None:
    make_site(tmp_path, {INCIDENT_PATH: content})
    site, problems = check(tmp_path)
    assert_problems(problems, INCIDENT_PATH, expected)
    assert site.incidents == ()


@pytest.mark.parametrize(
    ("relative", "substring"),
    [
        pytest.param("incidents/notes.txt", "not an incident file", id="txt"),
        pytest.param("incidents/2026/README", "not an incident file", id="no-suffix"),
        pytest.param(
            "incidents/2026-11-22-api-errors.markdown", "not an incident file", id="markdown"
        ),
        pytest.param(
            "incidents/2026-11-22-API-errors.md",
            "file name '2026-11-22-API-errors' is not an id",
            id="uppercase",
        ),
        pytest.param("incidents/api errors.md", "file name 'api errors' is not an id", id="space"),
        pytest.param("incidents/api_errors.md", "is not an id", id="underscore"),
    ],
)
def test_badly_named_files_in_incidents_are_problems(
    tmp_path: Path, relative: str, substring: str
) -> None:
    make_site(tmp_path, {relative: INCIDENT})
    site, problems = check(tmp_path)
    assert_problems(problems, relative, [(0, substring)])
    assert site.incidents == ()


def test_symlink_to_outside_the_root_is_a_problem_and_not_read(tmp_path: Path) -> None:
    outside = write(tmp_path, "outside/secret.md", INCIDENT)
    root = tmp_path / "site"
    make_site(root, {"incidents/2026-11-22-good.md": INCIDENT})
    (root / "incidents" / "2026-11-22-leak.md").symlink_to(outside)
    (root / "incidents" / "leaked-dir").symlink_to(outside.parent, target_is_directory=True)
    site, problems = check(root)
    assert {(p.path, p.line) for p in problems} == {
        ("incidents/2026-11-22-leak.md", 0),
        ("incidents/leaked-dir", 0),
    }, show(problems)
    assert all("outside" in p.message for p in problems), show(problems)
    assert [i.id for i in site.incidents] == ["2026-11-22-good"]


def test_dangling_symlink_is_a_problem(tmp_path: Path) -> None:
    make_site(tmp_path, {"incidents/2026-11-22-good.md": INCIDENT})
    (tmp_path / "incidents" / "2026-11-22-gone.md").symlink_to(tmp_path / "nowhere.md")
    site, problems = check(tmp_path)
    assert_problems(problems, "incidents/2026-11-22-gone.md", [(0, "broken or looping link")])
    assert [i.id for i in site.incidents] == ["2026-11-22-good"]


@pytest.mark.parametrize("loop", ["self", "pair"])
def test_symlink_loop_in_incidents_is_a_problem_not_a_traceback(tmp_path: Path, loop: str) -> None:
    make_site(tmp_path, {"incidents/2026-11-22-good.md": INCIDENT})
    a, b = tmp_path / "incidents" / "2026-11-22-a.md", tmp_path / "incidents" / "2026-11-22-b.md"
    if loop == "self":
        a.symlink_to(a.name)
        looping = {"incidents/2026-11-22-a.md"}
    else:
        a.symlink_to(b.name)
        b.symlink_to(a.name)
        looping = {"incidents/2026-11-22-a.md", "incidents/2026-11-22-b.md"}
    with deadline(10):
        site, problems = check(tmp_path)  # once raised RuntimeError("Symlink loop from ...")
    assert {p.path for p in problems} == looping, show(problems)
    assert all(p.line == 0 for p in problems), show(problems)
    assert all(
        any(word in p.message for word in ("link", "loop", "cannot be read")) for p in problems
    ), show(problems)
    assert [i.id for i in site.incidents] == ["2026-11-22-good"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_fifo_in_incidents_is_a_problem_not_a_hang(tmp_path: Path) -> None:
    make_site(tmp_path, {"incidents/2026-11-22-good.md": INCIDENT})
    os.mkfifo(tmp_path / "incidents" / "2026-11-22-pipe.md")
    with deadline(5):
        site, problems = check(tmp_path)  # once blocked for ever opening the pipe
    assert [(p.path, p.line) for p in problems] == [("incidents/2026-11-22-pipe.md", 0)], show(
        problems
    )
    assert [i.id for i in site.incidents] == ["2026-11-22-good"]


def test_yaml_control_character_names_its_line_in_one_line_message(tmp_path: Path) -> None:
    make_site(tmp_path, {INCIDENT_PATH: edit(INCIDENT, "on the API", "on the \x07API")})
    site, problems = check(tmp_path)
    # Once reported at line 0, with PyYAML's two-line text:
    # 'invalid YAML: unacceptable character #x0007: ...\n  in "<unicode string>", position 36'
    assert_problems(problems, INCIDENT_PATH, [(2, "#x0007")])
    assert "\n" not in problems[0].message
    assert site.incidents == ()


def test_three_megabyte_incident_file_is_refused(tmp_path: Path) -> None:
    big = INCIDENT + ("x" * 99 + "\n") * 31_500  # ~3 MB of body
    assert len(big.encode()) > 3_000_000
    make_site(tmp_path, {INCIDENT_PATH: big})
    with deadline(20):
        site, problems = check(tmp_path)
    assert_problems(problems, INCIDENT_PATH, [(0, "bytes; expected at most")])
    assert site.incidents == ()


def test_duplicate_ids_across_sub_folders(tmp_path: Path) -> None:
    first, second = (
        "incidents/2025/2026-11-22-api-errors.md",
        "incidents/2026/2026-11-22-api-errors.md",
    )
    make_site(tmp_path, {first: INCIDENT, second: INCIDENT})
    site, problems = check(tmp_path)
    assert len(problems) == 1, show(problems)
    (problem,) = problems
    assert problem.path in (first, second)
    assert problem.line == 0
    assert "duplicate incident id '2026-11-22-api-errors'" in problem.message
    other = second if problem.path == first else first
    assert other in problem.message
    assert [i.id for i in site.incidents] == ["2026-11-22-api-errors"]


# --------------------------------------------------------------------------------------------
# Limits: hostile YAML gives a problem quickly
# --------------------------------------------------------------------------------------------

_LAUGHS = (
    '[&a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"],'
    " &b [*a,*a,*a,*a,*a,*a,*a,*a,*a],"
    " &c [*b,*b,*b,*b,*b,*b,*b,*b,*b],"
    " &d [*c,*c,*c,*c,*c,*c,*c,*c,*c],"
    " &e [*d,*d,*d,*d,*d,*d,*d,*d,*d],"
    " &f [*e,*e,*e,*e,*e,*e,*e,*e,*e],"
    " &g [*f,*f,*f,*f,*f,*f,*f,*f,*f],"
    " &h [*g,*g,*g,*g,*g,*g,*g,*g,*g],"
    " &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]]"
)


def test_two_hundred_levels_of_nesting_give_a_problem(tmp_path: Path) -> None:
    text = edit(
        INCIDENT, "impact: major\n", "impact: major\nworkaround: " + "[" * 200 + "]" * 200 + "\n"
    )
    make_site(tmp_path, {INCIDENT_PATH: text})
    started = time.monotonic()
    with deadline(20):
        site, problems = check(tmp_path)
    assert time.monotonic() - started < 5
    assert_problems(problems, INCIDENT_PATH, [(4, "nested too deeply")])
    assert site.incidents == ()


def test_two_hundred_levels_of_block_nesting_give_a_problem(tmp_path: Path) -> None:
    nested = "".join("  " * level + "a:\n" for level in range(1, 201))
    text = edit(INCIDENT, "impact: major\n", "impact: major\nworkaround:\n" + nested)
    make_site(tmp_path, {INCIDENT_PATH: text})
    with deadline(20):
        site, problems = check(tmp_path)
    assert problems, "expected a problem"
    assert {p.path for p in problems} == {INCIDENT_PATH}
    assert any("nested too deeply" in p.message for p in problems), show(problems)
    assert site.incidents == ()


def test_very_deep_nesting_does_not_crash(tmp_path: Path) -> None:
    text = edit(
        INCIDENT, "impact: major\n", "impact: major\nworkaround: " + "[" * 5000 + "]" * 5000 + "\n"
    )
    make_site(tmp_path, {INCIDENT_PATH: text})
    with deadline(20):
        site, problems = check(tmp_path)
    assert {p.path for p in problems} == {INCIDENT_PATH}, show(problems)
    assert any("nested too deeply" in p.message for p in problems), show(problems)
    assert site.incidents == ()


def test_alias_bomb_in_incident_gives_a_problem_quickly(tmp_path: Path) -> None:
    text = edit(INCIDENT, "impact: major\n", f"impact: major\nworkaround: {_LAUGHS}\n")
    make_site(tmp_path, {INCIDENT_PATH: text})
    started = time.monotonic()
    with deadline(20):
        site, problems = check(tmp_path)
    assert time.monotonic() - started < 5
    assert_problems(problems, INCIDENT_PATH, [(4, "YAML anchors and aliases")])
    assert site.incidents == ()


@pytest.mark.parametrize(
    "where",
    [
        pytest.param("title: {bomb}", id="title"),
        pytest.param("phases: {bomb}", id="phases"),
        pytest.param("components: {{api: {bomb}}}", id="component-status"),
        pytest.param("x-lol: {bomb}", id="unknown-key"),
    ],
)
def test_alias_bomb_anywhere_in_incident_gives_a_problem_quickly(
    tmp_path: Path, where: str
) -> None:
    line = where.format(bomb=_LAUGHS)
    text = f"---\n{line}\n---\n"
    make_site(tmp_path, {INCIDENT_PATH: text})
    started = time.monotonic()
    with deadline(20):
        site, problems = check(tmp_path)
    assert time.monotonic() - started < 5
    assert problems and {p.path for p in problems} == {INCIDENT_PATH}, show(problems)
    assert any(p.line == 2 for p in problems), show(problems)
    assert site.incidents == ()


def test_alias_bomb_in_components_file_gives_a_problem_quickly(tmp_path: Path) -> None:
    make_site(tmp_path, components=f"groups: {_LAUGHS}\n")
    started = time.monotonic()
    with deadline(20):
        site, problems = check(tmp_path)
    assert time.monotonic() - started < 5
    assert problems and {p.path for p in problems} == {"components.yml"}, show(problems)
    assert all(p.line == 1 for p in problems), show(problems)
    assert site.catalog.components == ()


# --------------------------------------------------------------------------------------------
# components.yml
# --------------------------------------------------------------------------------------------

COMPONENT_CASES: list[tuple[str, str, list[tuple[int, str]]]] = [
    (
        "unknown-key-in-component",
        edit(
            COMPONENTS,
            "        name: Public API\n",
            "        name: Public API\n        owner: team-a\n",
        ),
        [(6, "unknown key 'owner' in component")],
    ),
    (
        "unknown-key-in-group",
        edit(COMPONENTS, "  - name: Core platform\n", "  - name: Core platform\n    title: Core\n"),
        [(3, "unknown key 'title' in group")],
    ),
    (
        "unknown-top-level-key",
        COMPONENTS + "pages: []\n",
        [(16, "unknown key 'pages'")],
    ),
    (
        "duplicate-component-id",
        edit(COMPONENTS, "- id: dashboard", "- id: api"),
        [(6, "duplicate component id 'api' (first on line 4)")],
    ),
    (
        "duplicate-component-id-across-groups",
        edit(COMPONENTS, "- id: database", "- id: dashboard"),
        [(13, "duplicate component id 'dashboard' (first on line 6)")],
    ),
    (
        "bad-id-uppercase",
        edit(COMPONENTS, "- id: api", "- id: Public-API"),
        [(4, "component id 'Public-API' is not allowed")],
    ),
    (
        "bad-id-underscore",
        edit(COMPONENTS, "- id: api", "- id: public_api"),
        [(4, "is not allowed")],
    ),
    ("bad-id-space", edit(COMPONENTS, "- id: api", "- id: public api"), [(4, "is not allowed")]),
    ("empty-id", edit(COMPONENTS, "- id: api", "- id: ''"), [(4, "component id is empty")]),
    (
        "missing-name",
        edit(COMPONENTS, "        name: Dashboard\n", ""),
        [(6, "component without 'name'")],
    ),
    (
        "sla-above-100",
        edit(
            COMPONENTS,
            "        name: Public API\n",
            "        name: Public API\n        sla: 100.5\n",
        ),
        [(6, "expected a number from 0 to 100")],
    ),
    (
        "sla-negative",
        edit(
            COMPONENTS, "        name: Public API\n", "        name: Public API\n        sla: -1\n"
        ),
        [(6, "expected a number from 0 to 100")],
    ),
    (
        "sla-text",
        edit(
            COMPONENTS,
            "        name: Public API\n",
            "        name: Public API\n        sla: high\n",
        ),
        [(6, "sla 'high' is not allowed")],
    ),
    (
        "upstream-not-a-url",
        edit(
            COMPONENTS,
            "        name: Public API\n",
            "        name: Public API\n        upstream: status.example.com\n",
        ),
        [(6, "upstream 'status.example.com' is not a URL")],
    ),
    (
        "upstream-other-scheme",
        edit(
            COMPONENTS,
            "        name: Public API\n",
            "        name: Public API\n        upstream: ftp://status.example.com\n",
        ),
        [(6, "is not a URL")],
    ),
    (
        "since-not-a-real-date",
        edit(COMPONENTS, "since: 2025-06-01", "since: 2025-02-30"),
        [(15, "'2025-02-30' is not a real date")],
    ),
    (
        "since-time-without-offset",
        edit(COMPONENTS, "since: 2025-06-01", "since: 2025-06-01T00:00:00"),
        [(15, "no UTC offset")],
    ),
    (
        "unknown-audience",
        edit(COMPONENTS, "audience: internal", "audience: secret"),
        [(10, "unknown audience 'secret'")],
    ),
    (
        "duplicate-yaml-key",
        edit(
            COMPONENTS,
            "        name: Public API\n",
            "        name: Public API\n        name: API\n",
        ),
        [(6, "duplicate key 'name' in component (first on line 5)")],
    ),
    (
        "yaml-syntax-error",
        edit(COMPONENTS, "        name: Dashboard\n", "        name: Dashboard: the web console\n"),
        [(7, "invalid YAML")],
    ),
    (
        "custom-tag",
        edit(COMPONENTS, "name: Dashboard", "name: !foo Dashboard"),
        [(7, "is not allowed")],
    ),
    ("groups-not-a-list", "groups: core\n", [(1, "groups is 'core'; expected a list")]),
    ("missing-groups", "# nothing yet\n{}\n", [(2, "missing key 'groups'")]),
    ("top-level-list", "- id: api\n  name: API\n", [(1, "components file is a list")]),
    ("empty-file", "", [(0, "is empty")]),
    ("comments-only", "# nothing here yet\n", [(0, "is empty")]),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [pytest.param(text, expected, id=name) for name, text, expected in COMPONENT_CASES],
)
def test_bad_components_file_names_line_and_problem(
    tmp_path: Path, text: str, expected: list[tuple[int, str]]
) -> None:
    make_site(tmp_path, components=text)
    _, problems = check(tmp_path)
    assert_problems(problems, "components.yml", expected)


def test_components_file_missing(tmp_path: Path) -> None:
    tmp_path.joinpath("incidents").mkdir()
    site, problems = check(tmp_path)
    assert_problems(problems, "components.yml", [(0, "not found")])
    assert site.catalog.components == ()


def test_components_file_not_utf8(tmp_path: Path) -> None:
    make_site(tmp_path, components=COMPONENTS.encode().replace(b"Dashboard", b"Tableau \xe9"))
    _, problems = check(tmp_path)
    assert_problems(problems, "components.yml", [(7, "not UTF-8")])


def test_components_load_with_their_values(tmp_path: Path) -> None:
    components = edit(
        COMPONENTS,
        "        name: Public API\n",
        "        name: Public API\n"
        "        description: REST and GraphQL\n"
        "        sla: 99.95\n"
        "        upstream: https://status.example.com\n",
    )
    make_site(tmp_path, components=components)
    site, problems = check(tmp_path)
    assert problems == [], show(problems)
    catalog = site.catalog
    assert [g.name for g in catalog.groups] == ["Core platform", "Data"]
    assert [c.id for c in catalog.components] == ["api", "dashboard", "internal-ci", "database"]
    api = catalog.get("api")
    assert api is not None
    assert (api.name, api.group, api.description) == (
        "Public API",
        "Core platform",
        "REST and GraphQL",
    )
    assert api.sla == 99.95
    assert api.upstream == "https://status.example.com"
    assert api.audience is Audience.PUBLIC and api.since is None
    ci = catalog.get("internal-ci")
    assert ci is not None and ci.audience is Audience.INTERNAL
    database = catalog.get("database")
    assert database is not None and database.group == "Data"
    assert database.since == datetime(2025, 6, 1, tzinfo=UTC)


def test_component_since_may_be_a_time_with_offset(tmp_path: Path) -> None:
    make_site(
        tmp_path,
        components=edit(COMPONENTS, "since: 2025-06-01", "since: 2025-06-01T02:00:00+02:00"),
    )
    site, problems = check(tmp_path)
    assert problems == [], show(problems)
    database = site.catalog.get("database")
    assert database is not None and database.since == datetime(2025, 6, 1, tzinfo=UTC)


# --------------------------------------------------------------------------------------------
# Audiences
# --------------------------------------------------------------------------------------------

_INTERNAL_ONLY = edit(
    INCIDENT, "components:\n  api: partial_outage\n", "components: {internal-ci: partial_outage}\n"
)
# line 4  components: {internal-ci: partial_outage}; phases now start on line 5


def test_public_incident_touching_only_internal_components_is_an_error(tmp_path: Path) -> None:
    make_site(tmp_path, {INCIDENT_PATH: _INTERNAL_ONLY})
    site, problems = check(tmp_path)
    assert_problems(problems, INCIDENT_PATH, [(4, "touches only internal components")])
    assert site.incidents == ()


def test_internal_incident_touching_only_internal_components_is_fine(tmp_path: Path) -> None:
    text = edit(_INTERNAL_ONLY, "impact: major\n", "impact: major\naudience: internal\n")
    make_site(tmp_path, {INCIDENT_PATH: text})
    site, problems = check(tmp_path)
    assert problems == [], show(problems)
    (incident,) = site.incidents
    assert incident.audience is Audience.INTERNAL
    assert dict(incident.components) == {"internal-ci": ComponentStatus.PARTIAL_OUTAGE}


def test_public_incident_touching_internal_and_public_components_is_fine(tmp_path: Path) -> None:
    text = edit(
        INCIDENT, "  api: partial_outage\n", "  api: partial_outage\n  internal-ci: major_outage\n"
    )
    make_site(tmp_path, {INCIDENT_PATH: text})
    site, problems = check(tmp_path)
    assert problems == [], show(problems)
    assert site.incidents[0].audience is Audience.PUBLIC


def test_internal_phase_loads(tmp_path: Path) -> None:
    text = edit(
        INCIDENT,
        "  - at: 2026-11-22T15:10:00Z\n",
        "  - at: 2026-11-22T14:30:00Z\n"
        "    status: identified\n"
        "    audience: internal\n"
        "    message: Deploy 4711 broke the connection pool.\n"
        "  - at: 2026-11-22T15:10:00Z\n",
    )
    make_site(tmp_path, {INCIDENT_PATH: text})
    site, problems = check(tmp_path)
    assert problems == [], show(problems)
    phases = site.incidents[0].phases
    assert [p.audience for p in phases] == [Audience.PUBLIC, Audience.INTERNAL, Audience.PUBLIC]


# --------------------------------------------------------------------------------------------
# A folder of good and bad files
# --------------------------------------------------------------------------------------------


def test_folder_reports_every_bad_file_and_only_them(tmp_path: Path) -> None:
    good = {
        "incidents/2026-11-22-api-errors.md": INCIDENT,
        "incidents/2025/2025-03-04-dashboard-slow.md": edit(
            INCIDENT, "api: partial_outage", "dashboard: degraded_performance"
        ).replace("2026-11-22", "2025-03-04"),
        "incidents/2026/2026-12-02-db-upgrade.md": MAINTENANCE,
        "incidents/2026/11/2026-11-23-ongoing.md": edit(
            INCIDENT,
            "  - at: 2026-11-22T15:10:00Z\n"
            "    status: resolved\n"
            "    message: Error rates are back to normal.\n",
            "",
        ),
    }
    bad = {
        "incidents/2026-11-20-unknown-key.md": edit(
            INCIDENT, "impact: major\n", "impact: major\nseverity: 1\n"
        ),
        "incidents/2025/2025-05-01-no-offset.md": edit(INCIDENT, "T14:03:00Z", "T14:03:00"),
        "incidents/2025/2025-05-02-binary.md": b"\0\1\2",
        "incidents/2026/2026-01-01-empty.md": "",
        "incidents/2026/2026-01-02-yaml.md": "---\ntitle: [unclosed\n---\n",
        "incidents/2026/notes.txt": "not an incident",
        "incidents/2026/Upper-Case.md": INCIDENT,
        "incidents/2026/2026-01-03-tag.md": edit(
            INCIDENT, "title: Elevated", "title: !foo Elevated"
        ),
        "incidents/2026/11/2026-11-21-unknown-component.md": edit(INCIDENT, "api:", "nope:"),
    }
    make_site(tmp_path, {**good, **bad})
    site, problems = check(tmp_path)
    assert {p.path for p in problems} == set(bad), show(problems)
    assert all(p.line >= 0 for p in problems)
    assert problems == sorted(problems)
    assert {i.path for i in site.incidents} == set(good)
    assert [i.id for i in site.incidents] == [
        "2025-03-04-dashboard-slow",
        "2026-12-02-db-upgrade",
        "2026-11-22-api-errors",
        "2026-11-23-ongoing",
    ]
    ongoing = site.incident("2026-11-23-ongoing")
    assert ongoing is not None and not ongoing.is_closed


def test_missing_incidents_folder_is_fine(tmp_path: Path) -> None:
    make_site(tmp_path)
    site, problems = check(tmp_path)
    assert problems == [] and site.incidents == ()


def test_hidden_files_in_incidents_are_ignored(tmp_path: Path) -> None:
    make_site(
        tmp_path,
        {"incidents/.gitkeep": "", "incidents/.drafts/x.txt": "draft", INCIDENT_PATH: INCIDENT},
    )
    site, problems = check(tmp_path)
    assert problems == [], show(problems)
    assert len(site.incidents) == 1


# --------------------------------------------------------------------------------------------
# Valid content loads with the right values
# --------------------------------------------------------------------------------------------

FULL_INCIDENT = """\
---
title: "Elevated error rates on the API"
impact: major
components:
  api: partial_outage
  dashboard: degraded_performance
workaround: Retry with exponential backoff; the EU endpoint is unaffected.
phases:
  - at: 2026-11-22T15:03:00+01:00
    status: investigating
    message: We are investigating elevated error rates on the API.
    next_update: "2026-11-22T14:30:00Z"
  - at: "2026-11-22T14:20:00Z"
    status: identified
    components: {api: major_outage}
    message: >-
      A faulty deploy
      is being rolled back.
  - at: 2026-11-22T10:10:00-05:00
    status: resolved
    message: Error rates are back to normal.
---

## Postmortem

A bad deploy.
"""


def test_valid_incident_loads_with_its_values(tmp_path: Path) -> None:
    path = "incidents/2026/2026-11-22-api-errors.md"
    make_site(tmp_path, {path: FULL_INCIDENT})
    site, problems = check(tmp_path)
    assert problems == [], show(problems)
    incident = site.incident("2026-11-22-api-errors")
    assert incident is not None
    assert incident.path == path
    assert incident.title == "Elevated error rates on the API"
    assert incident.type is IncidentType.INCIDENT and not incident.is_maintenance
    assert incident.impact is Impact.MAJOR
    assert dict(incident.components) == {
        "api": ComponentStatus.PARTIAL_OUTAGE,
        "dashboard": ComponentStatus.DEGRADED_PERFORMANCE,
    }
    assert list(incident.components) == ["api", "dashboard"]
    assert incident.workaround == "Retry with exponential backoff; the EU endpoint is unaffected."
    assert incident.scheduled is None
    assert incident.audience is Audience.PUBLIC

    first, second, third = incident.phases
    assert first.at == datetime(2026, 11, 22, 14, 3, tzinfo=UTC)
    assert first.at.utcoffset() == timedelta(0)
    assert first.status is PhaseStatus.INVESTIGATING
    assert first.message == "We are investigating elevated error rates on the API."
    assert first.next_update_at == datetime(2026, 11, 22, 14, 30, tzinfo=UTC)
    assert dict(first.components) == {}
    assert first.line == 9
    assert second.at == datetime(2026, 11, 22, 14, 20, tzinfo=UTC)
    assert second.status is PhaseStatus.IDENTIFIED
    assert dict(second.components) == {"api": ComponentStatus.MAJOR_OUTAGE}
    assert second.message == "A faulty deploy is being rolled back."
    assert second.next_update_at is None
    assert second.line == 13
    assert third.at == datetime(2026, 11, 22, 15, 10, tzinfo=UTC)
    assert third.at.utcoffset() == timedelta(0)
    assert third.status is PhaseStatus.RESOLVED
    assert third.line == 19

    assert incident.started_at == datetime(2026, 11, 22, 14, 3, tzinfo=UTC)
    assert incident.is_closed
    assert incident.closed_at == datetime(2026, 11, 22, 15, 10, tzinfo=UTC)
    assert incident.affected_component_ids() == ("api", "dashboard")
    assert "## Postmortem" in incident.body
    assert incident.body.strip() == "## Postmortem\n\nA bad deploy."
    assert "---" not in incident.body and "title:" not in incident.body


def test_started_before_the_first_update_is_when_the_incident_began(tmp_path: Path) -> None:
    text = edit(INCIDENT, "impact: major\n", "impact: major\nstarted: 2026-11-22T14:55:00+01:00\n")
    make_site(tmp_path, {"incidents/x.md": text})
    site, problems = check(tmp_path)
    assert problems == [], show(problems)
    incident = site.incident("x")
    assert incident is not None
    began = datetime(2026, 11, 22, 13, 55, tzinfo=UTC)
    assert incident.started == began and incident.started_at == began
    assert incident.began_unposted == began
    assert incident.created_at == incident.phases[0].at == datetime(2026, 11, 22, 14, 3, tzinfo=UTC)
    same = edit(INCIDENT, "impact: major\n", "impact: major\nstarted: 2026-11-22T14:03:00Z\n")
    make_site(tmp_path, {"incidents/x.md": same})
    site, problems = check(tmp_path)
    incident = site.incident("x")
    assert problems == [] and incident is not None and incident.began_unposted is None


def test_valid_maintenance_loads_with_its_window(tmp_path: Path) -> None:
    text = edit(
        MAINTENANCE,
        "scheduled:\n  start: 2026-12-02T02:00:00Z\n  end: 2026-12-02T04:00:00Z\n",
        "impact: minor\n"
        'scheduled: {start: "2026-12-02T03:00:00+01:00", end: 2026-12-02T04:00:00Z}\n',
    )
    make_site(tmp_path, {"incidents/2026/2026-12-02-db-upgrade.md": text})
    site, problems = check(tmp_path)
    assert problems == [], show(problems)
    (maintenance,) = site.incidents
    assert maintenance.is_maintenance and maintenance.type is IncidentType.MAINTENANCE
    assert maintenance.impact is Impact.MINOR
    assert dict(maintenance.components) == {"database": ComponentStatus.UNDER_MAINTENANCE}
    assert maintenance.scheduled is not None
    assert maintenance.scheduled.start_at == datetime(2026, 12, 2, 2, tzinfo=UTC)
    assert maintenance.scheduled.end_at == datetime(2026, 12, 2, 4, tzinfo=UTC)
    assert maintenance.phases[0].status is PhaseStatus.SCHEDULED
    assert not maintenance.is_closed
    assert maintenance.body == ""


@pytest.mark.parametrize(
    "written",
    [
        pytest.param("2026-11-22T14:03:00Z", id="bare-z"),
        pytest.param('"2026-11-22T14:03:00Z"', id="double-quoted"),
        pytest.param("'2026-11-22T14:03:00Z'", id="single-quoted"),
        pytest.param("2026-11-22T14:03:00+00:00", id="bare-offset"),
        pytest.param("2026-11-22T15:33:00+01:30", id="bare-half-hour-offset"),
        pytest.param('"2026-11-22T09:03:00-05:00"', id="quoted-negative-offset"),
        pytest.param("2026-11-22 14:03:00Z", id="bare-space-separator"),
        pytest.param("2026-11-22T14:03:00.000Z", id="fractional-seconds"),
    ],
)
def test_times_quoted_or_bare_both_work(tmp_path: Path, written: str) -> None:
    make_site(
        tmp_path, {INCIDENT_PATH: edit(INCIDENT, "at: 2026-11-22T14:03:00Z", f"at: {written}")}
    )
    site, problems = check(tmp_path)
    assert problems == [], show(problems)
    at = site.incidents[0].phases[0].at
    assert at == datetime(2026, 11, 22, 14, 3, tzinfo=UTC)
    assert at.utcoffset() == timedelta(0)


def test_sub_folders_work_and_ids_are_file_names(tmp_path: Path) -> None:
    make_site(
        tmp_path,
        {
            "incidents/2025/2025-03-04-a.md": INCIDENT,
            "incidents/2026/11/2026-11-22-b.md": INCIDENT,
            "incidents/2026-11-22-c.md": INCIDENT,
        },
    )
    site, problems = check(tmp_path)
    assert problems == [], show(problems)
    assert {(i.id, i.path) for i in site.incidents} == {
        ("2025-03-04-a", "incidents/2025/2025-03-04-a.md"),
        ("2026-11-22-b", "incidents/2026/11/2026-11-22-b.md"),
        ("2026-11-22-c", "incidents/2026-11-22-c.md"),
    }


def test_check_site_returns_sorted_problems_with_posix_relative_paths(tmp_path: Path) -> None:
    make_site(tmp_path, {"incidents/2026/a.md": "", "incidents/2025/b.md": "no front matter\n"})
    _, problems = check(tmp_path)
    assert problems == sorted(problems)
    for problem in problems:
        assert not os.path.isabs(problem.path) and "\\" not in problem.path


def test_repository_example_site_has_no_problems() -> None:
    site, problems = check_site(read_site_layout(REPO_ROOT)[1], NOW)
    assert problems == [], show(problems)
    files = list((REPO_ROOT / "incidents").rglob("*.md"))
    assert len(site.incidents) == len(files) > 0
    assert site.catalog.components
    assert any(i.is_maintenance for i in site.incidents)
