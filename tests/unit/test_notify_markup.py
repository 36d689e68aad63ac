"""Property tests of each platform's formatter: whatever text an update holds, the message
yields no mention, no link but the update's own (with words that do not name another
address), and no markup the platform would read; its text and its code read back as written.

Each platform's output is read back by a model of its parser: CommonMark (markdown-it-py, the
reference's port) for Mattermost and Discord, with each one's own syntax beyond CommonMark
(Mattermost's mentions; Discord's `||`, `__`, `-#`, `<@id>` and `@everyone`) checked on the
source; Slack's Block Kit models (slack_sdk) and the Adaptive Card 1.4 schema for the
structured payloads, whose text elements are literal by their documentation.
"""

from __future__ import annotations

import html
import re
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from notifypayloads import elements, text_runs, validate_card, validate_slack

from statusgen.notify.document import Document, read, truthful
from statusgen.notify.markdown import DISCORD, MATTERMOST, write
from statusgen.notify.structured import slack_rich_text, teams_blocks
from statusgen.render.sanitize import sanitize_html

PIECES = st.sampled_from(
    list("*_~`|<>[]()#-+=!@&:\\/.\t\n 1aZé")
    + ["@channel", "@here", "@everyone", "@all", "@bob", "<@123>", "<#9>", "<t:1:R>", "||x||"]
    + ["__u__", "-# s", "# h", "> q", "1. ", "```", "~~~", "&amp;", "&#64;here", "a_b_c"]
    + ["[x](https://evil.test)", "https://bank.test/a_b*c", "user@example.com", "@types/node"]
)
TEXT = st.lists(PIECES, min_size=1, max_size=25).map("".join)
HREFS = st.sampled_from(
    ["https://status.test/a_b", "https://x.test/ @channel", "https://x.test/\t@here\n)", "x"]
    + ["javascript:alert(1)", "mailto:ops@example.com", "https://u:p@bank.test@evil.test/"]
)


@st.composite
def messages(draw: st.DrawFn) -> str:
    """Sanitized HTML of hostile text: paragraphs, inline code, code blocks, links, lists."""
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["p", "code", "pre", "a", "li", "quote"]))
        text = html.escape(draw(TEXT))
        if kind == "p":
            parts.append(f"<p>{text}</p>")
        elif kind == "code":
            parts.append(f"<p>{text} <code>{html.escape(draw(TEXT))}</code> {text}</p>")
        elif kind == "pre":
            parts.append(f"<pre><code>{text}<span>{html.escape(draw(TEXT))}</span></code></pre>")
        elif kind == "a":
            href = html.escape(draw(HREFS))
            parts.append(f'<p><a href="{href}">{text}</a> {text}</p>')
        elif kind == "li":
            parts.append(f"<ul><li>{text}</li><li><em>{text}</em></li></ul>")
        else:
            parts.append(f"<blockquote><p>{text}</p></blockquote>")
    return sanitize_html("".join(parts))


def words(document: Document, code: bool) -> str:
    """The document's prose (or code), white space folded: what a reader must see."""
    found = [run.text for block in document for run in block.runs if run.code == code]
    return " ".join(" ".join(found).split())


def links(document: Document) -> set[str]:
    return {run.href for block in document for run in block.runs if run.href}


COMMONMARK = MarkdownIt("commonmark").enable(["strikethrough", "table"])
ALLOWED = {
    "paragraph_open", "paragraph_close", "inline", "text", "code_inline", "fence",
    "bullet_list_open", "bullet_list_close", "list_item_open", "list_item_close",
    "blockquote_open", "blockquote_close", "softbreak", "link_open", "link_close",
    "em_open", "em_close", "strong_open", "strong_close",
}  # fmt: skip


def read_back(source: str) -> tuple[str, str, list[tuple[str, str]], set[str]]:
    """Markdown as CommonMark reads it: its text, its code, its links (address, words) and
    every kind of token it holds."""
    text, code, found, kinds = [], [], [], set()
    for token in COMMONMARK.parse(source):
        kinds.add(token.type)
        if token.type == "fence":
            code.append(token.content)
        link: list[str] | None = None
        for child in token.children or []:
            kinds.add(child.type)
            if child.type == "link_open":
                link = [str(child.attrs["href"]), ""]
            elif child.type == "link_close" and link:
                found.append((link[0], link[1]))
                link = None
            elif child.type == "text":
                text.append(child.content)
                if link:
                    link[1] += child.content
            elif child.type == "code_inline":
                code.append(child.content)
            elif child.type == "softbreak":
                text.append(" ")
    return " ".join(text), " ".join(code), found, kinds


def bare(text: str) -> str:
    return " ".join(text.replace("\u200b", "").split())


def glyphs(text: str) -> str:
    """The characters a reader sees, white space aside."""
    return "".join(text.split())


def without_code_and_escapes(source: str) -> str:
    """Discord's source as its parser meets it, left to right: a code block (```) or inline
    code (a run of backticks to the next run as long) becomes a space, an escaped character a
    blank."""
    out, index = [], 0
    while index < len(source):
        if source.startswith("```", index) and (end := source.find("```", index + 3)) != -1:
            out.append(" ")
            index = end + 3
        elif source[index] == "\\" and index + 1 < len(source):
            out.append("\x00")
            index += 2
        elif source[index] == "`":
            run = len(source[index:]) - len(source[index:].lstrip("`"))
            closing = re.compile(f"(?<!`){'`' * run}(?!`)").search(source, index + run)
            out.append(" " if closing else "`")
            index = closing.end() if closing else index + 1
        else:
            out.append(source[index])
            index += 1
    return "".join(out)


def check_markdown(source: str, document: Document) -> tuple[str, set[str]]:
    text, code, found, kinds = read_back(source)
    assert kinds <= ALLOWED, (kinds - ALLOWED, source)
    if not any(run.italic for block in document for run in block.runs):
        assert "em_open" not in kinds and "strong_open" not in kinds, source
    prefixes = {block.prefix.strip() for block in document if block.prefix}
    expected = words(document, False)
    assert bare(" ".join(w for w in text.split() if w not in prefixes)) == bare(
        " ".join(w for w in expected.split() if w not in prefixes)
    ), source
    assert bare(code) == bare(words(document, True).replace("``\u200b`", "```")), source
    for href, label in found:
        assert href.replace("%26", "&") in links(document), (href, source)
        assert truthful(label, href), (href, label)
    return text, kinds


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(messages())
def test_mattermost_reads_no_mention_link_or_markup(message: str) -> None:
    document = read(message)
    source = write(document, MATTERMOST)
    text, _ = check_markdown(source, document)
    # Mattermost's usernames start with a letter, as do @channel, @all and @here.
    assert not re.search(r"(?<![\w@])@[^\W\d_]", text), source


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(messages())
def test_discord_reads_no_mention_link_or_markup(message: str) -> None:
    document = read(message)
    source = write(document, DISCORD)
    check_markdown(source.replace("``\u200b`", "```"), document)
    outside = without_code_and_escapes(source)
    for syntax in ("||", "__", "<", "@everyone", "@here"):
        assert syntax not in outside, (syntax, source)
    assert not re.search(r"(?m)^\s*-#", outside), source


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(messages())
def test_slack_text_is_only_in_literal_elements(message: str) -> None:
    document = read(message)
    if not document:
        return
    block = slack_rich_text(document)
    validate_slack({"blocks": [block]})
    assert {e["type"] for e in elements(block)} <= {"text", "link"}
    shown = "".join(e["text"] for e in elements(block))
    assert glyphs(shown) == glyphs("".join(b.prefix + b.text for b in document))
    for element in elements(block):
        if element["type"] == "link":
            assert element["url"] in links(document)
            assert truthful(element["text"], element["url"])


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(messages())
def test_teams_text_is_only_in_textruns_of_a_valid_card(message: str) -> None:
    document = read(message)
    body: list[dict[str, Any]] = teams_blocks(document)
    card = {"type": "AdaptiveCard", "version": "1.4", "body": body}
    payload = {"attachments": [{"content": card}]}
    validate_card(payload)
    assert {element["type"] for element in body} <= {"RichTextBlock"}
    runs = text_runs(payload)
    shown = "".join(run["text"] for run in runs)
    expected = "".join("│" * b.quote + b.prefix + b.text for b in document)
    assert glyphs(shown) == glyphs(expected)
    for run in runs:
        if "selectAction" in run:
            assert run["selectAction"]["url"] in links(document)
            assert truthful(run["text"], run["selectAction"]["url"])
