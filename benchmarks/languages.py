"""The cost of languages: the same site built in one language and in three.

    python -m benchmarks.languages [--sizes 1000,10000] [--runs 3] [--out benchmarks/RESULTS.md]

The benchmark corpus (`benchmarks/corpus.py`) is written once per size and copied into two
sites: one in English alone, and the same with `languages: [en, fr, nl]` whose every incident
also has its title, every update's message and its postmortem in French (issue 28's format;
rendered and published per language) and nothing in Dutch (every Dutch text is the English
one, marked "not yet translated").
Each site is built once to fill its render cache (as a site's CI keeps it), then the two are
built alternately, `runs` times each, every page made again (`--pages made`: the finished
pages and generated files statusgen keeps are removed before each measured build) or, with
`--pages kept`, as a build after an unchanged one finds them; the table gives the medians of
wall and CPU time (user + system of the `mkdocs build` process) and of peak memory, and the
ratio of three languages to one on CPU time (the issue asks at most 2.2). It writes the
"Languages" section of RESULTS.md between its markers.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from benchmarks.__main__ import Measured, log, machine_info, mkdocs_build
from benchmarks.corpus import write_corpus
from benchmarks.sections import replace_section, written_by
from statusgen.render.finished import PAGES_DIR
from statusgen.render.keptfiles import FILES_DIR

BEGIN, END = "<!-- languages -->", "<!-- /languages -->"
LANGUAGES = "      languages: [en, fr, nl]\n"
#: The issue's bound on three languages' build time over one language's.
TARGET_RATIO = 2.2


def with_languages(root: Path) -> None:
    """The site in `root` published in English, French and Dutch."""
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - statusgen\n" in text
    config.write_text(
        text.replace("  - statusgen\n", "  - statusgen:\n" + LANGUAGES), encoding="utf-8"
    )


#: A text field written on one line in the corpus: the incident's title, an update's message.
_ONE_LINE = re.compile(r"^(?P<indent>(?:title)|(?:    message)): (?P<value>(?![|>]).+)$", re.M)


def french(text: str) -> str:
    """A stand-in French text: as long as the English one, and a different text to render."""
    return "FR " + text


def with_french(root: Path) -> int:
    """Every incident's title, messages and postmortem given a French text, written as
    issue 28's format has it (a mapping of languages to texts; the body's French section after
    `<!-- lang: fr -->`); Dutch is left untranslated. Returns the files rewritten."""

    def field(match: re.Match[str]) -> str:
        key = match["indent"]
        pad = " " * (len(key) - len(key.lstrip()) + 2)
        english = match["value"]
        translated = json.dumps(french(yaml.safe_load(english)), ensure_ascii=False)
        return f"{key}:\n{pad}en: {english}\n{pad}fr: {translated}"

    count = 0
    for path in sorted((root / "incidents").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        _, front, body = text.split("---\n", 2)
        front = _ONE_LINE.sub(field, front)
        if body.strip():
            body = body.rstrip("\n") + "\n\n<!-- lang: fr -->\n" + french(body.strip()) + "\n"
        path.write_text(f"---\n{front}---\n{body}", encoding="utf-8")
        count += 1
    return count


@dataclass
class Runs:
    """The measured builds of one site."""

    builds: list[Measured]

    def median(self, field: str) -> float:
        return statistics.median(getattr(b, field) for b in self.builds)


def measure(
    n: int, runs: int, workdir: Path, french: bool, pages_kept: bool
) -> tuple[Runs, Runs, int]:
    """Build the one-language and the three-language site of `n` incidents alternately."""
    one, three = workdir / f"one-{n}", workdir / f"three-{n}"
    log(f"N={n}: writing the corpus")
    write_corpus(one, n)
    shutil.copytree(one, three)
    with_languages(three)  # before its French texts: a site of one language refuses them
    translated = with_french(three) if french else 0
    results = {one: Runs([]), three: Runs([])}
    for site in (one, three, one, three):  # fill each render and parse cache, unmeasured
        mkdocs_build(site, workdir / "out")  # (twice: files just written are not kept)
    for run in range(runs):
        for site in (one, three):
            if not pages_kept:  # every page and generated file made again
                for kept in (PAGES_DIR, FILES_DIR):
                    shutil.rmtree(site / kept, ignore_errors=True)
            measured = mkdocs_build(site, workdir / "out")
            results[site].builds.append(measured)
            log(f"N={n} run {run + 1} {site.name}: {measured.cpu_s:.2f} s CPU")
    return results[one], results[three], translated


def report(rows: list[tuple[int, Runs, Runs, int]], runs: int, pages: str) -> str:
    info = machine_info()
    lines = [
        BEGIN,
        "## Languages: one site in one language and in three",
        "",
        written_by(f"python -m benchmarks.languages --runs {runs} --pages {pages}", info),
        "",
        "The same corpus built without the `languages` option and with `languages: [en, fr, "
        "nl]`, alternately, each after a build that filled its render cache; "
        + (
            "the finished pages and files kept by the last build found (nothing changed); "
            if pages == "kept"
            else "every page and file made again (the finished pages and generated files "
            "kept between builds removed); "
        )
        + "medians of the runs. CPU time is user + system of `mkdocs build`; RSS its peak. "
        f"The issue asks three languages to cost at most {TARGET_RATIO}x one.",
        "",
        "| N | runs | incidents with French texts | 1 language CPU s | 3 languages CPU s | "
        "**CPU ratio** | 1 language wall s | 3 languages wall s | 1 language RSS MB | "
        "3 languages RSS MB |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n, one, three, translated in rows:
        ratio = three.median("cpu_s") / one.median("cpu_s")
        verdict = "within" if ratio <= TARGET_RATIO else "over"
        lines.append(
            f"| {n:,} | {runs} | {translated:,} | {one.median('cpu_s'):.2f} | "
            f"{three.median('cpu_s'):.2f} | **{ratio:.2f}** ({verdict}) | "
            f"{one.median('wall_s'):.2f} | {three.median('wall_s'):.2f} | "
            f"{one.median('max_rss_kb') / 1024:.0f} | {three.median('max_rss_kb') / 1024:.0f} |"
        )
    lines.append(END)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000", help="incident counts, e.g. 1000,10000")
    parser.add_argument("--runs", type=int, default=3, help="measured builds of each site")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "RESULTS.md")
    parser.add_argument("--no-french", action="store_true", help="leave the corpus in English only")
    parser.add_argument(
        "--pages",
        choices=("made", "kept"),
        default="made",
        help="make every page again (default) or find the pages the last build kept",
    )
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory(prefix="statusgen-languages-") as temp:
        for n in (int(size) for size in args.sizes.split(",")):
            one, three, translated = measure(
                n, args.runs, Path(temp), not args.no_french, args.pages == "kept"
            )
            rows.append((n, one, three, translated))
    section = report(rows, args.runs, args.pages)
    replace_section(args.out, BEGIN, END, section)
    print(section)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
