"""The web editor's usual YAML mistakes get their cause, at the line to fix."""

from __future__ import annotations

import pytest

from statusgen.content.yamlsource import YamlSource
from statusgen.problems import Problem

INCIDENT = """\
title: "API errors"
impact: minor
components:
  api: partial_outage
phases:
  - at: 2026-12-07T08:00:00Z
    status: investigating
    message: "We are investigating a problem with Public API."
"""


def problem_of(text: str) -> Problem:
    problems: list[Problem] = []
    assert YamlSource("incident.md", problems).compose(text) is None
    assert len(problems) == 1, problems
    return problems[0]


@pytest.mark.parametrize(
    ("mistake", "fixed", "line", "hint"),
    [
        ("impact minor", "impact: minor", 2, "a key needs a colon and a space after it"),
        ("\tapi: partial_outage", "  api: partial_outage", 4, "indented with a tab"),
        ('title: "API "errors" now"', 'title: "API errors"', 1, 'write \\" for each quote'),
        ("title: 'API isn't up'", 'title: "API errors"', 1, "write '' for each apostrophe"),
        (
            "   status: investigating",
            "    status: investigating",
            7,
            "indented 3 spaces and the key on the line above starts after 4",
        ),
        (
            "      status: investigating",
            "    status: investigating",
            7,
            "indented 6 spaces and the key on the line above starts after 4",
        ),
        (
            "    message: We are: investigating",
            '    message: "We are investigating a problem with Public API."',
            8,
            "put the text in double quotes",
        ),
    ],
)
def test_each_mistake_is_named_at_its_line(mistake: str, fixed: str, line: int, hint: str) -> None:
    assert fixed in INCIDENT
    problem = problem_of(INCIDENT.replace(fixed, mistake))
    assert (problem.line, hint in problem.message) == (line, True), problem.message


def test_the_example_itself_is_valid() -> None:
    problems: list[Problem] = []
    assert YamlSource("incident.md", problems).compose(INCIDENT) is not None and not problems
