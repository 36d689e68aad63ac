"""The record of what was sent: a small JSON file of opaque hashes.

Each entry is the SHA-256 of a channel's name and an update's id, so the file says nothing
about any incident (it can live on a public branch). Each channel also records when it was
first seen (its baseline): updates posted long before that are history, never sent on their
own. An update is claimed (written to disk) before it is sent and marked sent after: a run that
dies in between leaves it claimed and never sends it again (at most once). A send that fails
releases its claim, so the next run tries again.

Runs on one machine are serialized with a lock on `<ledger>.lock`; writes go to a temporary
file that replaces the ledger at once, so a reader never sees half a file.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from statusgen.clock import iso_utc, parse_time

VERSION = 1
CLAIMED, SENT = "claimed", "sent"


class LedgerError(Exception):
    """The ledger file cannot be read; the message says why and what to do."""


def digest(*parts: str) -> str:
    """The opaque key of a channel, or of a channel and an update."""
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


class Ledger:
    """What was sent to which channel, as hashes; `save()` writes it atomically."""

    def __init__(self, path: Path | None, data: dict[str, Any] | None = None) -> None:
        self.path = path
        data = data or {}
        self.channels: dict[str, str] = dict(data.get("channels", {}))
        self.entries: dict[str, str] = dict(data.get("entries", {}))

    @classmethod
    def load(cls, path: Path) -> Ledger:
        """The ledger at `path`; an empty one (every channel on its first run) if none."""
        if not path.exists():
            return cls(path)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise LedgerError(
                f"{path}: cannot be read ({error}); expected statusgen's notify ledger "
                "(remove it to start afresh: nothing older than 30 minutes is sent then)"
            ) from None
        ledger = cls.parse(text, str(path))
        ledger.path = path
        return ledger

    @classmethod
    def parse(cls, text: str, source: str) -> Ledger:
        """The ledger in `text` (read from `source`, named in errors), not tied to a file."""
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise LedgerError(
                f"{source}: cannot be read ({error}); expected statusgen's notify ledger "
                "(remove it to start afresh: nothing older than 30 minutes is sent then)"
            ) from None
        valid = isinstance(data, dict) and data.get("version") == VERSION
        if not valid or not all(
            isinstance(data.get(key, {}), dict) for key in ("channels", "entries")
        ):
            raise LedgerError(f"{source}: not a version {VERSION} notify ledger")
        return cls(None, data)

    def baseline(self, channel: str) -> datetime | None:
        """When the channel was first seen, or None on its first run."""
        stamp = self.channels.get(digest(channel))
        return parse_time(stamp)[0] if stamp else None

    def set_baseline(self, channel: str, now: datetime) -> None:
        """Record the channel's first run."""
        self.channels.setdefault(digest(channel), iso_utc(now))

    def state(self, channel: str, update_id: str) -> str | None:
        """CLAIMED, SENT, or None."""
        return self.entries.get(digest(channel, update_id))

    def claim(self, channel: str, update_id: str) -> None:
        """Before sending: saved at once."""
        self.entries[digest(channel, update_id)] = CLAIMED
        self.save()

    def sent(self, channel: str, update_id: str) -> None:
        """After a send succeeded: saved at once."""
        self.entries[digest(channel, update_id)] = SENT
        self.save()

    def release(self, channel: str, update_id: str) -> None:
        """After a send failed: the next run tries again."""
        self.entries.pop(digest(channel, update_id), None)
        self.save()

    def merge(self, other: Ledger) -> None:
        """Add what another run recorded: every hash either holds (sent wins over claimed,
        so nothing either run sent or may have sent is sent again), and each channel's
        earlier baseline."""
        for key, state in other.entries.items():
            mine = self.entries.get(key)
            self.entries[key] = SENT if SENT in (mine, state) else state
        for key, stamp in other.channels.items():
            mine = self.channels.get(key)
            if mine is None or _when(stamp) < _when(mine):
                self.channels[key] = stamp

    def text(self) -> str:
        """The file's content: sorted, so the same record is always the same bytes."""
        data = {
            "version": VERSION,
            "about": "statusgen notify: SHA-256 hashes of what was sent; see docs/operators.md",
            "channels": dict(sorted(self.channels.items())),
            "entries": dict(sorted(self.entries.items())),
        }
        return json.dumps(data, indent=0) + "\n"

    def save(self) -> None:
        """Write the ledger atomically (a temporary file, then rename)."""
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        with temporary.open("w", encoding="utf-8") as handle:
            handle.write(self.text())
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, self.path)


def _when(stamp: str) -> datetime:
    """A baseline's time; an unreadable one counts as the latest (the other one wins)."""
    return parse_time(stamp)[0] or datetime.max.replace(tzinfo=UTC)


@contextmanager
def locked(path: Path) -> Iterator[Ledger]:
    """The ledger, read under an exclusive lock held until the block ends: a second run on the
    same machine waits, then sees what the first one sent."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "a+") as lock, _exclusive(lock.fileno()):
        yield Ledger.load(path)


@contextmanager
def _exclusive(descriptor: int) -> Iterator[None]:
    """An exclusive lock on an open file, waiting for it: `flock` on POSIX, `msvcrt.locking`
    on Windows (imported where used, so no platform's module loads on the other)."""
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        os.lseek(descriptor, 0, os.SEEK_SET)
        while True:
            try:
                msvcrt.locking(descriptor, msvcrt.LK_LOCK, 1)
                break
            except OSError:  # LK_LOCK gives up after 10 s; a long run elsewhere: wait on
                continue
        try:
            yield
        finally:
            os.lseek(descriptor, 0, os.SEEK_SET)
            msvcrt.locking(descriptor, msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(descriptor, fcntl.LOCK_EX)
    try:
        yield
    finally:
        fcntl.flock(descriptor, fcntl.LOCK_UN)
