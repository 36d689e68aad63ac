"""Hostile texts against the budgets: the worst each pathology can do within them.

    python -m benchmarks.hostile [--out benchmarks/HOSTILE.md] [--machine "..."]

Each edge text is as bad as `statusgen check` still accepts (a run of the costly construct at
the budget's edge). The benchmark renders it as the build does (time and HTML per KB of input),
then builds a whole site whose incident holds it in up to 10 updates, for each audience, and
records the site's growth, the build's extra time per KB of input and the build's peak memory.
The audit's texts (`AUDIT_TEXTS`, which once passed the check and then cost minutes to build)
are run through the check, with its time and its verdict. tests/integration/test_budgets.py
uses the same texts: the edge texts must pass the check and build, the audit's must be refused.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.hostile_site import AUDIENCES, Build, build, write_site
from benchmarks.sections import MEASURED, machine, with_sections
from statusgen.content import SiteLayout, check_site
from statusgen.content.budgets import (
    INCIDENT_TEXT,
    MESSAGE,
    NESTING,
    OPENERS,
    PARAGRAPH,
    markdown_problems,
)
from statusgen.render.markup import MarkdownRenderer
from statusgen.render.preflight import check_rendering, render_within_budgets
from statusgen.render.sanitize import html_to_text

#: The build date of the benchmark's sites (hostile_site.EPOCH).
NOW = datetime(2026, 3, 10, 12, tzinfo=UTC)


def _paragraphs(unit: str, per_paragraph: int, size: int = MESSAGE.limit) -> str:
    """Paragraphs at the PARAGRAPH edge, each holding `per_paragraph` units then filler."""
    filler_length = PARAGRAPH.limit - 1 - len(unit) * per_paragraph
    paragraph = unit * per_paragraph + ("word " * PARAGRAPH.limit)[:filler_length]
    count = max(1, size // (len(paragraph) + 2))
    return "\n\n".join([paragraph] * count)


def check_text(text: str) -> tuple[float, str | None]:
    """(seconds, first problem or None) of `statusgen check` on a message: the scan at load,
    then, when it passes, the rendering under the render budgets."""
    started = time.perf_counter()
    problem = next((p.message for p in markdown_problems(text, "message")), None)
    if problem is None:
        _, problem = render_within_budgets(MarkdownRenderer(), text, "message", 60)
    return time.perf_counter() - started, problem


#: Plain paragraphs beside dense markup: about half a message.
FILLER = _paragraphs("", 0, MESSAGE.limit // 2)


def _most_accepted(make: Callable[[int], str], most: int) -> str:
    """`make(n)` for the largest n up to `most` that the check accepts (a bisection: the
    texts whose HTML is dense are bounded by EXPANSION rather than by a count)."""
    low, high = 1, most
    while low < high:
        middle = (low + high + 1) // 2
        if check_text(make(middle))[1] is None:
            low = middle
        else:
            high = middle - 1
    return make(low)


#: name -> a message the check accepts, built to cost the most of its kind.
EDGE_TEXTS: dict[str, str] = {
    "unclosed '[' runs": _paragraphs("[", OPENERS.limit),
    "unclosed '![' runs": _paragraphs("![", OPENERS.limit // 2),
    "'<a ' runs": _paragraphs("<a ", OPENERS.limit),
    # Unclosed, so the sanitizer reopens them in every later paragraph: 19 keep the tree
    # within DEPTH (32 levels).
    "'<b>' runs": _paragraphs("<b>", 19),
    "'[x](' runs": _paragraphs("[x](", OPENERS.limit),
    "nested quotes": "\n\n".join(["> " * NESTING.limit + "quoted"] * 200),
    "nested lists": "\n\n".join(
        ["\n".join("    " * level + "- item" for level in range(NESTING.limit))] * 40
    ),
    "deep <div> nesting": "\n\n".join(
        ["<div>" * (OPENERS.limit // 2) + "x" + "</div>" * (OPENERS.limit // 2)] * 90
    ),
    "emphasis runs": _paragraphs("*_", 500),
    # Dense markup weighs several times its size, so EXPANSION bounds it: as much as it
    # allows beside plain text (which weighs about its size) that fills the rest.
    "table of many rows": _most_accepted(
        lambda rows: "a|b|c\n-|-|-\n" + "".join(f"x{i}|y|z\n" for i in range(rows)) + "\n" + FILLER,
        2_000,
    ),
    "entities": _paragraphs("&#", 1000),
    "long plain text": _paragraphs("", 0),
    # Several list markers on one line nest as deeply as indentation does; as many such lines
    # as EXPANSION allows.
    "inline list markers": _most_accepted(
        lambda lines: "\n\n".join(["- " * NESTING.limit + "x"] * lines + [FILLER]), 1_000
    ),
    # Code is not parsed, so a closed fence may hold any run of '['.
    "'[' in fenced code": "```\n" + ("[" * 99 + "\n") * (MESSAGE.limit // 100 - 1) + "```",
}

#: The audit's texts (issue 11): each once passed the check, then cost minutes to build.
AUDIT_TEXTS: list[tuple[str, str]] = [
    ("list 300 deep on one line (x8)", "\n\n".join(["- " * 300 + "x"] * 8)),
    ("unclosed fence, 6,000 '['", "```\n" + "[" * 6000),
    ("unclosed fence, 2,000 '['", "```\n" + "[" * 2000),
    ("fence indented 1 space, 3,000 '['", " ```\n" + "[" * 3000 + "\n ```"),
    ("<div> 2,000 deep", "<div>\n\n" * 2000),
]


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


def site_messages(text: str) -> list[str]:
    """As many updates holding the text as one incident's budgets allow (10 at most)."""
    return [text] * max(1, min(10, INCIDENT_TEXT.limit // (len(text) + 1) - 1))


def site_rows(folder: Path) -> list[tuple[str, float, str, Build, Build]]:
    """(name, input KB, audience, baseline build, build) of a site per edge text."""
    base = write_site(folder / "base", [])
    baseline = {  # the faster of two: a shared machine's noise is larger than a small text's cost
        audience: min(
            (build(base, folder / f"base-{audience}-{n}", audience) for n in range(2)),
            key=lambda b: b.seconds,
        )
        for audience in AUDIENCES
    }
    rows = []
    for number, (name, text) in enumerate(EDGE_TEXTS.items()):
        messages = site_messages(text)
        root = write_site(folder / f"t{number}", messages)
        site, problems = check_site(SiteLayout(root), NOW)
        assert not problems and not check_rendering(site), (name, problems)
        kb = sum(len(m.encode("utf-8")) for m in messages) / 1024
        for audience in AUDIENCES:
            done = build(root, folder / f"t{number}-{audience}", audience)
            rows.append((name, kb, audience, baseline[audience], done))
            print(f"{name:24s} {audience:8s} {kb:6.1f} KB {done.seconds:6.2f} s", flush=True)
    return rows


def main() -> None:
    """Measure every text and write the tables."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("benchmarks/HOSTILE.md"))
    parser.add_argument("--machine", default=machine(), help="how to name the machine")
    args = parser.parse_args()
    texts = []
    for name, text in EDGE_TEXTS.items():
        seconds, problem = check_text(text)
        assert problem is None, (name, problem)
        render, output = measure(text)
        texts.append((name, len(text.encode("utf-8")) / 1024, render, output / 1024))
        print(f"{name:24s} {texts[-1][1]:6.1f} KB {render * 1000:8.1f} ms", flush=True)
    refused = [(name, len(text.encode()) / 1024, *check_text(text)) for name, text in AUDIT_TEXTS]
    with tempfile.TemporaryDirectory(prefix="statusgen-hostile-") as folder:
        sites = site_rows(Path(folder))
    written = with_sections(args.out, "\n".join(report(args.machine, texts, refused, sites)))
    args.out.write_text(written, encoding="utf-8")
    print(f"wrote {args.out}")


def report(
    machine: str,
    texts: list[tuple[str, float, float, float]],
    refused: list[tuple[str, float, float, str | None]],
    sites: list[tuple[str, float, str, Build, Build]],
) -> list[str]:
    """HOSTILE.md's lines."""
    lines = [
        "# Hostile texts within the budgets",
        "",
        f"Measured {MEASURED} on {machine}, with `python -m benchmarks.hostile`. Each edge",
        "text is the costliest of its kind that `statusgen check` accepts (the budgets are in",
        "`statusgen/content/budgets.py` and docs/security.md).",
        "",
        "## One text, rendered as the build does (best of 3)",
        "",
        "| text | input KB | render ms | ms per KB | HTML KB | HTML per input |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, kb, seconds, out_kb in texts:
        lines.append(
            f"| {name} | {kb:.1f} | {seconds * 1000:.1f} | {seconds * 1000 / kb:.2f} "
            f"| {out_kb:.1f} | {out_kb / kb:.2f}x |"
        )
    lines += [
        "",
        "## The whole site, per audience",
        "",
        "The incident holds the text in up to 10 updates (its budgets allow no more). Growth",
        "and extra time are against the same site with one plain update; memory is the build",
        "process's peak resident size (`ru_maxrss`).",
        "",
        "| text | audience | input KB | build s | extra ms per KB | site growth per input "
        "| peak MiB |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for name, kb, audience, base, done in sites:
        extra = (done.seconds - base.seconds) * 1000 / kb
        growth = (done.site_bytes - base.site_bytes) / (kb * 1024)
        lines.append(
            f"| {name} | {audience} | {kb:.1f} | {done.seconds:.2f} | {extra:.1f} "
            f"| {growth:.1f}x | {done.peak_kib / 1024:.0f} |"
        )
    lines += [
        "",
        "## The audit's texts, through the check",
        "",
        "| text | input KB | check s | verdict |",
        "|---|---:|---:|---|",
    ]
    for name, kb, seconds, problem in refused:
        lines.append(f"| {name} | {kb:.1f} | {seconds:.3f} | {problem or 'ACCEPTED'} |")
    worst_time = max(texts, key=lambda r: r[2] / r[1])
    worst_html = max(texts, key=lambda r: r[3] / r[1])
    worst_build = max(sites, key=lambda r: (r[4].seconds - r[3].seconds) / r[1])
    worst_site = max(sites, key=lambda r: (r[4].site_bytes - r[3].site_bytes) / r[1])
    worst_memory = max(sites, key=lambda r: r[4].peak_kib)
    lines += [
        "",
        "## Worst cases",
        "",
        f"- Rendering time per KB of input: **{worst_time[2] * 1000 / worst_time[1]:.2f} ms/KB**"
        f" ({worst_time[0]}).",
        f"- HTML per KB of input: **{worst_html[3] / worst_html[1]:.2f}x** ({worst_html[0]}).",
        f"- Whole-site build time per KB of input: **"
        f"{(worst_build[4].seconds - worst_build[3].seconds) * 1000 / worst_build[1]:.1f} ms/KB**"
        f" ({worst_build[0]}, {worst_build[2]}).",
        f"- Whole-site growth per KB of input: **"
        f"{(worst_site[4].site_bytes - worst_site[3].site_bytes) / (worst_site[1] * 1024):.1f}x**"
        f" ({worst_site[0]}, {worst_site[2]}).",
        f"- Peak memory of a build: **{worst_memory[4].peak_kib / 1024:.0f} MiB**"
        f" ({worst_memory[0]}, {worst_memory[2]}).",
        "",
    ]
    return lines


if __name__ == "__main__":
    main()
