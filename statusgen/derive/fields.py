"""What an incident's updates say about its estimated resolution and about who is affected:
each statement holds from its update until a later update changes it, and the resolution ends
the estimate. Pure functions of one incident (as one audience sees it, so an internal update's
estimate never shows through a public one's "moved from")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from statusgen.model import Incident, Phase


@dataclass(frozen=True, slots=True)
class EstimateChange:
    """What one update did to the estimated resolution: set it (no `before`), moved it (both),
    or withdrew it (no `after`)."""

    before: datetime | None
    after: datetime | None

    @property
    def kind(self) -> str:
        """set, moved or withdrawn (the words' key)."""
        if self.after is None:
            return "withdrawn"
        return "set" if self.before is None else "moved"


@dataclass(frozen=True, slots=True)
class UpdateFacts:
    """The estimate and the affected statement in effect after one update, and what it
    changed (None where it changed nothing)."""

    estimate_at: datetime | None
    affected: str
    estimate_change: EstimateChange | None
    affected_changed: bool


def update_facts(incident: Incident) -> tuple[UpdateFacts, ...]:
    """One per update, oldest first. Stating the estimate in effect again is no change; the
    final update ends the estimate without announcing it (its status says it is over)."""
    facts: list[UpdateFacts] = []
    estimate: datetime | None = None
    affected = ""
    for phase in incident.phases:
        change = None
        after = _estimate_after(phase, estimate)
        if after != estimate and not phase.status.is_final:
            change = EstimateChange(estimate, after)
        estimate = after
        changed = phase.affected is not None and phase.affected != affected
        affected = phase.affected if phase.affected is not None else affected
        facts.append(UpdateFacts(estimate, affected, change, changed))
    return tuple(facts)


def _estimate_after(phase: Phase, estimate: datetime | None) -> datetime | None:
    if phase.status.is_final or phase.withdraws_estimate:
        return None
    return phase.estimate_at if phase.estimate_at is not None else estimate
