"""Every client reads it right: Atom and RSS readers (two independent parsers), Statuspage
clients in every page state, calendars across a move to another domain, badges, and a site
that also uses mkdocs-static-i18n."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import atoma
import feedparser
import icalendar
import pytest
from sitebuild import FIXTURE_EPOCH, fixture_site, mkdocs_build

from statusgen.cli import main
from statusgen.content import SiteLayout, check_site
from statusgen.derive.audience import for_audience
from statusgen.derive.snapshot import build_snapshot
from statusgen.options import DEFAULTS
from statusgen.render.api import ApiBuilder

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = fixture_site(tmp_path_factory.mktemp("src"))
    out = tmp_path_factory.mktemp("site")
    result = mkdocs_build(root, out, FIXTURE_EPOCH)
    assert result.returncode == 0, result.stderr
    return out


def test_atom_content_is_html_for_two_independent_parsers(built: Path) -> None:
    data = (built / "feed.atom").read_bytes()
    parsed = feedparser.parse(data)
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.entries
    for entry in parsed.entries:
        assert entry.content[0].type == "text/html", entry.id
        assert "&lt;p&gt;" not in entry.content[0].value and "<p>" in entry.content[0].value
    feed = atoma.parse_atom_bytes(data)
    for entry in feed.entries:
        assert entry.content.text_type == atoma.atom.AtomTextType.html
        assert entry.content.value.startswith("<p>") and "&lt;" not in entry.content.value[:3]
    assert feed.subtitle.value == "Every update posted on Test Status"  # escaped once, not twice


def test_the_atom_feed_has_what_rfc_4287_requires(built: Path) -> None:
    import xml.etree.ElementTree as ET

    root = ET.fromstring((built / "feed.atom").read_bytes())
    for required in ("id", "title", "updated"):
        assert root.find(ATOM + required) is not None, required
    author = root.find(ATOM + "author")
    assert author is not None and author.findtext(ATOM + "name") == "Test Status"
    assert root.find(f"{ATOM}link[@rel='self']") is not None
    for entry in root.findall(ATOM + "entry"):
        for required in ("id", "title", "updated"):
            assert entry.find(ATOM + required) is not None, required
        assert entry.find(ATOM + "content").get("type") == "html"
        assert entry.find(f"{ATOM}link") is not None


def test_rss_reads_the_same_in_two_parsers(built: Path) -> None:
    data = (built / "feed.rss").read_bytes()
    parsed = feedparser.parse(data)
    rss = atoma.parse_rss_bytes(data)
    assert [e.link for e in parsed.entries] == [i.link for i in rss.items]
    assert all(i.description.startswith("<p>") for i in rss.items)


def test_badge_documents_carry_cache_seconds(built: Path) -> None:
    for path in (built / "badges").glob("*.json"):
        assert json.loads(path.read_text())["cacheSeconds"] >= 300, path


# -- Statuspage's API in every page state ---------------------------------------------------

MAINTENANCE = """---
title: Database upgrade
type: maintenance
components: {{api: under_maintenance}}
scheduled: {{start: 2026-03-20T02:00:00Z, end: 2026-03-20T04:00:00Z}}
phases:
  - {{at: 2026-03-10T09:00:00Z, status: scheduled, message: "Planned."}}
{more}---
"""
OUTAGE = """---
title: Errors
impact: {impact}
components: {{web: partial_outage}}
phases:
  - {{at: 2026-03-20T03:00:00Z, status: investigating, message: "Looking."}}
---
"""


def api_at(tmp_path: Path, moment: str, files: dict[str, str]) -> dict[str, Any]:
    """summary.json, status.json and the maintenance lists as a Statuspage client reads them."""
    root = fixture_site(tmp_path, incidents=files)
    for extra in ("incidents/2026-03-09-api-errors.md", "incidents/2026-03-10-slow-website.md"):
        (root / extra).unlink()
    now = datetime.fromisoformat(moment)
    site, problems = check_site(SiteLayout(root), now)
    assert not problems, problems
    snapshot = build_snapshot(for_audience(site, "public"), now, DEFAULTS.history_days)
    urls = {i.id: f"https://status.test/incidents/{i.id}/" for i in snapshot.incidents}
    return ApiBuilder(snapshot, "Test Status", "https://status.test/", "UTC", urls).documents()


@pytest.mark.parametrize(
    ("moment", "impact", "indicator", "description", "maintenance", "active"),
    [
        # Before the window: all operational, the maintenance scheduled.
        ("2026-03-19T12:00:00+00:00", None, "none", "All Systems Operational", "scheduled", []),
        # In the window, nobody posted since: the clock moves it to in progress.
        (
            "2026-03-20T02:30:00+00:00",
            None,
            "maintenance",
            "Service Under Maintenance",
            "in_progress",
            ["in_progress"],
        ),
        # After the window: completed, nothing active.
        ("2026-03-20T05:00:00+00:00", None, "none", "All Systems Operational", "completed", []),
        # An incident during the maintenance: the incident's impact wins.
        (
            "2026-03-20T03:30:00+00:00",
            "minor",
            "minor",
            "Minor Service Outage",
            "in_progress",
            ["in_progress"],
        ),
        (
            "2026-03-20T03:30:00+00:00",
            "major",
            "major",
            "Partial System Outage",
            "in_progress",
            ["in_progress"],
        ),
        (
            "2026-03-20T03:30:00+00:00",
            "critical",
            "critical",
            "Major System Outage",
            "in_progress",
            ["in_progress"],
        ),
        # An incident of impact none leaves the maintenance indicator.
        (
            "2026-03-20T03:30:00+00:00",
            "none",
            "maintenance",
            "Service Under Maintenance",
            "in_progress",
            ["in_progress"],
        ),
    ],
)
def test_statuspage_states_follow_the_clock(
    tmp_path: Path,
    moment: str,
    impact: str | None,
    indicator: str,
    description: str,
    maintenance: str,
    active: list[str],
) -> None:
    files = {"incidents/2026-03-20-works.md": MAINTENANCE.format(more="")}
    if impact:
        files["incidents/2026-03-20-errors.md"] = OUTAGE.format(impact=impact)
    docs = api_at(tmp_path, moment, files)
    expected_status = {"indicator": indicator, "description": description}
    assert docs["status.json"]["status"] == expected_status
    assert docs["summary.json"]["status"] == expected_status  # what exporters read
    works = docs["scheduled-maintenances.json"]["scheduled_maintenances"][0]
    assert (works["status"], works["impact"]) == (maintenance, "maintenance")
    assert works["resolved_at"] == ("2026-03-20T04:00:00Z" if maintenance == "completed" else None)
    listed = docs["scheduled-maintenances/active.json"]["scheduled_maintenances"]
    assert [m["status"] for m in listed] == active
    upcoming = docs["scheduled-maintenances/upcoming.json"]["scheduled_maintenances"]
    assert [m["status"] for m in upcoming] == (["scheduled"] if maintenance == "scheduled" else [])


def test_a_posted_verifying_status_is_kept_during_the_window(tmp_path: Path) -> None:
    more = '  - {at: 2026-03-20T03:40:00Z, status: verifying, message: "Checking."}\n'
    docs = api_at(
        tmp_path,
        "2026-03-20T03:50:00+00:00",
        {"incidents/2026-03-20-works.md": MAINTENANCE.format(more=more)},
    )
    assert (
        docs["scheduled-maintenances/active.json"]["scheduled_maintenances"][0]["status"]
        == "verifying"
    )


def test_a_components_updated_at_is_its_last_change_not_the_build_time(tmp_path: Path) -> None:
    files = {"incidents/2026-03-20-errors.md": OUTAGE.format(impact="minor")}
    early = api_at(tmp_path / "a", "2026-03-20T05:00:00+00:00", files)
    later = api_at(tmp_path / "b", "2026-03-21T05:00:00+00:00", files)

    def components(docs: dict[str, Any]) -> dict[str, tuple[str, str]]:
        return {
            c["id"]: (c["created_at"], c["updated_at"])
            for c in docs["components.json"]["components"]
        }

    assert components(early) == components(later)  # two builds, nothing changed: same times
    assert components(early)["web"][1] == "2026-03-20T03:00:00Z"  # when it became partial


# -- the page badge, calendars, slugs, other plugins -----------------------------------------


def test_the_page_badge_says_maintenance_during_a_window(tmp_path: Path) -> None:
    root = fixture_site(
        tmp_path / "src",
        incidents={
            "incidents/2026-03-10-works.md": MAINTENANCE.format(more="")
            .replace("2026-03-20T02:00:00Z", "2026-03-10T11:00:00Z")
            .replace("2026-03-20T04:00:00Z", "2026-03-10T13:00:00Z")
        },
    )
    (root / "incidents/2026-03-10-slow-website.md").unlink()
    out = tmp_path / "site"
    assert mkdocs_build(root, out, FIXTURE_EPOCH).returncode == 0
    badge = json.loads((out / "badges/_page.json").read_text())
    assert (badge["message"], badge["color"]) == ("service under maintenance", "blue")
    assert (
        json.loads((out / "api/v2/status.json").read_text())["status"]["indicator"] == "maintenance"
    )


def test_calendar_events_keep_their_identity_when_the_site_moves(tmp_path: Path) -> None:
    uids = []
    for domain in ("https://owner.github.io/status/", "https://status.example.org/"):
        works = {"incidents/2026-03-20-works.md": MAINTENANCE.format(more="")}
        root = fixture_site(tmp_path / domain.split("/")[2], incidents=works)
        config = root / "mkdocs.yml"
        config.write_text(config.read_text().replace("https://status.test/", domain))
        out = root / "out"
        assert mkdocs_build(root, out, FIXTURE_EPOCH).returncode == 0
        calendar = icalendar.Calendar.from_ical((out / "maintenance.ics").read_bytes())
        uids.append(sorted(str(e["uid"]) for e in calendar.walk("VEVENT")))
    assert uids[0] == uids[1] and uids[0]


def test_new_ids_transliterate_accented_letters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = fixture_site(tmp_path)
    assert (
        main(
            [
                "-C",
                str(root),
                "--now",
                "2026-03-10T12:00:00Z",
                "new",
                "Überprüfung à la carte",
                "--impact",
                "minor",
                "--component",
                "api=degraded_performance",
                "--message",
                "m",
            ]
        )
        == 0
    )
    assert "2026-03-10-ueberpruefung-a-la-carte.md" in capsys.readouterr().out


def test_mkdocs_static_i18n_stops_with_a_clear_message(tmp_path: Path) -> None:
    extra = "\n".join(
        [
            "plugins:",
            "  - search",
            "  - i18n:",
            "      docs_structure: suffix",
            "      languages:",
            "        - {locale: en, default: true, name: English}",
            "        - {locale: fr, name: Français}",
            "  - statusgen",
        ]
    )
    root = fixture_site(tmp_path / "src")
    config = root / "mkdocs.yml"
    text = config.read_text()
    config.write_text(text[: text.index("plugins:")] + extra + "\n")
    result = mkdocs_build(root, tmp_path / "site", FIXTURE_EPOCH)
    assert result.returncode == 1
    assert "the 'i18n' plugin cannot be used with statusgen" in result.stderr
    assert "one site per language" in result.stderr and "Traceback" not in result.stderr


def test_feed_and_api_times_are_utc(built: Path) -> None:
    summary = json.loads((built / "api/v2/summary.json").read_text())
    assert summary["page"]["updated_at"] == datetime.fromtimestamp(
        int(FIXTURE_EPOCH), UTC
    ).strftime("%Y-%m-%dT%H:%M:%SZ")
