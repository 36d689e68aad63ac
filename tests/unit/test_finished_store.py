"""The finished pages' store (statusgen/render/finished.py): an entry read back is the page and
search entries kept; a damaged, foreign or missing entry is a miss; the build's time is taken
out and put back in `data-built` only; the store keeps within its cap."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from statusgen.render.finished import (
    BUILT_MARK,
    PAGES_DIR,
    Finished,
    FinishedPages,
    stamped,
    unstamped,
)

KEY = "ab" + "0" * 62
PAGE = Finished('<p data-built="X">Ünïcode &amp; more</p>', [{"location": "a/", "text": "é"}])


def test_an_entry_read_back_is_what_was_kept(tmp_path: Path) -> None:
    store = FinishedPages(tmp_path)
    assert store.get(KEY) is None
    store.put(KEY, PAGE)
    assert FinishedPages(tmp_path).get(KEY) == PAGE
    assert (store.kept, store.hits) == (1, 0)


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],
        lambda data: data[:-3] + bytes([data[-3] ^ 1]) + data[-2:],
        lambda data: b"",
        lambda data: data.replace(b"statusgen-page 1", b"statusgen-page 2"),
    ],
    ids=["cut short", "a byte changed", "empty", "another format"],
)
def test_a_damaged_entry_is_a_miss(tmp_path: Path, damage: Callable[[bytes], bytes]) -> None:
    store = FinishedPages(tmp_path)
    store.put(KEY, PAGE)
    path = store.path(KEY)
    path.write_bytes(damage(path.read_bytes()))
    assert store.get(KEY) is None


def test_an_entry_under_another_key_is_a_miss(tmp_path: Path) -> None:
    store = FinishedPages(tmp_path)
    store.put(KEY, PAGE)
    other = KEY[:2] + "1" * 62
    os.replace(store.path(KEY), store.path(other))
    assert store.get(other) is None


def test_the_build_time_is_taken_out_of_data_built_only() -> None:
    built = "2026-11-23T12:00:00Z"
    page = f'<p data-built="{built}" data-x="1">Posted {built}</p>'
    kept = unstamped(page, built)
    assert kept == f'<p data-built="{BUILT_MARK}" data-x="1">Posted {built}</p>'
    later = "2026-11-23T13:00:00Z"
    assert stamped(kept, later) == f'<p data-built="{later}" data-x="1">Posted {built}</p>'


def test_the_store_keeps_within_its_cap(tmp_path: Path) -> None:
    store = FinishedPages(tmp_path, cap=3000)
    big = Finished("x" * 1000, [])
    keys = [f"{number:02x}" + "0" * 62 for number in range(6)]
    for number, key in enumerate(keys):
        store.put(key, big)
        os.utime(store.path(key), (1000 + number, 1000 + number))
    store.close()
    assert [store.get(key) is not None for key in keys] == [False] * 4 + [True] * 2


def test_off_when_the_caches_are(tmp_path: Path) -> None:
    assert FinishedPages.for_site(tmp_path, {"STATUSGEN_CACHE": "off"}) is None
    found = FinishedPages.for_site(tmp_path, {})
    assert found is not None and found.folder == tmp_path / PAGES_DIR
