"""The site's language and time zone as readers see them: interface strings (Material's
`theme.language`, English as fallback), and dates, numbers and plurals by the language's
Unicode CLDR rules (Babel, which Material installs), independent of the machine's locale.

The pages' script formats the same dates again in the reader's zone with the browser's
`Intl` (CLDR too, `dateStyle: "medium"`), so both say "Nov 22, 2026" in English and
"22 nov. 2026" in French."""

from __future__ import annotations

import datetime as dt
from datetime import timedelta, tzinfo
from functools import cache
from importlib import resources
from typing import Any

import yaml

from statusgen.render import cldr

DEFAULT_LANGUAGE = "en"


@cache
def _strings(language: str) -> dict[str, Any]:
    path = resources.files("statusgen.render") / "locales" / f"{language}.yml"
    if not path.is_file():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else {}


class Translator:
    """Looks strings up in one language, falling back to English for missing keys."""

    def __init__(self, language: str) -> None:
        base = language.split("-")[0].lower() if language else DEFAULT_LANGUAGE
        self.language = base if _strings(base) else DEFAULT_LANGUAGE
        self._own = _strings(self.language)
        self._fallback = _strings(DEFAULT_LANGUAGE)
        #: The language's CLDR rules (dates, numbers, plurals), without Babel's locale data.
        self.cldr = cldr.rules(self.language)
        #: Strings looked up already (pages ask for the same words thousands of times).
        self._found: dict[str, str | dict[str, str]] = {}

    def __call__(self, key: str, **values: object) -> str:
        """The string for `key`, with `{placeholders}` filled in. A string with plural forms
        is a mapping of CLDR plural categories (`one`, `other`, ...) to texts: the one for
        `count` is used."""
        text = self._found.get(key)
        if text is None:
            found = self._own.get(key, self._fallback.get(key, key))
            text = self._found[key] = found if isinstance(found, dict) else str(found)
        if isinstance(text, dict):
            count = values.get("count")
            category = self.cldr.plural(count) if isinstance(count, int) else "other"
            text = str(text.get(category, text["other"]))
        return text.format(**values) if values else text

    def number(self, text: str) -> str:
        """A decimal number written by statusgen ("99.87") in the language's way ("99,87")."""
        return text.replace(".", self.cldr.decimal)

    def month(self, number: int, short: bool = True) -> str:
        """A month's name standing alone, 1 = January: "Nov" or "November"."""
        return self.cldr.months["abbreviated" if short else "wide"][number]


class TimeFormatter:
    """Formats times in the site's zone and language, e.g. "22 Nov 2026, 15:03 CET"."""

    def __init__(self, zone: tzinfo, t: Translator) -> None:
        self.zone = zone
        self.t = t
        #: Days written already, by ordinal: a build writes the same few hundred days thousands
        #: of times (every component's bars and calendar), and Babel takes 0.1 ms a day.
        self._days: dict[int, str] = {}
        #: Month titles written already, by year and month (a component's calendar writes 12).
        self._months: dict[tuple[int, int], str] = {}
        #: How the language puts a date and a time together ("{1}, {0}"), looked up once.
        self._glue = t.cldr.glue

    def local(self, moment: dt.datetime) -> dt.datetime:
        """The moment in the site's zone."""
        return moment.astimezone(self.zone)

    def date(self, moment: dt.datetime) -> str:
        """Nov 22, 2026 (the language's medium date: 22 nov. 2026, 22.11.2026)."""
        return self.day(self.local(moment))

    def day(self, day: dt.date) -> str:
        """A local day (already in the site's zone), as `date` writes it."""
        ordinal = day.toordinal()
        written = self._days.get(ordinal)
        if written is None:
            written = self._days[ordinal] = self.t.cldr.medium(day)
        return written

    def datetime(self, moment: dt.datetime, offset: bool = False) -> str:
        """Nov 22, 2026, 15:03 CET; with `offset`, for texts read outside the site (messages):
        "Nov 22, 2026, 15:03 CET (UTC+01:00)", or "Nov 22, 2026, 14:03 UTC"."""
        local = self.local(moment)
        zone = _zone_with_offset(local) if offset else local.tzname() or "UTC"
        return self._glue.replace("{1}", self.date(moment)).replace("{0}", f"{local:%H:%M} {zone}")

    def clock(self, moment: dt.datetime) -> str:
        """15:03 CET"""
        local = self.local(moment)
        return f"{local:%H:%M} {local.tzname() or 'UTC'}"

    def month_title(self, year: int, month: int) -> str:
        """November 2026"""
        written = self._months.get((year, month))
        if written is None:
            written = self._months[year, month] = self.t.cldr.month_title(dt.date(year, month, 1))
        return written

    def duration(self, span: timedelta) -> str:
        """45 min, 1 h 7 min, 3 d 2 h."""
        minutes = max(int(span.total_seconds() // 60), 0)
        hours, minutes = divmod(minutes, 60)
        days, hours = divmod(hours, 24)
        if days:
            return self.t("duration.days", d=days, h=hours)
        if hours:
            return (
                self.t("duration.hours", h=hours, m=minutes)
                if minutes
                else self.t("duration.hours_only", h=hours)
            )
        return self.t("duration.minutes", m=minutes)


def _zone_with_offset(local: dt.datetime) -> str:
    """ "CET (UTC+01:00)"; "UTC+05:30" for a zone without a name; "UTC" for UTC."""
    minutes = int((local.utcoffset() or timedelta(0)).total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    utc = "UTC" if not minutes else f"UTC{sign}{hours:02}:{rest:02}"
    name = local.tzname() or ""
    return f"{name} ({utc})" if name.isalpha() and name != "UTC" else utc
