"""`python -m benchmarks.serve_bench`: `mkdocs serve`'s edit-to-page time (issue 22).

    python -m benchmarks.serve_bench [--sizes 10000] [--runs 3] [--out benchmarks/RESULTS.md]

For each size, the benchmark's seeded corpus (`benchmarks.corpus`), then in every run, in
this process (the same code `mkdocs serve` runs, without its HTTP server and file polling):

- **full build**: what `mkdocs serve` does first and after any change it cannot map, MkDocs'
  `build()` of a fresh configuration into the served folder (`plugin/incremental.Preview`
  keeps what it left);
- **edit to page**: one incident's message edited on disk, then `Preview.rebuild` with that
  path (what `mkdocs serve`'s builder calls once MkDocs saw the change), timed until it
  returned, with the served page checked to hold the new text.

Full builds and edits alternate run by run. Times are wall and CPU (user + system of this
process) in seconds; medians of the runs. `mkdocs serve` adds its own wait before it calls the
builder: its polling of the watched folders (every 0.5 s) and its quiet time (0.1 s).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.__main__ import DEFAULT_OUT, log, machine_info, parse_sizes
from benchmarks.corpus import DEFAULT_SEED, SOURCE_DATE_EPOCH, write_corpus
from benchmarks.sections import replace_section, written_by

BEGIN, END = "<!-- serve-benchmark -->", "<!-- /serve-benchmark -->"
SERVE_URL = "http://127.0.0.1:8000/"


def timed(action: Callable[[], Any]) -> tuple[float, float, Any]:
    """Wall and CPU seconds of `action()`, and what it returned."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = action()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def full_build(site: Path, out: Path) -> Any:
    """MkDocs' build of a fresh configuration, as `mkdocs serve` builds; the preview of it."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from statusgen.plugin.incremental import Preview

    config = load_config(config_file=str(site / "mkdocs.yml"), site_dir=str(out))
    build(config, serve_url=SERVE_URL)
    plugin: Any = config.plugins["statusgen"]
    return Preview(plugin.recorder.built)


def edited_incident(site: Path) -> Path:
    """The newest incident file: the one a responder edits during an outage."""
    return max((site / "incidents").rglob("*.md"), key=lambda path: path.as_posix())


def measure(n: int, runs: int, folder: Path, seed: int) -> dict[str, list[tuple[float, float]]]:
    """Every measurement of one size, `runs` times each."""
    site, out = folder / "corpus", folder / "served"
    write_corpus(site, n, seed=seed)
    os.chdir(site)
    log(f"N={n}: corpus written")
    path = edited_incident(site)
    page = out / "incidents" / path.stem / "index.html"
    results: dict[str, list[tuple[float, float]]] = {"full build": [], "edit to page": []}
    preview = None
    for run in range(1, runs + 1):
        wall, cpu, preview = timed(lambda: full_build(site, out))
        results["full build"].append((wall, cpu))
        log(f"N={n} run {run}/{runs}: full build {wall:.2f} s wall, {cpu:.2f} s CPU")
        marker = f"Edited in run {run} of the serve benchmark."
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("    message: ", f"    message: {marker} ", 1), "utf-8")
        wall, cpu, done = timed(lambda: preview.rebuild({str(path)}))  # noqa: B023
        if not done or marker not in page.read_text(encoding="utf-8"):
            raise SystemExit(f"the edit of {path} did not reach {page} incrementally")
        results["edit to page"].append((wall, cpu))
        log(f"N={n} run {run}/{runs}: edit to page {wall:.2f} s wall, {cpu:.2f} s CPU")
    return results


def table(n: int, results: dict[str, list[tuple[float, float]]]) -> list[str]:
    full = statistics.median(cpu for _, cpu in results["full build"])
    rows = []
    for name, measured in results.items():
        wall = statistics.median(w for w, _ in measured)
        cpu = statistics.median(c for _, c in measured)
        rows.append(
            f"| {n:,} | {name} | {len(measured)} | {wall:.2f} | {cpu:.2f} | {cpu / full:.3f}x |"
        )
    return rows


def write_section(out: Path, command: str, rows: list[str]) -> str:
    section = "\n".join(
        [
            BEGIN,
            "## `mkdocs serve`: edit to page (issue 22)",
            "",
            written_by(command, machine_info()),
            "",
            "In one process, the code `mkdocs serve` runs (`benchmarks/serve_bench.py`): *full "
            "build* is MkDocs' build of the corpus into the served folder (what `mkdocs serve` "
            "does first, and on any change it cannot map); *edit to page* is one incident's "
            "message edited, then `plugin/incremental.Preview.rebuild` until the served page "
            "holds the new text. Medians of the runs, wall and CPU (user + system) in seconds; "
            "*CPU vs full* divides by the full build's CPU. `mkdocs serve` adds its polling "
            "(0.5 s) and quiet time (0.1 s) before it calls the builder.",
            "",
            "| N | measurement | runs | wall | CPU | CPU vs full |",
            "|---:|---|---:|---:|---:|---:|",
            *rows,
            END,
        ]
    )
    replace_section(out, BEGIN, END, section)
    return section


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.serve_bench")
    parser.add_argument("--sizes", default="10000", help="incident counts; N:R: R runs")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (medians)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--workdir", type=Path, default=None, help="where temporary sites go")
    args = parser.parse_args(argv)
    command = "python -m benchmarks.serve_bench " + " ".join(argv or sys.argv[1:])
    os.environ["SOURCE_DATE_EPOCH"] = str(SOURCE_DATE_EPOCH)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    rows: list[str] = []
    here = Path.cwd()
    with tempfile.TemporaryDirectory(prefix="statusgen-serve-", dir=args.workdir) as tmp:
        try:
            for n, runs in parse_sizes(args.sizes, args.runs):
                rows += table(n, measure(n, runs, Path(tmp) / f"n{n}", args.seed))
                shutil.rmtree(Path(tmp) / f"n{n}", ignore_errors=True)
        finally:
            os.chdir(here)
    print(write_section(args.out.resolve(), command.strip(), rows), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
