"""A source's documents parsed safely, and their values read as the types they must be.

YAML is composed by the reader of incident files (`content.yamlsource.YamlSource`), with its
limits: anchors and aliases (a 486-byte "billion laughs" expanded into a 72 MB report), tags
beyond plain values, nesting deeper than 32 levels and more than 500,000 values are refused at
their line. Only then are the values built, and a value YAML cannot make into its type (the
date `2025-13-45`, an integer of 5,000 digits) is kept as the text written, for the reader to
judge. JSON and TOML have no aliases; what their parsers cannot take (nesting too deep, numbers
too long) is refused. Every failure is a `SourceError` naming the file, and the line where it
is known.

A value of the wrong type (a list where a mapping belongs, a mapping for a title) is refused,
naming the file and the key; values that read sensibly as text (numbers, dates) are text.
"""

from __future__ import annotations

import json
import tomllib
from datetime import date, datetime
from typing import Any

import yaml

from statusgen.content.yamlsource import YamlSource
from statusgen.importers.records import SourceError
from statusgen.problems import Problem


class _Builder(yaml.SafeLoader):
    """PyYAML's safe constructor, building values from nodes already composed and checked."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except (ValueError, OverflowError):
            if not isinstance(node, yaml.ScalarNode):
                raise
            self.recursive_objects.pop(node, None)
            return str(node.value)


def parse_yaml(text: str, label: str, line_offset: int = 0) -> Any:
    """The values of a YAML text (`line_offset`: the file's lines before it, for messages)."""
    problems: list[Problem] = []
    node = YamlSource(label, problems, line_offset).compose(text, clean_scalars=False)
    if problems:
        raise SourceError(str(problems[0]))
    if node is None:
        return None
    try:
        return _Builder("").construct_document(node)
    except yaml.MarkedYAMLError as error:  # a key that is a list or a mapping
        mark = error.problem_mark or error.context_mark
        line = f":{int(mark.line) + 1 + line_offset}" if mark else ""
        raise SourceError(
            f"{label}{line}: invalid YAML: {error.problem or error}; expected plain keys and values"
        ) from None


def parse_json(text: str, label: str, expected: str) -> Any:
    """The values of a JSON text; `expected` says what the file should hold."""
    try:
        return json.loads(text)
    except RecursionError:
        raise SourceError(f"{label}: JSON nested too deeply; expected {expected}") from None
    except ValueError as error:  # JSONDecodeError, or a number too long to convert
        raise SourceError(
            f"{label}: not JSON ({error}); expected {expected} (fix the file, or move it out of "
            "the source)"
        ) from None


def parse_toml(text: str, label: str) -> Any:
    """The values of a TOML text."""
    try:
        return tomllib.loads(text)
    except RecursionError:
        raise SourceError(f"{label}: TOML nested too deeply; expected plain keys") from None
    except ValueError as error:  # TOMLDecodeError, or a number too long to convert
        raise SourceError(f"{label}: not TOML ({error}); expected TOML front matter") from None


# -- values as the types they must be --------------------------------------------------------
def mapping(value: object, label: str, what: str) -> dict[Any, Any]:
    """A mapping (nothing: an empty one)."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise SourceError(f"{label}: {what} is {describe(value)}; expected a mapping of keys")
    return value


def items(value: object, label: str, what: str) -> list[Any]:
    """A list (nothing: an empty one)."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise SourceError(f"{label}: {what} is {describe(value)}; expected a list")
    return value


def text(value: object, label: str, what: str) -> str:
    """Text: numbers, dates and true/false as written, nothing as empty text."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | date | datetime):
        return str(value)
    raise SourceError(f"{label}: {what} is {describe(value)}; expected text")


#: The largest number `whole_number` takes (an id or an issue number, never a quantity).
LARGEST_NUMBER = 10**15


def whole_number(value: object, label: str, what: str) -> int:
    """A whole number from 0 to `LARGEST_NUMBER`, also written as text (`"17"`)."""
    number = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and value.isascii() and value.strip().isdigit():
        number = int(value.strip()) if len(value) <= 20 else None
    if number is None or not 0 <= number <= LARGEST_NUMBER:
        raise SourceError(f"{label}: {what} is {describe(value)}; expected a whole number")
    return number


def key_names(data: dict[Any, Any]) -> list[str]:
    """A mapping's keys as text, sorted (a YAML key may be a number, a date or empty)."""
    return sorted(text(key, "", "") for key in data)


def describe(value: object) -> str:
    """What a value is, for messages."""
    if value is None:
        return "empty"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"the number {value}"
    shown = str(value)
    return repr(shown if len(shown) <= 40 else shown[:37] + "...")
