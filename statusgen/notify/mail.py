"""E-mail: one message per update, plain text and HTML, with `List-Unsubscribe` pointing at
the page where readers subscribe (and unsubscribe).

What a reader's mail client gets, and why:
- No remote resource: an image of the message becomes a link to it (opening a message loads
  nothing, so no image can tell anyone who read it, or when).
- The subject reads back exactly in every RFC 2047 parser: Python's own folding can leave the
  space between two encoded words outside them, where decoders drop it, so the subject is
  folded here (plain ASCII at its spaces; anything else as whole encoded words, each space
  inside one).
- Nobody sees anyone else's address: one address (a list's, usually) is the `To:`; several go
  on the envelope only (as Bcc would), and `To:` is the sender.
- `List-Unsubscribe` points at the Subscribe page. There is no `List-Unsubscribe-Post`
  (RFC 8058 one-click): that needs an https URL that unsubscribes on a POST, and a static site
  has none; a mailing list between statusgen and its readers adds its own.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.policy import Policy
from email.utils import format_datetime
from html import escape
from html.parser import HTMLParser
from urllib.parse import urlsplit

from statusgen.notify.channels import SiteInfo
from statusgen.notify.language import split_title
from statusgen.notify.text import plain_text
from statusgen.notify.updates import Notice

#: Subjects longer than this are cut (mail clients show about 60 to 80 characters).
SUBJECT = 200
#: RFC 5322's line length, and the UTF-8 bytes of one encoded word (68 characters with its
#: `=?utf-8?b?...?=`, so "Subject: " and a word fit on the first line).
LINE = 78
WORD_BYTES = 42


def one_line(text: str) -> str:
    """Header text on one line (titles cannot hold line breaks, but headers must never)."""
    return " ".join(text.split())


@dataclass(frozen=True)
class FoldedHeader:
    """A header value with statusgen's own folding. `email.policy` keeps a value that has a
    `name` as a header object and asks its `fold` for the lines, so Python's folder never
    touches it; reading the message's header gives this object, `str()` its text."""

    name: str
    text: str

    def lines(self) -> list[str]:
        """The value's lines: folded at spaces if plain ASCII, else whole encoded words."""
        words = self.text.split(" ")
        plain = self.text.isascii() and self.text.isprintable() and "=?" not in self.text
        if plain and all(len(word) < LINE - len(self.name) - 3 for word in words):
            return self._fill(words)
        chunks, chunk = [], b""
        for character in self.text:
            encoded = character.encode("utf-8")
            if chunk and len(chunk) + len(encoded) > WORD_BYTES:
                chunks.append(chunk)
                chunk = b""
            chunk += encoded
        chunks.append(chunk)
        return [f"=?utf-8?b?{base64.b64encode(c).decode('ascii')}?=" for c in chunks]

    def _fill(self, words: list[str]) -> list[str]:
        lines = [""]
        room = LINE - len(self.name) - 2
        for word in words:
            joined = f"{lines[-1]} {word}" if lines[-1] else word
            if lines[-1] and len(joined) > room:
                lines.append(word)
                room = LINE - 1
            else:
                lines[-1] = joined
        return lines

    def fold(self, *, policy: Policy) -> str:
        """The header as the message carries it (unfolding gives back `text`)."""
        linesep = policy.linesep
        return f"{self.name}: {(linesep + ' ').join(self.lines())}{linesep}"

    def __str__(self) -> str:
        return self.text


class _ImagesAsLinks(HTMLParser):
    """Sanitized HTML as it is, but each image turned into a link to it (its words alone
    inside a link): a mail client then loads nothing when the message is opened."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self.links = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "img":
            self.links += tag == "a"
            self.out.append(self.get_starttag_text() or "")
            return
        found = dict(attrs)
        source = found.get("src") or ""
        words = escape(found.get("alt") or found.get("title") or source)
        if self.links or not source:
            self.out.append(words)
        else:
            self.out.append(f'<a href="{escape(source)}">{words}</a>')

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.handle_starttag(tag, attrs)
        else:
            self.out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self.links = max(self.links - 1, 0)
        self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self.out.append(data)

    def handle_entityref(self, name: str) -> None:
        self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.out.append(f"&#{name};")


def without_remote_images(html: str) -> str:
    """`html` with every `<img>` turned into a link to the image."""
    parser = _ImagesAsLinks()
    parser.feed(html)
    parser.close()
    return "".join(parser.out)


def _html_tag(notice: Notice) -> str:
    """The HTML's root tag: with its language on a site of several languages."""
    return f'<html lang="{escape(notice.language)}">' if notice.language else "<html>"


def _headline_html(notice: Notice) -> str:
    """The headline as HTML: a title shown in the default language in its own `lang`, so
    screen readers read it in that language's voice (the facts' table has the note)."""
    before, title = split_title(notice.headline, notice.title, notice.untranslated)
    if not title:
        return escape(notice.headline)
    return f'{escape(before)}<span lang="{escape(notice.default_language)}">{escape(title)}</span>'


def _fact_lang(notice: Notice, label: str) -> str:
    """A fact's cell attribute: its `lang` when its text is shown in the default language."""
    if label not in notice.untranslated_facts:
        return ""
    return f' lang="{escape(notice.default_language)}"'


def _headline_text(notice: Notice) -> str:
    """The plain-text part's first line: the headline, a title shown in the default language
    followed by the note ("(Pas encore traduit)"), as feeds write such a title."""
    _, title = split_title(notice.headline, notice.title, notice.untranslated)
    return f"{notice.headline} ({notice.note})" if title and notice.note else notice.headline


def email_message(
    notice: Notice,
    site: SiteInfo,
    sender: str,
    to: tuple[str, ...],
    channel: str,
    now: datetime,
) -> EmailMessage:
    """The message for one update. Its Message-ID is stable (channel and update), so a mail
    server or client that sees it twice can drop the copy. With several addresses, `To:` is
    the sender: the addresses go on the envelope only (the backend's `Mail.recipients`)."""
    message = EmailMessage()
    subject = one_line(notice.headline)
    subject = subject if len(subject) <= SUBJECT else subject[: SUBJECT - 1] + "…"
    message["Subject"] = FoldedHeader("Subject", subject)
    name = one_line(site.name).replace('"', "")
    message["From"] = f"{name} <{sender}>"
    message["To"] = to[0] if len(to) == 1 else sender
    message["Date"] = format_datetime(now)
    host = urlsplit(site.url).hostname or "statusgen.invalid"
    digest = hashlib.sha256(f"{channel}\n{notice.id}".encode()).hexdigest()[:32]
    message["Message-ID"] = f"<{digest}@{host}>"
    message["List-Unsubscribe"] = f"<{site.subscribe_url}>"
    message["Auto-Submitted"] = "auto-generated"
    facts = "\n".join(f"{label}: {value}" for label, value in notice.facts)
    text = plain_text(notice.message_html)
    plain = f"{_headline_text(notice)}\n\n{facts}\n\n{text}\n\n{notice.link_text}: {notice.url}\n"
    plain += f"\n-- \n{site.name}: {site.subscribe_url}\n"
    message.set_content(plain)
    rows = "".join(
        f'<tr><th align="left">{escape(label)}</th><td{_fact_lang(notice, label)}>'
        f"{escape(value)}</td></tr>"
        for label, value in notice.facts
    )
    shown = without_remote_images(notice.message_html)
    if {"message", "body"} & set(notice.untranslated):  # read out in its own language's voice
        shown = f'<div lang="{escape(notice.default_language)}">{shown}</div>'
    html = (
        f"<!DOCTYPE html>{_html_tag(notice)}<body>"
        f'<h1 style="font-size:1.2em">{_headline_html(notice)}</h1>'
        f"<table>{rows}</table>"
        f"{shown}"
        f'<p><a href="{escape(notice.url)}">{escape(notice.link_text)}</a></p>'
        f'<p style="color:#666;font-size:0.9em"><a href="{escape(site.subscribe_url)}">'
        f"{escape(site.name)}</a></p>"
        "</body></html>"
    )
    message.add_alternative(html, subtype="html")
    if notice.language:  # after the content: setting it clears every Content- header
        message["Content-Language"] = notice.language
    return message
