"""The reliability report of a small fixed history, worked out by hand.

The site is in Amsterdam (+01:00 in winter, +02:00 from 29 Mar to 25 Oct 2026); now is
2026-11-25T12:00Z. The period is the 12 whole local months Nov 2025 .. Oct 2026 and Nov 2026
so far: from 2025-11-01 00:00 local = 2025-10-31T23:00Z until now.

    id        component     status   impact    first update (UTC)   resolved (UTC)   lasted
    before    api           major    major     2025-10-31 22:30     22:45            (October local)
    a1        api           partial  minor     2025-10-31 23:30     2025-11-01 00:30   60 min (Nov)
    a2        api           major    major     2026-03-10 10:00     12:00             120 min
    notice    api           degraded none      2026-05-01 09:00     10:00            (no failure)
    a3        api           major    critical  2026-07-01 08:00     11:00             180 min
    a4        api           partial  minor     2026-07-20 10:00     10:20              20 min
    c1        cdn           major    major     2026-08-05 00:00     00:30              30 min
    works     api (maintenance, 2026-09-10 01:00-03:00: never a failure, never downtime)
    open      api           degraded minor     2026-11-25 10:00     (open)            (no time)

    web has no failures; cdn exists since 2026-06-15.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from fractions import Fraction
from zoneinfo import ZoneInfo

import models
import pytest
from moments import DEG, MAJ, NOW, PART
from sitebuild import read_csv, report_summary
from siteoutputs import render

from statusgen.derive.report import REPORT_MONTHS, build_report, report_months
from statusgen.derive.snapshot import Snapshot, build_snapshot
from statusgen.derive.uptime import format_percent
from statusgen.model import (
    Audience,
    ComponentStatus,
    Impact,
    Incident,
)
from statusgen.options import DEFAULTS, Options

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def incident(
    iid: str, component: str, status: ComponentStatus, impact: Impact, start: str, end: str = ""
) -> Incident:
    return models.outage(iid, {component: status}, start, end or None, impact=impact, title=iid)


WORKS = models.maintenance(
    "works",
    "2026-09-10T01:00Z",
    "2026-09-10T03:00Z",
    models.phase("2026-09-01T00:00Z", "scheduled", message="Planned"),
    title="works",
)
HISTORY = (
    incident("before", "api", MAJ, Impact.MAJOR, "2025-10-31T22:30Z", "2025-10-31T22:45Z"),
    incident("a1", "api", PART, Impact.MINOR, "2025-10-31T23:30Z", "2025-11-01T00:30Z"),
    incident("a2", "api", MAJ, Impact.MAJOR, "2026-03-10T10:00Z", "2026-03-10T12:00Z"),
    incident("notice", "api", DEG, Impact.NONE, "2026-05-01T09:00Z", "2026-05-01T10:00Z"),
    incident("a3", "api", MAJ, Impact.CRITICAL, "2026-07-01T08:00Z", "2026-07-01T11:00Z"),
    incident("a4", "api", PART, Impact.MINOR, "2026-07-20T10:00Z", "2026-07-20T10:20Z"),
    incident("c1", "cdn", MAJ, Impact.MAJOR, "2026-08-05T00:00Z", "2026-08-05T00:30Z"),
    WORKS,
    incident("open", "api", DEG, Impact.MINOR, "2026-11-25T10:00Z"),
)
SINCE = datetime(2026, 6, 15, tzinfo=UTC)
COMPONENTS = (
    models.component("api", "Core", name="API"),
    models.component("web", "Core", name="Website"),
    models.component("cdn", "Core", name="CDN", since=SINCE),
)
SITE = models.site(*HISTORY, components=COMPONENTS)
MONTHS = [
    "2025-11", "2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05",
    "2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11",
]  # fmt: skip
MIN = timedelta(minutes=1)


@pytest.fixture(scope="module")
def snapshot() -> Snapshot:
    return build_snapshot(SITE, NOW, DEFAULTS.history_days, AMSTERDAM)


def test_the_period_is_12_whole_local_months_and_this_month_so_far() -> None:
    months = report_months(NOW, AMSTERDAM)
    assert len(months) == REPORT_MONTHS + 1
    assert [f"{m.year}-{m.month:02d}" for m in months] == MONTHS
    assert [m.so_far for m in months] == [False] * 12 + [True]
    # Whole months end on their last day (February 2026 has 28); this one ends today.
    assert (months[3].first.isoformat(), months[3].last.isoformat()) == ("2026-02-01", "2026-02-28")
    assert (months[-1].first.isoformat(), months[-1].last.isoformat()) == (
        "2026-11-01",
        "2026-11-25",
    )
    # In January, the period starts in January of the year before.
    january = report_months(datetime(2026, 1, 10, tzinfo=UTC), UTC)
    assert (january[0].year, january[0].month, january[-1].month) == (2025, 1, 1)


def test_site_failures_per_month_by_impact(snapshot: Snapshot) -> None:
    report = build_report(snapshot)
    # 2025-11-01 00:00 Amsterdam (+01:00) = 2025-10-31T23:00Z.
    assert report.start == datetime(2025, 10, 31, 23, tzinfo=UTC)
    by_month = {f"{m.year}-{m.month:02d}": m.failures for m in report.months}
    #             (minor, major, critical)
    assert by_month == {
        "2025-11": (1, 0, 0),  # a1: 23:30Z on 31 Oct is 00:30 on 1 Nov in Amsterdam
        "2025-12": (0, 0, 0),
        "2026-01": (0, 0, 0),
        "2026-02": (0, 0, 0),
        "2026-03": (0, 1, 0),  # a2
        "2026-04": (0, 0, 0),
        "2026-05": (0, 0, 0),  # "notice" has impact none: not a failure
        "2026-06": (0, 0, 0),
        "2026-07": (1, 0, 1),  # a4, a3
        "2026-08": (0, 1, 0),  # c1
        "2026-09": (0, 0, 0),  # the maintenance is not a failure
        "2026-10": (0, 0, 0),  # "before" (22:30Z on 31 Oct 2025) is before the period
        "2026-11": (1, 0, 0),  # "open", still open: a failure without a time to resolve
    }
    assert [v.id for v in report.failures] == ["open", "c1", "a4", "a3", "a2", "a1"]


def test_site_time_to_resolve_mean_and_median_by_impact(snapshot: Snapshot) -> None:
    report = build_report(snapshot)
    times = {(t.impact.value if t.impact else "all"): t for t in report.resolve_times}
    # minor: a1 60, a4 20 -> mean (60 + 20) / 2 = 40; median of two = (20 + 60) / 2 = 40
    assert (times["minor"].count, times["minor"].mean, times["minor"].median) == (
        2,
        40 * MIN,
        40 * MIN,
    )
    # major: a2 120, c1 30 -> mean 150 / 2 = 75; median (30 + 120) / 2 = 75
    assert (times["major"].count, times["major"].mean, times["major"].median) == (
        2,
        75 * MIN,
        75 * MIN,
    )
    # critical: a3 180
    assert (times["critical"].count, times["critical"].mean) == (1, 180 * MIN)
    assert times["critical"].median == 180 * MIN
    # all: 20, 30, 60, 120, 180 -> mean 410 / 5 = 82; median the third, 60 ("open" is open)
    assert (times["all"].count, times["all"].mean, times["all"].median) == (5, 82 * MIN, 60 * MIN)
    assert report.overall is report.resolve_times[-1]
    # Slowest first: a3 180, a2 120, a1 60, c1 30, a4 20.
    assert [v.id for v in report.slowest] == ["a3", "a2", "a1", "c1", "a4"]


def test_site_mean_time_between_failures(snapshot: Snapshot) -> None:
    report = build_report(snapshot)
    # 2025-10-31T23:00Z .. 2026-10-31T23:00Z = 365 days (no 29 February), then .. 2026-11-25T12:00Z
    # = 24 d 13 h: 389 d 13 h = 389 * 24 + 13 = 9349 h over 6 failures = 1558 h 10 min.
    assert report.operating == timedelta(hours=9349)
    assert report.mtbf == timedelta(hours=1558, minutes=10)


def test_component_report_counts_only_its_own_failures(snapshot: Snapshot) -> None:
    report = build_report(snapshot, "api")
    assert [v.id for v in report.failures] == ["open", "a4", "a3", "a2", "a1"]
    # 9349 h / 5 = 1869.8 h = 1869 h 48 min.
    assert report.mtbf == timedelta(hours=1869, minutes=48)
    # all: 20, 60, 120, 180 -> mean 380 / 4 = 95; median (60 + 120) / 2 = 90.
    assert (report.overall.count, report.overall.mean, report.overall.median) == (
        4,
        95 * MIN,
        90 * MIN,
    )
    (uptime,) = report.uptime
    shown = dict(zip(MONTHS, uptime.values, strict=True))
    # Nov 2025, 30 days: a1 partial 3600 s * 0.3 = 1080 s;
    #   100 * (1 - 1080 / (30 * 86400)) = 100 - 1/24 = 99.9583... -> "99.95"
    #   ("before", 23:30-23:45 local on 31 Oct, is October's)
    assert shown["2025-11"] == 100 - Fraction(1, 24)
    # Mar 2026, 31 days of 86400 s (the 23-hour day counts as a full day): a2 7200 s major;
    #   100 * (1 - 7200 / 2678400) = 100 - 25/93 = 99.7311... -> "99.73"
    assert shown["2026-03"] == 100 - Fraction(25, 93)
    # Jul 2026, 31 days: a3 10800 s major + a4 1200 s * 0.3 = 360 s -> 11160 s;
    #   100 * 11160 / 2678400 = 5/12 -> 100 - 5/12 = 99.5833... -> "99.58"
    assert shown["2026-07"] == 100 - Fraction(5, 12)
    # May (degraded: weight 0), September (maintenance), November (degraded, open): no downtime.
    assert {m: v for m, v in shown.items() if v != 100} == {
        "2025-11": 100 - Fraction(1, 24),
        "2026-03": 100 - Fraction(25, 93),
        "2026-07": 100 - Fraction(5, 12),
    }
    assert [format_percent(v) for v in uptime.values][:5] == [
        "99.95", "100.00", "100.00", "100.00", "99.73",
    ]  # fmt: skip


def test_component_without_failures(snapshot: Snapshot) -> None:
    report = build_report(snapshot, "web")
    assert report.failures == () and report.resolutions == ()
    assert all(m.total == 0 for m in report.months)
    assert report.mtbf is None
    assert [(t.count, t.mean, t.median) for t in report.resolve_times] == [(0, None, None)] * 4
    assert report.uptime[0].values == (Fraction(100),) * 13
    assert report.operating == timedelta(hours=9349)


def test_component_added_mid_year(snapshot: Snapshot) -> None:
    report = build_report(snapshot, "cdn")
    assert [v.id for v in report.failures] == ["c1"]
    # Operating from 2026-06-15 00:00 local (+02:00) = 2026-06-14T22:00Z: to 2026-11-14T22:00Z
    # is 30 + 31 + 31 + 30 + 31 = 153 days, then 10 d 14 h to now: 163 d 14 h = 3926 h.
    assert report.operating == timedelta(hours=3926)
    assert report.mtbf == timedelta(hours=3926)  # one failure
    values = dict(zip(MONTHS, report.uptime[0].values, strict=True))
    # No data before June; June counts its 16 days from the 15th, all up.
    assert [values[m] for m in MONTHS[:7]] == [None] * 7
    assert values["2026-06"] == 100
    # Aug 2026, 31 days: c1 1800 s major; 100 * 1800 / 2678400 = 25/372 -> 99.9327... "99.93"
    assert values["2026-08"] == 100 - Fraction(25, 372)
    assert format_percent(values["2026-08"]) == "99.93"


def test_site_report_lists_every_component_uptime(snapshot: Snapshot) -> None:
    report = build_report(snapshot)
    assert [u.component.id for u in report.uptime] == ["api", "web", "cdn"]
    assert report.uptime[0] == build_report(snapshot, "api").uptime[0]


# --------------------------------------------------------------------------------------------
# Rendered as a build renders it (tests/siteoutputs.py): the pages' summaries and charts, the
# CSV files. One real build's report pages and files: tests/integration/test_report_build.py.
# --------------------------------------------------------------------------------------------

IN_AMSTERDAM = Options(timezone="Europe/Amsterdam")
CI = models.component("ci", "Core", name="CI runners", audience=Audience.INTERNAL)
SECRET = replace(
    incident("secret", "api", MAJ, Impact.MAJOR, "2026-02-10T10:00Z", "2026-02-10T11:00Z"),
    audience=Audience.INTERNAL,
)
WITH_INTERNAL = models.site(*HISTORY, SECRET, components=(*COMPONENTS, CI))


def test_the_internal_report_counts_what_it_shows_and_the_public_one_none_of_it() -> None:
    internal = render(WITH_INTERNAL, NOW, options=replace(IN_AMSTERDAM, audience=Audience.INTERNAL))
    html = internal.pages()["report/index.md"]
    # One more failure: 60 min, so the durations are 20, 30, 60, 60, 120, 180:
    # mean 470 / 6 = 78.3 min, median (60 + 60) / 2 = 60; 9349 h / 7 = 1335.57 h = 55 d 15 h.
    assert report_summary(html)["Failures"] == "7"
    assert report_summary(html)["Mean time between failures"] == "55\u00a0d\u00a015\u00a0h"
    files = internal.outputs()
    times = {r["impact"]: r for r in read_csv(files["report/time-to-resolve.csv"])}
    assert (times["all"]["mean_minutes"], times["all"]["median_minutes"]) == ("78.3", "60.0")
    assert "secret" in [r["id"] for r in read_csv(files["report/resolutions.csv"])]
    assert "ci" in read_csv(files["report/uptime.csv"])[0]
    assert "components/ci/report.md" in internal.pages()
    public = render(WITH_INTERNAL, NOW, options=IN_AMSTERDAM)
    assert report_summary(public.pages()["report/index.md"])["Failures"] == "6"
    for path, text in public.outputs().items():
        if path.startswith("report/"):
            assert "secret" not in str(text).lower() and "CI runners" not in str(text), path
    assert not [src for src in public.pages() if src.startswith("components/ci/")]


def test_a_month_at_zero_uptime_still_renders_its_report() -> None:
    """A component down a whole calendar month (0.00 %) starts the uptime chart's axis at 0:
    the report, and so every later build, must not fail during the outage it reports."""
    down = incident("down", "web", MAJ, Impact.CRITICAL, "2026-09-30T20:00Z")
    built = render(replace(SITE, incidents=(down,)), NOW, options=IN_AMSTERDAM)
    web = built.pages()["components/web/report.md"]
    # October 2026 (Amsterdam) was down throughout: its bar reads 0.00, the axis starts at 0.
    assert ">0.00</text>" in web and ">0</text>" in web
    rows = read_csv(built.outputs()["components/web/report/uptime.csv"])
    assert next(r for r in rows if r["month"] == "2026-10")["web"] == "0.00"


def test_csv_files_defuse_formulas_and_quote_as_rfc_4180() -> None:
    hostile = replace(HISTORY[1], title="+1 errors, =SUM(A1)")
    built = render(replace(SITE, incidents=(hostile,)), NOW, options=IN_AMSTERDAM)
    raw = built.outputs()["report/resolutions.csv"]
    (row,) = read_csv(raw)
    assert row["title"] == "'+1 errors, =SUM(A1)"
    assert '"\'+1 errors, =SUM(A1)"' in str(raw)  # quoted: it holds a comma
    assert (row["id"], row["minutes"], row["began"]) == ("a1", "60.0", "2025-10-31T23:30:00Z")
    assert row["url"] == "https://status.test/incidents/a1/"
