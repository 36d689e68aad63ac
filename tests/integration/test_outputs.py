"""Feeds, calendar, JSON API and badges of one real build (the smoke test of each output
family: the plugin's wiring, MkDocs' page URLs and the built pages' anchors), parsed back with
real parsers. What the renderers write in other states, on other clocks and with other options
is checked without a build by tests/unit/test_feeds.py, test_api.py, test_calendar.py and
test_badge_files.py."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import icalendar
import jsonschema
import pytest
from sitebuild import (
    ALL_UPDATES,
    API_FILES,
    parse_page,
    resolve_link,
    statuspage_errors,
)

SCHEMAS = Path(__file__).parents[1] / "schemas"
BASE = "https://status.test/"


@pytest.fixture
def built(maintenance_built: Path) -> Path:
    """The fixture site with an upcoming and a past maintenance, built once per run
    (tests/conftest.py)."""
    return maintenance_built


def parse_feed(path: Path) -> feedparser.FeedParserDict:
    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo, (path, feed.get("bozo_exception"))
    return feed


def local_target(site: Path, url: str) -> tuple[Path, str]:
    assert url.startswith(BASE), url
    resolved = resolve_link(site, site / "index.html", url.removeprefix(BASE) or "./")
    assert resolved is not None
    return resolved


@pytest.mark.parametrize("name", ["feed.rss", "feed.atom"])
def test_site_feeds_have_one_entry_per_update_newest_first(built: Path, name: str) -> None:
    feed = parse_feed(built / name)
    entries = feed.entries
    assert len(entries) == ALL_UPDATES
    published = [e.published_parsed for e in entries]
    assert published == sorted(published, reverse=True)
    assert entries[0].title == "[Investigating] Slow website"
    titles = [e.title for e in entries]
    assert "[Identified] API errors <b>after</b> deploy" in titles
    assert "[Scheduled] Database upgrade" in titles
    for entry in entries:
        assert entry.id == entry.link
        target, fragment = local_target(built, entry.link)
        assert fragment.startswith("update-")
        assert fragment in parse_page(target).ids, entry.link
    identified = next(e for e in entries if e.title.startswith("[Identified]"))
    html = identified.content[0].value if name.endswith("atom") else identified.description
    assert "<strong>bad deploy</strong>" in html and "Major impact" in html and "Public API" in html


def test_component_feeds_hold_only_that_components_updates(built: Path) -> None:
    feed = parse_feed(built / "components/web/feed.atom")
    titles = {e.title.split("] ", 1)[1] for e in feed.entries}
    assert titles == {"Slow website", "Network maintenance"}
    assert parse_feed(built / "components/payments/feed.rss").entries == []


def test_pages_link_feeds_for_autodiscovery(built: Path) -> None:
    for page in ("index.html", "history/index.html", "incidents/2026-03-09-api-errors/index.html"):
        html = (built / page).read_text()
        assert 'rel="alternate feed" type="application/rss+xml"' in html, page
        assert "feed.rss" in html, page
        assert 'type="application/atom+xml"' in html
    component = (built / "components/api/index.html").read_text()
    assert 'href="feed.rss"' in component and 'href="feed.atom"' in component  # its own feeds
    assert component.count('type="application/rss+xml"') == 2
    assert 'rel="alternate feed" type="application/rss+xml"' in component


class FeedLinks(HTMLParser):
    """Feed autodiscovery as the HTML standard words it: a <link> whose `rel`, split on ASCII
    whitespace and compared case-insensitively, has the token `alternate`, with a feed type."""

    TYPES = ("application/rss+xml", "application/atom+xml")

    def __init__(self) -> None:
        super().__init__()
        self.feeds: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        tokens = values.get("rel", "").lower().split()
        if tag == "link" and "alternate" in tokens and values.get("type") in self.TYPES:
            self.feeds.append(values["href"])


def test_feed_links_are_alternate_links_by_the_html_standard(built: Path) -> None:
    for page, feeds in (
        ("index.html", ["feed.rss", "feed.atom"]),
        (
            "components/api/index.html",
            ["../../feed.rss", "../../feed.atom", "feed.rss", "feed.atom"],
        ),
    ):
        parser = FeedLinks()
        parser.feed((built / page).read_text())
        assert sorted(parser.feeds) == sorted(feeds), page


def test_maintenance_calendar_has_one_event_per_maintenance(built: Path) -> None:
    calendar = icalendar.Calendar.from_ical((built / "maintenance.ics").read_bytes())
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {"Database upgrade", "Network maintenance"}
    upcoming = events["Database upgrade"]
    assert upcoming["dtstart"].dt == datetime(2026, 3, 20, 2, tzinfo=UTC)
    assert upcoming["dtend"].dt == datetime(2026, 3, 20, 4, tzinfo=UTC)
    # The UID names the site, not its domain: moving to a custom domain keeps every event.
    assert str(upcoming["uid"]) == "maintenance-2026-03-20-database-upgrade@test-status.statusgen"
    assert str(upcoming["url"]) == BASE + "incidents/2026-03-20-database-upgrade/"
    # Updates oldest first, then the link.
    description = str(upcoming["description"])
    assert description.endswith(BASE + "incidents/2026-03-20-database-upgrade/")
    assert str(calendar["refresh-interval"].dt) == "1:00:00"
    assert str(calendar["x-published-ttl"]) == "PT1H"
    done = events["Network maintenance"]  # what happened: started early, completed at 02:10
    assert done["dtstart"].dt == datetime(2026, 2, 10, 0, 55, tzinfo=UTC)
    assert done["dtend"].dt == datetime(2026, 2, 10, 2, 10, tzinfo=UTC)
    # Three updates: oldest first, each once, then the maintenance's address.
    link = BASE + "incidents/2026-02-10-network-maintenance/"
    assert str(done["description"]).split("\n\n") == [
        "Planned network work.",
        "Started early.",
        "Done.",
        link,
    ]
    assert str(done["url"]) == link


@pytest.mark.parametrize("path", API_FILES)
def test_api_documents_validate_against_statuspage_schema(built: Path, path: str) -> None:
    assert statuspage_errors(built, path) == []


def api(built: Path, path: str) -> dict:  # type: ignore[type-arg]
    return json.loads((built / "api/v2" / path).read_text())


def test_api_values_match_the_model(built: Path) -> None:
    summary = api(built, "summary.json")
    assert summary["status"] == {"indicator": "minor", "description": "Minor Service Outage"}
    statuses = {c["id"]: c["status"] for c in summary["components"]}
    assert statuses == {
        "group-core": "degraded_performance",
        "api": "operational",
        "web": "degraded_performance",
        "group-providers": "operational",
        "payments": "operational",
    }
    groups = [c for c in summary["components"] if c["group"]]
    assert groups[0]["components"] == ["api", "web"]
    assert {c["group_id"] for c in summary["components"] if not c["group"]} == {
        "group-core",
        "group-providers",
    }
    assert [i["id"] for i in summary["incidents"]] == ["2026-03-10-slow-website"]
    assert [m["id"] for m in summary["scheduled_maintenances"]] == ["2026-03-20-database-upgrade"]
    assert [i["id"] for i in api(built, "incidents/unresolved.json")["incidents"]] == [
        "2026-03-10-slow-website"
    ]
    everything = api(built, "incidents.json")["incidents"]
    assert [i["id"] for i in everything] == ["2026-03-10-slow-website", "2026-03-09-api-errors"]
    resolved = everything[1]
    assert resolved["status"] == "resolved" and resolved["resolved_at"] == "2026-03-09T11:30:00Z"
    assert [u["status"] for u in resolved["incident_updates"]] == [
        "resolved",
        "identified",
        "investigating",
    ]
    assert resolved["incident_updates"][1]["affected_components"] == [
        {
            "code": "api",
            "name": "Public API",
            "old_status": "partial_outage",
            "new_status": "major_outage",
        }
    ]
    assert resolved["shortlink"] == BASE + "incidents/2026-03-09-api-errors/"
    assert api(built, "scheduled-maintenances/active.json")["scheduled_maintenances"] == []
    upcoming = api(built, "scheduled-maintenances/upcoming.json")["scheduled_maintenances"]
    assert upcoming[0]["scheduled_for"] == "2026-03-20T02:00:00Z"
    assert [
        m["status"] for m in api(built, "scheduled-maintenances.json")["scheduled_maintenances"]
    ] == ["scheduled", "completed"]


def test_badges_render_and_shields_documents_validate(built: Path) -> None:
    schema = json.loads((SCHEMAS / "shields-endpoint.schema.json").read_text())
    for name, message in (
        ("web", "degraded performance"),
        ("api", "operational"),
        ("_page", "minor service outage"),
    ):
        document = json.loads((built / f"badges/{name}.json").read_text())
        jsonschema.validate(document, schema)
        assert document["message"] == message
        svg = ET.fromstring((built / f"badges/{name}.svg").read_text())
        title = svg.find("{http://www.w3.org/2000/svg}title")
        assert title is not None and title.text and title.text.endswith(": " + message)
        assert svg.get("role") == "img"


@pytest.mark.parametrize(
    ("folder", "target", "anchor"),
    [("components", "index.html", "sg-components"), ("incidents", "history/index.html", "")],
)
def test_shortened_addresses_send_readers_on(
    built: Path, folder: str, target: str, anchor: str
) -> None:
    """/components/ and /incidents/ (a component's or an incident's address, shortened) go to
    the overview's components and to the archive, instead of a 404."""
    page = built / folder / "index.html"
    text = page.read_text()
    refresh = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)">', text)
    assert refresh is not None, text
    resolved = resolve_link(built, page, refresh[1])
    assert resolved == (built / target, anchor), resolved
    if anchor:
        assert f'id="{anchor}"' in (built / target).read_text()
    assert f'<a href="{refresh[1]}">' in text and '<meta name="robots" content="noindex">' in text
    canonical = re.search(r'<link rel="canonical" href="([^"]+)">', text)
    assert canonical is not None and local_target(built, canonical[1]) == resolved


def test_widget_is_published_and_reads_the_sites_summary(built: Path) -> None:
    script = (built / "widget.js").read_text(encoding="utf-8")
    assert '"api/v2/summary.json"' in script and "/*STATUSGEN" not in script
    assert (built / "api/v2/summary.json").is_file()
    assert '"lang":"en"' in script


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_an_incidents_feed_holds_its_updates_with_the_site_feeds_ids(
    built: Path, kind: str
) -> None:
    site = parse_feed(built / f"feed.{kind}")
    for folder in sorted(p.parent for p in (built / "incidents").glob(f"*/feed.{kind}")):
        own = parse_feed(folder / f"feed.{kind}")
        page = BASE + f"incidents/{folder.name}/"
        expected = [e.id for e in site.entries if e.link.startswith(page)]
        assert expected and [e.id for e in own.entries] == expected, folder.name
        links = parse_page(folder / "index.html").links
        assert f"feed.{kind}" in links  # "Follow this incident", visible on its page
