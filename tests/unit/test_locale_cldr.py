"""Dates, numbers and plurals follow each language's CLDR rules (Babel), as the browser's
`Intl` does on the same pages: no hand-made month lists or decimal signs."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from statusgen.render.locale import TimeFormatter, Translator

MOMENT = datetime(2026, 11, 22, 14, 3, tzinfo=UTC)


@pytest.mark.parametrize(
    ("language", "date", "moment", "month"),
    [
        ("en", "Nov 22, 2026", "Nov 22, 2026, 15:03 CET", "November 2026"),
        ("fr", "22 nov. 2026", "22 nov. 2026, 15:03 CET", "novembre 2026"),
        ("nl", "22 nov 2026", "22 nov 2026, 15:03 CET", "november 2026"),
        ("de", "22.11.2026", "22.11.2026, 15:03 CET", "November 2026"),
    ],
)
def test_dates_follow_the_languages_order(
    language: str, date: str, moment: str, month: str
) -> None:
    times = TimeFormatter(ZoneInfo("Europe/Brussels"), Translator(language))
    assert times.date(MOMENT) == date
    assert times.datetime(MOMENT) == moment
    assert times.datetime(MOMENT, offset=True) == moment + " (UTC+01:00)"
    assert times.month_title(2026, 11) == month


@pytest.mark.parametrize(
    ("language", "number"), [("en", "99.87"), ("fr", "99,87"), ("de", "99,87")]
)
def test_decimal_sign(language: str, number: str) -> None:
    assert Translator(language).number("99.87") == number


@pytest.mark.parametrize(
    ("language", "count", "start"),
    [
        ("en", 1, "1 failure in"),
        ("en", 0, "0 failures in"),
        ("en", 2, "2 failures in"),
        ("fr", 0, "0 panne sur"),  # French counts 0 and 1 in the singular
        ("fr", 1, "1 panne sur"),
        ("fr", 2, "2 pannes sur"),
        ("nl", 1, "1 storing in"),
        ("de", 1, "1 Ausfall im"),
        ("de", 3, "3 Ausfälle im"),
    ],
)
def test_plurals_follow_the_languages_rules(language: str, count: int, start: str) -> None:
    assert Translator(language)("report.incidents_desc", count=count).startswith(start)


def test_a_plural_string_without_a_count_takes_its_general_form() -> None:
    assert Translator("fr")("overview.group_status", total=3, count="x") == (
        "x composants sur 3 concernés"
    )
