"""Real `mkdocs build` runs of the example site and of small fixture sites."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from sitebuild import FIXTURE_EPOCH, REPO, broken_links, fixture_site, mkdocs_build, parse_page
from siteoutputs import archive_rows, archive_texts


@pytest.fixture
def built(fixture_built: Path) -> Path:
    """The fixture site, built once per run (tests/conftest.py)."""
    return fixture_built


def test_overview_shows_indicator_active_incident_and_components(built: Path) -> None:
    page = parse_page(built / "index.html")
    html = (built / "index.html").read_text()
    assert "sg-ind-minor" in html
    # The banner names the worst status in the components' own words, and which ones.
    assert "Degraded performance: Website" in page.text
    assert "Slow website" in page.text and "Next update by Mar 10, 2026, 12:30 UTC" in page.text
    assert "incidents/2026-03-10-slow-website/" in page.links
    # Every component with its status word; the open incident makes the website degraded.
    rows = dict(
        re.findall(
            r'<li class="sg-component" id="component-([a-z-]+)">.*?'
            r'<span class="sg-status sg-s-[a-z_]+">([^<]+)</span>',
            html,
            re.S,
        )
    )
    assert rows == {
        "api": "Operational",
        "web": "Degraded performance",
        "payments": "Operational",
    }
    # 90 bars for each of the 3 components.
    assert html.count('class="sg-bar ') == 3 * 90
    # The outage day's bar, as data the script writes its tooltip from (tests/browser/
    # test_day_tooltips.py): minutes in each status, worst first (their places in the legend:
    # major outage 3, partial outage 2), its uptime and how many incidents; the bars link the
    # component page, whose tooltips are in its HTML.
    assert re.search(
        r'data-href="components/api/" data-id="api" aria-hidden="true">.*'
        r'<li class="sg-bar sg-s-major_outage[^"]*" data-d="3:30 2:60\|96\.66\|1"></li>',
        html,
        re.S,
    )
    component = (built / "components/api/index.html").read_text()
    assert re.search(
        r"Mar 9, 2026</strong> · .*? · <a href=\"\.\./\.\./incidents/2026-03-09-api-errors/\">",
        component,
    )
    assert "Ask us" in page.text and "mailto:help@status.test" in page.links


def test_incident_page_has_timeline_newest_first_with_anchors(built: Path) -> None:
    path = built / "incidents/2026-03-09-api-errors/index.html"
    page = parse_page(path)
    html = path.read_text()
    assert "Resolved after 1 h 30 min" in page.text
    assert "Major impact" in page.text
    assert "Retry failed calls." in page.text
    anchors = re.findall(r'<li class="sg-update" id="(update-[0-9TZ]+)"', html)
    assert anchors == [
        "update-20260309T113000Z",
        "update-20260309T110000Z",
        "update-20260309T100000Z",
    ]
    assert "<strong>bad deploy</strong>" in html
    assert "Public API: Major outage" in page.text
    # The body's own "## Root cause" sits under the page's h2 sections, so it becomes an h3.
    assert '<h3 id="root-cause">Root cause' in html
    # The title is text, not markup: the <b> stays escaped everywhere it is shown.
    assert "API errors &lt;b&gt;after&lt;/b&gt; deploy" in html
    assert "<b>after</b>" not in html


def test_component_page_shows_uptime_against_sla_and_incidents(built: Path) -> None:
    page = parse_page(built / "components/api/index.html")
    assert "30 days 99.88 %" in page.text
    assert "99.9 % (below SLA)" in page.text
    assert "API errors <b>after</b> deploy" in page.text  # text content, escaped in markup
    upstream = parse_page(built / "components/payments/index.html")
    assert "https://status.payments.test" in upstream.links


def test_every_internal_link_and_anchor_resolves(built: Path) -> None:
    pages = sorted(built.rglob("*.html"))
    assert len(pages) > 8
    assert broken_links(built, pages) == []


def test_archive_index_and_year_pages(built: Path) -> None:
    index = json.loads((built / "history/index.json").read_text())
    assert list(archive_rows(lambda path: (built / path).read_text())) == [
        "2026-03-10-slow-website",
        "2026-03-09-api-errors",
    ]
    assert index["components"][0] == ["api", "Public API"]
    texts = archive_texts(lambda path: (built / path).read_text())
    assert "bad deploy" in texts[1]
    year = parse_page(built / "history/2026/index.html")
    assert "March 2026" in year.text
    assert {
        "../../incidents/2026-03-10-slow-website/",
        "../../incidents/2026-03-09-api-errors/",
    } <= set(year.links)
    archive = parse_page(built / "history/index.html")
    assert "2026/" in archive.links


def test_search_index_finds_incident_pages(built: Path) -> None:
    index = json.loads((built / "search/search_index.json").read_text())
    locations = {doc["location"] for doc in index["docs"]}
    assert "incidents/2026-03-09-api-errors/" in locations
    texts = " ".join(
        doc["text"] for doc in index["docs"] if doc["location"].startswith("incidents/")
    )
    assert "rolling back" in texts
    # Pages marked `search: exclude` (listings; incidents past the newest
    # SEARCHABLE_INCIDENTS, which tests/unit/test_archive.py counts) stay out of it.
    assert not {"components/api/", "history/", "components/api/report/"} & locations


def test_incident_pages_stay_out_of_navigation(built: Path) -> None:
    html = (built / "index.html").read_text()
    nav = html[html.find('<nav class="md-nav md-nav--primary"') :]
    nav = nav[: nav.find("</nav>")]
    assert "incidents/" not in nav and "components/" not in nav


def test_bad_incident_stops_the_build_with_path_and_line(tmp_path: Path) -> None:
    root = fixture_site(
        tmp_path / "src",
        incidents={
            "incidents/2026-03-01-bad.md": "---\ntitle: Bad\nimpact: huge\nphases: []\n---\n",
        },
    )
    result = mkdocs_build(root, tmp_path / "out", FIXTURE_EPOCH)
    assert result.returncode != 0
    assert "incidents/2026-03-01-bad.md:3: unknown impact 'huge'" in result.stderr
    assert "incidents/2026-03-01-bad.md:4: phases is empty" in result.stderr
    assert not (tmp_path / "out" / "index.html").exists()


def test_hand_written_index_conflicts_with_overview(tmp_path: Path) -> None:
    root = fixture_site(tmp_path / "src", incidents={"docs/index.md": "# Mine\n"})
    result = mkdocs_build(root, tmp_path / "out", FIXTURE_EPOCH)
    assert result.returncode != 0
    assert "docs/index.md (published as index.html) is where statusgen publishes" in result.stderr


def test_hand_written_pages_keep_working(tmp_path: Path) -> None:
    root = fixture_site(tmp_path / "src", incidents={"docs/about.md": "# About us\n\nHello.\n"})
    result = mkdocs_build(root, tmp_path / "out", FIXTURE_EPOCH)
    assert result.returncode == 0, result.stderr
    assert "Hello." in parse_page(tmp_path / "out/about/index.html").text


def test_pages_follow_theme_language_and_site_time_zone(tmp_path: Path) -> None:
    """The plugin hands the theme's language and the site's zone to every page (each language
    and a zone rendered without a build: tests/unit/test_page_bodies.py)."""
    strings = yaml.safe_load((REPO / "statusgen/render/locales/fr.yml").read_text())
    root = fixture_site(tmp_path / "src", language="fr", timezone="Europe/Paris")
    result = mkdocs_build(root, tmp_path / "out", FIXTURE_EPOCH)
    assert result.returncode == 0, result.stderr
    text = parse_page(tmp_path / "out/index.html").text
    banner = strings["banner.status_of"].format(
        status=strings["status.degraded_performance"], components="Website"
    )
    assert banner.replace("\u00a0", " ") in text.replace("\u00a0", " ")
    assert "Degraded performance" not in text
    component = parse_page(tmp_path / "out/components/api/index.html").text
    assert re.search(r"\d+,\d\d\s%", component) and not re.search(r"\d+\.\d\d\s%", component)
    page = parse_page(tmp_path / "out/incidents/2026-03-09-api-errors/index.html")
    assert [t for t in page.times if t["datetime"] == "2026-03-09T11:30:00Z"], page.times
    assert "12:30 CET" in page.text and "11:30 UTC" not in page.text


def test_without_directory_urls_links_resolve(tmp_path: Path) -> None:
    root = fixture_site(tmp_path / "src", extra="use_directory_urls: false")
    out = tmp_path / "out"
    result = mkdocs_build(root, out, FIXTURE_EPOCH)
    assert result.returncode == 0, result.stderr
    assert (out / "incidents/2026-03-09-api-errors.html").is_file()
    assert broken_links(out, sorted(out.rglob("*.html"))) == []


def test_example_site_builds_strict_and_hides_internal_content(example_site: Path) -> None:
    out = example_site  # built strict once per run (tests/conftest.py)
    assert not (out / "incidents/2025-10-21-ci-runners-queue-backlog").exists()
    assert not (out / "components/ci-runners").exists()
    for path in out.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml"):
            assert "ci-runners" not in path.read_text(encoding="utf-8"), path
    overview = parse_page(out / "index.html").text
    assert "Degraded performance: Email delivery" in overview
    assert "Transactional emails delayed" in overview
    assert "Object storage metadata upgrade in us-east" in overview
    assert broken_links(out, sorted(out.rglob("*.html"))) == []
