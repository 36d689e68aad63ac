"""`started:`: an incident that began before its first update was posted, through a real
`mkdocs build`. Its duration, downtime, day bar, uptime, the report, the feeds, the
Statuspage-compatible API and the page's script all count from `started`; the API's
`created_at` stays the first post."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import feedparser
import pytest
from sitebuild import parse_page, shared_fixture_site

# Began at 09:52, first posted 8 minutes later, resolved at 10:30: 38 minutes of major outage.
LATE_POST = """
---
title: Logins failed
impact: critical
started: 2026-03-08T09:52:00Z
components: {api: major_outage}
phases:
  - at: 2026-03-08T10:00:00Z
    status: investigating
    message: Since 09:52 logins fail.
  - at: 2026-03-08T10:30:00Z
    status: resolved
    message: Logins work again.
---
"""
ID = "2026-03-08-logins-failed"


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built once per run, for every worker (read-only)."""
    return shared_fixture_site(tmp_path_factory, "started", {f"incidents/{ID}.md": LATE_POST})


def test_the_incident_page_counts_its_duration_from_started(built: Path) -> None:
    page = built / "incidents" / ID / "index.html"
    html = page.read_text(encoding="utf-8")
    text = parse_page(page).text
    assert "Resolved after 38 min" in text
    # The page's script counts from the same moment.
    assert 'data-start="2026-03-08T09:52:00Z" data-end="2026-03-08T10:30:00Z"' in html
    # The timeline's oldest step is when it began, below the first update.
    began = html.index('class="sg-update sg-began"')
    assert html.index("update-20260308T100000Z") < began
    assert '<time datetime="2026-03-08T09:52:00Z"' in html[began:]
    assert "The incident began here, before its first update was posted." in text


def test_downtime_day_bar_and_uptime_count_from_started(built: Path) -> None:
    text = parse_page(built / "components" / "api" / "index.html").text
    # 2026-03-08: 38 min of major outage = 100 - 38/1440*100 = 97.36 %.
    assert "Mar 8, 2026 · Major outage for 38 min · 97.36 %" in text


def test_the_report_counts_time_to_resolve_from_started(built: Path) -> None:
    rows = list(csv.DictReader(io.StringIO((built / "report" / "resolutions.csv").read_text())))
    row = next(r for r in rows if r["id"] == ID)
    assert row["began"] == "2026-03-08T09:52:00Z"
    assert row["minutes"] == "38.0"


def test_the_api_has_started_at_and_created_at_as_statuspage_says_them(built: Path) -> None:
    data = json.loads((built / "api" / "v2" / "incidents.json").read_text(encoding="utf-8"))
    incident = next(i for i in data["incidents"] if i["id"] == ID)
    assert incident["started_at"] == "2026-03-08T09:52:00Z"
    assert incident["created_at"] == "2026-03-08T10:00:00Z"
    # No update that nobody posted: the two updates as written.
    assert [u["status"] for u in incident["incident_updates"]] == ["resolved", "investigating"]


@pytest.mark.parametrize("name", ["feed.rss", "feed.atom"])
def test_the_first_updates_feed_entry_says_when_it_began(built: Path, name: str) -> None:
    feed = feedparser.parse((built / name).read_bytes())
    entries = {e.link.rsplit("#", 1)[1]: e for e in feed.entries if ID in e.link}
    first = entries["update-20260308T100000Z"]
    content = first.content[0].value if "content" in first else first.summary
    assert "<strong>Began:</strong> 2026-03-08 09:52 UTC" in content
    final = entries["update-20260308T103000Z"]
    later = final.content[0].value if "content" in final else final.summary
    assert "Began" not in later
