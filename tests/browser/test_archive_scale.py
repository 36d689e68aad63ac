"""The archive, the header search and the component pages on a large site (issue 27, item 4):
generated incidents over five years (benchmarks/corpus.py, built as of the example's moment),
enough to cross every threshold the archive, the search and the component pages have (each
test asserts the ones it relies on, read from the product's constants). The archive's first
filter fetches the index and the newest year's rows only; older years come when the filter
reaches them; loading and failure say so; the header search says what it covers and offers the
archive; a component page lists its newest 20 and links to the archive filtered by it. A text
query fetches the search texts newest first, one file at a time, shows what it found so far and
ends with the exact count. The weights at 10,000 incidents are in benchmarks/scale.py.

The site is no larger than the thresholds need: 700 incidents cross each of them (the newest
year alone holds more than a screen of the archive, `RECENT_IN_ARCHIVE`) and build in a third
of the time 2,000 took; what grows with size (index weights, build time) is measured by the
benchmarks, not here."""

from __future__ import annotations

import json
import re
import subprocess
import urllib.request
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect
from sitebuild import EXAMPLE_BUILT, EXAMPLE_EPOCH, mkdocs_build, shared_build
from siteoutputs import archive_texts

from benchmarks.corpus import write_corpus
from statusgen.render import urls
from statusgen.render.archive import TEXTS_PER_FILE
from statusgen.render.historypage import RECENT_IN_ARCHIVE
from statusgen.render.pages import COMPONENT_INCIDENTS, SEARCHABLE_INCIDENTS, YEAR_PAGE_INCIDENTS

#: Seven screens of the archive (`RECENT_IN_ARCHIVE`) over the corpus's five years: the newest
#: year holds more than a screen (its year page lists them all), fewer than a year page splits
#: by month (`YEAR_PAGE_INCIDENTS`), and its newest major ones fill a screen before the oldest
#: year (the tests check each where they rely on it).
INCIDENTS = 7 * RECENT_IN_ARCHIVE
#: A word of about a quarter of the corpus's texts: its matches fill the first screen before the
#: search reaches the oldest year.
WORD = "Latency"
BLOCKING = {"serious", "critical"}
#: The build (about 3 CPU s; 2,000 incidents took 10) in the first test's setup, then three axe
#: runs; starting the module first keeps the build off the end of a run.
pytestmark = pytest.mark.long(seconds=6)


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory, serve: Callable[[Path], Any]) -> Iterator[str]:
    """The large site, built once per run and served."""

    def build(out: Path) -> subprocess.CompletedProcess[str]:
        root = out.with_name(out.name + "-src")
        root.mkdir(exist_ok=True)
        write_corpus(root, INCIDENTS)
        return mkdocs_build(root, out, EXAMPLE_EPOCH)

    out = shared_build(tmp_path_factory.getbasetemp(), "large", build)
    with serve(out) as url:
        yield url


def _recorded(browsing: Any, large: str, path: str) -> tuple[Any, list[str]]:
    """`path` of the large site, loaded, with the paths it requested (a warm context's page
    asks for every file: the server has readers revalidate each)."""
    requested: list[str] = []

    def record(page: Any) -> None:
        page.on("request", lambda request: requested.append(urlsplit(request.url).path))

    page = browsing.open(path, base=large, before_load=record)
    page.wait_for_load_state("networkidle")
    return page, requested


def _searched(requested: list[str]) -> list[str]:
    return [p for p in requested if p.startswith("/history/search-")]


def _until(page: Any, condition: Callable[[], bool], timeout_ms: int = 10_000) -> None:
    """Let the page run (and Playwright deliver its events) until `condition` holds."""
    for _ in range(timeout_ms // 20):
        if condition():
            return
        page.wait_for_timeout(20)
    assert condition(), f"still false after {timeout_ms} ms"


def _blocking(run_axe: Callable[[Any], list[dict[str, Any]]], page: Any) -> list[str]:
    return [
        f"{v['id']}: {v['help']} {[n['target'] for n in v['nodes'][:3]]}"
        for v in run_axe(page)
        if v["impact"] in BLOCKING
    ]


def test_the_first_filter_fetches_the_index_and_the_newest_year_only(
    browsing: Any, large: str
) -> None:
    oldest = str(min(_texts_by_year(large)))
    page, requested = _recorded(browsing, large, "/history/")
    assert not [p for p in requested if p.endswith(".json")], requested  # nothing until asked
    page.select_option("select[name=impact]", "major")
    expect(page.locator("#sg-count")).to_have_text(re.compile(rf"^\d+ of {INCIDENTS} match$"))
    rows = page.locator("#sg-results li.sg-row")
    expect(rows).to_have_count(RECENT_IN_ARCHIVE)
    assert page.locator("#sg-results li.sg-row:not(.sg-i-major)").count() == 0
    # The index, and the rows of the years the first screen of matches reaches (newest first).
    shown = rows.locator("time").evaluate_all("ts => ts.map(t => t.dateTime.slice(0, 4))")
    years = sorted(set(shown), reverse=True)
    assert years[0] == "2026" and oldest not in years, years
    data = sorted({p for p in requested if p.endswith(".json")})
    assert data == sorted(["/history/index.json", *(f"/history/index-{y}.json" for y in years)])
    # The oldest year: its rows are fetched when the filter reaches them, and only then.
    before = len(requested)
    page.select_option("select[name=year]", oldest)
    expect(page.locator("#sg-results h2").first).to_have_text(re.compile(rf"{oldest}$"))
    assert [p for p in requested[before:] if p.endswith(".json")] == [
        f"/history/index-{oldest}.json"
    ]
    assert not [p for p in requested if p.startswith("/history/search")]
    # The filters are in the URL, and a reader who opens it sees the same list.
    assert page.url.endswith(f"/history/?impact=major&year={oldest}")
    count = page.locator("#sg-count").text_content()
    again = browsing.open(f"/history/?impact=major&year={oldest}", base=large)
    expect(again.locator("#sg-count")).to_have_text(count or "")
    links = again.locator("#sg-results li.sg-row > a")
    expect(links.first).to_have_attribute("href", re.compile(rf"/incidents/{oldest}-"))
    browsing.assert_no_problems()


def _texts_by_year(large: str) -> dict[int, list[str]]:
    """The large site's search texts, year by year (newest first), read over HTTP as the
    archive's script reads them."""

    def read(path: str) -> bytes:
        with urllib.request.urlopen(f"{large}/{path}") as response:
            return bytes(response.read())

    index = json.loads(read(urls.ARCHIVE_INDEX))
    texts = archive_texts(read)
    by_year: dict[int, list[str]] = {}
    for year, count in index["years"]:
        by_year[year], texts = texts[:count], texts[count:]
    return by_year


def test_a_text_query_searches_newest_first_and_ends_with_the_exact_count(
    browsing: Any, large: str
) -> None:
    """Each file of texts is fetched only once the newer ones are searched; what is found so
    far is drawn and counted as it comes; the keyboard stays on the row it was on."""
    by_year = _texts_by_year(large)
    assert all(len(texts) <= TEXTS_PER_FILE for texts in by_year.values())  # one file a year
    page, requested = _recorded(browsing, large, "/history/")
    held: list[Any] = []
    page.route("**/history/search-*.json", lambda route: held.append(route))
    page.fill("#sg-filters input[name=text]", WORD)
    count, rows = page.locator("#sg-count"), page.locator("#sg-results li.sg-row")
    found, screen_at, focused = 0, None, None
    for year, texts in by_year.items():
        expect(count).to_have_text(f"Searching {year}… {found:,} found so far")
        expect(count).to_have_attribute("aria-live", "polite")
        expect(rows).to_have_count(min(found, RECENT_IN_ARCHIVE))
        # The count is drawn before the year's file is asked for: wait for the request.
        expected = [f"/history/search-{y}-1.json" for y in by_year if y >= year]
        asked = len(expected)
        _until(page, lambda n=asked: bool(held) and len(_searched(requested)) >= n)
        assert _searched(requested) == expected
        if found >= RECENT_IN_ARCHIVE and screen_at is None:
            screen_at = year  # the first screen is drawn: older years are not fetched yet
        if found and focused is None:
            focused = rows.nth(0).locator("a")
            focused.focus()
        assert len(held) == 1
        held.pop().continue_()
        found += sum(WORD.lower() in text for text in texts)
    assert screen_at is not None and screen_at > min(by_year), (screen_at, found)
    expect(count).to_have_text(f"{found} of {INCIDENTS} match")
    expect(rows).to_have_count(RECENT_IN_ARCHIVE)
    assert focused is not None
    expect(focused).to_be_focused()
    assert page.url.endswith(f"/history/?text={WORD}")
    browsing.assert_no_problems()


def test_a_text_query_finds_an_old_incident_and_a_failure_lists_the_year_pages(
    browsing: Any, large: str
) -> None:
    """The URL's text filter searches every year; an incident of the oldest year is found."""
    by_year = _texts_by_year(large)
    everything = [text for texts in by_year.values() for text in texts]
    oldest = everything[-1].split()
    for size in range(1, len(oldest) + 1):  # the fewest of its words that few others hold
        words = oldest[:size]
        matching = sum(all(w in text for w in words) for text in everything)
        if matching <= 20:
            break
    page = browsing.open("/history/?text=" + "+".join(words), base=large)
    expect(page.locator("#sg-count")).to_have_text(f"{matching} of {INCIDENTS} match")
    expect(page.locator("#sg-results li.sg-row")).to_have_count(matching)
    last = page.locator("#sg-results li.sg-row > a").last
    expect(last).to_have_attribute("href", re.compile(rf"/incidents/{min(by_year)}-"))
    # With a year chosen, only that year's texts are fetched.
    query = f"/history/?year={min(by_year)}&text=" + "+".join(words)
    in_year, requested = _recorded(browsing, large, query)
    that_year = sum(all(w in text for w in words) for text in by_year[min(by_year)])
    expect(in_year.locator("#sg-count")).to_have_text(f"{that_year} of {INCIDENTS} match")
    searched = [p for p in requested if p.startswith("/history/search-")]
    assert searched == [f"/history/search-{min(by_year)}-1.json"]
    browsing.assert_no_problems()

    failing = browsing.open(
        "/history/?text=" + "+".join(words),
        base=large,
        before_load=lambda page: page.route(
            f"**/history/search-{min(by_year) + 1}-*.json", lambda route: route.abort()
        ),
    )
    alert = failing.locator("#sg-results [role=alert]")
    expect(alert).to_have_text("The archive could not be loaded; every incident is listed by year:")
    expect(failing.locator("#sg-results .sg-years a")).to_have_count(len(by_year))
    expect(failing.locator("#sg-count")).to_have_text("")


def test_loading_says_so_and_a_failure_lists_the_year_pages(browsing: Any, large: str) -> None:
    held: list[Any] = []
    page = browsing.open(
        "/history/",
        base=large,
        before_load=lambda page: page.route(
            "**/history/index.json", lambda route: held.append(route)
        ),
    )
    page.select_option("select[name=impact]", "critical")
    results = page.locator("#sg-results")
    expect(results).to_have_attribute("aria-busy", "true")
    expect(page.locator("#sg-count")).to_have_text(f"Loading {INCIDENTS:,} incidents…")
    held[0].continue_()
    expect(page.locator("#sg-count")).to_have_text(re.compile(rf" of {INCIDENTS} match$"))
    expect(results).not_to_have_attribute("aria-busy", "true")

    failing = browsing.open(
        "/history/?component=api",
        base=large,
        before_load=lambda page: page.route("**/history/index-*.json", lambda r: r.abort()),
    )
    alert = failing.locator("#sg-results [role=alert]")
    expect(alert).to_have_text("The archive could not be loaded; every incident is listed by year:")
    by_year = _texts_by_year(large)
    newest = max(by_year)
    # The newest year is more than a screen, and its year page is one page (not its months).
    assert RECENT_IN_ARCHIVE < len(by_year[newest]) <= YEAR_PAGE_INCIDENTS, len(by_year[newest])
    years = failing.locator("#sg-results .sg-years a")
    expect(years).to_have_count(len(by_year))
    years.first.click()
    expect(failing.locator("h1")).to_have_text(f"Incident history: {newest}")
    # The year page lists them all.
    expect(failing.locator("li.sg-row")).to_have_count(len(by_year[newest]))


def test_an_open_maintenance_drawn_by_the_script_follows_its_window(browsing: Any) -> None:
    """The example's maintenance of 2 December 02:00-04:00 UTC: upcoming at the build, in
    progress once its window began and completed after it, in the rows the archive's script
    draws (it knows the window's end)."""
    window = EXAMPLE_BUILT.replace(month=12, day=2, hour=2)
    for at, state, words in (
        (window + timedelta(hours=1), "in_progress", "Ongoing for 1\u00a0h"),
        (window + timedelta(hours=3), "completed", "Completed after 2\u00a0h"),
    ):
        page = browsing.open("/history/?type=maintenance&status=active", at=at)
        row = page.locator("#sg-results li.sg-row", has_text="Object storage metadata upgrade")
        live = row.locator(".sg-live")
        expect(live).to_have_attribute("data-end", "2026-12-02T04:00:00Z")
        expect(live).to_have_attribute("data-live", state)
        expect(live).to_have_text(re.compile(words))
    browsing.assert_no_problems()


def test_the_header_search_says_what_it_covers_and_offers_the_archive(
    browsing: Any, large: str, run_axe: Callable[[Any], list[dict[str, Any]]]
) -> None:
    page = browsing.open("/", base=large)
    page.keyboard.press("/")
    page.keyboard.type("database")
    expect(page.locator(".md-search-result__list > li").first).to_be_visible()
    note = page.locator(".md-search-result .sg-search-scope")
    assert INCIDENTS > SEARCHABLE_INCIDENTS
    expect(note).to_have_text(
        f"Searching the newest {SEARCHABLE_INCIDENTS} incidents \u2014 search all in the archive"
    )
    link = note.locator("a")
    expect(link).to_have_attribute("href", re.compile(r"history/\?text=database$"))
    assert _blocking(run_axe, page) == []
    link.click()
    expect(page.locator("#sg-filters input[name=text]")).to_have_value("database")
    expect(page.locator("#sg-count")).to_have_text(re.compile(rf"^\d+ of {INCIDENTS} match$"))
    assert page.locator(".md-search__input").input_value() == ""  # Material's stays closed
    browsing.assert_no_problems()


def test_a_component_page_lists_its_newest_20_and_links_the_filtered_archive(
    browsing: Any, large: str, run_axe: Callable[[Any], list[dict[str, Any]]]
) -> None:
    page = browsing.open("/components/api/", base=large)
    section = page.locator("section[aria-labelledby=sg-incidents]")
    expect(section.locator("li.sg-row")).to_have_count(COMPONENT_INCIDENTS)
    link = section.locator("a", has_text=re.compile(r"^All \d+ incidents of "))
    total = int(re.findall(r"\d+", link.text_content() or "")[0])
    assert total > COMPONENT_INCIDENTS
    assert _blocking(run_axe, page) == []
    link.click()
    expect(page.locator("select[name=component]")).to_have_value("api")
    expect(page.locator("#sg-count")).to_have_text(f"{total} of {INCIDENTS} match")
    assert _blocking(run_axe, page) == []
    browsing.assert_no_problems()
