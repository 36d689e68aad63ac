"""Problems found in content: one voice for every error, `path:line: what; expected what`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one place of one file.

    `line` is 1-based, or 0 when the problem concerns the whole file.
    """

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}: {self.message}"
        return f"{self.path}: {self.message}"

    def github_annotation(self) -> str:
        """The problem as a GitHub Actions workflow command, shown on the pull request's line."""
        location = f"file={_escape_property(self.path)}"
        if self.line:
            location += f",line={self.line}"
        return f"::error {location},title=statusgen check::{_escape_data(self.message)}"


class ContentError(Exception):
    """Raised when content is invalid; carries every problem found, sorted."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(format_problems(self.problems))


def format_problems(problems: list[Problem]) -> str:
    """One problem a line, then a count."""
    lines = [str(p) for p in problems]
    files = len({p.path for p in problems})
    noun = "problem" if len(problems) == 1 else "problems"
    lines.append(f"{len(problems)} {noun} in {files} file{'s' if files != 1 else ''}")
    return "\n".join(lines)


# GitHub's workflow-command escaping:
# https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts
def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
