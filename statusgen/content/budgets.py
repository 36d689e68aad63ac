"""What one incident file may cost: the budgets every text is held to, and clean text.

Incident files arrive through pull requests, so every byte is hostile input. `statusgen check`
and the build apply the same budgets, so what the check accepts builds in bounded time and
size. Each budget states its reason; the README's "Hostile content and limits" repeats them.
The render budgets (`RENDERED_BYTES`, `RENDER_SECONDS`) are applied by `render.preflight`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Budget:
    """A limit, what it counts, and why it is there."""

    limit: int
    unit: str
    reason: str

    def exceeded(self, what: str, value: int) -> str:
        """The problem's wording: what, the value found, the limit."""
        return f"{what} is {value:,} {self.unit}; expected at most {self.limit:,}"


TITLE = Budget(
    200,
    "characters",
    "a title is shown in every day tooltip of its components; Statuspage allows 255",
)
NAME = Budget(
    300, "characters", "a component or group name is repeated on every page that lists it"
)
DESCRIPTION = Budget(1_000, "characters", "a description is a line under a component's name")
MESSAGE = Budget(
    16_000,
    "characters",
    "the longest update in GitHub's 13 years of public status history is about 6 KB",
)
AFFECTED = Budget(
    200,
    "characters",
    "who is affected is one line beside the components, on the overview and in every feed entry",
)
WORKAROUND = Budget(4_000, "characters", "a workaround is read at a glance on the overview")
BODY = Budget(60_000, "characters", "a thorough postmortem is 10 to 30 KB")
PHASES = Budget(
    500, "updates", "real incidents have tens of updates; each is a feed entry and an API object"
)
INCIDENT_TEXT = Budget(
    200_000,
    "characters in all",
    "every text of an incident lands on its page, and rendering time grows with it",
)
PARAGRAPH = Budget(
    3_000,
    "characters",
    "Markdown scans the rest of a paragraph for each link or tag: cost grows with both",
)
OPENERS = Budget(
    30,
    "links, images or HTML tags ('[' or '<')",
    "with PARAGRAPH, bounds rendering to well under a second per text",
)
NESTING = Budget(
    8,
    "levels of quotes or lists",
    "deeper nesting makes Markdown recurse (300 levels crash it); real updates use 2",
)
RENDERED_BYTES = Budget(
    2_000_000,
    "bytes of HTML",
    "an incident's HTML is copied into its page, feeds and search index",
)
#: Seconds one text may take to render in `statusgen check` (the build's backstop is 10 s).
#: Texts within the budgets above take milliseconds; this catches what they do not foresee.
RENDER_SECONDS = Budget(2, "seconds", "a backstop: texts within the other budgets take ms")

#: Most problems listed per file; the rest are counted ("and 12 more in this file").
PROBLEMS_PER_FILE = 20

#: Characters no text may hold, however written (raw, or as a YAML escape like "\e"): C0 and C1
#: controls but tab, newline and carriage return; lone surrogates; Unicode noncharacters.
UNCLEAN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(
        f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
    )
    + "]"
)


CLEAN_EXPECTED = (
    "expected printable text (no control characters, even escaped; "
    "strip colour codes from pasted terminal output first)"
)


def unclean_character(text: str) -> str | None:
    """A description of the first character no text may hold, or None when it is clean."""
    found = UNCLEAN.search(text)
    if found is None:
        return None
    code = ord(found.group())
    return f"U+{code:04X} (#x{code:04x})"


_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_QUOTES = re.compile(r"^\s{0,3}((?:>\s?)+)")
_LIST_ITEM = re.compile(r"^(\s*)([-+*]|\d+[.)])\s")


@dataclass(frozen=True)
class TextProblem:
    """A budget a text exceeds, with the 0-based line within the text where it does."""

    offset: int
    message: str


def markdown_problems(text: str, what: str) -> Iterator[TextProblem]:
    """Paragraphs too long or too full of links and tags, and nesting too deep (fenced code
    blocks are left out: Markdown does not parse inside them)."""
    lines = text.split("\n")
    fence = ""
    start, length, openers = 0, 0, 0
    for number, line in enumerate([*lines, ""]):
        marker = _FENCE.match(line)
        if fence:
            if marker and marker.group(1).startswith(fence):
                fence = ""
            continue
        if marker:
            fence = marker.group(1)[:3]
        if marker or not line.strip():
            yield from _paragraph(start, length, openers, what)
            start, length, openers = number + 1, 0, 0
            continue
        if not length:
            start = number
        length += len(line) + 1
        openers += line.count("[") + line.count("<")
        yield from _nesting(number, line, what)


def _paragraph(start: int, length: int, openers: int, what: str) -> Iterator[TextProblem]:
    if length > PARAGRAPH.limit:
        yield TextProblem(start, PARAGRAPH.exceeded(f"a paragraph of the {what}", length))
    if openers > OPENERS.limit:
        yield TextProblem(start, OPENERS.exceeded(f"a paragraph of the {what}", openers))


def _nesting(number: int, line: str, what: str) -> Iterator[TextProblem]:
    quotes = _QUOTES.match(line)
    depth = quotes.group(1).count(">") if quotes else 0
    item = _LIST_ITEM.match(line)
    if item:
        depth = max(depth, len(item.group(1).expandtabs(4)) // 4 + 1)  # 4 columns a level
    if depth > NESTING.limit:
        yield TextProblem(number, NESTING.exceeded(f"the nesting of the {what}", depth))
