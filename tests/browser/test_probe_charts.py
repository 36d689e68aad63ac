"""A component page with response-time charts in a real browser: axe-core finds nothing
serious in the light and dark palettes (data tables opened), the charts are drawn at the
content's width, and their marks take the palette's colours (the SVG's own style reads the
page's variables). The fixture site is built at FIXTURE_BUILT and the page's clock pinned."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sitebuild import FIXTURE_BUILT, FIXTURE_EPOCH, fixture_site, mkdocs_build, shared_build

from statusgen.content.probehistory import RAW, Probe, ProbeHistory, save_history

BLOCKING = {"serious", "critical"}
#: A probe every 15 minutes, one failing each hour: the page's raw table holds a row per probe
#: of the last `RAW` (24 hours), all alike to axe; a 5-minute monitor's 288 rows cost its
#: checks three times the time and prove nothing more.
STEP = timedelta(minutes=15)
RAW_PROBES = RAW // STEP
MARKS = """() => {
    const fill = (selector) => getComputedStyle(document.querySelector(selector)).fill;
    const stroke = (selector) => getComputedStyle(document.querySelector(selector)).stroke;
    return {
        p50: fill(".sg-chart-p50"),
        p95: stroke(".sg-chart-p95"),
        p95_fill: fill(".sg-chart-p95"),
        line: stroke(".sg-chart-line"),
        fail: fill(".sg-chart-fail"),
        link: (() => {
            const probe = document.createElement("span");
            probe.style.color = "var(--sg-link)";
            document.body.append(probe);
            const colour = getComputedStyle(probe).color;
            probe.remove();
            return colour;
        })(),
    };
}"""


@pytest.fixture(scope="module")
def probed_url(
    tmp_path_factory: pytest.TempPathFactory, serve: Callable[[Path], Any]
) -> Iterator[str]:
    """The fixture site with 100 days of probes of `api` (every `STEP`), one failure an hour,
    built once per run."""

    def build(out: Path) -> subprocess.CompletedProcess[str]:
        root = fixture_site(out.with_name(out.name + "-src"))
        history = ProbeHistory()
        start = FIXTURE_BUILT - timedelta(days=100)
        hourly = timedelta(hours=1) // STEP
        probes = [
            Probe(start + STEP * n, n % hourly != hourly // 2, 80 + (n * 37) % 300)
            for n in range(100 * (timedelta(days=1) // STEP) + 1)
        ]
        history.append({"api": probes}, FIXTURE_BUILT)
        save_history(root / ".statusgen" / "probe-history.json", history)
        return mkdocs_build(root, out, FIXTURE_EPOCH)

    out = shared_build(tmp_path_factory.getbasetemp(), "probed", build)
    with serve(out) as url:
        yield url


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_component_page_with_charts_has_no_serious_axe_violations(
    browsing: Any,
    run_axe: Callable[[Any], list[dict[str, Any]]],
    probed_url: str,
    scheme: str,
) -> None:
    page = browsing.open("/components/api/", scheme=scheme, at=FIXTURE_BUILT, base=probed_url)
    page.evaluate("document.querySelectorAll('details.sg-data').forEach(d => d.open = true)")
    charts = page.locator("#sg-probes ~ figure svg.sg-chart[role=img]")
    assert charts.count() == 2
    for n in range(2):
        assert charts.nth(n).bounding_box()["width"] > 500  # drawn at the content's width
    # The page's 90 days and every probe of the last 24 hours, in the opened tables.
    assert page.locator("#sg-probes ~ details table tbody tr").count() == 90 + RAW_PROBES
    marks = page.evaluate(MARKS)
    # Every mark in the page's link colour, the failures in its outage colour; p95 outlined.
    assert marks["p50"] == marks["p95"] == marks["line"] == marks["link"]
    assert marks["p95_fill"] == "none"
    assert marks["fail"] not in (marks["link"], "none", "rgb(0, 0, 0)")
    violations = [v for v in run_axe(page) if v["impact"] in BLOCKING]
    assert not violations, "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']}: "
        + "; ".join(" ".join(map(str, n["target"])) for n in v["nodes"][:6])
        for v in violations
    )
    browsing.assert_no_problems()
