"""Sending: HTTP POST (urllib) and SMTP, with timeouts and retries.

A request is retried on 429 and 5xx answers and on network errors (refused, reset, timed out),
with exponential backoff and jitter, waiting at least what `Retry-After` asks (seconds or an
HTTP date). A wait longer than `max_wait` is not waited for: the send fails now and the next
run tries again. Other answers (4xx: a wrong URL, a revoked webhook) fail at once, and so does
a redirect (3xx): it is never followed, since urllib would follow 301, 302 and 303 as a GET
without the body and the update would count as delivered.
"""

from __future__ import annotations

import random
import smtplib
import ssl
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import parsedate_to_datetime
from urllib.parse import unquote, urlsplit

from statusgen import __version__

USER_AGENT = f"statusgen/{__version__} (+https://github.com/statusgen/statusgen)"


@dataclass(frozen=True)
class Outcome:
    """How one send ended."""

    ok: bool
    attempts: int
    #: The last answer or error, for the summary ("HTTP 500", "timed out", ...).
    detail: str
    #: True when the service refused this message for good (a 4xx other than 429, a redirect,
    #: SMTP 5xx, refused recipients): sending it again would fail again. False after transient
    #: errors (5xx, 429, network errors, timeouts): the next run tries again.
    permanent: bool = False


@dataclass
class Retrying:
    """The retry policy; `sleep`, `jitter` and `clock` are injectable for tests."""

    timeout: float = 10.0
    attempts: int = 5
    base: float = 1.0
    #: Longest backoff between two attempts.
    cap: float = 30.0
    #: Longest `Retry-After` honoured; beyond it the send fails until the next run.
    max_wait: float = 120.0
    sleep: Callable[[float], None] = time.sleep
    jitter: Callable[[], float] = random.random
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))

    def backoff(self, attempt: int) -> float:
        """Seconds before retry number `attempt` (1-based): exponential, capped, jittered."""
        ceiling = min(self.cap, self.base * 2.0 ** (attempt - 1))
        return float(ceiling * (0.5 + self.jitter() / 2))

    def retry_after(self, value: str | None) -> float | None:
        """`Retry-After` in seconds: a number of seconds or an HTTP date; None if absent."""
        if not value:
            return None
        value = value.strip()
        if value.isdigit():
            return float(value)
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        return max((when - self.clock()).total_seconds(), 0.0)

    def run(self, attempt_once: Callable[[], tuple[bool, bool, str, float | None]]) -> Outcome:
        """Call `attempt_once` until it succeeds, fails for good, or attempts run out. It
        answers (ok, retryable, detail, seconds the service asked to wait)."""
        detail = ""
        for attempt in range(1, self.attempts + 1):
            ok, retryable, detail, asked = attempt_once()
            if ok or not retryable:
                return Outcome(ok, attempt, detail, permanent=not ok)
            if attempt == self.attempts:
                break
            wait = self.backoff(attempt)
            if asked is not None:
                if asked > self.max_wait:
                    return Outcome(
                        False, attempt, f"{detail}; Retry-After {asked:.0f} s is too long"
                    )
                wait = max(wait, asked)
            self.sleep(wait)
        return Outcome(False, self.attempts, detail)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Every 3xx answer stays an error (`HTTPError`): a redirect is a failure."""

    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirects())


def post_json(
    url: str,
    body: bytes,
    headers: dict[str, str],
    policy: Retrying,
    per_attempt: Callable[[datetime], dict[str, str]] | None = None,
) -> Outcome:
    """POST a JSON body, with retries; `per_attempt` adds the headers of each attempt, made at
    its time by the policy's clock (a signature over a timestamp)."""
    request_headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": USER_AGENT,
        **headers,
    }

    def once() -> tuple[bool, bool, str, float | None]:
        fresh = per_attempt(policy.clock()) if per_attempt else {}
        request = urllib.request.Request(
            url, data=body, headers={**request_headers, **fresh}, method="POST"
        )
        try:
            with _OPENER.open(request, timeout=policy.timeout) as response:
                response.read(65536)
                return True, False, f"HTTP {response.status}", None
        except urllib.error.HTTPError as error:
            status = error.code
            if 300 <= status < 400:
                return False, False, f"HTTP {status}: redirects are not followed", None
            asked = policy.retry_after(error.headers.get("Retry-After"))
            retryable = status == 429 or status >= 500
            return False, retryable, f"HTTP {status}", asked
        except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
            reason = getattr(error, "reason", error)
            return False, True, f"network error: {reason}", None

    if urlsplit(url).scheme not in ("http", "https"):
        return Outcome(False, 0, "not an http(s) URL", permanent=True)
    return policy.run(once)


@dataclass(frozen=True)
class SmtpServer:
    """Where mail goes: `smtp://user:pass@host:587` (STARTTLS, required) or `smtps://` (TLS)."""

    host: str
    port: int
    implicit_tls: bool
    user: str | None
    password: str | None

    @classmethod
    def parse(cls, url: str) -> SmtpServer:
        """From the channel's `smtp` URL (already checked by the options)."""
        parts = urlsplit(url)
        implicit = parts.scheme == "smtps"
        return cls(
            host=parts.hostname or "",
            port=parts.port or (465 if implicit else 587),
            implicit_tls=implicit,
            user=unquote(parts.username) if parts.username else None,
            password=unquote(parts.password) if parts.password else None,
        )


def send_mail(
    server: SmtpServer,
    message: EmailMessage,
    policy: Retrying,
    recipients: tuple[str, ...] = (),
    context: ssl.SSLContext | None = None,
) -> Outcome:
    """Send one message over TLS (never in clear text), with retries on temporary failures,
    to `recipients` (the envelope's; by default the message's own To, Cc and Bcc)."""
    tls = context or ssl.create_default_context()

    def once() -> tuple[bool, bool, str, float | None]:
        try:
            client: smtplib.SMTP
            if server.implicit_tls:
                client = smtplib.SMTP_SSL(
                    server.host, server.port, timeout=policy.timeout, context=tls
                )
            else:
                client = smtplib.SMTP(server.host, server.port, timeout=policy.timeout)
            with client:
                client.ehlo()
                if not server.implicit_tls:
                    if not client.has_extn("starttls"):
                        return False, False, "the server does not offer STARTTLS", None
                    client.starttls(context=tls)
                    client.ehlo()
                if server.user:
                    client.login(server.user, server.password or "")
                refused = client.send_message(message, to_addrs=list(recipients) or None)
            if refused:
                return False, False, f"refused recipients: {', '.join(sorted(refused))}", None
            return True, False, "accepted", None
        except smtplib.SMTPResponseException as error:
            temporary = 400 <= error.smtp_code < 500
            return False, temporary, f"SMTP {error.smtp_code}", None
        except smtplib.SMTPRecipientsRefused as error:
            return False, False, f"refused recipients: {', '.join(sorted(error.recipients))}", None
        except ssl.SSLError as error:
            return False, False, f"TLS error: {error.reason}", None
        except (smtplib.SMTPException, OSError) as error:
            return False, True, f"network error: {error}", None

    return policy.run(once)
