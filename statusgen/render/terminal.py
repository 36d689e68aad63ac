"""The page state as terminal text, for `statusgen status`. Every text from content is made
printable: no escape sequence in a title or message reaches the responder's terminal."""

from __future__ import annotations

from datetime import datetime

from statusgen.clock import minute_utc
from statusgen.derive.fields import update_facts
from statusgen.derive.overdue import overdue
from statusgen.derive.snapshot import Snapshot
from statusgen.model import ComponentStatus, Incident
from statusgen.palette import impact_colour, status_colour
from statusgen.problems import printable
from statusgen.render.feeds import stated_facts
from statusgen.render.locale import Translator

#: `statusgen status` speaks English.
_ENGLISH = Translator("en")

_SYMBOLS = {
    ComponentStatus.OPERATIONAL: "✔",
    ComponentStatus.UNDER_MAINTENANCE: "⚙",
    ComponentStatus.DEGRADED_PERFORMANCE: "▲",
    ComponentStatus.PARTIAL_OUTAGE: "◆",
    ComponentStatus.MAJOR_OUTAGE: "✖",
}


def render_status(snapshot: Snapshot, color: bool = False) -> str:
    """A readable summary: indicator, open incidents, maintenance, and every component with
    its uptime over the site's `history_days`."""

    def paint(text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if color else text

    state, now, days = snapshot.state, snapshot.now, snapshot.history_days
    out = [
        paint(f"{state.sentence}", "1;" + impact_colour(state.indicator).terminal)
        + f"  (indicator: {state.indicator.value})",
        f"as of {_when(now)}",
        "",
    ]
    if state.open_incidents:
        out.append(paint("Open incidents", "1"))
        for incident in state.open_incidents:
            out.extend(_incident_lines(incident, now))
        out.append("")
    if state.maintenance_in_progress or state.maintenance_upcoming:
        out.append(paint("Maintenance", "1"))
        for incident in state.maintenance_in_progress:
            out.append(f"  in progress: {printable(incident.title)} [{incident.id}]")
        for incident in state.maintenance_upcoming:
            window = incident.scheduled
            assert window is not None
            out.append(f"  upcoming:    {printable(incident.title)} [{incident.id}]")
            out.append(f"               {_when(window.start_at)} to {_when(window.end_at)}")
        out.append("")
    width = max((len(c.component.name) for c in snapshot.components.values()), default=10)
    out.append(paint("Components", "1") + f"  (uptime over {days} days)")
    for group in snapshot.groups:
        out.append(f"  {printable(group.group.name)}")
        for view in group.components:
            component, status, percent = view.component, view.status, view.uptime[days]
            label = f"{_SYMBOLS[status]} {status.value.replace('_', ' ')}"
            label = paint(f"{label:<22}", status_colour(status).terminal)
            out.append(f"    {printable(component.name):<{width}}  {label}  {percent:>6} %")
    return "\n".join(out) + "\n"


def _one_line(text: str) -> str:
    """A message on one terminal line: its white space (paragraphs too) folded."""
    return printable(" ".join(text.split()))


def _incident_lines(incident: Incident, now: datetime) -> list[str]:
    last = incident.last_phase
    lines = [
        f"  [{incident.impact.value}] {printable(incident.title)}  ({incident.id})",
        f"      {last.status.label}, updated {_ago(now, last.at)}: {_one_line(last.message)}",
    ]
    late = overdue(incident, now, None)
    if late is not None:
        lines.append(f"      OVERDUE: next update was promised by {_when(late.since)}")
    elif last.next_update_at is not None:
        lines.append(f"      next update by {_when(last.next_update_at)}")
    facts = update_facts(incident)[-1]
    if facts.estimate_at is not None:
        lines.append(f"      estimated resolution {_when(facts.estimate_at)}")
    for label, text in stated_facts(facts, _ENGLISH):  # "who is affected: ..."
        lines.append(f"      {label[:1].lower()}{label[1:]}: {printable(text)}")
    affected = ", ".join(incident.affected_component_ids())
    if affected:
        lines.append(f"      affects: {affected}")
    return lines


def _when(moment: datetime) -> str:
    return minute_utc(moment) + " UTC"


def _ago(now: datetime, moment: datetime) -> str:
    minutes = int((now - moment).total_seconds() // 60)
    if minutes < 60:
        return f"{minutes} min ago"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {minutes} min ago"
    return f"{hours // 24} days ago"
