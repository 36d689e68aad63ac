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
    return Kind(url, DESKTOP["width"], DESKTOP["height"], "light", True, "UTC", "en-US")


def _open(lease: Lease, url: str) -> Any:
    page = lease.new_page()
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
