"""The record of what was sent: a small JSON file of opaque hashes.

Each entry is the SHA-256 of a channel's name and one key of an event's `Identity`
(`identity.py`), so the file says nothing about any incident (it can live on a public branch).
Each channel also records when it was first seen (its baseline): updates posted long before
that are history, never sent on their own. `places` maps where an update was posted to the key
it had then (to tell a correction from a new update); `legacy` holds what version 1 recorded
(`<incident id>#<anchor>`), read until each entry is matched once and rewritten as keys.

Writes are batched: a run claims every message of a channel in one write before sending any
of them, and records how each ended in one write after the channel's last send. A run that
dies in between leaves what it had not confirmed claimed, and claimed is never sent again (at
most once); the next run names each such message, and `--since` sends them again.

The file is validated when read: its version, its keys (64 hexadecimal digits), every state,
and every baseline (a time, not later than the run's clock allows). A record that fails is
refused with what is wrong (`LedgerError`): a run never sends nothing silently because of it.

Runs on one machine are serialized with a lock on `<ledger>.lock`; writes go to a temporary
file that replaces the ledger at once, so a reader never sees half a file.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from statusgen.clock import iso_utc, parse_time

if TYPE_CHECKING:  # the record reads identities; loading it (`statusgen ledger`) renders nothing
    from statusgen.notify.identity import Identity

VERSION = 2
#: Versions read: 1 (keys were `<incident id>#<anchor>`) is migrated as it is read.
READ_VERSIONS = (1, 2)
CLAIMED, SENT = "claimed", "sent"
#: Refused for good by the service (a permanent 4xx): reported, never tried again.
FAILED = "failed"
#: Beyond a channel's cap: announced by that run's one digest message.
FOLDED = "folded"
#: A correction of an update already handled: recorded, not sent (see docs/operators.md).
CORRECTED = "corrected"
STATES = (CLAIMED, SENT, FAILED, FOLDED, CORRECTED)
#: How far ahead of the run's clock a recorded time may be (clocks of two machines differ).
SKEW = timedelta(minutes=5)
TOP_KEYS = ("version", "about", "channels", "entries", "places", "legacy")
_HASH = re.compile(r"[0-9a-f]{64}")
_AFRESH = "remove it to start afresh: nothing older than 30 minutes is sent then"


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
        self.places: dict[str, str] = dict(data.get("places", {}))
        self.legacy: dict[str, str] = dict(data.get("legacy", {}))
        #: What the file at `path` holds, as `text()` wrote it (None: unknown); `save` writes
        #: nothing when the record still reads the same.
        self.saved: str | None = None

    @classmethod
    def load(cls, path: Path, now: datetime | None = None) -> Ledger:
        """The ledger at `path`, validated (baselines against `now`); an empty one (every
        channel on its first run) if none."""
        if not path.exists():
            return cls(path)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise LedgerError(
                f"{path}: cannot be read ({error}); expected statusgen's notify ledger ({_AFRESH})"
            ) from None
        ledger = cls.parse(text, str(path), now)
        ledger.path = path
        ledger.saved = text
        return ledger

    @classmethod
    def parse(cls, text: str, source: str, now: datetime | None = None) -> Ledger:
        """The ledger in `text` (read from `source`, named in errors), not tied to a file;
        every value checked, baselines against `now` when given."""
        try:
            data = json.loads(text)
        except (json.JSONDecodeError, RecursionError) as error:
            raise LedgerError(
                f"{source}: cannot be read ({error}); expected statusgen's notify ledger "
                f"({_AFRESH})"
            ) from None
        fault = _fault(data, now)
        if fault:
            raise LedgerError(
                f"{source}: {fault}; refusing to send with a record that may be forged or "
                f"damaged (restore it from its branch's history, or {_AFRESH})"
            )
        if data["version"] == 1:  # its keys were event ids: read them as legacy
            data = {"channels": data.get("channels", {}), "legacy": data.get("entries", {})}
        return cls(None, data)

    def baseline(self, channel: str) -> datetime | None:
        """When the channel was first seen, or None on its first run."""
        stamp = self.channels.get(digest(channel))
        return parse_time(stamp)[0] if stamp else None

    def set_baseline(self, channel: str, now: datetime) -> None:
        """Record the channel's first run."""
        self.channels.setdefault(digest(channel), iso_utc(now))

    def unknown_channels(self, names: Iterable[str]) -> int:
        """How many channels the record has a baseline for that are not among `names`."""
        return len(set(self.channels) - {digest(name) for name in names})

    def state(self, channel: str, key: str) -> str | None:
        """The state of one key (a reminder's), or None; version 1 recorded reminders under
        the same key."""
        hashed = digest(channel, key)
        return self.entries.get(hashed) or self.legacy.get(hashed)

    def set_state(self, channel: str, key: str, state: str | None) -> None:
        """Record a key's state (None forgets it); written by the next `save`."""
        if state is None:
            self.entries.pop(digest(channel, key), None)
        else:
            self.entries[digest(channel, key)] = state

    def state_of(self, channel: str, identity: Identity) -> str | None:
        """How the event was handled on the channel (any of its keys, or what version 1
        recorded of it), or None."""
        for key in identity.keys:
            state = self.entries.get(digest(channel, key))
            if state is not None:
                return state
        return self.legacy.get(digest(channel, identity.legacy))

    def is_correction(self, channel: str, identity: Identity) -> bool:
        """True when an update was handled at the event's place and is gone: this event
        replaces it (its text was corrected)."""
        held = [self.places.get(digest(channel, place)) for place in identity.places]
        if not any(held):  # nothing was handled there (the usual case): no need to look on
            return False
        here = {digest(channel, key) for key in identity.siblings}
        return any(before is not None and before not in here for before in held)

    def record(self, channel: str, identity: Identity, state: str | None) -> None:
        """Record how the event was handled (None forgets it: the next run tries again),
        under each of its keys and places; its version 1 entry is rewritten as these."""
        for index, key in enumerate(identity.keys):
            hashed = digest(channel, key)
            if state is None:
                self.entries.pop(hashed, None)
            else:
                self.entries[hashed] = state
            if index >= len(identity.places):
                continue
            place = digest(channel, identity.places[index])
            if state in (None, FAILED):  # never delivered: a new text there is no correction
                if self.places.get(place) == hashed:
                    del self.places[place]
            else:
                self.places[place] = hashed
        if state is not None:
            self.legacy.pop(digest(channel, identity.legacy), None)

    def merge(self, other: Ledger) -> None:
        """Add what another run recorded: every hash either holds (a final state wins over
        claimed, so nothing either run sent or may have sent is sent again), and each
        channel's earlier baseline."""
        for mine, theirs in ((self.entries, other.entries), (self.legacy, other.legacy)):
            for key, state in theirs.items():
                if mine.get(key) in (None, CLAIMED):
                    mine[key] = state
        for key, value in other.places.items():
            self.places.setdefault(key, value)
        for key, stamp in other.channels.items():
            held = self.channels.get(key)
            if held is None or _when(stamp) < _when(held):
                self.channels[key] = stamp

    def text(self) -> str:
        """The file's content: sorted, so the same record is always the same bytes."""
        data: dict[str, Any] = {
            "version": VERSION,
            "about": "statusgen notify: SHA-256 hashes of what was sent; see docs/operators.md",
            "channels": dict(sorted(self.channels.items())),
            "entries": dict(sorted(self.entries.items())),
            "places": dict(sorted(self.places.items())),
        }
        if self.legacy:
            data["legacy"] = dict(sorted(self.legacy.items()))
        return json.dumps(data, indent=0) + "\n"

    def save(self) -> None:
        """Write the ledger atomically (a temporary file, then rename), unless the file
        already holds exactly this record."""
        text = self.text()
        if self.path is None or text == self.saved:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        with temporary.open("w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, self.path)
        self.saved = text


def _fault(data: Any, now: datetime | None) -> str:
    """What is wrong with a parsed record, or ""."""
    if not isinstance(data, dict):
        return "not a JSON object; expected statusgen's notify ledger"
    version = data.get("version")
    if isinstance(version, bool) or version not in READ_VERSIONS:
        known = " or ".join(str(v) for v in READ_VERSIONS)
        return f"version {version!r}; expected {known} (a newer statusgen wrote it?)"
    for key in data:
        if key not in TOP_KEYS:
            return f"unknown key {key!r}; expected {', '.join(TOP_KEYS)}"
    if not isinstance(data.get("about", ""), str):
        return "about is not text"
    states = (CLAIMED, SENT) if version == 1 else STATES
    for section in ("channels", "entries", "places", "legacy"):
        values = data.get(section, {})
        if not isinstance(values, dict):
            return f"{section} is not a mapping; expected hashes and their values"
        if version == 1 and section in ("places", "legacy") and values:
            return f"{section} in a version 1 record; expected none"
        for key, value in values.items():
            if not _HASH.fullmatch(key):
                return f"{section}: key {key[:80]!r} is not a SHA-256 hash (64 hex digits)"
            fault = _value_fault(section, value, states, now)
            if fault:
                return f"{section}[{key[:12]}…]: {fault}"
    return ""


def _value_fault(section: str, value: Any, states: tuple[str, ...], now: datetime | None) -> str:
    if section == "places":
        return "" if isinstance(value, str) and _HASH.fullmatch(value) else "not a hash"
    if section in ("entries", "legacy"):
        if value in states:
            return ""
        return f"state {repr(value)[:40]}; expected one of {', '.join(states)}"
    when, why = parse_time(value) if isinstance(value, str) else (None, "is not text")
    if when is None:
        return f"baseline {repr(value)[:40]} {why}; expected a time like 2026-11-22T14:03:00Z"
    if now is not None and when > now + SKEW:
        return (
            f"baseline {value} is after the run's time ({iso_utc(now)}); a baseline in the "
            "future silences the channel until then"
        )
    return ""


def _when(stamp: str) -> datetime:
    """A baseline's time; an unreadable one counts as the latest (the other one wins)."""
    return parse_time(stamp)[0] or datetime.max.replace(tzinfo=UTC)


@contextmanager
def locked(path: Path, now: datetime | None = None) -> Iterator[Ledger]:
    """The ledger, read (and validated against `now`) under an exclusive lock held until the
    block ends: a second run on the same machine waits, then sees what the first one sent."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "a+") as lock, _exclusive(lock.fileno()):
        yield Ledger.load(path, now)


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
