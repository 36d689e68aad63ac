"""The values inside a monitor's check (components.yml): counts, HTTP status codes, headers
taken from the environment, patterns and host names, each read or checked with its problem."""

from __future__ import annotations

import ipaddress
import re

import yaml

from statusgen.content.yamlsource import YamlSource

_HEADER_NAME = re.compile(r"[A-Za-z0-9!#$%&'*+.^_`|~-]+")
_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_HOST = re.compile(r"(?=.{1,253}$)[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9])?\.?")


def read_count(src: YamlSource, node: yaml.Node, what: str) -> int | None:
    number = src.number(node, what, 1, 100)
    if number is not None and number != int(number):
        src.report(node, f"{what} {number:g} is not a whole number; expected 1 to 100")
        return None
    return None if number is None else int(number)


def read_status_codes(src: YamlSource, node: yaml.Node) -> tuple[int, ...] | None:
    items = node.value if isinstance(node, yaml.SequenceNode) else [node]
    codes: list[int] = []
    for item in items:
        code = src.number(item, "status", 100, 599)
        if code is None:
            return None
        if code != int(code):
            src.report(item, f"status {code:g} is not a whole number; expected an HTTP status code")
            return None
        codes.append(int(code))
    if not codes:
        src.report(node, "status is an empty list; expected HTTP status codes like [200, 204]")
        return None
    return tuple(codes)


def read_headers(src: YamlSource, node: yaml.Node) -> dict[str, str] | None:
    entries = src.mapping(node, "headers_from_env")
    if entries is None:
        return None
    headers: dict[str, str] = {}
    for name, (key_node, value_node) in entries.items():
        if not _HEADER_NAME.fullmatch(name):
            src.report(
                key_node, f"header name {name!r} is not allowed; expected a name like Authorization"
            )
            return None
        variable = src.text(value_node, f"the variable of header {name}")
        if variable is None:
            return None
        if not _ENV_NAME.fullmatch(variable):
            src.report(
                value_node,
                f"{variable!r} is not an environment variable's name; expected the name of the "
                "variable that holds the value (never the value itself), like STATUS_TOKEN",
            )
            return None
        headers[name] = variable
    return headers


def regex_problem(text: str) -> str:
    try:
        re.compile(text)
    except re.error as error:
        return f"is not valid ({error})"
    return ""


def is_host(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return _HOST.fullmatch(text) is not None
    return True
