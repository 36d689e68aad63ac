"""`build_snapshot` with the last build's snapshot (`earlier`, issue 22: `mkdocs serve`'s
incremental path): the result equals a snapshot derived from scratch, and what the edit did not
touch (other incidents' views, other components' timelines) is kept, not derived again."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from models import incident, phase, site

from statusgen.derive.snapshot import build_snapshot
from statusgen.model import StatusSite

NOW = datetime(2026, 11, 25, 12, tzinfo=UTC)


def before() -> StatusSite:
    return site(
        incident("db", {"api": "major_outage"}, phase("2026-11-22T10:00Z", "resolved")),
        incident(
            "slow", {"dashboard": "degraded_performance"}, phase("2026-11-23T09:00Z", "resolved")
        ),
        incident("open", {"api": "partial_outage"}, phase("2026-11-25T09:00Z", "investigating")),
    )


def edited(s: StatusSite, id: str, **changes: Any) -> StatusSite:
    return replace(
        s, incidents=tuple(replace(i, **changes) if i.id == id else i for i in s.incidents)
    )


def test_an_edited_message_keeps_every_other_view_and_every_component() -> None:
    old = before()
    earlier = build_snapshot(old, NOW, 90)
    first = old.incidents[0]
    new = edited(old, first.id, title="Database failover, corrected")
    kept = build_snapshot(new, NOW, 90, earlier=earlier)
    assert kept == build_snapshot(new, NOW, 90)
    assert kept.by_id[first.id] is not earlier.by_id[first.id]
    assert all(kept.by_id[i.id] is earlier.by_id[i.id] for i in new.incidents[1:])
    # The edit touches the api component: its uptime is derived again, the dashboard's kept.
    assert kept.components["dashboard"].bars is earlier.components["dashboard"].bars
    assert kept.components["api"].bars is not earlier.components["api"].bars


def test_an_incident_moved_to_another_component_derives_both_again() -> None:
    old = before()
    earlier = build_snapshot(old, NOW, 90)
    new = edited(old, "slow", components={"api": old.incidents[1].components["dashboard"]})
    kept = build_snapshot(new, NOW, 90, earlier=earlier)
    assert kept == build_snapshot(new, NOW, 90)
    assert kept.components["dashboard"] != earlier.components["dashboard"]


def test_another_moment_derives_everything_again() -> None:
    old = before()
    earlier = build_snapshot(old, NOW, 90)
    later = NOW + timedelta(hours=1)
    again = build_snapshot(old, later, 90, earlier=earlier)
    assert again == build_snapshot(old, later, 90)
    assert all(again.by_id[i.id] is not earlier.by_id[i.id] for i in old.incidents)
