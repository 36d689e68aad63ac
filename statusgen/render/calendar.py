"""The maintenance calendar (RFC 5545) with the icalendar package: one event per maintenance.

UIDs derive from the maintenance id and the site's name (not its domain: a site that moves to
a custom domain keeps its events), so calendar apps update an event in place when its window
moves. DTSTAMP is the maintenance's latest update, not the wall clock. The calendar asks
subscribed apps to refresh hourly (RFC 7986 REFRESH-INTERVAL, and Outlook's X-PUBLISHED-TTL).
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from statusgen.derive.lifecycle import maintenance_window
from statusgen.derive.snapshot import IncidentView, Snapshot
from statusgen.model import Lifecycle
from statusgen.render.markup import MarkdownRenderer
from statusgen.render.sanitize import html_to_text
from statusgen.render.untranslated import Untranslated, noted
from statusgen.slugs import slugify

if TYPE_CHECKING:
    from icalendar import Event


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
    from icalendar import Calendar  # loaded by the build, not by every command

    calendar = Calendar()
    calendar.add("prodid", "-//statusgen//maintenance calendar//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", calendar_name)
    calendar.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
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
        calendar.add_component(
            _event(item, domain, incident_url[item.id], messages, markdown.untranslated)
        )
    return bytes(calendar.to_ical())


def _event(
    item: IncidentView,
    domain: str,
    url: str,
    messages: tuple[str, ...],
    untranslated: Untranslated | None,
) -> Event:
    import icalendar  # loaded by the build, not by every command

    incident = item.incident
    assert incident.scheduled is not None
    start, end = incident.scheduled.start_at, incident.scheduled.end_at
    if item.state is Lifecycle.COMPLETED:  # what really happened, once it has
        start, end = maintenance_window(incident)
    event = icalendar.Event()
    event.add("uid", f"maintenance-{incident.id}@{domain}")
    event.add("dtstamp", incident.last_phase.at)
    event.add("last-modified", incident.last_phase.at)
    event.add("dtstart", start)
    if end > start:  # RFC 5545: DTEND must be later; without it the event is an instant
        event.add("dtend", end)
    event.add("summary", noted(untranslated, incident.title, incident.fallbacks, "title"))
    updates = [html_to_text(html) for html in messages]  # oldest first, as they were posted
    event.add("description", "\n\n".join([*updates, url]))
    event.add("url", url)
    event.add("status", "CONFIRMED")
    names = ", ".join(component.name for component, _ in item.affected)
    if names:
        event.add("categories", [names])
    return event
