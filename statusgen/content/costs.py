"""What rendering a responder's Markdown costs, read from the text ahead of rendering.

Python-Markdown renders most text in linear time. Three things grow faster, each measured by
`python -m benchmarks.growth` (benchmarks/HOSTILE.md, "What explodes"):

- **Scans from an opener that is never closed.** Each `[` is read by several inline patterns
  up to the `]` that closes it, or to the end of its paragraph when none does; each `<` that
  starts a tag is read by the HTML reader up to its `>`, or to the end of the *whole text*
  when the tag never ends. Many unclosed openers cost their number times that distance.
  `scan_length` adds up an upper bound of what these scans read.
- **Many inline elements in one paragraph.** Each element found rebuilds the paragraph's
  text and is inserted among its siblings: the cost grows with their square. Bounded by the
  paragraph's `markup` characters.
- **Many lines in one paragraph.** Block readers (headings, rules, abbreviations, definition
  lists) take one line off a paragraph and read the rest again. Bounded by its `lines`.

A closed construct costs the length of its span, so a paragraph of many short, closed tags
(`<li><strong>...</strong> - ...</li>`, as Statuspage writes its lists) costs little however
many it holds.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass

from statusgen.content.fences import fenced_blocks, normalized_lines

#: Characters that start an inline element (code, escape, link or image, tag or autolink,
#: entity, emphasis, attribute list): a paragraph's `markup`.
MARKUP = frozenset("`\\[<&*_{")
#: Characters Markdown replaces by a placeholder before it looks for links (raw HTML, code
#: spans, escapes), and the longest placeholder: what a `[` reads to its paragraph's end can
#: be that much longer than the text.
_STASHED = re.compile(r"[<`\\]")
PLACEHOLDER = 16
#: A `<` the HTML reader takes for the start of markup (a tag, an end tag, a comment, a
#: declaration, a processing instruction).
_OPENER = re.compile(r"<[A-Za-z/!?]")
#: Markup the HTML reader reads no further than its end: a tag, an end tag, a declaration or
#: an autolink without quotes or `<` before its first `>`; a tag whose attributes have plain
#: names and values, quoted ones holding no `<`, `>` or quote; a comment without `<` before
#: its `-->`. Anything else may be read past its `>` (a quote opens a value that can hold
#: one), so it counts as never closed.
_CLOSED = re.compile(
    r"""<(?:[A-Za-z/?]|![A-Za-z])[^<>"']*>"""
    r"|</?[A-Za-z][A-Za-z0-9-]*"
    r"(?:\s+[A-Za-z_:][-A-Za-z0-9_:.]*"
    r"""(?:\s*=\s*(?:"[^"<>]*"|'[^'<>]*'|[^\s"'<>=`]+))?)*"""
    r"\s*/?>"
    r"|<!--[^<]*?-->"
)
#: A bracket, or an escaped character (an escaped bracket is neither opener nor closer).
_BRACKET = re.compile(r"\\.|[\[\]]", re.DOTALL)
#: What a link's `(destination)` must not hold for its scan to end at the first `)`.
_LINK_TANGLE = re.compile(r"[()\"'<`\\]")


@dataclass(frozen=True)
class Paragraph:
    """Lines between blank lines (fenced code left out): where it starts and what it holds."""

    #: 0-based line within the text.
    start: int
    text: str

    @property
    def lines(self) -> int:
        """How many lines it has."""
        return self.text.count("\n") + 1

    @property
    def markup(self) -> int:
        """How many characters in it may start an inline element."""
        return markup_count(self.text)


_MARKUP = re.compile("[" + re.escape("".join(sorted(MARKUP))) + "]")


def markup_count(text: str) -> int:
    """How many characters of `text` may start an inline element."""
    return len(_MARKUP.findall(text))


def paragraphs(text: str) -> Iterator[Paragraph]:
    """The text's paragraphs as Markdown's block reader splits them, fenced code left out
    exactly where the renderer takes it as code."""
    yield from _paragraphs(*_split(text))


def _split(text: str) -> tuple[list[str], set[int]]:
    """The text's normalized lines and which of them are fenced code."""
    lines = normalized_lines(text)
    return lines, code_lines(lines)


def code_lines(lines: list[str]) -> set[int]:
    """The numbers (0-based) of the lines the renderer takes as fenced code (none in a single
    line: a fenced block spans its opening and its closing line)."""
    if len(lines) < 2:
        return set()
    return {n for first, last in fenced_blocks(lines) for n in range(first, last + 1)}


def _paragraphs(lines: list[str], code: set[int]) -> Iterator[Paragraph]:
    start, held = 0, list[str]()
    for number, line in enumerate([*lines, ""]):
        if number in code or not line:
            if held:
                yield Paragraph(start, "\n".join(held))
            start, held = number + 1, []
            continue
        if not held:
            start = number
        held.append(line)


def scan_length(text: str) -> int:
    """An upper bound of the characters Markdown reads from the text's `[` and `<` openers
    when it looks for their ends: the span of each closed one, and from each unclosed one to
    the end of its scope (a `[`, its paragraph; a `<`, the whole text). A text without
    either opener reads nothing (most texts: their lines are not even split)."""
    if "[" not in text and "<" not in text:
        return 0
    lines, code = _split(text)
    total = _tag_scans(lines, code)
    for part in _paragraphs(lines, code):
        total += _Brackets(part.text).scans()
    return total


def _tag_scans(lines: list[str], code: set[int]) -> int:
    """What the HTML reader reads from each `<` that starts markup outside fenced code: the
    tag when it is closed, else the rest of the text (fenced code included, though the
    reader sees it shortened to a placeholder)."""
    whole = "\n".join(lines)
    total = offset = 0
    for number, line in enumerate(lines):
        if number not in code:
            for opener in _OPENER.finditer(line):
                start = offset + opener.start()
                tag = _CLOSED.match(whole, start)
                total += (tag.end() if tag else len(whole)) - start
        offset += len(line) + 1
    return total


class _Brackets:
    """What the link patterns read from each `[` of a paragraph: to the `]` that closes it
    (and through a `(destination)` after it) when nothing between was replaced by a
    placeholder, else to the paragraph's end, its placeholders weighed at their longest."""

    def __init__(self, paragraph: str) -> None:
        self.text = paragraph
        self.stashed = [m.start() for m in _STASHED.finditer(paragraph)]

    def scans(self) -> int:
        total = 0
        open_at: list[int] = []
        for bracket in _BRACKET.finditer(self.text):
            position = bracket.start()
            if bracket.group().startswith("\\"):
                continue
            if bracket.group() == "[":
                open_at.append(position)
            elif open_at:
                total += self.closed(open_at.pop(), position)
        return total + sum(self.to_end(start) for start in open_at)

    def closed(self, start: int, end: int) -> int:
        """A `[` at `start` closed by the `]` at `end`."""
        if not self.clean(start, end):
            return self.to_end(start)
        if not self.text.startswith("(", end + 1):
            return end - start
        close = self.text.find(")", end + 2)
        if close >= 0 and not _LINK_TANGLE.search(self.text, end + 2, close):
            return close - start
        return end - start + self.to_end(end + 1)

    def to_end(self, start: int) -> int:
        """From `start` to the paragraph's end, as the link patterns see it."""
        after = len(self.stashed) - bisect_left(self.stashed, start)
        return len(self.text) - start + (PLACEHOLDER - 1) * after

    def clean(self, start: int, end: int) -> bool:
        """Nothing between `start` and `end` is replaced by a placeholder."""
        return bisect_left(self.stashed, start) == bisect_left(self.stashed, end)
