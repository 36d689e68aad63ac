"""Real status histories through statusgen: imported verbatim, checked, built, and measured
against every budget.

    python -m benchmarks.real_histories \\
        --history "GitHub (Statuspage)" statuspage /tmp/gh/incidents \\
        --history "Jenkins (cState)" cstate /tmp/jenkins [--out benchmarks/HOSTILE.md]

Each history (a label, the import format and the source folder: CI has no copy of them, so
they are arguments) is imported with `statusgen import` into a fresh `statusgen init` site.
The run prints the import report's repairs by kind (a real history must need no
`text_fitted` and no `title_cut`: the budgets must fit what real pages publish), times
`statusgen check`, builds the public and the internal site with `mkdocs build --strict`, and
measures on the imported files, as the check reads and renders them, the largest value of
everything a budget bounds. The table puts each maximum beside its limit, with the margin
(limit / maximum, at least 5 by rule), and is written into HOSTILE.md between the
real-histories markers. Exit status 1 when an import fits or cuts text, the check fails, a
build fails, or a margin is under 5.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import yaml

from benchmarks.sections import MEASURED, machine, replace_section
from statusgen.content import SiteLayout, check_site
from statusgen.content import budgets as b
from statusgen.content.costs import paragraphs, scan_length
from statusgen.content.files import MAX_FILE_BYTES
from statusgen.content.yamlsource import MAX_DEPTH, MAX_NODES
from statusgen.render.markup import MarkdownRenderer
from statusgen.render.preflight import (
    incident_texts,
    plain_copies_bytes,
    published_size,
    render_within_budgets,
)
from statusgen.render.sanitize import element_depth

BEGIN, END = "<!-- real-histories -->", "<!-- /real-histories -->"
#: Repairs that change text: a real history must need none.
TEXT_REPAIRS = ("text_fitted", "title_cut")
#: The margin every limit must keep over the real maximum.
MARGIN = 5


@dataclass
class Maximum:
    """The largest value seen of one measure, and where."""

    value: float = 0
    where: str = ""

    def see(self, value: float, where: str) -> None:
        if value > self.value:
            self.value, self.where = value, where


@dataclass
class Maxima:
    """The largest value of each measure over every history."""

    seen: dict[str, Maximum] = field(default_factory=dict)

    def see(self, name: str, value: float, where: str) -> None:
        self.seen.setdefault(name, Maximum()).see(value, where)


def run(*args: str, env: dict[str, str] | None = None) -> tuple[float, str]:
    """(seconds, output) of a command that must succeed."""
    started = time.perf_counter()
    done = subprocess.run(
        args, capture_output=True, text=True, env={**os.environ, **(env or {})}, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    return time.perf_counter() - started, done.stdout + done.stderr


def statusgen(*args: str) -> tuple[float, str]:
    return run(sys.executable, "-m", "statusgen", *args)


@dataclass
class History:
    """One history's import, check and builds."""

    label: str
    incidents: int = 0
    repairs: dict[str, int] = field(default_factory=dict)
    check_seconds: float = 0.0
    builds: dict[str, float] = field(default_factory=dict)

    @property
    def text_repairs(self) -> int:
        return sum(self.repairs.get(kind, 0) for kind in TEXT_REPAIRS)


def import_history(label: str, kind: str, source: Path, root: Path) -> History:
    """Import one history into a new site at `root`, check it and build both audiences."""
    statusgen("init", str(root), "--no-input", "--url", "https://status.example.test/")
    statusgen("-C", str(root), "import", kind, str(source))
    report = json.loads((root / ".statusgen" / "import-report.json").read_text(encoding="utf-8"))
    history = History(label, report["summary"]["incidents"], report["summary"]["kinds"])
    history.check_seconds, _ = statusgen("-C", str(root), "check")
    for audience in ("public", "internal"):
        seconds, _ = run(
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-q",
            "-f",
            str(root / "mkdocs.yml"),
            "-d",
            str(root.parent / f"{root.name}-{audience}"),
            env={"STATUSGEN_AUDIENCE": audience, "NO_MKDOCS_2_WARNING": "1"},
        )
        history.builds[audience] = seconds
    return history


def measure(label: str, root: Path, maxima: Maxima) -> None:
    """Every budgeted quantity of the imported site, as the check reads and renders it."""
    site, problems = check_site(SiteLayout(root), datetime.now(UTC))
    assert not problems, problems[:5]
    markdown = MarkdownRenderer()
    for component in site.catalog.components:
        maxima.see("NAME", len(component.name), f"{label}: {component.id}")
        maxima.see("DESCRIPTION", len(component.description), f"{label}: {component.id}")
    for incident in site.incidents:
        where = f"{label}: {incident.id}"
        maxima.see("TITLE", len(incident.title), where)
        maxima.see("PHASES", len(incident.phases), where)
        maxima.see("BODY", len(incident.body), where)
        maxima.see("WORKAROUND", len(incident.workaround), where)
        for phase in incident.phases:
            maxima.see("MESSAGE", len(phase.message), where)
            if phase.affected:
                maxima.see("AFFECTED", len(phase.affected), where)
        total = len(incident.title) + len(incident.workaround) + len(incident.body)
        maxima.see("INCIDENT_TEXT", total + sum(len(p.message) for p in incident.phases), where)
        rendered_total = len(incident.title.encode("utf-8"))
        published = plain_copies_bytes(incident)
        for _, what, text, copies in incident_texts(incident):
            seconds = float("inf")
            for _ in range(3):  # the best of 3: a shared machine's pauses are not the text's
                started = time.perf_counter()
                rendered, problem = render_within_budgets(markdown, text, what, 60)
                seconds = min(seconds, time.perf_counter() - started)
            maxima.see("RENDER_SECONDS", seconds, where)
            assert problem is None, (where, problem)
            measure_text(text, rendered, where, maxima)
            rendered_total += len(rendered.encode("utf-8"))
            published += published_size(rendered) * copies.of(incident)
        maxima.see("RENDERED_BYTES", rendered_total, where)
        maxima.see("PUBLISHED_BYTES", published, where)


def measure_files(label: str, root: Path, maxima: Maxima) -> None:
    """Each incident file's size, and its front matter's YAML depth and number of values."""
    for path in sorted((root / "incidents").rglob("*.md")):
        where = f"{label}: {path.stem}"
        text = path.read_text(encoding="utf-8")
        maxima.see("file size", len(text.encode("utf-8")), where)
        node = yaml.compose(text.split("\n---", 1)[0].removeprefix("---\n"))
        depth, values = _yaml_shape(node)
        maxima.see("YAML depth", depth, where)
        maxima.see("YAML values", values, where)


def _yaml_shape(node: yaml.Node | None, depth: int = 1) -> tuple[int, int]:
    """(depth, number of nodes) of a YAML node tree."""
    if node is None:
        return 0, 0
    children: list[yaml.Node] = []
    if isinstance(node, yaml.MappingNode):
        children = [part for pair in node.value for part in pair]
    elif isinstance(node, yaml.SequenceNode):
        children = list(node.value)
    deepest, count = depth, 1
    for child in children:
        child_depth, child_count = _yaml_shape(child, depth + 1)
        deepest, count = max(deepest, child_depth), count + child_count
    return deepest, count


def measure_text(text: str, rendered: str, where: str, maxima: Maxima) -> None:
    """The measures of one Markdown text and its sanitized HTML."""
    for paragraph in paragraphs(text):
        maxima.see("paragraph characters", len(paragraph.text), where)
        maxima.see("LINES", paragraph.lines, where)
        maxima.see("MARKUP", paragraph.markup, where)
        openers = paragraph.text.count("[") + paragraph.text.count("<")
        maxima.see("'[' and '<' in a paragraph", openers, where)
        for line in paragraph.text.split("\n"):
            maxima.see("NESTING", b.nesting_depth(line), where)
    size = len(text)
    scanned = scan_length(text)
    maxima.see("SCAN", scanned / max(size, 1), where)
    maxima.see("SCAN of its limit", scanned / (b.SCAN.limit * size + b.SCAN_FLOOR), where)
    maxima.see("DEPTH", element_depth(rendered), where)
    source, weight = len(text.encode("utf-8")), published_size(rendered)
    maxima.see("EXPANSION", weight / max(source, 1), where)
    allowed = b.EXPANSION.limit * source + b.EXPANSION_FLOOR
    maxima.see("EXPANSION of its limit", weight / allowed, where)


@dataclass(frozen=True)
class Row:
    """A measure beside its limit. `share`: the maximum is already a share of the limit (a
    limit that depends on the text's size); `limit` 0: nothing limits it."""

    measure: str
    limit_name: str = ""
    limit: float = 0
    share: bool = False


def budget_row(name: str, measure: str = "", share: bool = False) -> Row:
    """The row of a budget of `statusgen/content/budgets.py`."""
    budget: b.Budget = getattr(b, name)
    return Row(measure or name, f"`{name}` {budget.limit:,}", budget.limit, share)


ROWS = [
    Row("file size", "2 MiB", MAX_FILE_BYTES),
    Row("YAML depth", "32 levels", MAX_DEPTH),
    Row("YAML values", "500,000", MAX_NODES),
    *(budget_row(name) for name in ("TITLE", "NAME", "DESCRIPTION", "MESSAGE", "AFFECTED")),
    *(budget_row(name) for name in ("WORKAROUND", "BODY", "PHASES", "INCIDENT_TEXT")),
    Row("paragraph characters"),
    Row("'[' and '<' in a paragraph"),
    budget_row("LINES"),
    budget_row("MARKUP"),
    budget_row("SCAN"),
    budget_row("SCAN", "SCAN of its limit", share=True),
    budget_row("NESTING"),
    budget_row("DEPTH"),
    budget_row("EXPANSION"),
    budget_row("EXPANSION", "EXPANSION of its limit", share=True),
    budget_row("RENDERED_BYTES"),
    budget_row("PUBLISHED_BYTES"),
    budget_row("RENDER_SECONDS"),
]


def table(maxima: Maxima) -> tuple[list[str], bool]:
    """The table's lines, and whether every margin is at least MARGIN."""
    lines = [
        "| measure | real maximum | where | limit | margin |",
        "|---|---:|---|---|---:|",
    ]
    ok = True
    for row in ROWS:
        seen = maxima.seen.get(row.measure, Maximum())
        value = f"{seen.value:,.2f}" if seen.value % 1 else f"{seen.value:,.0f}"
        if row.measure == "RENDER_SECONDS":
            value = f"{seen.value * 1000:,.1f} ms"
        margin = None
        if seen.value and row.share:
            value, margin = f"{seen.value:.1%} of its limit", 1 / seen.value
        elif seen.value and row.limit:
            margin = row.limit / seen.value
        ok = ok and (margin is None or margin >= MARGIN)
        shown = "" if margin is None else f"{margin:,.1f}x"
        where, limit = seen.where or "none in these histories", row.limit_name or "none"
        lines.append(f"| {row.measure} | {value} | {where} | {limit} | {shown} |")
    return lines, ok


def report(machine_name: str, histories: list[History], maxima: Maxima) -> tuple[str, bool]:
    """The section of HOSTILE.md, and whether every history passed."""
    lines = [
        BEGIN,
        "## Real histories beside the budgets",
        "",
        f"Measured {MEASURED} on {machine_name}, with `python -m benchmarks.real_histories`:",
        "each history imported into a fresh `statusgen init` site, checked, and built for both",
        "audiences; then the largest value of everything a budget bounds, as the check reads",
        "and renders the imported files. Margin is the limit over the real maximum (at least",
        f"{MARGIN} by rule).",
        "",
        "| history | incidents | text repairs (`text_fitted`, `title_cut`) | other repairs "
        "| check s | public build s | internal build s |",
        "|---|---:|---:|---|---:|---:|---:|",
    ]
    ok = True
    for history in histories:
        other = ", ".join(
            f"{kind} {count}"
            for kind, count in sorted(history.repairs.items())
            if kind not in TEXT_REPAIRS
        )
        ok = ok and not history.text_repairs
        lines.append(
            f"| {history.label} | {history.incidents:,} | {history.text_repairs} | {other} "
            f"| {history.check_seconds:.1f} | {history.builds['public']:.1f} "
            f"| {history.builds['internal']:.1f} |"
        )
    rows, margins_ok = table(maxima)
    return "\n".join([*lines, "", *rows, "", END]), ok and margins_ok


def main(argv: list[str] | None = None) -> int:
    """Import, check, build and measure every history given; write the section."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--history",
        nargs=3,
        action="append",
        required=True,
        metavar=("LABEL", "FORMAT", "SOURCE"),
        help="a history: its label, the import format and the source folder",
    )
    parser.add_argument("--out", type=Path, default=Path("benchmarks/HOSTILE.md"))
    parser.add_argument("--machine", default=machine(), help="how to name the machine")
    args = parser.parse_args(argv)
    histories: list[History] = []
    maxima = Maxima()
    with tempfile.TemporaryDirectory(prefix="statusgen-histories-") as folder:
        for number, (label, kind, source) in enumerate(args.history):
            root = Path(folder) / f"site{number}"
            history = import_history(label, kind, Path(source).resolve(), root)
            histories.append(history)
            print(f"{label}: {history.incidents} incidents, repairs {history.repairs}", flush=True)
            measure(label, root, maxima)
            measure_files(label, root, maxima)
    section, ok = report(args.machine, histories, maxima)
    print(section)
    replace_section(args.out, BEGIN, END, section)
    print(f"wrote {args.out}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
