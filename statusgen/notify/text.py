"""Responders' sanitized HTML turned into each channel's markup, and cut to a service's limit.

Messages arrive as the sanitizer's HTML (the same as pages and feeds show), so only ordinary
formatting reaches this module; everything else in a message is text and is escaped for the
channel: Slack's `&`, `<` and `>` (so no `<!channel>` or fake link), Markdown's punctuation,
and `@` mentions (`@everyone`, `@channel`, `@here`, `@all`) broken with a zero-width space.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html.parser import HTMLParser

ZERO_WIDTH_SPACE = "\u200b"
ELLIPSIS = "…"
_MENTION = re.compile(r"@(?=\w)")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_~\[\](){}#+\-!|<>])")
_PARTIAL_ESCAPE = re.compile(r"(&[a-z]*|\\)$")
_BLOCKS = {"p", "div", "ul", "ol", "table", "tr", "dl", "details", "summary", "hr"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def escape_slack(text: str) -> str:
    """Text for Slack's mrkdwn: its three control characters as entities."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape_markdown(text: str) -> str:
    """Text for Markdown (Discord, Mattermost, Teams): punctuation escaped, mentions broken."""
    return _MENTION.sub("@" + ZERO_WIDTH_SPACE, _MARKDOWN_SPECIAL.sub(r"\\\1", text))


class _Converter(HTMLParser):
    def __init__(self, dialect: str) -> None:
        super().__init__(convert_charrefs=True)
        self.dialect = dialect
        self.out: list[str] = []
        self.links: list[str] = []
        self.lists: list[list[int]] = []
        self.pre = 0

    def escape(self, text: str) -> str:
        if self.dialect == "slack":
            return escape_slack(text)
        if self.dialect == "markdown":
            return escape_markdown(text)
        return text

    def mark(self, tag: str) -> str:
        marks = {
            "slack": {"strong": "*", "b": "*", "em": "_", "i": "_", "del": "~", "s": "~"},
            "markdown": {"strong": "**", "b": "**", "em": "*", "i": "*", "del": "~~", "s": "~~"},
        }
        return marks.get(self.dialect, {}).get(tag, "")

    def newline(self, count: int = 1) -> None:
        text = "".join(self.out)
        have = len(text) - len(text.rstrip("\n"))
        if text.strip() and have < count:
            self.out.append("\n" * (count - have))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS or tag in _HEADINGS or tag == "blockquote":
            self.newline(2 if tag in ("p", "ul", "ol", "table") or tag in _HEADINGS else 1)
        if tag in _HEADINGS:
            self.out.append(self.mark("strong"))
        elif tag == "br":
            self.out.append("\n")
        elif tag in ("ul", "ol"):
            self.lists.append([0 if tag == "ol" else -1])
        elif tag == "li":
            self.newline()
            depth = max(len(self.lists) - 1, 0)
            counter = self.lists[-1] if self.lists else [-1]
            if counter[0] >= 0:
                counter[0] += 1
                bullet = f"{counter[0]}. "
            else:
                bullet = "• " if self.dialect != "markdown" else "- "
            self.out.append("  " * depth + bullet)
        elif tag == "blockquote":
            self.out.append("> ")
        elif tag == "pre":
            self.pre += 1
            self.newline()
            self.out.append("```\n" if self.dialect != "text" else "")
        elif tag == "code" and not self.pre:
            self.out.append("`" if self.dialect != "text" else "")
        elif tag == "a":
            self.links.append(dict(attrs).get("href") or "")
            self.out.append("\x00")  # where the link's text starts
        else:
            self.out.append(self.mark(tag))

    def handle_endtag(self, tag: str) -> None:
        if tag in _HEADINGS:
            self.out.append(self.mark("strong"))
            self.newline(2)
        elif tag in ("ul", "ol"):
            if self.lists:
                self.lists.pop()
            self.newline(2)
        elif tag == "pre":
            self.pre = max(self.pre - 1, 0)
            self.out.append("\n```" if self.dialect != "text" else "")
            self.newline(2)
        elif tag == "code" and not self.pre:
            self.out.append("`" if self.dialect != "text" else "")
        elif tag == "a":
            self.close_link()
        elif tag in _BLOCKS:
            self.newline(2 if tag == "p" else 1)
        else:
            self.out.append(self.mark(tag))

    def close_link(self) -> None:
        href = self.links.pop() if self.links else ""
        text = "".join(self.out)
        start = text.rfind("\x00")
        label = text[start + 1 :]
        head = text[:start]
        self.out = [head]
        if not href:
            self.out.append(label)
        elif self.dialect == "slack":
            self.out.append(f"<{escape_slack(href).replace('|', '%7C')}|{label.replace('|', '¦')}>")
        elif self.dialect == "markdown":
            safe = href.replace("(", "%28").replace(")", "%29").replace(" ", "%20")
            self.out.append(f"[{label}]({safe})")
        else:
            self.out.append(label if label == href else f"{label} ({href})")

    def handle_data(self, data: str) -> None:
        if self.pre:
            self.out.append(
                data.replace("```", "'''") if self.dialect != "slack" else escape_slack(data)
            )
            return
        self.out.append(self.escape(re.sub(r"\s+", " ", data)))

    def result(self) -> str:
        while self.links:
            self.close_link()
        text = "".join(self.out).replace("\x00", "")
        lines = [line.rstrip() for line in text.split("\n")]
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


@lru_cache(maxsize=64)
def convert(html: str, dialect: str) -> str:
    """Sanitized HTML as `slack` (mrkdwn), `markdown` or `text` (cached: a payload that must
    fit a size tries several lengths of the same message)."""
    converter = _Converter(dialect)
    converter.feed(html)
    converter.close()
    return converter.result()


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


def fitted(html: str, dialect: str, limit: int, more: str) -> str:
    """The message in a dialect within `limit` characters. A message too long for the service
    loses its formatting and is cut at a space with `more` (a link to read it all): cutting
    plain escaped text never leaves half a link, half an escape or an open code block."""
    full = convert(html, dialect)
    if len(full) <= limit:
        return full
    plain = " ".join(convert(html, "text").split())
    escaped = {"slack": escape_slack, "markdown": escape_markdown}.get(dialect, str)(plain)
    return cut(escaped, limit, more)
