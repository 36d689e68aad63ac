"""Page shells: a theme's page rendered once with sentinel values in place of what varies
between pages, then every page of the same shape made by splicing its own values in.

A sentinel carries a marker no page has (`MARK`, digits: they survive every filter that keeps
text) and a probe (`<i>&amp;'"</i>` and white space) that each filter changes in its own way,
so where a sentinel lands tells with which filter (`TRANSFORMS`). A shell is refused (None)
when any marker is left that no known filter explains, so a value the theme reads in an unknown
way is never spliced; the plugin (`plugin/shells.py`) also compares a fully rendered page with
its splice before it uses a shell. Nothing here knows MkDocs."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from jinja2.filters import do_urlencode
from markupsafe import Markup, escape

#: In every sentinel; a shell with one left where no known filter explains it is refused.
MARK = "7301946285"
#: What each filter does to the probe differs, so the sentinel's image names the filter.
PROBE = "<i>&amp;'\"</i>\t "
#: Characters a value spliced as a URL's segment may hold: every filter leaves them as they are.
SAFE_SEGMENT = re.compile(r"[A-Za-z0-9._~-]+")


def _striptags(value: str) -> str:
    return Markup(value).striptags()


#: The filters a theme applies to a page's values (Jinja's `e`, `striptags`, `urlencode`),
#: by name; the first whose image of a sentinel is found explains it.
TRANSFORMS: dict[str, Callable[[str], str]] = {
    "raw": str,
    "escape": lambda value: str(escape(value)),
    "striptags": _striptags,
    "striptags-escape": lambda value: str(escape(_striptags(value))),
    "escape-striptags": lambda value: Markup(str(escape(value))).striptags(),
    "urlencode": lambda value: str(do_urlencode(value)),
}


def sentinel(slot: str, *, segment: bool = False, extra: str = "") -> str:
    """The sentinel of `slot` (a name of letters): a URL's `segment` takes only characters
    every filter keeps; `extra` is added where a value's shape matters (a body's `<h1`)."""
    if segment:
        return f"{MARK}{slot}{MARK[::-1]}"
    return f"{MARK}{slot}{PROBE}{extra}{slot}{MARK[::-1]}"


@dataclass(frozen=True)
class Hole:
    """Where a value goes in a shell, and through which filter."""

    slot: str
    transform: str


@dataclass(frozen=True)
class Shell:
    """A page's text cut at the values that vary: text and holes, alternately."""

    parts: tuple[str | Hole, ...]

    def fill(self, values: Mapping[str, str]) -> str:
        """The page with `values` (by slot) put into the holes, each through its filter."""
        done: dict[Hole, str] = {}
        out: list[str] = []
        for part in self.parts:
            if isinstance(part, str):
                out.append(part)
                continue
            text = done.get(part)
            if text is None:
                text = done[part] = TRANSFORMS[part.transform](values[part.slot])
            out.append(text)
        return "".join(out)

    @property
    def holes(self) -> int:
        """How many holes the shell has."""
        return sum(1 for part in self.parts if isinstance(part, Hole))


def learn(text: str, sentinels: Mapping[str, str]) -> Shell | None:
    """The shell of `text`, a page rendered with `sentinels` (slot -> sentinel) as its values;
    None when a marker is left that no filter of `TRANSFORMS` explains, or when two filters'
    images of sentinels cannot be told apart."""
    images: dict[str, Hole] = {}
    for slot, value in sentinels.items():
        for name, transform in TRANSFORMS.items():
            image = transform(value)
            if MARK not in image:
                continue
            known = images.get(image)
            if known is not None and known.slot != slot:
                return None  # two slots' sentinels look alike after filtering
            images.setdefault(image, Hole(slot, name))
    if not images:
        return None
    pattern = re.compile("|".join(re.escape(image) for image in sorted(images, key=len)[::-1]))
    parts: list[str | Hole] = []
    at = 0
    for match in pattern.finditer(text):
        parts.append(text[at : match.start()])
        parts.append(images[match.group()])
        at = match.end()
    parts.append(text[at:])
    if any(isinstance(part, str) and MARK in part for part in parts):
        return None  # a value went through a filter the shell cannot repeat
    if any(isinstance(part, str) and MARK[::-1] in part for part in parts):
        return None
    return Shell(tuple(part for part in parts if part != ""))
