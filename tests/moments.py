"""Shared by the derived-state tests: the fixed "now", short names for statuses, and times
written as in incident files."""

from __future__ import annotations

from datetime import UTC, datetime

from statusgen.model import ComponentStatus

OP = ComponentStatus.OPERATIONAL
UM = ComponentStatus.UNDER_MAINTENANCE
DEG = ComponentStatus.DEGRADED_PERFORMANCE
PART = ComponentStatus.PARTIAL_OUTAGE
MAJ = ComponentStatus.MAJOR_OUTAGE

#: The fixed "now" of the derived-state tests: Wednesday 2026-11-25, noon UTC (13:00 in
#: Amsterdam, 07:00 in New York).
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
# Windows ending with today, 2026-11-25, counted as a full day although NOW is noon:
#   30 days: 2026-10-27 .. 2026-11-25 =  30 * 86400 =  2592000 s
#   90 days: 2026-08-28 .. 2026-11-25 =  90 * 86400 =  7776000 s
#  365 days: 2025-11-26 .. 2026-11-25 = 365 * 86400 = 31536000 s


def at(text: str) -> datetime:
    """An aware time from ISO 8601 with an offset: "2026-11-22T14:03Z", "...T15:03+01:00"."""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    assert moment.utcoffset() is not None, text
    return moment
