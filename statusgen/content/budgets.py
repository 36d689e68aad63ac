"""What one incident file may cost: the budgets every text is held to, and clean text.

Incident files arrive through pull requests, so every byte is hostile input. `statusgen check`
and the build apply the same budgets, so what the check accepts builds in bounded time and
size. Each budget states its reason; the table in docs/security.md ("Hostile content and
limits", summarised in the README) repeats them, and a test holds it to these numbers.

Each limit is set by what it bounds (time, memory, bytes), measured by the benchmarks
(benchmarks/HOSTILE.md), and is at least 5 times the largest value real status pages publish
(GitHub's, Jenkins' and a Statusfy site's histories, `python -m benchmarks.real_histories`).
The Markdown budgets read at load (`LINES`, `MARKUP`, `SCAN`, `NESTING`)
bound what makes rendering grow faster than the text (`content.costs` reads them); the
render budgets (`DEPTH`, `EXPANSION`, `RENDERED_BYTES`, `PUBLISHED_BYTES`, `RENDER_SECONDS`)
are measured on the rendered, sanitized HTML by `render.preflight`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from statusgen.content.costs import paragraphs, scan_length
from statusgen.content.fences import TAB_LENGTH


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
    1_100,
    "characters",
    "a title is repeated on its page, in feeds, the API and the archive (a day's tooltip "
    "shows its first 200 characters); Statuspage allows 255, and the longest in GitHub's "
    "public history has 174",
)
NAME = Budget(
    400,
    "characters",
    "a component or group name is repeated on every page that lists it; the longest in "
    "Jenkins' status history has 74",
)
DESCRIPTION = Budget(1_000, "characters", "a description is a line under a component's name")
MESSAGE = Budget(
    36_000,
    "characters",
    "the longest update in GitHub's 13 years of public status history has 6,024 characters; "
    "the longest text of a Jenkins cState issue (its first update) 6,979",
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
LINES = Budget(
    120,
    "lines",
    "Markdown's block readers (headings, rules, abbreviations, definition lists) take one line "
    "off a paragraph and read the rest again: cost grows with the square of its lines; real "
    "paragraphs have up to 21",
)
MARKUP = Budget(
    1_000,
    "characters that may start an inline element (code, escape, link, tag, entity, "
    "emphasis, attributes)",
    "each element Markdown finds in a paragraph rebuilds the paragraph's text and joins its "
    "siblings: cost grows with the square of their number; GitHub's longest list of updates "
    "has 154 tags in one paragraph",
)
SCAN = Budget(
    10,
    "times the text's size, plus 1,024, in characters read looking for where its '[' and '<' end",
    "Markdown reads on from each '[' to its ']', or to the end of its paragraph when there is "
    "none, and from each '<' to its '>', or to the end of the text: unclosed ones cost their "
    "number times that distance; real texts read at most 1.4 times their size",
)
#: The characters any text may read looking for ends, whatever its size (`SCAN`'s "plus").
SCAN_FLOOR = 1_024
NESTING = Budget(
    10,
    "levels of quotes or lists",
    "read ahead of rendering (markers at a line's start, also several on one line, and its "
    "indentation): deeper nesting makes Markdown recurse; real updates use 2",
)
DEPTH = Budget(
    32,
    "levels of nested HTML elements",
    "measured on the rendered HTML (lists, quotes and raw tags alike); 8 levels of lists "
    "take 16, and every copy of a deeper tree costs each reader's browser",
)
EXPANSION = Budget(
    13,
    "times the text's size, plus 1,024 bytes, of HTML as feeds carry it (escaped)",
    "a text's HTML is copied into its page, the feeds and JSON (escaped once more, so every "
    "tag counts twice), the search index and the API: real updates stay under 2.5 times "
    "(links written as <https://...> weigh the most), tables of real words under 4",
)
#: The bytes of HTML any text may render to, whatever its size (`EXPANSION`'s "plus").
EXPANSION_FLOOR = 1_024
RENDERED_BYTES = Budget(
    2_000_000,
    "bytes of HTML",
    "the HTML of all of an incident's texts (and its title) lands on one page and is copied "
    "into feeds, the search index and the API",
)
PUBLISHED_BYTES = Budget(
    9_000_000,
    "bytes in all its published copies",
    "each text is copied into its page, the search index, the API and the RSS and Atom feeds "
    "of the site, of the incident and of each component it affects, its title and what is affected "
    "once more per update: this bounds what one file adds to the site (the longest text an "
    "incident may hold passes affecting up to 8 components; 8,000,000 until the incident's own "
    "feeds added two copies of each text)",
)
#: CPU seconds one text may take to render in `statusgen check` (the build's backstop is 10 s).
#: Within the budgets above the costliest text renders in well under a second (measured in
#: benchmarks/HOSTILE.md); this catches what they do not foresee.
RENDER_SECONDS = Budget(2, "CPU seconds", "a backstop for what the other budgets do not foresee")

#: Most problems listed per file; the rest are counted ("and 12 more in this file").
PROBLEMS_PER_FILE = 20

#: Characters no text may hold, however written (raw, or as a YAML escape like "\e"): C0 and C1
#: controls but tab, newline and carriage return; lone surrogates; Unicode noncharacters.
_ASCII_UNCLEAN = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f"
_BMP_UNCLEAN = _ASCII_UNCLEAN + "\x80-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
UNCLEAN = re.compile(
    f"[{_BMP_UNCLEAN}"
    + "".join(
        f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17)
    )
    + "]"
)
#: The same for a text of ASCII only, and of the Basic Multilingual Plane only: `UNCLEAN`'s
#: characters beyond the BMP make Python's matcher about 15 times slower on every text.
_UNCLEAN_ASCII = re.compile(f"[{_ASCII_UNCLEAN}]")
_UNCLEAN_BMP = re.compile(f"[{_BMP_UNCLEAN}]")


def find_unclean(text: str) -> re.Match[str] | None:
    """The first character of `text` that no text may hold (`UNCLEAN`), if any; searched with
    the smallest pattern that covers the characters the text has."""
    if text.isascii():
        return _UNCLEAN_ASCII.search(text)
    if max(text) <= "\uffff":
        return _UNCLEAN_BMP.search(text)
    return UNCLEAN.search(text)


CLEAN_EXPECTED = (
    "expected printable text (no control characters, even escaped; "
    "strip colour codes from pasted terminal output first)"
)


def unclean_character(text: str) -> str | None:
    """A description of the first character no text may hold, or None when it is clean."""
    found = find_unclean(text)
    if found is None:
        return None
    code = ord(found.group())
    return f"U+{code:04X} (#x{code:04x})"


#: Containers at a line's start: quotes (`>`) and list items (`-`, `*`, `+`, `1.`, `1)`), also
#: several on one line (`- - - x` is three lists deep, `> - > x` four levels).
_CONTAINERS = re.compile(r"(?:[ ]*(?:>|(?:[-+*]|\d{1,9}[.)])(?=[ ]|$)))+")
_MARKER = re.compile(r">|[-+*]|\d{1,9}[.)]")


@dataclass(frozen=True)
class TextProblem:
    """A budget a text exceeds, with the 0-based line within the text where it does."""

    offset: int
    message: str


def markdown_problems(text: str, what: str) -> Iterator[TextProblem]:
    """What of a text would make rendering it costly, read ahead of rendering (see
    `content.costs`): paragraphs of too many lines or too much inline markup, nesting too
    deep, openers whose ends are too far away. Fenced code is left out (Markdown does not
    parse inside it), decided as the renderer decides."""
    for paragraph in paragraphs(text):
        where = f"a paragraph of the {what}"
        if paragraph.lines > LINES.limit:
            yield TextProblem(paragraph.start, LINES.exceeded(where, paragraph.lines))
        if (markup := paragraph.markup) > MARKUP.limit:
            yield TextProblem(paragraph.start, MARKUP.exceeded(f"the markup of {where}", markup))
        for number, line in enumerate(paragraph.text.split("\n"), start=paragraph.start):
            yield from _nesting(number, line, what)
    scanned, allowed = scan_length(text), SCAN.limit * len(text) + SCAN_FLOOR
    if scanned > allowed:
        yield TextProblem(
            0,
            f"the {what} makes Markdown read {scanned:,} characters looking for where its '[' "
            f"and '<' end, {scanned / max(len(text), 1):,.1f} times its {len(text):,} "
            f"characters; expected at most {SCAN.limit} times its size plus {SCAN_FLOOR:,} "
            f"({allowed:,}): close them, or write '\\[' and '&lt;'",
        )


def nesting_depth(line: str) -> int:
    """How deep a line's quotes and list items may nest (an upper bound, read ahead of
    rendering): every marker at its start, plus 4 columns of indentation a level."""
    containers = _CONTAINERS.match(line)
    if containers is None:
        return 0
    indent = len(line) - len(line.lstrip(" "))
    return len(_MARKER.findall(containers.group())) + indent // TAB_LENGTH


def _nesting(number: int, line: str, what: str) -> Iterator[TextProblem]:
    depth = nesting_depth(line)
    if depth > NESTING.limit:
        yield TextProblem(number, NESTING.exceeded(f"the nesting of the {what}", depth))
