"""What `statusgen check` made without failure, kept between runs, so a page or file whose
inputs did not change is not made again by the next check (issue 22).

`render_all` makes every page and file of both audiences, so that what the check accepts, the
build publishes; before it, the pre-flight (`render/preflight.py`) holds every incident's texts
to the budgets, which depends on the incident alone and the time limit (`texts_key`). An
incident's page and its own feeds are functions of its incident's view (the incident as loaded
and what the snapshot derived for it), a year's or a month's page in the archive of its year's
views, each with the build's settings; when a check made one without failure, a later check
with the same inputs would too.

The site's feeds and each component's are functions of their incidents' views (in order) and
the component, the maintenance calendar of every maintenance's view: they are kept the same
way (an incident changed makes the site's feed, its components' feeds and, for a maintenance,
the calendar again; the rest stay kept).

- **Key**: SHA-256 of the output (its path; a page's kind, title and feed), its incidents'
  views written out field by field (`view_digest`, every value by its type in the model, sets
  sorted), and everything else it reads: the audience, the site's name, the language, the
  options, the links' base, `use_directory_urls`, the time zone, whether the incident has feeds
  (a year page: the year, the month and the list of years), the build's time where an incident
  is not over (its duration and next update depend on it), and `FINGERPRINT`: the source
  of statusgen (templates, locales and code, with its version), the render cache's fingerprint
  (the Markdown configuration) and the budgets. A site that overrides statusgen's templates
  keeps no verdicts (its templates may read anything).
- **Only passes are kept**: a page that failed is made again by every check, which reports it.
- **Place**: `.cache/statusgen/verdicts.json` beside mkdocs.yml, with the render cache (so CI
  keeps both); `STATUSGEN_CACHE=off` turns it off. JSON; any damage (unreadable, not JSON,
  another fingerprint, an entry that is not a key) is a miss, so the page is made again.
- **Bounded and atomic**: a check writes the keys it used or added (at most `MAX_ENTRIES`), to
  a temporary file moved into place (`os.replace`): concurrent checks each leave a whole file,
  the last one's.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import json
import marshal
import os
import types
import typing
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from statusgen import __version__
from statusgen.content import budgets
from statusgen.content.files import make_cache_folder, write_whole
from statusgen.content.parsecache import caches_usable
from statusgen.derive.snapshot import IncidentView, Snapshot
from statusgen.model import Incident
from statusgen.render import rendercache, urls
from statusgen.render.checkverdict import add_source
from statusgen.render.pages import YEAR_PAGE, GeneratedPage

#: Where the verdicts live, relative to the folder of mkdocs.yml.
VERDICTS_FILE = rendercache.CACHE_DIR / "verdicts.json"
#: At most this many keys are kept (a page per incident, language and audience).
MAX_ENTRIES = 200_000
_FORMAT = 1

Writer = Callable[[Any], Any]


# -- the view as canonical data ---------------------------------------------------------------
# A view is written out as nested lists of str, int, float, bool and None, in one way only (a
# set's items sorted, a mapping's kept in order), by code compiled once per dataclass from the
# model's type hints: a check writes out every incident's view, and calls per field would cost
# twice the time.


def writer(hint: Any) -> Writer:
    """How a value of the type `hint` (a dataclass of the model) is written out; TypeError
    for a type this does not know."""
    if not (dataclasses.is_dataclass(hint) and isinstance(hint, type)):
        raise TypeError(f"expected a dataclass, not {hint!r}")
    compiled: dict[type[Any], str] = {}
    scope: dict[str, Any] = {}
    name = _compile_class(hint, compiled, scope)
    write: Writer = scope[name]
    return write


def _expression(
    hint: Any, value: str, depth: int, compiled: dict[type[Any], str], scope: dict[str, Any]
) -> str:
    """Python code that writes out `value` (code) of the type `hint`."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    item = f"i{depth}"
    if hint in (str, int, bool, float, type(None)):
        return value
    if hint is datetime:
        return f"{value}.isoformat()"
    if hint is timedelta:
        return f"({value}.days, {value}.seconds, {value}.microseconds)"
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return f"{value}.value"
    if origin in (typing.Union, types.UnionType) and len(args) == 2 and type(None) in args:
        inner = next(a for a in args if a is not type(None))
        written = _expression(inner, value, depth, compiled, scope)
        return f"(None if {value} is None else {written})"
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        written = _expression(args[0], item, depth + 1, compiled, scope)
        return f"[{written} for {item} in {value}]"
    if origin is tuple and args:
        parts = [
            _expression(arg, f"{value}[{number}]", depth, compiled, scope)
            for number, arg in enumerate(args)
        ]
        return f"([{', '.join(parts)}] if len({value}) == {len(args)} else _wrong())"
    if origin is frozenset and args:
        written = _expression(args[0], item, depth + 1, compiled, scope)
        return f"sorted({written} for {item} in {value})"
    if origin in (Mapping, dict) and args and args[0] is str:
        written = _expression(args[1], item, depth + 1, compiled, scope)
        return f"[[k{depth}, {written}] for k{depth}, {item} in {value}.items()]"
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return f"{_compile_class(hint, compiled, scope)}({value})"
    raise TypeError(f"no canonical form for {hint!r}")


def _compile_class(cls: type[Any], compiled: dict[type[Any], str], scope: dict[str, Any]) -> str:
    """The name (in `scope`) of the function that writes out a `cls` as its fields' list."""
    if cls in compiled:
        return compiled[cls]
    name = compiled[cls] = f"write_{len(compiled)}"
    hints = typing.get_type_hints(cls)
    items = [
        _expression(hints[f.name], f"value.{f.name}", 0, compiled, scope)
        for f in dataclasses.fields(cls)
    ]
    scope[f"{name}_class"] = cls
    scope["_wrong"] = _wrong
    source = (
        f"def {name}(value):\n"
        f"    if type(value) is not {name}_class:\n"
        "        _wrong()\n"
        f"    return [{', '.join(items)}]\n"
    )
    exec(source, scope)  # noqa: S102 - code made here from the model's field names only
    return name


def _wrong() -> Any:
    raise TypeError("a value not of the model's type")


@cache
def _incident_writer() -> Writer | None:
    try:
        return writer(Incident)
    except TypeError:  # a field of a type not known here: nothing is kept
        return None


@cache
def _view_writer() -> Writer | None:
    try:
        return writer(IncidentView)
    except TypeError:  # a field of a type not known here: nothing is kept
        return None


def view_digest(view: IncidentView) -> str | None:
    """The digest of everything an incident's view holds, or None if it cannot be written."""
    write = _view_writer()
    if write is None:
        return None
    try:
        # Format 0 writes str, int, float, bool and None one way only (no references).
        data = marshal.dumps(write(view), 0)
    except (TypeError, ValueError, AttributeError):
        return None
    return hashlib.sha256(data).hexdigest()


# -- what else the pages read ---------------------------------------------------------------
def _fingerprint() -> str:
    """statusgen's source (its templates, locales and code) with its version, the Markdown
    configuration (the render cache's fingerprint) and the budgets, as one digest."""
    digest = hashlib.sha256(
        "\n".join(
            [
                f"format {_FORMAT}",
                f"statusgen {__version__}",
                f"render {rendercache.FINGERPRINT}",
                repr(sorted((k, repr(v)) for k, v in vars(budgets).items() if k.isupper())),
            ]
        ).encode()
    )
    add_source(digest)
    return digest.hexdigest()


FINGERPRINT = _fingerprint()


class Verdicts:
    """The kept passes of one site for one check; `passed` before making a page, `add` after
    it was made without failure, `save` at the end."""

    def __init__(self, path: Path | None) -> None:
        #: None: verdicts that keep nothing (turned off).
        self.path = path
        self.old: frozenset[str] = self._read() if path is not None else frozenset()
        self.new: set[str] = set()
        self._all = False
        self._digests: dict[str, tuple[IncidentView, str | None]] = {}

    @classmethod
    def for_site(cls, root: Path, environ: Mapping[str, str] | None = None) -> Verdicts:
        """The verdicts beside the site's mkdocs.yml, or ones that keep nothing when off (or
        when the repository commits a cache)."""
        return cls(root / VERDICTS_FILE if caches_usable(root, environ) else None)

    @classmethod
    def keys_only(cls) -> Verdicts:
        """Verdicts that only give keys (`key`; the finished pages' cache reads them): nothing
        is read, and `save` is never called."""
        return cls(Path(os.devnull))

    def _read(self) -> frozenset[str]:
        assert self.path is not None
        try:
            data = json.loads(self.path.read_bytes())
        except (OSError, ValueError):
            return frozenset()
        if not isinstance(data, dict) or data.get("fingerprint") != FINGERPRINT:
            return frozenset()
        keys = data.get("passed")
        if not isinstance(keys, list):
            return frozenset()
        return frozenset(key for key in keys if isinstance(key, str) and len(key) == 64)

    def key(
        self, settings: str, src: str, page: GeneratedPage | None, snapshot: Snapshot
    ) -> str | None:
        """The key of the page or file `src` of `snapshot` made under `settings`
        (`page_settings`), for what reads only incidents' views: an incident's page and its
        own feeds, a year's or a month's page in the archive (every view of its year, and the
        list of years), the site's and the components' feeds and the maintenance calendar
        (`incidents_file`). None for everything else, and when a view cannot be written out
        (then it is always made)."""
        if self.path is None:
            return None
        view = page.context.get("incident") if page is not None else incident_feed(src, snapshot)
        if isinstance(view, IncidentView):
            views = [view]
            # Whether the page links the incident's feeds (and has them) reads the time.
            extra = [str(snapshot.followable(view))]
        elif page is not None and page.kind is YEAR_PAGE:
            year = page.context["year"]
            views = snapshot.incidents_of_year(year)
            extra = [str(year), str(page.context.get("month")), repr(snapshot.years)]
        elif page is None and (read := incidents_file(src, snapshot)) is not None:
            views, extra = read
        else:
            return None
        digests = [self.digest(view) for view in views]
        if None in digests:
            return None
        # The build's time, where an incident is not over: its duration and next update.
        now = "" if all(v.state.is_over for v in views) else snapshot.now.isoformat()
        parts = [
            settings,
            src,
            repr(page.kind) if page is not None else "",
            page.title if page is not None else "",
            str(page.feed) if page is not None else "",
            now,
            str(snapshot.history_days),
            str(snapshot.zone),
            *extra,
            *typing.cast(list[str], digests),
        ]
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()

    def texts_key(self, incident: Incident, seconds: float) -> str | None:
        """The key of an incident's texts held to every budget of a text and of an incident
        (`render/preflight.py`), each text in at most `seconds`: the incident written out
        (its texts, and its components and updates, which count its published copies)."""
        if self.path is None:
            return None
        write = _incident_writer()
        try:
            data = marshal.dumps(write(incident), 0) if write is not None else None
        except (TypeError, ValueError, AttributeError):
            data = None
        if data is None:
            return None
        head = f"texts\0{seconds!r}\0".encode()
        return hashlib.sha256(head + data).hexdigest()

    def digest(self, view: IncidentView) -> str | None:
        """`view_digest`, once per view in a check (the same view in both audiences' plans
        and on several pages)."""
        known = self._digests.get(view.id)
        if known is None or (known[0] is not view and known[0] != view):
            known = self._digests[view.id] = (view, view_digest(view))
        return known[1]

    def passed(self, key: str | None) -> bool:
        """True when a page of this key was made without failure by an earlier check."""
        if key is None or key not in self.old:
            return False
        self.new.add(key)
        return True

    def add(self, key: str | None) -> None:
        """Keep a page of this key, made without failure."""
        if key is not None and self.path is not None:
            self.new.add(key)

    def visited_all(self) -> None:
        """Every page and file was made or found here (`render_all` ran to its end): keys
        this check did not use are of inputs that are gone, and `save` drops them."""
        self._all = True

    def save(self) -> None:
        """Write the keys this check used or added, and those it read unless it visited
        everything (a check stopped by a problem keeps the rest for the next one), when
        they differ from what was read (whole or not at all; a read-only or full disk only
        loses the time)."""
        kept = self.new if self._all else self.new | self.old
        if self.path is None or kept == self.old:
            return
        keys = sorted(kept)[:MAX_ENTRIES]
        text = json.dumps({"fingerprint": FINGERPRINT, "passed": keys}, separators=(",", ":"))
        try:
            make_cache_folder(self.path.parent)
            write_whole(self.path, text.encode(), ".tmp-verdicts-")
        except OSError:
            return


def incident_feed(src: str, snapshot: Snapshot) -> IncidentView | None:
    """The incident whose own feed `src` is (`incidents/<id>/feed.rss` or `.atom`), if any."""
    stem, dot, suffix = src.rpartition(".")
    if not dot or suffix not in ("rss", "atom") or not stem.startswith("incidents/"):
        return None
    view = snapshot.by_id.get(stem.removeprefix("incidents/").removesuffix("/feed"))
    return view if view is not None and urls.incident_feed(view.id) == stem else None


def incidents_file(src: str, snapshot: Snapshot) -> tuple[list[IncidentView], list[str]] | None:
    """The incidents a file of the whole site made of incidents alone reads, and what else of
    the snapshot it reads: the site's feeds (every incident), a component's feeds (its
    incidents, and the component, whose name titles them), the maintenance calendar (every
    maintenance); None for any other file."""
    if src == urls.CALENDAR:
        return [view for view in snapshot.incidents if view.incident.is_maintenance], []
    stem, dot, suffix = src.rpartition(".")
    if not dot or suffix not in ("rss", "atom"):
        return None
    if stem == urls.FEED:
        return list(snapshot.incidents), []
    component_id = stem.removeprefix("components/").removesuffix("/feed")
    component = snapshot.components.get(component_id)
    if component is None or urls.component_feed(component_id) != stem:
        return None
    return snapshot.incidents_of_component(component_id), [repr(component.component)]


def page_settings(
    audience: str, name: str, language: str, options: object, base: str, directory_urls: bool
) -> str:
    """The settings of one build that its pages and feeds read (the site's name as the
    audience sees it, its options, the language, the links' base), as one string."""
    return repr((audience, name, language, options, base, directory_urls))
