"""iCalendar (RFC 5545) content lines, written as the icalendar package writes them.

The maintenance calendar (`render/calendar.py`) needs a handful of properties: texts, a URI,
UTC times. Writing them here keeps the icalendar package (about 80 modules and 3 MB of a
build's peak memory) out of every build; `tests/unit/test_ical.py` holds the output to the
package's, byte for byte, for any text.
"""

from __future__ import annotations

from datetime import UTC, datetime

#: RFC 5545's limit of a line's octets, the line break excluded (the package folds before
#: the 75th octet, as here).
LIMIT = 75


def text(value: str) -> str:
    r"""A TEXT value escaped as RFC 5545 section 3.3.11 asks (and as the package does it,
    order included: `\N` read as a line break, every line break written `\n`)."""
    escaped = value.replace(r"\N", "\n").replace("\\", "\\\\")
    return _breaks(escaped.replace(";", r"\;").replace(",", r"\,"))


def unknown(value: str) -> str:
    r"""A value of a property the package does not know the type of (as `X-WR-CALNAME` on a
    calendar): written as it is, as the package writes it, but for line breaks, written
    `\n` (where the package fails)."""
    return _breaks(value)


def _breaks(value: str) -> str:
    r"""Every line break (CRLF, LF or CR) written `\n`."""
    return value.replace("\r\n", r"\n").replace("\n", r"\n").replace("\r", r"\n")


def utc(moment: datetime) -> str:
    """A DATE-TIME in UTC (`20261123T120000Z`); `moment` is timezone-aware."""
    t = moment.astimezone(UTC)
    return f"{t.year:04}{t.month:02}{t.day:02}T{t.hour:02}{t.minute:02}{t.second:02}Z"


def fold(line: str) -> str:
    """A content line folded before `LIMIT` octets, never inside a character, nor after a
    lone backslash or caret (an escape stays whole on its line)."""
    if len(line) < LIMIT and line.isascii():
        return line
    folded: list[str] = []
    current: list[str] = []
    count = 0
    for char in line:
        size = len(char.encode("utf-8"))
        if current and count + size >= LIMIT:
            if len(current) > 1 and current[-1] in "\\^":
                escape = current.pop()
                folded.append("".join(current))
                current, count = [escape], len(escape.encode("utf-8"))
            else:
                folded.append("".join(current))
                current, count = [], 0
        current.append(char)
        count += size
    if current:
        folded.append("".join(current))
    return "\r\n ".join(folded)


def document(lines: list[str]) -> bytes:
    """Content lines (each `NAME:value`, its value escaped) as an iCalendar document. A value's
    leading byte order mark goes, as the package drops it (it reads each value back as
    `utf-8-sig`)."""
    return "".join(fold(_without_mark(line)) + "\r\n" for line in lines).encode("utf-8")


def _without_mark(line: str) -> str:
    name, colon, value = line.partition(":")
    return f"{name}{colon}{value[1:]}" if value.startswith("\ufeff") else line
