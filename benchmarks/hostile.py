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
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.hostile_site import AUDIENCES, Build, build, write_site
from benchmarks.hostile_texts import AUDIT_TEXTS, EDGE_TEXTS, check_text
from benchmarks.sections import MEASURED, machine, with_sections
from statusgen.content import SiteLayout, check_site
from statusgen.content.budgets import INCIDENT_TEXT, PUBLISHED_BYTES
from statusgen.render.markup import MarkdownRenderer
from statusgen.render.preflight import MESSAGE_COPIES, check_rendering, published_size
from statusgen.render.sanitize import html_to_text

#: The build date of the benchmark's sites (hostile_site.EPOCH).
NOW = datetime(2026, 3, 10, 12, tzinfo=UTC)


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
    """As many updates holding the text as one incident's budgets allow (10 at most): its
    text (`INCIDENT_TEXT`) and its copies (`PUBLISHED_BYTES`, the site's incident affecting
    its two components: `MESSAGE_COPIES` for two components)."""
    copies = MESSAGE_COPIES.fixed + 2 * MESSAGE_COPIES.per_component
    weight = published_size(MarkdownRenderer().html(text)) * copies
    room = (PUBLISHED_BYTES.limit - 100_000) // weight
    return [text] * max(1, min(10, INCIDENT_TEXT.limit // (len(text) + 1) - 1, room))


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
        "The incident holds the text in up to 10 updates (as many as `INCIDENT_TEXT` and",
        "`PUBLISHED_BYTES` allow). Growth",
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
