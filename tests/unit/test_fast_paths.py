"""The fast paths of rendering responders' Markdown against Markdown's own: the plain-text path
(`render/plaintext.py`), whatever it accepts, and the renderer's inline step
(`render/inlineskip.py`), on every text, must give the HTML that Markdown and the sanitizer
give, byte for byte."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from pathlib import Path

import markdown
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from sitebuild import REPO

from benchmarks.corpus import NOW, write_corpus
from statusgen.content import SiteLayout, check_site
from statusgen.model import StatusSite
from statusgen.options.mkdocs_yml import read_site_layout
from statusgen.render import inlineskip
from statusgen.render.markup import (
    RESPONDER_EXTENSION_CONFIGS,
    RESPONDER_EXTENSIONS,
    MarkdownRenderer,
)
from statusgen.render.plaintext import plain_html
from statusgen.render.preflight import in_every_language, incident_texts
from statusgen.render.sanitize import sanitize_html

RENDERER = MarkdownRenderer()
#: Markdown's own renderer with the responders' extensions, without any fast path.
STOCK = markdown.Markdown(
    extensions=list(RESPONDER_EXTENSIONS),
    extension_configs=copy.deepcopy(RESPONDER_EXTENSION_CONFIGS),
)
REAL = REPO / "tests" / "fixtures" / "real" / "github-statuspage"

#: Characters at the edge: what Markdown, HTML or the sanitizer may act on, white space of
#: every kind, and letters beyond ASCII (accents, emoji and their joiners, right to left).
EDGE = [
    *"&<>\"'#-_*+=.:;!?()[]{}|`~\\/%@$^,",
    " ",
    "  ",
    "\t",
    "\n",
    "\n\n",
    "\r",
    "\u00a0",
    "\u2028",
    "\u3000",
    "\u200b",
    "\u200d",
    "\ufeff",
    "\x0c",
    "\x85",
    "é",
    "ß",
    "中",
    "ש",
    "😀",
    "👩\u200d💻",
    "--",
    "---",
    "...",
    "1.",
    "2)",
    "&amp;",
    "&#169;",
    "&copy",
    "<b>",
    "</p>",
    "<!--",
    "<a@b.c>",
    "<5",
    "< 5",
    "a_b",
    "_a_",
    "__x__",
    "https://example.com/a_b?c=1&d=2",
    "www.example.com",
    "user@example.com",
    "ABBR",
    "    ",
    "!!! note",
    ": def",
    "> quote",
]
#: Markdown constructs, whole: what the inline step acts on, inside every kind of block.
CONSTRUCTS = [
    "\n\n## Heading\n\n",
    "\n# Top _it_\n",
    "\n\n| a | b |\n|---|---|\n| `c` | d_e |\n\n",
    "\n- item\n- *two*\n",
    "\n1. one\n2. two\n",
    "**bold**",
    "*em*",
    "_em_",
    "`code`",
    "[link](https://example.com/a_b)",
    "![img](https://example.com/i.png)",
    "[ref][r]\n\n[r]: https://example.com\n",
    "<https://example.com>",
    "<span>x</span>",
    "\n\n<div>block</div>\n\n",
    "\n*[API]: Application programming interface\n",
    "\n\n~~~\ncode_x *y*\n~~~\n\n",
    "\n\n!!! note\n    Inside *it*.\n\n",
    "\nTerm\n: Definition\n",
    "{: #anchor }",
    "\\*escaped\\*",
    "line  \nbreak",
    "&copy; &#169;",
]
WORDS = ["We", "are", "investigating", "the", "API", "p99", "latency", "2024", "is", "fixed"]
pieces = st.sampled_from(EDGE + WORDS) | st.text(min_size=1, max_size=3)
texts = st.lists(pieces, min_size=1, max_size=24).map("".join)
#: Lines of words with a few edge characters, joined by line breaks or blank lines: the shapes
#: the fast path accepts, so that generated texts exercise acceptance as well as declining.
sentences = st.lists(
    st.lists(
        st.sampled_from(WORDS + list("&<>\"',.;:?!()%$@") + ["a_b", "é", "😀", "\u00a0"]),
        min_size=1,
        max_size=12,
    ).map(" ".join),
    min_size=1,
    max_size=5,
).flatmap(lambda lines: st.sampled_from(["\n", "\n\n", "\n\n\n"]).map(lambda sep: sep.join(lines)))


def stock_html(text: str) -> str:
    """Markdown's own HTML of `text`, sanitized."""
    STOCK.reset()
    return sanitize_html(STOCK.convert(text))


def same_as_markdown(text: str) -> bool:
    """Assert that the renderer gives Markdown's own HTML, and the plain-text path too when it
    accepts `text`; True if it did."""
    expected = stock_html(text)
    assert RENDERER.convert(text) == expected, text
    fast = plain_html(text)
    if fast is not None:
        assert fast == expected, text
    return fast is not None


@settings(max_examples=800, deadline=None, derandomize=True, database=None)
@given(texts.filter(str.strip))
@example("a <5@x.com> b")
@example("~~~\ncode\n~~~")
@example("```\ncode\n```")
@example("a_b_c and x__y")
@example("one\n\ntwo\nthree\n")
@example("R&D &copy &amp; &#1;")
def test_edge_texts_render_as_markdown_does(text: str) -> None:
    same_as_markdown(text)


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(sentences.filter(str.strip))
def test_sentences_render_as_markdown_does(text: str) -> None:
    same_as_markdown(text)


@settings(max_examples=400, deadline=None, derandomize=True, database=None)
@given(
    st.lists(st.sampled_from(CONSTRUCTS) | pieces, min_size=1, max_size=12)
    .map("".join)
    .filter(str.strip)
)
def test_markdown_renders_as_markdown_does(text: str) -> None:
    same_as_markdown(text)


def test_the_quick_inline_step_takes_over_only_from_the_known_patterns() -> None:
    md = markdown.Markdown(extensions=list(RESPONDER_EXTENSIONS))
    assert inlineskip.install(md)
    assert isinstance(md.treeprocessors["inline"], inlineskip.QuickInline)
    other = markdown.Markdown(extensions=[*RESPONDER_EXTENSIONS, "nl2br"])  # one pattern more
    assert not inlineskip.install(other)
    assert not isinstance(other.treeprocessors["inline"], inlineskip.QuickInline)


@pytest.mark.parametrize(
    "text",
    [
        "We are investigating elevated error rates on the API.",
        "Errors & timeouts < 1 % of requests; \"quotes\" and 'apostrophes' -- fine.",
        "The feature flag courier_fast_path is off.",
        "First paragraph.\nIts second line.\n\nSecond paragraph.\n",
        "Issue #123 at https://example.com/status?a=1&b=2 is resolved 😀.",
        "Ça marche\u00a0: 中文, עברית.",
    ],
)
def test_plain_texts_take_the_fast_path(text: str) -> None:
    assert same_as_markdown(text)


@pytest.mark.parametrize(
    "text",
    [
        "*emphasis*",
        "a _b_ c",
        "`code`",
        "[link](https://example.com)",
        "<b>bold</b>",
        "<user@example.com>",
        "a &copy; b",
        "# heading",
        "- item",
        "1. item",
        "> quote",
        "Term\n: definition",
        "!!! note",
        "line  \nbreak",
        "    code",
        "a | b\n--|--\n1 | 2",
        "Title\n=====",
        "tab\there",
        "{: .class }",
        "back\\slash",
    ],
)
def test_markdown_syntax_takes_the_full_path(text: str) -> None:
    assert plain_html(text) is None


def all_texts(site: StatusSite) -> list[str]:
    """Every message, workaround and body a build renders, in every language."""
    return [
        text
        for incident in in_every_language(site.incidents)
        for _, _, text, _ in incident_texts(incident)
        if text.strip()
    ]


def test_every_text_of_the_example_site_renders_as_markdown_does() -> None:
    _, layout = read_site_layout(REPO)
    site, problems = check_site(layout, datetime(2026, 11, 23, 12, tzinfo=UTC))
    assert problems == []
    found = all_texts(site)
    accepted = [same_as_markdown(t) for t in found]
    assert sum(accepted) > len(found) // 2


def test_every_text_of_the_benchmark_corpus_renders_as_markdown_does(tmp_path: Path) -> None:
    write_corpus(tmp_path, 400)
    site, problems = check_site(SiteLayout(tmp_path), NOW)
    assert problems == []
    found = all_texts(site)
    accepted = [same_as_markdown(t) for t in found]
    assert sum(accepted) > len(found) // 2


def test_every_update_of_githubs_history_renders_as_markdown_does() -> None:
    bodies = [
        update["body"]
        for path in sorted(REAL.glob("*.json"))
        for update in json.loads(path.read_text(encoding="utf-8"))["incident"]["incident_updates"]
    ]
    assert len(bodies) > 20
    accepted = [same_as_markdown(t) for t in bodies if t.strip()]
    assert sum(accepted) > len(accepted) // 2
