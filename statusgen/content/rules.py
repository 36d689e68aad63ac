"""The content format's vocabulary: the keys each mapping may hold and the id rule."""

from __future__ import annotations

import re

#: Ids of components and incidents; they are in URLs, so the whole text must match.
ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
ID_EXPECTED = "lowercase letters, digits and single hyphens, like 2026-11-22-api-errors"
#: Messages that still start with this were not filled in after `statusgen new`.
PLACEHOLDER_PREFIX = "TODO"

CATALOG_KEYS = ("groups", "monitors")
GROUP_KEYS = ("name", "description", "components")
COMPONENT_KEYS = (
    "id",
    "name",
    "description",
    "sla",
    "upstream",
    "since",
    "retired",
    "audience",
    "monitors",
)
INCIDENT_KEYS = (
    "title",
    "type",
    "impact",
    "started",
    "components",
    "workaround",
    "phases",
    "scheduled",
    "audience",
    "postmortem",
    "opened_by",
    "alert",
)
PHASE_KEYS = (
    "at",
    "status",
    "message",
    "next_update",
    "estimate",
    "affected",
    "components",
    "audience",
)
WINDOW_KEYS = ("start", "end")
POSTMORTEM_KEYS = ("at",)
#: `opened_by: monitor` marks an incident `statusgen probe` opened.
OPENED_BY_MONITOR = "monitor"
#: `opened_by: alert` marks an incident `statusgen alert` opened, with `alert: {key, digest}`.
OPENED_BY_ALERT = "alert"
ALERT_KEYS = ("key", "digest")
#: `estimate: none` withdraws an earlier estimate of the resolution.
NO_ESTIMATE = "none"


def is_id(text: str) -> bool:
    """True when the whole text is a valid id (no trailing newline slips through)."""
    return ID_PATTERN.fullmatch(text) is not None
