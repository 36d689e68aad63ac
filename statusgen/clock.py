"""Time: the build's `now`, machine-readable times in and out, and the site's time zone.

Every time statusgen stores or computes with is timezone-aware UTC. This module is the one
place that parses times from files and arguments and that prints them for machines (files,
feeds, API, anchors) and terminals; pages format times for readers in `render.locale`.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

#: Years accepted in times: anything outside is a typo, and near the ends of the calendar
#: converting to other time zones would overflow.
YEARS = (1970, 2999)
#: How a time is asked for in messages.
TIME_EXAMPLE = "a time with a UTC offset like 2026-11-22T14:03:00Z"


class ClockError(ValueError):
    """SOURCE_DATE_EPOCH is set but is not a number of seconds."""


class TimeZoneError(ValueError):
    """The configured time zone is not a known IANA name."""


def build_now() -> datetime:
    """Now in UTC to the second, or SOURCE_DATE_EPOCH when it is set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), UTC)
        except (ValueError, OverflowError, OSError):
            raise ClockError(
                f"SOURCE_DATE_EPOCH={epoch!r}; expected whole seconds since 1970"
            ) from None
    return datetime.now(UTC).replace(microsecond=0)


def parse_time(text: str) -> tuple[datetime | None, str]:
    """An ISO 8601 time with an offset, in UTC; or None and why it is not one."""
    try:
        parsed = datetime.fromisoformat(text.strip())
    except ValueError:
        return None, "is not a valid time"
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        return None, "has no UTC offset"
    if not YEARS[0] <= parsed.year <= YEARS[1]:
        return None, f"is out of range (years {YEARS[0]} to {YEARS[1]})"
    return parsed.astimezone(UTC), ""


def iso_utc(moment: datetime) -> str:
    """Machine-readable UTC, as files, feeds and the API write it: 2026-11-22T14:03:00Z."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def iso_offset(moment: datetime) -> str:
    """A time as incident files keep it, in its own offset, to the second:
    2024-03-01T09:15:00+01:00, or ...Z for UTC (what an import writes, and a new file)."""
    text = moment.replace(microsecond=0).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def stamp_utc(moment: datetime) -> str:
    """A compact UTC stamp for anchors and ids: 20261122T140300Z."""
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def minute_utc(moment: datetime) -> str:
    """UTC to the minute, for terminals and plain text: 2026-11-22 14:03."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M")


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
