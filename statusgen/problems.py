"""Problems found in content: one voice for every error, `path:line: what; expected what`.

Paths and messages may carry text from a pull request (file names, values), so everything
printed here is made printable first: no escape sequence reaches a terminal and no line break
lets a file name start a GitHub workflow command (`::warning`, `::add-mask::`) in a CI log.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from itertools import groupby

#: Most problems listed per file; the rest are counted ("and 12 more problems in this file").
PROBLEMS_PER_FILE = 20
#: Characters kept as they are although Unicode calls them format characters: joiners and
#: variation selectors hold emoji and scripts together.
_KEPT = {"\u200c", "\u200d", "\ufe0e", "\ufe0f"}


def printable(text: str) -> str:
    """Text safe to print on one line: control, format (bidi overrides), private-use and
    unassigned characters shown as escapes such as `\\x1b` or `\\u202e`."""
    if text.isprintable():
        return text
    out = []
    for char in text:
        if char.isprintable() or char in _KEPT or char == " ":
            out.append(char)
        elif unicodedata.category(char) == "Zs":  # other spaces: shown as a space
            out.append(" ")
        else:
            out.append(char.encode("unicode_escape").decode("ascii"))
    return "".join(out)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one place of one file.

    `line` is 1-based, or 0 when the problem concerns the whole file.
    """

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        where = printable(self.path) + (f":{self.line}" if self.line else "")
        return f"{where}: {printable(self.message)}"

    def github_annotation(self, level: str = "error") -> str:
        """The problem as a GitHub Actions workflow command, shown on the pull request's line
        (`level`: error, or warning for what does not fail the check)."""
        location = f"file={_escape_property(printable(self.path))}"
        if self.line:
            location += f",line={self.line}"
        message = _escape_data(printable(self.message))
        return f"::{level} {location},title=statusgen check::{message}"


class ContentError(Exception):
    """Raised when content is invalid; carries every problem found, sorted."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(format_problems(self.problems))


def shown_problems(problems: list[Problem], most: int = PROBLEMS_PER_FILE) -> list[Problem]:
    """The problems to print, sorted: at most `most` a file, then one counting the rest."""
    result: list[Problem] = []
    for path, group in groupby(sorted(problems), key=lambda p: p.path):
        listed = list(group)
        result.extend(listed[:most])
        if len(listed) > most:
            rest = f"and {len(listed) - most:,} more problems in this file (fix these first)"
            result.append(Problem(path, 0, rest))
    return result


def plural(count: int, noun: str) -> str:
    """ "1 component", "3 components", "1,200 files"."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def format_problems(problems: list[Problem]) -> str:
    """One problem a line (at most PROBLEMS_PER_FILE a file), then a count of them all."""
    lines = [str(p) for p in shown_problems(problems)]
    files = len({p.path for p in problems})
    lines.append(f"{plural(len(problems), 'problem')} in {plural(files, 'file')}")
    return "\n".join(lines)


# GitHub's workflow-command escaping:
# https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts
def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
