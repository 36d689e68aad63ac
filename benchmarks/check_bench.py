"""`python -m benchmarks.check_bench`: how long `statusgen check` takes (issue 22: at 10,000
incidents, at most 1 s warm and 3 s cold, the whole command as a pull request runs it).

    python -m benchmarks.check_bench [--sizes 1000,10000] [--runs 3] [--before REV]
                                     [--out benchmarks/RESULTS.md]

For each size, the benchmark's seeded corpus (`benchmarks.corpus`), then in every run, each a
fresh process under `/usr/bin/time -v` (`python -m statusgen -C SITE --now ... check`):

- **cold**: no `.cache/` (a fresh checkout, or `STATUSGEN_CACHE=off`);
- **warm**: the caches as the previous check left them, nothing changed (pre-commit, a
  second run);
- **one incident changed**: a paragraph added to one postmortem, restored afterwards (a pull
  request that edits an incident, its cache restored);
- with `--before REV`, that revision's statusgen (its `statusgen/` exported with `git
  archive`, first on `PYTHONPATH`) cold and warm, in the same runs.

The blocks alternate (reversed every other run); the tables show medians and ratios to the
earlier revision measured in the same run. The results go into RESULTS.md between the
check-benchmark markers.
"""

from __future__ import annotations

import os
import statistics
from collections.abc import Callable
from pathlib import Path

from benchmarks.__main__ import Measured, log, machine_info
from benchmarks.cache_bench import (
    alternated,
    changed_file,
    check,
    cpu_ratio,
    run_sizes,
    without_cache,
)
from benchmarks.corpus import write_corpus
from benchmarks.sections import replace_section, written_by

BEGIN, END = "<!-- check-benchmark -->", "<!-- /check-benchmark -->"
#: The targets of issue 22, in seconds of the whole command (wall) at 10,000 incidents.
TARGETS = {"cold": 3.0, "warm": 1.0}
TARGET_SIZE = 10_000
#: Measurement names in table order, with what each row says.
ROWS = {
    "before cold": "before: cold",
    "before warm": "before: warm",
    "cold": "cold (no `.cache/`)",
    "warm": "warm (nothing changed)",
    "one changed": "warm, one incident changed",
}
COUNTERPART = {"cold": "before cold", "warm": "before warm", "one changed": "before warm"}


def measure(
    n: int, runs: int, workdir: Path, seed: int, before: Path | None
) -> dict[str, list[Measured]]:
    """Every measurement of one size, `runs` times each."""
    corpus = workdir / "corpus"
    write_corpus(corpus, n, seed=seed)
    log(f"N={n}: corpus written")
    edited = changed_file(corpus)
    original = edited.read_text(encoding="utf-8")
    old = {"PYTHONPATH": str(before)} if before else None

    def changed(run: int) -> Measured:
        edited.write_text(original + f"\nEdited in run {run}: *one* change.\n", encoding="utf-8")
        try:
            return check(corpus)
        finally:
            edited.write_text(original, encoding="utf-8")

    def blocks(run: int) -> list[list[tuple[str, Callable[[], Measured]]]]:
        found = [
            [
                ("cold", lambda: check(without_cache(corpus))),
                ("warm", lambda: check(corpus)),
                ("one changed", lambda: changed(run)),
            ]
        ]
        if old is not None:
            found.append(
                [
                    ("before cold", lambda: check(without_cache(corpus), old)),
                    ("before warm", lambda: check(corpus, old)),
                ]
            )
        return found if run % 2 else found[::-1]

    return alternated(n, runs, blocks)


def table(n: int, results: dict[str, list[Measured]]) -> list[str]:
    """One size's rows: medians, and ratios to the earlier revision."""

    def med(name: str, value: Callable[[Measured], float]) -> float:
        return statistics.median(value(m) for m in results[name])

    rows = []
    for name, label in ROWS.items():
        if name not in results:
            continue
        wall = med(name, lambda m: m.wall_s)
        counterpart = COUNTERPART.get(name, "")
        versus = cpu = "-"
        if counterpart in results:
            versus = f"{wall / med(counterpart, lambda m: m.wall_s):.2f}"
            cpu = cpu_ratio(results[name], results[counterpart])
        kind = "cold" if name.endswith("cold") else "warm"
        target = f"{TARGETS[kind]:g}" if n == TARGET_SIZE else "-"
        rows.append(
            f"| {n:,} | {label} | {len(results[name])} | {wall:.2f} | "
            f"{med(name, lambda m: m.cpu_s):.2f} | "
            f"{med(name, lambda m: m.max_rss_kb) / 1024:.0f} | "
            f"{versus} | {cpu} | {target} |"
        )
    return rows


def write_section(out: Path, command: str, revision: str | None, rows: list[str]) -> str:
    """The results' section, replacing an earlier one in `out`."""
    before = f"`{revision}`" if revision else "no earlier revision"
    section = "\n".join(
        [
            BEGIN,
            "## `statusgen check` (issue 22)",
            "",
            written_by(command, machine_info()).removesuffix(".")
            + f"; *before* is {before}, run in the same session.",
            "",
            "The whole command as a pull request runs it, each a fresh process, the blocks "
            "alternated run by run; medians of the runs. Wall and CPU (user + system) in "
            "seconds, peak RSS in MB; *vs before* divides by the earlier revision's check of "
            "the same kind (cold by cold, warm and one changed by warm); *CPU vs before* is "
            "the median of run-by-run CPU ratios with their range. *Target*: issue 22's wall "
            "seconds at 10,000 incidents (3 cold, 1 warm).",
            "",
            "| N | check | runs | wall | CPU | peak RSS | vs before | CPU vs before | target |",
            "|---:|---|---:|---:|---:|---:|---:|---:|---:|",
            *rows,
            END,
        ]
    )
    replace_section(out, BEGIN, END, section)
    return section


def main(argv: list[str] | None = None) -> int:
    return run_sizes("benchmarks.check_bench", "1000,10000", measure, table, write_section, argv)


if __name__ == "__main__":
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    raise SystemExit(main())
