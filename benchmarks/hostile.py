"""Hostile texts against the render budgets: the worst each pathology can do within them.

    python -m benchmarks.hostile [--out benchmarks/HOSTILE.md]

Each text is as bad as `statusgen check` still accepts (a run of the costly construct at the
budget's edge); the benchmark renders it as the build does and records the time and the output
per KB of input. The same texts are used by tests/integration/test_budgets.py, which asserts
that they pass the check and build.
"""

from __future__ import annotations

import argparse
import platform
import time
from datetime import UTC, datetime
from pathlib import Path

from statusgen.content.budgets import MESSAGE, NESTING, OPENERS, PARAGRAPH, markdown_problems
from statusgen.render.markup import MarkdownRenderer
from statusgen.render.sanitize import html_to_text


def _paragraphs(unit: str, per_paragraph: int, size: int = MESSAGE.limit) -> str:
    """Paragraphs at the PARAGRAPH edge, each holding `per_paragraph` units then filler."""
    filler_length = PARAGRAPH.limit - 1 - len(unit) * per_paragraph
    paragraph = unit * per_paragraph + ("word " * PARAGRAPH.limit)[:filler_length]
    count = max(1, size // (len(paragraph) + 2))
    return "\n\n".join([paragraph] * count)


#: name -> a message the check accepts, built to cost the most of its kind.
EDGE_TEXTS: dict[str, str] = {
    "unclosed '[' runs": _paragraphs("[", OPENERS.limit),
    "unclosed '![' runs": _paragraphs("![", OPENERS.limit // 2),
    "'<a ' runs": _paragraphs("<a ", OPENERS.limit),
    "'<b>' runs": _paragraphs("<b>", OPENERS.limit),
    "'[x](' runs": _paragraphs("[x](", OPENERS.limit),
    "nested quotes": "\n\n".join(["> " * NESTING.limit + "quoted"] * 200),
    "nested lists": "\n\n".join(
        ["\n".join("    " * level + "- item" for level in range(NESTING.limit))] * 40
    ),
    "deep <div> nesting": "\n\n".join(
        ["<div>" * (OPENERS.limit // 2) + "x" + "</div>" * (OPENERS.limit // 2)] * 90
    ),
    "emphasis runs": _paragraphs("*_", 500),
    "table of many rows": "a|b|c\n-|-|-\n" + "".join(f"x{i}|y|z\n" for i in range(150)),
    "entities": _paragraphs("&#", 1000),
    "long plain text": _paragraphs("", 0),
}


def measure(text: str, runs: int = 3) -> tuple[float, int]:
    """(best seconds, output bytes) of rendering a text as the build does."""
    renderer = MarkdownRenderer()
    best = float("inf")
    html = ""
    for _ in range(runs):
        started = time.perf_counter()
        html = renderer.convert(text)
        html_to_text(html)
        best = min(best, time.perf_counter() - started)
    return best, len(html.encode("utf-8"))


def main() -> None:
    """Measure every edge text and write the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("benchmarks/HOSTILE.md"))
    args = parser.parse_args()
    rows = []
    for name, text in EDGE_TEXTS.items():
        assert not list(markdown_problems(text, "message")), name
        seconds, output = measure(text)
        kb = len(text.encode("utf-8")) / 1024
        rows.append((name, kb, seconds, output / 1024))
        print(f"{name:24s} {kb:6.1f} KB  {seconds * 1000:8.1f} ms  {output / 1024:7.1f} KB out")
    worst_time = max(rows, key=lambda r: r[2] / r[1])
    worst_size = max(rows, key=lambda r: r[3] / r[1])
    lines = [
        "# Hostile texts within the budgets",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d} on {platform.machine()}, "
        f"{platform.python_implementation()} {platform.python_version()}, "
        "`python -m benchmarks.hostile` (best of 3). Each text is the costliest of its kind",
        "that `statusgen check` accepts; see `statusgen/content/budgets.py` for the budgets.",
        "",
        "| text | input KB | render ms | ms per KB | output KB | output per input |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, kb, seconds, out_kb in rows:
        lines.append(
            f"| {name} | {kb:.1f} | {seconds * 1000:.1f} | {seconds * 1000 / kb:.2f} "
            f"| {out_kb:.1f} | {out_kb / kb:.2f}x |"
        )
    lines += [
        "",
        f"Worst rendering time per KB of input: **{worst_time[2] * 1000 / worst_time[1]:.2f} ms"
        f"/KB** ({worst_time[0]}). Largest output per KB of input: "
        f"**{worst_size[3] / worst_size[1]:.2f}x** ({worst_size[0]}).",
        "",
    ]
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
