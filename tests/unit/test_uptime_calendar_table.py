"""A component's uptime calendar (issue 27, item 3): a table per month of the last 12 (from the
month of `since` when later), each day drawn as its bar with its number, and in words for
screen readers the same statuses, durations and uptime as the day's tooltip. Bodies rendered as
a build renders them and parsed back with lxml."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
from sitebuild import FIXTURE_BUILT, fixture_site
from siteoutputs import render_folder

NBSP = "\u00a0"


def _calendar(html: str) -> lxml.html.HtmlElement:
    body = lxml.html.fragment_fromstring(html, create_parent="div")
    (section,) = body.xpath("//section[@aria-labelledby='sg-calendar']")
    assert section.xpath("./h2/text()") == ["Uptime calendar"]
    return section


def _text(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def _cells(table: lxml.html.HtmlElement) -> dict[int, lxml.html.HtmlElement]:
    """A month's day cells by day number."""
    cells = {}
    for td in table.xpath(".//tbody//td"):
        number = re.match(r"\d+", _text(td))
        if number:
            cells[int(number[0])] = td
    return cells


def test_twelve_months_newest_first_with_weekday_columns(tmp_path: Path) -> None:
    pages = render_folder(fixture_site(tmp_path), FIXTURE_BUILT).pages()
    tables = _calendar(pages["components/api.md"]).xpath(".//table[@class='sg-cal']")
    captions = [t.xpath("./caption/text()")[0] for t in tables]
    assert captions[0] == "March 2026" and captions[-1] == "April 2025" and len(captions) == 12
    heads = tables[0].xpath("./thead/tr/th")
    assert [h.get("scope") for h in heads] == ["col"] * 7
    assert [_text(h) for h in heads] == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    assert heads[0].xpath("./abbr/@title") == ["Monday"]
    # Every day of each month once, in weeks of seven.
    for table in tables:
        rows = table.xpath("./tbody/tr")
        assert all(len(r.xpath("./td")) == 7 for r in rows)
    assert sorted(_cells(tables[0])) == list(range(1, 32))


def test_each_day_is_drawn_and_said_as_its_tooltip_says(tmp_path: Path) -> None:
    pages = render_folder(fixture_site(tmp_path), FIXTURE_BUILT).pages()
    march = _calendar(pages["components/api.md"]).xpath(".//table[@class='sg-cal']")[0]
    cells = _cells(march)
    outage = cells[9]
    # Drawn as its bar (colour, height and pattern come with the swatch's class), hidden from
    # screen readers, which read the words instead.
    swatch = outage.xpath("./span[contains(@class, 'sg-swatch')]")[0]
    assert swatch.get("class") == "sg-swatch sg-s-major_outage"
    assert swatch.get("aria-hidden") == "true"
    said = _text(outage).replace(NBSP, " ")
    assert said == "9 · Major outage for 30 min · Partial outage for 1 h · 96.66 %"
    # The same words as the day's tooltip on the page's bars.
    tip = re.search(
        r"<strong>Mar 9, 2026</strong>(.*?)(?: · <a|</span>)", pages["components/api.md"]
    )
    assert tip and tip[1].replace("&nbsp;", NBSP).replace(NBSP, " ") in said
    assert _text(cells[8]).replace(NBSP, " ") == "8 · No incidents · 100.00 %"
    # Today is the last day with a state; later days have their number only.
    assert cells[10].xpath("./span[contains(@class, 'sg-swatch')]")
    assert cells[11].get("class") == "sg-cal-later" and _text(cells[11]) == "11"


def test_since_starts_the_calendar_and_earlier_days_have_no_data(tmp_path: Path) -> None:
    root = fixture_site(tmp_path)
    components = root / "components.yml"
    components.write_text(
        components.read_text("utf-8").replace(
            "name: Website\n", "name: Website\n        since: 2026-02-15T12:00:00Z\n"
        )
    )
    pages = render_folder(root, FIXTURE_BUILT).pages()
    tables = _calendar(pages["components/web.md"]).xpath(".//table[@class='sg-cal']")
    assert [t.xpath("./caption/text()")[0] for t in tables] == ["March 2026", "February 2026"]
    february = _cells(tables[1])
    assert _text(february[14]) == "14 · No data (before this component existed)"
    assert "sg-s-none" in february[14].xpath("./span")[0].get("class")
    assert _text(february[15]).startswith("15 · No incidents")
