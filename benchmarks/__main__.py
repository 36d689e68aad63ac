"""`python -m benchmarks`: generate corpora, build and measure statusgen against the floor.

    python -m benchmarks [--sizes 1000,5000,10000] [--runs 3] [--quick]
                         [--out benchmarks/RESULTS.md]

For each size N: write a seeded corpus and the floor site (plain MkDocs + Material, one page per
incident, same text) into a temporary folder, then measure, each run a fresh subprocess:

(a) load + validate + derive (`benchmarks.load_probe`), (b) `mkdocs build` of the statusgen site
and (c) of the floor, wall time and peak RSS from `/usr/bin/time -v`, (d) ratios and time per
incident, (e) the reader's side of the built statusgen site (page weight gzipped, third-party
requests, search index size) and (f) the archive page in headless Chromium.

A size may carry its own run count: `--sizes 1000,5000,10000:2`. `--quick` is N=200, one run,
and prints its tables without writing a file unless `--out` is given (CI runs it; it asserts
nothing). See benchmarks/README.md for what every column means.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from benchmarks.corpus import (
    DEFAULT_SEED,
    SOURCE_DATE_EPOCH,
    CorpusSummary,
    write_corpus,
    write_floor_site,
)

REPO = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO / "benchmarks" / "RESULTS.md"
TIME_BIN = "/usr/bin/time"
BUILD_TIMEOUT_S = 3600

# The targets of issue 7.
TARGET_TIME_RATIO = 1.25
TARGET_MEMORY_RATIO = 1.3
TARGET_LINEARITY = 1.2
TARGET_LOAD_S = 3.0
TARGET_PAGE_KB = 90
# Issue 14: everything a page fetches without interaction, at every size.
TARGET_ALL_KB = 100
TARGET_SEARCH_B = 1024
TARGET_FIRST_RENDER_MS = 1000
TARGET_FILTER_MS = 100

_STARTED = time.perf_counter()


def log(message: str) -> None:
    """One progress line with the time since start."""
    elapsed = time.perf_counter() - _STARTED
    print(f"[{int(elapsed // 60):3d}:{elapsed % 60:04.1f}] {message}", flush=True)


# -- running things -------------------------------------------------------------------------------
#: Where measured processes keep their compiled modules. A site's CI installs statusgen with
#: pip, which compiles it as it compiles MkDocs and Material; a checkout run with
#: `PYTHONDONTWRITEBYTECODE` (or an editable install never imported before) would compile
#: statusgen's modules again in every measured build while the floor's come compiled. So every
#: measured process reads its modules compiled, from one folder, filled before it is timed.
BYTECODE_DIR = Path(tempfile.gettempdir()) / "statusgen-bench-bytecode"
_COMPILED: set[str] = set()


def build_env() -> dict[str, str]:
    """The environment of every measured subprocess: the corpus' fixed now, no Material banner,
    modules compiled into `BYTECODE_DIR`."""
    env = {
        **os.environ,
        "SOURCE_DATE_EPOCH": str(SOURCE_DATE_EPOCH),
        "NO_MKDOCS_2_WARNING": "1",
        "PYTHONPYCACHEPREFIX": str(BYTECODE_DIR),
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def compile_modules(env: dict[str, str]) -> None:
    """Every module a measured process imports compiled into `BYTECODE_DIR` before it is
    timed: once per code under test (`PYTHONPATH` names an earlier revision's export), a build
    of a 20-incident corpus, of its floor and a check of it, untimed."""
    code = env.get("PYTHONPATH", "")
    if code in _COMPILED:
        return
    _COMPILED.add(code)
    with tempfile.TemporaryDirectory(prefix="statusgen-bench-compile-") as folder:
        corpus, floor = Path(folder) / "corpus", Path(folder) / "floor"
        write_corpus(corpus, 20)
        write_floor_site(floor, corpus)
        for site, command in (
            (corpus, ["-m", "mkdocs", "build", "-d", str(Path(folder) / "out")]),
            (floor, ["-m", "mkdocs", "build", "-d", str(Path(folder) / "out-floor")]),
            (corpus, ["-m", "statusgen", "check"]),
        ):
            subprocess.run(
                [sys.executable, *command], cwd=site, env=env, capture_output=True, check=False
            )


@dataclass
class Measured:
    """One timed subprocess."""

    wall_s: float
    cpu_s: float
    max_rss_kb: int
    stdout: str
    stderr: str


def _time_field(text: str, name: str) -> str:
    match = re.search(rf"^\s*{re.escape(name)}:\s*(.+)$", text, re.MULTILINE)
    if match is None:
        raise RuntimeError(f"/usr/bin/time printed no {name!r}:\n{text[-2000:]}")
    return match.group(1).strip()


def run_timed(
    command: list[str], cwd: Path | None = None, env: dict[str, str] | None = None
) -> Measured:
    """Run under `/usr/bin/time -v` (with `env` added to `build_env()`); wall time from here,
    CPU and peak RSS from time."""
    with tempfile.NamedTemporaryFile("r", suffix=".time", delete=False) as report:
        report_path = report.name
    try:
        environment = {**build_env(), **(env or {})}
        compile_modules(environment)
        started = time.perf_counter()
        done = subprocess.run(
            [TIME_BIN, "-v", "-o", report_path, *command],
            cwd=cwd,
            env=environment,
            capture_output=True,
            text=True,
            timeout=BUILD_TIMEOUT_S,
        )
        wall = time.perf_counter() - started
        report_text = Path(report_path).read_text()
    finally:
        Path(report_path).unlink(missing_ok=True)
    if done.returncode != 0:
        raise RuntimeError(
            f"{' '.join(command)} failed "
            f"({done.returncode}):\n{done.stderr[-4000:]}\n{done.stdout[-2000:]}"
        )
    cpu = float(_time_field(report_text, "User time (seconds)")) + float(
        _time_field(report_text, "System time (seconds)")
    )
    rss = int(_time_field(report_text, "Maximum resident set size (kbytes)"))
    return Measured(wall, cpu, rss, done.stdout, done.stderr)


def mkdocs_build(site: Path, dest: Path) -> Measured:
    """`mkdocs build` of one site into dest (MkDocs cleans it first)."""
    return run_timed(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(site / "mkdocs.yml"), "-d", str(dest)],
        cwd=site,
    )


def warnings_in(stderr: str) -> list[str]:
    """MkDocs' WARNING lines."""
    return [line for line in stderr.splitlines() if line.startswith("WARNING")]


def gz_file(path: Path) -> int:
    """A file's size gzipped at level 6; 0 when it does not exist."""
    if not path.is_file():
        return 0
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


# -- results --------------------------------------------------------------------------------------
@dataclass
class SizeResult:
    """Everything measured for one corpus size."""

    n: int
    runs: int
    corpus: CorpusSummary
    generate_s: float
    load: list[dict[str, Any]] = field(default_factory=list)
    load_rss_kb: list[int] = field(default_factory=list)
    statusgen: list[Measured] = field(default_factory=list)
    floor: list[Measured] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    sizes: dict[str, int] = field(default_factory=dict)
    reader: dict[str, Any] = field(default_factory=dict)
    reader_error: str = ""

    # medians
    def med(self, values: Sequence[float]) -> float:
        return statistics.median(values) if values else float("nan")

    @property
    def sg_wall(self) -> float:
        return self.med([m.wall_s for m in self.statusgen])

    @property
    def floor_wall(self) -> float:
        return self.med([m.wall_s for m in self.floor])

    @property
    def sg_cpu(self) -> float:
        return self.med([m.cpu_s for m in self.statusgen])

    @property
    def floor_cpu(self) -> float:
        return self.med([m.cpu_s for m in self.floor])

    @property
    def sg_rss_mb(self) -> float:
        return self.med([m.max_rss_kb for m in self.statusgen]) / 1024

    @property
    def floor_rss_mb(self) -> float:
        return self.med([m.max_rss_kb for m in self.floor]) / 1024

    @property
    def time_ratio(self) -> float:
        return self.sg_wall / self.floor_wall

    @property
    def cpu_ratio(self) -> float:
        return self.sg_cpu / self.floor_cpu

    @property
    def memory_ratio(self) -> float:
        return self.sg_rss_mb / self.floor_rss_mb

    def load_med(self, key: str) -> float:
        return self.med([float(r[key]) for r in self.load])


def _import_section(out: Path) -> str:
    """The sections of the results file other benchmarks write (`benchmarks.import_bench`,
    `benchmarks.cache_bench`, `benchmarks.probe_bench`), kept."""
    if not out.is_file():
        return ""
    text = out.read_text()
    kept = ""
    for name in ("import-benchmark", "cache-benchmark", "probe-benchmark", "scale-benchmark"):
        found = re.search(rf"<!-- {name} -->.*?<!-- /{name} -->", text, re.S)
        kept += "\n" + found.group(0) + "\n" if found else ""
    return kept


def machine_info() -> dict[str, str]:
    """Architecture, CPU, cores, memory, versions."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "unknown"
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))  # type: ignore[union-attr]
        memory = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, AttributeError):
        pass

    def version(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "not installed"

    commit = "unknown"
    try:
        commit = subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(REPO), "status", "--porcelain", "--", "statusgen"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        if dirty:
            commit += " + uncommitted changes in statusgen/"
    except (OSError, subprocess.CalledProcessError):
        pass
    from benchmarks.reader import CHROMIUM

    chromium = "unknown"
    try:
        chromium = (
            subprocess.run(
                [CHROMIUM, "--version"], capture_output=True, text=True, timeout=30
            ).stdout.strip()
            or chromium
        )
    except (OSError, subprocess.SubprocessError):
        pass
    return {
        "Machine": f"{platform.machine()}, {cpu}, {os.cpu_count()} cores, {memory} memory",
        "Load average at start": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "Date (UTC)": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M"),
        "Python": platform.python_version(),
        "MkDocs": version("mkdocs"),
        "Material for MkDocs": version("mkdocs-material"),
        "Python-Markdown": version("markdown"),
        "statusgen": f"{version('statusgen')} (git {commit})",
        "Chromium": chromium,
    }


# -- measuring one size ---------------------------------------------------------------------------
def measure_size(
    n: int, runs: int, workdir: Path, seed: int, reader_loads: int, changes: int
) -> SizeResult:
    """Generate, build and measure one corpus size."""
    corpus_root, floor_root = workdir / "corpus", workdir / "floor"
    log(f"N={n}: generating corpus and floor in {workdir}")
    started = time.perf_counter()
    summary = write_corpus(corpus_root, n, seed=seed)
    pages = write_floor_site(floor_root, corpus_root)
    generate_s = time.perf_counter() - started
    log(
        f"N={n}: corpus written ({summary.incidents} files, {summary.maintenance} maintenance, "
        f"{summary.phases} phases, {summary.with_body} bodies, {summary.bytes / 1e6:.1f} MB; "
        f"floor {pages} pages) in {generate_s:.1f} s"
    )
    result = SizeResult(n=n, runs=runs, corpus=summary, generate_s=generate_s)

    for run in range(1, runs + 1):
        # A cold load every run: the parse cache's gain is measured apart (RESULTS.md).
        shutil.rmtree(corpus_root / ".cache", ignore_errors=True)
        measured = run_timed(
            [sys.executable, "-m", "benchmarks.load_probe", str(corpus_root)], cwd=REPO
        )
        data = json.loads(measured.stdout)
        result.load.append(data)
        result.load_rss_kb.append(measured.max_rss_kb)
        log(
            f"N={n}: load+validate+derive run {run}/{runs}: check {data['check_s']:.2f} s, "
            f"derive {data['derive_s']:.2f} s, total {data['load_validate_derive_s']:.2f} s "
            f"({data['load_validate_derive_cpu_s']:.2f} s CPU), "
            f"peak {measured.max_rss_kb / 1024:.0f} MB"
        )

    sg_out, floor_out = workdir / "out-statusgen", workdir / "out-floor"
    for run in range(1, runs + 1):
        # Alternate the order so drifting machine load does not favour one side.
        order = [("statusgen", corpus_root, sg_out), ("floor", floor_root, floor_out)]
        if run % 2 == 0:
            order.reverse()
        for name, site, dest in order:
            # A cold build every run: the render cache's gains are `benchmarks.cache_bench`'s.
            shutil.rmtree(site / ".cache", ignore_errors=True)
            measured = mkdocs_build(site, dest)
            (result.statusgen if name == "statusgen" else result.floor).append(measured)
            warned = warnings_in(measured.stderr)
            result.warnings += [
                f"{name}: {w}" for w in warned if f"{name}: {w}" not in result.warnings
            ]
            log(
                f"N={n}: mkdocs build {name} run {run}/{runs}: {measured.wall_s:.2f} s wall, "
                f"{measured.cpu_s:.2f} s CPU, peak {measured.max_rss_kb / 1024:.0f} MB"
                + (f", {len(warned)} warnings" if warned else "")
            )
    log(
        f"N={n}: build medians: statusgen {result.sg_wall:.2f} s / floor {result.floor_wall:.2f} s "
        f"= {result.time_ratio:.2f}x time, {result.sg_rss_mb:.0f} / {result.floor_rss_mb:.0f} MB "
        f"= {result.memory_ratio:.2f}x memory"
    )

    result.sizes = {
        "search_index_gz": gz_file(sg_out / "search" / "search_index.json"),
        "search_index_raw": (sg_out / "search" / "search_index.json").stat().st_size,
        "floor_search_index_gz": gz_file(floor_out / "search" / "search_index.json"),
        "archive_index_gz": gz_file(sg_out / "history" / "index.json"),
        "archive_search_gz": sum(map(gz_file, (sg_out / "history").glob("search-*.json"))),
        "site_bytes": sum(p.stat().st_size for p in sg_out.rglob("*") if p.is_file()),
        "floor_site_bytes": sum(p.stat().st_size for p in floor_out.rglob("*") if p.is_file()),
    }

    incident_path = f"/incidents/{summary.newest_with_postmortem}/"
    log(f"N={n}: reader side in Chromium (overview, {incident_path}, archive)")
    try:
        from benchmarks.reader import reader_measurements

        result.reader = reader_measurements(
            sg_out, incident_path, loads=reader_loads, changes=changes
        )
        r = result.reader
        a = r["archive"].summary()
        log(
            f"N={n}: overview {r['overview'].page_bytes / 1024:.1f} KB gz page "
            f"({r['overview'].total_bytes / 1024:.1f} KB all requests), incident "
            f"{r['incident'].page_bytes / 1024:.1f} KB ({r['incident'].total_bytes / 1024:.1f} "
            "KB), "
            f"third-party {len(r['overview'].third_party) + len(r['incident'].third_party)}; "
            "archive first "
            f"render {a['first_render_ms']:.0f} ms, filter {a['filter_change_ms']:.1f} ms, search "
            f"{a['search_ms']:.1f} ms ({r['elapsed_s']:.0f} s)"
        )
    except Exception as error:  # noqa: BLE001 - the build numbers stay useful without a browser
        result.reader_error = f"{type(error).__name__}: {error}"
        log(f"N={n}: reader measurements failed: {result.reader_error}")
    return result


def _weights(reader: dict[str, Any]) -> list[tuple[str, Any]]:
    """The measured pages' weights, named, in the table's order."""
    named = [("overview", "overview"), ("incident page", "incident"), ("archive", "archive_page")]
    return [(name, reader[key]) for name, key in named if key in reader]


# -- the report -----------------------------------------------------------------------------------
def _f(value: float, digits: int = 2) -> str:
    return "n/a" if value != value else f"{value:.{digits}f}"  # noqa: PLR0124 - NaN check


def _kb(value: float) -> str:
    return f"{value / 1024:.1f}"


def _verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def render_report(
    info: dict[str, str], results: list[SizeResult], command: str, quick: bool
) -> str:
    """The Markdown results: machine, versions, one table per concern with a row per size."""
    out = ["# statusgen benchmark results", ""]
    out.append(
        f"Written by `{command}`"
        + (" (quick run: one small size, numbers not comparable)" if quick else "")
        + ". What every column means: [README.md](README.md)."
    )
    out += ["", "| | |", "|---|---|"]
    out += [f"| {k} | {v} |" for k, v in info.items()]
    out += [
        "",
        "## Corpus",
        "",
        "| N | files | maintenance | phases | postmortems | workarounds | escalations | content "
        "MB | generated in s |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        c = r.corpus
        out.append(
            f"| {r.n:,} | {c.incidents:,} | {c.maintenance:,} | {c.phases:,} | {c.with_body:,} | "
            f"{c.with_workaround:,} | {c.escalations:,} | {c.bytes / 1e6:.1f} | "
            f"{r.generate_s:.1f} |"
        )

    out += [
        "",
        "## (b)-(d) `mkdocs build`: statusgen vs the floor",
        "",
        "Medians of the runs; wall time and CPU time (user + system) in seconds, peak RSS in MB.",
        "",
        "| N | runs | statusgen wall | floor wall | time ratio | statusgen CPU | floor CPU | CPU "
        "ratio "
        "| statusgen RSS | floor RSS | memory ratio | statusgen ms/incident | floor ms/incident |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        out.append(
            f"| {r.n:,} | {r.runs} | {_f(r.sg_wall)} | {_f(r.floor_wall)} | {_f(r.time_ratio)} | "
            f"{_f(r.sg_cpu)} | "
            f"{_f(r.floor_cpu)} | {_f(r.cpu_ratio)} | {_f(r.sg_rss_mb, 0)} | "
            f"{_f(r.floor_rss_mb, 0)} | "
            f"{_f(r.memory_ratio)} | {_f(r.sg_wall / r.n * 1000)} | "
            f"{_f(r.floor_wall / r.n * 1000)} |"
        )
    by_n = {r.n: r for r in results}
    linear = None
    if 1000 in by_n and 10000 in by_n:
        small, big = by_n[1000], by_n[10000]
        linear = (big.sg_wall / big.n) / (small.sg_wall / small.n)
        floor_linear = (big.floor_wall / big.n) / (small.floor_wall / small.n)
        cpu_linear = (big.sg_cpu / big.n) / (small.sg_cpu / small.n)
        out += [
            "",
            f"Time per incident at 10,000 / at 1,000: statusgen **{linear:.2f}** "
            f"(CPU time {cpu_linear:.2f}); the floor {floor_linear:.2f}.",
        ]
    all_warnings = [w for r in results for w in r.warnings]
    if all_warnings:
        out += ["", "Build warnings: " + "; ".join(f"`{w}`" for w in all_warnings[:10])]

    out += [
        "",
        "## (a) Load + validate + derive",
        "",
        "Fresh process per run (`python -m benchmarks.load_probe`); medians in seconds. "
        "`check_site` reads and validates every file; `build_snapshot` derives timelines, uptime "
        "and every incident's HTML; the archive indexes are built after that (not in the total).",
        "",
        "| N | check_site | audience filter | build_snapshot | **total** | total CPU | archive "
        "indexes | peak RSS MB |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        out.append(
            f"| {r.n:,} | {_f(r.load_med('check_s'))} | {_f(r.load_med('audience_s'), 3)} | "
            f"{_f(r.load_med('derive_s'))} | **{_f(r.load_med('load_validate_derive_s'))}** | "
            f"{_f(r.load_med('load_validate_derive_cpu_s'))} | "
            f"{_f(r.load_med('archive_index_s'), 3)} | {_f(r.med(r.load_rss_kb) / 1024, 0)} |"
        )

    out += [
        "",
        "## (e) Reader side (built statusgen site, Chromium, gzip level 6)",
        "",
        "*Page* = HTML, CSS, JS, fonts and images the page loads; *all* = every request of the "
        "page "
        "load, including what scripts fetch after it without interaction (Material's search "
        "index and worker, and the archive's index, wait for the reader's first use). "
        "KB = 1,024 bytes.",
        "",
        "| N | overview page KB | overview all KB | incident page KB | incident all KB | "
        "archive page KB | archive all KB | third-party requests "
        "| search index KB | search index B/incident | floor's B/incident | archive index.json "
        "B/incident "
        "| archive search-*.json B/incident |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        s = r.sizes
        if r.reader:
            weights = _weights(r.reader)
            third = sum(len(w.third_party) for _, w in weights)
            cells = [size for _, w in weights for size in (w.page_bytes, w.total_bytes)]
            page_cols = " | ".join([*(_kb(c) for c in cells), str(third)])
        else:
            page_cols = " | ".join(["n/a"] * 7)
        out.append(
            f"| {r.n:,} | {page_cols} | {_kb(s['search_index_gz'])} | "
            f"{s['search_index_gz'] / r.n:.0f} | "
            f"{s['floor_search_index_gz'] / r.n:.0f} | {s['archive_index_gz'] / r.n:.0f} | "
            f"{s['archive_search_gz'] / r.n:.0f} |"
        )
    for r in results:
        if r.reader:
            ov, inc = r.reader["overview"], r.reader["incident"]
            parts = ", ".join(
                f"{k} {_kb(v)}" for k, v in sorted(ov.by_kind.items(), key=lambda kv: -kv[1])
            )
            out += [
                "",
                f"N={r.n:,}: overview by kind (KB gz): {parts}. Incident page measured: "
                f"`{inc.url}` "
                f"(HTML {_kb(inc.by_kind.get('html', 0))} KB).",
            ]
            urls = sorted(set(ov.third_party) | set(inc.third_party))
            if urls:
                out.append("Third-party requests: " + ", ".join(f"`{u}`" for u in urls[:10]))
        elif r.reader_error:
            out += ["", f"N={r.n:,}: reader measurements failed: `{r.reader_error}`"]

    out += [
        "",
        "## (f) The archive (`/history/`) in headless Chromium",
        "",
        "Milliseconds, medians. *First render*: from navigation start until `#sg-results` holds "
        "its first list (cold cache, fresh context per load). *Filter change*: "
        "`select[name=impact]` "
        "set to `major` and `change` dispatched, timed inside the page until the DOM is updated "
        "(the filter renders synchronously); *+ layout* also forces style and layout. *Search*: a "
        "word typed into the text filter once the search texts are loaded; *first search* includes "
        "fetching every part of `history/search-*.json`, until the count is exact.",
        "",
        "| N | loads | first render | filter change | filter change + layout | first search | "
        "search |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        if r.reader:
            a = r.reader["archive"]
            m = a.summary()
            out.append(
                f"| {r.n:,} | {len(a.first_render)} | {m['first_render_ms']:.0f} | "
                f"{m['filter_change_ms']:.1f} | "
                f"{m['filter_change_layout_ms']:.1f} | {m['first_search_ms']:.0f} | "
                f"{m['search_ms']:.1f} |"
            )
        else:
            out.append(f"| {r.n:,} | n/a | n/a | n/a | n/a | n/a | n/a |")

    out += ["", "## Targets (issue 7)", "", "| target | measured | verdict |", "|---|---|---|"]
    for r in results:
        out.append(
            f"| build time within {TARGET_TIME_RATIO}x the floor, N={r.n:,} | {_f(r.time_ratio)}x "
            f"({_f(r.sg_wall)} s vs {_f(r.floor_wall)} s) | "
            f"{_verdict(r.time_ratio <= TARGET_TIME_RATIO)} |"
        )
    for r in results:
        out.append(
            f"| peak memory within {TARGET_MEMORY_RATIO}x the floor, N={r.n:,} | "
            f"{_f(r.memory_ratio)}x "
            f"({_f(r.sg_rss_mb, 0)} MB vs {_f(r.floor_rss_mb, 0)} MB) | "
            f"{_verdict(r.memory_ratio <= TARGET_MEMORY_RATIO)} |"
        )
    if linear is not None:
        out.append(
            f"| time per incident at 10,000 within {TARGET_LINEARITY}x of 1,000 | {linear:.2f}x | "
            f"{_verdict(linear <= TARGET_LINEARITY)} |"
        )
    big = max(results, key=lambda r: r.n)
    at = f"N={big.n:,}" + ("" if big.n == 10000 else " (target is at 10,000)")
    total = big.load_med("load_validate_derive_s")
    out.append(
        f"| load + validate + derive under {TARGET_LOAD_S:.0f} s, {at} | {_f(total)} s "
        f"({_f(big.load_med('load_validate_derive_cpu_s'))} s CPU) | "
        f"{_verdict(total < TARGET_LOAD_S)} |"
    )
    for r in results:
        if not r.reader:
            continue
        weights = _weights(r.reader)
        for name, w in weights:
            out.append(
                f"| {name}: page at most {TARGET_PAGE_KB} KB gzipped (issue 7), everything "
                f"fetched at most {TARGET_ALL_KB} KB (issue 14), N={r.n:,} | "
                f"{_kb(w.page_bytes)} KB page; {_kb(w.total_bytes)} KB with everything fetched "
                f"| page {_verdict(w.page_bytes <= TARGET_PAGE_KB * 1024)}"
                f", all {_verdict(w.total_bytes <= TARGET_ALL_KB * 1024)} |"
            )
        third = sum(len(w.third_party) for _, w in weights)
        out.append(f"| no third-party request, N={r.n:,} | {third} | {_verdict(third == 0)} |")
    for r in results:
        per = r.sizes["search_index_gz"] / r.n
        out.append(
            f"| search index under 1 KB per incident gzipped, N={r.n:,} | {per:.0f} B (Material's "
            "`search_index.json`); archive `search-*.json` "
            f"{r.sizes['archive_search_gz'] / r.n:.0f} B | "
            f"{_verdict(per < TARGET_SEARCH_B)} |"
        )
    if big.reader:
        m = big.reader["archive"].summary()
        out.append(
            f"| archive first render under {TARGET_FIRST_RENDER_MS} ms, {at} | "
            f"{m['first_render_ms']:.0f} ms | "
            f"{_verdict(m['first_render_ms'] < TARGET_FIRST_RENDER_MS)} |"
        )
        out.append(
            f"| archive filter change under {TARGET_FILTER_MS} ms, {at} | "
            f"{m['filter_change_ms']:.1f} ms "
            f"({m['filter_change_layout_ms']:.1f} ms with layout) | "
            f"{_verdict(m['filter_change_layout_ms'] < TARGET_FILTER_MS)} |"
        )
    out += [
        "",
        "Why the missed targets are missed, the profiles that show it and what would fix them: "
        "[PROFILE.md](PROFILE.md).",
    ]
    return "\n".join(out) + "\n"


# -- command line ---------------------------------------------------------------------------------
def parse_sizes(text: str, runs: int) -> list[tuple[int, int]]:
    """ "1000,5000,10000:2" -> [(1000, runs), (5000, runs), (10000, 2)]."""
    sizes = []
    for part in text.split(","):
        part = part.strip().replace("_", "")
        if not part:
            continue
        size, _, own = part.partition(":")
        sizes.append((int(size), int(own) if own else runs))
    if not sizes or any(n < 1 or r < 1 for n, r in sizes):
        raise argparse.ArgumentTypeError(f"bad --sizes {text!r}; expected e.g. 1000,5000,10000:2")
    return sizes


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--sizes",
        default="1000,5000,10000",
        help="incident counts, comma-separated; N:R gives size N its own run count",
    )
    parser.add_argument(
        "--runs", type=int, default=3, help="runs per measurement (median); default 3"
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="N=200, one run, results printed (written only with --out); for CI",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help=f"results file (default {DEFAULT_OUT.relative_to(REPO)}; none with --quick)",
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="corpus seed")
    parser.add_argument("--workdir", type=Path, default=None, help="where temporary sites go")
    parser.add_argument("--keep", action="store_true", help="keep the generated and built sites")
    args = parser.parse_args(argv)

    if args.quick:
        sizes = [(200, 1)]
        out = args.out
        reader_loads, changes = 3, 5
    else:
        sizes = parse_sizes(args.sizes, args.runs)
        out = args.out or DEFAULT_OUT
        reader_loads, changes = 5, 9
    if not Path(TIME_BIN).exists():
        parser.error(f"{TIME_BIN} is needed for peak memory (Debian: apt-get install time)")
    command = "python -m benchmarks " + " ".join(argv if argv is not None else sys.argv[1:])
    info = machine_info()
    log(
        f"benchmarks: sizes {', '.join(f'{n} x{r}' for n, r in sizes)}; {info['Machine']}; "
        f"Python {info['Python']}, MkDocs {info['MkDocs']}, Material "
        f"{info['Material for MkDocs']}, "
        f"statusgen {info['statusgen']}"
    )
    results: list[SizeResult] = []
    report = ""
    for n, runs in sizes:
        workdir = Path(tempfile.mkdtemp(prefix=f"statusgen-bench-{n}-", dir=args.workdir))
        try:
            results.append(measure_size(n, runs, workdir, args.seed, reader_loads, changes))
        finally:
            if args.keep:
                log(f"N={n}: kept {workdir}")
            else:
                shutil.rmtree(workdir, ignore_errors=True)
        report = render_report(info, results, command.strip(), args.quick)
        if out is not None:
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(report + _import_section(out), encoding="utf-8")
            log(f"results so far written to {out}")
    print()
    print(report)
    log("done" + (f"; results in {out}" if out is not None else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
