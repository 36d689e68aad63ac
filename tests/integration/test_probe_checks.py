"""Each part of an `http` and a `dns` check that issue 23 lists, run against a real local
server (or the system's resolver for `localhost`): the method and the expected status codes,
`body_regex`, `max_response_time`, the cap on a body read, and what a DNS answer gives; each
failure with the component status its kind stands for. Then the whole path of a monitor's
incident through `statusgen notify`: sent once when the probe opens it, its resolution once."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from notifyservers import RecordingServer
from sitebuild import MKDOCS_YML, write_site

from statusgen.cli import main
from statusgen.content.monitorconfig import DnsCheck, HttpCheck
from statusgen.model import ComponentStatus
from statusgen.monitors.addresses import Policy
from statusgen.monitors.checks import BODY_CAP, run_check

LOCAL = Policy(allow_private=True)
NOW = datetime(2026, 11, 23, 12, tzinfo=UTC)


class Server(ThreadingHTTPServer):
    daemon_threads = True


class Handler(BaseHTTPRequestHandler):
    """/ok: 200 "build 42 ok"; /slow: the same after 0.4 s; /big: 3 MiB whose only
    "needle" is at its end; /teapot: 418; /flip: 503 while `down`, else as /ok. Each
    request's method is kept."""

    methods: list[str] = []
    down = False

    def answer(self) -> None:
        Handler.methods.append(self.command)
        status, body = 200, b"build 42 ok"
        if self.path == "/slow":
            time.sleep(0.4)
        elif self.path == "/big":
            body = b"x" * (3 * BODY_CAP) + b"needle"
        elif self.path == "/teapot":
            status, body = 418, b"short and stout"
        elif self.path == "/flip" and Handler.down:
            status, body = 503, b"down"
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            try:
                self.wfile.write(body)
            except OSError:
                pass  # the probe stopped reading at its cap

    do_GET = do_POST = do_HEAD = answer

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def port() -> Iterator[int]:
    Handler.methods, Handler.down = [], False
    server = Server(("127.0.0.1", 0), Handler)
    # Polled every 20 ms: `shutdown` waits for the next poll (0.5 s by default, per test).
    threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True).start()
    yield int(server.server_address[1])
    server.shutdown()
    server.server_close()


def http(port: int, path: str, **options: object) -> HttpCheck:
    url = f"http://127.0.0.1:{port}{path}"
    return HttpCheck(url, "http", "127.0.0.1", port, path, 2, **options)  # type: ignore[arg-type]


def test_the_method_and_the_expected_status_codes(port: int) -> None:
    assert run_check(http(port, "/ok", method="HEAD"), LOCAL, NOW).passed
    assert run_check(http(port, "/ok", method="POST"), LOCAL, NOW).passed
    assert Handler.methods == ["HEAD", "POST"]
    refused = run_check(http(port, "/teapot"), LOCAL, NOW)
    assert not refused.passed and refused.status is ComponentStatus.PARTIAL_OUTAGE
    assert refused.detail == "status 418, expected 2xx"
    assert run_check(http(port, "/teapot", status=(418,)), LOCAL, NOW).passed


def test_body_regex_must_match(port: int) -> None:
    assert run_check(http(port, "/ok", body_regex=r"build \d+ ok"), LOCAL, NOW).passed
    missed = run_check(http(port, "/ok", body_regex=r"build \d+ ready"), LOCAL, NOW)
    assert not missed.passed and missed.status is ComponentStatus.PARTIAL_OUTAGE
    assert "body does not match body_regex" in missed.detail


def test_a_response_slower_than_its_limit_is_degraded_performance(port: int) -> None:
    assert run_check(http(port, "/slow", max_response_time=1.5), LOCAL, NOW).passed
    slow = run_check(http(port, "/slow", max_response_time=0.2), LOCAL, NOW)
    assert not slow.passed and slow.status is ComponentStatus.DEGRADED_PERFORMANCE
    assert "slower than 0.2 s" in slow.detail


def test_only_the_first_mib_of_a_body_is_read(port: int) -> None:
    capped = run_check(http(port, "/big", body="needle"), LOCAL, NOW)
    assert not capped.passed and "body lacks the expected text" in capped.detail
    assert run_check(http(port, "/big", body="xxxx"), LOCAL, NOW).passed


def test_a_dns_answer_passes_misses_or_fails() -> None:
    found = run_check(DnsCheck("localhost", 2, "A", ("127.0.0.1",)), LOCAL, NOW)
    assert found.passed and found.detail == "resolves to 127.0.0.1"
    other = run_check(DnsCheck("localhost", 2, "A", ("192.0.2.1",)), LOCAL, NOW)
    assert not other.passed and other.status is ComponentStatus.PARTIAL_OUTAGE
    assert other.detail == "resolves to 127.0.0.1; expected 192.0.2.1 too"
    # .invalid never resolves (RFC 6761), with or without a network.
    gone = run_check(DnsCheck("statusgen-test.invalid", 2), LOCAL, NOW)
    assert not gone.passed and gone.status is ComponentStatus.MAJOR_OUTAGE
    assert gone.detail.startswith("does not resolve")


COMPONENTS = """
monitors:
  failures: 2
  passes: 2
groups:
  - name: Core
    components:
      - id: api
        name: Public API
        monitors:
          - {{type: http, url: "http://127.0.0.1:{port}/flip", timeout: 1}}
"""
CHANNEL = "      notify:\n        - type: slack\n          url: {url}\n"


def test_a_monitors_incident_is_notified_once_then_its_resolution_once(
    tmp_path: Path, port: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    with RecordingServer() as chat:
        root = write_site(
            tmp_path / "site",
            {
                "mkdocs.yml": MKDOCS_YML.format(
                    language="en", timezone="UTC", extra=CHANNEL.format(url=chat.url("/slack"))
                ),
                "components.yml": COMPONENTS.format(port=port),
                "incidents/.keep": "",
            },
        )
        monkeypatch.chdir(root)
        monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)

        def at(minute: int, *args: str) -> int:
            return main(["--now", f"2026-11-23T12:{minute:02d}:00Z", *args])

        def probe_then_notify(minute: int) -> None:
            at(minute, "probe", "--allow-private", "--all")
            assert at(minute, "notify", "--ledger", str(tmp_path / "ledger.json")) == 0

        Handler.down = True
        for minute in (0, 5, 10):  # down twice opens it at 12:05; 12:10 changes nothing
            probe_then_notify(minute)
        [sent] = chat.to("/slack")
        assert "Problems with Public API" in sent.body.decode()
        Handler.down = False
        for minute in (15, 20, 25):  # up twice resolves it at 12:20
            probe_then_notify(minute)
        first, resolved = chat.to("/slack")
        assert first == sent and "resolved" in resolved.body.decode().lower()


def test_a_component_probed_less_than_its_interval_ago_waits_unless_all(
    tmp_path: Path, port: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    components = COMPONENTS.replace("  passes: 2\n", "  passes: 2\n  interval: 600\n")
    root = write_site(
        tmp_path / "site",
        {
            "mkdocs.yml": MKDOCS_YML.format(language="en", timezone="UTC", extra=""),
            "components.yml": components.format(port=port),
            "incidents/.keep": "",
        },
    )
    monkeypatch.chdir(root)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)

    def probe(at: str, *extra: str) -> int:
        main(["--now", f"2026-11-23T{at}Z", "probe", "--allow-private", *extra])
        return len(Handler.methods)

    assert probe("12:00:00") == 1
    assert probe("12:05:00") == 1  # 5 minutes of 10: not due
    assert "1 not due (probed less than their interval ago)" in capsys.readouterr().out
    assert probe("12:09:30") == 2  # 10 minutes less the schedule's drift of 30 s: due
    assert probe("12:10:00", "--all") == 3  # --all: probed anyway
