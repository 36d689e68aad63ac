"""The site's language and time zone as readers see them: interface strings (Material's
`theme.language`, English as fallback) and times, independent of the machine's locale."""

from __future__ import annotations

import datetime as dt
from datetime import timedelta, tzinfo
from functools import cache
from importlib import resources
from typing import Any

import yaml

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
        #: Strings looked up already (pages ask for the same words thousands of times).
        self._found: dict[str, str] = {}

    def __call__(self, key: str, **values: object) -> str:
        """The string for `key`, with `{placeholders}` filled in."""
        text = self._found.get(key)
        if text is None:
            text = self._found[key] = str(self._own.get(key, self._fallback.get(key, key)))
        return text.format(**values) if values else text

    def number(self, text: str) -> str:
        """A decimal number written by statusgen ("99.87") in the language's way ("99,87")."""
        return text.replace(".", self("number.decimal"))

    def month(self, number: int, short: bool = True) -> str:
        """A month's name, 1 = January."""
        names = (
            self._own.get("months_short" if short else "months") or self._fallback["months_short"]
        )
        return str(names[number - 1])


class TimeFormatter:
    """Formats times in the site's zone and language, e.g. "22 Nov 2026, 15:03 CET"."""

    def __init__(self, zone: tzinfo, t: Translator) -> None:
        self.zone = zone
        self.t = t

    def local(self, moment: dt.datetime) -> dt.datetime:
        """The moment in the site's zone."""
        return moment.astimezone(self.zone)

    def date(self, moment: dt.datetime) -> str:
        """22 Nov 2026"""
        local = self.local(moment)
        return f"{local.day} {self.t.month(local.month)} {local.year}"

    def day(self, day: dt.datetime) -> str:
        """A local day of the uptime bars (already in the site's zone): 22 Nov 2026."""
        return f"{day.day} {self.t.month(day.month)} {day.year}"

    def datetime(self, moment: dt.datetime, offset: bool = False) -> str:
        """22 Nov 2026, 15:03 CET; with `offset`, for texts read outside the site (messages):
        "22 Nov 2026, 15:03 CET (UTC+01:00)", or "22 Nov 2026, 14:03 UTC"."""
        local = self.local(moment)
        zone = _zone_with_offset(local) if offset else local.tzname() or "UTC"
        return f"{self.date(moment)}, {local:%H:%M} {zone}"

    def clock(self, moment: dt.datetime) -> str:
        """15:03 CET"""
        local = self.local(moment)
        return f"{local:%H:%M} {local.tzname() or 'UTC'}"

    def month_title(self, year: int, month: int) -> str:
        """November 2026"""
        return f"{self.t.month(month, short=False)} {year}"

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
