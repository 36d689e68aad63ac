"""The budget scanner's fenced code is exactly what the renderer renders as fenced code: the
lines it leaves out of the budgets are never rendered as text."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from statusgen.content.budgets import markdown_problems, nesting_depth
from statusgen.content.fences import fenced_blocks, normalized_lines
from statusgen.render.markup import MarkdownRenderer

RENDERER = MarkdownRenderer()
_PRE = re.compile(r"<pre[^>]*><code[^>]*>(.*?)</code></pre>", re.S)


def scanned_code(text: str) -> list[str]:
    lines = normalized_lines(text)
    return ["".join(f"{line}\n" for line in lines[a + 1 : b]) for a, b in fenced_blocks(lines)]


def rendered_code(text: str) -> list[str]:
    return [html.unescape(code) for code in _PRE.findall(RENDERER.convert(text))]


TABLE = [
    ("closed", "```\n[[[\n```", ["[[[\n"]),
    ("unclosed", "```\n" + "[" * 50, []),
    ("indented by a space", " ```\n[[\n ```", []),
    ("indented closing", "```\n[[\n ```", []),
    ("longer closing", "```\n[[\n````", []),
    ("tilde", "~~~ python\nx\n~~~", ["x\n"]),
    ("attrs", "``` {.py #a}\nx\n```", ["x\n"]),
    ("unbalanced attrs", "``` {.py\nx\n```", []),
    ("empty", "```\n```", [""]),
    ("two", "```\na\n```\ntext\n~~~\nb\n~~~", ["a\n", "b\n"]),
    ("in a list item", "- ```\n  x\n  ```", []),
    ("tab", "```\n\tx\n```", ["    x\n"]),
    ("carriage returns", "```\r\nx\r\n```", ["x\n"]),
    ("unbalanced attrs skipped, the next fence opens", "```{x}}\n```\na\n```", ["a\n"]),
]


@pytest.mark.parametrize(("text", "code"), [c[1:] for c in TABLE], ids=[c[0] for c in TABLE])
def test_fenced_code_as_the_renderer_decides(text: str, code: list[str]) -> None:
    assert scanned_code(text) == rendered_code(text) == code


#: No line indented by 4 columns: that is an indented code block, also <pre>, which the scanner
#: reads as text (over-counting is safe; the reverse is what this test rules out).
LINES = st.sampled_from(
    [
        "```",
        "````",
        "~~~",
        " ```",
        "```py",
        "``` {.x}",
        "``` {",
        "```{x}}",
        "``` x y",
        "text [",
        "",
        "- item",
        "> quote",
        "a ``` b",
        "```  ",
        "<div>",
    ]
)


def test_an_hl_lines_quote_left_open_leaves_the_rest_to_the_budgets() -> None:
    """The renderer reads an `hl_lines` quote on across lines, so it takes a block the scan
    cannot see line by line: from there on the scan calls nothing code (never text code)."""
    text = '```python hl_lines="1\n"\nx\n```\n[[[[ brackets\n```\n'
    assert rendered_code(text) == ["x\n"]
    assert scanned_code(text) == []


def test_lines_of_unbalanced_attrs_open_no_block() -> None:
    """Each opening line with unbalanced `{attrs}` is refused from the line alone, before any
    search for a closing fence (7,400 of them, a 59 KB body, once took 4.8 s to scan)."""
    lines = normalized_lines("```{x}}\n" * 7400 + "```\n")
    assert fenced_blocks(lines) == []


@settings(max_examples=400, deadline=None, derandomize=True, database=None)
@given(st.lists(LINES, max_size=14).map("\n".join))
def test_scanned_code_equals_rendered_code(text: str) -> None:
    assert scanned_code(text) == rendered_code(text)


@pytest.mark.parametrize(
    ("line", "depth"),
    [
        ("- x", 1),
        ("- - - x", 3),
        ("- " * 300 + "x", 300),
        ("> - > 1. x", 4),
        ("    - x", 2),
        ("* * *", 3),
        ("***bold***", 0),
        ("-x", 0),
        ("12345678901. x", 0),
        ("text - x", 0),
    ],
)
def test_nesting_is_read_from_every_marker_at_a_lines_start(line: str, depth: int) -> None:
    assert nesting_depth(line) == depth


def test_an_unclosed_fence_leaves_its_text_to_the_budgets() -> None:
    problems = list(markdown_problems("```\n" + "[" * 6000, "message"))
    assert [p.message for p in problems] == [
        "the markup of a paragraph of the message is 6,003 characters that may start an "
        "inline element (code, escape, link, tag, entity, emphasis, attributes); expected at "
        "most 1,000",
        "the message makes Markdown read 18,003,000 characters looking for where its '[' and "
        "'<' end, 2,998.5 times its 6,004 characters; expected at most 10 times its size plus "
        "1,024 (61,064): close them, or write '\\[' and '&lt;'",
    ]
