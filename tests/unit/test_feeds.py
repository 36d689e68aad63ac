"""The RSS and Atom feeds as a build renders them (tests/siteoutputs.py, no `mkdocs build`),
parsed back with feedparser. One real build's feeds, their links to the built pages and the
pages' autodiscovery links are checked in tests/integration/test_outputs.py."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import feedparser
import pytest
from models import component, incident, maintenance, phase, site
from moments import at
from sitebuild import FIXTURE_BUILT, MAINTENANCE_INCIDENTS, fixture_site
from siteoutputs import BASE, Outputs, machine_zone, outputs_of, render, site_outputs

from statusgen.content.writing import append_phase
from statusgen.model import Phase, PhaseStatus
from statusgen.options import DEFAULTS, Options

NOW = at("2026-03-10T12:00Z")
API = component("api", "Core", name="Public API")
WEB = component("web", "Core", name="Website")
PAYMENTS = component("payments", "Providers", name="Payments")
OUTAGE = incident(
    "2026-03-09-api-errors",
    {"api": "partial_outage"},
    phase("2026-03-09T10:00Z", "investigating", message="We see errors."),
    phase(
        "2026-03-09T11:00Z",
        "identified",
        {"api": "major_outage"},
        message="A **bad deploy**; rolling back.",
    ),
    phase("2026-03-09T11:30Z", "resolved", message="Fixed."),
    title="API errors <b>after</b> deploy",
)
SLOW = incident(
    "2026-03-10-slow-website",
    {"web": "degraded_performance"},
    phase("2026-03-10T11:00Z", "investigating", message="Pages load slowly."),
    impact="minor",
    title="Slow website",
)
WORKS = maintenance(
    "2026-03-20-database-upgrade",
    "2026-03-20T02:00Z",
    "2026-03-20T04:00Z",
    phase("2026-03-01T09:00Z", "scheduled", message="We will upgrade the database."),
    title="Database upgrade",
)
SITE = site(OUTAGE, SLOW, WORKS, components=(API, WEB, PAYMENTS))


def parse(document: str | bytes) -> feedparser.FeedParserDict:
    feed = feedparser.parse(document)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


@pytest.fixture(scope="module")
def outputs() -> Outputs:
    return outputs_of(SITE, NOW)


@pytest.mark.parametrize("name", ["feed.rss", "feed.atom"])
def test_one_entry_per_update_newest_first_linking_its_anchor(outputs: Outputs, name: str) -> None:
    feed = parse(outputs[name])
    assert [(e.title, e.link) for e in feed.entries] == [
        ("[Investigating] Slow website", f"{BASE}incidents/{SLOW.id}/#update-20260310T110000Z"),
        (
            "[Resolved] API errors <b>after</b> deploy",
            f"{BASE}incidents/{OUTAGE.id}/#update-20260309T113000Z",
        ),
        (
            "[Identified] API errors <b>after</b> deploy",
            f"{BASE}incidents/{OUTAGE.id}/#update-20260309T110000Z",
        ),
        (
            "[Investigating] API errors <b>after</b> deploy",
            f"{BASE}incidents/{OUTAGE.id}/#update-20260309T100000Z",
        ),
        ("[Scheduled] Database upgrade", f"{BASE}incidents/{WORKS.id}/#update-20260301T090000Z"),
    ]
    assert all(e.id == e.link for e in feed.entries)
    published = [datetime(*e.published_parsed[:6], tzinfo=UTC) for e in feed.entries]
    assert published[0] == at("2026-03-10T11:00Z")
    assert published == sorted(published, reverse=True)
    identified = feed.entries[2]
    html = identified.content[0].value if name.endswith("atom") else identified.description
    assert "<strong>bad deploy</strong>" in html and "Major impact" in html and "Public API" in html
    assert feed.feed.title == "Test Status"
    assert feed.feed.link == BASE


def test_component_feeds_hold_only_that_components_updates(outputs: Outputs) -> None:
    web = parse(outputs["components/web/feed.atom"])
    assert [e.title for e in web.entries] == ["[Investigating] Slow website"]
    assert web.feed.title == "Test Status: Website"
    api = {e.title.split("] ", 1)[1] for e in parse(outputs["components/api/feed.rss"]).entries}
    assert api == {"API errors <b>after</b> deploy", "Database upgrade"}
    assert parse(outputs["components/payments/feed.rss"]).entries == []


def test_a_feed_without_updates_keeps_a_fixed_date() -> None:
    quiet = parse(outputs_of(site(components=(API,)), NOW)["feed.atom"])
    assert quiet.entries == []
    assert quiet.feed.updated == "1970-01-01T00:00:00+00:00"


def test_feed_entries_option_limits_the_feeds() -> None:
    options = Options(feed_entries=3)
    assert DEFAULTS.feed_entries > 5
    outputs = outputs_of(SITE, NOW, options=options)
    assert len(parse(outputs["feed.rss"]).entries) == 3
    assert len(parse(outputs["components/api/feed.atom"]).entries) == 3


# The fixture site's files, loaded as a build loads them, on other clocks and zones.


@pytest.fixture
def source(tmp_path: Path) -> Path:
    return fixture_site(tmp_path / "src", incidents=MAINTENANCE_INCIDENTS)


def entries(outputs: Outputs, name: str = "feed.atom") -> dict[str, str]:
    return {e.id: e.title for e in parse(outputs[name]).entries}


def test_entry_ids_survive_rebuilds_on_other_clocks_and_zones(source: Path) -> None:
    first = entries(site_outputs(source, FIXTURE_BUILT))
    with machine_zone("Pacific/Auckland"):
        second = entries(site_outputs(source, FIXTURE_BUILT + timedelta(days=1)))
    assert len(first) == 8
    assert first == second


def test_new_update_is_a_new_entry_and_older_ids_do_not_change(
    source: Path, tmp_path: Path
) -> None:
    before = list(entries(site_outputs(source, FIXTURE_BUILT), "feed.rss"))
    copy = tmp_path / "copy"
    shutil.copytree(source, copy)
    path = copy / "incidents/2026-03-10-slow-website.md"
    update = Phase(
        at=datetime(2026, 3, 10, 11, 45, tzinfo=UTC),
        status=PhaseStatus.IDENTIFIED,
        message="A slow database query.",
    )
    path.write_text(append_phase(path.read_text(), update))
    after = list(entries(site_outputs(copy, FIXTURE_BUILT), "feed.rss"))
    assert after[1:] == before
    assert after[0].endswith("incidents/2026-03-10-slow-website/#update-20260310T114500Z")


def test_an_incident_has_its_own_feeds_while_open_and_for_history_days_after_its_last_news() -> (
    None
):
    """Followers get the resolution and a late postmortem; an incident whose last news is older
    than the bars' days has no feed and no "Follow this incident", so the cost of incident feeds
    does not grow with the history."""
    old = incident(
        "2025-10-01-old",
        {"api": "major_outage"},
        phase("2025-10-01T10:00Z", "investigating"),
        phase("2025-10-01T11:00Z", "resolved"),
    )
    recent = incident(
        "2025-12-20-recent",
        {"api": "major_outage"},
        phase("2025-12-20T10:00Z", "investigating"),
        phase("2025-12-20T11:00Z", "resolved"),
    )
    opened = incident(
        "2025-06-01-still-open", {"api": "partial_outage"}, phase("2025-06-01T10:00Z", "identified")
    )
    built = render(site(old, recent, opened), at("2026-03-10T12:00Z"))  # 90 days: from 10 Dec
    files = built.outputs()
    pages = built.pages()
    for kept in (recent, opened):
        assert (
            f"incidents/{kept.id}/feed.rss" in files and f"incidents/{kept.id}/feed.atom" in files
        )
        assert 'id="sg-follow"' in pages[f"incidents/{kept.id}.md"]
    assert not any(path.startswith(f"incidents/{old.id}/feed") for path in files)
    assert 'id="sg-follow"' not in pages[f"incidents/{old.id}.md"]
