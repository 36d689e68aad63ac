"""The bilingual example's French feeds and calendar, parsed back as a reader's app reads
them: a text shown in English because its French is missing is marked as the pages mark it
(its `lang`, the note in French); a translated one is not; the English feeds are untouched."""

from __future__ import annotations

from pathlib import Path

import feedparser
import icalendar
import pytest

US_EAST = "incidents/2026-07-22-us-east-network-outage/"
#: The us-east incident's third update: its message has no French.
KEPT_IN_ENGLISH = "Six of the eight core routers are back on the previous configuration"
NOTE = "Pas encore traduit"


def entries(site: Path, path: str) -> list[feedparser.FeedParserDict]:
    feed = feedparser.parse((site / path).read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    return list(feed.entries)


@pytest.mark.parametrize("path", ["fr/feed.rss", "fr/feed.atom"])
def test_the_french_feed_marks_the_us_east_update_kept_in_english(
    example_site: Path, path: str
) -> None:
    us_east = [e for e in entries(example_site, path) if US_EAST in e.link]
    (kept,) = [e for e in us_east if KEPT_IN_ENGLISH in e.description]
    html = kept.content[0].value if path.endswith(".atom") else kept.description
    assert f'<div lang="en"><p>{KEPT_IN_ENGLISH}' in html
    assert NOTE in html.partition(KEPT_IN_ENGLISH)[2]
    assert kept.title == "[Identifié] Panne généralisée dans us-east"
    # The first update is in French: nothing marked.
    (first,) = [e for e in us_east if e.title.startswith("[Enquête en cours]")]
    assert "Nous constatons des erreurs" in first.description
    assert 'lang="en"' not in first.description and NOTE not in first.description


def test_the_english_feed_and_calendar_carry_no_mark(example_site: Path) -> None:
    for path in ("feed.rss", "feed.atom", "maintenance.ics"):
        text = (example_site / path).read_text("utf-8")
        assert "sg-untranslated" not in text and "Not yet translated" not in text, path
    (kept,) = [e for e in entries(example_site, "feed.rss") if KEPT_IN_ENGLISH in e.description]
    assert 'lang="en"' not in kept.description


def test_the_french_calendar_notes_a_maintenance_title_kept_in_english(
    example_site: Path,
) -> None:
    calendar = icalendar.Calendar.from_ical((example_site / "fr/maintenance.ics").read_bytes())
    summaries = {str(event["SUMMARY"]) for event in calendar.walk("VEVENT")}
    assert f"Object storage metadata upgrade in us-east ({NOTE})" in summaries
    english = icalendar.Calendar.from_ical((example_site / "maintenance.ics").read_bytes())
    assert "Object storage metadata upgrade in us-east" in {
        str(event["SUMMARY"]) for event in english.walk("VEVENT")
    }
