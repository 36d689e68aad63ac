"""The iCalendar writer (statusgen/render/ical.py) writes what the icalendar package writes,
byte for byte: any text, folded lines, UTC times, and the whole maintenance calendar of a site
(its events as the package would order and write them)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import icalendar
from hypothesis import given, settings
from hypothesis import strategies as st
from models import component, maintenance, phase, site
from moments import at
from siteoutputs import outputs_of

from statusgen.render import ical

NOW = at("2026-03-10T12:00Z")
#: Texts rich in what escaping and folding handle: escapes, line breaks, wide characters.
SPECIAL = st.sampled_from([*'ab ;,\\^:"\r\n\tN', "é", "€", "𝄞", "\u200b", "\ufeff"])
TEXTS = st.text(SPECIAL | st.characters(codec="utf-8"), max_size=300)


def package_line(name: str, value: object) -> bytes:
    """One property as the package writes it (the line and its break)."""
    event = icalendar.Event()
    event.add(name, value)
    written: bytes = event.to_ical()
    return written.removeprefix(b"BEGIN:VEVENT\r\n").removesuffix(b"END:VEVENT\r\n")


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_a_text_is_escaped_and_folded_as_the_package_does_it(value: str) -> None:
    for name in ("summary", "description"):
        ours = ical.document([f"{name.upper()}:{ical.text(value)}"])
        assert ours == package_line(name, value)


def test_an_escape_at_every_place_of_a_fold_is_folded_as_the_package_does_it() -> None:
    for width in range(50, 160):
        for tail in ("\\", ";", ",", "\n", "^", "é;", "𝄞,"):
            value = "a" * width + tail + "b" * 80
            ours = ical.document([f"DESCRIPTION:{ical.text(value)}"])
            assert ours == package_line("description", value), (width, tail)


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_the_calendars_name_is_written_as_the_package_does_it(value: str) -> None:
    calendar = icalendar.Calendar()
    calendar.add("x-wr-calname", value)
    name = f"X-WR-CALNAME:{ical.unknown(value)}"
    ours = ical.document(["BEGIN:VCALENDAR", name, "END:VCALENDAR"])
    if any(br in value for br in "\r\n"):  # the package fails; a line break is written \n
        assert b"\r\n X" not in ours and ours.count(b"\r\n") == 3 + ours.count(b"\r\n ")
        return
    assert ours == calendar.to_ical()


@settings(max_examples=100, deadline=None)
@given(st.text(st.characters(codec="utf-8", exclude_characters="\r\n"), max_size=200))
def test_a_uri_and_categories_are_written_as_the_package_does_it(value: str) -> None:
    assert ical.document([f"URL:{value}"]) == package_line("url", value)
    if value:
        assert ical.document([f"CATEGORIES:{ical.text(value)}"]) == package_line(
            "categories", [value]
        )


@given(st.datetimes(timezones=st.just(UTC)))
def test_a_time_is_written_in_utc_as_the_package_does_it(moment: datetime) -> None:
    assert ical.document([f"DTSTART:{ical.utc(moment)}"]) == package_line("dtstart", moment)


def test_the_calendar_is_the_package_calendar_of_the_same_events() -> None:
    api = component("api", "Core", name="Public; API, v2")
    upcoming = maintenance(
        "2026-03-20-database-upgrade",
        "2026-03-20T02:00Z",
        "2026-03-20T04:00Z",
        phase("2026-03-01T09:00Z", "scheduled", message="We will **upgrade**; then, test."),
        components={"api": "under_maintenance"},
        title="Database upgrade, part 1; " + "é" * 60,
    )
    instant = maintenance(
        "2026-03-25-switch", "2026-03-25T06:00Z", "2026-03-25T06:00Z", title="Switch \\ over"
    )
    written = outputs_of(site(upcoming, instant, components=(api,)), NOW)["maintenance.ics"]
    assert isinstance(written, bytes)

    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//statusgen//maintenance calendar//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", _calendar_name(written))
    calendar.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    for event in icalendar.Calendar.from_ical(written).walk("VEVENT"):
        assert isinstance(event, icalendar.Event)
        again = icalendar.Event()
        for name in ("uid", "dtstamp", "last-modified", "dtstart", "dtend", "summary"):
            if name in event:
                value = event[name]
                again.add(name, value.dt if hasattr(value, "dt") else str(value))
        again.add("description", str(event["description"]))
        again.add("url", str(event["url"]))
        again.add("status", "CONFIRMED")
        if "categories" in event:
            categories = event["categories"]
            assert isinstance(categories, icalendar.vCategory)
            again.add("categories", [str(c) for c in categories.cats])
        calendar.add_component(again)
    assert written == calendar.to_ical()
    assert b"SUMMARY:Database upgrade\\, part 1\\; " in written
    assert b"DTEND" not in written.split(b"Switch")[1], "an instant has no DTEND"


def _calendar_name(written: bytes) -> str:
    return str(icalendar.Calendar.from_ical(written)["x-wr-calname"])
