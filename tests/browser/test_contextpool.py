"""The warm contexts of tests/browser/contextpool.py keep each test as isolated as a fresh
context would: what one test stored, the clock it moved, and the sites it read do not reach the
next test that takes the same context."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import DESKTOP, Chromium, Missing, served
from contextpool import ContextPool, Kind, Lease
from sitebuild import EXAMPLE_BUILT

NOW_MS = "Date.now()"


@pytest.fixture
def pool(browser: Chromium | Missing) -> Iterator[ContextPool]:
    """A pool of its own on the session's browser, closed after the test."""
    if isinstance(browser, Missing):
        browser.fail()
    made = ContextPool(
        lambda at, options: browser.new_context(at=at, **options),
        lambda context, at: context.clock.install(time=at),
    )
    try:
        yield made
    finally:
        made.close()


def _kind(url: str) -> Kind:
    return Kind(url, True)


def _open(lease: Lease, url: str) -> Any:
    page = lease.new_page(DESKTOP, "light")
    response = page.goto(url + "/", wait_until="load")
    assert response is not None and response.status == 200
    return page


def _site(folder: Path, text: str) -> Path:
    folder.mkdir()
    (folder / "index.html").write_text(f"<!doctype html><title>{text}</title><p>{text}")
    return folder


def test_a_context_taken_again_has_no_storage_and_its_clock_at_the_new_moment(
    pool: ContextPool, tmp_path: Path
) -> None:
    with served(_site(tmp_path / "site", "one")) as url:
        first = pool.take(_kind(url), EXAMPLE_BUILT)
        page = _open(first, url)
        page.evaluate(
            """() => { localStorage.setItem('kept', '1'); sessionStorage.setItem('kept', '1');
                       document.cookie = 'kept=1; path=/'; }"""
        )
        page.clock.fast_forward(int(timedelta(days=3).total_seconds() * 1000))
        assert page.evaluate(NOW_MS) >= (EXAMPLE_BUILT + timedelta(days=3)).timestamp() * 1000
        pool.give_back(first)

        later = EXAMPLE_BUILT + timedelta(days=30)
        second = pool.take(_kind(url), later)
        assert second.context is first.context  # the same warm context
        page = _open(second, url)
        stored = page.evaluate(
            "() => [localStorage.getItem('kept'), sessionStorage.getItem('kept'), document.cookie]"
        )
        assert stored == [None, None, ""]
        seconds = page.evaluate(NOW_MS) / 1000 - later.timestamp()
        assert 0 <= seconds < 60, datetime.fromtimestamp(page.evaluate(NOW_MS) / 1000)
        pool.give_back(second)


def test_a_context_that_read_another_site_is_closed_not_kept(
    pool: ContextPool, tmp_path: Path
) -> None:
    with (
        served(_site(tmp_path / "site", "one")) as url,
        served(_site(tmp_path / "other", "two")) as other,
    ):
        lease = pool.take(_kind(url), EXAMPLE_BUILT)
        page = _open(lease, url)
        page.goto(other + "/")
        pool.give_back(lease)
        assert pool.idle == []
        again = pool.take(_kind(url), EXAMPLE_BUILT)
        assert again.context is not lease.context
        pool.give_back(again)
        assert pool.idle == [again]


def test_a_site_no_longer_served_closes_its_idle_contexts(
    pool: ContextPool, tmp_path: Path
) -> None:
    with served(_site(tmp_path / "site", "one")) as url:
        lease = pool.take(_kind(url), EXAMPLE_BUILT)
        _open(lease, url)
        pool.give_back(lease)
        assert pool.idle == [lease]
    assert pool.idle == []
    # A new site on any port reads its own files, never the old site's from a cache.
    with served(_site(tmp_path / "new", "two")) as url:
        lease = pool.take(_kind(url), EXAMPLE_BUILT)
        assert _open(lease, url).title() == "two"
        pool.give_back(lease)


#: What a page's viewport and colour scheme show to its scripts and style sheets.
DRAWN_AT = """() => [innerWidth, innerHeight, screen.width, screen.height,
    matchMedia('(prefers-color-scheme: dark)').matches, matchMedia('(max-width: 400px)').matches]"""


def test_each_page_of_a_warm_context_has_its_viewport_and_colour_scheme(
    pool: ContextPool, tmp_path: Path
) -> None:
    """A phone page in dark and a desktop page in light share a warm context, and each is
    drawn as a context with those options draws it: its window and screen at its size, its
    media queries answering for its width and scheme."""
    with served(_site(tmp_path / "site", "one")) as url:
        lease = pool.take(_kind(url), EXAMPLE_BUILT)
        pages = [
            lease.new_page({"width": 390, "height": 844}, "dark"),
            lease.new_page(DESKTOP, "light"),
        ]
        for page in pages:
            page.goto(url + "/")
        assert [page.evaluate(DRAWN_AT) for page in pages] == [
            [390, 844, 390, 844, True, True],
            [1280, 900, 1280, 900, False, False],
        ]
        pool.give_back(lease)


def test_a_tests_pages_share_a_context_until_it_moves_the_clock(browsing: Any) -> None:
    """`Browsing.open`: a test's pages of one kind, moment and colour scheme share a context (a
    phone page beside a desktop page); a dark page has its own (Material keeps the palette in
    the site's storage); once the test moved a context's clock, the next page gets a context
    of its own, its clock at the test's moment."""
    first = browsing.open("/about/")
    second = browsing.open("/about/", size={"width": 390, "height": 844})
    assert second.context is first.context
    dark = browsing.open("/about/", scheme="dark")
    assert dark.context is not first.context
    assert dark.evaluate("document.body.dataset.mdColorScheme") == "slate"
    assert first.evaluate("document.body.dataset.mdColorScheme") == "default"
    first.clock.fast_forward(int(timedelta(hours=2).total_seconds() * 1000))
    third = browsing.open("/about/")
    assert third.context is not first.context
    late = second.evaluate(NOW_MS) / 1000 - EXAMPLE_BUILT.timestamp()
    assert late >= 2 * 3600, late
    seconds = third.evaluate(NOW_MS) / 1000 - EXAMPLE_BUILT.timestamp()
    assert 0 <= seconds < 60, seconds


#: What a page's time zone and locale show to its scripts and its server: Intl's zone and
#: language, Date's local time, navigator's languages and the Accept-Language header sent.
ZONED_AS = """async () => [
    Intl.DateTimeFormat().resolvedOptions().timeZone,
    Intl.DateTimeFormat().resolvedOptions().locale,
    new Date(Date.UTC(2026, 10, 23, 11, 15)).toString(),
    new Date(Date.UTC(2026, 10, 23, 11, 15)).toLocaleString(),
    navigator.language, navigator.languages.join(),
    (await (await fetch('/echo')).text()),
]"""


def test_each_page_of_a_warm_context_has_its_time_zone_and_locale(
    browser: Chromium | Missing, pool: ContextPool, tmp_path: Path
) -> None:
    """Readers in New York (British English) and Tokyo (US English) share a warm context, and
    each page's scripts and requests see what a fresh context with those options gives them."""
    assert not isinstance(browser, Missing)
    readers = [("America/New_York", "en-GB"), ("Asia/Tokyo", "en-US")]
    with served(_site(tmp_path / "site", "one")) as url:

        def echo(route: Any) -> None:
            route.fulfill(body=route.request.headers.get("accept-language", ""))

        lease = pool.take(_kind(url), EXAMPLE_BUILT)
        pooled = [lease.new_page(DESKTOP, "light", zone, locale) for zone, locale in readers]
        fresh = [
            browser.new_context(timezone_id=zone, locale=locale).new_page()
            for zone, locale in readers
        ]
        for page in pooled + fresh:
            page.route(url + "/echo", echo)
            page.goto(url + "/")
        seen = [page.evaluate(ZONED_AS) for page in pooled]
        assert seen == [page.evaluate(ZONED_AS) for page in fresh]
        assert [s[0] for s in seen] == ["America/New_York", "Asia/Tokyo"]
        assert seen[0][4:] == ["en-GB", "en-GB", "en-GB"], seen[0]
        for page in fresh:
            page.context.close()
        pool.give_back(lease)
