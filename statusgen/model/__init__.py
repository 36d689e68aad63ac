"""The content model: what components.yml and incidents/*.md say, validated and immutable.

Nothing here does I/O; `statusgen.content` builds these objects from files. The enums they use
(statuses, impacts, lifecycle, audience) are in `statuses.py`, imported from here like the rest.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from types import MappingProxyType

from statusgen.clock import stamp_utc
from statusgen.model.statuses import (
    IMPACT_STATUS,
    INCIDENT_COMPONENT_STATUSES,
    INCIDENT_PHASE_STATUSES,
    MAINTENANCE_COMPONENT_STATUSES,
    MAINTENANCE_LIFECYCLE,
    MAINTENANCE_PHASE_COMPONENT_STATUSES,
    MAINTENANCE_PHASE_STATUSES,
    MAINTENANCE_PHASES,
    PHASE_COMPONENT_STATUSES,
    Audience,
    ComponentStatus,
    Impact,
    IncidentType,
    Lifecycle,
    PhaseStatus,
    phase_statuses_for,
    status_impact,
    worst_status,
)
from statusgen.slugs import name_slug

#: The statuses' vocabularies (`statuses.py`) are part of the model: import them from here.
__all__ = [
    "AlertMark",
    "Audience",
    "Catalog",
    "Component",
    "ComponentStatus",
    "Group",
    "IMPACT_STATUS",
    "INCIDENT_COMPONENT_STATUSES",
    "INCIDENT_PHASE_STATUSES",
    "Impact",
    "Incident",
    "IncidentType",
    "Lifecycle",
    "MAINTENANCE_COMPONENT_STATUSES",
    "MAINTENANCE_LIFECYCLE",
    "MAINTENANCE_PHASES",
    "MAINTENANCE_PHASE_COMPONENT_STATUSES",
    "MAINTENANCE_PHASE_STATUSES",
    "PHASE_COMPONENT_STATUSES",
    "Phase",
    "PhaseStatus",
    "StatusSite",
    "Window",
    "frozen_mapping",
    "phase_statuses_for",
    "status_impact",
    "worst_status",
]


def frozen_mapping(
    items: Mapping[str, ComponentStatus] | None = None,
) -> Mapping[str, ComponentStatus]:
    """A read-only copy of a component-to-status mapping, in the given order."""
    return MappingProxyType(dict(items or {}))


#: Texts in other languages than the default: language code -> field name -> text.
Translations = Mapping[str, Mapping[str, str]]


def no_translations() -> Translations:
    """An object's translations when it has none (read-only)."""
    return _NO_TRANSLATIONS


_NO_TRANSLATIONS: Translations = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Component:
    """Something readers depend on, with a status and an uptime."""

    id: str
    name: str
    group: str
    description: str = ""
    sla: float | None = None
    upstream: str | None = None
    since: datetime | None = None
    #: When it was retired: from then on it leaves the overview, the current status and the
    #: API's components; its page and its incidents stay.
    retired: datetime | None = None
    audience: Audience = Audience.PUBLIC
    line: int = 0
    #: The name in the site's other languages, as (language, name) pairs (issue 28).
    names: tuple[tuple[str, str], ...] = ()
    #: The file line of the name.
    name_line: int = 0
    #: In one language's catalog (`derive/languages.catalog_in`), the language of a name kept
    #: in the default language for want of a translation ("" otherwise), for `lang`.
    name_lang: str = ""

    def is_retired_at(self, now: datetime) -> bool:
        """True from its `retired` time on."""
        return self.retired is not None and self.retired <= now


@dataclass(frozen=True, slots=True)
class Group:
    """A named group of components, in the order components.yml lists them."""

    name: str
    components: tuple[Component, ...]
    description: str = ""
    #: The name in the site's other languages, as (language, name) pairs (issue 28).
    names: tuple[tuple[str, str], ...] = ()
    #: The file line of the name.
    name_line: int = 0
    #: As `Component.name_lang`.
    name_lang: str = ""
    #: In another language's catalog, the default language's name (the group's id).
    default_name: str = ""

    @property
    def slug(self) -> str:
        """A stable identifier derived from the name (the default language's), for anchors
        and API ids: its transliterated slug ("Données & livraison" -> "donnees-livraison")."""
        return name_slug(self.default_name or self.name)


@dataclass(frozen=True)
class Catalog:
    """Every group and component of components.yml."""

    groups: tuple[Group, ...]

    @cached_property
    def components(self) -> tuple[Component, ...]:
        """All components, in file order."""
        return tuple(c for g in self.groups for c in g.components)

    @cached_property
    def _by_id(self) -> dict[str, Component]:
        return {c.id: c for c in self.components}

    def get(self, component_id: str) -> Component | None:
        """The component with that id, or None."""
        return self._by_id.get(component_id)


@dataclass(frozen=True, slots=True)
class Phase:
    """One update of an incident: a status, a message, and maybe component changes."""

    at: datetime
    status: PhaseStatus
    message: str
    next_update_at: datetime | None = None
    components: Mapping[str, ComponentStatus] = field(default_factory=frozen_mapping)
    audience: Audience = Audience.PUBLIC
    line: int = 0
    #: The file line where the message's text starts (0: unknown; then `line`).
    message_line: int = 0
    #: The estimated resolution this update states (`estimate:`); it holds until a later update
    #: states another or withdraws it. None: this update says nothing about it.
    estimate_at: datetime | None = None
    #: True when this update withdraws the estimate (`estimate: none`).
    withdraws_estimate: bool = False
    #: The registered update fields this update states (`content/fieldregistry.py`: `affected`
    #: and the like), by name, as plain text; each holds until a later update states another.
    #: A field it does not name: no change.
    stated: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    #: How many earlier updates of the same incident, as one audience sees it, were posted in
    #: the same second (usually 0; set by `derive.audience`).
    same_time_before: int = 0
    #: This update's texts in the site's other languages: language -> field -> text (`message`
    #: and the stated text fields by name). The fields above hold the default language's.
    translations: Translations = field(default_factory=no_translations)
    #: Set by the language projection (`derive/languages.py`): the text fields shown in the
    #: default language because this language's translation is missing.
    fallbacks: frozenset[str] = frozenset()

    @property
    def affected(self) -> str | None:
        """Who is affected, as this update states it (`affected:`); None: no change."""
        return self.stated.get("affected")

    @property
    def anchor(self) -> str:
        """The stable anchor of this update on its incident page, from its time (not its
        position, so later updates never change it): update-20261122T140300Z, then -2, -3
        for further updates posted at the very same second."""
        suffix = f"-{self.same_time_before + 1}" if self.same_time_before else ""
        return "update-" + stamp_utc(self.at) + suffix


@dataclass(frozen=True, slots=True)
class Window:
    """A maintenance's scheduled window, [start, end)."""

    start_at: datetime
    end_at: datetime


@dataclass(frozen=True, slots=True)
class AlertMark:
    """`opened_by: alert` with `alert: {key, digest}`: `statusgen alert` opened the incident
    for the alert `key` (`<format>:<id>`); `digest` is that of its updates as it last wrote
    them, so a person's update or edit shows (docs/reference.md)."""

    key: str
    digest: str


@dataclass(frozen=True, slots=True)
class Incident:
    """An incident or a maintenance, from one file in incidents/."""

    id: str
    path: str
    title: str
    type: IncidentType
    impact: Impact
    components: Mapping[str, ComponentStatus]
    phases: tuple[Phase, ...]
    workaround: str = ""
    scheduled: Window | None = None
    audience: Audience = Audience.PUBLIC
    body: str = ""
    #: When the postmortem (in the body) was published (`postmortem: {at: ...}`), if it was.
    postmortem_at: datetime | None = None
    #: When the incident began, if before its first update was posted (`started:`).
    started: datetime | None = None
    #: `opened_by: monitor`: `statusgen probe` opened it (docs/reference.md).
    opened_by_monitor: bool = False
    #: `opened_by: alert`: `statusgen alert` opened it, for this alert.
    alert: AlertMark | None = None
    #: The file lines where the workaround's and the body's texts start (0: unknown).
    workaround_line: int = 0
    body_line: int = 0
    #: The file line where the title's text starts (0: unknown).
    title_line: int = 0
    #: The incident's texts in the site's other languages: language -> field (`title`,
    #: `workaround`, `body`) -> text. The fields above hold the default language's.
    translations: Translations = field(default_factory=no_translations)
    #: Set by the language projection (`derive/languages.py`): the text fields shown in the
    #: default language because this language's translation is missing.
    fallbacks: frozenset[str] = frozenset()

    @property
    def is_maintenance(self) -> bool:
        """True for a scheduled maintenance."""
        return self.type is IncidentType.MAINTENANCE

    @property
    def last_phase(self) -> Phase:
        """The latest update."""
        return self.phases[-1]

    @property
    def is_closed(self) -> bool:
        """True once the last phase is resolved (or completed)."""
        return self.last_phase.status.is_final

    @property
    def started_at(self) -> datetime:
        """When the incident began: its `started`, else its first update. Downtime, uptime,
        durations and the API count from here."""
        return self.started or self.phases[0].at

    @property
    def began_unposted(self) -> datetime | None:
        """`started`, when the incident began before its first update was posted."""
        return self.started if self.started and self.started < self.phases[0].at else None

    @property
    def created_at(self) -> datetime:
        """When the incident was first posted (its first update; Statuspage's `created_at`)."""
        return self.phases[0].at

    @property
    def closed_at(self) -> datetime | None:
        """When the final phase was posted, if there is one."""
        return self.last_phase.at if self.is_closed else None

    def affected_component_ids(self) -> tuple[str, ...]:
        """Every component the incident names, initially or in a later phase, in order."""
        seen = dict.fromkeys(self.components)
        for phase in self.phases:
            seen.update(dict.fromkeys(phase.components))
        return tuple(seen)


@dataclass(frozen=True, slots=True)
class StatusSite:
    """The whole validated content of a status site."""

    catalog: Catalog
    incidents: tuple[Incident, ...]

    def incident(self, incident_id: str) -> Incident | None:
        """The incident with that id, or None."""
        for incident in self.incidents:
            if incident.id == incident_id:
                return incident
        return None
