"""An imported incident as it will be written: what `normalize` makes of a source's incident."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from statusgen.model import Audience, ComponentStatus, Impact, IncidentType, PhaseStatus


@dataclass
class DraftPhase:
    """An update as it will be written."""

    at: datetime
    #: None while still to be decided from the updates around it.
    status: PhaseStatus | None
    message: str
    components: dict[str, ComponentStatus] = field(default_factory=dict)
    #: 1-based position in the source, None for an update the import adds.
    source: int | None = None
    #: (source key, status after, name, the source's word for it) of each component named.
    transitions: list[tuple[str, ComponentStatus | None, str, str]] = field(default_factory=list)
    #: The status before, per source key, as the source says it.
    before: dict[str, ComponentStatus | None] = field(default_factory=dict)
    #: The message in the site's other languages: language -> text.
    translations: dict[str, str] = field(default_factory=dict)

    @property
    def decided(self) -> PhaseStatus:
        """The status, once decided (every status is, before messages are written)."""
        assert self.status is not None
        return self.status

    @property
    def final(self) -> bool:
        """True for resolved and completed."""
        return self.status is not None and self.status.is_final


@dataclass
class Draft:
    """An incident file as it will be written."""

    id: str
    source_id: str
    kind: IncidentType
    title: str
    impact: Impact | None
    components: dict[str, ComponentStatus]
    phases: list[DraftPhase]
    scheduled: tuple[datetime, datetime] | None = None
    audience: Audience = Audience.PUBLIC
    body: str = ""
    #: When the incident began, where that is before its first update (`started:`).
    started: datetime | None = None
    #: When the postmortem in the body was published (`postmortem: {at: ...}`).
    postmortem_at: datetime | None = None
    #: The title and body in the site's other languages: language -> field -> text.
    translations: dict[str, dict[str, str]] = field(default_factory=dict)
