"""`statusgen probe` against real local HTTP and TCP servers in threads, with a pinned clock:
one incident after N failures (started at the first), one through flapping, resolved after M
passes unless a responder posted; the site built after the probes shows it; targets at
loopback or metadata addresses refused unless allowed; a hanging target fails at its timeout."""

from __future__ import annotations

import json
import re
import shutil
import socket
import ssl
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from ipaddress import ip_address
from pathlib import Path

import pytest
from notifyservers import make_certificate
from sitebuild import MKDOCS_YML, mkdocs_build, parse_page, write_site

from statusgen.cli import main
from statusgen.content.monitorconfig import HttpCheck
from statusgen.monitors import checks
from statusgen.monitors.addresses import Policy
from statusgen.monitors.run import Job, run_all

START = datetime(2026, 11, 23, 12, tzinfo=UTC)
STEP = timedelta(minutes=5)


class Server(ThreadingHTTPServer):
    request_queue_size = 128  # 50 checks connect at once
    daemon_threads = True


class Target:
    """A local HTTP server whose answer a test sets: "up" (200, "all good"), "down" (503),
    "slow-body" (200 without the keyword) or "hang" (no answer until the test ends)."""

    def __init__(self) -> None:
        self.mode = "up"
        self.requests = 0
        self.headers: dict[str, str] = {}
        self.release = threading.Event()
        target = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                target.requests += 1
                target.headers = dict(self.headers)
                if target.mode == "redirect":
                    self.send_response(302)
                    self.send_header("Location", "http://169.254.169.254/latest/meta-data/")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if target.mode == "hang":
                    target.release.wait(30)
                    return
                status, body = {"up": (200, b"all good"), "down": (503, b"oops")}.get(
                    target.mode, (200, b"nothing here")
                )
                self.send_response(status)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = Server(("127.0.0.1", 0), Handler)
        self.port = int(self.server.server_address[1])
        # Polled every 20 ms, not the default 0.5 s: `shutdown` waits for the next poll, and
        # every test's teardown waited for it (about 0.48 s each).
        threading.Thread(target=self.server.serve_forever, args=(0.02,), daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/health"

    def close(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def target() -> Iterator[Target]:
    server = Target()
    yield server
    server.close()


@pytest.fixture
def hanging() -> Iterator[socket.socket]:
    """A TCP socket that accepts connections (the kernel's backlog) and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    yield listener
    listener.close()


def make_site(root: Path, monitors: str, defaults: str = "failures: 2\n  passes: 2") -> Path:
    components = f"""
monitors:
  {defaults}
groups:
  - name: Core
    components:
      - id: api
        name: Public API
        monitors:
{monitors}
      - id: web
        name: Website
"""
    return write_site(
        root,
        {
            "mkdocs.yml": MKDOCS_YML.format(language="en", timezone="UTC", extra=""),
            "components.yml": components,
            "incidents/.keep": "",
        },
    )


def http_monitor(url: str, extra: str = "") -> str:
    lines = [f"          - type: http\n            url: {url}\n            timeout: 0.5"]
    return "\n".join(lines) + extra


@pytest.fixture
def site(tmp_path: Path, target: Target, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = make_site(tmp_path / "site", http_monitor(target.url, "\n            body: good"))
    monkeypatch.chdir(root)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    return root


class Clock:
    """Runs the command line at START, START + 5 min, ...: one probe per step."""

    def __init__(self) -> None:
        self.now = START - STEP

    def probe(self, *extra: str) -> int:
        self.now += STEP
        return main(["--now", self.now.isoformat(), "probe", "--allow-private", *extra])

    def run(self, *args: str) -> int:
        return main(["--now", self.now.isoformat(), *args])


def incident_files(root: Path) -> list[Path]:
    return sorted((root / "incidents").rglob("*.md"))


def front_matter(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("---")[1]


def test_down_opens_one_incident_stays_one_through_flapping_and_resolves(
    site: Path, target: Target, capsys: pytest.CaptureFixture[str]
) -> None:
    clock = Clock()
    assert clock.probe() == 0
    assert incident_files(site) == []
    target.mode = "down"
    assert clock.probe() == 1  # 12:05: first failure
    first_failure = clock.now
    assert incident_files(site) == []
    assert clock.probe() == 1  # 12:10: second failure opens it
    out = capsys.readouterr().out
    assert "FAIL api: http GET" in out and "status 503, expected 2xx" in out
    [path] = incident_files(site)
    assert "opened: incidents/2026/" in out
    text = front_matter(path)
    assert f"started: {first_failure:%Y-%m-%dT%H:%M:%SZ}" in text
    assert "opened_by: monitor" in text
    assert "api: major_outage" in text
    assert "status: investigating" in text
    assert "We are investigating a problem with Public API." in path.read_text()
    assert clock.run("check") == 0

    # Flapping: up, down, up, down: still one incident, no update added.
    written = path.read_text()
    for mode in ("up", "down", "up", "down"):
        target.mode = mode
        clock.probe()
    assert incident_files(site) == [path]
    assert path.read_text() == written

    target.mode = "up"
    assert clock.probe() == 0  # one pass: not yet
    assert "status: resolved" not in path.read_text()
    assert clock.probe() == 0  # two passes: resolved
    assert "resolved: incidents/2026/" in capsys.readouterr().out
    assert path.read_text().startswith(written.split("\n---\n")[0])  # only appended
    assert "status: resolved" in path.read_text()
    assert clock.run("check") == 0

    # Down again later: a new incident, since the first is resolved.
    target.mode = "down"
    clock.probe()
    clock.probe()
    assert len(incident_files(site)) == 2


def test_a_responder_update_keeps_the_monitor_from_resolving(
    site: Path, target: Target, capsys: pytest.CaptureFixture[str]
) -> None:
    clock = Clock()
    target.mode = "wrong-body"  # 200 without the keyword: partial outage
    clock.probe()
    clock.probe()
    [path] = incident_files(site)
    assert "api: partial_outage" in front_matter(path)
    assert "impact: major" in front_matter(path)
    incident_id = path.stem
    assert (
        clock.run("update", incident_id, "--status", "identified", "--message", "A bad deploy.")
        == 0
    )
    target.mode = "up"
    for _ in range(4):
        assert clock.probe() == 0
    text = path.read_text()
    assert "status: resolved" not in text
    out = capsys.readouterr().out
    assert f"held: api passes again, but {incident_id} stays open" in out
    assert "a person posted an update on it" in out
    assert clock.run("status", "--color", "never") == 0
    assert f"{incident_id} stays open until a responder resolves it" in capsys.readouterr().out


def test_a_hand_edit_of_the_monitors_words_keeps_it_from_resolving(
    site: Path, target: Target, capsys: pytest.CaptureFixture[str]
) -> None:
    clock = Clock()
    target.mode = "down"
    clock.probe()
    clock.probe()
    [path] = incident_files(site)
    path.write_text(path.read_text().replace("We are investigating", "We look into"))
    target.mode = "up"
    clock.probe()
    clock.probe()
    assert "status: resolved" not in path.read_text()
    assert "a person edited it" in capsys.readouterr().out


def test_a_person_s_open_incident_covers_the_component(
    site: Path, target: Target, capsys: pytest.CaptureFixture[str]
) -> None:
    clock = Clock()
    clock.now += STEP
    assert (
        clock.run(
            "new",
            "API errors",
            "--component",
            "api=partial_outage",
            "--impact",
            "major",
            "--message",
            "We see errors.",
        )
        == 0
    )
    clock.now -= STEP
    [path] = incident_files(site)
    written = path.read_text()
    target.mode = "down"
    for _ in range(3):
        clock.probe()
    assert incident_files(site) == [path]
    assert f"incident {path.stem} is open" in capsys.readouterr().out
    target.mode = "up"
    for _ in range(3):
        clock.probe()
    assert path.read_text() == written  # a person's file: never edited


def test_the_site_built_after_the_probes_shows_the_incident(
    site: Path, target: Target, tmp_path: Path
) -> None:
    clock = Clock()
    target.mode = "down"
    clock.probe()
    clock.probe()
    [path] = incident_files(site)
    epoch = str(int((clock.now + timedelta(minutes=1)).timestamp()))
    result = mkdocs_build(site, tmp_path / "out", epoch)
    assert result.returncode == 0, result.stderr
    overview = parse_page(tmp_path / "out" / "index.html").text
    assert "Problems with Public API" in overview
    page = parse_page(tmp_path / "out" / "incidents" / path.stem / "index.html").text
    assert "We are investigating a problem with Public API." in page
    assert "Opened automatically when our monitoring saw the failure" in page
    summary = json.loads((tmp_path / "out" / "api" / "v2" / "summary.json").read_text())
    [component] = [c for c in summary["components"] if c["name"] == "Public API"]
    assert component["status"] == "major_outage"


def test_a_tcp_server_that_goes_away_is_a_major_outage(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    port = listener.getsockname()[1]
    monitor = f"          - type: tcp\n            host: 127.0.0.1\n            port: {port}"
    root = make_site(tmp_path / "site", monitor, defaults="failures: 1")
    monkeypatch.chdir(root)
    clock = Clock()
    assert clock.probe() == 0
    listener.close()
    assert clock.probe() == 1
    assert "connection refused" in capsys.readouterr().out
    [path] = incident_files(root)
    assert "api: major_outage" in front_matter(path)


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "169.254.169.254", "[::1]"])
def test_loopback_and_metadata_targets_are_refused_by_default(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    target: Target,
    host: str,
) -> None:
    root = make_site(tmp_path / "site", http_monitor(f"http://{host}:{target.port}/health"))
    monkeypatch.chdir(root)
    assert main(["--now", START.isoformat(), "probe"]) == 2
    out = capsys.readouterr().out
    assert "ERR  api" in out and "refused:" in out
    assert target.requests == 0
    assert incident_files(root) == []


def test_allow_private_allows_loopback_but_never_metadata(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    target: Target,
) -> None:
    root = make_site(tmp_path / "site", http_monitor(target.url))
    monkeypatch.chdir(root)
    assert main(["--now", START.isoformat(), "probe", "--allow-private"]) == 0
    assert target.requests == 1
    policy = Policy(allow_private=True)
    for metadata in ("169.254.169.254", "fd00:ec2::254", "::ffff:169.254.169.254"):
        assert "metadata" in str(policy.refusal(ip_address(metadata)))
    assert policy.refusal(ip_address("127.0.0.1")) is None


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "127.8.9.1",
        "::1",
        "169.254.169.254",
        "169.254.1.1",
        "fd00:ec2::254",
        "0.0.0.0",
        "10.0.0.1",
        "192.168.1.1",
        "fe80::1",
        "::ffff:127.0.0.1",
    ],
)
def test_the_default_policy_refuses_non_public_addresses(address: str) -> None:
    assert Policy().refusal(ip_address(address))


def test_public_addresses_are_allowed() -> None:
    assert Policy().refusal(ip_address("93.184.216.34")) is None
    assert Policy().refusal(ip_address("2606:2800:220:1:248:1893:25c8:1946")) is None


def test_a_hanging_target_fails_at_its_timeout_and_fifty_checks_finish(
    target: Target, hanging: socket.socket
) -> None:
    port = hanging.getsockname()[1]
    jobs = [
        Job(f"c{n}", HttpCheck(target.url, "http", "127.0.0.1", target.port, "/health", 5))
        for n in range(49)
    ]
    jobs.insert(
        17,
        Job("stuck", HttpCheck(f"http://127.0.0.1:{port}/", "http", "127.0.0.1", port, "/", 0.5)),
    )
    done: list[str] = []
    outcomes = run_all(
        jobs, Policy(allow_private=True), deadline=20, on_done=lambda j, o: done.append(j.component)
    )
    assert len(done) == 50
    stuck = outcomes[17]
    assert not stuck.passed and stuck.status.value == "major_outage"
    assert "timeout" in stuck.detail
    assert [o.detail for i, o in enumerate(outcomes) if i != 17 and not o.passed] == []


def test_the_run_deadline_ends_a_check_that_outlasts_it(target: Target) -> None:
    target.mode = "hang"
    check = HttpCheck(target.url, "http", "127.0.0.1", target.port, "/health", 30)
    [outcome] = run_all([Job("api", check)], Policy(allow_private=True), deadline=0.5)
    assert not outcome.passed
    assert "not finished within the run's deadline of 0.5 s" in outcome.detail


def test_header_values_come_from_the_environment_and_are_never_printed(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    target: Target,
) -> None:
    extra = "\n            headers_from_env: {X-Probe-Key: PROBE_KEY}"
    root = make_site(tmp_path / "site", http_monitor(target.url, extra))
    monkeypatch.chdir(root)
    monkeypatch.delenv("PROBE_KEY", raising=False)
    assert main(["--now", START.isoformat(), "probe", "--allow-private"]) == 2
    assert "the variable PROBE_KEY (header X-Probe-Key) is not set" in capsys.readouterr().out
    assert target.requests == 0
    monkeypatch.setenv("PROBE_KEY", "s3cret-value")
    assert main(["--now", (START + STEP).isoformat(), "probe", "--allow-private"]) == 0
    captured = capsys.readouterr()
    assert target.headers["X-Probe-Key"] == "s3cret-value"
    assert "s3cret-value" not in captured.out + captured.err
    assert "s3cret-value" not in (root / ".statusgen" / "probe-state.json").read_text()


def test_a_redirect_is_not_followed(target: Target) -> None:
    target.mode = "redirect"  # 302 to the metadata address
    check = HttpCheck(target.url, "http", "127.0.0.1", target.port, "/health", 2)
    [outcome] = run_all([Job("api", check)], Policy(allow_private=True), deadline=10)
    assert not outcome.passed
    assert outcome.detail == "status 302, expected 2xx"
    assert outcome.status.value == "partial_outage"
    assert target.requests == 1


def test_a_damaged_state_file_is_said_and_started_anew(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    state = site / ".statusgen" / "probe-state.json"
    state.parent.mkdir()
    state.write_text("{not json")
    assert Clock().probe() == 0
    assert "probe-state.json: not readable JSON" in capsys.readouterr().err
    assert json.loads(state.read_text())["components"]["api"]["passes"] == 1


@pytest.fixture
def tls_target(tmp_path: Path) -> Iterator[tuple[int, Path]]:
    """An HTTPS server on 127.0.0.1 with a self-signed certificate valid for 5 days."""
    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command")
    cert, key = make_certificate(tmp_path, days=5)
    server = Target()
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.server.socket = context.wrap_socket(server.server.socket, server_side=True)
    yield server.port, cert
    server.close()


def test_https_verifies_the_certificate_and_warns_before_it_expires(
    tls_target: tuple[int, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    port, cert = tls_target
    url = f"https://127.0.0.1:{port}/health"
    check = HttpCheck(url, "https", "127.0.0.1", port, "/health", 2, tls_expiry_days=14)
    [untrusted] = run_all([Job("api", check)], Policy(allow_private=True), deadline=10)
    assert not untrusted.passed and untrusted.status.value == "major_outage"
    assert "TLS failed: CERTIFICATE_VERIFY_FAILED" in untrusted.detail
    monkeypatch.setattr(checks._TlsConnection, "context", ssl.create_default_context(cafile=cert))
    [trusted] = run_all([Job("api", check)], Policy(allow_private=True), deadline=10)
    assert trusted.passed, trusted.detail
    assert re.fullmatch(
        r"the TLS certificate expires in [45] days \(\d{4}-\d\d-\d\d\)", trusted.warning
    )
