"""Channels as backends: every channel type the options accept has one backend, and sending
and --dry-run use its one preparation."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from statusgen.notify.backends import BACKENDS, HttpPost, Mail
from statusgen.options.notify import CHANNEL_TYPES


def test_every_channel_type_has_exactly_one_backend() -> None:
    assert set(BACKENDS) == set(CHANNEL_TYPES)


def test_a_prepared_post_shows_exactly_what_it_sends() -> None:
    post = HttpPost("https://hooks.test/x", b'{"a":"\xc3\xa9"}', {"X-Signature": "sha256=ab"})
    assert post.shown() == 'X-Signature: sha256=ab\n\n{"a":"é"}'
    assert json.loads(HttpPost("https://hooks.test/x", b'{"b":1}', {}).shown()) == {"b": 1}


def test_a_prepared_mail_shows_the_whole_message() -> None:
    from email.message import EmailMessage

    message = EmailMessage()
    message["Subject"] = "[Investigating] API errors"
    message["Date"] = datetime(2026, 11, 23, 12, tzinfo=UTC).strftime("%a, %d %b %Y %H:%M:%S +0000")
    message.set_content("Body.")
    shown = Mail("smtp://mail.test:25", message, ("a@x.test", "b@x.test")).shown()
    assert shown.startswith("Envelope-To: a@x.test, b@x.test\n")
    assert "Subject: [Investigating] API errors" in shown and shown.rstrip().endswith("Body.")
