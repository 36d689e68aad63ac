"""The CLDR rules a build writes with (statusgen/render/cldr.py) write what Babel writes, in
every language statusgen speaks, and keep none of Babel's locale data."""

from __future__ import annotations

import datetime as dt
from importlib import resources
from typing import Literal

import pytest
from babel import Locale, localedata
from babel.dates import format_date, format_skeleton, get_month_names
from babel.numbers import get_decimal_symbol

from statusgen.render import cldr
from statusgen.render.locale import TimeFormatter, Translator

LANGUAGES = sorted(
    path.name.removesuffix(".yml")
    for path in (resources.files("statusgen.render") / "locales").iterdir()
    if path.name.endswith(".yml")
)
#: Days over centuries, every day of a leap year, and a year of fewer than four digits.
DAYS = [
    *(dt.date(1900, 1, 1) + dt.timedelta(days=n) for n in range(0, 80_000, 97)),
    *(dt.date(2028, 1, 1) + dt.timedelta(days=n) for n in range(366)),
    dt.date(999, 12, 31),
    dt.date(5, 3, 7),
]


def test_statusgen_speaks_several_languages() -> None:
    assert {"en", "fr", "de", "nl"} <= set(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_dates_months_numbers_and_plurals_are_babels(language: str) -> None:
    t = Translator(language)
    times = TimeFormatter(dt.UTC, t)
    locale = Locale.parse(language)
    for day in DAYS:
        assert times.day(day) == format_date(day, "medium", locale=locale), day
    for year in (5, 999, 2026, 9999):
        for month in range(1, 13):
            first = dt.date(year, month, 1)
            assert times.month_title(year, month) == format_skeleton("yMMMM", first, locale=locale)
    widths: tuple[tuple[bool, Literal["abbreviated", "wide"]], ...] = (
        (True, "abbreviated"),
        (False, "wide"),
    )
    for short, width in widths:
        names = get_month_names(width, context="stand-alone", locale=locale)
        assert [t.month(n, short) for n in range(1, 13)] == [names[n] for n in range(1, 13)]
    assert t.number("99.87") == "99" + get_decimal_symbol(locale) + "87"
    assert [t.cldr.plural(n) for n in range(300)] == [locale.plural_form(n) for n in range(300)]
    assert times.datetime(dt.datetime(2026, 11, 22, 14, 3, tzinfo=dt.UTC)).startswith(
        str(locale.datetime_formats["medium"]).replace("'", "").split("{1}")[0]
    )
    assert t.cldr.first_week_day == locale.first_week_day
    for width in ("abbreviated", "wide"):
        assert t.cldr.days[width] == dict(locale.days["format"][width])


def test_babels_locale_data_is_let_go_once_read() -> None:
    cldr.rules.cache_clear()
    localedata.clear_caches()
    cldr.rules("fr")
    assert not localedata._cache, "Babel's data of the language and its root went"


def test_a_date_pattern_with_a_field_not_written_here_is_refused() -> None:
    with pytest.raises(ValueError, match="has a field 'EEE'"):
        cldr._pattern(Locale.parse("en"), "EEE, MMM d, y")
