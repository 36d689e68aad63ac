"""The reliability report of a real build (the report's smoke test): the history of
tests/unit/test_report.py written as files, built as a public site, its pages and CSV files read
back. The internal site's report and a month at 0 % are rendered without a build in
tests/unit/test_report.py.

The numbers are worked out by hand in tests/unit/test_report.py (period Nov 2025 .. Nov 2026 so
far in Amsterdam, now 2026-11-25T12:00Z, operating time 9349 h); the files add one internal
major incident on the api (2026-02-10, 60 min) and an internal component, which the public
site must not show.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from sitebuild import broken_links, mkdocs_build, parse_page, read_csv, shared_build, write_site
from sitebuild import report_summary as summary

#: 2026-11-25T12:00:00Z
EPOCH = "1795608000"

MKDOCS = """
site_name: Report Test
site_url: https://status.test/
theme: {name: material, language: en, font: false}
plugins:
  - search
  - statusgen:
      timezone: Europe/Amsterdam
      audience: !ENV [STATUSGEN_AUDIENCE, public]
"""
COMPONENTS = """
groups:
  - name: Core
    components:
      - {id: api, name: API}
      - {id: web, name: Website}
      - {id: cdn, name: CDN, since: 2026-06-15}
      - {id: ci, name: CI runners, audience: internal}
"""


def incident(title: str, component: str, status: str, impact: str, start: str, end: str) -> str:
    resolved = f"\n  - at: {end}\n    status: resolved\n    message: Fixed." if end else ""
    return f"""
---
title: "{title}"
impact: {impact}
components: {{{component}: {status}}}
phases:
  - at: {start}
    status: investigating
    message: Looking.{resolved}
---
"""


FILES = {
    "mkdocs.yml": MKDOCS,
    "components.yml": COMPONENTS,
    "incidents/before.md": incident(
        "Before", "api", "major_outage", "major", "2025-10-31T22:30:00Z", "2025-10-31T22:45:00Z"
    ),
    # Starts with "+": a spreadsheet would take the title for a formula.
    "incidents/a1.md": incident(
        "+1 errors, =SUM(A1)",
        "api",
        "partial_outage",
        "minor",
        "2025-10-31T23:30:00Z",
        "2025-11-01T00:30:00Z",
    ),
    "incidents/a2.md": incident(
        "A2", "api", "major_outage", "major", "2026-03-10T10:00:00Z", "2026-03-10T12:00:00Z"
    ),
    "incidents/notice.md": incident(
        "Notice",
        "api",
        "degraded_performance",
        "none",
        "2026-05-01T09:00:00Z",
        "2026-05-01T10:00:00Z",
    ),
    "incidents/a3.md": incident(
        "A3", "api", "major_outage", "critical", "2026-07-01T08:00:00Z", "2026-07-01T11:00:00Z"
    ),
    "incidents/a4.md": incident(
        "A4", "api", "partial_outage", "minor", "2026-07-20T10:00:00Z", "2026-07-20T10:20:00Z"
    ),
    "incidents/c1.md": incident(
        "C1", "cdn", "major_outage", "major", "2026-08-05T00:00:00Z", "2026-08-05T00:30:00Z"
    ),
    "incidents/open.md": incident(
        "Open", "api", "degraded_performance", "minor", "2026-11-25T10:00:00Z", ""
    ),
    "incidents/works.md": """
---
title: Works
type: maintenance
components: {api: under_maintenance}
scheduled: {start: 2026-09-10T01:00:00Z, end: 2026-09-10T03:00:00Z}
phases:
  - at: 2026-09-01T00:00:00Z
    status: scheduled
    message: Planned.
---
""",
    "incidents/secret.md": incident(
        "Secret", "api", "major_outage", "major", "2026-02-10T10:00:00Z", "2026-02-10T11:00:00Z"
    ).replace("impact: major", "impact: major\naudience: internal"),
}


@pytest.fixture(scope="session")
def public(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, built once per run for every worker."""

    def build(out: Path) -> subprocess.CompletedProcess[str]:
        root = write_site(out.with_name(out.name + "-src"), FILES)
        return mkdocs_build(root, out, EPOCH, env={"STATUSGEN_AUDIENCE": "public"})

    return shared_build(tmp_path_factory.getbasetemp(), "report", build)


def test_site_report_page_states_the_hand_computed_numbers(public: Path) -> None:
    page = public / "report/index.html"
    html = page.read_text(encoding="utf-8")
    assert summary(html) == {
        "Failures": "6",
        "Failures resolved": "5",
        "Mean time to resolve": "1\u00a0h\u00a022\u00a0min",  # 410 / 5 = 82 min
        "Median time to resolve": "1\u00a0h",  # 20, 30, [60], 120, 180
        "Mean time between failures": "64\u00a0d\u00a022\u00a0h",  # 9349 h / 6 = 1558 h 10 min
    }
    text = parse_page(page).text
    assert "from Nov 1, 2025 to Nov 25, 2026" in text and "Europe/Amsterdam" in text
    # The definitions are on the page.
    assert "A failure is an incident with minor, major or critical impact." in text
    assert "maintenance are not downtime" in text
    # Two charts (the site's uptime is a table per component), each an image with a title and
    # a description, and its numbers in a table.
    assert html.count('<svg class="sg-chart"') == 2
    assert html.count('<details class="sg-data">') == 2
    for chart in re.findall(r'<svg class="sg-chart"[^>]*>', html):
        labelled = re.search(r'role="img" aria-labelledby="([^ "]+) ([^ "]+)"', chart)
        assert labelled and all(f'id="{i}"' in html for i in labelled.groups())
    article = html.split("<article")[1].split("</article>")[0]
    assert not re.search(r"(src|href)=\"https?://", article)  # nothing from elsewhere
    assert broken_links(public, [page]) == []


def test_site_csv_files(public: Path) -> None:
    months = read_csv(public / "report/incidents.csv")
    assert [(m["month"], m["minor"], m["major"], m["critical"], m["failures"]) for m in months] == [
        ("2025-11", "1", "0", "0", "1"),
        ("2025-12", "0", "0", "0", "0"),
        ("2026-01", "0", "0", "0", "0"),
        ("2026-02", "0", "0", "0", "0"),
        ("2026-03", "0", "1", "0", "1"),
        ("2026-04", "0", "0", "0", "0"),
        ("2026-05", "0", "0", "0", "0"),
        ("2026-06", "0", "0", "0", "0"),
        ("2026-07", "1", "0", "1", "2"),
        ("2026-08", "0", "1", "0", "1"),
        ("2026-09", "0", "0", "0", "0"),
        ("2026-10", "0", "0", "0", "0"),
        ("2026-11", "1", "0", "0", "1"),
    ]
    assert (months[-1]["first_day"], months[-1]["last_day"]) == ("2026-11-01", "2026-11-25")
    times = {r["impact"]: r for r in read_csv(public / "report/time-to-resolve.csv")}
    shown = {i: (t["resolved"], t["mean_minutes"], t["median_minutes"]) for i, t in times.items()}
    assert shown == {
        "minor": ("2", "40.0", "40.0"),
        "major": ("2", "75.0", "75.0"),
        "critical": ("1", "180.0", "180.0"),
        "all": ("5", "82.0", "60.0"),
    }
    slowest = read_csv(public / "report/resolutions.csv")
    assert [(r["id"], r["minutes"]) for r in slowest] == [
        ("a3", "180.0"), ("a2", "120.0"), ("a1", "60.0"), ("c1", "30.0"), ("a4", "20.0"),
    ]  # fmt: skip
    # The title is defused for spreadsheets, and quoted (it holds a comma).
    assert slowest[2]["title"] == "'+1 errors, =SUM(A1)"
    assert b'"\'+1 errors, =SUM(A1)"' in (public / "report/resolutions.csv").read_bytes()
    assert slowest[2]["began"] == "2025-10-31T23:30:00Z"
    assert slowest[2]["url"] == "https://status.test/incidents/a1/"
    uptime = read_csv(public / "report/uptime.csv")
    assert list(uptime[0]) == ["month", "first_day", "last_day", "api", "web", "cdn"]
    assert [r["api"] for r in uptime] == ["99.95", *["100.00"] * 3, "99.73", *["100.00"] * 3,
                                          "99.58", *["100.00"] * 4]  # fmt: skip
    assert [r["cdn"] for r in uptime] == [""] * 7 + ["100.00", "100.00", "99.93"] + ["100.00"] * 3


def test_component_reports_including_one_without_failures_and_one_added_mid_year(
    public: Path,
) -> None:
    api = (public / "components/api/report/index.html").read_text(encoding="utf-8")
    assert summary(api)["Mean time between failures"] == "77\u00a0d\u00a021\u00a0h"  # 1869 h 48
    assert summary(api)["Median time to resolve"] == "1\u00a0h\u00a030\u00a0min"  # (60+120)/2
    assert api.count('<svg class="sg-chart"') == 3
    # The uptime chart writes each month's value on its bar; its axis starts at 99.5 (the
    # lowest month is 99.58).
    assert ">99.58</text>" in api and ">99.5</text>" in api
    web = (public / "components/web/report/index.html").read_text(encoding="utf-8")
    assert summary(web)["Failures"] == "0"
    assert summary(web)["Mean time between failures"] == "No failures"
    assert "No failure was resolved in this period." in web
    cdn = public / "components/cdn/report/index.html"
    assert summary(cdn.read_text(encoding="utf-8"))["Mean time between failures"] == (
        "163\u00a0d\u00a014\u00a0h"  # 3926 h since 2026-06-15 local, one failure
    )
    rows = read_csv(public / "components/cdn/report/uptime.csv")
    assert [r["cdn"] for r in rows][5:10] == ["", "", "100.00", "100.00", "99.93"]
    assert broken_links(public, [cdn, public / "components/cdn/index.html"]) == []
    # The component page and the archive link to the reports.
    assert "report/" in parse_page(public / "components/cdn/index.html").links
    assert "../report/" in parse_page(public / "history/index.html").links


def test_the_public_build_reports_nothing_internal(public: Path) -> None:
    # What the internal build reports: tests/unit/test_report.py.
    for path in (public / "report").iterdir():
        text = path.read_text(encoding="utf-8")
        assert "secret" not in text.lower() and "CI runners" not in text, path
    assert not (public / "components/ci").exists()
