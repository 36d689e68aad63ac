"""Times and durations as readers see them, independent of the machine's locale and zone."""

from __future__ import annotations

import datetime as dt
from datetime import UTC, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from statusgen.i18n import Translator


class TimeZoneError(ValueError):
    """The configured time zone is not a known IANA name."""


def load_zone(name: str) -> tzinfo:
    """The IANA time zone `name` ("UTC", "Europe/Paris", ...)."""
    if name.upper() == "UTC":
        return UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise TimeZoneError(
            f"unknown time zone {name!r}; expected an IANA name like Europe/Paris"
        ) from None


def iso_utc(moment: dt.datetime) -> str:
    """Machine-readable UTC: 2026-11-22T14:03:00Z."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


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
        """A UTC day (bars are UTC days): 22 Nov 2026."""
        return f"{day.day} {self.t.month(day.month)} {day.year}"

    def datetime(self, moment: dt.datetime) -> str:
        """22 Nov 2026, 15:03 CET"""
        local = self.local(moment)
        return f"{self.date(moment)}, {local:%H:%M} {local.tzname() or 'UTC'}"

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
