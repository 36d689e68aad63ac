"""Text and times from other formats, made to fit statusgen's rules without losing characters.

Every change made here is returned as report entries by the caller; nothing is dropped silently.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from statusgen.clock import YEARS, iso_offset
from statusgen.content import budgets
from statusgen.content.costs import MARKUP as MARKUP_CHARACTERS
from statusgen.content.costs import code_lines, scan_length
from statusgen.content.fences import normalized_lines

_DEEP = re.compile(r"^(\s*)((?:>\s?)*)(.*)$")
#: A '[' not escaped (after an even run of backslashes).
_UNESCAPED_BRACKET = re.compile(r"(?<!\\)((?:\\\\)*)\[")
#: Room left under a limit when a text is split, so the split parts are well within it.
_MARGIN = 0.9


def clean(text: str) -> tuple[str, int]:
    """The text with Windows and old Mac line ends as `\\n`, and without the characters no
    statusgen text may hold (control characters, lone surrogates, noncharacters); and how
    many of those were removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    removed = len(budgets.UNCLEAN.findall(text))
    if removed:
        text = budgets.UNCLEAN.sub("", text)
    return text, removed


# -- times ----------------------------------------------------------------------------------
def parse_time(value: object, zone: tzinfo) -> tuple[datetime | None, bool]:
    """A source's time as an aware datetime in its own offset, cut to the second; and whether
    it had no offset (then it is read in `zone`). None when it is no time at all.

    Takes ISO 8601 text (`Z`, `+02:00`, fractions, a space for the `T`), or what a YAML reader
    made of a time (a `datetime`, or a `date`, read as midnight)."""
    assumed = False
    moment: datetime | None
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime.combine(value, time())
    elif isinstance(value, str) and value.strip():
        text = value.strip()
        if text.endswith(("Z", "z")):
            text = text[:-1] + "+00:00"
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            return None, False
    else:
        return None, False
    if moment.tzinfo is None or moment.utcoffset() is None:
        moment = moment.replace(tzinfo=zone)
        assumed = True
        # Keep the offset the zone had then, as a fixed offset: that is what the file says.
        offset = moment.utcoffset() or timedelta(0)
        moment = moment.replace(tzinfo=_fixed(offset))
    if not YEARS[0] <= moment.astimezone(UTC).year <= YEARS[1]:
        return None, False
    return moment.replace(microsecond=0), assumed


def _fixed(offset: timedelta) -> tzinfo:
    from datetime import timezone

    return UTC if not offset else timezone(offset)


#: A time as an import writes it and names it in the report (`clock.iso_offset`).
format_time = iso_offset


# -- Markdown within the budgets ------------------------------------------------------------
def fit_markdown(text: str, limit: int) -> tuple[str, list[str]]:
    """The text within statusgen's Markdown budgets, and what was changed to get there.

    The budgets are set so that real histories fit as they are (docs/import.md names those
    imported verbatim); this is for text beyond them: a paragraph of more lines or inline
    markup than one may hold is split into several, nesting deeper than the limit is
    flattened, a text whose unclosed '[' and '<' would make Markdown read too far has them
    written as text (`\\[`, `&lt;`), and a text over `limit` characters is cut (saying so)."""
    changes: list[str] = []
    result = _fit_paragraphs(text, changes)
    if _scans_too_far(result):
        result = _fit_paragraphs(_escape_openers(result), [])
        changes.append(
            "its '[' and '<' written as text ('\\[', '&lt;'): Markdown would read too far"
        )
    if len(result) > limit:
        extra = len(result) - limit
        notice = f"\n\n[Cut on import: the source holds {extra:,} more characters.]"
        cut = result[: limit - len(notice) - 16]
        space = cut.rfind(" ")
        if space > len(cut) // 2:
            cut = cut[:space]
        result = cut.rstrip() + notice
        changes.append(f"cut to {limit:,} characters ({extra:,} more in the source)")
    return result, list(dict.fromkeys(changes))


def _fit_paragraphs(text: str, changes: list[str]) -> str:
    """The text with each paragraph within LINES and MARKUP (split where it is not) and
    nesting within NESTING (flattened), fenced code left as it is."""
    lines = text.split("\n")
    code = code_lines(normalized_lines(text))
    out: list[str] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            parts = _split_paragraph(paragraph)
            if len(parts) > 1:
                changes.append(f"a paragraph split into {len(parts)} (too many lines or markup)")
            for number, part in enumerate(parts):
                if number:
                    out.append("")
                out.extend(part)
            paragraph.clear()

    for number, line in enumerate(lines):
        if number in code or not line.strip():
            flush()
            out.append(line)
            continue
        flattened = _flatten(line)
        if flattened != line:
            changes.append(f"nesting deeper than {budgets.NESTING.limit} levels flattened")
        paragraph.append(flattened)
    flush()
    return "\n".join(out)


def _markup(text: str) -> int:
    return sum(1 for char in text if char in MARKUP_CHARACTERS)


def _split_paragraph(lines: list[str]) -> list[list[str]]:
    """A paragraph's lines in parts that each stay within the paragraph budgets."""
    max_lines = int(budgets.LINES.limit * _MARGIN)
    max_markup = int(budgets.MARKUP.limit * _MARGIN)
    pieces: list[str] = []
    for line in lines:
        pieces.extend(_split_line(line, max_markup))
    parts: list[list[str]] = [[]]
    markup = 0
    for piece in pieces:
        cost = _markup(piece)
        if parts[-1] and (len(parts[-1]) >= max_lines or markup + cost > max_markup):
            parts.append([])
            markup = 0
        parts[-1].append(piece)
        markup += cost
    return parts


def _split_line(line: str, max_markup: int) -> list[str]:
    """One line as several, at spaces where it can, each within the markup budget (in time
    linear in the line)."""
    if _markup(line) <= max_markup:
        return [line]
    pieces: list[str] = []
    current: list[str] = []
    held = 0

    def close() -> None:
        nonlocal held
        if current:
            pieces.append("".join(current).rstrip())
            current.clear()
            held = 0

    for word in re.split(r"(?<= )", line):
        while (cost := _markup(word)) > max_markup:
            head, word = _cut_word(word, max_markup)
            close()
            pieces.append(head)
        if held + cost > max_markup:
            close()
        current.append(word)
        held += cost
    close()
    return [piece.lstrip() if n else piece for n, piece in enumerate(pieces) if piece.strip()]


def _cut_word(word: str, max_markup: int) -> tuple[str, str]:
    """The longest head of a word within the markup budget, and the rest."""
    markup = 0
    for index, char in enumerate(word):
        markup += char in MARKUP_CHARACTERS
        if markup > max_markup:
            return word[: max(index, 1)], word[max(index, 1) :]
    return word, ""


def _scans_too_far(text: str) -> bool:
    return scan_length(text) > budgets.SCAN.limit * len(text) + budgets.SCAN_FLOOR


def _escape_openers(text: str) -> str:
    """The text with every '[' and '<' outside fenced code written as text."""
    lines = text.split("\n")
    code = code_lines(normalized_lines(text))
    return "\n".join(
        line if number in code else _UNESCAPED_BRACKET.sub(r"\1\\[", line).replace("<", "&lt;")
        for number, line in enumerate(lines)
    )


def _flatten(line: str) -> str:
    """A line nested deeper than the nesting budget, brought back to it."""
    match = _DEEP.match(line)
    assert match is not None
    spaces, quotes, rest = match.groups()
    depth_quotes = quotes.count(">")
    limit = budgets.NESTING.limit
    if depth_quotes > limit:
        quotes = "> " * limit
    if len(spaces.expandtabs(4)) // 4 + 1 > limit:
        spaces = " " * (4 * (limit - 1))
    return spaces + quotes + rest
