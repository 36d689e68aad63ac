"""`python -m benchmarks.import_bench`: how long `statusgen import statuspage` takes for a seeded
Statuspage export of 10,000 incidents (generated, never committed), into a fresh site.

    python -m benchmarks.import_bench [--incidents 10000] [--runs 3] [--seed 7]
                                      [--out benchmarks/RESULTS.md]

Each run is a fresh `statusgen import` process into a freshly `statusgen init`-ed site (read,
repair, check every file as `statusgen check` does, write, load the site again); then a second
import of the same export into the same site (every file unchanged). The target (issue 16) is
under 10 s for 10,000 incidents. The results go into RESULTS.md between the import markers.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from benchmarks.__main__ import DEFAULT_OUT, machine_info
from benchmarks.sections import replace_section, written_by

TARGET_S = 10.0
NOW = "2026-11-23T12:00:00Z"
BEGIN, END = "<!-- import-benchmark -->", "<!-- /import-benchmark -->"
GROUPS = ("Core platform", "Data", "Delivery", "Third parties")
STATUSES = ("investigating", "identified", "monitoring", "resolved")
WORDS = (
    "requests",
    "errors",
    "latency",
    "database",
    "queue",
    "deploy",
    "region",
    "rollback",
    "cache",
    "network",
    "storage",
    "workers",
    "traffic",
    "timeouts",
    "upstream",
    "certificate",
    "replica",
    "failover",
    "users",
    "dashboard",
)


def generate(folder: Path, count: int, seed: int) -> None:
    """components.json, incidents.json and scheduled-maintenances.json of a made-up page."""
    rng = random.Random(seed)
    components: list[dict[str, Any]] = []
    ids: list[tuple[str, str]] = []
    for g, group in enumerate(GROUPS):
        group_id = f"grp{g:09d}"
        members = [(f"cmp{g}{n:08d}", f"{group} service {n + 1}") for n in range(6)]
        components.append(
            {
                "id": group_id,
                "name": group,
                "group": True,
                "position": g * 10,
                "components": [m[0] for m in members],
                "description": None,
            }
        )
        for n, (cid, name) in enumerate(members):
            components.append(
                {
                    "id": cid,
                    "name": name,
                    "group": False,
                    "group_id": group_id,
                    "position": g * 10 + n + 1,
                    "description": f"{name} \u2013 “all regions”",
                }
            )
            ids.append((cid, name))
    start = datetime(2021, 11, 23, tzinfo=UTC)
    span = (datetime(2026, 11, 20, tzinfo=UTC) - start).total_seconds()
    incidents, maintenances = [], []
    for number in range(count):
        began = start + timedelta(seconds=rng.random() * span)
        maintenance = rng.random() < 0.05
        affected = rng.sample(ids, rng.randint(1, 3))
        item = _incident(rng, number, began, affected, maintenance)
        (maintenances if maintenance else incidents).append(item)
    page = {"id": "benchpage001", "name": "Bench", "url": "https://status.bench.test"}
    for name, key, items in (
        ("components.json", "components", components),
        ("incidents.json", "incidents", incidents),
        ("scheduled-maintenances.json", "scheduled_maintenances", maintenances),
    ):
        (folder / name).write_text(json.dumps({"page": page, key: items}), encoding="utf-8")


def _incident(
    rng: random.Random,
    number: int,
    began: datetime,
    affected: list[tuple[str, str]],
    maintenance: bool,
) -> dict[str, Any]:
    offset = timedelta(hours=rng.choice((-5, 0, 1, 9)))
    zone = __import__("datetime").timezone(offset)

    def at(moment: datetime) -> str:
        return moment.astimezone(zone).isoformat(timespec="milliseconds")

    steps = (
        ("scheduled", "in_progress", "completed") if maintenance else STATUSES[: rng.randint(2, 4)]
    )
    if not maintenance and steps[-1] != "resolved":
        steps = (*steps, "resolved")
    bad = rng.choice(("degraded_performance", "partial_outage", "major_outage"))
    updates, moment = [], began
    for step_number, status in enumerate(steps):
        before = "operational" if step_number == 0 else bad
        after = "operational" if status in ("resolved", "completed") else bad
        if maintenance:
            before, after = (
                ("under_maintenance", after) if step_number else ("operational", "operational")
            )
            if status == "in_progress":
                before, after = "operational", "under_maintenance"
            elif status == "completed":
                before, after = "under_maintenance", "operational"
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 40)))
        updates.append(
            {
                "id": f"u{number}x{step_number}",
                "status": status,
                "body": text.capitalize() + ".",
                "created_at": at(moment),
                "display_at": at(moment),
                "affected_components": [
                    {"code": cid, "name": name, "old_status": before, "new_status": after}
                    for cid, name in affected
                ],
            }
        )
        moment += timedelta(minutes=rng.randint(5, 90))
    item = {
        "id": f"inc{number:09d}",
        "name": f"{rng.choice(WORDS).capitalize()} problems affecting {affected[0][1]}",
        "status": steps[-1],
        "impact": "maintenance"
        if maintenance
        else rng.choice(("none", "minor", "major", "critical")),
        "created_at": updates[0]["created_at"],
        "started_at": updates[0]["created_at"],
        "resolved_at": updates[-1]["created_at"],
        "updated_at": updates[-1]["created_at"],
        "incident_updates": list(reversed(updates)),
        "components": [{"id": cid, "name": name} for cid, name in affected],
    }
    if maintenance:
        item["scheduled_for"] = updates[1]["created_at"]
        item["scheduled_until"] = updates[-1]["created_at"]
    return item


def timed(*args: str, cwd: Path) -> float:
    """Seconds a statusgen command takes in a fresh process (it must succeed)."""
    began = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "statusgen", "--now", NOW, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - began
    if result.returncode != 0:
        raise SystemExit(f"statusgen {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.import_bench")
    parser.add_argument("--incidents", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    info = machine_info()
    first, again = [], []
    with tempfile.TemporaryDirectory(prefix="statusgen-import-bench-") as folder:
        base = Path(folder)
        source = base / "export"
        source.mkdir()
        generate(source, args.incidents, args.seed)
        size = sum(p.stat().st_size for p in source.iterdir()) / 1e6
        for run in range(args.runs):
            site = base / f"site{run}"
            timed("init", str(site), "--no-input", "--url", "https://status.bench.test/", cwd=base)
            first.append(timed("import", "statuspage", str(source), "-C", str(site), cwd=base))
            again.append(timed("import", "statuspage", str(source), "-C", str(site), cwd=base))
            print(
                f"run {run + 1}: import {first[-1]:.2f} s, re-import {again[-1]:.2f} s", flush=True
            )
    median, median_again = statistics.median(first), statistics.median(again)
    verdict = "met" if median < TARGET_S else "missed"
    command = f"python -m benchmarks.import_bench --incidents {args.incidents} --runs {args.runs}"
    row = [f"{args.incidents:,}", str(args.runs), f"{median:.2f}", f"{median_again:.2f}"]
    row += [f"< {TARGET_S:g} s", f"**{verdict}**"]
    section = "\n".join(
        [
            BEGIN,
            "## Import (issue 16)",
            "",
            written_by(command, info),
            "",
            "A seeded Statuspage export (components.json, incidents.json, "
            f"scheduled-maintenances.json; {size:.1f} MB) imported into a fresh `statusgen init` "
            "site, each run a fresh process: read, repair, write, then check the site as "
            "`statusgen check` does. The re-import finds every file unchanged. Wall seconds, "
            "median of the runs.",
            "",
            "| incidents | runs | import | re-import | target | verdict |",
            "|---:|---:|---:|---:|---:|---|",
            "| " + " | ".join(row) + " |",
            END,
        ]
    )
    print(section)
    out: Path = args.out
    replace_section(out, BEGIN, END, section)
    print(f"written to {out}")
    return 0 if verdict == "met" else 1


if __name__ == "__main__":
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    raise SystemExit(main())
