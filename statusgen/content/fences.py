"""Which lines of a responder's Markdown are fenced code, decided as the renderer decides.

The budget scanner leaves fenced code out (Markdown does not parse inside it), so it must never
call "code" what the renderer renders as text: an unclosed fence, or one indented by a space,
is text to Python-Markdown's `fenced_code`, and a paragraph of `[` after it costs as much as
any. This module applies the extension's own pattern (`FENCED_BLOCK_RE`) to the text as its
preprocessors see it, in linear time: a line is tried as an opening fence only when a closing
line for it follows, and its `{attrs}` are checked on the line before that search. When in
doubt (an opening line whose `hl_lines` quote the pattern could read across lines), the lines
from there on count as text, which the budgets then hold to their limits: never the other way
round.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from markdown.extensions.attr_list import get_attrs_and_remainder
from markdown.extensions.fenced_code import FencedBlockPreprocessor

#: The renderer's pattern for a whole fenced block (opening line, code, closing line).
BLOCK = FencedBlockPreprocessor.FENCED_BLOCK_RE
#: An opening line the renderer could accept, read within its own line.
_OPENING = re.compile(
    r"(`{3,}|~{3,})[ ]*(?:\{[^\n]*\}|\.?[\w#.+-]*[ ]*(?:hl_lines=(\"|')[^\n]*?\2[ ]*)?)"
)
_CLOSING = re.compile(r"(`{3,}|~{3,})[ ]*")
#: An opening line whose `hl_lines` quote is not closed on it: the renderer's pattern reads
#: that quote on across line breaks, so where its block ends cannot be told line by line.
_OPEN_QUOTE = re.compile(r"(?:`{3,}|~{3,})[^\n]*hl_lines=[\"']")
#: The `{attrs}` of an opening line: the pattern takes them up to the line's last `}`.
_ATTRS = re.compile(r"(?:`{3,}|~{3,})[ ]*\{([^\n]*)\}")
#: Python-Markdown's own tab width (`Markdown.tab_length`).
TAB_LENGTH = 4


def normalized_lines(text: str) -> list[str]:
    """The text's lines as Markdown's `NormalizeWhitespace` preprocessor hands them on (line
    breaks of every kind become one, tabs become spaces, blank lines become empty)."""
    source = text.replace("\r\n", "\n").replace("\r", "\n")
    source = source.expandtabs(TAB_LENGTH)
    return [line if line.strip(" ") else "" for line in source.split("\n")]


def fenced_blocks(lines: list[str]) -> list[tuple[int, int]]:
    """(opening line, closing line), 0-based, of every block the renderer takes as fenced
    code, in order."""
    closings: dict[str, list[int]] = {}
    for number, line in enumerate(lines):
        if (closing := _CLOSING.fullmatch(line)) is not None:
            closings.setdefault(closing.group(1), []).append(number)
    text = "\n".join(lines) + "\n\n"
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    blocks: list[tuple[int, int]] = []
    number = 0
    while number < len(lines):
        line = lines[number]
        opening = _OPENING.fullmatch(line)
        if opening is None and _OPEN_QUOTE.match(line):
            break  # the rest is text to this scan, whatever the renderer makes of it
        later = closings.get(opening.group(1), []) if opening else []
        if later and bisect_right(later, number) < len(later) and not bad_attrs(line):
            block = BLOCK.match(text, starts[number])
            if block is not None:
                last = text.count("\n", 0, block.end())
                blocks.append((number, last))
                number = last + 1
                continue
        number += 1
    return blocks


def bad_attrs(line: str) -> bool:
    """An opening line whose `{attrs}` the renderer refuses (unbalanced braces): it skips the
    line, so no block starts there. Told from the line alone, before any search for its
    closing fence (which, line after line, would cost time quadratic in the text)."""
    attrs = _ATTRS.fullmatch(line)
    return attrs is not None and bool(get_attrs_and_remainder(attrs.group(1))[1])
