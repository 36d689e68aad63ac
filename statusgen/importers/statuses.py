"""The component statuses and impact of an imported incident: only real changes, components
nobody declared added, and statuses the type cannot hold left out (each reported)."""

from __future__ import annotations

from statusgen.importers.catalog import CatalogPlan
from statusgen.importers.draft import DraftPhase
from statusgen.importers.records import SourceIncident
from statusgen.model import (
    IMPACT_STATUS,
    INCIDENT_COMPONENT_STATUSES,
    Audience,
    ComponentStatus,
    Impact,
    status_impact,
    worst_status,
)

OPERATIONAL = ComponentStatus.OPERATIONAL
MAINTENANCE = ComponentStatus.UNDER_MAINTENANCE
#: Component status an incident's impact stands for, when the source names no status (impact
#: none too: a component an incident names is at least degraded).
ASSUMED_STATUS = {Impact.NONE: ComponentStatus.DEGRADED_PERFORMANCE, **IMPACT_STATUS}


class ComponentFixes:
    """The component part of an incident's repairs (mixed into the normalizer)."""

    src: SourceIncident
    plan: CatalogPlan
    maintenance: bool

    def note(self, kind: str, message: str, update: int | None = None, **detail: object) -> None:
        """Record a report entry (the normalizer's)."""
        raise NotImplementedError

    def components(self, phases: list[DraftPhase]) -> dict[str, ComponentStatus]:
        """Initial statuses, and per update only the real changes (sources repeat the
        unchanged ones)."""
        initial: dict[str, ComponentStatus] = {}
        walk: dict[str, ComponentStatus] = {}
        if self.maintenance:
            for phase in phases:
                for key, after, name, _ in phase.transitions:
                    if after not in (None, OPERATIONAL):
                        initial[self.component_id(key, name, phase.source)] = MAINTENANCE
        for index, phase in enumerate(phases):
            before_of = phase.before
            for key, after, name, after_text in phase.transitions:
                cid = self.component_id(key, name, phase.source)
                if after is None:
                    self.note(
                        "unknown_component_status",
                        f"update {phase.source} gives {cid!r} the status {after_text!r}, which "
                        "statusgen does not have; left out",
                        phase.source,
                    )
                    continue
                before = walk.get(cid, before_of.get(key) or OPERATIONAL)
                real = (
                    after != before
                    if cid in walk
                    else (after != OPERATIONAL or before != OPERATIONAL)
                )
                if not real:
                    continue
                walk[cid] = after
                if self.maintenance:
                    if after is OPERATIONAL and cid in initial:
                        phase.components[cid] = OPERATIONAL
                    elif after is not OPERATIONAL and after is not MAINTENANCE:
                        self.note(
                            "component_status_not_allowed",
                            f"update {phase.source} puts {cid!r} in {after.value!r}; a "
                            "maintenance holds its components under maintenance",
                            phase.source,
                        )
                    continue
                if after is MAINTENANCE:
                    self.note(
                        "component_status_not_allowed",
                        f"update {phase.source} puts {cid!r} under maintenance, which an "
                        "incident cannot; left out",
                        phase.source,
                    )
                    continue
                if index == 0 and after in INCIDENT_COMPONENT_STATUSES:
                    initial[cid] = after
                else:
                    phase.components[cid] = after
        for key, status in self.src.components.items():
            cid = self.component_id(key, self.src.component_names.get(key, key), None)
            if cid in initial or any(cid in p.components for p in phases):
                continue
            if self.maintenance:
                initial[cid] = MAINTENANCE
                continue
            if status not in INCIDENT_COMPONENT_STATUSES:
                status = ASSUMED_STATUS[self.src.impact or Impact.MINOR]
                self.note(
                    "component_status_assumed",
                    f"the source names {cid!r} without its status; {status.value!r} (from the "
                    "impact) is written",
                )
            initial[cid] = status
        return initial

    def component_id(self, key: str, name: str, update: int | None) -> str:
        cid, declared = self.plan.id_for(key, name)
        if declared:
            self.note(
                "undeclared_component",
                f"component {name or key!r} is not declared in the source; added to "
                f"components.yml as {cid!r}",
                update,
                id=cid,
            )
        return cid

    def impact(self, initial: dict[str, ComponentStatus]) -> Impact | None:
        if self.maintenance:
            return self.src.impact if self.src.impact not in (None, Impact.NONE) else None
        if self.src.impact is not None:
            return self.src.impact
        worst = worst_status(initial.values())
        impact = max(status_impact(worst), Impact.MINOR, key=lambda i: i.severity)
        self.note("impact_assumed", f"the source gives no impact; {impact.value!r} is written")
        return impact

    def audience(self, initial: dict[str, ComponentStatus], phases: list[DraftPhase]) -> Audience:
        ids = set(initial) | {cid for p in phases for cid in p.components}
        if ids and all(self.plan.is_internal(cid) for cid in ids):
            self.note(
                "internal",
                "every component it touches is internal in components.yml; written as internal",
            )
            return Audience.INTERNAL
        return Audience.PUBLIC
