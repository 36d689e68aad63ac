"""The command line's vocabulary: exit statuses, usage errors and argument types."""

from __future__ import annotations

import argparse
from datetime import datetime, timedelta

from statusgen.clock import TIME_EXAMPLE, parse_time
from statusgen.content.rules import NO_ESTIMATE

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad arguments or a missing incident: exit 2 with this message."""


#: The languages statusgen's interface speaks (`render/locales/`; a test holds them equal),
#: each with its name for the help: the `--message-LANG` options.
INTERFACE_LANGUAGES = ("en", "fr", "nl", "de")
LANGUAGE_NAMES = {"en": "English", "fr": "French", "nl": "Dutch", "de": "German"}


def time_argument(text: str) -> datetime:
    """An ISO 8601 time with offset, for --at, --start, --end, --next-update, --now."""
    parsed, reason = parse_time(text)
    if parsed is None:
        raise argparse.ArgumentTypeError(f"{text!r} {reason}; expected {TIME_EXAMPLE}")
    return parsed


def resolve_next_update(
    text: str | None, at: datetime, option: str = "--next-update", *, ago: bool = False
) -> datetime | None:
    """`--next-update 30m` (minutes/hours after the update) or an absolute time; `option`
    names the argument in errors (--estimate takes the same forms). With `ago`, a duration
    counts back from `at` instead (`--started 15m`: 15 minutes before now)."""
    if text is None:
        return None
    units = {"m": 1, "h": 60}
    if text[-1:] in units and text[:-1].isdigit():
        minutes = int(text[:-1]) * units[text[-1]]
        try:
            return at + timedelta(minutes=-minutes if ago else minutes)
        except OverflowError:
            raise UsageError(
                f"{option} {text!r} is too far {'back' if ago else 'ahead'}; expected 30m, 2h "
                "or a time with offset (years 1970 to 2999)"
            ) from None
    parsed, reason = parse_time(text)
    if parsed is None:
        raise UsageError(f"{option} {text!r} {reason}; expected 30m, 2h or a time with offset")
    return parsed


def resolve_estimate(text: str | None, at: datetime) -> tuple[datetime | None, bool]:
    """`--estimate 2h`, a time, or `none`: (the estimate, whether it withdraws one)."""
    if text == NO_ESTIMATE:
        return None, True
    return resolve_next_update(text, at, "--estimate"), False


def text_argument(text: str) -> str:
    """A title or message: printable text, without control characters."""
    # Imported on use: the budgets load Markdown, which `--version` and `--help` never need.
    from statusgen.content.budgets import CLEAN_EXPECTED, unclean_character

    bad = unclean_character(text)
    if bad is not None:
        raise argparse.ArgumentTypeError(f"holds the character {bad}; {CLEAN_EXPECTED}")
    return text


def duration_argument(text: str) -> timedelta:
    """`--within 30m`, `2h` or `1d`."""
    units = {"m": 1, "h": 60, "d": 1440}
    if text[-1:] in units and text[:-1].isdigit() and 0 < int(text[:-1]) <= 60 * 24 * 31:
        return timedelta(minutes=int(text[:-1]) * units[text[-1]])
    raise argparse.ArgumentTypeError(f"{text!r}: expected a duration such as 30m, 2h or 1d")


def incident_argument(text: str) -> str:
    """An incident's id as given: the id, its file name or its path as a shell completes it
    (`incidents/2026/ID.md`, `ID.md`, `./ID.md`, `incidents\\2026\\ID.md`) all name ID."""
    return text.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1].removesuffix(".md")


def component_argument(text: str) -> tuple[str, str | None]:
    """`api=partial_outage` (or just `api` for maintenance)."""
    component_id, _, status = text.partition("=")
    return component_id.strip(), (status.strip() or None)


def add_template_arguments(parser: argparse.ArgumentParser) -> None:
    """`--template`, and the values only templates use, for new, update and resolve."""
    parser.add_argument(
        "--template",
        metavar="NAME",
        help="fill the message from the templates of this kind of incident (a folder of "
        "templates/, e.g. database-outage); without it and without --message, the status's "
        "own template",
    )
    parser.add_argument(
        "--workaround",
        type=text_argument,
        help="what readers can do meanwhile, filling {{workaround}}",
    )
