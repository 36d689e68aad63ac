"""What the record of what was sent keeps of each event: its `Identity`, which survives what
editing a file does to the event's id.

An event is an update, a published postmortem or a maintenance window moving by the clock. Its
id (`event_id`: `<incident id>#<anchor>`, the anchor of the update on its incident page) names
it in the run's summary. What the record keeps is its `Identity`:

- the incident is known both by its id (the file's name) and by its origin (its type and when
  it was first posted): renaming the file keeps the origin, correcting the first update's time
  keeps the id; only doing both in one run loses it;
- the update is known by its status, its message (white space folded) and how many earlier
  updates of the incident said the same: not by its time, so correcting a time keeps it, and
  an update inserted before it (in the same second or not) leaves it as it was;
- where it was posted (its time and status) is kept as its place: an update whose text changed
  but whose place holds an update that is no longer there is a correction (see `sending.py`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from statusgen.clock import stamp_utc
from statusgen.model import Incident, Phase, PhaseStatus
from statusgen.render import urls

#: A maintenance's window starting or ending by the clock, with no update posted for it.
WINDOW_EVENTS = {"started": PhaseStatus.IN_PROGRESS, "ended": PhaseStatus.COMPLETED}


@dataclass(frozen=True)
class Identity:
    """What the record keeps of an event (an update, a postmortem, a window's move)."""

    #: Each names the event on its own (by the incident's id, by its origin): any one recorded
    #: means the event was handled.
    keys: tuple[str, ...]
    #: The id the previous version recorded (`<incident id>#<anchor>`), read for migration.
    legacy: str
    #: Where an update was posted (by id, by origin); empty for other events.
    places: tuple[str, ...] = ()
    #: Every key of the incident's events now: a place whose recorded key is among them
    #: holds an update that is still there (so this one is new, not its correction).
    siblings: frozenset[str] = frozenset()


def incident_origin(incident: Incident) -> str:
    """The incident's name that a rename keeps: its type and when it was first posted."""
    return f"{incident.type.value}@{stamp_utc(incident.created_at)}"


def _said(phase: Phase) -> str:
    text = " ".join(phase.message.split())
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def identities(incident: Incident) -> dict[str, Identity]:
    """The identity of each event of `incident`, by its event id (`event_id`, and the window
    moves' `<incident id>#window-<kind>`)."""
    names = (incident.id, incident_origin(incident))
    parts: list[tuple[str, str, tuple[str, ...]]] = []
    seen: dict[tuple[str, str], int] = {}
    for phase in incident.phases:
        said = (phase.status.value, _said(phase))
        seen[said] = seen.get(said, 0) + 1
        place = f"@{stamp_utc(phase.at)}/{phase.status.value}"
        part = f"#{said[0]}:{said[1]}:{seen[said]}"
        parts.append((event_id(incident, phase), part, tuple(n + place for n in names)))
    parts.append((event_id(incident, None), "#postmortem", ()))
    for kind in WINDOW_EVENTS:
        parts.append((f"{incident.id}#window-{kind}", f"#window-{kind}", ()))
    siblings = frozenset(n + part for _, part, _ in parts for n in names)
    return {
        legacy: Identity(tuple(n + part for n in names), legacy, places, siblings)
        for legacy, part, places in parts
    }


def event_id(incident: Incident, phase: Phase | None) -> str:
    """The stable id of an update, or of the postmortem's publication (`phase` None)."""
    return f"{incident.id}#{urls.POSTMORTEM_ANCHOR if phase is None else phase.anchor}"
