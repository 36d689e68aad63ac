"""Message templates' placeholders: `{{components}}` that statusgen fills, and blanks such as
`{{ describe the symptom }}` that a responder replaces by hand.

One reading serves the filler (`statusgen new/update/resolve --template`), the check of
template files and the rule that refuses a phase message with a placeholder left. Text in
Markdown code (`` `{{ .Values }}` `` or a fenced block) is never a placeholder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: The placeholders statusgen fills, and what fills each.
NAMES: dict[str, str] = {
    "title": "the incident's title",
    "components": "--component, else the incident's components",
    "impact": "--impact, else the incident's impact",
    "next_update": "--next-update",
    "estimate": "--estimate",
    "workaround": "--workaround, else the incident's workaround",
    "start": "--start, else the maintenance window's start",
    "end": "--end, else the maintenance window's end",
}
#: What a responder reads when a placeholder is left in a published message.
LEFT = 'a template placeholder "{text}" is left; expected your own words'
LEFT_PREFIX = LEFT.split("{text}", 1)[0]
EXAMPLE_BLANK = "{{ describe the symptom }}"

_PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}")
_IDENTIFIER = re.compile(r"[a-z][a-z0-9_]*")
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,}).*?(?:^[ \t]*\1[`~]*[ \t]*$|\Z)", re.M | re.S)
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)", re.S)


@dataclass(frozen=True)
class Placeholder:
    """One `{{...}}` of a text."""

    #: As written, braces included.
    text: str
    #: The name statusgen fills it from, or None for a blank a responder replaces.
    name: str | None
    #: Where it is in the text: index of its `{{`, and its line counted from 0.
    start: int
    line: int


def _without_code(text: str) -> str:
    """The text with Markdown code blanked out, every index and line break kept."""

    def blank(match: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", match.group())

    return _CODE_SPAN.sub(blank, _FENCE.sub(blank, text))


def find_placeholders(text: str) -> list[Placeholder]:
    """Every placeholder of `text` outside Markdown code, in order."""
    if "{{" not in text:
        return []  # most texts: blanking code only writes spaces, so it cannot make a `{{`
    found = []
    for match in _PLACEHOLDER.finditer(_without_code(text)):
        inner = match.group(1).strip()
        start = match.start()
        written = text[start : match.end()]
        name = inner if inner in NAMES else None
        found.append(Placeholder(written, name, start, text.count("\n", 0, start)))
    return found


def escape_braces(text: str) -> tuple[str, int]:
    """The text with each `{{` outside Markdown code written `&#123;{` (which every page,
    feed and client shows as `{{`), so that text from elsewhere (a Hugo shortcode, a template
    quoted in an update) is not taken for a placeholder left unfilled; and how many."""
    spans = [m.start() for m in _PLACEHOLDER.finditer(_without_code(text))]
    for start in reversed(spans):
        text = text[:start] + "&#123;" + text[start + 1 :]
    return text, len(spans)


def placeholders_left(message: str, line: int, block: bool) -> list[tuple[int, str]]:
    """A phase message's placeholders as problems: (file line, what; expected what). The
    message starts at `line`; in a `|` block (`block`) its lines are the file's, after it."""
    return [
        (line + (1 + p.line if block else 0), LEFT.format(text=p.text))
        for p in find_placeholders(message)
    ]


def template_problems(text: str) -> list[tuple[int, str]]:
    """What is wrong with a template's placeholders: (line counted from 0, what; expected what)."""
    problems: list[tuple[int, str]] = []
    for number, line in enumerate(_without_code(text).split("\n")):
        for match in _PLACEHOLDER.finditer(line):
            if why := _placeholder_problem(match.group(), match.group(1)):
                problems.append((number, why))
        rest = _PLACEHOLDER.sub("", line)
        if "{{" in rest or "}}" in rest:
            half = "{{ without its }}" if "{{" in rest else "}} without its {{"
            problems.append(
                (
                    number,
                    f"a {half} on the same line; expected {{{{name}}}} or {EXAMPLE_BLANK} "
                    "on one line (put other braces in `code`)",
                )
            )
    return problems


def _placeholder_problem(written: str, inner: str) -> str:
    """What is wrong with one `{{...}}` of a template, or ""."""
    if "{{" in inner:
        return f'"{written}" opens a placeholder inside another; expected }}}} before the next {{{{'
    if not inner.strip():
        return (
            f'an empty placeholder "{written}"; expected a name such as {{{{components}}}} '
            f"or words to replace, like {EXAMPLE_BLANK}"
        )
    if inner == inner.strip() and _IDENTIFIER.fullmatch(inner) and inner not in NAMES:
        names = ", ".join(f"{{{{{name}}}}}" for name in NAMES)
        return (
            f'unknown placeholder "{written}"; expected one of {names}, '
            f"or a blank with spaces inside, like {EXAMPLE_BLANK}"
        )
    return ""
