"""What pages say about time that statusgen.js keeps right between builds: durations, how far
off a promised time is, and the lifecycle states the script moves a maintenance through.

The script hard-codes no state: the pages carry, as `data-lifecycle` (JSON written by
`lifecycle_config` from `model.Lifecycle`), every state's words and rules, so a new state is a
change to the model and to the tables here.
"""

from __future__ import annotations

import html
import json
from datetime import datetime, timedelta

from markupsafe import Markup

from statusgen.derive.lifecycle import maintenance_window
from statusgen.derive.snapshot import IncidentView
from statusgen.model import MAINTENANCE_LIFECYCLE, MAINTENANCE_PHASES, Lifecycle
from statusgen.options import DEFAULTS
from statusgen.render.locale import TimeFormatter, Translator

#: How each lifecycle state words an incident's duration (a translation key with
#: `{duration}`); a state without one (upcoming) is "Scheduled", and the script says when it
#: starts.
DURATION_WORDING = {
    Lifecycle.ONGOING: "incident.ongoing_for",
    Lifecycle.IN_PROGRESS: "incident.ongoing_for",
    Lifecycle.RESOLVED: "incident.resolved_after",
    Lifecycle.COMPLETED: "incident.completed_after",
}
#: The overview's heading of a maintenance section in each maintenance state (the script
#: renames the section as the clock moves its windows along).
MAINTENANCE_SECTION_WORDING = {
    Lifecycle.UPCOMING: "overview.maintenance_upcoming",
    Lifecycle.IN_PROGRESS: "overview.maintenance_now",
    Lifecycle.COMPLETED: "overview.maintenance_done",
}
#: How old a page may be before the script tells readers that the status may have changed
#: (every page, whatever its state: an all-green page is the one that misleads when publishing
#: has stopped). In the pages as `data-stale-after`, in seconds; the `stale_after` option
#: (minutes) sets it. Published sites rebuild every 15 minutes (docs/site.md), so the default,
#: two hours, means several missed builds.
STALE_AFTER = timedelta(minutes=DEFAULTS.stale_after)
#: The words statusgen.js fills in that belong to no state, as `data-w-<name>` attributes on
#: the element holding `data-built`: translation keys.
LIVE_WORDS = {
    "minutes": "duration.minutes",
    "hours": "duration.hours",
    "hours-only": "duration.hours_only",
    "days": "duration.days",
    "starts": "live.starts",
    "overdue": "live.overdue",
    "stale": "live.stale",
}


def lifecycle_config(t: Translator) -> Markup:
    """The lifecycle as statusgen.js reads it (`data-lifecycle`), in the site's language:
    `maintenance`, a maintenance's states before, during and after its window; `active`, the
    states that affect components now; `durations`, each
    state's duration words; `phases`, the posted phase statuses that fit each maintenance state
    (the first is the one shown when the posted one does not fit); `labels`, those phases'
    words; `rows`, how a list's row names each state not yet over (a row whose incident is over
    names none). Escaped for an attribute in single quotes (JSON's own quotes stay readable)."""
    phases = {
        state.value: [p.value for p in MAINTENANCE_PHASES[state]] for state in MAINTENANCE_PHASES
    }
    text = json.dumps(
        {
            "maintenance": [state.value for state in MAINTENANCE_LIFECYCLE],
            "active": [state.value for state in Lifecycle if state.is_active],
            "durations": {state.value: t(key) for state, key in DURATION_WORDING.items()},
            "phases": phases,
            "labels": {fits[0]: t("phase." + fits[0]) for fits in phases.values()},
            "rows": {s.value: t("history.state_" + s.value) for s in Lifecycle if not s.is_over},
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return Markup(html.escape(text, quote=False).replace("'", "&#39;"))


def live_span(view: IncidentView) -> tuple[datetime, datetime | None]:
    """When an incident or maintenance runs, for the page's script (`data-start`, `data-end`):
    a maintenance's window; an incident's first update and, once resolved, its final one."""
    incident = view.incident
    if incident.is_maintenance:
        return maintenance_window(incident)
    return incident.started_at, incident.closed_at if view.state.is_over else None


def duration_text(view: IncidentView, t: Translator, fmt: TimeFormatter) -> str:
    """How long it lasted or has lasted ("Resolved after 1 h 30 min"); "Scheduled" ahead."""
    wording = DURATION_WORDING.get(view.state)
    if wording is None:
        return t("phase.scheduled")
    return t(wording, duration=fmt.duration(view.duration))


def due_text(moment: datetime, now: datetime, t: Translator, fmt: TimeFormatter) -> str:
    """How far off a promised time is at the build ("in about 2 h", "overdue by 5 min"), as
    statusgen.js words it between builds (a minute late is overdue)."""
    if now - moment >= timedelta(minutes=1):
        return t("live.overdue", duration=fmt.duration(now - moment))
    return t("estimate.in_about", duration=fmt.duration(max(moment - now, timedelta(0))))
