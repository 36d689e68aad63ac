"""E-mail: one message per update, plain text and HTML, with `List-Unsubscribe` pointing at
the page where readers subscribe (and unsubscribe)."""

from __future__ import annotations

import hashlib
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime
from html import escape
from urllib.parse import urlsplit

from statusgen.notify.channels import SiteInfo
from statusgen.notify.text import convert
from statusgen.notify.updates import Notice

#: Subjects longer than this are cut (mail clients show about 60 to 80 characters).
SUBJECT = 200


def one_line(text: str) -> str:
    """Header text on one line (titles cannot hold line breaks, but headers must never)."""
    return " ".join(text.split())


def email_message(
    notice: Notice,
    site: SiteInfo,
    sender: str,
    to: tuple[str, ...],
    channel: str,
    now: datetime,
) -> EmailMessage:
    """The message for one update. Its Message-ID is stable (channel and update), so a mail
    server or client that sees it twice can drop the copy."""
    message = EmailMessage()
    subject = one_line(notice.headline)
    message["Subject"] = subject if len(subject) <= SUBJECT else subject[: SUBJECT - 1] + "…"
    name = one_line(site.name).replace('"', "")
    message["From"] = f"{name} <{sender}>"
    message["To"] = ", ".join(to)
    message["Date"] = format_datetime(now)
    host = urlsplit(site.url).hostname or "statusgen.invalid"
    digest = hashlib.sha256(f"{channel}\n{notice.id}".encode()).hexdigest()[:32]
    message["Message-ID"] = f"<{digest}@{host}>"
    message["List-Unsubscribe"] = f"<{site.subscribe_url}>"
    message["Auto-Submitted"] = "auto-generated"
    facts = "\n".join(f"{label}: {value}" for label, value in notice.facts)
    text = convert(notice.message_html, "text")
    plain = f"{notice.headline}\n\n{facts}\n\n{text}\n\n{notice.link_text}: {notice.url}\n"
    plain += f"\n-- \n{site.name}: {site.subscribe_url}\n"
    message.set_content(plain)
    rows = "".join(
        f'<tr><th align="left">{escape(label)}</th><td>{escape(value)}</td></tr>'
        for label, value in notice.facts
    )
    html = (
        "<!DOCTYPE html><html><body>"
        f'<h1 style="font-size:1.2em">{escape(notice.headline)}</h1>'
        f"<table>{rows}</table>"
        f"{notice.message_html}"
        f'<p><a href="{escape(notice.url)}">{escape(notice.link_text)}</a></p>'
        f'<p style="color:#666;font-size:0.9em"><a href="{escape(site.subscribe_url)}">'
        f"{escape(site.name)}</a></p>"
        "</body></html>"
    )
    message.add_alternative(html, subtype="html")
    return message
