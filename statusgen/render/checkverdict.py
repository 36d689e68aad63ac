"""`statusgen check`'s verdict on the whole site, kept between runs, so a check of a site
whose inputs did not change prints what the last one printed without loading, deriving or
making anything (issue 22: pre-commit and a pull request's second run).

- **Key**: SHA-256 of every input the check reads: mkdocs.yml and the components file (their
  bytes), every incident file (its path as problems name it, and its bytes), what lies in
  docs_dir (each path and where it leads: the check compares paths only), the templates
  folder, the schemas/ copies and the theme's custom_dir (each file's path and bytes), the
  probe history; the
  options and mkdocs.yml's settings as read (an `!ENV` value included), the site's layout
  (its root, folders, languages, and how paths are printed); and `FINGERPRINT`: statusgen's
  source (code, templates, locales), Python's version and every installed distribution's
  name and version.
- **Window**: the check's time matters only through what derived state it gives, so a pass
  at `now` holds until the next moment that state may change (`derive/window.py`: an update
  or a maintenance's start or end comes due, an estimate passes, the day changes for the
  uptime bars, a raw probe ages out). A later check with the same key at a time in
  [`now`, until) prints the same lines and warnings and exits 0.
- **Only passes are kept**: a check that finds a problem keeps nothing, so every problem is
  found again. A pass is kept only if the inputs' key is the same after the check as before
  it (nothing changed while it ran).
- **Place**: `.cache/statusgen/check.json` beside mkdocs.yml (with the render cache and the
  page verdicts, so CI keeps all three); `STATUSGEN_CACHE=off`, or a committed cache, turns
  it off. JSON, at most `MAX_KEPT` verdicts (the latest first); any damage (unreadable, not
  JSON, another fingerprint, an entry of the wrong shape) is a miss, never an error.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import statusgen
from statusgen.clock import load_zone
from statusgen.content import SiteLayout
from statusgen.content.docsdir import docs_entries
from statusgen.content.files import incident_files, make_cache_folder, write_whole
from statusgen.content.parsecache import caches_usable
from statusgen.content.probehistory import RAW, HistoryError, load_history
from statusgen.derive.window import unchanged_until
from statusgen.model import StatusSite
from statusgen.options import Options
from statusgen.options.mkdocs_yml import custom_dir_of, docs_dir_of, read_site_settings
from statusgen.problems import Problem

#: Where the verdict lives, relative to the folder of mkdocs.yml (the render cache's folder,
#: `rendercache.CACHE_DIR`, not imported: this module loads before anything that renders).
CHECK_FILE = Path(".cache") / "statusgen" / "check.json"
#: The site's copies of the content schemas for editors (`cli/schemas.py`), which the check
#: compares with what it publishes.
SCHEMAS_DIR = "schemas"
#: At most this many verdicts are kept (a few branches checked in one folder).
MAX_KEPT = 8
#: A folder of templates with more files than this keeps no verdict (reading costs time).
MAX_TREE_FILES = 2000
_FORMAT = 1
#: The source files of statusgen that decide what it does.
SOURCE_SUFFIXES = {".py", ".html", ".json", ".yml", ".js", ".css"}


def add_source(digest: Any) -> None:
    """Feed statusgen's source (code, templates, locales, assets) to `digest`: each file's
    path in the package and bytes, in path order."""
    package = Path(str(statusgen.__file__)).parent
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in SOURCE_SUFFIXES:
            digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes())


@cache
def fingerprint() -> str:
    """statusgen's source, Python's version and the installed distributions, as one digest."""
    digest = hashlib.sha256(f"format {_FORMAT}\n{sys.version}\n".encode())
    for folder in sys.path:
        try:
            names = sorted(
                name
                for name in os.listdir(folder or ".")
                if name.endswith((".dist-info", ".egg-info", ".egg-link", ".pth"))
            )
        except OSError:
            continue
        digest.update(f"{folder}\0{names}\n".encode())
    add_source(digest)
    return digest.hexdigest()


@dataclass(frozen=True)
class Passed:
    """What a check that passed printed, and from when until when it holds."""

    key: str
    since: datetime
    until: datetime
    #: The lines it printed on standard output.
    lines: tuple[str, ...]
    #: Its warnings (missing translations), printed as any check prints them.
    warnings: tuple[Problem, ...]
    #: Its warnings of stale copies in schemas/, printed first, one by one.
    stale: tuple[Problem, ...] = ()

    def holds_at(self, now: datetime) -> bool:
        """True at `since` and from it until before `until`."""
        return now == self.since or self.since <= now < self.until

    def data(self) -> dict[str, Any]:
        """As kept in the file."""
        return {
            "key": self.key,
            "since": self.since.isoformat(),
            "until": self.until.isoformat(),
            "lines": list(self.lines),
            "warnings": [[w.path, w.line, w.message] for w in self.warnings],
            "stale": [[w.path, w.line, w.message] for w in self.stale],
        }

    @classmethod
    def read(cls, data: object) -> Passed | None:
        """A kept verdict, or None for anything of another shape."""
        if not isinstance(data, dict):
            return None
        try:
            key, lines = data["key"], data["lines"]
            warnings, stale = _problems(data["warnings"]), _problems(data["stale"])
            since = datetime.fromisoformat(data["since"])
            until = datetime.fromisoformat(data["until"])
        except (KeyError, TypeError, ValueError):
            return None
        if (
            not (isinstance(key, str) and len(key) == 64)
            or since.tzinfo is None
            or until.tzinfo is None
            or not (isinstance(lines, list) and all(isinstance(x, str) for x in lines))
            or warnings is None
            or stale is None
        ):
            return None
        return cls(key, since, until, tuple(lines), warnings, stale)


def _problems(data: object) -> tuple[Problem, ...] | None:
    """Kept warnings, or None for anything of another shape."""
    if not isinstance(data, list):
        return None
    kept: list[Problem] = []
    for item in data:
        if not (
            isinstance(item, list)
            and len(item) == 3
            and isinstance(item[0], str)
            and type(item[1]) is int
            and isinstance(item[2], str)
        ):
            return None
        kept.append(Problem(item[0], item[1], item[2]))
    return tuple(kept)


class CheckVerdicts:
    """The kept passes of one site: `find` before checking, `keep` after a pass."""

    def __init__(self, path: Path | None, key: str | None) -> None:
        #: None: nothing is kept (turned off, or an input that cannot be keyed).
        self.path = path if key is not None else None
        self.key = key

    @classmethod
    def for_site(
        cls, layout: SiteLayout, options: Options, environ: Mapping[str, str] | None = None
    ) -> CheckVerdicts:
        """The verdicts beside the site's mkdocs.yml, keyed by its inputs as they are now."""
        if not caches_usable(layout.root, environ):
            return cls(None, None)
        return cls(layout.root / CHECK_FILE, inputs_key(layout, options))

    def _read(self) -> list[Passed]:
        if self.path is None:
            return []
        try:
            data = json.loads(self.path.read_bytes())
        except (OSError, ValueError):
            return []
        if not isinstance(data, dict) or data.get("fingerprint") != fingerprint():
            return []
        entries = data.get("passed")
        if not isinstance(entries, list):
            return []
        return [kept for kept in map(Passed.read, entries) if kept is not None]

    def find(self, now: datetime) -> Passed | None:
        """The kept pass of these inputs that holds at `now`, if any."""
        return next(
            (kept for kept in self._read() if kept.key == self.key and kept.holds_at(now)),
            None,
        )

    def keep(
        self,
        layout: SiteLayout,
        options: Options,
        now: datetime,
        until: datetime,
        lines: list[str],
        warnings: list[Problem],
        stale: Sequence[Problem] = (),
    ) -> None:
        """Keep a pass at `now` that holds until `until`, if the inputs did not change while
        the check ran (whole or not at all; a read-only or full disk only loses the time)."""
        if self.path is None or self.key is None or inputs_key(layout, options) != self.key:
            return
        passed = Passed(self.key, now, until, tuple(lines), tuple(sorted(warnings)), tuple(stale))
        others = [kept for kept in self._read() if kept.key != self.key]
        entries = [passed.data()] + [kept.data() for kept in others][: MAX_KEPT - 1]
        text = json.dumps(
            {"format": _FORMAT, "fingerprint": fingerprint(), "passed": entries},
            ensure_ascii=False,
            separators=(",", ":"),
        )
        try:
            make_cache_folder(self.path.parent)
            write_whole(self.path, text.encode(), ".tmp-check-")
        except OSError:
            return


def holds_until(site: StatusSite, options: Options, root: Path, now: datetime) -> datetime:
    """Until when a check of `site` that passed at `now` holds (`derive/window.py`): the
    spans the derivation and the pages compare with the clock are an update's age against
    the feeds' `history_days` and the overview's `past_days`, the page's `stale_after`, an
    estimate's minute of grace (`render/live.due_text`) and a raw probe's day."""
    spans = (
        timedelta(minutes=1),
        timedelta(minutes=options.stale_after),
        timedelta(days=options.history_days),
        timedelta(days=options.past_days),
        RAW,
    )
    try:
        history = load_history(root / options.probe_history)
    except HistoryError:
        return now
    probes = [probe.at for kept in history.components.values() for probe in kept.recent]
    return unchanged_until(site, now, load_zone(options.timezone), spans, probes)


# -- the inputs' key ------------------------------------------------------------------------
class _Unkeyed(Exception):
    """An input the key cannot hold for certain: the check runs in full, and keeps nothing."""


def inputs_key(layout: SiteLayout, options: Options) -> str | None:
    """The digest of everything the check reads (the module's docstring), or None when an
    input cannot be keyed for certain (an incident folder the listing has a problem with, a
    link to a folder among the templates, an option without a stable written form)."""
    digest = hashlib.sha256(fingerprint().encode() + b"\0")
    root = layout.root
    try:
        settings = read_site_settings(root)
        for name, value in (("layout", layout), ("options", options), ("mkdocs", settings)):
            text = repr(value)
            if " at 0x" in text:  # an object written by its address: not the same next time
                raise _Unkeyed(name)
            _add(digest, name, text.encode())
        _add_file(digest, "mkdocs.yml", root / "mkdocs.yml")
        _add_file(digest, "components", root / layout.components_file)
        _add_file(digest, "probes", root / options.probe_history)
        for name in (*layout.incidents_dirs, layout.components_file):
            _add(digest, "resolved", str(_resolved(root / name)).encode())
        _add_incidents(digest, layout)
        _add_docs(digest, docs_dir_of(root, settings))
        _add_tree(digest, "templates", root / options.templates_dir)
        _add_tree(digest, "schemas", root / SCHEMAS_DIR)
        custom_dir = custom_dir_of(root, settings)
        if custom_dir is not None:
            _add_tree(digest, "custom_dir", custom_dir)
    except (_Unkeyed, OSError, ValueError):
        return None
    return digest.hexdigest()


def _add(digest: Any, name: str, data: bytes) -> None:
    digest.update(f"{name}\0{len(data)}\0".encode() + data)


def _add_file(digest: Any, name: str, path: Path) -> None:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        _add(digest, name + " (none)", b"")
        return
    except IsADirectoryError:
        raise _Unkeyed(name) from None
    _add(digest, name, data)


def _resolved(path: Path) -> Path | None:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return None


def _add_incidents(digest: Any, layout: SiteLayout) -> None:
    problems: list[Problem] = []
    paths = incident_files(layout, problems)
    if problems:  # the check reports them: nothing to keep
        raise _Unkeyed("incidents")
    for path in paths:  # the root is in the key: each file by its full path
        name = str(path)
        with open(name, "rb") as file:
            data = file.read()
        digest.update(b"%s\0%d\0%s" % (name.encode(), len(data), data))


def _add_docs(digest: Any, docs_dir: Path) -> None:
    resolved = _resolved(docs_dir)
    _add(digest, "docs_dir", f"{docs_dir}\0{resolved}\0{docs_dir.is_dir()}".encode())
    if not docs_dir.is_dir():
        return
    for path, target in docs_entries(docs_dir):
        kind = "d" if target.is_dir() else "f" if target.is_file() else "-"
        _add(digest, "docs", f"{path}\0{target}\0{kind}".encode())


def _add_tree(digest: Any, name: str, folder: Path) -> None:
    """Every file under `folder` (dot files too), by path and bytes; a link to a folder, or
    more than MAX_TREE_FILES files, cannot be keyed."""
    if not folder.is_dir():
        _add(digest, name + " (none)", str(folder).encode())
        return
    _add(digest, name, str(_resolved(folder)).encode())
    stack = [folder]
    count = 0
    while stack:
        current = stack.pop()
        for entry in sorted(os.scandir(current), key=lambda e: e.name, reverse=True):
            path = Path(entry.path)
            if entry.is_dir(follow_symlinks=False):
                stack.append(path)
            elif entry.is_symlink() and path.is_dir():
                raise _Unkeyed(name)
            else:
                count += 1
                if count > MAX_TREE_FILES:
                    raise _Unkeyed(name)
                _add_file(digest, f"{name}/{path.relative_to(folder).as_posix()}", path)
