"""The monitors of components.yml: the `monitors:` defaults at the top of the file and each
component's list of checks (`http`, `tcp`, `dns`), read node by node, every problem recorded
as `path:line: what; expected what`. `statusgen check` and `statusgen probe` read them with
the same code (`content.components.load_components`)."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import yaml

from statusgen.content.monitorvalues import (
    is_host,
    read_count,
    read_headers,
    read_status_codes,
    regex_problem,
)
from statusgen.content.translated import read_texts
from statusgen.content.yamlsource import YamlSource, describe

CHECK_TYPES = ("http", "tcp", "dns")
DEFAULTS_KEYS = ("interval", "timeout", "failures", "passes", "title")
COMMON_KEYS = ("type", "timeout")
HTTP_KEYS = (
    *COMMON_KEYS,
    "url",
    "method",
    "status",
    "body",
    "body_regex",
    "max_response_time",
    "headers_from_env",
    "tls_expiry_days",
)
TCP_KEYS = (*COMMON_KEYS, "host", "port")
DNS_KEYS = (*COMMON_KEYS, "name", "record", "expect")
CHECK_KEYS = {"http": HTTP_KEYS, "tcp": TCP_KEYS, "dns": DNS_KEYS}
HTTP_METHODS = ("GET", "HEAD", "POST", "OPTIONS")
DNS_RECORDS = ("A", "AAAA")
#: The title of an incident the monitor opens; `{{components}}` is the component's name.
DEFAULT_TITLE = "Problems with {{components}}"
#: The default title in each of statusgen's interface languages, for a site of several
#: languages (issue #28); a site of one keeps `DEFAULT_TITLE` whatever its language.
DEFAULT_TITLES = {
    "en": DEFAULT_TITLE,
    "fr": "Problèmes avec {{components}}",
    "nl": "Problemen met {{components}}",
    "de": "Probleme mit {{components}}",
}
_URL = re.compile(r"(https?)://([^/?#:@\s\[\]]+|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?([/?#]\S*)?")
#: Bounds of the numbers, so a pull request cannot make the probe wait for an hour.
MAX_TIMEOUT = 60.0
MAX_INTERVAL = 7 * 86400.0


@dataclass(frozen=True)
class MonitorDefaults:
    """The `monitors:` block: when a component is probed and when its incident opens, closes."""

    #: Seconds between two probes of a component (the probe skips one probed more recently).
    interval: float = 300.0
    #: Seconds one check may take before it is a failure.
    timeout: float = 10.0
    #: Consecutive failed probes that open an incident.
    failures: int = 2
    #: Consecutive passed probes that resolve the monitor's incident.
    passes: int = 2
    title: str = DEFAULT_TITLE
    #: The title in the site's other languages, (language, text) in the site's order
    #: (`title: {en: ..., fr: ...}`: content/translated.py).
    titles: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class HttpCheck:
    url: str
    scheme: str
    host: str
    port: int
    target: str
    timeout: float
    method: str = "GET"
    status: tuple[int, ...] = tuple(range(200, 300))
    body: str | None = None
    body_regex: str | None = None
    max_response_time: float | None = None
    #: Header name -> the environment variable holding its value (values are never stored).
    headers_from_env: Mapping[str, str] = field(default_factory=dict)
    tls_expiry_days: int | None = None
    line: int = 0
    kind: str = "http"


@dataclass(frozen=True)
class TcpCheck:
    host: str
    port: int
    timeout: float
    line: int = 0
    kind: str = "tcp"


@dataclass(frozen=True)
class DnsCheck:
    name: str
    timeout: float
    record: str = "A"
    expect: tuple[str, ...] = ()
    line: int = 0
    kind: str = "dns"


Check = HttpCheck | TcpCheck | DnsCheck


@dataclass(frozen=True)
class Monitors:
    """Every component's checks (components without any are left out) and the defaults."""

    defaults: MonitorDefaults = MonitorDefaults()
    checks: Mapping[str, tuple[Check, ...]] = field(default_factory=dict)


def read_defaults(
    src: YamlSource, node: yaml.Node, languages: tuple[str, ...] = ()
) -> MonitorDefaults:
    """The top-level `monitors:` block; a value with a problem keeps its default. Its `title`
    may be written in each of the site's `languages`."""
    entries = src.mapping(node, "monitors defaults", DEFAULTS_KEYS) or {}
    values: dict[str, object] = {}
    if "interval" in entries:
        values["interval"] = src.number(entries["interval"][1], "interval", 60, MAX_INTERVAL)
    if "timeout" in entries:
        values["timeout"] = src.number(entries["timeout"][1], "timeout", 0.1, MAX_TIMEOUT)
    for key in ("failures", "passes"):
        if key in entries:
            values[key] = read_count(src, entries[key][1], key)
    if "title" in entries:

        def read_title(one: yaml.Node, what: str) -> str | None:
            title = src.text(one, what, budget=None)
            if title is not None and len(title) > 200:
                src.report(one, f"{what} is too long; expected at most 200 characters")
                return None
            return title

        titles = read_texts(src, entries["title"][1], "title", languages, read_title)
        if titles is not None:
            values["title"] = titles.default
            values["titles"] = tuple(titles.others.items())
    kept = {key: value for key, value in values.items() if value is not None}
    return MonitorDefaults(**kept)  # type: ignore[arg-type]


def read_checks(src: YamlSource, node: yaml.Node, timeout: float) -> tuple[Check, ...]:
    """A component's `monitors:` list; checks with a problem are left out (and reported)."""
    checks: list[Check] = []
    for item in src.sequence(node, "monitors") or []:
        check = _read_check(src, item, timeout)
        if check is not None:
            checks.append(check)
    return tuple(checks)


def _read_check(src: YamlSource, node: yaml.Node, timeout: float) -> Check | None:
    entries = src.mapping(node, "monitor")
    if entries is None:
        return None
    if "type" not in entries:
        src.report(
            node, f"monitor without 'type'; expected `type:` one of {', '.join(CHECK_TYPES)}"
        )
        return None
    type_node = entries["type"][1]
    kind = type_node.value if isinstance(type_node, yaml.ScalarNode) else None
    if kind not in CHECK_KEYS:
        src.report(
            type_node,
            f"monitor type {describe(type_node)} is unknown; "
            f"expected one of {', '.join(CHECK_TYPES)}",
        )
        return None
    allowed = CHECK_KEYS[kind]
    ok = True
    for key, (key_node, _) in entries.items():
        if key not in allowed:
            src.report(
                key_node,
                f"unknown key {key!r} in a {kind} monitor; expected one of {', '.join(allowed)}",
            )
            ok = False
    if "timeout" in entries:
        timeout = src.number(entries["timeout"][1], "timeout", 0.1, MAX_TIMEOUT) or timeout
    line = src.line(node)
    if kind == "http":
        check: Check | None = _read_http(src, node, entries, timeout, line)
    elif kind == "tcp":
        check = _read_tcp(src, node, entries, timeout, line)
    else:
        check = _read_dns(src, node, entries, timeout, line)
    return check if ok else None


Entries = dict[str, tuple[yaml.Node, yaml.Node]]


def _required(src: YamlSource, node: yaml.Node, entries: Entries, key: str, kind: str) -> bool:
    if key in entries:
        return True
    src.report(node, f"{kind} monitor without {key!r}; expected `{key}:`")
    return False


def _read_http(
    src: YamlSource, node: yaml.Node, entries: Entries, timeout: float, line: int
) -> HttpCheck | None:
    if not _required(src, node, entries, "url", "http"):
        return None
    url_node = entries["url"][1]
    url = src.text(url_node, "url")
    if url is None:
        return None
    match = _URL.fullmatch(url)
    if match is None or "@" in url.split("/", 3)[2]:
        src.report(url_node, f"url {url!r} is not allowed; expected http(s)://host[:port]/path")
        return None
    scheme, host, port_text, rest = match.groups()
    port = int(port_text) if port_text else (443 if scheme == "https" else 80)
    host = host.strip("[]")
    if not 0 < port < 65536 or not is_host(host):
        src.report(url_node, f"url {url!r} has no valid host and port; expected host[:1-65535]")
        return None
    fields: dict[str, object] = {}
    if "method" in entries:
        method_node = entries["method"][1]
        method = src.text(method_node, "method")
        if method is not None and method.upper() not in HTTP_METHODS:
            src.report(
                method_node,
                f"method {method!r} is unknown; expected one of GET, HEAD, POST, OPTIONS",
            )
            return None
        fields["method"] = (method or "GET").upper()
    if "status" in entries:
        codes = read_status_codes(src, entries["status"][1])
        if codes is None:
            return None
        fields["status"] = codes
    for key in ("body", "body_regex"):
        if key in entries:
            text = src.text(entries[key][1], key)
            if text is None:
                return None
            if key == "body_regex" and (problem := regex_problem(text)):
                src.report(
                    entries[key][1], f"body_regex {text!r} {problem}; expected a regular expression"
                )
                return None
            fields[key] = text
    if "max_response_time" in entries:
        limit = src.number(entries["max_response_time"][1], "max_response_time", 0.01, MAX_TIMEOUT)
        if limit is None:
            return None
        fields["max_response_time"] = limit
    if "headers_from_env" in entries:
        headers = read_headers(src, entries["headers_from_env"][1])
        if headers is None:
            return None
        fields["headers_from_env"] = headers
    if "tls_expiry_days" in entries:
        days = src.number(entries["tls_expiry_days"][1], "tls_expiry_days", 1, 365)
        if days is None:
            return None
        if scheme != "https":
            src.report(
                entries["tls_expiry_days"][1],
                "tls_expiry_days is for https urls; expected an https:// url",
            )
            return None
        fields["tls_expiry_days"] = int(days)
    target = (rest or "/").split("#", 1)[0] or "/"
    if target.startswith("?"):
        target = "/" + target
    return HttpCheck(url, scheme, host, port, target, timeout, line=line, **fields)  # type: ignore[arg-type]


def _read_tcp(
    src: YamlSource, node: yaml.Node, entries: Entries, timeout: float, line: int
) -> TcpCheck | None:
    if not (
        _required(src, node, entries, "host", "tcp")
        and _required(src, node, entries, "port", "tcp")
    ):
        return None
    host = src.text(entries["host"][1], "host")
    if host is not None and not is_host(host):
        src.report(
            entries["host"][1],
            f"host {host!r} is not a host name or address; expected db.example.com",
        )
        return None
    port = src.number(entries["port"][1], "port", 1, 65535)
    if host is None or port is None:
        return None
    if port != int(port):
        src.report(entries["port"][1], f"port {port:g} is not a whole number; expected 1 to 65535")
        return None
    return TcpCheck(host, int(port), timeout, line=line)


def _read_dns(
    src: YamlSource, node: yaml.Node, entries: Entries, timeout: float, line: int
) -> DnsCheck | None:
    if not _required(src, node, entries, "name", "dns"):
        return None
    name = src.text(entries["name"][1], "name")
    if name is not None and not is_host(name):
        src.report(entries["name"][1], f"name {name!r} is not a domain name; expected example.com")
        return None
    if name is None:
        return None
    record = "A"
    if "record" in entries:
        record_node = entries["record"][1]
        record = str(src.text(record_node, "record") or "")
        if record not in DNS_RECORDS:
            src.report(record_node, f"record {record!r} is not supported; expected A or AAAA")
            return None
    expect: list[str] = []
    if "expect" in entries:
        expect_node = entries["expect"][1]
        items = expect_node.value if isinstance(expect_node, yaml.SequenceNode) else [expect_node]
        for item in items:
            text = src.text(item, "expect")
            if text is None:
                return None
            try:
                address = ipaddress.ip_address(text)
            except ValueError:
                src.report(item, f"expect {text!r} is not an IP address; expected 203.0.113.10")
                return None
            if (address.version == 4) != (record == "A"):
                src.report(item, f"expect {text!r} is not an {record} record's address")
                return None
            expect.append(str(address))
    return DnsCheck(name, timeout, record, tuple(expect), line=line)
