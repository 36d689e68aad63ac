"""The generated files' store (statusgen/render/keptfiles.py): a file read back is the text or
bytes kept; a damaged entry, or a page's entry, is a miss; the build's time is taken out of a
JSON value and put back, and a file holding it anywhere else is not kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from statusgen.render.finished import BUILT_MARK, Finished, FinishedPages
from statusgen.render.keptfiles import FILES_DIR, KeptFiles, stamped_file, unstamped_file

KEY = "cd" + "0" * 62
BUILT = "2026-11-23T12:00:00Z"


@pytest.mark.parametrize("content", ["é <feed/>\n", b"\x89PNG\0\xff"], ids=["text", "bytes"])
def test_a_file_read_back_is_what_was_kept(tmp_path: Path, content: str | bytes) -> None:
    store = KeptFiles(tmp_path)
    assert store.get(KEY) is None
    store.put(KEY, content)
    found = KeptFiles(tmp_path).get(KEY)
    assert found == content and type(found) is type(content)


def test_a_damaged_entry_or_a_pages_entry_is_a_miss(tmp_path: Path) -> None:
    store = KeptFiles(tmp_path)
    store.put(KEY, "text")
    path = store.path(KEY)
    data = path.read_bytes()
    for damage in (data[:-2], data[:-1] + b"X", b""):
        path.write_bytes(damage)
        assert store.get(KEY) is None
    FinishedPages(tmp_path).put(KEY, Finished("<p>page</p>", []))
    assert store.get(KEY) is None, "another format is never read as a file"


def test_the_build_time_of_a_json_value_is_put_back() -> None:
    text = json.dumps({"page": {"updated_at": BUILT}, "n": 1}, separators=(",", ":"))
    kept = unstamped_file("api/v2/summary.json", text, BUILT)
    assert kept == text.replace(BUILT, BUILT_MARK)
    later = "2026-11-23T13:00:00Z"
    assert stamped_file(kept, later) == text.replace(BUILT, later)
    data = unstamped_file("api/v2/summary.json", text.encode(), BUILT)
    assert data == text.replace(BUILT, BUILT_MARK).encode()
    assert stamped_file(data, later) == text.replace(BUILT, later).encode()


@pytest.mark.parametrize(
    ("src", "content"),
    [
        # A text quoting the time: escaped quotes, never a value of its own.
        (
            "api/v2/incidents.json",
            json.dumps({"body": f'at "{BUILT}"', "at": BUILT}, separators=(",", ":")),
        ),
        ("feed.rss", f"<item>since {BUILT}</item>"),
        ("feed.rss", f"<item>{BUILT_MARK}</item>"),
    ],
    ids=["json text", "feed text", "the mark"],
)
def test_a_file_holding_the_time_elsewhere_is_not_kept(src: str, content: str) -> None:
    assert unstamped_file(src, content, BUILT) is None
    assert unstamped_file(src, content.encode(), BUILT) is None


def test_a_file_without_the_time_is_kept_as_it_is() -> None:
    assert unstamped_file("calendar.ics", "BEGIN:VCALENDAR\r\n", BUILT) == "BEGIN:VCALENDAR\r\n"


def test_off_when_the_caches_are(tmp_path: Path) -> None:
    assert KeptFiles.for_site(tmp_path, {"STATUSGEN_CACHE": "off"}) is None
    found = KeptFiles.for_site(tmp_path, {})
    assert found is not None and found.folder == tmp_path / FILES_DIR
