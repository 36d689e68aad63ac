"""Sending with retries against a local recording server: 429 with Retry-After (seconds and
HTTP date), 500, slow answers and refused connections; and e-mail over STARTTLS."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import pytest
from notifyservers import RecordingServer, SmtpTestServer, make_certificate, refused_url

from statusgen.notify.delivery import Retrying, SmtpServer, post_json, send_mail

NOW = datetime(2026, 11, 22, 14, 0, tzinfo=UTC)


def policy(waits: list[float], **changes: float) -> Retrying:
    """A policy that records its waits instead of sleeping, with no jitter."""
    return Retrying(
        timeout=changes.pop("timeout", 2.0),
        sleep=waits.append,
        jitter=lambda: 1.0,
        clock=lambda: NOW,
        **changes,  # type: ignore[arg-type]
    )


@pytest.fixture
def server():  # type: ignore[no-untyped-def]
    with RecordingServer() as recording:
        yield recording


def test_429_waits_as_long_as_retry_after_says(server: RecordingServer) -> None:
    server.plan("/x", "429:7", "200")
    waits: list[float] = []
    outcome = post_json(server.url("/x"), b"{}", {}, policy(waits))
    assert outcome.ok and outcome.attempts == 2
    assert waits == [7.0]  # more than the first backoff (1 s)
    assert len(server.to("/x")) == 2


def test_retry_after_as_an_http_date(server: RecordingServer) -> None:
    server.plan("/x", f"429:{format_datetime(NOW + timedelta(seconds=20), usegmt=True)}", "200")
    waits: list[float] = []
    assert post_json(server.url("/x"), b"{}", {}, policy(waits)).ok
    assert waits == [20.0]


def test_a_retry_after_longer_than_max_wait_fails_now_for_the_next_run(
    server: RecordingServer,
) -> None:
    server.plan("/x", "429:3600")
    waits: list[float] = []
    outcome = post_json(server.url("/x"), b"{}", {}, policy(waits))
    assert not outcome.ok and outcome.attempts == 1 and waits == []
    assert "Retry-After 3600 s is too long" in outcome.detail


def test_5xx_backs_off_exponentially_capped_then_gives_up(server: RecordingServer) -> None:
    server.plan("/x", *["500"] * 6)
    waits: list[float] = []
    outcome = post_json(server.url("/x"), b"{}", {}, policy(waits, cap=5.0))
    assert not outcome.ok and outcome.attempts == 5 and outcome.detail == "HTTP 500"
    assert waits == [1.0, 2.0, 4.0, 5.0]
    assert len(server.to("/x")) == 5


def test_jitter_spreads_waits_between_half_and_all_of_the_backoff() -> None:
    low = Retrying(jitter=lambda: 0.0).backoff(3)
    high = Retrying(jitter=lambda: 1.0).backoff(3)
    assert (low, high) == (2.0, 4.0)


def test_4xx_fails_at_once(server: RecordingServer) -> None:
    server.plan("/x", "404")
    waits: list[float] = []
    outcome = post_json(server.url("/x"), b"{}", {}, policy(waits))
    assert not outcome.ok and outcome.attempts == 1 and waits == []


def test_a_slow_server_times_out_and_is_retried(server: RecordingServer) -> None:
    server.plan("/x", "slow:1.5", "200")
    waits: list[float] = []
    outcome = post_json(server.url("/x"), b"{}", {}, policy(waits, timeout=0.3))
    assert outcome.ok and outcome.attempts == 2 and len(waits) == 1


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_a_redirect_is_a_failure_never_followed(server: RecordingServer, status: int) -> None:
    """urllib follows 301, 302 and 303 as a GET without the body: the update would count as
    delivered though nobody received it."""
    server.plan("/x", f"redirect:{status}:/elsewhere")
    waits: list[float] = []
    outcome = post_json(server.url("/x"), b'{"a":1}', {}, policy(waits))
    assert not outcome.ok and outcome.attempts == 1 and waits == []
    assert outcome.detail == f"HTTP {status}: redirects are not followed"
    assert [r.path for r in server.requests] == ["/x"]


def test_each_attempt_gets_its_own_headers_at_its_time(server: RecordingServer) -> None:
    server.plan("/x", "500", "200")
    moments = iter([NOW, NOW + timedelta(seconds=1)])
    made: list[datetime] = []

    def per_attempt(at: datetime) -> dict[str, str]:
        made.append(at)
        return {"X-At": str(int(at.timestamp()))}

    retrying = Retrying(sleep=lambda s: None, jitter=lambda: 1.0, clock=lambda: next(moments))
    assert post_json(server.url("/x"), b"{}", {}, retrying, per_attempt).ok
    stamps = [r.headers["X-At"] for r in server.to("/x")]
    assert stamps == [str(int(NOW.timestamp())), str(int(NOW.timestamp()) + 1)]


def test_refused_connections_are_retried_then_fail() -> None:
    waits: list[float] = []
    outcome = post_json(refused_url(), b"{}", {}, policy(waits, attempts=3))
    assert not outcome.ok and outcome.attempts == 3 and "network error" in outcome.detail


def test_post_sends_the_body_and_headers(server: RecordingServer) -> None:
    assert post_json(server.url("/x"), b'{"a":1}', {"X-Test": "y"}, policy([])).ok
    (request,) = server.to("/x")
    assert request.body == b'{"a":1}' and request.headers["X-Test"] == "y"
    assert request.headers["Content-Type"] == "application/json; charset=utf-8"


def mail() -> EmailMessage:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "s@x.test", "r@x.test", "Hi"
    message.set_content("body")
    return message


def test_mail_goes_over_starttls_and_retries_a_temporary_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cert, key = make_certificate(tmp_path)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    with SmtpTestServer(cert, key) as smtp:
        smtp.state.data_answers.append("451")
        waits: list[float] = []
        server = SmtpServer.parse(f"smtp://bot:secret@127.0.0.1:{smtp.port}")
        outcome = send_mail(server, mail(), policy(waits))
        assert outcome.ok and outcome.attempts == 2 and len(waits) == 1
        (received,) = smtp.state.mails
        assert received.tls and received.user == "bot" and received.message["Subject"] == "Hi"
        # A wrong password is not retried.
        wrong = SmtpServer.parse(f"smtp://bot:nope@127.0.0.1:{smtp.port}")
        outcome = send_mail(wrong, mail(), policy(waits))
        assert not outcome.ok and outcome.attempts == 1 and outcome.detail == "SMTP 535"


def test_mail_refuses_a_server_whose_certificate_is_not_trusted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cert, key = make_certificate(tmp_path)
    monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "none.pem"))
    with SmtpTestServer(cert, key) as smtp:
        server = SmtpServer.parse(f"smtp://bot:secret@127.0.0.1:{smtp.port}")
        outcome = send_mail(server, mail(), policy([]))
        assert not outcome.ok and outcome.attempts == 1 and "TLS" in outcome.detail
        assert not smtp.state.mails
