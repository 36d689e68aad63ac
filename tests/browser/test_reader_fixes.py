"""Smaller things readers met (issue 27, item 5): report tables with their cells apart on
phones, an upcoming maintenance that does not claim its components are under maintenance yet,
bars named after their component, a skip link on generated pages, the report's charts
named by their headings, the example's own logo and footer, and a list's row whose state
follows the clock as its duration does. Tests that only read a page share one load of it
(`views`)."""

from __future__ import annotations

import re
import zlib
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from playwright.sync_api import expect

PHONE = {"width": 390, "height": 844}
UPCOMING = "2026-12-02-object-storage-metadata-upgrade"
#: The example maintenance's window, 02:00-04:00 UTC.
WINDOW_START = datetime(2026, 12, 2, 2, 0, tzinfo=UTC)


@pytest.mark.parametrize("table", [".sg-report-summary", ".sg-report-uptime", ".sg-report-slowest"])
def test_report_tables_keep_their_cells_apart_on_phones(views: Any, table: str) -> None:
    page = views.open("/report/", size=PHONE)  # one load for the three tables: they only read
    cells = page.locator(f"table{table} td")
    expect(cells.first).to_be_visible()
    paddings = cells.evaluate_all(
        "cells => cells.map(c => parseFloat(getComputedStyle(c).paddingLeft)"
        " + parseFloat(getComputedStyle(c).paddingRight))"
    )
    assert paddings and min(paddings) >= 8, paddings
    views.assert_no_problems(page)


def test_an_upcoming_maintenance_does_not_claim_its_components_yet(views: Any) -> None:
    page = views.open(f"/incidents/{UPCOMING}/")
    affected = page.locator("ul.sg-affected li")
    expect(affected).to_have_count(1)
    expect(affected).to_contain_text("Object storage during the window: Under maintenance")
    expect(affected.locator(".sg-status")).to_have_count(0)
    views.assert_no_problems(page)
    # The component itself is what it is now.
    page = views.open("/components/object-storage/")
    expect(page.locator(".sg-summary .sg-status")).to_have_text("Operational")
    views.assert_no_problems(page)


def test_each_components_bars_are_named_after_it(views: Any) -> None:
    page = views.open("/")
    names = page.locator(".sg-component .sg-component-name").all_inner_texts()
    labels = page.locator(".sg-component ol.sg-bars").evaluate_all(
        "lists => lists.map(l => l.getAttribute('aria-label'))"
    )
    assert len(labels) == len(names) > 1
    assert len(set(labels)) == len(labels), labels
    for name, label in zip(names, labels, strict=True):
        assert label == f"{name}: daily uptime over the last 90 days"
    views.assert_no_problems(page)
    page = views.open("/", size=PHONE)
    first = page.locator(".sg-component ol.sg-bars").first
    expect(first).to_have_attribute("aria-label", f"{names[0]}: daily uptime over the last 30 days")
    views.assert_no_problems(page)


@pytest.mark.parametrize("path", ["/", f"/incidents/{UPCOMING}/", "/report/", "/history/"])
def test_generated_pages_have_a_skip_link(browsing: Any, path: str) -> None:
    page = browsing.open(path)
    expect(page.locator("a.md-skip")).to_have_count(1)
    page.keyboard.press("Tab")
    skip = page.locator("a.md-skip:focus")
    expect(skip).to_be_visible()
    expect(skip).to_have_text("Skip to content")
    page.keyboard.press("Enter")
    assert page.url.endswith("#sg-main")
    expect(page.locator("#sg-main")).to_have_count(1)
    browsing.assert_no_problems()


def test_hand_written_pages_keep_materials_own_skip_link(views: Any) -> None:
    page = views.open("/subscribe/")
    expect(page.locator("a.md-skip")).to_have_count(1)
    expect(page.locator("a.md-skip")).not_to_have_attribute("href", "#sg-main")


def test_report_charts_are_named_by_their_headings(views: Any) -> None:
    page = views.open("/components/api/report/")
    for name in ("Failures per month", "Time to resolve", "Uptime per month"):
        expect(page.get_by_role("figure", name=name, exact=True)).to_have_count(1)
    views.assert_no_problems(page)


@pytest.mark.parametrize("path", ["/components/object-storage/", "/history/"])
@pytest.mark.parametrize(
    ("after_start", "words", "state"),
    [
        (timedelta(minutes=-5), "Starts in 5 minutes", "Upcoming"),
        (timedelta(minutes=30), "Ongoing for 30 min", "In progress"),
        (timedelta(hours=3), "Completed after 2 h", None),
    ],
    ids=["before", "during", "after"],
)
def test_a_rows_state_follows_the_clock_with_its_duration(
    browsing: Any, path: str, after_start: timedelta, words: str, state: str | None
) -> None:
    """Was "Completed after 2 h · Upcoming": the duration moved with the clock, the state
    stayed as built. Once over, the row names no state, as the server writes an ended one."""
    page = browsing.open(path, at=WINDOW_START + after_start)
    row = page.locator("li.sg-row", has_text="Object storage metadata upgrade").first
    expect(row.locator(".sg-live")).to_have_text(re.compile(_spaced(words)))
    meta = row.locator(":scope > .sg-meta")
    if state is None:
        expect(meta.locator("strong")).to_have_count(0)
        expect(meta).not_to_contain_text("Upcoming")
        expect(meta).not_to_contain_text("In progress")
        expect(meta).to_have_text(re.compile(_spaced(words) + r"\s*$"))
    else:
        expect(meta.locator("strong")).to_have_text(state)
    browsing.assert_no_problems()


def _spaced(words: str) -> str:
    """`words` as a pattern where any space may be a no-break space ("2\u00a0h")."""
    return re.escape(words).replace("\\ ", r"\s")


@pytest.mark.parametrize("path", ["/", "/subscribe/"])
def test_the_example_shows_its_operators_logo_and_footer(views: Any, path: str) -> None:
    """Not Material's book icon and "Made with Material for MkDocs": the operator's mark
    (an SVG in the example's docs/) in the header and the tab, and its links in the footer."""
    page = views.open(path)
    logo = page.locator(".md-header .md-logo img")
    expect(logo).to_have_attribute("src", re.compile(r"assets/acme-logo\.svg$"))
    assert logo.evaluate("img => img.complete && img.naturalWidth > 0")
    favicon = page.locator("link[rel=icon]")
    expect(favicon).to_have_attribute("href", re.compile(r"assets/acme-logo\.svg$"))
    footer = page.locator("footer.md-footer")
    expect(footer).not_to_contain_text("Material for MkDocs")
    for name in ("Website", "Privacy", "Terms"):
        expect(footer.get_by_role("link", name=name, exact=True)).to_have_attribute(
            "href", re.compile(r"^https://www\.example\.com/")
        )
    views.assert_no_problems(page)


def test_print_gives_moments_not_relative_times(browsing: Any) -> None:
    """Paper keeps no clock: "Latest update: 45 minutes ago" prints as the moment it names,
    in the reader's zone; the screen keeps the relative words."""
    page = browsing.open("/", at=datetime(2026, 11, 23, 14, 15, tzinfo=UTC))
    line = page.locator("article.sg-card .sg-update .sg-meta").first
    expect(line.locator("time")).to_have_text("3 hours ago")
    shown = "Latest update: 3 hours ago"
    assert line.inner_text().strip() == shown
    page.emulate_media(media="print")
    printed = line.inner_text().strip()
    assert re.fullmatch(r"Latest update: Nov 23, 2026, 12:15\sPM GMT\+1", printed), printed
    page.emulate_media(media="screen")
    assert line.inner_text().strip() == shown
    browsing.assert_no_problems()


def test_every_pages_title_is_drawn_alike(views: Any) -> None:
    """Generated pages (incident, component, archive, report) and hand-written ones (Subscribe,
    About) give their H1 one style: weight, colour, size and font."""
    styles = {}
    for path in (
        f"/incidents/{UPCOMING}/",
        "/components/api/",
        "/history/",
        "/report/",
        "/subscribe/",
        "/about/",
    ):
        # A settled page: a warm one can be read while Material still eases a colour in (its
        # resting state, which any later reader of the shared page sees too).
        page = views.browsing.settle(views.open(path))
        styles[path] = page.locator("article h1").evaluate(
            "h => { const s = getComputedStyle(h);"
            " return [s.fontWeight, s.color, s.fontSize, s.fontFamily, s.letterSpacing]; }"
        )
        views.assert_no_problems(page)
    assert len({tuple(style) for style in styles.values()}) == 1, styles
    assert styles["/about/"][0] == "700", styles


def test_every_printed_page_names_the_site(browsing: Any) -> None:
    """The header that names the site on screen is not printed: each page of the PDF names it
    at its top (an @page margin box), the overview's pages and an incident's."""
    for path in ("/", "/history/"):
        page = browsing.open(path)
        pdf = page.pdf(format="A4")
        pages = len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", pdf))
        texts = _pdf_texts(pdf)
        assert pages >= 2, f"{path}: {pages} page(s)"
        named = [text for text in texts if text.startswith("Acme Cloud Status")]
        assert len(named) == pages, f"{path}: {len(named)} of {pages} pages: {texts!r:.600}"
    browsing.assert_no_problems()


def _pdf_texts(pdf: bytes) -> list[str]:
    """The text of each content stream of a PDF that Chromium printed (a page's, or a
    form's): each text object's glyph strings read through every font's ToUnicode map (a run is
    kept in the map that reads it as most letters)."""
    streams = [
        _inflated(m.group(1)) for m in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S)
    ]
    maps = [_to_unicode(s) for s in streams if b"begincmap" in s]
    texts = []
    for stream in streams:
        if b"BT" not in stream or b"begincmap" in stream:
            continue
        runs = []
        for block in re.findall(rb"BT(.*?)ET", stream, re.S):
            glyphs = b"".join(re.findall(rb"<([0-9A-Fa-f]+)>", block)).decode()
            codes = [int(glyphs[i : i + 4], 16) for i in range(0, len(glyphs), 4)]
            readings = ["".join(m.get(c, "\ufffd") for c in codes) for m in maps]
            runs.append(max(readings, key=lambda r: sum(ch.isalpha() for ch in r), default=""))
        texts.append("".join(runs))
    return texts


def _inflated(data: bytes) -> bytes:
    """A Flate stream's bytes (what inflates of it), or nothing for another kind."""
    try:
        return zlib.decompressobj().decompress(data)
    except zlib.error:
        return b""


def _to_unicode(cmap: bytes) -> dict[int, str]:
    table: dict[int, str] = {}
    text = cmap.decode("latin-1")
    for body in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for code, char in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", body):
            table[int(code, 16)] = chr(int(char, 16))
    for body in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for low, high, first in re.findall(
            r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", body
        ):
            for offset in range(int(high, 16) - int(low, 16) + 1):
                table[int(low, 16) + offset] = chr(int(first, 16) + offset)
    return table
