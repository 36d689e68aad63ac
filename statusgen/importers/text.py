"""Text and times from other formats, made to fit statusgen's rules without losing characters.

Every change made here is returned as report entries by the caller; nothing is dropped silently.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from statusgen.clock import YEARS, iso_offset
from statusgen.content import budgets

_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_DEEP = re.compile(r"^(\s*)((?:>\s?)*)(.*)$")
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
    """The text within statusgen's Markdown budgets, and what was changed to get there:
    paragraphs too long or too full of links and tags are split into several, nesting deeper
    than the limit is flattened, and a text over `limit` characters is cut (saying so)."""
    changes: list[str] = []
    lines = text.split("\n")
    out: list[str] = []
    paragraph: list[str] = []
    fence = ""

    def flush() -> None:
        if paragraph:
            parts = _split_paragraph(paragraph)
            if len(parts) > 1:
                changes.append(f"a paragraph split into {len(parts)} (too long or too many links)")
            for number, part in enumerate(parts):
                if number:
                    out.append("")
                out.extend(part)
            paragraph.clear()

    for line in lines:
        marker = _FENCE.match(line)
        if fence:
            out.append(line)
            if marker and marker.group(1).startswith(fence):
                fence = ""
            continue
        if marker:
            flush()
            fence = marker.group(1)[:3]
            out.append(line)
            continue
        if not line.strip():
            flush()
            out.append(line)
            continue
        flattened = _flatten(line)
        if flattened != line:
            changes.append("nesting deeper than 8 levels flattened")
        paragraph.append(flattened)
    flush()
    result = "\n".join(out)
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


def _split_paragraph(lines: list[str]) -> list[list[str]]:
    """A paragraph's lines in parts that each stay within the paragraph budgets."""
    max_length = int(budgets.PARAGRAPH.limit * _MARGIN)
    max_openers = int(budgets.OPENERS.limit * _MARGIN)
    pieces: list[str] = []
    for line in lines:
        pieces.extend(_split_line(line, max_length, max_openers))
    parts: list[list[str]] = [[]]
    length = openers = 0
    for piece in pieces:
        cost, opens = len(piece) + 1, piece.count("[") + piece.count("<")
        if parts[-1] and (length + cost > max_length or openers + opens > max_openers):
            parts.append([])
            length = openers = 0
        parts[-1].append(piece)
        length, openers = length + cost, openers + opens
    return parts


def _split_line(line: str, max_length: int, max_openers: int) -> list[str]:
    """One line as several, at spaces where it can, each within the budgets."""
    if len(line) < max_length and line.count("[") + line.count("<") <= max_openers:
        return [line]
    pieces: list[str] = []
    current = ""
    for word in re.split(r"(?<= )", line):
        while len(word) >= max_length or word.count("[") + word.count("<") > max_openers:
            head, word = _cut_word(word, max_length, max_openers)
            if current:
                pieces.append(current.rstrip())
                current = ""
            pieces.append(head)
        candidate = current + word
        over = len(candidate) >= max_length
        if current and (over or candidate.count("[") + candidate.count("<") > max_openers):
            pieces.append(current.rstrip())
            current = word
        else:
            current = candidate
    if current.strip():
        pieces.append(current.rstrip())
    return [piece.lstrip() if n else piece for n, piece in enumerate(pieces)]


def _cut_word(word: str, max_length: int, max_openers: int) -> tuple[str, str]:
    """The longest head of a word within the budgets, and the rest."""
    openers = 0
    for index, char in enumerate(word):
        if char in "[<":
            openers += 1
        if index + 1 >= max_length - 1 or openers > max_openers:
            return word[: max(index, 1)], word[max(index, 1) :]
    return word, ""


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
