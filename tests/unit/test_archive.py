"""The archive's index and search texts, and which incident pages Material's search indexes, as a
build renders them (tests/siteoutputs.py, no `mkdocs build`). One real build's archive, and
its search index leaving out the pages marked `search: exclude`, are checked in
tests/integration/test_site.py."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from typing import Any

import pytest
from models import component, incident, maintenance, phase, site
from moments import at
from siteoutputs import archive_rows, archive_texts, outputs_of, render

from statusgen.model import Audience
from statusgen.options import Options
from statusgen.render import archive
from statusgen.render.pages import (
    COMPONENT_INCIDENTS,
    INCIDENT_PAGE,
    SEARCHABLE_INCIDENTS,
    YEAR_PAGE_INCIDENTS,
    generated_pages,
)

NOW = at("2026-03-10T12:00Z")
API = component("api", "Core", name="Public API")
WEB = component("web", "Core", name="Website")
SECRET = component("ci", "Core", name="CI runners", audience=Audience.INTERNAL)
OUTAGE = incident(
    "2026-03-09-api-errors",
    {"api": "partial_outage"},
    phase("2026-03-09T10:00Z", "investigating", message="We see   errors."),
    phase("2026-03-09T11:00Z", "identified", {"api": "major_outage"}, message="A **Bad** deploy."),
    phase("2026-03-09T11:30Z", "resolved", message="Fixed."),
    title="API Errors",
    impact="major",
)
SLOW = incident(
    "2026-03-10-slow-website",
    {"web": "degraded_performance"},
    phase("2026-03-10T11:00Z", "investigating", message="Slow."),
    impact="minor",
    title="Slow website",
)
# Announced before the others began, dated by its window (after them).
WORKS = maintenance(
    "2026-03-20-database-upgrade",
    "2026-03-20T02:00Z",
    "2026-03-20T04:00Z",
    phase("2026-03-01T09:00Z", "scheduled", message="Planned."),
    title="Database upgrade",
)
HIDDEN = incident(
    "2026-03-08-runners",
    {"ci": "major_outage"},
    phase("2026-03-08T10:00Z", "investigating", message="Runners down."),
    phase("2026-03-08T10:30Z", "resolved", message="Back."),
    title="Runners down",
    audience=Audience.INTERNAL,
)
SITE = site(OUTAGE, SLOW, WORKS, HIDDEN, components=(API, WEB, SECRET))


def rows(outputs: dict[str, str | bytes]) -> dict[str, dict[str, object]]:
    return archive_rows(outputs.__getitem__)


def test_the_archive_index_lists_every_incident_newest_first_dated_by_when_it_began() -> None:
    outputs = outputs_of(SITE, NOW)
    index = json.loads(outputs["history/index.json"])
    assert index["version"] == 2
    assert index["components"] == [["api", "Public API"], ["web", "Website"]]
    assert index["years"] == [[2026, 3]]
    found = rows(outputs)
    assert list(found) == [
        "2026-03-20-database-upgrade",
        "2026-03-10-slow-website",
        "2026-03-09-api-errors",
    ]
    assert found["2026-03-20-database-upgrade"] == {
        "title": "Database upgrade",
        "started_at": "2026-03-20T02:00:00Z",  # the window, not the notice
        "maintenance": 1,
        "impact": "none",
        "active": 1,
        "components": ["api"],
        "state": "upcoming",
        "duration": "Scheduled",
        "internal": 0,
        "postmortem": 0,
        "ends_at": "2026-03-20T04:00:00Z",  # so the page's script follows the window
    }
    outage = found["2026-03-09-api-errors"]
    assert (outage["impact"], outage["active"], outage["components"]) == ("major", 0, ["api"])
    assert outage["ends_at"] is None
    assert (outage["state"], outage["maintenance"]) == ("resolved", 0)
    assert outage["duration"] == "Resolved after 1\u00a0h\u00a030\u00a0min"
    assert found["2026-03-10-slow-website"]["state"] == "ongoing"


def test_the_search_texts_are_title_and_updates_as_written_in_the_index_order() -> None:
    outputs = outputs_of(SITE, NOW)
    assert archive_texts(outputs.__getitem__) == [
        "database upgrade planned.",
        "slow website slow.",
        "api errors we see errors. a **bad** deploy. fixed.",
    ]


def test_the_internal_archive_adds_what_only_the_team_sees() -> None:
    internal = Options(audience=Audience.INTERNAL)
    outputs = outputs_of(SITE, NOW, options=internal)
    index = json.loads(outputs["history/index.json"])
    assert index["components"][-1] == ["ci", "CI runners"]
    assert rows(outputs)["2026-03-08-runners"]["internal"] == 1
    assert archive_texts(outputs.__getitem__)[-1] == "runners down runners down. back."
    public = outputs_of(SITE, NOW)
    everything = "".join(str(text) for text in public.values())
    assert "runners" not in everything.lower() and "CI runners" not in everything


def test_search_indexes_the_newest_incident_pages_only() -> None:
    """Material's search downloads its whole index on every page load: the newest
    SEARCHABLE_INCIDENTS incident pages are in it, whatever the history's length."""
    first = at("2025-01-01T10:00Z")
    history = [
        incident(
            f"old-{n:03d}",
            {"api": "major_outage"},
            phase((first + timedelta(days=n)).isoformat(), "investigating"),
            phase((first + timedelta(days=n, hours=1)).isoformat(), "resolved"),
        )
        for n in range(SEARCHABLE_INCIDENTS + 5)
    ]
    built = render(site(*history, components=(API,)), NOW)
    pages = generated_pages(built.snapshot, built.settings.t)
    searched = [p.src for p in pages if "search" not in p.meta]
    newest = [f"incidents/old-{n:03d}.md" for n in range(SEARCHABLE_INCIDENTS + 4, 4, -1)]
    assert searched == newest
    assert all(p.kind is INCIDENT_PAGE for p in pages if p.src in searched)
    assert all(p.meta["search"] == {"exclude": True} for p in pages if p.src not in searched)


def _daily(count: int, first: str = "2025-01-01T10:00Z") -> list[Any]:
    start = at(first)
    return [
        incident(
            f"daily-{n:04d}",
            {"api": "major_outage"},
            phase((start + timedelta(hours=12 * n)).isoformat(), "investigating"),
            phase((start + timedelta(hours=12 * n + 1)).isoformat(), "resolved"),
            title=f"Daily {n}",
        )
        for n in range(count)
    ]


def test_the_search_texts_come_in_parts_of_a_year_newest_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A text query fetches the texts newest first, a file at a time: each file holds at most
    TEXTS_PER_FILE incidents of one year, in the index's order, and the index says how many."""
    monkeypatch.setattr(archive, "TEXTS_PER_FILE", 3)
    outputs = outputs_of(site(*_daily(5, first="2024-12-30T10:00Z"), components=(API,)), NOW)
    assert sorted(path for path in outputs if path.startswith("history/search")) == [
        "history/search-2024-1.json",
        "history/search-2024-2.json",
        "history/search-2025-1.json",
    ]
    assert json.loads(outputs["history/index.json"])["texts_per_file"] == 3
    assert json.loads(outputs["history/search-2025-1.json"]) == {
        "version": 2,
        "year": 2025,
        "part": 1,
        "texts": ["daily 4 investigating update resolved update"],
    }
    assert json.loads(outputs["history/search-2024-1.json"])["texts"] == [
        "daily 3 investigating update resolved update",
        "daily 2 investigating update resolved update",
        "daily 1 investigating update resolved update",
    ]
    assert json.loads(outputs["history/search-2024-2.json"])["texts"] == [
        "daily 0 investigating update resolved update"
    ]
    assert archive_texts(outputs.__getitem__) == [
        f"daily {n} investigating update resolved update" for n in range(4, -1, -1)
    ]


def test_a_long_year_has_a_page_per_month_and_its_year_page_lists_them() -> None:
    """No page of the archive without JavaScript outgrows what a reader should fetch: a year
    of more than YEAR_PAGE_INCIDENTS incidents lists its months, each a page of its own."""
    history = _daily(YEAR_PAGE_INCIDENTS + 10)  # two a day from 1 January 2025
    pages = render(site(*history, components=(API,)), NOW).pages()
    year = pages["history/2025.md"]
    assert "sg-row" not in year
    months = re.findall(r'<a href="([^"]+)">(\w+ 2025)</a> <span class="sg-meta">\((\d+)\)', year)
    assert [m[1] for m in months[:2]] == ["September 2025", "August 2025"]
    assert sum(int(m[2]) for m in months) == len(history)
    assert months[-1] == ("01/", "January 2025", "62")
    january = pages["history/2025/01.md"]
    assert january.count('class="sg-row') == 62
    assert "Daily 0<" in january and "Daily 62<" not in january
    assert '<h1 id="sg-main">Incident history: January 2025</h1>' in january
    assert '<a href="../">2025</a>' in january  # back to the year's months
    # A year that fits one page lists every incident itself, and has no month pages.
    short = render(site(*_daily(30), components=(API,)), NOW).pages()
    assert short["history/2025.md"].count('class="sg-row') == 30
    assert not [src for src in short if src.startswith("history/2025/")]


def test_a_component_page_lists_its_newest_and_links_the_archive_filtered_by_it() -> None:
    history = _daily(COMPONENT_INCIDENTS + 5)
    page = render(site(*history, components=(API, WEB)), NOW).pages()["components/api.md"]
    rows = re.findall(r'<li class="sg-row[^>]*>\s*<a href="[^"]*">([^<]+)</a>', page)
    assert rows == [f"Daily {n}" for n in range(COMPONENT_INCIDENTS + 4, 4, -1)]
    assert f"The newest {COMPONENT_INCIDENTS} of {COMPONENT_INCIDENTS + 5}." in page
    link = f'<a href="../../history/?component=api">All {COMPONENT_INCIDENTS + 5} incidents'
    assert link + " of Public API</a>" in page
    few = render(site(*_daily(3), components=(API,)), NOW).pages()["components/api.md"]
    assert few.count('class="sg-row') == 3 and "?component=" not in few
