"""What a reader's browser fetches on a large site, page kind by page kind (issue 27, item 4).

    python -m benchmarks.scale [--n 10000] [--out benchmarks/RESULTS.md] [--built DIR]

Generates the benchmark corpus (`benchmarks/corpus.py`, N incidents, fixed seed and build
moment) with the example's Subscribe page, builds it with `mkdocs build`, serves it on
127.0.0.1 and loads each kind of page in headless Chromium (a fresh context, cold cache). For
each it counts every same-site file the page load fetched without interaction, gzipped at level
6; then, on the archive, what the first filter (impact "major") fetches, and what a first text
query fetches until its first screen of results is drawn and until its count is exact, and, on
the overview, what the header search fetches for its first query. The section is written into
RESULTS.md between the `scale-benchmark` markers (the main benchmark keeps it). `--built DIR`
measures a site already built there (its corpus in DIR/../site) instead of generating and
building one.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from benchmarks.corpus import SOURCE_DATE_EPOCH, write_corpus
from benchmarks.reader import _file_for, chromium, gzipped_size, page_weight, serve
from benchmarks.sections import MEASURED, machine, replace_section

REPO = Path(__file__).resolve().parents[1]
BEGIN, END = "<!-- scale-benchmark -->", "<!-- /scale-benchmark -->"
#: Issue 27's limits, in KB gzipped.
PAGE_LIMIT_KB = 100
FILTER_LIMIT_KB = 150


@dataclass
class Fetched:
    """Same-site files one step fetched, with their gzipped sizes."""

    what: str
    url: str
    files: dict[str, int]

    @property
    def kb(self) -> float:
        """All of it, in KB (1,024 bytes)."""
        return sum(self.files.values()) / 1024


def _build(site: Path, built: Path) -> float:
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(SOURCE_DATE_EPOCH), "NO_MKDOCS_2_WARNING": "1"}
    before = os.times()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", "mkdocs.yml", "-d", str(built)],
        cwd=site,
        env=env,
        check=True,
    )
    after = os.times()
    spent = after.children_user + after.children_system
    return spent - before.children_user - before.children_system


def _add_subscribe(site: Path) -> None:
    """The example's Subscribe page (hand-written, with the component picker, the e-mail
    sign-up and the widget's live preview) in the corpus: the one hand-written page kind whose
    parts statusgen renders."""
    (site / "docs" / "subscribe.md").write_bytes((REPO / "docs" / "subscribe.md").read_bytes())


def _pages(site: Path, built: Path) -> list[tuple[str, str]]:
    """One page of each kind: the newest incident and the largest, the component with the most
    incidents, and the Subscribe page when the site has one."""
    newest = max((site / "incidents").glob("*/*.md"), key=lambda p: p.stem)
    largest = max(
        (p.stat().st_size, p.parent.name) for p in (built / "incidents").glob("*/index.html")
    )[1]
    components = sorted(
        (p.stat().st_size, p.parent.name) for p in (built / "components").glob("*/index.html")
    )
    busiest = components[-1][1]
    year = max(int(p.name) for p in (built / "history").iterdir() if p.name.isdigit())
    # A long year's page lists its months, each a page: measure the largest of them too.
    months = sorted(
        (p.stat().st_size, p.parent.name) for p in (built / "history").glob(f"{year}/*/index.html")
    )
    month = [
        (f"month page, the largest ({year}-{m})", f"/history/{year}/{m}/") for _, m in months[-1:]
    ]
    return [
        ("overview", "/"),
        ("incident page (newest)", f"/incidents/{newest.stem}/"),
        ("incident page (the largest)", f"/incidents/{largest}/"),
        (f"component page (`{busiest}`, the largest)", f"/components/{busiest}/"),
        ("archive", "/history/"),
        (f"year page ({year})", f"/history/{year}/"),
        *month,
        ("report", "/report/"),
        (f"component report (`{busiest}`)", f"/components/{busiest}/report/"),
        *([("Subscribe", "/subscribe/")] if (built / "subscribe" / "index.html").is_file() else []),
    ]


def _recording(browser: Any, base: str, site: Path, path: str) -> tuple[Any, Any, list[str]]:
    context = browser.new_context()
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    page.goto(base + path, wait_until="load")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(800)
    return context, page, requested


def _sizes(site: Path, base: str, urls: list[str]) -> dict[str, int]:
    origin = urlsplit(base).netloc
    files: dict[str, int] = {}
    for url in urls:
        parts = urlsplit(url)
        if parts.netloc != origin or parts.path in files:
            continue
        file = _file_for(site, parts.path)
        files[parts.path] = gzipped_size(file.read_bytes()) if file is not None else 0
    return files


def _after(step: Any, site: Path, base: str, requested: list[str], page: Any) -> dict[str, int]:
    """What `step()` made the page fetch (the files not fetched before it)."""
    seen = set(_sizes(site, base, requested))
    mark = len(requested)
    step()
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(800)
    return {k: v for k, v in _sizes(site, base, requested[mark:]).items() if k not in seen}


#: Notes when the archive's results first hold a screen of rows (or the final count) after
#: the page is marked, as `performance.now()`: the files fetched before it drew that screen.
_SCREEN_WATCH = """() => {
  const results = document.getElementById("sg-results");
  const count = document.getElementById("sg-count");
  const screen = parseInt(document.getElementById("sg-filters").dataset.pageSize, 10);
  window.sgScreenAt = null;
  new MutationObserver(() => {
    const rows = results.querySelectorAll("li.sg-row").length;
    const done = /^[\\d,]+ of [\\d,]+ match$/.test(count.textContent);
    if (window.sgScreenAt === null && (rows >= screen || done))
      window.sgScreenAt = performance.now();
  }).observe(results, { childList: true });
}"""
_FETCHED_BEFORE = """at => performance.getEntriesByType("resource")
  .filter(e => e.startTime < at).map(e => e.name)"""


def _text_query(browser: Any, base: str, built: Path) -> list[Fetched]:
    """A first text query on a fresh archive page: what it fetched until its first screen of
    results was drawn, and until its count was exact (every incident searched)."""
    context, page, requested = _recording(browser, base, built, "/history/")
    seen = set(_sizes(built, base, requested))
    page.evaluate(_SCREEN_WATCH)
    mark = len(requested)
    page.fill("#sg-filters input[type=search]", "database")
    page.wait_for_function("window.sgScreenAt !== null", timeout=120_000)
    at = page.evaluate("window.sgScreenAt")
    screen = _sizes(built, base, page.evaluate(_FETCHED_BEFORE, at))
    page.wait_for_function(
        "/^[\\d,]+ of [\\d,]+ match$/.test(document.getElementById('sg-count').textContent)",
        timeout=120_000,
    )
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(800)
    everything = _sizes(built, base, requested[mark:])
    context.close()
    return [
        Fetched(
            "archive: first text query (database), until its first screen",
            "/history/",
            {k: v for k, v in screen.items() if k not in seen},
        ),
        Fetched(
            "archive: the same query, until its count is exact",
            "/history/",
            {k: v for k, v in everything.items() if k not in seen},
        ),
    ]


def measure(built: Path, site: Path) -> tuple[list[Fetched], list[Fetched]]:
    """Page loads, then the fetches of the first archive filter and text query, and of the
    header search."""
    pages: list[Fetched] = []
    steps: list[Fetched] = []
    with serve(built) as base, chromium() as browser:
        for what, path in _pages(site, built):
            weight = page_weight(browser, base, path, built, settle_ms=800)
            pages.append(Fetched(what, path, weight.files))

        context, page, requested = _recording(browser, base, built, "/history/")
        first = _after(
            lambda: (
                page.select_option("select[name=impact]", "major"),
                page.wait_for_function(
                    "!document.querySelector('#sg-results li.sg-row:not(.sg-i-major)')"
                ),
            ),
            built,
            base,
            requested,
            page,
        )
        steps.append(Fetched("archive: first filter (impact major)", "/history/", first))
        year = _after(
            lambda: page.select_option(
                "select[name=year]",
                index=page.eval_on_selector("select[name=year]", "s => s.options.length - 1"),
            ),
            built,
            base,
            requested,
            page,
        )
        steps.append(Fetched("archive: then the oldest year", "/history/", year))
        context.close()
        steps.extend(_text_query(browser, base, built))

        context, page, requested = _recording(browser, base, built, "/")
        searched = _after(
            lambda: (
                page.keyboard.press("/"),
                page.keyboard.type("database"),
                page.wait_for_selector(".md-search-result__meta", state="attached"),
            ),
            built,
            base,
            requested,
            page,
        )
        steps.append(Fetched("header search: first query", "/", searched))
        context.close()
    return pages, steps


def _table(rows: list[Fetched], limit: float | None, label: str) -> list[str]:
    lines = [
        f"| {label} | path | KB gz | files | largest |" + (" limit |" if limit else ""),
        "|---|---|---:|---:|---|" + ("---|" if limit else ""),
    ]
    for row in rows:
        largest = max(row.files.items(), key=lambda item: item[1], default=("", 0))
        verdict = ""
        if limit:
            verdict = f" {'met' if row.kb <= limit else '**missed**'} (≤ {limit:g}) |"
        lines.append(
            f"| {row.what} | `{row.url}` | {row.kb:.1f} | {len(row.files)} | "
            f"`{largest[0]}` {largest[1] / 1024:.1f} |{verdict}"
        )
    return lines


def report(n: int, pages: list[Fetched], steps: list[Fetched], build_cpu: float | None) -> str:
    """The Markdown section."""
    built = f" Build: {build_cpu:.0f} s CPU." if build_cpu is not None else ""
    lines = [
        BEGIN,
        f"## Reader's fetches at scale: {n:,} incidents",
        "",
        f"Written by `python -m benchmarks.scale --n {n}` on {machine()}, {MEASURED}.{built}",
        "Each page in a fresh Chromium context (cold cache); every same-site file fetched "
        "without interaction, gzipped at level 6; KB = 1,024 bytes. Then, on one archive page, "
        "what each step fetched beyond what the page already had.",
        "",
        *_table(pages, PAGE_LIMIT_KB, "page"),
        "",
        *_table(steps[:1], FILTER_LIMIT_KB, "step"),
        *_table(steps[1:2], None, "step")[2:],
        *_table(steps[2:3], FILTER_LIMIT_KB, "step")[2:],
        *_table(steps[3:], None, "step")[2:],
        END,
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Generate, build, measure, write the section."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.scale", description=__doc__)
    parser.add_argument("--n", type=int, default=10_000, help="incidents (default 10,000)")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "RESULTS.md")
    parser.add_argument("--built", type=Path, help="measure this built site (corpus in ../site)")
    parser.add_argument("--workdir", type=Path, help="where to generate and build (kept)")
    args = parser.parse_args(argv)
    build_cpu = None
    if args.built:
        built, site = args.built, args.built.parent / "site"
    else:
        work = args.workdir or Path(tempfile.mkdtemp(prefix="statusgen-scale-"))
        site, built = work / "site", work / "built"
        print(f"writing {args.n} incidents into {site}", flush=True)
        write_corpus(site, args.n)
        _add_subscribe(site)
        print("building", flush=True)
        build_cpu = _build(site, built)
    pages, steps = measure(built, site)
    section = report(args.n, pages, steps, build_cpu)
    print(section)
    replace_section(args.out, BEGIN, END, section)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
