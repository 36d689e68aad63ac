"""Plain text's HTML without a Markdown run: the fast path of `render/markup.py`.

Most responders' texts are sentences without any Markdown syntax ("We are investigating
elevated error rates on the API."). Python-Markdown with the responders' extensions
(`markup.RESPONDER_EXTENSIONS`: no smarty or other typographic extension), then the sanitizer,
turn such a text into paragraphs (split on blank lines) whose text is only escaped: `&`, `<`,
`>` and the no-break space, as nh3 writes them. `plain_html` gives that HTML directly, and
declines (None) every text that has anything either of them could treat specially. The test
is strict on purpose: a text it declines takes the full path, which is always right.

`tests/unit/test_plaintext.py` compares this path with the full one, byte for byte, on
generated texts biased to the edges and on every text of the example site and the benchmark
corpus.
"""

from __future__ import annotations

import re

#: Anything that could start or be Markdown (or HTML, or an extension's syntax) anywhere in a
#: line, or that Markdown or the sanitizer could change: backslash escapes, code, emphasis (`*`;
#: `_` below), links, images, abbreviations and the `[TOC]` marker (`[`, `]`), attribute lists
#: (`{`, `}`), tables (`|`), fenced code (`~~~`), HTML, autolinks and e-mail links (`<` before
#: anything but white space), character references (`&` then `#`, or a name and `;`), control
#: characters other than the line feed (tabs, carriage returns, form feeds, Markdown's own
#: placeholders), line and paragraph separators, surrogates and U+FFFE, U+FFFF.
_INLINE = re.compile(
    r"[\\`*\[\]{}|\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]"
    r"|~~"
    r"|<(?!\s)"
    r"|&(?:#|[A-Za-z0-9]+;)"
)
#: Underscores: plain only between two word characters (`usage_records`), where
#: Python-Markdown's emphasis cannot open or close.
_UNDERSCORE = re.compile(r"(?<!\w)_|_(?!\w)")
#: What a line may not start or end with: white space at either end (indented code, hard line
#: breaks, stripped or kept spaces), block syntax at the start (headings, quotes, lists and
#: numbered lines, rules and setext underlines, definition lists, admonitions).
_LINE = re.compile(r"^[^\S\n]|[^\S\n]$|^[#>+=:!-]|^\d+[.)]", re.MULTILINE)
#: Paragraphs: separated by one or more blank lines (empty: lines of white space are declined).
_BLANK_LINES = re.compile(r"\n{2,}")


def plain_html(text: str) -> str | None:
    """The sanitized HTML of `text` when it is plain (paragraphs of escaped text), else None
    (the text needs the full Markdown path; so does a blank one)."""
    stripped = text.strip("\n")
    if not stripped or _INLINE.search(stripped) or _LINE.search(stripped):
        return None
    if "_" in stripped and _UNDERSCORE.search(stripped):
        return None
    escaped = (
        stripped.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\u00a0", "&nbsp;")
    )
    return "\n".join(f"<p>{paragraph}</p>" for paragraph in _BLANK_LINES.split(escaped))
