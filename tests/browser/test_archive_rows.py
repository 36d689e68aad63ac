"""The archive's rows have one definition: the server's `incident_row` macro draws the first
results and, as a <template>, the rows statusgen.js fills (text only) after a filter."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from sitebuild import FIXTURE_BUILT, shared_fixture_site

#: The rows' markup, without what differs by who wrote the text of a time (its `title` and
#: `data-site`, the site's words the script keeps), the white space between tags, and an open
#: maintenance's `data-end`, which the archive's index does not hold.
ROWS_HTML = """rows => rows.map(row => {
    const copy = row.cloneNode(true);
    copy.querySelectorAll("time").forEach(t => {
        t.removeAttribute("title");
        delete t.dataset.site;
    });
    copy.querySelectorAll(".sg-live").forEach(s => { delete s.dataset.end; });
    return copy.outerHTML.replace(/>\\s+</g, "><").replace(/\\s+/g, " ");
})"""


def test_the_scripts_rows_are_the_servers(browsing: Any) -> None:
    page = browsing.open("/history/")
    rows = page.locator("#sg-results li.sg-row")
    expect(rows.first).to_be_visible()
    server = rows.evaluate_all(ROWS_HTML)
    assert len(server) > 20
    # A filter and back: the script redraws the same first page from the index.
    page.select_option("select[name=type]", "incident")
    expect(page).to_have_url(re.compile(r"type=incident"))
    page.select_option("select[name=type]", "")
    expect(page).not_to_have_url(re.compile(r"type="))
    expect(rows).to_have_count(len(server))
    drawn = rows.evaluate_all(ROWS_HTML)
    for a, b in zip(drawn, server, strict=True):
        assert a == b, (a, b)
    browsing.assert_no_problems()


HOSTILE = """
---
title: '<img src=x onerror="window.pwned=1">Broken "quotes" & <b>tags</b>'
impact: major
components: {api: major_outage}
phases:
  - at: 2026-03-08T09:00:00Z
    status: investigating
    message: Broken.
  - at: 2026-03-08T10:00:00Z
    status: resolved
    message: Fixed.
---
"""


@pytest.fixture(scope="module")
def hostile_site(
    tmp_path_factory: pytest.TempPathFactory, serve: Callable[[Path], Any]
) -> Iterator[str]:
    """The fixture site with a hostile title, built once per run and served."""
    out = shared_fixture_site(
        tmp_path_factory, "hostile-rows", {"incidents/2026-03-08-hostile.md": HOSTILE}
    )
    with serve(out) as url:
        yield url


def test_a_hostile_title_stays_text_in_the_scripts_rows(browsing: Any, hostile_site: str) -> None:
    page = browsing.open("/history/?impact=major", at=FIXTURE_BUILT, base=hostile_site)
    expect(page.locator("#sg-count")).to_contain_text("2 of")
    link = page.locator("#sg-results li.sg-row > a", has_text="Broken")
    expect(link).to_have_text('<img src=x onerror="window.pwned=1">Broken "quotes" & <b>tags</b>')
    expect(page.locator("#sg-results img, #sg-results b")).to_have_count(0)
    assert page.evaluate("window.pwned") is None
    browsing.assert_no_problems()
