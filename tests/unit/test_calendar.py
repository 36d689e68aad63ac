"""The maintenance calendar as a build renders it (tests/siteoutputs.py, no `mkdocs build`),
read back with icalendar. One real build's calendar is checked in
tests/integration/test_outputs.py."""

from __future__ import annotations

from datetime import UTC, datetime

import icalendar
from models import component, incident, maintenance, phase, site
from moments import at
from siteoutputs import BASE, outputs_of

from statusgen.model import StatusSite

NOW = at("2026-03-10T12:00Z")
API = component("api", "Core", name="Public API")
WEB = component("web", "Core", name="Website")
UPCOMING = maintenance(
    "2026-03-20-database-upgrade",
    "2026-03-20T02:00Z",
    "2026-03-20T04:00Z",
    phase("2026-03-01T09:00Z", "scheduled", message="We will **upgrade** the database."),
    phase("2026-03-05T09:00Z", "scheduled", message="Still planned."),
    title="Database upgrade",
)
# Started early, completed before the end of its window: the event is what happened.
DONE = maintenance(
    "2026-02-10-network-maintenance",
    "2026-02-10T01:00Z",
    "2026-02-10T03:00Z",
    phase("2026-02-01T09:00Z", "scheduled", message="Planned network work."),
    phase("2026-02-10T00:55Z", "in_progress", message="Started early."),
    phase("2026-02-10T02:10Z", "completed", message="Done."),
    components={"web": "under_maintenance"},
    title="Network maintenance",
)
# A window of no length: an instant, without DTEND (RFC 5545 wants DTEND after DTSTART).
INSTANT = maintenance(
    "2026-03-25-switch", "2026-03-25T06:00Z", "2026-03-25T06:00Z", title="Switch over"
)
OUTAGE = incident(
    "2026-03-09-api-errors",
    {"api": "major_outage"},
    phase("2026-03-09T10:00Z", "investigating"),
)
SITE = site(UPCOMING, DONE, INSTANT, OUTAGE, components=(API, WEB))


def events(site: StatusSite, **settings: str) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(outputs_of(site, NOW, **settings)["maintenance.ics"])
    return {str(e["summary"]): e for e in calendar.walk("VEVENT")}


def test_one_event_per_maintenance_and_none_for_incidents() -> None:
    calendar = icalendar.Calendar.from_ical(outputs_of(SITE, NOW)["maintenance.ics"])
    assert [str(e["summary"]) for e in calendar.walk("VEVENT")] == [
        "Network maintenance",
        "Database upgrade",
        "Switch over",
    ]  # by window
    assert str(calendar["x-wr-calname"]) == "Test Status: maintenance"
    assert str(calendar["refresh-interval"].dt) == "1:00:00"
    assert str(calendar["x-published-ttl"]) == "PT1H"


def test_an_upcoming_maintenance_is_its_window_with_every_update() -> None:
    upcoming = events(SITE)["Database upgrade"]
    assert upcoming["dtstart"].dt == datetime(2026, 3, 20, 2, tzinfo=UTC)
    assert upcoming["dtend"].dt == datetime(2026, 3, 20, 4, tzinfo=UTC)
    link = BASE + "incidents/2026-03-20-database-upgrade/"
    # The UID names the site, not its domain: moving to a custom domain keeps every event.
    assert str(upcoming["uid"]) == "maintenance-2026-03-20-database-upgrade@test-status.statusgen"
    assert str(upcoming["url"]) == link
    # Updates as text (no Markdown, no HTML), oldest first, then the link.
    assert str(upcoming["description"]).split("\n\n") == [
        "We will upgrade the database.",
        "Still planned.",
        link,
    ]
    # DTSTAMP is the latest update, not the clock.
    assert upcoming["dtstamp"].dt == datetime(2026, 3, 5, 9, tzinfo=UTC)
    assert upcoming["last-modified"].dt == datetime(2026, 3, 5, 9, tzinfo=UTC)
    assert [str(c) for c in upcoming["categories"].cats] == ["Public API"]


def test_a_completed_maintenance_is_what_happened() -> None:
    done = events(SITE)["Network maintenance"]
    assert done["dtstart"].dt == datetime(2026, 2, 10, 0, 55, tzinfo=UTC)
    assert done["dtend"].dt == datetime(2026, 2, 10, 2, 10, tzinfo=UTC)
    link = BASE + "incidents/2026-02-10-network-maintenance/"
    assert str(done["description"]).split("\n\n") == [
        "Planned network work.",
        "Started early.",
        "Done.",
        link,
    ]
    assert str(done["url"]) == link


def test_a_window_of_no_length_is_an_instant() -> None:
    instant = events(SITE)["Switch over"]
    assert instant["dtstart"].dt == datetime(2026, 3, 25, 6, tzinfo=UTC)
    assert "dtend" not in instant


def test_events_keep_their_identity_when_the_site_moves() -> None:
    uids = [
        sorted(str(e["uid"]) for e in events(SITE, base=base).values())
        for base in ("https://owner.github.io/status/", "https://status.example.org/")
    ]
    assert uids[0] == uids[1] and len(uids[0]) == 3
    moved = events(SITE, base="https://status.example.org/")["Database upgrade"]
    assert str(moved["url"]) == "https://status.example.org/incidents/2026-03-20-database-upgrade/"
