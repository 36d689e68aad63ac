"""What responders' texts rendered to, kept on disk so each text is rendered once per build and,
while it is unchanged, not again in the next build or `statusgen check`.

The pre-flight (`render/preflight.py`) is the only writer: it stores a text's sanitized HTML
only after the text passed every budget of a text, so nothing over a budget is ever in the
cache. Pages, feeds and the calendar then read the HTML back instead of rendering again.

- **Key**: SHA-256 of the text and of everything that changes its HTML (`FINGERPRINT`:
  statusgen's version, Python-Markdown's and nh3's, the responders' extensions and their
  configuration, and the source of `markup.py` and `sanitize.py`, which hold the sanitizer's
  settings): a new version or setting never reads an old entry.
- **Place**: `.cache/statusgen/` beside mkdocs.yml (Material's convention for its own caches);
  `STATUSGEN_CACHE=off` (or `0`, `false`, `no`) keeps it in a temporary folder that lives
  as long as the build or the check instead.
- **Entries check themselves**: each holds its key and the SHA-256 of its HTML; a truncated,
  altered or unreadable entry is a miss (rendered again and rewritten), never published.
- **Concurrent builds**: an entry is written to a temporary file in its folder, then moved
  into place with `os.replace` (atomic), so a reader sees a whole entry or none.
- **Bounded**: past `CACHE_BYTES`, the least recently used entries (by modification time,
  which a read refreshes) are removed when the cache is closed.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from types import TracebackType
from typing import TypeVar

from statusgen import __version__
from statusgen.content.files import make_cache_folder, write_whole
from statusgen.content.parsecache import CACHE_ENV as CACHE_ENV  # its one home; read here too
from statusgen.content.parsecache import caches_usable
from statusgen.render import inlineskip, markup, sanitize
from statusgen.render.markup import Rendered

T = TypeVar("T")

#: Where the cache lives, relative to the folder of mkdocs.yml.
CACHE_DIR = Path(".cache") / "statusgen"
#: The cache's cap in bytes of entries: about 4 times what 10,000 incidents of the benchmark's
#: corpus render to, so one site never evicts what its own build reads.
CACHE_BYTES = 256 * 1024 * 1024
#: Past the cap, the oldest entries go until the cache is below this share of it.
TRIM_TO = 0.8
#: A read refreshes an entry's time only when it is older than this (seconds): least recently
#: used to the hour, without a write per read.
TOUCH_AFTER = 3600.0
#: Temporary files of a writer that died are removed after this long (seconds).
STALE_TEMPORARY = 3600.0
_MAGIC = b"statusgen-render 1"
_TEMPORARY_PREFIX = ".tmp-"
#: A sub-folder of the earlier layout (two hex digits of the keys).
_EARLIER_SHARD = re.compile(r"[0-9a-f]{2}")
_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# statusgen's render cache (https://bford.info/cachedir/); safe to delete.\n"
)


def _fingerprint() -> str:
    """Everything besides the text that decides its HTML, as one digest."""
    parts = [
        f"statusgen {__version__}",
        f"markdown {metadata.version('markdown')}",
        f"nh3 {metadata.version('nh3')}",
        repr(markup.RESPONDER_EXTENSIONS),
        repr(sorted(markup.RESPONDER_EXTENSION_CONFIGS.items())),
    ]
    digest = hashlib.sha256("\n".join(parts).encode())
    for module in (markup, inlineskip, sanitize):  # extensions, inline step, sanitizer
        digest.update(Path(str(module.__file__)).read_bytes())
    return digest.hexdigest()


FINGERPRINT = _fingerprint()


class RenderCache:
    """The render cache of one site (or a temporary one); one instance serves a build or a
    check. Every failure of the file system makes it a miss: the cache can only save time."""

    def __init__(self, folder: Path, cap: int = CACHE_BYTES) -> None:
        self.folder = folder
        self.cap = cap
        self.started = time.time()
        self.written = 0
        self._temporary: tempfile.TemporaryDirectory[str] | None = None
        #: The folder, its tag and its .gitignore are there (checked once per cache).
        self._made = False
        #: The sub-folders known to be there (each made once per cache).
        self._shards: set[Path] = set()

    @classmethod
    def for_site(cls, root: Path, environ: dict[str, str] | None = None) -> RenderCache:
        """The cache beside the site's mkdocs.yml in `root`, or a temporary one when
        `STATUSGEN_CACHE` turns it off or the repository commits a cache."""
        if not caches_usable(root, environ):
            return cls.temporary()
        return cls(root / CACHE_DIR)

    @classmethod
    def temporary(cls) -> RenderCache:
        """A cache that lives until `close()`: the build still renders each text once."""
        holder = tempfile.TemporaryDirectory(prefix="statusgen-render-")
        cache = cls(Path(holder.name))
        cache._temporary = holder
        return cache

    @staticmethod
    def key(text: str) -> str:
        """The entry's name: the digest of the text under this version's `FINGERPRINT`."""
        return hashlib.sha256(f"{FINGERPRINT}\0{text}".encode()).hexdigest()

    def path(self, key: str) -> Path:
        """Where an entry lives (`entry_path`)."""
        return entry_path(self.folder, key)

    def get(self, text: str) -> Rendered | None:
        """The stored rendering of `text`, or None when there is none or it fails its check."""
        key = self.key(text)
        return read_entry(self.path(key), self.started, lambda data: _parse(data, key))

    def put(self, text: str, rendered: Rendered) -> None:
        """Store a rendering that passed every budget; written whole or not at all."""
        key = self.key(text)
        path = self.path(key)
        body = rendered.html.encode("utf-8")
        data = entry(_MAGIC, key, body, repr(rendered.seconds).encode())
        try:
            if not self._made:
                make_cache_folder(self.folder)
                tag = self.folder / "CACHEDIR.TAG"
                if not tag.is_file():
                    tag.write_text(_TAG, encoding="utf-8")
                self._made = True
            if path.parent not in self._shards:
                path.parent.mkdir(exist_ok=True)
                self._shards.add(path.parent)
            write_whole(path, data, _TEMPORARY_PREFIX)
        except OSError:
            return  # a read-only or full disk: the build renders what it cannot find
        self.written += len(data)

    def close(self) -> None:
        """Keep the cache under its cap (when this run wrote to it); remove a temporary one."""
        if self._temporary is not None:
            self._temporary.cleanup()
            self._temporary = None
        elif self.written:
            trim(self.folder, self.cap)
            self.written = 0

    def __enter__(self) -> RenderCache:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def entry_path(folder: Path, key: str) -> Path:
    """Where the entry of `key` (a hex digest) lives in `folder`: in one of 16 sub-folders, by
    the key's first digit, so no folder holds every entry, while a cold build makes 16 folders
    per store, not 256 (making a folder costs about as much as writing an entry). Entries of
    the earlier layout (256 sub-folders, by two digits) are never read; the next `trim`
    removes them."""
    return folder / key[:1] / key[1:]


def read_entry(path: Path, started: float, parse: Callable[[bytes], T | None]) -> T | None:
    """The entry at `path` as `parse` reads it, or None when there is none or it fails its
    check. One found and not touched for `TOUCH_AFTER` is touched: the cap drops the entries
    least recently used first."""
    try:
        with path.open("rb") as entry:
            data = entry.read()
            modified = os.fstat(entry.fileno()).st_mtime
        found = parse(data)
        if found is not None and modified < started - TOUCH_AFTER:
            os.utime(path)
    except (OSError, ValueError):
        return None
    return found


def entry(magic: bytes, key: str, body: bytes, *extra: bytes) -> bytes:
    """A cache entry: one header line (`magic`, `key`, the body's SHA-256, `extra` fields),
    then the body; `entry_body` reads it back."""
    digest = hashlib.sha256(body).hexdigest().encode()
    return b" ".join((magic, key.encode(), digest, *extra)) + b"\n" + body


def entry_body(
    data: bytes, magic: bytes, key: str, extra: int = 0
) -> tuple[list[bytes], bytes] | None:
    """An entry's `extra` header fields and body, or None unless it is whole and of `key`."""
    header, newline, body = data.partition(b"\n")
    fields = header.split(b" ")
    if not newline or len(fields) != 4 + extra or b" ".join(fields[:2]) != magic:
        return None
    if fields[2] != key.encode() or fields[3] != hashlib.sha256(body).hexdigest().encode():
        return None
    return fields[4:], body


def _parse(data: bytes, key: str) -> Rendered | None:
    """An entry's rendering if it is whole and is the entry of `key`."""
    found = entry_body(data, _MAGIC, key, extra=1)
    if found is None:
        return None
    (seconds_field,), body = found
    seconds = float(seconds_field)
    return Rendered(body.decode("utf-8"), seconds) if seconds >= 0 else None


def trim(folder: Path, cap: int) -> None:
    """Remove the least recently used entries until the cache holds at most `TRIM_TO` of
    `cap` bytes, temporary files that a writer left behind, and the entries of the earlier
    layout (`entry_path`), never read again. Safe while others read and write: an entry
    removed under a reader is a miss."""
    entries: list[tuple[float, int, str]] = []
    now = time.time()
    try:
        shards = [entry.path for entry in os.scandir(folder) if entry.is_dir()]
    except OSError:
        return
    for shard in shards:
        try:
            files = list(os.scandir(shard))
        except OSError:
            continue
        earlier = _EARLIER_SHARD.fullmatch(os.path.basename(shard)) is not None
        for entry in files:
            if earlier:
                _remove(entry.path)
                continue
            try:
                stat = entry.stat()
            except OSError:
                continue
            if entry.name.startswith(_TEMPORARY_PREFIX):
                if stat.st_mtime < now - STALE_TEMPORARY:
                    _remove(entry.path)
                continue
            entries.append((stat.st_mtime, stat.st_size, entry.path))
        if earlier:
            with contextlib.suppress(OSError):
                os.rmdir(shard)
    total = sum(size for _, size, _ in entries)
    if total <= cap:
        return
    for _, size, path in sorted(entries):
        if total <= cap * TRIM_TO:
            break
        _remove(path)
        total -= size


def _remove(path: str) -> None:
    try:
        os.remove(path)
    except OSError:
        pass
