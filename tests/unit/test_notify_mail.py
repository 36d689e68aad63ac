"""E-mail as readers' clients get it, read back with Python's `email` parser (policy.default)
and its older compat32 decoder: subjects exactly as written, no remote resource, no address
shown to another subscriber."""

from __future__ import annotations

import re
from email import message_from_bytes, policy
from email.header import decode_header, make_header
from email.message import EmailMessage
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from notifynotices import SITE, T, notice
from notifyservers import SmtpTestServer, make_certificate

from statusgen.notify.backends import BACKENDS, Mail
from statusgen.notify.delivery import Retrying
from statusgen.notify.mail import SUBJECT, FoldedHeader, email_message, one_line
from statusgen.options.notify import ChannelOptions

WORDS = st.sampled_from(
    [
        "a",
        "API",
        "Störung",
        "日本語",
        "x" * 30,
        "é",
        "fail,",
        "(EU)",
        "—",
        "😀",
        "=?",
        "?=",
        "z" * 90,
    ]
)
SUBJECTS = st.one_of(
    st.lists(WORDS, min_size=1, max_size=30).map(" ".join),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=120),
)


def wire(message: EmailMessage) -> bytes:
    """The bytes smtplib sends (CRLF lines)."""
    return message.as_bytes(policy=message.policy.clone(linesep="\r\n"))


@settings(max_examples=400, deadline=None, derandomize=True, database=None)
@given(SUBJECTS)
def test_every_subject_reads_back_exactly_in_both_parsers(text: str) -> None:
    subject = one_line(text)[:SUBJECT]
    message = EmailMessage()
    message["Subject"] = FoldedHeader("Subject", subject)
    message.set_content("x")
    raw = wire(message)
    header = raw.split(b"\r\n\r\n", 1)[0]
    assert all(len(line) <= 78 for line in header.split(b"\r\n"))
    assert message_from_bytes(raw, policy=policy.default)["Subject"] == subject
    legacy = message_from_bytes(raw)["Subject"]
    assert str(make_header(decode_header(legacy))) == subject


def test_python_s_own_folding_loses_a_space_that_statusgen_s_keeps() -> None:
    """The case that failed: a space between two encoded words moved outside them."""
    subject = "API (EU) 😀 (EU) (EU) [Investigating] fail, 😀 日本語"
    plain = EmailMessage()
    plain["Subject"] = subject
    plain.set_content("x")
    assert message_from_bytes(wire(plain), policy=policy.default)["Subject"] != subject
    message = email_message(
        notice("x", title=subject), SITE, "s@status.test", ("a@b.test",), "e", T
    )
    read = message_from_bytes(wire(message), policy=policy.default)
    assert read["Subject"] == f"[Investigating] {subject}"


def test_images_become_links_and_nothing_remote_loads() -> None:
    n = notice(
        'Graph: ![latency graph](https://tracker.test/pixel.gif?id=1&u=2 "t")\n\n'
        "[![badge](https://img.test/b.svg)](https://status.test/x)"
    )
    assert "<img" in n.message_html
    message = email_message(n, SITE, "s@status.test", ("a@b.test",), "email", T)
    read = message_from_bytes(wire(message), policy=policy.default)
    html = read.get_body(("html",)).get_content()
    assert "<img" not in html and not re.search(r"\b(src|srcset|background)\s*=", html)
    assert '<a href="https://tracker.test/pixel.gif?id=1&amp;u=2">latency graph</a>' in html
    assert '<a href="https://status.test/x" rel="noopener noreferrer nofollow">badge</a>' in html


def test_one_address_is_the_to_several_are_on_the_envelope_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cert, key = make_certificate(tmp_path)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    n = notice("Down.")
    with SmtpTestServer(cert, key) as smtp:
        url = f"smtp://bot:secret@127.0.0.1:{smtp.port}"
        for to in (("list@status.test",), ("ann@a.test", "bob@b.test", "cy@c.test")):
            channel = ChannelOptions("email", "email", smtp=url, sender="s@status.test", to=to)
            prepared = BACKENDS["email"].prepare(channel, n, SITE, T)
            assert isinstance(prepared, Mail)
            assert prepared.send(Retrying(sleep=lambda s: None)).ok
        single, several = smtp.state.mails
    assert single.recipients == ["list@status.test"]
    assert single.message["To"] == "list@status.test"
    assert several.recipients == ["ann@a.test", "bob@b.test", "cy@c.test"]
    assert several.message["To"] == "s@status.test" and several.message["Bcc"] is None
    for address in ("ann@", "bob@", "cy@"):
        assert address.encode() not in several.data


def test_no_one_click_unsubscribe_without_a_url_that_takes_a_post() -> None:
    message = email_message(notice("x"), SITE, "s@status.test", ("a@b.test",), "email", T)
    assert message["List-Unsubscribe"] == "<https://status.test/subscribe/>"
    assert message["List-Unsubscribe-Post"] is None
