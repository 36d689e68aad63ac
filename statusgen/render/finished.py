"""Finished generated pages kept between builds, so a page whose inputs did not change is
copied instead of made again: its body, the theme around it and the plugin's last touches
(issue 22). The plugin decides what a page reads and so its key (`plugin/pagecache.py`); this
module only keeps entries.

- **Entry**: the page as the build wrote it, with the build's time (`data-built`, the one
  place a page that is otherwise the same differs from one build to the next) replaced by
  `BUILT_MARK`, and the search index's entries the page added, as JSON.
- **Place**: `.cache/statusgen/pages/` beside mkdocs.yml, beside the render cache;
  `STATUSGEN_CACHE=off` turns it off (the build then makes every page).
- **Entries check themselves**: each holds its key and the SHA-256 of the rest; a truncated,
  altered or unreadable entry is a miss (the page is made again and the entry rewritten),
  never published.
- **Atomic and bounded**: written to a temporary file moved into place (`os.replace`); past
  `CACHE_BYTES`, the least recently used entries go when the build ends
  (`rendercache.trim`).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Self, TypeVar

from statusgen.content.files import make_cache_folder, write_whole
from statusgen.content.parsecache import caches_usable
from statusgen.render import rendercache

#: Where finished pages live, relative to the folder of mkdocs.yml.
PAGES_DIR = rendercache.CACHE_DIR / "pages"
#: The cap in bytes of entries: about 8 times what 1,000 incidents' pages of the benchmark's
#: corpus take in both audiences.
CACHE_BYTES = 512 * 1024 * 1024
#: What stands in an entry where the build's time goes (a NUL: no page text holds one).
BUILT_MARK = "\0built\0"
_MAGIC = b"statusgen-page 1"
T = TypeVar("T")


def stamped(html: str, built: str) -> str:
    """A page of an entry with the build's time (`iso_utc`) put in."""
    return html.replace(BUILT_MARK, built)


def unstamped(html: str, built: str) -> str:
    """A finished page with the build's time (`iso_utc`) taken out, as an entry keeps it:
    the value of every `data-built` attribute the build wrote (statusgen writes it; the
    sanitizer lets no incident text write one)."""
    return html.replace(f' data-built="{built}"', f' data-built="{BUILT_MARK}"')


@dataclass(frozen=True)
class Finished:
    """A kept page: its HTML (with `BUILT_MARK`) and its search index entries."""

    html: str
    search: list[dict[str, Any]]


class EntryStore:
    """Entries kept beside one site, one instance serving a build: the finished pages' and
    the generated files' (`render/keptfiles.py`). Every failure of the file system makes it
    a miss: the cache can only save time."""

    #: The first field of every entry's header.
    magic = _MAGIC
    #: Where the entries live, relative to the folder of mkdocs.yml.
    place = PAGES_DIR

    def __init__(self, folder: Path, cap: int = CACHE_BYTES) -> None:
        self.folder = folder
        self.cap = cap
        self.started = time.time()
        self.written = 0
        #: Entries read and entries written by this build.
        self.hits = 0
        self.kept = 0
        #: The sub-folders known to be there (each made once per build).
        self._shards: set[Path] = set()

    @classmethod
    def for_site(cls, root: Path, environ: dict[str, str] | None = None) -> Self | None:
        """The entries beside the site's mkdocs.yml in `root`; None when `STATUSGEN_CACHE`
        turns the caches off or the repository commits a cache."""
        return cls(root / cls.place) if caches_usable(root, environ) else None

    def path(self, key: str) -> Path:
        """Where an entry lives (16 sub-folders, as the render cache's)."""
        return rendercache.entry_path(self.folder, key)

    def read(self, key: str, parse: Callable[[bytes, str], T | None]) -> T | None:
        """The entry of `key` as `parse` reads its body, or None (none, or not whole)."""

        def body(data: bytes) -> T | None:
            found = rendercache.entry_body(data, self.magic, key)
            return parse(found[1], key) if found is not None else None

        found = rendercache.read_entry(self.path(key), self.started, body)
        if found is not None:
            self.hits += 1
        return found

    def write(self, key: str, body: bytes) -> None:
        """Keep an entry's body under `key`; written whole or not at all."""
        data = rendercache.entry(self.magic, key, body)
        path = self.path(key)
        try:
            if not self._shards:
                make_cache_folder(self.folder)
            if path.parent not in self._shards:
                path.parent.mkdir(exist_ok=True)
                self._shards.add(path.parent)
            write_whole(path, data, ".tmp-")
        except OSError:
            return  # a read-only or full disk: the next build makes it again
        self.written += len(data)
        self.kept += 1

    def close(self) -> None:
        """Keep the entries under their cap (when this build wrote some)."""
        if self.written:
            rendercache.trim(self.folder, self.cap)
            self.written = 0


class FinishedPages(EntryStore):
    """The finished pages of one site."""

    def get(self, key: str) -> Finished | None:
        """The entry of `key`, or None when there is none or it fails its check."""
        return self.read(key, _parse)

    def put(self, key: str, page: Finished) -> None:
        """Keep a finished page; written whole or not at all."""
        body = json.dumps(page.search, ensure_ascii=False).encode() + b"\n"
        self.write(key, body + page.html.encode("utf-8"))


def _parse(body: bytes, key: str) -> Finished | None:
    """An entry's page, or None when its body is not a page's."""
    search, newline, html = body.partition(b"\n")
    entries = json.loads(search)
    if not newline or not isinstance(entries, list):
        return None
    return Finished(html.decode("utf-8"), entries)
