"""Valid incidents kept between runs, so an unchanged incident file is not read and validated
again by the next build or `statusgen check` (issue 22: at 10,000 incidents, reading and
validating is most of the load).

- **What is kept**: only incidents that passed every rule, with the file's `stat` at the time
  (size, modification and change times in nanoseconds) and the `now` they were checked at. A
  file with a problem is never kept, so every problem is found by reading the file again.
- **When an entry is used**: the file's size and both times are the same, the run's `now` is
  not earlier than the entry's (a time in the future is a problem), and the whole cache was
  written by the same statusgen code (`FINGERPRINT`: the source of the content readers and the
  model, the YAML and front-matter libraries' versions) for the same components.yml (its
  components, as loaded). A change time cannot be set by a file's writer, so a cache that came
  from elsewhere (committed, restored by CI from another checkout) matches no file.
- **Racy files**: a file changed in the two seconds before the run (by the file system's clock,
  not the machine's) is not kept (its times may not tell two writes apart on a file system with
  coarse times), as git does for its index.
- **Place**: `.cache/statusgen-content/incidents.json` beside mkdocs.yml; JSON, never pickle
  (the folder is in a pull request's reach). `STATUSGEN_CACHE=off` turns it off. Any damage
  (unreadable, not JSON, an entry of the wrong shape) is a miss, never an error.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import gc
import hashlib
import json
import operator
import os
import subprocess
import tempfile
import types
import typing
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import cached_property
from importlib import metadata
from pathlib import Path
from types import MappingProxyType
from typing import Any

from statusgen import __version__, clock, model, problems
from statusgen.content.files import make_cache_folder, write_whole
from statusgen.model import Catalog, Incident

#: The environment variable that turns statusgen's caches off (`0`, `off`, `false`, `no`).
CACHE_ENV = "STATUSGEN_CACHE"
_OFF = {"0", "off", "false", "no"}
#: Where the cache lives, relative to the folder of mkdocs.yml.
CACHE_FILE = Path(".cache") / "statusgen-content" / "incidents.json"
#: Files changed this recently (seconds) before the run are read but not kept.
RACY_SECONDS = 2.0
_FORMAT = 1


def cache_off(environ: Mapping[str, str] | None = None) -> bool:
    """True when `STATUSGEN_CACHE` turns statusgen's caches off."""
    value = (os.environ if environ is None else environ).get(CACHE_ENV, "")
    return value.strip().lower() in _OFF


@functools.cache
def committed_caches(root: Path) -> tuple[str, ...]:
    """The files under the site's `.cache/` that its git repository tracks (none outside a
    repository, or without git). A cache that came with the checkout is not statusgen's own:
    a pull request could plant in it HTML or verdicts no check has seen, so statusgen's caches
    are not used while any is committed (`statusgen check` says so)."""
    try:
        listed = subprocess.run(
            ["git", "-C", str(root), "ls-files", "-z", "--", ".cache"],
            capture_output=True,
            check=False,
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError):
        return ()
    if listed.returncode != 0:  # not a repository
        return ()
    return tuple(
        sorted(name for name in listed.stdout.decode("utf-8", "replace").split("\0") if name)
    )


def committed_cache_problems(root: Path, label: Callable[[Path], str]) -> list[problems.Problem]:
    """A problem for each committed cache file: a pull request must not bring one."""
    return [
        problems.Problem(
            label(root / name),
            0,
            "a cache file is committed; expected .cache/ to stay out of git (`git rm -r --cached "
            ".cache`): a committed cache could bring HTML no check has seen, so statusgen does "
            "not use its caches while one is",
        )
        for name in committed_caches(root)
    ]


def caches_usable(root: Path, environ: Mapping[str, str] | None = None) -> bool:
    """True unless `STATUSGEN_CACHE` turns the caches off or the repository commits some."""
    return not cache_off(environ) and not committed_caches(root)


def _fingerprint() -> str:
    """Everything besides a file's text and the components that decides what it loads to."""
    digest = hashlib.sha256(
        "\n".join(
            [
                f"format {_FORMAT}",
                f"statusgen {__version__}",
                f"pyyaml {metadata.version('pyyaml')}",
                f"python-frontmatter {metadata.version('python-frontmatter')}",
            ]
        ).encode()
    )
    here = Path(__file__).parent
    sources = sorted(here.glob("*.py")) + [
        Path(str(module.__file__)) for module in (model, clock, problems)
    ]
    for source in sources:
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()


FINGERPRINT = _fingerprint()

# -- the model as JSON ------------------------------------------------------------------------
# A kept incident is a list of its fields' values in the order of `dataclasses.fields`; each
# field is written and read by its type in the model, so an entry cannot make anything else.

Codec = tuple[Callable[[Any], Any], Callable[[Any], Any]]


def _same(kind: type[Any]) -> Codec:
    def read(data: object) -> object:
        if type(data) is not kind:
            raise TypeError(f"expected {kind.__name__}")
        return data

    return _identity, read


def _identity(value: object) -> object:
    return value


def _write_time(moment: datetime) -> str:
    if moment.tzinfo is not UTC:
        raise TypeError("a time not in UTC")
    return moment.isoformat()


def _read_time(data: str) -> datetime:
    moment = datetime.fromisoformat(data)
    if moment.tzinfo is not UTC:
        raise ValueError("a time not in UTC")
    return moment


def codec(hint: Any) -> Codec:
    """How a value of the type `hint` (a type of the model) is written as JSON data and read
    back; TypeError for a type the model does not use."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint in (str, int, bool, float):
        return _same(hint)
    if hint is datetime:
        return _write_time, _read_time
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return operator.attrgetter("value"), hint._value2member_map_.__getitem__
    if origin in (typing.Union, types.UnionType) and len(args) == 2 and type(None) in args:
        write, read = codec(next(a for a in args if a is not type(None)))
        return (
            lambda value: None if value is None else write(value),
            lambda data: None if data is None else read(data),
        )
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        write, read = codec(args[0])
        return (
            lambda value: [write(item) for item in value],
            lambda data: tuple([read(item) for item in data]),
        )
    if origin is frozenset and args == (str,):
        return sorted, lambda data: frozenset([_same(str)[1](item) for item in data])
    if origin is Mapping and args[0] is str:
        write, read = codec(args[1])
        return (
            lambda value: {key: write(item) for key, item in value.items()},
            lambda data: MappingProxyType({str(k): read(v) for k, v in data.items()}),
        )
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return _class_codec(hint)
    raise TypeError(f"statusgen cannot keep a {hint!r}")


def _class_codec(cls: type[Any]) -> Codec:
    hints = typing.get_type_hints(cls)
    fields = dataclasses.fields(cls)
    if not all(f.init for f in fields):
        raise TypeError(f"{cls.__name__} has fields its constructor does not take")
    values = operator.attrgetter(*(f.name for f in fields))
    codecs = [codec(hints[f.name]) for f in fields]
    writers = [write for write, _ in codecs]
    readers = [read for _, read in codecs]
    count = len(codecs)

    def write(value: Any) -> list[Any]:
        return [writer(item) for writer, item in zip(writers, values(value), strict=True)]

    def read(data: Any) -> Any:
        if type(data) is not list or len(data) != count:
            raise TypeError(f"expected the {count} fields of {cls.__name__}")
        return cls(*[reader(item) for reader, item in zip(readers, data, strict=True)])

    return write, read


def _unkept(value: object) -> object:
    raise TypeError("the model holds a type this cache cannot keep")


def _incident_codec() -> Codec:
    """The incident's codec; one that keeps nothing if the model holds a type `codec` does not
    know (a new field's): every file is then read, as without the cache."""
    try:
        return codec(Incident)
    except TypeError:
        return _unkept, _unkept


#: Writes an incident as JSON data, and reads it back.
encode_incident, decode_incident = _incident_codec()


@contextmanager
def gc_paused() -> Iterator[None]:
    """Python's cycle collector paused while many objects that hold no cycles are made (the
    cache's JSON read back, incidents read): the collector would otherwise walk every one of
    them again and again (3 to 5 times the time of the JSON decoding itself at 10,000
    incidents). Garbage is still freed as it is made; only cycles wait for the end."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# -- the cache --------------------------------------------------------------------------------
def stat_key(path: Path) -> list[int] | None:
    """What must be the same for a file's entry to be used, or None if it cannot be read."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return [stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns]


def catalog_key(catalog: Catalog) -> str:
    """The digest of the components as loaded (an incident's checks read them)."""
    return hashlib.sha256(repr(catalog.groups).encode()).hexdigest()


class ParseCache:
    """The cache of one site for one load; `get` before reading a file, `put` after it passed."""

    def __init__(
        self, path: Path | None, catalog: Catalog, now: datetime, languages: tuple[str, ...] = ()
    ) -> None:
        #: None: a cache that keeps nothing (turned off).
        self.path = path
        #: The components as loaded and the site's languages: what a file is read against.
        self.catalog = catalog_key(catalog) + (" " + " ".join(languages) if languages else "")
        self.now = now
        self.old: dict[str, Any] = self._read() if path is not None else {}
        self.new: dict[str, list[Any]] = {}
        self.changed = False

    @classmethod
    def for_site(
        cls,
        root: Path,
        catalog: Catalog,
        now: datetime,
        environ: Mapping[str, str] | None = None,
        languages: tuple[str, ...] = (),
    ) -> ParseCache:
        """The cache beside the site's mkdocs.yml, or one that keeps nothing when off."""
        usable = caches_usable(root, environ)
        return cls(root / CACHE_FILE if usable else None, catalog, now, languages)

    def _read(self) -> dict[str, Any]:
        assert self.path is not None
        try:
            with gc_paused():
                data = json.loads(self.path.read_bytes())
        except (OSError, ValueError):
            return {}
        if (
            not isinstance(data, dict)
            or data.get("fingerprint") != FINGERPRINT
            or data.get("catalog") != self.catalog
            or not isinstance(data.get("entries"), dict)
        ):
            return {}
        entries: dict[str, Any] = data["entries"]
        return entries

    def get(self, label: str, path: Path) -> tuple[Incident | None, list[int] | None]:
        """The kept incident of a file (or None) and the file's `stat_key` (for `put`)."""
        key = stat_key(path)
        entry = self.old.get(label)
        if key is None or not isinstance(entry, list) or len(entry) != 3 or entry[0] != key:
            return None, key
        try:
            checked_at = _read_time(entry[1])
            incident = decode_incident(entry[2]) if checked_at <= self.now else None
        except (KeyError, TypeError, ValueError, AttributeError):
            incident = None
        if not isinstance(incident, Incident) or incident.path != label:
            return None, key
        self.new[label] = entry
        return incident, key

    def put(self, label: str, key: list[int] | None, incident: Incident) -> None:
        """Keep an incident that passed every rule, read from a file of `key`."""
        if self.path is None or key is None:
            return
        started = self._started_ns
        if started is None:
            return
        racy = started - int(RACY_SECONDS * 1e9)
        if key[1] >= racy or key[2] >= racy:
            return
        try:
            data = encode_incident(incident)
        except TypeError:
            return
        self.new[label] = [key, self.now.isoformat(), data]
        self.changed = True

    @cached_property
    def _started_ns(self) -> int | None:
        """The file system's time now, the change time of a file made in the cache's folder
        (None when none can be made: nothing is kept then). File times are compared with file
        times, as git does, never with the machine's clock, which may differ from the file
        system's (a network share, a clock moved by hand or by libfaketime)."""
        assert self.path is not None
        try:
            make_cache_folder(self.path.parent)
            with tempfile.TemporaryFile(dir=self.path.parent, prefix=".now-") as probe:
                return os.fstat(probe.fileno()).st_ctime_ns
        except OSError:
            return None

    def save(self) -> None:
        """Write the entries this load used or made, when any differ from what was read
        (whole or not at all; a read-only or full disk only loses the time)."""
        if self.path is None or not (self.changed or self.new.keys() != self.old.keys()):
            return
        data = {
            "fingerprint": FINGERPRINT,
            "catalog": self.catalog,
            "entries": dict(sorted(self.new.items())),
        }
        try:
            with gc_paused():
                text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
            make_cache_folder(self.path.parent)
            write_whole(self.path, text)
        except OSError:
            return
