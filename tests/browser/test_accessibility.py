"""axe-core (default rules) on each kind of generated page, in the light and dark palettes.

Violations with impact "serious" or "critical" fail; the message lists each rule, its help
text and the offending nodes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

#: Each kind of page, and what it must show when axe runs (so a section that stops rendering
#: fails here instead of leaving axe nothing to check). Kinds whose own tests run axe in both
#: palettes are checked there, once: the overview with a day's tooltip and a past incident's
#: earlier updates open, on a laptop and a phone (test_day_tooltips.py), a component page with
#: its uptime calendar, on a laptop and a phone (test_uptime_calendar.py), the probe charts
#: (test_probe_charts.py, on a site with a probe history), the site's and a component's reports
#: with their data tables open (test_report_charts.py), and Subscribe on a phone and a laptop,
#: where any violation fails (test_subscribe.py).
PAGES = [
    pytest.param("/incidents/2026-07-22-us-east-network-outage/", "#sg-details", id="incident"),
    # An open incident: its next update near the top and "Follow this incident".
    pytest.param("/incidents/2026-11-23-email-delivery-delays/", "#sg-follow", id="incident-open"),
    pytest.param(
        "/incidents/2026-12-02-object-storage-metadata-upgrade/",
        "#sg-follow",
        id="maintenance",
    ),
    pytest.param("/history/", "#sg-results", id="history"),
    pytest.param("/history/2026/", "li.sg-row", id="history-year"),
    # Hand-written pages, styled by the same rules.
    pytest.param("/about/", "article h1", id="about"),
    pytest.param("/api/", "article h1", id="api"),
]
BLOCKING = {"serious", "critical"}


def _describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} <{v['helpUrl']}>")
        for node in v["nodes"][:6]:
            lines.append(f"    {' '.join(map(str, node['target']))}: {node['html'][:160]}")
        if len(v["nodes"]) > 6:
            lines.append(f"    ... and {len(v['nodes']) - 6} more nodes")
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("path", "shows"), PAGES)
def test_no_serious_axe_violations(
    browsing: Any,
    run_axe: Callable[[Any], list[dict[str, Any]]],
    path: str,
    shows: str,
    scheme: str,
) -> None:
    page = browsing.open(path, scheme=scheme)
    for part in shows.split(", "):
        expect(page.locator(part).first).to_be_visible()
    expected = "slate" if scheme == "dark" else "default"
    assert page.evaluate("document.body.dataset.mdColorScheme") == expected
    if path == "/history/":
        # Check the archive as readers use it: filters shown, results rendered by the script.
        expect(page.locator("#sg-count")).to_contain_text(" of 24 match")
    violations = [v for v in run_axe(page) if v["impact"] in BLOCKING]
    assert not violations, (
        f"axe-core: serious/critical violations on {path} ({scheme}):\n{_describe(violations)}"
    )


def test_run_axe_reports_every_node_of_a_violation_and_injects_axe_once(
    browsing: Any, run_axe: Callable[[Any], list[dict[str, Any]]]
) -> None:
    """The checker the tests above rely on: three images without a text alternative are one
    critical violation with all three nodes (its options trim only the results nobody reads),
    and a second check of the same page reuses the axe-core already in it."""
    page = browsing.open("/about/")
    page.evaluate(
        """() => { for (const name of ['one', 'two', 'three']) {
            const image = document.createElement('img');
            image.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
            image.className = 'sg-test-' + name;
            document.querySelector('main').append(image);
        } }"""
    )
    scripts = page.evaluate("document.scripts.length")
    first = [v for v in run_axe(page) if v["id"] == "image-alt"]
    assert len(first) == 1 and first[0]["impact"] == "critical", first
    assert sorted(n["target"][0] for n in first[0]["nodes"]) == [
        ".sg-test-one",
        ".sg-test-three",
        ".sg-test-two",
    ], first[0]["nodes"]
    injected = page.evaluate("document.scripts.length")
    assert injected == scripts + 1
    assert [v for v in run_axe(page) if v["id"] == "image-alt"] == first
    assert page.evaluate("document.scripts.length") == injected
