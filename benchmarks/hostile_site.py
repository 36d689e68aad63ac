"""Whole-site cost of hostile texts: a real `mkdocs build` of each audience, in a child process.

Used by `benchmarks.hostile`: a text that `statusgen check` accepts is copied into its page,
the feeds (site and component), the search index and the API, so its cost is measured on the
built site, not on one rendering: seconds, bytes written and the child's peak memory.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

#: 2026-03-10T12:00:00Z, the build date of these sites.
EPOCH = "1773144000"
AUDIENCES = ("public", "internal")

MKDOCS_YML = """\
site_name: Hostile Status
site_url: https://status.test/
theme: {name: material, font: false}
plugins:
  - search
  - statusgen:
      timezone: UTC
      audience: !ENV [AUDIENCE, public]
"""
COMPONENTS = """\
groups:
  - name: Core
    components:
      - {id: api, name: Public API}
      - {id: web, name: Website}
"""
INCIDENT_HEAD = """\
---
title: Hostile
impact: minor
components: {api: degraded_performance, web: degraded_performance}
phases:
"""
BASELINE = "  - at: 2026-03-10T09:00:00Z\n    status: investigating\n    message: Plain.\n"


@dataclass(frozen=True)
class Build:
    """One build's cost."""

    seconds: float
    site_bytes: int
    #: The child process's peak resident memory, in KiB (`ru_maxrss`).
    peak_kib: int


def write_site(root: Path, messages: list[str]) -> Path:
    """A site whose one incident has an update per message (a plain one when none)."""
    updates = "".join(
        f"  - at: 2026-03-10T09:{n:02d}:00Z\n    status: investigating\n"
        f"    message: {json.dumps(message)}\n"
        for n, message in enumerate(messages)
    )
    files = {
        "mkdocs.yml": MKDOCS_YML,
        "components.yml": COMPONENTS,
        "docs/.keep": "",
        "incidents/2026-03-10-hostile.md": INCIDENT_HEAD + (updates or BASELINE) + "---\n",
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def build(root: Path, dest: Path, audience: str) -> Build:
    """`mkdocs build --strict` of `root` for one audience, measured from outside."""
    environment = {
        **os.environ,
        "SOURCE_DATE_EPOCH": EPOCH,
        "NO_MKDOCS_2_WARNING": "1",
        "AUDIENCE": audience,
    }
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(dest)]
    started = time.perf_counter()
    child = subprocess.Popen(
        command, cwd=root, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    assert child.stderr is not None
    errors = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise RuntimeError(f"build failed ({audience}): {errors.decode()[-2000:]}")
    size = sum(p.stat().st_size for p in dest.rglob("*") if p.is_file())
    return Build(seconds, size, int(usage.ru_maxrss))
