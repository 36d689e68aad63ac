"""What `TimeFormatter` keeps (month titles, the language's date-and-time pattern) gives what
Babel gives each time, in every language statusgen speaks."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from babel import Locale
from babel.dates import format_date, format_skeleton

from statusgen.render.locale import TimeFormatter, Translator


@pytest.mark.parametrize("language", ["en", "fr", "de", "nl"])
def test_kept_words_are_babels(language: str) -> None:
    t = Translator(language)
    locale = Locale.parse(t.language)
    fmt = TimeFormatter(ZoneInfo("Europe/Paris"), t)
    for _ in range(2):  # written, then kept
        for month in (1, 3, 12):
            expected = format_skeleton("yMMMM", datetime(2026, month, 1), locale=locale)
            assert fmt.month_title(2026, month) == expected
        moment = datetime(2026, 3, 29, 1, 30, tzinfo=UTC)  # 03:30 CEST
        day = format_date(moment.astimezone(fmt.zone), "medium", locale=locale)
        glue = str(locale.datetime_formats["medium"]).replace("'", "")
        expected = glue.replace("{1}", day).replace("{0}", "03:30 CEST")
        assert fmt.datetime(moment) == expected
