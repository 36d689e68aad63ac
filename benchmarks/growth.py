"""What explodes: how rendering time grows with each Markdown construct, and what bounds it.

    python -m benchmarks.growth [--out benchmarks/HOSTILE.md] [--machine "..."]

Each construct is repeated n, 2n and 4n times in one text and rendered as the build does
(Python-Markdown with the responders' extensions, then the nh3 sanitizer; best of 3, the
sanitizer's share timed apart). The growth exponent is log4 of the time's ratio from n to 4n:
1 is linear, 2 quadratic. The table says which budget of `statusgen check` bounds
each construct that grows faster than linearly. It is written into HOSTILE.md between the
growth markers (`python -m benchmarks.hostile` keeps that section).
"""

from __future__ import annotations

import argparse
import copy
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import markdown

from benchmarks.hostile_texts import random_words
from benchmarks.sections import MEASURED, machine, replace_section
from statusgen.render.markup import RESPONDER_EXTENSION_CONFIGS, RESPONDER_EXTENSIONS
from statusgen.render.sanitize import sanitize_html

BEGIN, END = "<!-- growth -->", "<!-- /growth -->"
#: Words between the constructs where the scope of a scan matters.
WORDS = "word " * 2


@dataclass(frozen=True)
class Construct:
    """A construct, repeated `n` times by `make(n)`, and what bounds its cost."""

    name: str
    scope: str
    n: int
    make: Callable[[int], str]
    bound: str


def _lines(line: Callable[[int], str]) -> Callable[[int], str]:
    return lambda n: "\n".join(line(i) for i in range(n))


def _paragraphs(text: str) -> Callable[[int], str]:
    return lambda n: "\n\n".join([text] * n)


CONSTRUCTS = [
    Construct("unclosed `[`", "paragraph", 1_000, lambda n: "[" * n, "SCAN"),
    Construct("unclosed `![`", "paragraph", 500, lambda n: "![" * n, "SCAN"),
    Construct("unclosed link destination `[x](`", "paragraph", 500, lambda n: "[x](" * n, "SCAN"),
    Construct(
        "nested `[`, closed at the end", "paragraph", 500, lambda n: "[" * n + "]" * n, "SCAN"
    ),
    Construct("unclosed tag `<a `", "whole text", 1_000, lambda n: "<a " * n, "SCAN"),
    Construct(
        "unclosed tag `<a ` in its own paragraph",
        "whole text",
        500,
        _paragraphs("<a " + WORDS),
        "SCAN",
    ),
    Construct("quoted `>` `<a x='>' `", "whole text", 500, lambda n: "<a x='>' " * n, "SCAN"),
    Construct("unclosed `<![`", "paragraph", 500, lambda n: "<![" * n, "SCAN"),
    Construct("emphasis `*x*`", "paragraph", 2_000, lambda n: "*x*" * (n | 1), "MARKUP"),
    Construct("escapes `\\*`", "paragraph", 4_000, lambda n: "\\*" * n, "MARKUP"),
    Construct("closed tags `<b>`", "paragraph", 4_000, lambda n: "<b>" * n, "MARKUP"),
    Construct("entities `&amp;`", "paragraph", 4_000, lambda n: "&amp;" * n, "MARKUP"),
    Construct("links `[x](y)`", "paragraph", 2_000, lambda n: "[x](y) " * n, "MARKUP"),
    Construct(
        "abbreviation lines `*[x]: y`", "paragraph", 250, _lines(lambda i: f"*[a{i}]: d"), "LINES"
    ),
    Construct("setext headings", "paragraph", 250, _lines(lambda i: f"h{i}\n==="), "LINES"),
    Construct("`#` headings", "paragraph", 500, _lines(lambda i: f"# h{i}"), "LINES"),
    Construct("rules `***`", "paragraph", 500, _lines(lambda i: "***"), "LINES"),
    Construct(
        "abbreviations used in the text",
        "whole text",
        500,
        lambda n: (
            " ".join(random_words(2 * n, seed=1))
            + "\n\n"
            + "\n\n".join(f"*[{word}]: d" for word in random_words(n))
        ),
        "text length: a 60 KB body, under 0.1 s",
    ),
    Construct(
        "headings in their own paragraphs",
        "whole text",
        1_000,
        lambda n: "\n\n".join(f"# h{i}" for i in range(n)),
        "(linear)",
    ),
    Construct(
        "GitHub's list `<li><strong>…`",
        "paragraph",
        250,
        lambda n: (
            "<ul>"
            + "<li><strong>2018-10-21 23:09:19</strong> - We are investigating.</li>" * n
            + "</ul>"
        ),
        "(linear)",
    ),
    Construct(
        'links with quoted attributes `<a href="…">`',
        "whole text",
        1_000,
        lambda n: '<a href="https://e.test/">link</a> word ' * n,
        "(linear)",
    ),
    Construct("plain words", "text", 4_000, lambda n: "word " * n, "(linear)"),
    Construct("list items", "paragraph", 1_000, _lines(lambda i: f"- item {i}"), "(linear)"),
    Construct("table rows", "paragraph", 1_000, lambda n: "a|b\n-|-\n" + "x|y\n" * n, "(linear)"),
    Construct(
        "`[` in fenced code", "text", 4_000, lambda n: "```\n" + "[" * n + "\n```", "(linear)"
    ),
]


def renderer() -> markdown.Markdown:
    """Python-Markdown as the build sets it up for responders' text (`render.markup`)."""
    return markdown.Markdown(
        extensions=list(RESPONDER_EXTENSIONS),
        extension_configs=copy.deepcopy(RESPONDER_EXTENSION_CONFIGS),
    )


def timed(md: markdown.Markdown, text: str, runs: int = 3) -> tuple[float, float]:
    """(best seconds of the whole rendering, seconds of its sanitizing) of a text."""
    best = sanitizer = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        md.reset()
        html = md.convert(text)
        middle = time.perf_counter()
        sanitize_html(html)
        ended = time.perf_counter()
        if ended - started < best:
            best, sanitizer = ended - started, ended - middle
    return best, sanitizer


def measure(construct: Construct) -> tuple[list[float], float, float]:
    """(milliseconds at n, 2n, 4n; the sanitizer's at 4n; the growth exponent)."""
    md = renderer()
    times: list[float] = []
    sanitizer = 0.0
    for factor in (1, 2, 4):
        seconds, sanitizer = timed(md, construct.make(construct.n * factor))
        times.append(seconds * 1000)
    exponent = math.log2(times[2] / times[0]) / 2 if times[0] > 0 else float("nan")
    return times, sanitizer * 1000, exponent


def report(machine_name: str, rows: list[tuple[Construct, list[float], float, float]]) -> str:
    """The growth section of HOSTILE.md."""
    lines = [
        BEGIN,
        "## What explodes",
        "",
        f"Measured {MEASURED} on {machine_name}, with `python -m benchmarks.growth`. Each",
        "construct is repeated n, 2n and 4n times in one text and rendered as the build does",
        "(best of 3). The exponent is log4 of the time from n to 4n: 1 is linear, 2",
        "quadratic. The sanitizer (nh3) is timed apart: it stays linear throughout. What grows",
        "faster than linearly is bounded by the budget named (`statusgen/content/costs.py`).",
        "",
        "| construct | scope | n | ms at n | ms at 2n | ms at 4n | of which nh3 | exponent "
        "| bounded by |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for construct, times, sanitizer, exponent in rows:
        lines.append(
            f"| {construct.name} | {construct.scope} | {construct.n:,} | {times[0]:.1f} "
            f"| {times[1]:.1f} | {times[2]:.1f} | {sanitizer:.1f} | {exponent:.2f} "
            f"| {construct.bound} |"
        )
    return "\n".join([*lines, "", END])


def main() -> None:
    """Measure every construct and write the section."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("benchmarks/HOSTILE.md"))
    parser.add_argument("--machine", default=machine(), help="how to name the machine")
    args = parser.parse_args()
    rows = []
    for construct in CONSTRUCTS:
        times, sanitizer, exponent = measure(construct)
        rows.append((construct, times, sanitizer, exponent))
        print(f"{construct.name:44s} {times[2]:9.1f} ms  x{exponent:.2f}", flush=True)
    replace_section(args.out, BEGIN, END, report(args.machine, rows))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
