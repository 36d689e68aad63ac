"""Running one check once: an HTTP request, a TCP connection or a DNS lookup, each bounded by
its timeout, to an address the policy allows. The result says what failed in words that never
hold a header's value, and which component status that kind of failure stands for."""

from __future__ import annotations

import http.client
import os
import re
import socket
import ssl
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from statusgen import __version__
from statusgen.content.monitorconfig import Check, DnsCheck, HttpCheck, TcpCheck
from statusgen.model import ComponentStatus
from statusgen.monitors.addresses import Address, Policy, RefusedTarget

#: Most bytes of a response body read (the body and body_regex conditions see these).
BODY_CAP = 1024 * 1024
USER_AGENT = f"statusgen-probe/{__version__}"


@dataclass(frozen=True)
class Outcome:
    """One check's result. `status` is operational when it passed, else the status its kind
    of failure stands for; `error` marks a result that is the configuration's fault (a refused
    target, a missing variable): it counts neither as a pass nor as a failure."""

    check: Check
    passed: bool
    status: ComponentStatus
    detail: str
    elapsed: float = 0.0
    error: bool = False
    warning: str = ""


def describe_check(check: Check) -> str:
    """The check as the terminal shows it (never a header's value)."""
    if isinstance(check, HttpCheck):
        return f"http {check.method} {check.url}"
    if isinstance(check, TcpCheck):
        return f"tcp {check.host}:{check.port}"
    return f"dns {check.record} {check.name}"


def run_check(check: Check, policy: Policy, now: datetime | None = None) -> Outcome:
    """Run `check` once; never raises for what a target does."""
    start = time.monotonic()
    try:
        if isinstance(check, HttpCheck):
            outcome = _http(check, policy, start, now or datetime.now(UTC))
        elif isinstance(check, TcpCheck):
            outcome = _tcp(check, policy, start)
        else:
            outcome = _dns(check, start)
    except RefusedTarget as refused:
        return Outcome(check, False, ComponentStatus.OPERATIONAL, f"refused: {refused}", error=True)
    except TimeoutError:
        return _down(check, f"no answer within {check.timeout:g} s (timeout)", start)
    except ConnectionRefusedError:
        return _down(check, "connection refused", start)
    except ssl.SSLError as error:
        return _down(check, f"TLS failed: {error.reason or error.__class__.__name__}", start)
    except (OSError, http.client.HTTPException) as error:
        return _down(check, f"failed: {_reason(error)}", start)
    return outcome


def _down(check: Check, detail: str, start: float) -> Outcome:
    elapsed = time.monotonic() - start
    return Outcome(check, False, ComponentStatus.MAJOR_OUTAGE, detail, elapsed)


def _reason(error: Exception) -> str:
    text = str(error) or error.__class__.__name__
    return text if len(text) <= 120 else text[:117] + "..."


class _Connection(http.client.HTTPConnection):
    """HTTP to the address the policy checked, with the URL's host in the Host header."""

    address: str = ""

    def connect(self) -> None:
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _TlsConnection(http.client.HTTPSConnection):
    """HTTPS to the checked address; the certificate is verified against the URL's host."""

    address: str = ""
    context: ssl.SSLContext = ssl.create_default_context()

    def connect(self) -> None:
        raw = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self.context.wrap_socket(raw, server_hostname=self.host)


def _http(check: HttpCheck, policy: Policy, start: float, now: datetime) -> Outcome:
    headers = {"User-Agent": USER_AGENT, "Accept": "*/*", "Connection": "close"}
    for name, variable in check.headers_from_env.items():
        value = os.environ.get(variable)
        if not value:
            detail = f"the variable {variable} (header {name}) is not set; expected its value"
            return Outcome(check, False, ComponentStatus.OPERATIONAL, detail, error=True)
        headers[name] = value
    address = policy.resolve(check.host, check.port)
    kind = _TlsConnection if check.scheme == "https" else _Connection
    connection = kind(check.host, check.port, timeout=check.timeout)
    connection.address = str(address)
    try:
        connection.request(check.method, check.target, headers=headers)
        warning = _certificate_warning(connection, check, now)  # before a close drops it
        response = connection.getresponse()
        body = _read_capped(response, start + check.timeout)
    finally:
        connection.close()
    elapsed = time.monotonic() - start
    took = f"{response.status} in {elapsed:.2f} s"
    if response.status not in check.status:
        bad = (
            ComponentStatus.MAJOR_OUTAGE
            if response.status >= 500
            else ComponentStatus.PARTIAL_OUTAGE
        )
        return Outcome(
            check, False, bad, f"status {response.status}, expected {_codes(check)}", elapsed
        )
    text = body.decode("utf-8", "replace")
    if check.body is not None and check.body not in text:
        return Outcome(
            check,
            False,
            ComponentStatus.PARTIAL_OUTAGE,
            f"{took}: body lacks the expected text",
            elapsed,
        )
    if check.body_regex is not None and re.search(check.body_regex, text) is None:
        return Outcome(
            check,
            False,
            ComponentStatus.PARTIAL_OUTAGE,
            f"{took}: body does not match body_regex",
            elapsed,
        )
    if check.max_response_time is not None and elapsed > check.max_response_time:
        detail = f"{took}: slower than {check.max_response_time:g} s"
        return Outcome(check, False, ComponentStatus.DEGRADED_PERFORMANCE, detail, elapsed)
    return Outcome(check, True, ComponentStatus.OPERATIONAL, took, elapsed, warning=warning)


def _read_capped(response: http.client.HTTPResponse, deadline: float) -> bytes:
    """At most BODY_CAP bytes of the body; a body that trickles past the timeout is one."""
    chunks: list[bytes] = []
    size = 0
    while size < BODY_CAP:
        if time.monotonic() > deadline:
            raise TimeoutError
        chunk = response.read1(min(65536, BODY_CAP - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _codes(check: HttpCheck) -> str:
    if check.status == tuple(range(200, 300)):
        return "2xx"
    return ", ".join(str(code) for code in check.status)


def _certificate_warning(
    connection: http.client.HTTPConnection, check: HttpCheck, now: datetime
) -> str:
    if check.tls_expiry_days is None or not isinstance(connection.sock, ssl.SSLSocket):
        return ""
    certificate = connection.sock.getpeercert()
    not_after = certificate.get("notAfter") if certificate else None
    if not isinstance(not_after, str):
        return ""
    expires = datetime.fromtimestamp(ssl.cert_time_to_seconds(not_after), UTC)
    days = (expires - now).total_seconds() / 86400
    if days <= check.tls_expiry_days:
        return f"the TLS certificate expires in {days:.0f} days ({expires:%Y-%m-%d})"
    return ""


def _tcp(check: TcpCheck, policy: Policy, start: float) -> Outcome:
    address: Address = policy.resolve(check.host, check.port)
    with socket.create_connection((str(address), check.port), check.timeout):
        pass
    elapsed = time.monotonic() - start
    return Outcome(
        check, True, ComponentStatus.OPERATIONAL, f"connected in {elapsed:.2f} s", elapsed
    )


def _dns(check: DnsCheck, start: float) -> Outcome:
    family = socket.AF_INET if check.record == "A" else socket.AF_INET6
    try:
        infos = socket.getaddrinfo(check.name, None, family=family, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        return _down(check, f"does not resolve: {_reason(error)}", start)
    found = sorted({str(info[4][0]) for info in infos})
    elapsed = time.monotonic() - start
    missing = [address for address in check.expect if address not in found]
    if missing:
        detail = f"resolves to {', '.join(found)}; expected {', '.join(missing)} too"
        return Outcome(check, False, ComponentStatus.PARTIAL_OUTAGE, detail, elapsed)
    return Outcome(
        check, True, ComponentStatus.OPERATIONAL, f"resolves to {', '.join(found)}", elapsed
    )
