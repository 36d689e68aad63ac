"""What the benchmarks that write into one Markdown file share: the machine's description,
the date written down, and sections kept between markers so that each benchmark rewrites only
its own."""

from __future__ import annotations

import contextlib
import os
import platform
import re
from pathlib import Path

#: The date the tables are written down with (the project's calendar, not the machine's).
MEASURED = "2026-12-07"
#: A section a benchmark owns: `<!-- name -->` ... `<!-- /name -->`.
_SECTION = re.compile(r"<!-- ([a-z-]+) -->.*?<!-- /\1 -->", re.S)


def machine() -> str:
    """The CPU, cores and memory of this machine, and the Python that ran."""
    cpu = platform.machine()
    with contextlib.suppress(OSError):
        info = Path("/proc/cpuinfo").read_text()
        cpu = next(
            line.split(":", 1)[1].strip() for line in info.splitlines() if "model name" in line
        )
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{cpu}, {os.cpu_count()} cores, {memory:.0f} GiB, {platform.system()}, "
        f"{platform.python_implementation()} {platform.python_version()}"
    )


def replace_section(path: Path, begin: str, end: str, section: str) -> None:
    """Write `section` (which starts with `begin` and ends with `end`) into the file in place
    of its old one, or at its end."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    pattern = re.compile(re.escape(begin) + ".*?" + re.escape(end), re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _: section, text)
    else:
        text = text.rstrip("\n") + ("\n\n" if text else "") + section + "\n"
    path.write_text(text, encoding="utf-8")


def with_sections(path: Path, text: str) -> str:
    """`text` followed by the marked sections the file at `path` holds (other benchmarks')."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    kept = [match.group() for match in _SECTION.finditer(old)]
    return "\n\n".join([text.rstrip("\n"), *kept]) + "\n"


def written_by(command: str, info: dict[str, str]) -> str:
    """The line that says which command wrote a section, where and when (`machine()`'s info)."""
    return (
        f"Written by `{command}` on {info['Machine']}, {info['Date (UTC)']} UTC, load "
        f"average {info['Load average at start']}, Python {info['Python']}, statusgen "
        f"{info['statusgen']}."
    )
