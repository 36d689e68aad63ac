"""Overdue incidents: an open incident whose promised next update has passed, or that has had
no update for a while. `statusgen remind` nudges the responders; `statusgen status` marks them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from statusgen.derive.lifecycle import is_active_at
from statusgen.model import Incident, Phase


@dataclass(frozen=True)
class Overdue:
    """Why an incident is overdue, and since when."""

    incident: Incident
    #: The latest update at the time asked about.
    last: Phase
    #: "next_update" (a promise passed) or "silent" (no update for the configured time).
    reason: str
    #: When it became overdue.
    since: datetime

    @property
    def key(self) -> str:
        """One nudge per reason and latest update: a newer update starts afresh."""
        return f"{self.incident.id}#{self.last.anchor}#{self.reason}"


def overdue(incident: Incident, now: datetime, silent_after: timedelta | None) -> Overdue | None:
    """Whether `incident` is overdue at `now`: an active incident or maintenance whose latest
    update promised a next one that has passed, or an open incident without an update for
    `silent_after` (None: only promises count)."""
    if not is_active_at(incident, now):
        return None
    posted = [p for p in incident.phases if p.at <= now]
    if not posted:
        return None
    last = posted[-1]
    if last.next_update_at is not None and last.next_update_at < now:
        return Overdue(incident, last, "next_update", last.next_update_at)
    # A promise still ahead overrides the silence rule: the responders said when.
    if (
        silent_after is not None
        and not incident.is_maintenance
        and last.next_update_at is None
        and now - last.at >= silent_after
    ):
        return Overdue(incident, last, "silent", last.at + silent_after)
    return None
