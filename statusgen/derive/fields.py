"""What an incident's updates say about its estimated resolution and about who is affected:
each statement holds from its update until a later update changes it, and the resolution ends
the estimate. Pure functions of one incident (as one audience sees it, so an internal update's
estimate never shows through a public one's "moved from")."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from types import MappingProxyType

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
    """The estimate and the stated fields (who is affected, and every other field of
    `content/fieldregistry.py`) in effect after one update, and what it changed (None, or
    not in `changed`, where it changed nothing)."""

    estimate_at: datetime | None
    #: Each stated field in effect, by name (as the updates so far last stated it).
    stated: Mapping[str, str]
    estimate_change: EstimateChange | None
    #: The names of the stated fields this update changed.
    changed: frozenset[str] = frozenset()

    @property
    def affected(self) -> str:
        """Who is affected ("" when no update said)."""
        return self.stated.get("affected", "")

    @property
    def affected_changed(self) -> bool:
        """True when this update stated who is affected anew."""
        return "affected" in self.changed


def update_facts(incident: Incident) -> tuple[UpdateFacts, ...]:
    """One per update, oldest first. Stating the estimate in effect again is no change; the
    final update ends the estimate without announcing it (its status says it is over). A
    stated field holds until an update states another text; stating the same again is no
    change."""
    facts: list[UpdateFacts] = []
    estimate: datetime | None = None
    stated: dict[str, str] = {}
    for phase in incident.phases:
        change = None
        after = _estimate_after(phase, estimate)
        if after != estimate and not phase.status.is_final:
            change = EstimateChange(estimate, after)
        estimate = after
        changed = frozenset(
            name for name, text in phase.stated.items() if stated.get(name, "") != text
        )
        stated.update(phase.stated)
        facts.append(UpdateFacts(estimate, MappingProxyType(dict(stated)), change, changed))
    return tuple(facts)


def _estimate_after(phase: Phase, estimate: datetime | None) -> datetime | None:
    if phase.status.is_final or phase.withdraws_estimate:
        return None
    return phase.estimate_at if phase.estimate_at is not None else estimate
