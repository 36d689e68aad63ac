"""Statuspage's v2 API in every page state, rendered as a build renders it (tests/siteoutputs.py:
the site's files loaded by the real loader, no `mkdocs build`; the real build's API is checked by
tests/integration/test_outputs.py): summary.json and status.json compared whole with documents
written here by hand, every file checked against the schema.

The site: three components (payments with `since: 2026-03-08`), an incident on web resolved on
2026-03-05 (the site's first), and per state a maintenance of api on 2026-03-20 02:00-04:00
(announced on 2026-03-10) and/or an open incident on web since 2026-03-20 03:00.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sitebuild import (
    API_FILES,
    COMPONENTS,
    MAINTENANCE,
    fixture_site,
    statuspage_errors,
)
from siteoutputs import machine_zone, site_outputs, write_outputs

RESOLVED = """---
title: Slow pages
impact: minor
components: {web: degraded_performance}
phases:
  - {at: 2026-03-05T10:00:00Z, status: investigating, message: "Slow."}
  - {at: 2026-03-05T11:00:00Z, status: resolved, message: "Fixed."}
---
"""
OUTAGE = """---
title: Errors
impact: {impact}
components: {{web: {status}}}
phases:
  - {{at: 2026-03-20T03:00:00Z, status: investigating, message: "Looking."}}
---
"""
STATUS_OF = {"minor": "degraded_performance", "major": "partial_outage", "critical": "major_outage"}

FIRST = "2026-03-05T10:00:00Z"  # the site's first incident: created_at without `since`
FIXED = "2026-03-05T11:00:00Z"  # web back to operational
SINCE = "2026-03-08T00:00:00Z"  # payments' `since` (after the first incident), UTC
URL = "https://status.test/incidents/{}/"
COMPONENT = {  # id: name, position, group, description, start_date
    "api": ("Public API", 2, "group-core", None, None),
    "web": ("Website", 3, "group-core", "The marketing site", None),
    "payments": ("Payments", 5, "group-providers", None, "2026-03-08"),
}


def build(tmp_path: Path, moment: str, files: dict[str, str], language: str = "en") -> Path:
    """The site's API (and other outputs) as a build at `moment` writes them."""
    since = "upstream: https://status.payments.test\n        since: 2026-03-08"
    files = {
        "components.yml": COMPONENTS.replace("upstream: https://status.payments.test", since),
        "incidents/2026-03-05-slow-pages.md": RESOLVED,
        **files,
    }
    root = fixture_site(tmp_path / "src", language=language, incidents=files)
    for unused in ("2026-03-09-api-errors.md", "2026-03-10-slow-website.md"):
        (root / "incidents" / unused).unlink()
    return write_outputs(site_outputs(root, datetime.fromisoformat(moment)), tmp_path / "site")


def read(site: Path, path: str) -> Any:
    return json.loads((site / "api/v2" / path).read_text())


def component(cid: str, status: str, updated: str) -> dict[str, Any]:
    name, position, group, description, start_date = COMPONENT[cid]
    return {
        "id": cid,
        "name": name,
        "status": status,
        "created_at": SINCE if start_date else FIRST,
        "updated_at": updated,
        "position": position,
        "description": description,
        "showcase": True,
        "start_date": start_date,
        "group_id": group,
        "page_id": "test-status",
        "group": False,
        "only_show_if_degraded": False,
    }


def group(gid: str, name: str, status: str, position: int, members: list[dict[str, Any]]) -> Any:
    return {
        "id": gid,
        "name": name,
        "status": status,
        "created_at": min(m["created_at"] for m in members),
        "updated_at": max(m["updated_at"] for m in members),
        "position": position,
        "description": None,
        "showcase": False,
        "start_date": None,
        "group_id": None,
        "page_id": "test-status",
        "group": True,
        "only_show_if_degraded": False,
        "components": [m["id"] for m in members],
    }


def update(iid: str, uid: str, status: str, body: str, at: str, affected: Any = None) -> Any:
    return {
        "id": f"{iid}-{uid}",
        "status": status,
        "body": body,
        "incident_id": iid,
        "created_at": at,
        "updated_at": at,
        "display_at": at,
        "affected_components": affected,
        "deliver_notifications": True,
        "custom_tweet": None,
        "tweet_id": None,
    }


def changed(cid: str, new: str) -> list[dict[str, str]]:
    return [
        {"code": cid, "name": COMPONENT[cid][0], "old_status": "operational", "new_status": new}
    ]


def outage(impact: str, web: dict[str, Any]) -> dict[str, Any]:
    """The open incident on web as the API gives it at 03:30."""
    iid, at = "2026-03-20-errors", "2026-03-20T03:00:00Z"
    first = update(iid, "update-20260320T030000Z", "investigating", "Looking.", at)
    first["affected_components"] = changed("web", STATUS_OF[impact])
    return {
        "id": iid,
        "name": "Errors",
        "status": "investigating",
        "created_at": at,
        "updated_at": at,
        "monitoring_at": None,
        "resolved_at": None,
        "impact": impact,
        "shortlink": URL.format(iid),
        "started_at": at,
        "page_id": "test-status",
        "incident_updates": [first],
        "components": [web],
        "postmortem_body": None,
        "postmortem_published_at": None,
    }


def maintenance(status: str, api: dict[str, Any]) -> dict[str, Any]:
    """The maintenance as the API gives it: the clock moves it along, with an automatic update
    for each move no posted update covers (newest first)."""
    iid = "2026-03-20-works"
    posted = update(iid, "update-20260310T090000Z", "scheduled", "Planned.", "2026-03-10T09:00:00Z")
    posted["affected_components"] = changed("api", "under_maintenance")
    started = "The maintenance window has started."
    automatic = {
        "scheduled": [],
        "in_progress": [
            update(iid, "auto-in-progress", "in_progress", started, "2026-03-20T02:00:00Z")
        ],
        "completed": [
            update(
                iid,
                "auto-completed",
                "completed",
                "The maintenance window has ended.",
                "2026-03-20T04:00:00Z",
            ),
            update(iid, "auto-in-progress", "in_progress", started, "2026-03-20T02:00:00Z"),
        ],
    }[status]
    updates = [*automatic, posted]
    return {
        "id": iid,
        "name": "Database upgrade",
        "status": status,
        "created_at": "2026-03-10T09:00:00Z",
        "updated_at": updates[0]["created_at"],
        "monitoring_at": None,
        "resolved_at": "2026-03-20T04:00:00Z" if status == "completed" else None,
        "impact": "maintenance",
        "shortlink": URL.format(iid),
        "started_at": "2026-03-10T09:00:00Z",
        "page_id": "test-status",
        "incident_updates": updates,
        "components": [api],
        "scheduled_for": "2026-03-20T02:00:00Z",
        "scheduled_until": "2026-03-20T04:00:00Z",
    }


WORKS = {"incidents/2026-03-20-works.md": MAINTENANCE.format(more="")}


def errors(impact: str) -> dict[str, str]:
    text = OUTAGE.format(impact=impact, status=STATUS_OF[impact])
    return {"incidents/2026-03-20-errors.md": text}


@dataclass(frozen=True)
class State:
    name: str
    moment: str  # the build time
    files: dict[str, str]
    indicator: str
    api: tuple[str, str]  # status, updated_at
    web: tuple[str, str]
    core: str  # the group's status
    impact: str | None = None  # of the open incident on web, if any
    maintenance: str | None = None  # its status, if there is one


DESCRIPTION = {
    "none": "All Systems Operational",
    "minor": "Minor Service Outage",
    "major": "Partial System Outage",
    "critical": "Major System Outage",
    "maintenance": "Service Under Maintenance",
}
AT, BEFORE = "2026-03-20T03:30:00+00:00", "2026-03-19T12:00:00+00:00"
DURING, AFTER = "2026-03-20T02:30:00+00:00", "2026-03-20T05:00:00+00:00"
OK, API_OK = ("operational", FIXED), ("operational", FIRST)
API_IN, API_OUT = (
    ("under_maintenance", "2026-03-20T02:00:00Z"),
    ("operational", "2026-03-20T04:00:00Z"),
)
WEB_AT = "2026-03-20T03:00:00Z"
MAJOR = ("partial_outage", WEB_AT)
# fmt: off
STATES = [
    State("all operational", AT, {}, "none", API_OK, OK, "operational"),
    *(State(i, AT, errors(i), i, API_OK, (STATUS_OF[i], WEB_AT), STATUS_OF[i], i)
      for i in ("minor", "major", "critical")),
    State("maintenance upcoming", BEFORE, WORKS, "none", API_OK, OK, "operational",
          maintenance="scheduled"),
    State("maintenance in progress", DURING, WORKS, "maintenance", API_IN, OK,
          "under_maintenance", maintenance="in_progress"),
    State("maintenance over", AFTER, WORKS, "none", API_OUT, OK, "operational",
          maintenance="completed"),
    State("incident during maintenance", AT, {**WORKS, **errors("major")}, "major", API_IN, MAJOR,
          "partial_outage", impact="major", maintenance="in_progress"),
]
# fmt: on


@pytest.mark.parametrize("state", STATES, ids=lambda s: s.name)
def test_every_page_state_reads_as_statuspage_gives_it(tmp_path: Path, state: State) -> None:
    site = build(tmp_path, state.moment, state.files)
    page = {
        "id": "test-status",
        "name": "Test Status",
        "url": "https://status.test/",
        "time_zone": "UTC",
        "updated_at": state.moment.replace("+00:00", "Z"),  # the build time
    }
    status = {"indicator": state.indicator, "description": DESCRIPTION[state.indicator]}
    api, web = component("api", *state.api), component("web", *state.web)
    payments = component("payments", "operational", SINCE)
    components = [
        group("group-core", "Core", state.core, 1, [api, web]),
        api,
        web,
        group("group-providers", "Providers", "operational", 4, [payments]),
        payments,
    ]
    works = [maintenance(state.maintenance, api)] if state.maintenance else []
    listed = works if state.maintenance in ("scheduled", "in_progress") else []
    assert read(site, "status.json") == {"page": page, "status": status}
    assert read(site, "summary.json") == {
        "page": page,
        "components": components,
        "incidents": [outage(state.impact, web)] if state.impact else [],
        "scheduled_maintenances": listed,
        "status": status,
    }
    assert read(site, "components.json") == {"page": page, "components": components}
    lists = {
        "scheduled-maintenances.json": works,
        "scheduled-maintenances/active.json": listed if state.maintenance == "in_progress" else [],
        "scheduled-maintenances/upcoming.json": listed if state.maintenance == "scheduled" else [],
    }
    for path, expected in lists.items():
        assert read(site, path)["scheduled_maintenances"] == expected, path
    for path in API_FILES:
        assert statuspage_errors(site, path) == [], path


def maintenance_updates(site: Path) -> list[tuple[str, str, str]]:
    works = read(site, "scheduled-maintenances.json")["scheduled_maintenances"][0]
    return [
        (u["id"].removeprefix("2026-03-20-works-"), u["status"], u["created_at"])
        for u in works["incident_updates"]
    ]


def test_posted_updates_that_cover_the_clock_leave_no_automatic_one(tmp_path: Path) -> None:
    more = (
        '  - {at: 2026-03-20T02:00:00Z, status: in_progress, message: "Started."}\n'
        '  - {at: 2026-03-20T03:50:00Z, status: completed, message: "Done."}\n'
    )
    site = build(
        tmp_path,
        "2026-03-20T05:00:00+00:00",
        {"incidents/2026-03-20-works.md": MAINTENANCE.format(more=more)},
    )
    assert maintenance_updates(site) == [
        ("update-20260320T035000Z", "completed", "2026-03-20T03:50:00Z"),
        ("update-20260320T020000Z", "in_progress", "2026-03-20T02:00:00Z"),
        ("update-20260310T090000Z", "scheduled", "2026-03-10T09:00:00Z"),
    ]


def test_a_posted_verifying_status_is_kept_after_the_automatic_start(tmp_path: Path) -> None:
    more = '  - {at: 2026-03-20T03:40:00Z, status: verifying, message: "Checking."}\n'
    site = build(
        tmp_path,
        "2026-03-20T03:50:00+00:00",
        {"incidents/2026-03-20-works.md": MAINTENANCE.format(more=more)},
    )
    active = read(site, "scheduled-maintenances/active.json")["scheduled_maintenances"]
    assert (active[0]["status"], active[0]["updated_at"]) == ("verifying", "2026-03-20T03:40:00Z")
    assert maintenance_updates(site) == [
        ("update-20260320T034000Z", "verifying", "2026-03-20T03:40:00Z"),
        ("auto-in-progress", "in_progress", "2026-03-20T02:00:00Z"),
        ("update-20260310T090000Z", "scheduled", "2026-03-10T09:00:00Z"),
    ]


def test_automatic_updates_speak_the_sites_language(tmp_path: Path) -> None:
    site = build(tmp_path, "2026-03-20T05:00:00+00:00", WORKS, language="fr")
    works = read(site, "scheduled-maintenances.json")["scheduled_maintenances"][0]
    assert [u["body"] for u in works["incident_updates"][:2]] == [
        "La fenêtre de maintenance est terminée.",
        "La fenêtre de maintenance a commencé.",
    ]


def test_a_components_times_do_not_move_between_builds(tmp_path: Path) -> None:
    early = build(tmp_path / "a", "2026-03-20T05:00:00+00:00", errors("minor"))
    later = build(tmp_path / "b", "2026-03-21T05:00:00+00:00", errors("minor"))

    def times(site: Path) -> dict[str, tuple[str, str]]:
        return {
            c["id"]: (c["created_at"], c["updated_at"])
            for c in read(site, "components.json")["components"]
        }

    assert times(early) == times(later)  # two builds, nothing changed: the same times
    assert times(early)["web"] == (FIRST, WEB_AT)  # created with the site; degraded at 03:00


def test_api_ids_are_stable_across_builds_on_other_clocks_and_zones(tmp_path: Path) -> None:
    files = {**WORKS, **errors("minor")}
    first = build(tmp_path / "a", "2026-03-20T05:00:00+00:00", files)
    with machine_zone("America/Lima"):
        again = build(tmp_path / "b", "2026-03-20T06:00:00+00:00", files)

    def ids(site: Path) -> list[tuple[str, list[str]]]:
        incidents = read(site, "incidents.json")["incidents"]
        return [(i["id"], [u["id"] for u in i["incident_updates"]]) for i in incidents]

    assert ids(first) == ids(again)
    assert [i for i, _ in ids(first)] == ["2026-03-20-errors", "2026-03-05-slow-pages"]
