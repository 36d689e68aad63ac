"""What readers see, as built (issue "Readers trust what they see"): the status in the tab, the
overview's first lines, past days, the incident page's words, an unmistakable internal site,
an archive dated by when things happened (a search index that stays small:
tests/unit/test_archive.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sitebuild import FIXTURE_EPOCH, fixture_site, mkdocs_build, parse_page
from siteoutputs import archive_rows


def build(root: Path, out: Path, env: dict[str, str] | None = None) -> Path:
    result = mkdocs_build(root, out, FIXTURE_EPOCH, env=env)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture
def built(maintenance_built: Path) -> Path:
    """The fixture site with an upcoming and a past maintenance, built once per run."""
    return maintenance_built


def test_the_tab_says_the_status(built: Path) -> None:
    html = (built / "index.html").read_text()
    title = r"<title>Degraded performance: Website - Test Status</title>"
    assert re.search(title, html), html[:400]


def test_an_active_card_starts_with_what_is_affected_and_since_when(built: Path) -> None:
    html = (built / "index.html").read_text()
    card = html[html.index('<article class="sg-card') : html.index("</article>")]
    affected = card.index('class="sg-affected"')
    assert affected < card.index('class="sg-meta"')  # before impact, phase and duration
    text = parse_page(built / "index.html").text
    assert "Affects Website (Degraded performance) · since Mar 10, 2026, 11:00 UTC" in text


def test_upcoming_maintenance_says_when_and_how_long(built: Path) -> None:
    text = parse_page(built / "index.html").text
    assert "Lasts 2 h" in text


def test_components_show_their_description_and_upstream_page(built: Path) -> None:
    html = (built / "index.html").read_text()
    assert "The marketing site" in html  # web's description
    assert 'href="https://status.payments.test" rel="noopener">Provider' in html


def test_the_overview_lists_the_last_15_days(built: Path) -> None:
    html = (built / "index.html").read_text()
    past = html[html.index('id="sg-past"') :]
    days = re.findall(r'<h3 class="sg-day">([^<]+)</h3>', past)
    assert days[:3] == ["Mar 10, 2026", "Mar 9, 2026", "Mar 8, 2026"] and len(days) == 15
    nine = past[past.index("Mar 9, 2026") : past.index("Mar 8, 2026")]
    assert "incidents/2026-03-09-api-errors/" in nine
    eight = past[past.index("Mar 8, 2026") : past.index("Mar 7, 2026")]
    assert "No incidents reported." in eight


def test_a_resolved_incident_says_how_bad_it_got_not_how_it_is(built: Path) -> None:
    html = (built / "incidents/2026-03-09-api-errors/index.html").read_text()
    assert '<h1 id="sg-main" class="sg-title">' in html
    affected = html[
        html.index('class="sg-affected"') : html.index("</ul>", html.index('class="sg-affected"'))
    ]
    assert "at worst: Major outage" in affected
    assert "sg-s-major_outage" not in affected  # no red "current" status chip


def test_the_archive_dates_maintenance_by_its_window(built: Path) -> None:
    rows = archive_rows(lambda path: (built / path).read_text())
    works = rows["2026-03-20-database-upgrade"]
    assert works["started_at"] == "2026-03-20T02:00:00Z"  # the window, not the notice
    assert (works["state"], works["duration"], works["internal"]) == ("upcoming", "Scheduled", 0)
    assert rows["2026-03-09-api-errors"]["duration"] == "Resolved after 1\u00a0h\u00a030\u00a0min"
    assert next(iter(rows)) == "2026-03-20-database-upgrade"  # newest first
    assert works["ends_at"] == "2026-03-20T04:00:00Z"  # the window's end, for the script
    html = (built / "history/index.html").read_text()
    assert "<h2>March 2026</h2>" in html  # rendered by the server, before any script runs
    assert "<strong>Upcoming</strong>" in html


def test_the_internal_site_is_unmistakable(tmp_path: Path, fixture_built: Path) -> None:
    root = fixture_site(tmp_path / "src")
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("timezone: UTC", "timezone: UTC\n      audience: internal")
    )
    out = build(root, tmp_path / "site")
    assert (out / "robots.txt").read_text() == "User-agent: *\nDisallow: /\n"
    for page in ("index.html", "incidents/2026-03-09-api-errors/index.html", "404.html"):
        html = (out / page).read_text()
        assert '<meta name="robots" content="noindex, nofollow">' in html, page
        assert '<html data-sg-audience="internal"' in html, page
        assert 'class="sg-internal-bar" role="note">Internal status page' in html, page
        assert "Test Status (internal)" in html, page
    assert "<title>Test Status (internal)</title>" in (out / "feed.rss").read_text()
    public = fixture_built  # the same site, public (tests/conftest.py)
    assert not (public / "robots.txt").exists()
    assert "noindex" not in (public / "index.html").read_text()
