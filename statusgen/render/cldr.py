"""The few Unicode CLDR rules of a language a build writes with (`render/locale.py`), read from
Babel once and kept without Babel's locale data.

Babel loads a language's whole CLDR data (with its root's, about 5 MB of memory for English)
and keeps it for the life of the process. A build asks for little of it: the medium date
("Nov 22, 2026"), a month's title ("November 2026"), month names, the decimal symbol, the
plural rule and how a date and a time are put together. `rules` reads those once, then lets
Babel's caches go (`babel.localedata.clear_caches`: Babel reads the data again if anything
else asks). `tests/unit/test_cldr.py` holds what these rules write to Babel's own
formatting, for every language statusgen speaks.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from babel import Locale, localedata
from babel.dates import match_skeleton, parse_pattern
from babel.numbers import get_decimal_symbol

_FIELD = re.compile(r"%\((\w+)\)s")
#: Month names by pattern field: (width, context) of CLDR's names.
_NAMES = {
    "MMM": ("abbreviated", "format"),
    "MMMM": ("wide", "format"),
    "LLL": ("abbreviated", "stand-alone"),
    "LLLL": ("wide", "stand-alone"),
}


@dataclass(frozen=True)
class Pattern:
    """A CLDR date pattern of days, months and years ("MMM d, y"), ready to fill."""

    #: The pattern as a %-format of its fields (Babel's `parse_pattern`).
    format: str
    #: Month names by field ("MMM": {1: "Jan", ...}), for the fields of names it holds.
    names: dict[str, dict[int, str]]

    def __call__(self, day: dt.date) -> str:
        """`day` written by the pattern, as Babel's `format_date` writes it."""
        values: dict[str, str] = {}
        for field in _FIELD.findall(self.format):
            values[field] = _value(field, day, self.names)
        return self.format % values


@dataclass(frozen=True)
class Rules:
    """What a build writes in one language."""

    #: The medium date: "Nov 22, 2026", "22 nov. 2026".
    medium: Pattern
    #: A month's title (the skeleton yMMMM): "November 2026".
    month_title: Pattern
    #: Month names standing alone, 1 = January, by width ("abbreviated", "wide").
    months: dict[str, dict[int, str]]
    decimal: str
    #: CLDR's plural category of a count ("one", "other", ...).
    plural: Callable[[int], str]
    #: How a date ({1}) and a time ({0}) are put together: "{1}, {0}".
    glue: str
    #: The first day of a week (0 = Monday), and weekday names by width, 0 = Monday.
    first_week_day: int
    days: dict[str, dict[int, str]]


@cache
def rules(language: str) -> Rules:
    """The rules of `language` (a language Babel knows), read once per process."""
    locale = Locale.parse(language)
    title = locale.datetime_skeletons[match_skeleton("yMMMM", locale.datetime_skeletons) or ""]
    found = Rules(
        medium=_pattern(locale, locale.date_formats["medium"].pattern),
        month_title=_pattern(locale, title.pattern),
        months={
            width: dict(locale.months["stand-alone"][width]) for width in ("abbreviated", "wide")
        },
        decimal=get_decimal_symbol(locale),
        plural=locale.plural_form,
        glue=str(locale.datetime_formats["medium"]).replace("'", ""),
        first_week_day=locale.first_week_day,
        days={width: dict(locale.days["format"][width]) for width in ("abbreviated", "wide")},
    )
    localedata.clear_caches()
    return found


def _pattern(locale: Locale, pattern: str) -> Pattern:
    """A date pattern of `locale`; ValueError for a field this module does not write."""
    parsed = str(parse_pattern(pattern).format)
    names = {}
    for field in _FIELD.findall(parsed):
        if field in _NAMES:
            width, context = _NAMES[field]
            names[field] = dict(locale.months[context][width])
        elif field not in ("d", "dd", "M", "MM", "L", "LL", "y"):
            raise ValueError(f"the date pattern {pattern!r} of {locale} has a field {field!r}")
    return Pattern(parsed, names)


def _value(field: str, day: dt.date, names: dict[str, dict[int, str]]) -> str:
    """One field's value, as Babel's `DateTimeFormat` writes it."""
    if field in names:
        return names[field][day.month]
    number = {"d": day.day, "M": day.month, "L": day.month, "y": day.year}[field[0]]
    return f"{number:0{len(field)}d}"  # "dd": two digits at least
