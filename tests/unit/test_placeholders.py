"""Message templates' placeholders: what counts as one, what a template may hold, how one is
filled, and the rule that refuses a phase message with one left (at its exact line)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from statusgen.cli.templates import fill, local_time, words_list
from statusgen.content import budgets
from statusgen.content.incidents import parse_incident
from statusgen.content.placeholders import find_placeholders, template_problems
from statusgen.content.writing import render_new_file
from statusgen.model import (
    Catalog,
    Component,
    ComponentStatus,
    Group,
    Impact,
    Phase,
    PhaseStatus,
)
from statusgen.problems import Problem
from statusgen.render.locale import Translator

NOW = datetime(2026, 11, 23, 12, tzinfo=UTC)
CATALOG = Catalog(
    groups=(Group(name="Core", components=(Component(id="api", name="API", group="Core"),)),)
)


def test_names_blanks_and_code() -> None:
    text = (
        "On {{components}}: {{ say what fails }}.\n`{{title}}` and\n```\n{{impact}}\n```\n{{ end }}"
    )
    found = find_placeholders(text)
    assert [(p.text, p.name, p.line) for p in found] == [
        ("{{components}}", "components", 0),
        ("{{ say what fails }}", None, 0),
        ("{{ end }}", "end", 5),  # a name with spaces is still the name
    ]
    assert text[found[1].start :].startswith("{{ say what fails }}")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Fine {{components}} and {{ your words }}.\n`{{ code }}` {", []),
        ("\n\nx {{componets}}", [(2, 'unknown placeholder "{{componets}}"; expected one of')]),
        ("{{}}", [(0, 'an empty placeholder "{{}}"; expected a name such as {{components}}')]),
        ("a\n{{ open", [(1, "a {{ without its }} on the same line; expected {{name}} or")]),
        ("a }} b", [(0, "a }} without its {{ on the same line")]),
        ("{{ a {{title}} }}", [(0, '"{{ a {{title}}" opens a placeholder inside another')]),
    ],
)
def test_template_problems_name_the_line(text: str, expected: list[tuple[int, str]]) -> None:
    found = template_problems(text)
    assert [line for line, _ in found][: len(expected)] == [line for line, _ in expected]
    for (_, message), (_, start) in zip(found, expected, strict=False):
        assert message.startswith(start), message
    assert bool(found) == bool(expected)


def test_fill_replaces_only_names_with_values() -> None:
    text = "{{components}} {{ blank }} {{next_update}} `{{components}}` {{ components }}"
    assert fill(text, {"components": "API", "next_update": ""}) == (
        "API {{ blank }} {{next_update}} `{{components}}` API"
    )


def test_lists_and_times_in_the_sites_language() -> None:
    assert words_list(["A"], Translator("fr")) == "A"
    assert words_list(["A", "B", "C"], Translator("de")) == "A, B und C"
    moment = datetime(2026, 7, 1, 12, 5, tzinfo=UTC)
    assert local_time(moment, UTC, Translator("en")) == "Jul 1, 2026, 12:05 UTC"
    paris = local_time(moment, ZoneInfo("Europe/Paris"), Translator("fr"))
    assert paris == "1 juil. 2026, 14:05 CEST (UTC+02:00)"
    kolkata = local_time(moment, ZoneInfo("Asia/Kolkata"), Translator("nl"))
    assert kolkata == "1 jul 2026, 17:35 IST (UTC+05:30)"
    # A zone whose abbreviation is a number shows the offset once.
    assert local_time(moment, ZoneInfo("America/Sao_Paulo"), Translator("en")).endswith(
        "09:05 UTC-03:00"
    )


def incident(message_lines: str, body: str = "") -> str:
    return (
        "---\ntitle: T\nimpact: minor\ncomponents: {api: partial_outage}\nphases:\n"
        "  - at: 2026-11-23T10:00:00Z\n    status: investigating\n"
        f"{message_lines}---\n{body}"
    )


def problems_of(text: str, *, draft: bool = False) -> list[Problem]:
    problems: list[Problem] = []
    parse_incident(text, "x", "incidents/x.md", CATALOG, NOW, problems, draft=draft)
    return problems


def test_check_refuses_a_placeholder_left_at_its_line() -> None:
    quoted = incident('    message: "Down. {{ say why }} and {{next_update}}"\n')
    assert [str(p) for p in problems_of(quoted)] == [
        'incidents/x.md:8: a template placeholder "{{ say why }}" is left; expected your own words',
        'incidents/x.md:8: a template placeholder "{{next_update}}" is left; '
        "expected your own words",
    ]
    # In a `|` block each line of the message is a line of the file.
    block = incident("    message: |-\n      Down.\n\n      Cause: {{ the cause }}\n")
    assert [(p.line, p.message[:40]) for p in problems_of(block)] == [
        (11, 'a template placeholder "{{ the cause }}"')
    ]
    # A draft (the file `new` is about to write) may hold them.
    assert problems_of(block, draft=True) == []


def test_code_and_the_body_are_never_placeholders() -> None:
    code = incident(
        '    message: "Helm renders `{{ .Values.x }}` wrongly."\n', "Body: {{ .Values.y }}\n"
    )
    assert problems_of(code) == []


LINE = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp")), max_size=30
)


@settings(max_examples=200, derandomize=True, database=None, deadline=None)
@given(st.lists(LINE, min_size=2, max_size=5))
def test_a_message_of_several_lines_reads_back_the_same(lines: list[str]) -> None:
    """A filled template spans lines: written as a `|-` block when that reads back the same,
    else quoted; either way the file holds the message exactly."""
    message = "\n".join(lines).strip()
    assume(message and budgets.unclean_character(message) is None)
    phase = Phase(at=NOW, status=PhaseStatus.INVESTIGATING, message=message)
    text = render_new_file("T", Impact.MINOR, {"api": ComponentStatus.PARTIAL_OUTAGE}, phase)
    problems: list[Problem] = []
    parsed = parse_incident(text, "x", "x.md", CATALOG, NOW, problems, draft=True)
    if parsed is None:  # only the message's own Markdown budgets may refuse it
        assert all("message" in p.message or "paragraph" in p.message for p in problems), problems
        return
    assert parsed.phases[0].message == message
