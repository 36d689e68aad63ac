"""What every channel shares about text: a message's plain text, Slack's escapes for the one
text of a Slack message that stays mrkdwn (the notification's), and fitting a message into a
service's limit with a "Read more" link.

Each platform's own markup is written from the message's document (`document.py`) by
`markdown.py` (Mattermost, Discord) and `structured.py` (Slack's rich text, Teams' cards).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import TypeVar

from statusgen.notify.document import Document, cut_document, plain, read, size

ELLIPSIS = "…"
ZERO_WIDTH_SPACE = "\u200b"
_PARTIAL_ESCAPE = re.compile(r"(&[a-z]*|\\)$")
#: What Slack reads as a broadcast in text that is not verbatim (a notification's text).
_SLACK_BROADCAST = re.compile(r"@(?=(?:here|channel|everyone)(?![\w-]))", re.IGNORECASE)

Made = TypeVar("Made")


def escape_slack(text: str) -> str:
    """Text for Slack's mrkdwn: its three control characters as entities (so no `<!here>`, no
    `<@U123>`, no fake link), and `@here`, `@channel`, `@everyone` broken (Slack reads them
    in a notification's text)."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SLACK_BROADCAST.sub("@" + ZERO_WIDTH_SPACE, escaped)


@lru_cache(maxsize=64)
def document_of(html: str) -> Document:
    """A message's document (cached: every channel of a run reads the same messages)."""
    return read(html)


def plain_text(html: str) -> str:
    """A message as plain text (e-mail, the webhook's `body`)."""
    return plain(document_of(html))


def cut(text: str, limit: int, suffix: str) -> str:
    """`text` when it fits in `limit` characters; else its start, cut at a space, then an
    ellipsis and `suffix` (a "Read more" link), together within `limit`."""
    if len(text) <= limit:
        return text
    room = max(limit - len(suffix) - len(ELLIPSIS) - 1, 0)
    head = text[:room]
    space = head.rfind(" ")
    if space > room // 2:
        head = head[:space]
    head = _PARTIAL_ESCAPE.sub("", head)
    return f"{head.rstrip()}{ELLIPSIS} {suffix}"[:limit]


def fit(
    document: Document, build: Callable[[Document, bool], Made], fits: Callable[[Made], bool]
) -> Made:
    """`build(document, False)` when it fits; else `build` of the longest start of the document
    (cut after a word) that fits, told it was cut (to end with a "Read more" link). Cutting the
    document, never the markup, leaves no half link, escape or code block."""
    whole = build(document, False)
    if fits(whole):
        return whole
    low, high = 0, size(document)
    best = build((), True)
    while low <= high:
        middle = (low + high) // 2
        made = build(cut_document(document, middle)[0], True)
        if fits(made):
            best, low = made, middle + 1
        else:
            high = middle - 1
    return best


def fitted(document: Document, write: Callable[[Document], str], limit: int, more: str) -> str:
    """The document in a markup (`write`) within `limit` characters; cut with `more` (a link,
    in that markup) when it is longer."""

    def build(part: Document, was_cut: bool) -> str:
        text = write(part)
        return f"{text}{ELLIPSIS} {more}".lstrip() if was_cut else text

    return fit(document, build, lambda text: len(text) <= limit)
