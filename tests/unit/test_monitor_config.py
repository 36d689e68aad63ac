"""components.yml's monitors as `statusgen check` reads them: every key checked at its line,
what is valid read into checks with the defaults applied."""

from __future__ import annotations

from pathlib import Path

import pytest

from statusgen.cli import main
from statusgen.content import SiteLayout
from statusgen.content.components import load_components
from statusgen.content.monitorconfig import DnsCheck, HttpCheck, TcpCheck
from statusgen.problems import Problem

HEAD = """\
groups:
  - name: Core
    components:
      - id: api
        name: Public API
        monitors:
"""


def check(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str) -> tuple[int, str]:
    (tmp_path / "components.yml").write_text(text)
    (tmp_path / "incidents").mkdir(exist_ok=True)
    code = main(["-C", str(tmp_path), "--now", "2026-11-23T12:00:00Z", "check"])
    return code, capsys.readouterr().err


@pytest.mark.parametrize(
    ("monitor", "line", "expected"),
    [
        (
            "- type: ping\n  host: a.example",
            7,
            "monitor type 'ping' is unknown; expected one of http, tcp, dns",
        ),
        ("- url: https://a.example/", 7, "monitor without 'type'"),
        (
            "- type: http\n  url: https://a.example/\n  port: 3",
            9,
            "unknown key 'port' in a http monitor; expected one of type, timeout, url",
        ),
        (
            "- type: http\n  url: ftp://a.example/",
            8,
            "url 'ftp://a.example/' is not allowed; expected http(s)://host[:port]/path",
        ),
        ("- type: http\n  url: https://user:pw@a.example/", 8, "is not allowed"),
        (
            "- type: http\n  url: https://a.example/\n  method: DELETE",
            9,
            "method 'DELETE' is unknown",
        ),
        (
            "- type: http\n  url: https://a.example/\n  status: [200, 700]",
            9,
            "status '700' is not allowed; expected a number from 100 to 599",
        ),
        (
            "- type: http\n  url: https://a.example/\n  body_regex: '(unclosed'",
            9,
            "body_regex '(unclosed' is not valid",
        ),
        (
            "- type: http\n  url: https://a.example/\n  headers_from_env: {X-Key: Bearer x}",
            9,
            "is not an environment variable's name; expected the name of the variable",
        ),
        (
            "- type: http\n  url: http://a.example/\n  tls_expiry_days: 14",
            9,
            "tls_expiry_days is for https urls",
        ),
        (
            "- type: http\n  url: https://a.example/\n  timeout: 600",
            9,
            "timeout '600' is not allowed; expected a number from 0.1 to 60",
        ),
        ("- type: tcp\n  host: db.example", 7, "tcp monitor without 'port'"),
        ("- type: tcp\n  host: db.example\n  port: 70000", 9, "port '70000' is not allowed"),
        (
            "- type: dns\n  name: a.example\n  record: MX",
            9,
            "record 'MX' is not supported; expected A or AAAA",
        ),
        (
            "- type: dns\n  name: a.example\n  expect: [not-an-ip]",
            9,
            "expect 'not-an-ip' is not an IP address",
        ),
    ],
)
def test_each_mistake_is_named_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monitor: str, line: int, expected: str
) -> None:
    indented = "".join(f"          {row}\n" for row in monitor.split("\n"))
    code, err = check(tmp_path, capsys, HEAD + indented)
    assert code == 1
    assert f"components.yml:{line}: " in err
    assert expected in err


def test_defaults_are_checked_at_their_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (
        "monitors:\n  failures: 0\n  retries: 3\n"
        + HEAD
        + "          - {type: tcp, host: a.example, port: 1}\n"
    )
    code, err = check(tmp_path, capsys, text)
    assert code == 1
    assert "components.yml:2: failures '0' is not allowed; expected a number from 1 to 100" in err
    assert "components.yml:3: unknown key 'retries' in monitors defaults" in err


def test_valid_monitors_are_read_with_the_defaults(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (
        "monitors:\n  timeout: 3\n  failures: 4\n"
        + HEAD
        + (
            "          - type: http\n"
            "            url: https://api.example/health?deep=1\n"
            "            status: [200, 204]\n"
            "            headers_from_env: {Authorization: STATUS_TOKEN}\n"
            "            max_response_time: 1.5\n"
            "          - {type: tcp, host: db.example, port: 5432, timeout: 1}\n"
            "          - {type: dns, name: api.example, record: AAAA, expect: '2001:db8::1'}\n"
        )
    )
    code, err = check(tmp_path, capsys, text)
    assert code == 0, err
    problems: list[Problem] = []
    _, monitors = load_components(SiteLayout(root=tmp_path), problems)
    assert problems == []
    assert monitors.defaults.failures == 4 and monitors.defaults.passes == 2
    http, tcp, dns = monitors.checks["api"]
    assert isinstance(http, HttpCheck) and isinstance(tcp, TcpCheck) and isinstance(dns, DnsCheck)
    assert (http.host, http.port, http.target, http.timeout) == (
        "api.example",
        443,
        "/health?deep=1",
        3,
    )
    assert http.status == (200, 204) and dict(http.headers_from_env) == {
        "Authorization": "STATUS_TOKEN"
    }
    assert (tcp.port, tcp.timeout) == (5432, 1)
    assert dns.expect == ("2001:db8::1",)


def test_opened_by_takes_only_monitor_or_alert(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "incidents").mkdir()
    (tmp_path / "incidents" / "2026-11-23-x.md").write_text(
        "---\ntitle: X\nimpact: minor\nopened_by: robot\ncomponents: {api: degraded_performance}\n"
        "phases:\n  - at: 2026-11-23T11:00:00Z\n    status: investigating\n"
        "    message: Slow.\n---\n"
    )
    code, err = check(tmp_path, capsys, HEAD.replace("        monitors:\n", ""))
    assert code == 1
    assert "2026-11-23-x.md:4: opened_by is 'robot'; expected monitor or alert (or no key)" in err
