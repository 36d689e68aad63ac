"""`python -m benchmarks.cache_bench`: what the render cache saves (issue 22), beside the floor.

    python -m benchmarks.cache_bench [--sizes 1000,10000:2] [--runs 3] [--before REV]
                                     [--out benchmarks/RESULTS.md]

For each size, the benchmark's seeded corpus and its floor (`benchmarks.corpus`), then in every
run, each a fresh process under `/usr/bin/time -v`:

- the floor's `mkdocs build`;
- with `--before REV`, that revision's statusgen (its `statusgen/` exported with `git archive`
  and put first on `PYTHONPATH`) building the same corpus, and its `statusgen check`;
- statusgen's `mkdocs build` **cold** (no `.cache/`), **warm** (nothing changed since), and
  with **one incident changed** (a paragraph added to one postmortem, restored afterwards);
- `statusgen check` **cold** (no `.cache/`) and **warm**.

The blocks alternate (reversed every other run), so drifting load on a shared machine does not
favour one side; the tables show medians and ratios measured in the same run. The results go
into RESULTS.md between the cache-benchmark markers (the main benchmark keeps that section).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
from collections import defaultdict
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

from benchmarks.__main__ import (
    DEFAULT_OUT,
    REPO,
    Measured,
    log,
    machine_info,
    mkdocs_build,
    parse_sizes,
    run_timed,
)
from benchmarks.corpus import DEFAULT_SEED, write_corpus, write_floor_site
from benchmarks.sections import replace_section, written_by

BEGIN, END = "<!-- cache-benchmark -->", "<!-- /cache-benchmark -->"
NOW = "2026-11-23T12:00:00Z"
#: Measurement names in table order, with what each row says.
ROWS = {
    "floor": "floor `mkdocs build`",
    "before build": "before: `mkdocs build`",
    "cold build": "`mkdocs build`, cold cache",
    "warm build": "`mkdocs build`, warm (nothing changed)",
    "one changed": "`mkdocs build`, one incident changed",
    "before check": "before: `statusgen check`",
    "cold check": "`statusgen check`, cold cache",
    "warm check": "`statusgen check`, warm",
}
#: What each measurement is compared with in the earlier revision.
COUNTERPART = {
    "cold build": "before build",
    "warm build": "before build",
    "one changed": "before build",
    "cold check": "before check",
    "warm check": "before check",
}


def export_revision(revision: str, folder: Path) -> Path:
    """`statusgen/` of a git revision, written under `folder` (what goes on PYTHONPATH)."""
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", "--format=tar", revision, "statusgen"],
        capture_output=True,
        check=True,
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder


def changed_file(site: Path) -> Path:
    """An incident file with a postmortem body: the one the "one changed" build edits."""
    for path in sorted((site / "incidents").rglob("*.md"), reverse=True):
        if path.read_text(encoding="utf-8").split("---", 2)[2].strip():
            return path
    raise SystemExit("the corpus has no incident with a body")


def check(site: Path, env: dict[str, str] | None = None) -> Measured:
    """`statusgen check` of the site in a fresh process."""
    command = [sys.executable, "-m", "statusgen", "-C", str(site), "--now", NOW, "check"]
    return run_timed(command, cwd=site, env=env)


def without_cache(site: Path) -> Path:
    shutil.rmtree(site / ".cache", ignore_errors=True)
    return site


def measure(
    n: int, runs: int, workdir: Path, seed: int, before: Path | None
) -> dict[str, list[Measured]]:
    """Every measurement of one size, `runs` times each."""
    corpus, floor = workdir / "corpus", workdir / "floor"
    write_corpus(corpus, n, seed=seed)
    write_floor_site(floor, corpus)
    log(f"N={n}: corpus and floor written")
    edited = changed_file(corpus)
    original = edited.read_text(encoding="utf-8")
    old = {"PYTHONPATH": str(before)} if before else None

    def changed(run: int) -> Measured:
        edited.write_text(original + f"\nEdited in run {run}: *one* change.\n", encoding="utf-8")
        try:
            return mkdocs_build(corpus, workdir / "out")
        finally:
            edited.write_text(original, encoding="utf-8")

    def blocks(run: int) -> list[list[tuple[str, Callable[[], Measured]]]]:
        found = [
            [("floor", lambda: mkdocs_build(floor, workdir / "out-floor"))],
            [
                ("cold build", lambda: mkdocs_build(without_cache(corpus), workdir / "out")),
                ("warm build", lambda: mkdocs_build(corpus, workdir / "out")),
                ("one changed", lambda: changed(run)),
            ],
            [
                ("cold check", lambda: check(without_cache(corpus))),
                ("warm check", lambda: check(corpus)),
            ],
        ]
        if old is not None:
            found.insert(
                1, [("before build", lambda: old_build(without_cache(corpus), workdir, old))]
            )
            found.append([("before check", lambda: check(without_cache(corpus), old))])
        return found if run % 2 else found[::-1]

    return alternated(n, runs, blocks)


#: Blocks of named measurements, in their order for a run (1-based).
Blocks = Callable[[int], list[list[tuple[str, Callable[[], Measured]]]]]


def alternated(n: int, runs: int, blocks: Blocks) -> dict[str, list[Measured]]:
    """Each of `runs` runs through `blocks(run)` (which alternates their order run by run),
    logged as measured: every measurement by name."""
    results: dict[str, list[Measured]] = defaultdict(list)
    for run in range(1, runs + 1):
        for block in blocks(run):
            for name, action in block:
                measured = action()
                results[name].append(measured)
                log(
                    f"N={n} run {run}/{runs}: {name}: {measured.wall_s:.2f} s wall, "
                    f"{measured.cpu_s:.2f} s CPU, peak {measured.max_rss_kb / 1024:.0f} MB"
                )
    return results


def old_build(corpus: Path, workdir: Path, env: dict[str, str]) -> Measured:
    """The earlier revision's build of the corpus, cold (an earlier revision with the render
    cache would otherwise find the entries the other builds left, when its renderer is the
    same)."""
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(corpus / "mkdocs.yml")]
    return run_timed([*command, "-d", str(workdir / "out-before")], cwd=corpus, env=env)


def table(n: int, results: dict[str, list[Measured]]) -> list[str]:
    """One size's rows: medians and ratios to the floor and to the earlier revision."""

    def med(name: str, value: Callable[[Measured], float]) -> float:
        return statistics.median(value(m) for m in results[name])

    floor_wall = med("floor", lambda m: m.wall_s)
    floor_rss = med("floor", lambda m: m.max_rss_kb)
    rows = []
    for name, label in ROWS.items():
        if name not in results:
            continue
        wall, rss = med(name, lambda m: m.wall_s), med(name, lambda m: m.max_rss_kb)
        versus, counterpart = "", COUNTERPART.get(name, "")
        if counterpart in results:
            versus = f"{wall / med(counterpart, lambda m: m.wall_s):.2f}"
        cpu_versus = cpu_ratio(results[name], results[counterpart]) if versus else "-"
        rows.append(
            f"| {n:,} | {label} | {len(results[name])} | {wall:.2f} | "
            f"{med(name, lambda m: m.cpu_s):.2f} | {rss / 1024:.0f} | {wall / floor_wall:.2f} | "
            f"{cpu_ratio(results[name], results['floor'])} | "
            f"{rss / floor_rss:.2f} | {versus or '-'} | {cpu_versus} |"
        )
    return rows


def cpu_ratio(measured: list[Measured], against: list[Measured]) -> str:
    """The median of run-by-run CPU ratios (each run's measurement over the same run's
    counterpart), with their range: the noise of a shared machine, where wall times mislead."""
    ratios = [m.cpu_s / a.cpu_s for m, a in zip(measured, against, strict=False) if a.cpu_s]
    if not ratios:
        return "-"
    middle = statistics.median(ratios)
    return (
        f"{middle:.2f} ({min(ratios):.2f}–{max(ratios):.2f})"
        if len(ratios) > 1
        else f"{middle:.2f}"
    )


def write_section(out: Path, command: str, revision: str | None, rows: list[str]) -> str:
    """The results' section, replacing an earlier one in `out`."""
    info = machine_info()
    before = f"`{revision}`" if revision else "no earlier revision"
    section = "\n".join(
        [
            BEGIN,
            "## Render cache (issue 22)",
            "",
            written_by(command, info).removesuffix(".")
            + f"; *before* is {before}, run in the same session.",
            "",
            "Each measurement a fresh process, the blocks alternated run by run; medians of the "
            "runs. Wall and CPU (user + system) in seconds, peak RSS in MB; *vs floor* and "
            "*memory vs floor* divide by the floor's build of the same run; *vs before* divides "
            "a build by the earlier revision's build and a check by its check; the *CPU* "
            "ratios are medians of run-by-run ratios with their range (on a busy machine wall "
            "times mislead, CPU times much less). *Cold*: no "
            "`.cache/`; *warm*: the cache as the previous build or check left it, nothing "
            "changed; *one incident changed*: a paragraph added to one postmortem.",
            "",
            "| N | measurement | runs | wall | CPU | peak RSS | vs floor | CPU vs floor "
            "| memory vs floor | vs before | CPU vs before |",
            "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
            *rows,
            END,
        ]
    )
    replace_section(out, BEGIN, END, section)
    return section


def run_sizes(
    prog: str,
    default_sizes: str,
    measure_size: Callable[[int, int, Path, int, Path | None], dict[str, list[Measured]]],
    table_of: Callable[[int, dict[str, list[Measured]]], list[str]],
    write: Callable[[Path, str, str | None, list[str]], str],
    argv: list[str] | None,
) -> int:
    """The command line both the cache and the check benchmarks take: each size measured in
    a temporary folder (beside an exported earlier revision, with --before), its rows added to
    the section, which is written and printed after each size."""
    parser = argparse.ArgumentParser(prog=f"python -m {prog}")
    parser.add_argument("--sizes", default=default_sizes, help="incident counts; N:R: R runs")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (medians)")
    parser.add_argument("--before", help="a git revision to measure too (e.g. main)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--workdir", type=Path, default=None, help="where temporary sites go")
    args = parser.parse_args(argv)
    command = f"python -m {prog} " + " ".join(argv or sys.argv[1:])
    rows: list[str] = []
    prefix = prog.rsplit(".", 1)[-1].replace("_", "-")
    with tempfile.TemporaryDirectory(prefix=f"statusgen-{prefix}-", dir=args.workdir) as tmp:
        base = Path(tmp)
        before = export_revision(args.before, base / "before") if args.before else None
        for n, runs in parse_sizes(args.sizes, args.runs):
            folder = base / f"n{n}"
            rows += table_of(n, measure_size(n, runs, folder, args.seed, before))
            shutil.rmtree(folder, ignore_errors=True)
            print(write(args.out, command.strip(), args.before, rows), flush=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    return run_sizes("benchmarks.cache_bench", "1000", measure, table, write_section, argv)


if __name__ == "__main__":
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    raise SystemExit(main())
