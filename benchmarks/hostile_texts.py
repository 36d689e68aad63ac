"""The hostile texts: the costliest message of each kind that `statusgen check` accepts, and
the audit's texts it must refuse.

Each edge text is a costly construct at a budget's edge beside plain text that fills the
message: as many unclosed openers as `SCAN` allows, as much inline markup as `MARKUP` allows
in each paragraph, as many lines as `LINES` allows, as deep as `NESTING` and `DEPTH` allow, as
dense as `EXPANSION` allows. Where a budget bounds a product (openers times the distance to
their end, markup weighed by its HTML), the largest count the check accepts is found by
bisection. `benchmarks.hostile` measures them; tests/integration/test_budgets.py checks that
the edge texts pass the check and build, and that the audit's texts are refused.
"""

from __future__ import annotations

import random
import string
import time
from collections.abc import Callable, Iterator, Mapping
from functools import cache

from statusgen.content.budgets import (
    DEPTH,
    LINES,
    MARKUP,
    MESSAGE,
    NESTING,
    markdown_problems,
)
from statusgen.render.markup import MarkdownRenderer
from statusgen.render.preflight import render_within_budgets

#: A little room under MESSAGE for what a bisection adds.
SIZE = MESSAGE.limit - 200


def plain(length: int) -> str:
    """Plain words, `length` characters on one line (one paragraph)."""
    return ("word " * (length // 5 + 1))[:length].strip()


def plain_paragraphs(length: int, paragraph: int = 3_000) -> str:
    """Plain words in paragraphs of `paragraph` characters, about `length` in all."""
    return "\n\n".join([plain(paragraph)] * max(1, length // (paragraph + 2)))


def check_text(text: str) -> tuple[float, str | None]:
    """(seconds, first problem or None) of `statusgen check` on a message: the scan at load,
    then, when it passes, the rendering under the render budgets."""
    started = time.perf_counter()
    problem = next((p.message for p in markdown_problems(text, "message")), None)
    if problem is None and len(text) > MESSAGE.limit:
        problem = MESSAGE.exceeded("the message", len(text))
    if problem is None:
        _, problem = render_within_budgets(MarkdownRenderer(), text, "message", 60)
    return time.perf_counter() - started, problem


def accepted(text: str) -> bool:
    return check_text(text)[1] is None


def most_accepted(make: Callable[[int], str], most: int, known: int | None = None) -> str:
    """`make(n)` for the largest n up to `most` that the check accepts: `known` when the
    check accepts it and refuses `known + 1` (two checks, where a bisection costs up to ten;
    `EDGE_COUNTS`), else found by bisection (the budgets changed)."""
    if (
        known is not None
        and 1 <= known <= most
        and accepted(make(known))
        and (known == most or not accepted(make(known + 1)))
    ):
        return make(known)
    low, high = 1, most
    while low < high:
        middle = (low + high + 1) // 2
        if accepted(make(middle)):
            low = middle
        else:
            high = middle - 1
    return make(low)


def opening(unit: str, separator: str = " ") -> Callable[[int], str]:
    """n units, then plain text to fill the message (in the same paragraph with a space, in
    paragraphs of their own with a blank line)."""

    def make(count: int) -> str:
        head = unit * count
        if separator == " ":
            return head + " " + plain(SIZE - len(head))
        return head + "\n\n" + plain_paragraphs(SIZE - len(head))

    return make


def repeated(paragraph: str) -> str:
    """Paragraphs of `paragraph`, filling the message."""
    return "\n\n".join([paragraph] * max(1, SIZE // (len(paragraph) + 2)))


def lines(line: Callable[[int], str], count: int = LINES.limit) -> str:
    """A paragraph of `count` lines."""
    return "\n".join(line(number) for number in range(count))


def random_words(count: int, seed: int = 0) -> list[str]:
    """`count` distinct words of 6 letters drawn from both cases (seeded): abbreviations that
    share no prefix cost the most to look for."""
    draw = random.Random(seed)
    found: dict[str, None] = {}
    while len(found) < count:
        found["".join(draw.choice(string.ascii_letters) for _ in range(6))] = None
    return list(found)


def table(rows: int) -> str:
    """A table of `rows` short rows under its header (one paragraph)."""
    return "a|b|c\n-|-|-\n" + "\n".join(f"x{i}|y|z" for i in range(rows))


class Made(Mapping[str, str]):
    """Texts by name, each made by its function when first read, then kept."""

    def __init__(self, makers: dict[str, Callable[[], str]]) -> None:
        self.makers = makers
        self.made = {name: cache(make) for name, make in makers.items()}

    def __getitem__(self, name: str) -> str:
        return self.made[name]()

    def __iter__(self) -> Iterator[str]:
        return iter(self.makers)

    def __len__(self) -> int:
        return len(self.makers)


#: Half a message of plain paragraphs, beside markup that EXPANSION bounds.
FILLER = plain_paragraphs(MESSAGE.limit // 2)
#: The most of a character in one paragraph within MARKUP.
MOST = MARKUP.limit

#: The count each bisection of `MAKE_EDGE_TEXT` found under today's budgets: checked (the
#: count accepted, one more refused) rather than searched again; a count the budgets no longer
#: give is searched for again (`most_accepted`), so a stale one costs time, never a wrong text.
EDGE_COUNTS: dict[str, int] = {
    "unclosed '[' runs": 10,
    "unclosed '![' runs": 10,
    "'[x](' runs": 10,
    "nested '[' closed at the end": 10,
    "'<a ' runs": 10,
    "quoted '>' runs": 10,
    "'<![' runs": 5,
    "emphasis '*x*'": 13,
    "emphasis runs": 20,
    "closed tags '<b>x</b>'": 4,
    "entities": 10,
    "'<b>' runs": 2,
    "setext headings": 42,
    "rules": 43,
    "inline list markers": 912,
    "table of many rows": 21,
}

#: name -> how to make a message the check accepts, built to cost the most of its kind.
MAKE_EDGE_TEXT: dict[str, Callable[[], str]] = {
    # SCAN: each unclosed '[' is read to its paragraph's end, each unclosed '<' to the
    # text's end; as many as the check accepts, opening a message-long paragraph.
    "unclosed '[' runs": lambda: most_accepted(
        opening("["), MOST, EDGE_COUNTS["unclosed '[' runs"]
    ),
    "unclosed '![' runs": lambda: most_accepted(
        opening("!["), MOST // 2, EDGE_COUNTS["unclosed '![' runs"]
    ),
    "'[x](' runs": lambda: most_accepted(opening("[x]("), MOST // 2, EDGE_COUNTS["'[x](' runs"]),
    "nested '[' closed at the end": lambda: most_accepted(
        lambda n: "[" * n + plain(SIZE - 2 * n) + "]" * n,
        MOST // 2,
        EDGE_COUNTS["nested '[' closed at the end"],
    ),
    "'<a ' runs": lambda: most_accepted(opening("<a ", "\n\n"), MOST, EDGE_COUNTS["'<a ' runs"]),
    "quoted '>' runs": lambda: most_accepted(
        opening("<a x='>' ", "\n\n"), MOST, EDGE_COUNTS["quoted '>' runs"]
    ),
    "'<![' runs": lambda: most_accepted(opening("<!["), MOST // 2, EDGE_COUNTS["'<![' runs"]),
    # MARKUP: elements rebuild their paragraph and join its siblings; dense paragraphs at
    # the edge, one after another.
    "emphasis '*x*'": lambda: most_accepted(
        lambda n: "\n\n".join(["*x*" * (MOST // 2 - 1) + "*"] * n + [FILLER]),
        40,
        EDGE_COUNTS["emphasis '*x*'"],
    ),
    "emphasis runs": lambda: most_accepted(
        lambda n: "\n\n".join(["*_" * (MOST // 2)] * n + [FILLER]), 40, EDGE_COUNTS["emphasis runs"]
    ),
    "escapes": lambda: repeated("\\*" * (MOST // 2)),
    "closed tags '<b>x</b>'": lambda: most_accepted(
        lambda n: "\n\n".join(["<b>x</b> " * (MOST // 2)] * n + [FILLER]),
        40,
        EDGE_COUNTS["closed tags '<b>x</b>'"],
    ),
    "entities": lambda: most_accepted(
        lambda n: "\n\n".join(["&#" * MOST] * n + [FILLER]), 40, EDGE_COUNTS["entities"]
    ),
    # Unclosed, so the sanitizer reopens them in every later paragraph: 19 keep the tree
    # within DEPTH (32 levels).
    "'<b>' runs": lambda: most_accepted(
        lambda n: repeated("<b>" * n + " " + plain(3_000)), DEPTH.limit, EDGE_COUNTS["'<b>' runs"]
    ),
    "deep <div> nesting": lambda: "\n\n".join(
        ["<div>" * (DEPTH.limit // 2 - 1) + "x" + "</div>" * (DEPTH.limit // 2 - 1)] * 90
    ),
    # LINES: block readers take one line off a paragraph and read the rest again.
    "setext headings": lambda: most_accepted(
        lambda n: "\n\n".join([lines(lambda i: "=" if i % 2 else f"h{i}")] * n + [FILLER]),
        200,
        EDGE_COUNTS["setext headings"],
    ),
    "rules": lambda: most_accepted(
        lambda n: "\n\n".join([lines(lambda i: "***")] * n + [FILLER]), 200, EDGE_COUNTS["rules"]
    ),
    # Abbreviations are looked for at every word of the text: as many as fit beside a third
    # of a message of words (each in a paragraph of its own, so LINES does not bound them).
    "abbreviations": lambda: "\n\n".join(
        [
            " ".join(random_words(2_000, seed=1))[: SIZE // 3],
            *(f"*[{word}]: d" for word in random_words(SIZE * 2 // 3 // 14)),
        ]
    ),
    # NESTING: deeper nesting makes Markdown recurse.
    "nested quotes": lambda: "\n\n".join(["> " * NESTING.limit + "quoted"] * 200),
    "nested lists": lambda: "\n\n".join(
        ["\n".join("    " * level + "- item" for level in range(NESTING.limit))] * 40
    ),
    # Several list markers on one line nest as deeply as indentation does; as many such lines
    # as EXPANSION allows.
    "inline list markers": lambda: most_accepted(
        lambda n: "\n\n".join(["- " * NESTING.limit + "x"] * n + [FILLER]),
        1_000,
        EDGE_COUNTS["inline list markers"],
    ),
    # EXPANSION: dense markup weighs several times its size; as much as it allows beside
    # plain text (which weighs about its size) that fills the rest.
    "table of many rows": lambda: most_accepted(
        lambda n: "\n\n".join([table(LINES.limit - 2)] * n + [FILLER]),
        40,
        EDGE_COUNTS["table of many rows"],
    ),
    "long plain text": lambda: plain_paragraphs(SIZE),
    "one paragraph of plain text": lambda: plain(SIZE),
    # Code is not parsed, so a closed fence may hold any run of '['.
    "'[' in fenced code": lambda: "```\n" + ("[" * 99 + "\n") * (SIZE // 100 - 1) + "```",
}
#: name -> the message: each made when first read (the bisections cost seconds, and every
#: pytest-xdist worker imports this module while collecting the tests).
EDGE_TEXTS: Mapping[str, str] = Made(MAKE_EDGE_TEXT)

#: The audit's texts (issue 11), and texts the old shape limits (3,000 characters and 30 '['
#: or '<' a paragraph) accepted though they cost the most: each must be refused.
AUDIT_TEXTS: list[tuple[str, str]] = [
    ("list 300 deep on one line (x8)", "\n\n".join(["- " * 300 + "x"] * 8)),
    ("unclosed fence, 6,000 '['", "```\n" + "[" * 6000),
    ("unclosed fence, 2,000 '['", "```\n" + "[" * 2000),
    ("fence indented 1 space, 3,000 '['", " ```\n" + "[" * 3000 + "\n ```"),
    ("<div> 2,000 deep", "<div>\n\n" * 2000),
    ("old limits: 30 '<a ' a paragraph", repeated("<a " * 30 + plain(2_900))),
    ("old limits: '***' rules, 749 lines a paragraph", repeated("\n".join(["***"] * 749))),
    ("old limits: '*x*' in 3,000 characters", repeated("*x*" * 999 + "*")),
    ("1,000 lines of abbreviations", lines(lambda i: f"*[a{i}]: d", 1_000)),
]
