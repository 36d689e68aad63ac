"""Generated files kept between builds (issue 22): the feeds, the calendar, the JSON API, the
archive's index files, the badges, the reports' files and the day files are made again by
every build although, for the same inputs, they are the same but for the build's time. The
plugin decides what a file reads and so its key (`plugin/pagecache.PageCache.made`, with
`render/pagereads.file_key`); this module keeps entries, as `render/finished.py` keeps pages.

- **Entry**: the file as the build wrote it (text or bytes), with the build's time replaced by
  `finished.BUILT_MARK` where the file says when it was built: a JSON value that is the
  build's time (`iso_utc`, as the API's `updated_at` writes it). A file holding the build's
  time anywhere else (an incident's text may quote any time) is not kept.
- **Place**: `.cache/statusgen/files/` beside mkdocs.yml; `STATUSGEN_CACHE=off` turns it off.
- Entries check themselves, are written atomically and kept under a cap as the finished
  pages' are (`finished.EntryStore`).
"""

from __future__ import annotations

from typing import cast

from statusgen.render import rendercache
from statusgen.render.finished import BUILT_MARK, EntryStore, stamped

#: Where generated files live, relative to the folder of mkdocs.yml.
FILES_DIR = rendercache.CACHE_DIR / "files"
_TEXT, _BYTES = b"t", b"b"
#: A file's content, as a `Maker` gives it.
Content = str | bytes


class KeptFiles(EntryStore):
    """The generated files of one site."""

    magic = b"statusgen-file 1"
    place = FILES_DIR

    def get(self, key: str) -> Content | None:
        """The file of `key` (with `BUILT_MARK`), or None when there is none or it fails
        its check."""
        return cast(Content | None, self.read(key, _parse))  # mypy joins str and bytes

    def put(self, key: str, content: str | bytes) -> None:
        """Keep a file (with `BUILT_MARK`); written whole or not at all."""
        if isinstance(content, str):
            self.write(key, _TEXT + content.encode("utf-8"))
        else:
            self.write(key, _BYTES + content)


def _parse(body: bytes, key: str) -> Content | None:
    kind, content = body[:1], body[1:]
    if kind == _TEXT:
        return content.decode("utf-8")
    return content if kind == _BYTES else None


def unstamped_file(src: str, content: str | bytes, built: str) -> str | bytes | None:
    """A file as an entry keeps it: in a JSON file, every value that is the build's time
    (`built`, `iso_utc`) replaced by `BUILT_MARK` (a quote in a JSON string is escaped, so
    `":"<time>"` is a value, never a text); None for a file that holds the build's time
    anywhere else, or holds the mark."""
    if isinstance(content, str):
        found = _unstamped(src, content.encode("utf-8"), built)
        return found.decode("utf-8") if found is not None else None
    return _unstamped(src, content, built)


def _unstamped(src: str, data: bytes, built: str) -> bytes | None:
    mark, time = BUILT_MARK.encode(), built.encode()
    if mark in data:
        return None
    if src.endswith(".json"):
        data = data.replace(b'":"' + time + b'"', b'":"' + mark + b'"')
    return None if time in data else data


def stamped_file(content: str | bytes, built: str) -> str | bytes:
    """A kept file with the build's time (`iso_utc`) put in (`finished.stamped` for text)."""
    if isinstance(content, str):
        return stamped(content, built)
    return content.replace(BUILT_MARK.encode(), built.encode())
