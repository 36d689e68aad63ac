"""The `notify` option: the channels updates are sent to, checked node by node.

Secrets come from the environment (`!ENV VAR` in mkdocs.yml). MkDocs reads a missing variable
as null; the command line's reader keeps its name (`MissingEnv`) so `statusgen notify` can say
which variable to set. Either way a channel whose secret is missing is skipped, never an error:
the pull-request check runs without secrets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from statusgen.model import Audience, Impact

#: The channel types, and the keys each takes besides the common ones.
CHANNEL_TYPES: dict[str, frozenset[str]] = {
    "slack": frozenset({"url"}),
    "mattermost": frozenset({"url"}),
    "teams": frozenset({"url"}),
    "discord": frozenset({"url"}),
    "webhook": frozenset({"url", "secret"}),
    "email": frozenset({"smtp", "from", "to"}),
}
COMMON_KEYS = frozenset(
    {
        "type",
        "name",
        "components",
        "min_impact",
        "audience",
        "max_per_run",
        "max_per_incident",
        "language",
    }
)
#: The caps' defaults: real incidents have at most about 30 updates, and a run rarely sends more
#: than a few; beyond a cap the rest is folded into one digest message (`notify/sending.py`).
MAX_PER_RUN = 100
MAX_PER_INCIDENT = 40
#: Where each type's secret lives (the value `!ENV` usually gives).
SECRET_KEYS = {"url": "a URL", "secret": "a secret", "smtp": "an smtp:// URL"}
_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,62}")
_ADDRESS = re.compile(r"[^@\s<>,;\"]+@[^@\s<>,;\"]+\.[^@\s<>,;\"]+")
_LANGUAGE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")


class MissingEnv:
    """An `!ENV` value whose variables are all unset (and that names no default)."""

    def __init__(self, names: list[str]) -> None:
        self.names = names

    def __repr__(self) -> str:
        return f"!ENV {' or '.join(self.names)} (not set)"


@dataclass(frozen=True)
class ChannelOptions:
    """One configured channel."""

    type: str
    #: Unique among the channels; the record of what was sent is kept per name.
    name: str
    url: str | None = None
    secret: str | None = None
    smtp: str | None = None
    sender: str | None = None
    to: tuple[str, ...] = ()
    #: Only updates of incidents touching one of these components (none: every update).
    components: tuple[str, ...] = ()
    min_impact: Impact = Impact.NONE
    audience: Audience = Audience.PUBLIC
    #: The environment variables that were not set; the channel is skipped when any is.
    missing: tuple[str, ...] = ()
    #: The line of mkdocs.yml where the channel starts (0 when unknown).
    line: int = 0
    #: At most this many messages a run (`max_per_run`), and about one incident a run
    #: (`max_per_incident`); the rest goes into one digest message.
    max_per_run: int = MAX_PER_RUN
    max_per_incident: int = MAX_PER_INCIDENT
    #: The language of its messages (one of the site's `languages`); None: the default one.
    language: str | None = None

    @property
    def is_internal(self) -> bool:
        """True for a channel of the responders that may receive internal updates."""
        return self.audience is Audience.INTERNAL


def line_of(node: Any) -> int:
    """The mkdocs.yml line a mapping was read from, when the reader recorded it."""
    return int(getattr(node, "line", 0))


def parse_channels(value: Any) -> tuple[tuple[ChannelOptions, ...], list[tuple[int, str]]]:
    """The channels of a `notify` value, and every problem as (line, what; expected what)."""
    problems: list[tuple[int, str]] = []
    if value is None:
        return (), problems
    if not isinstance(value, list):
        return (), [(line_of(value), "notify is not a list; expected a list of channels")]
    channels: list[ChannelOptions] = []
    names: set[str] = set()
    for index, entry in enumerate(value):
        channel = _channel(index, entry, problems)
        if channel is None:
            continue
        if channel.name in names:
            problems.append(
                (
                    channel.line,
                    f"notify[{index}]: a second channel named {channel.name!r}; "
                    "expected a unique `name` for each channel",
                )
            )
            continue
        names.add(channel.name)
        channels.append(channel)
    return tuple(channels), problems


def check_notify(value: Any) -> str:
    """The option check for the MkDocs config validator: every problem, in one line."""
    _, problems = parse_channels(value)
    return "; ".join(f"line {line}: {text}" if line else text for line, text in problems)


def _channel(index: int, entry: Any, problems: list[tuple[int, str]]) -> ChannelOptions | None:
    where = f"notify[{index}]"
    line = line_of(entry)

    def problem(text: str) -> None:
        problems.append((line, f"{where}: {text}"))

    if not isinstance(entry, dict):
        problem(f"is {entry!r}; expected a mapping with a `type`")
        return None
    kind = entry.get("type")
    if kind not in CHANNEL_TYPES:
        problem(f"type {kind!r} is unknown; expected one of {', '.join(CHANNEL_TYPES)}")
        return None
    allowed = COMMON_KEYS | CHANNEL_TYPES[kind]
    before = len(problems)
    for key in entry:
        if key not in allowed:
            problem(
                f"unknown key {key!r} for a {kind} channel; expected {', '.join(sorted(allowed))}"
            )
    name = entry.get("name", kind)
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        problem(f"name {name!r}; expected lower-case letters, digits, - and _")
    missing: list[str] = []
    secrets: dict[str, str | None] = {}
    for key in sorted(CHANNEL_TYPES[kind] & set(SECRET_KEYS)):
        if key != "secret" and key not in entry:  # absent, not an unset `!ENV` (null)
            problem(f"{key} is missing; expected {SECRET_KEYS[key]} (from !ENV)")
            continue
        secrets[key] = _secret(key, entry.get(key), kind, missing, problem)
    components = entry.get("components", [])
    if not isinstance(components, list) or not all(isinstance(c, str) for c in components):
        problem(f"components {components!r}; expected a list of component ids")
        components = []
    impact = entry.get("min_impact", Impact.NONE.value)
    if impact not in {i.value for i in Impact}:
        problem(f"min_impact {impact!r}; expected none, minor, major or critical")
        impact = Impact.NONE.value
    audience = entry.get("audience", Audience.PUBLIC.value)
    if audience not in {a.value for a in Audience}:
        problem(f"audience {audience!r}; expected public or internal")
        audience = Audience.PUBLIC.value
    caps = {
        key: _cap(key, entry.get(key, default), problem)
        for key, default in (("max_per_run", MAX_PER_RUN), ("max_per_incident", MAX_PER_INCIDENT))
    }
    language = entry.get("language")
    if language is not None and not (isinstance(language, str) and _LANGUAGE.fullmatch(language)):
        problem(f"language {language!r}; expected a language code of the site, such as fr")
    sender: str | None = None
    to: tuple[str, ...] = ()
    if kind == "email":
        sender, to = _email_addresses(entry, problem)
    if len(problems) > before or not isinstance(name, str):
        return None
    return ChannelOptions(
        type=kind,
        name=name,
        url=secrets.get("url"),
        secret=secrets.get("secret"),
        smtp=secrets.get("smtp"),
        sender=sender,
        to=to,
        components=tuple(components),
        min_impact=Impact(impact),
        audience=Audience(audience),
        missing=tuple(missing),
        line=line,
        max_per_run=caps["max_per_run"],
        max_per_incident=caps["max_per_incident"],
        language=language,
    )


def _cap(key: str, value: Any, problem: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 10_000:
        problem(f"{key} {value!r}; expected a whole number from 1 to 10000")
        return 1
    return value


def _secret(key: str, value: Any, kind: str, missing: list[str], problem: Any) -> str | None:
    required = key != "secret"
    if isinstance(value, MissingEnv):
        missing.extend(value.names)
        return None
    if value is None or value == "":
        if required:
            # MkDocs reads an unset `!ENV` as null: skipped at send time, not an error here.
            missing.append(f"{key} (empty)")
        return None
    if not isinstance(value, str) or not value:
        problem(f"{key} is not text; expected {SECRET_KEYS[key]}")
        return None
    parts = urlsplit(value)
    if key == "url" and (parts.scheme not in ("https", "http") or not parts.hostname):
        problem(f"url is not an http(s) URL; expected {SECRET_KEYS[key]} (from !ENV)")
    if key == "smtp" and (parts.scheme not in ("smtp", "smtps") or not parts.hostname):
        problem("smtp is not an smtp:// or smtps:// URL; expected smtp://user:pass@host:587")
    return value


def _email_addresses(entry: dict[str, Any], problem: Any) -> tuple[str | None, tuple[str, ...]]:
    sender = entry.get("from")
    if not isinstance(sender, str) or not _ADDRESS.fullmatch(sender):
        problem(f"from {sender!r}; expected the sender's e-mail address")
        sender = None
    to = entry.get("to")
    to = [to] if isinstance(to, str) else to
    if (
        not isinstance(to, list)
        or not to
        or not all(isinstance(a, str) and _ADDRESS.fullmatch(a) for a in to)
    ):
        problem(f"to {entry.get('to')!r}; expected a list of e-mail addresses")
        return sender, ()
    return sender, tuple(to)


def channel_problems_for_catalog(
    channels: tuple[ChannelOptions, ...],
    component_ids: set[str],
    remind_channel: str | None,
    languages: tuple[str, ...] = (),
) -> list[tuple[int, str]]:
    """What only the content and the rest of mkdocs.yml can tell: unknown component ids, an
    unknown reminder channel, a `language` that is not one of the site's `languages` (the
    default first; empty: not checked)."""
    problems = []
    for channel in channels:
        if languages and channel.language is not None and channel.language not in languages:
            problems.append(
                (
                    channel.line,
                    f"notify channel {channel.name!r}: language {channel.language!r} is not one "
                    f"of the site's languages; expected one of {', '.join(languages)} (the "
                    "`languages` option lists them, the default first)",
                )
            )
        for component_id in channel.components:
            if component_id not in component_ids:
                problems.append(
                    (
                        channel.line,
                        f"notify channel {channel.name!r}: unknown component {component_id!r}; "
                        f"expected one of {', '.join(sorted(component_ids))}",
                    )
                )
    if remind_channel is not None and remind_channel not in {c.name for c in channels}:
        names = ", ".join(c.name for c in channels) or "none configured"
        problems.append(
            (
                0,
                f"remind_channel {remind_channel!r} is not a notify channel; "
                f"expected one of {names}",
            )
        )
    return problems
