"""The maintenance calendar (RFC 5545): one event per maintenance, written by `render/ical.py`
as the icalendar package writes it (its properties in the package's order).

UIDs derive from the maintenance id and the site's name (not its domain: a site that moves to
a custom domain keeps its events), so calendar apps update an event in place when its window
moves. DTSTAMP is the maintenance's latest update, not the wall clock. The calendar asks
subscribed apps to refresh hourly (RFC 7986 REFRESH-INTERVAL, and Outlook's X-PUBLISHED-TTL).
"""

from __future__ import annotations

from statusgen.derive.lifecycle import maintenance_window
from statusgen.derive.snapshot import IncidentView, Snapshot
from statusgen.model import Lifecycle
from statusgen.render import ical
from statusgen.render.markup import MarkdownRenderer
from statusgen.render.sanitize import html_to_text
from statusgen.render.untranslated import Untranslated, noted
from statusgen.slugs import slugify


def render_maintenance_calendar(
    view: Snapshot,
    site_name: str,
    calendar_name: str,
    incident_url: dict[str, str],
    markdown: MarkdownRenderer,
) -> bytes:
    """Every maintenance, past and upcoming, as an iCalendar document named `calendar_name`
    (in the calendar's language; UIDs keep the site's name). In a language other
    than the default, a title kept in the default language for want of its translation says
    so (the messages' notes come from `markdown`, as on the pages)."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//statusgen//maintenance calendar//EN",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{ical.unknown(calendar_name)}",
        "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
        "X-PUBLISHED-TTL:PT1H",
    ]
    domain = f"{slugify(site_name) or 'status'}.statusgen"
    maintenance = sorted(
        (i for i in view.incidents if i.incident.is_maintenance),
        key=lambda i: (
            i.incident.scheduled.start_at if i.incident.scheduled else i.incident.started_at,
            i.id,
        ),
    )
    for item in maintenance:
        messages = markdown.incident(item.incident).messages
        lines += _event(item, domain, incident_url[item.id], messages, markdown.untranslated)
    return ical.document([*lines, "END:VCALENDAR"])


def _event(
    item: IncidentView,
    domain: str,
    url: str,
    messages: tuple[str, ...],
    untranslated: Untranslated | None,
) -> list[str]:
    """One maintenance's event: its content lines."""
    incident = item.incident
    assert incident.scheduled is not None
    start, end = incident.scheduled.start_at, incident.scheduled.end_at
    if item.state is Lifecycle.COMPLETED:  # what really happened, once it has
        start, end = maintenance_window(incident)
    summary = noted(untranslated, incident.title, incident.fallbacks, "title")
    updates = [html_to_text(html) for html in messages]  # oldest first, as they were posted
    description = "\n\n".join([*updates, url])
    names = ", ".join(component.name for component, _ in item.affected)
    updated = ical.utc(incident.last_phase.at)
    return [
        "BEGIN:VEVENT",
        f"SUMMARY:{ical.text(summary)}",
        f"DTSTART:{ical.utc(start)}",
        # RFC 5545: DTEND must be later; without it the event is an instant
        *([f"DTEND:{ical.utc(end)}"] if end > start else []),
        f"DTSTAMP:{updated}",
        f"UID:{ical.text(f'maintenance-{incident.id}@{domain}')}",
        *([f"CATEGORIES:{ical.text(names)}"] if names else []),
        f"DESCRIPTION:{ical.text(description)}",
        f"LAST-MODIFIED:{updated}",
        "STATUS:CONFIRMED",
        f"URL:{url}",
        "END:VEVENT",
    ]
