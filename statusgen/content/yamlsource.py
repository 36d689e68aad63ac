"""Safe YAML reading that keeps line numbers, so every problem can name its line.

PyYAML's composer gives us a node tree with marks and constructs nothing, so no tag can
build an object. We then read values from the nodes ourselves and report, per node, what
was expected. Limits keep hostile input (deep nesting, alias bombs) bounded.
"""

from __future__ import annotations

import enum
import re
from datetime import UTC, date, datetime
from typing import TypeVar

import yaml

from statusgen.clock import TIME_EXAMPLE, YEARS, parse_time
from statusgen.content.budgets import CLEAN_EXPECTED, Budget, unclean_character
from statusgen.problems import Problem

#: Deepest nesting accepted; real content needs fewer than 6 levels.
MAX_DEPTH = 32
#: Most distinct nodes accepted in one document (a 10,000-phase incident has ~60,000).
MAX_NODES = 500_000

#: libyaml's composer when PyYAML was built with it (several times faster), else PyYAML's own;
#: both build the same nodes with the same line marks.
COMPOSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_STANDARD_TAG = re.compile(r"^tag:yaml\.org,2002:(str|int|float|bool|null|timestamp|map|seq)$")
_STANDARD_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
)

E = TypeVar("E", bound=enum.Enum)


class YamlSource:
    """One YAML text of one file: composes it and reads values with their file lines.

    `line_offset` is the number of lines of the file before the YAML text (front matter).
    Problems are appended to `problems`.
    """

    def __init__(self, path: str, problems: list[Problem], line_offset: int = 0) -> None:
        self.path = path
        self.problems = problems
        self.line_offset = line_offset
        self.source = ""

    # -- locating ---------------------------------------------------------------------------
    def line(self, node: yaml.Node) -> int:
        """The 1-based file line where a node starts."""
        return int(node.start_mark.line) + 1 + self.line_offset

    def report(self, node: yaml.Node | None, message: str) -> None:
        """Record a problem at a node's line (or the whole file when node is None)."""
        self.problems.append(Problem(self.path, self.line(node) if node else 0, message))

    # -- composing --------------------------------------------------------------------------
    def compose(self, text: str, *, clean_scalars: bool = True) -> yaml.Node | None:
        """Parse YAML text into nodes, or record why it cannot be parsed and return None.

        With `clean_scalars=False`, values may hold characters no statusgen text may (written
        as escapes): `statusgen import` removes and counts them rather than refusing a source.
        """
        self.source = text
        try:
            node = yaml.compose(text, Loader=COMPOSER)
        except yaml.MarkedYAMLError as error:
            if "nesting depth" in (error.problem or ""):  # libyaml's own depth limit
                self.report_too_deep(error.problem_mark)
                return None
            mark = error.problem_mark or error.context_mark
            if error.context_mark and "end of stream" in (error.problem or ""):
                mark = error.context_mark  # an unclosed quote or bracket: point at its start
            if error.context_mark and "could not find expected ':'" in (error.problem or ""):
                mark = error.context_mark  # a key without its colon: point at the key
            # libyaml puts the end of a stream without a final newline one line further down.
            last = text.count("\n") + 1
            line = min(int(mark.line) + 1, last) + self.line_offset if mark else 0
            what = ", ".join(filter(None, (error.context, error.problem))) or "invalid YAML"
            near = _text_at(text, mark.line, mark.column) if mark else ""
            where = f" near {near!r}" if near else ""
            hint = cause_hint(text, what, mark.line) if mark else ""
            if not hint and any(s in what for s in _QUOTABLE_ERRORS):
                hint = QUOTING_HINT
            self.problems.append(
                Problem(self.path, line, f"invalid YAML: {what}{where}; expected valid YAML{hint}")
            )
            return None
        except yaml.reader.ReaderError as error:
            line = text.count("\n", 0, error.position) + 1 + self.line_offset
            self.problems.append(
                Problem(
                    self.path,
                    line,
                    f"invalid YAML: control character #x{error.character:04x}; "
                    "expected printable text",
                )
            )
            return None
        except yaml.YAMLError as error:
            self.problems.append(Problem(self.path, 0, f"invalid YAML: {error}"))
            return None
        except RecursionError:  # PyYAML's pure-Python composer on deep nesting
            self.report_too_deep(None)
            return None
        # Scalars hold only characters of the text, unless a double-quoted escape (which needs
        # a backslash) makes one: a clean text without one has clean scalars.
        scalars_clean = "\\" not in text and unclean_character(text) is None
        check_scalars = clean_scalars and not scalars_clean
        if node is not None and not self._within_limits(node, check_scalars=check_scalars):
            return None
        return node

    def report_too_deep(self, mark: yaml.Mark | None) -> None:
        """Nesting beyond what the parser (or statusgen) accepts, at the line where it is."""
        line = int(mark.line) + 1 + self.line_offset if mark else 0
        self.problems.append(
            Problem(self.path, line, f"YAML nested too deeply; expected at most {MAX_DEPTH} levels")
        )

    def _within_limits(self, root: yaml.Node, check_scalars: bool = True) -> bool:
        """Reject aliases, non-standard tags, unclean text, too deep nesting and too many
        nodes. An alias would be rendered again wherever it is used, so a small file could
        publish gigabytes; no real status update needs one."""
        if "&" not in self.source and _plainly_within_limits(root, check_scalars):
            return True  # else the walk below finds what is wrong, and reports it
        seen: set[int] = set()
        stack: list[tuple[yaml.Node, int]] = [(root, 1)]
        while stack:
            node, depth = stack.pop()
            if id(node) in seen:  # the same node twice: an alias (*name) of an anchor (&name)
                self.report(
                    node,
                    "YAML anchors and aliases (&name, *name) are not allowed; "
                    "expected every value written out where it is used",
                )
                return False
            seen.add(id(node))
            if len(seen) > MAX_NODES:
                self.report(root, f"YAML too large; expected at most {MAX_NODES} values")
                return False
            if depth > MAX_DEPTH:
                self.report(node, f"YAML nested too deeply; expected at most {MAX_DEPTH} levels")
                return False
            if not _STANDARD_TAG.match(node.tag):
                self.report(node, f"YAML tag {node.tag!r} is not allowed; expected plain values")
                return False
            if (
                check_scalars
                and isinstance(node, yaml.ScalarNode)
                and (bad := unclean_character(node.value))
            ):
                self.report(node, f"text holds the character {bad}; {CLEAN_EXPECTED}")
                return False
            if isinstance(node, yaml.MappingNode):
                for key, value in node.value:
                    stack.append((key, depth + 1))
                    stack.append((value, depth + 1))
            elif isinstance(node, yaml.SequenceNode):
                stack.extend((item, depth + 1) for item in node.value)
        return True

    # -- reading values ---------------------------------------------------------------------
    def mapping(
        self, node: yaml.Node, what: str, allowed: tuple[str, ...] | None = None
    ) -> dict[str, tuple[yaml.Node, yaml.Node]] | None:
        """A mapping's entries as `key -> (key node, value node)`, in file order.

        Reports a node that is not a mapping, keys that are not text, duplicate keys and,
        when `allowed` is given, unknown keys (which are then left out).
        """
        if not isinstance(node, yaml.MappingNode):
            self.report(node, f"{what} is {describe(node)}; expected a mapping of keys to values")
            return None
        entries: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag.endswith(":null"):
                self.report(key_node, f"key in {what} is {describe(key_node)}; expected a name")
                continue
            key = str(key_node.value)
            if key in entries:
                first = self.line(entries[key][0])
                self.report(
                    key_node,
                    f"duplicate key {key!r} in {what} (first on line {first}); "
                    "expected each key once",
                )
                continue
            if allowed is not None and key not in allowed:
                self.report(
                    key_node, f"unknown key {key!r} in {what}; expected one of {', '.join(allowed)}"
                )
                continue
            entries[key] = (key_node, value_node)
        return entries

    def sequence(self, node: yaml.Node, what: str) -> list[yaml.Node] | None:
        """A list's items, or None after reporting a node that is not a list."""
        if not isinstance(node, yaml.SequenceNode):
            self.report(node, f"{what} is {describe(node)}; expected a list")
            return None
        return list(node.value)

    def text(
        self, node: yaml.Node, what: str, *, allow_empty: bool = False, budget: Budget | None = None
    ) -> str | None:
        """A scalar read as text (numbers and dates keep their written form), at most as long
        as its `budget` allows."""
        if not isinstance(node, yaml.ScalarNode) or (
            node.tag.endswith(":null") and not allow_empty
        ):
            self.report(node, f"{what} is {describe(node)}; expected text")
            return None
        value = "" if node.tag.endswith(":null") else str(node.value)
        if not value.strip() and not allow_empty:
            self.report(node, f"{what} is empty; expected text")
            return None
        if budget is not None and len(value) > budget.limit:
            self.report(node, budget.exceeded(f"the {what}", len(value)))
            return None
        return value

    def check_not_cut(self, node: yaml.Node, what: str) -> None:
        """A plain (unquoted) value followed by ` #` on its line is a problem: YAML read the
        rest of the line as a comment, so `Fixed in release #42, all good.` became its first
        words (the web editor's usual trap)."""
        if not isinstance(node, yaml.ScalarNode) or node.style:  # libyaml says "" for plain
            return
        end = int(node.end_mark.index)
        line_end = self.source.find("\n", end)
        rest = self.source[end : line_end if line_end >= 0 else None]
        if rest[:1] in (" ", "\t") and rest.lstrip(" \t").startswith("#"):
            self.report(
                node,
                f"the {what} ends at ' #': without quotes, YAML reads the rest of the line as a "
                f'comment; expected the {what} in double quotes, like {what}: "Fixed in #42"',
            )

    def choice(self, node: yaml.Node, what: str, allowed: tuple[E, ...]) -> E | None:
        """A scalar that must be one of the allowed enum values."""
        if isinstance(node, yaml.ScalarNode) and not node.tag.endswith(":null"):
            for option in allowed:
                if option.value == node.value:
                    return option
            found = f"unknown {what} {str(node.value)!r}"
        else:
            found = f"{what} is {describe(node)}"
        names = ", ".join(str(a.value) for a in allowed)
        self.report(node, f"{found}; expected one of {names}")
        return None

    def time(self, node: yaml.Node, what: str) -> datetime | None:
        """A time with an offset, converted to UTC; a time without offset is a problem."""
        if not isinstance(node, yaml.ScalarNode) or node.tag.endswith(":null"):
            self.report(node, f"{what} is {describe(node)}; expected {TIME_EXAMPLE}")
            return None
        parsed, reason = parse_time(str(node.value))
        if parsed is None:
            self.report(node, f"{what} {str(node.value)!r} {reason}; expected {TIME_EXAMPLE}")
        return parsed

    def day_or_time(self, node: yaml.Node, what: str) -> datetime | None:
        """A date (midnight UTC) or a time with an offset."""
        if isinstance(node, yaml.ScalarNode) and re.fullmatch(r"\d{4}-\d\d-\d\d", node.value):
            try:
                day = date.fromisoformat(node.value)
            except ValueError:
                self.report(node, f"{what} {node.value!r} is not a real date; expected YYYY-MM-DD")
                return None
            if not YEARS[0] <= day.year <= YEARS[1]:
                self.report(
                    node, f"{what} {node.value!r} is out of range; expected years 1970 to 2999"
                )
                return None
            return datetime.combine(day, datetime.min.time(), UTC)
        return self.time(node, what)

    def number(self, node: yaml.Node, what: str, low: float, high: float) -> float | None:
        """A number within [low, high]."""
        if isinstance(node, yaml.ScalarNode) and node.tag.endswith((":int", ":float")):
            try:
                value = float(node.value)
            except ValueError:
                value = float("nan")
            if low <= value <= high:
                return value
        self.report(
            node,
            f"{what} {describe(node)} is not allowed; expected a number from {low:g} to {high:g}",
        )
        return None


def _plainly_within_limits(root: yaml.Node, check_scalars: bool) -> bool:
    """True when a node tree of a text without anchors (so without aliases: an alias names an
    anchor) is within every limit of `_within_limits`; False when anything may be wrong. The
    same rules, level by level without a set of seen nodes: about 3 times faster, and every
    valid file takes this way."""
    level = [root]
    depth = count = 0
    while level:
        depth += 1
        count += len(level)
        if depth > MAX_DEPTH or count > MAX_NODES:
            return False
        below: list[yaml.Node] = []
        for node in level:
            if node.tag not in _STANDARD_TAGS:
                return False
            kind = type(node)
            if kind is yaml.MappingNode:
                for pair in node.value:
                    below.extend(pair)
            elif kind is yaml.SequenceNode:
                below.extend(node.value)
            elif kind is not yaml.ScalarNode or (check_scalars and unclean_character(node.value)):
                return False
        level = below
    return True


#: Appended to YAML errors that an unquoted text causes: ': ' inside it, or a leading backtick.
QUOTING_HINT = (
    " (if this line holds a title, message or workaround, put the text in double quotes: "
    'message: "..."; write \\" for a quote inside it)'
)
_QUOTABLE_ERRORS = ("mapping values are not allowed", "cannot start any token", "found character")


_QUOTED_VALUE = re.compile(r"""^\s*(?:-\s+)?[\w-]+:\s*(["'])""")
_KEY = re.compile(r"^(\s*(?:-\s+)?)[\w-]+\s*:(?:\s|$)")


def cause_hint(text: str, what: str, line: int) -> str:
    """What the web editor's usual mistakes look like to a responder, for a YAML error at a
    0-based line: a tab, a key without its colon, a quote inside a quoted text, an indent
    that matches neither the lines above nor a new item. Empty when none fits."""
    lines = text.splitlines()
    if not 0 <= line < len(lines):
        return ""
    here = lines[line]
    indent = here[: len(here) - len(here.lstrip(" \t"))]
    if "\t" in indent or ("cannot start any token" in what and "\t" in here):
        return " (this line is indented with a tab: YAML indents with spaces only)"
    if "could not find expected ':'" in what:
        return (
            " (a key needs a colon and a space after it, as in `impact: minor`; a text that "
            'goes on to the next line must be in double quotes: message: "...")'
        )
    quoted = _QUOTED_VALUE.match(here)
    if quoted and here.rstrip().count(quoted[1]) > 2 and "expected" in what:
        if quoted[1] == '"':
            return (
                ' (a " inside a double-quoted text ends it: write \\" for each quote inside '
                "it, or put the text in single quotes)"
            )
        return " (a ' inside a single-quoted text ends it: write '' for each apostrophe in it)"
    misplaced = "did not find expected" in what or "mapping values are not allowed" in what
    if misplaced and line > 0:
        above = next((lines[n] for n in range(line - 1, -1, -1) if lines[n].strip()), "")
        key = _KEY.match(above)
        # Deeper than a key that has its value on its line: YAML reads a continuation of that
        # value (then trips on this line's colon); any other mismatch ends the block early.
        deeper = key is not None and len(indent) > len(key[1]) and not above.rstrip().endswith(":")
        if key and (deeper if "mapping values" in what else len(indent) != len(key[1])):
            return (
                f" (this line is indented {len(indent)} spaces and the key on the line above "
                f"starts after {len(key[1])}: indent it {len(key[1])} spaces to go on with that "
                "entry, or start a new list item with '- ')"
            )
    return ""


def _text_at(text: str, line: int, column: int) -> str:
    """A short excerpt of the text at a line and column, to show where YAML went wrong."""
    lines = text.splitlines()
    if not 0 <= line < len(lines):
        return ""
    excerpt = lines[line][column:].strip()
    return excerpt if len(excerpt) <= 30 else excerpt[:27] + "..."


def describe(node: yaml.Node | None) -> str:
    """A short description of what a node holds, for messages."""
    if node is None:
        return "missing"
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if node.tag.endswith(":null"):
        return "empty"
    value = str(node.value)
    shown = value if len(value) <= 40 else value[:37] + "..."
    return repr(shown)
