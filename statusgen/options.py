"""The site's statusgen options: declared once, with their defaults and checks.

The MkDocs plugin builds its config validators from these (`statusgen.plugin.config`), and the
command line reads the same options from mkdocs.yml (`read_site_options`), so both agree on
every default and every rule. mkdocs.yml often holds tags such as `!!python/name:...` or
`!ENV`; the reader here never runs them, it only looks for the `statusgen` entry of `plugins`.
"""

from __future__ import annotations

import enum
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields, is_dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from statusgen.clock import TimeZoneError, load_zone
from statusgen.model import Audience
from statusgen.notify.settings import ChannelOptions, MissingEnv, check_notify, parse_channels


@dataclass(frozen=True)
class ContactOptions:
    """The contact line shown on the overview and every incident page."""

    #: A URL or e-mail address readers can use to ask questions; no line without it.
    url: str | None = None
    #: The link's text (default: "Questions? Contact us", in the site's language).
    text: str = ""


@dataclass(frozen=True)
class Options:
    """Every statusgen option of a site, with its default."""

    #: The components file, relative to mkdocs.yml.
    components_file: str = "components.yml"
    #: The folders of incident files, relative to mkdocs.yml (one, or a list: an internal site
    #: can read a private folder beside the public repository's). New files go to the first.
    incidents_dir: tuple[str, ...] = ("incidents",)
    #: `public` leaves out everything marked `audience: internal`; `internal` shows it all.
    audience: Audience = Audience.PUBLIC
    #: How many daily uptime bars the overview and component pages show.
    history_days: int = 90
    #: The IANA time zone pages show times in without JavaScript (browsers use the reader's).
    timezone: str = "UTC"
    #: How many updates each feed holds, newest first.
    feed_entries: int = 50
    #: Where readers can ask: `{url: ..., text: ...}`.
    contact: ContactOptions = field(default_factory=ContactOptions)
    #: The folder of message templates, relative to mkdocs.yml (`statusgen new --template`).
    templates_dir: str = "templates"
    #: Where `statusgen notify` sends each update: a list of channels (see docs/operators.md).
    notify: tuple[ChannelOptions, ...] = ()
    #: The notify channel `statusgen remind` nudges (by its name); no reminders without one.
    remind_channel: str | None = None
    #: Minutes without an update after which `statusgen remind` nudges about an open incident.
    remind_after: int = 60


DEFAULTS = Options()


# -- checks: each returns what was expected, or "" when the value is fine -------------------------
def check_at_least_one(value: int) -> str:
    """Counts of days and entries."""
    return "" if value >= 1 else "a whole number of at least 1"


def check_folders(value: object) -> str:
    """One folder name, or a non-empty list of them."""
    folders = [value] if isinstance(value, str) else value
    if isinstance(folders, list) and folders and all(isinstance(f, str) and f for f in folders):
        return ""
    return "a folder name or a list of folder names"


def folder_list(value: str | list[str]) -> tuple[str, ...]:
    """The folders an incidents_dir value names, in order."""
    return (value,) if isinstance(value, str) else tuple(value)


def check_folder(value: str) -> str:
    """One folder name, inside the site."""
    if value and not value.startswith(("/", "\\")) and ".." not in value.split("/"):
        return ""
    return "a folder name inside the site, such as templates"


def check_time_zone(value: str) -> str:
    """An IANA time zone name."""
    try:
        load_zone(value)
    except TimeZoneError:
        return "an IANA time zone name like Europe/Paris"
    return ""


_CONTACT = re.compile(r"(https?://|mailto:)\S+|[^@\s:/]+@[^@\s/]+")


def check_contact_url(value: str | None) -> str:
    """An http(s) URL, a mailto: link or a bare e-mail address."""
    if value is None or _CONTACT.fullmatch(value):
        return ""
    return "an http(s) URL or an e-mail address"


def check_audience(value: str) -> str:
    """public or internal."""
    return "" if value in tuple(Audience) else "public or internal"


#: The checks of options that have one, by option name (`contact.url` for nested ones).
CHECKS: dict[str, Callable[[Any], str]] = {
    "audience": check_audience,
    "history_days": check_at_least_one,
    "feed_entries": check_at_least_one,
    "timezone": check_time_zone,
    "incidents_dir": check_folders,
    "templates_dir": check_folder,
    "contact.url": check_contact_url,
    "notify": check_notify,
    "remind_after": check_at_least_one,
}


# -- options as mkdocs.yml writes them: one table the plugin and the command line both read ----
#: The YAML type and its words, for options whose value is not of their default's type.
YAML_TYPES: dict[str, tuple[type | tuple[type, ...], str]] = {
    "incidents_dir": ((str, list), "a folder name or a list of folder names"),
    "audience": (str, "public or internal"),
    "notify": (list, "a list of channels"),
    "remind_channel": (str, "a channel's name"),
    "contact.url": (str, "an http(s) URL or an e-mail address"),
}
#: Words for the YAML types of the other options.
TYPE_WORDS = {str: "str", int: "int"}
#: How a value from mkdocs.yml becomes the option's value, where it is not the value itself.
CONVERSIONS: dict[str, Callable[[Any], Any]] = {
    "incidents_dir": folder_list,
    "audience": Audience,
    "notify": lambda value: parse_channels(value)[0],
}


def option_names(cls: type = Options, prefix: str = "") -> Iterator[str]:
    """Every option's name, nested ones as `contact.url`, in declaration order."""
    for option in fields(cls):
        default = getattr(cls(), option.name)
        if is_dataclass(default):
            yield from option_names(type(default), prefix + option.name + ".")
        else:
            yield prefix + option.name


def default_of(name: str) -> Any:
    """An option's default."""
    value: Any = DEFAULTS
    for part in name.split("."):
        value = getattr(value, part)
    return value


def yaml_default(name: str) -> Any:
    """An option's default as mkdocs.yml would write it."""
    value = default_of(name)
    if isinstance(value, enum.Enum):
        return value.value
    return list(value) if isinstance(value, tuple) else value


def check_option(name: str, value: Any) -> str:
    """The one check of an option's value as mkdocs.yml holds it: what was expected, or ""."""
    if value is None and default_of(name) is None:
        return ""
    default_type = type(default_of(name))
    kind, words = YAML_TYPES.get(name) or (default_type, TYPE_WORDS.get(default_type, ""))
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is int):
        return words or default_type.__name__
    return CHECKS[name](value) if name in CHECKS else ""


def options_from(value_of: Callable[[str], Any]) -> Options:
    """Options from checked values as mkdocs.yml writes them (`value_of` an option's name)."""
    values: dict[str, Any] = {}
    for name in option_names():
        value = value_of(name)
        head, _, tail = name.partition(".")
        target = values.setdefault(head, {}) if tail else values
        target[tail or head] = CONVERSIONS[name](value) if name in CONVERSIONS else value
    for option in fields(Options):
        default = getattr(DEFAULTS, option.name)
        if is_dataclass(default) and not isinstance(default, type):  # contact, gathered above
            values[option.name] = replace(default, **values[option.name])
    return Options(**values)


# -- reading mkdocs.yml for the command line ----------------------------------------------------
class SiteConfigError(Exception):
    """mkdocs.yml cannot be read or holds an invalid option; the message says which."""


def read_site_options(root: Path) -> Options:
    """The statusgen plugin's options from `root/mkdocs.yml`, or the defaults without one."""
    path = root / "mkdocs.yml"
    if not path.is_file():
        return DEFAULTS
    raw = _plugin_options(_read_mkdocs(path))
    contact = _set(raw.get("contact"))
    written = "contact" in raw and not isinstance(raw["contact"], MissingEnv)
    if (written or contact is not None) and not isinstance(contact, dict):  # as MkDocs reads it
        raise SiteConfigError(
            f"{path}: statusgen option contact is {contact!r}; expected {{url: ..., text: ...}}"
        )
    values: dict[str, Any] = {}
    for name in option_names():
        head, _, tail = name.partition(".")
        value = _set((contact or {}).get(tail) if tail else raw.get(head))
        value = yaml_default(name) if value is None else value
        expected = "" if name == "notify" else check_option(name, value)
        if expected:
            raise SiteConfigError(
                f"{path}: statusgen option {name} is {value!r}; expected {expected}"
            )
        values[name] = value
    _, problems = parse_channels(raw.get("notify"))
    if problems:  # all of them at once, with their lines: one run of the check shows every one
        raise SiteConfigError(
            "\n".join(
                f"{path}{f':{line}' if line else ''}: statusgen option {text}"
                for line, text in problems
            )
        )
    return options_from(values.__getitem__)


def read_site_language(root: Path) -> str:
    """The site's `theme.language` from `root/mkdocs.yml` ("en" without one)."""
    data = read_site_settings(root)
    theme = data.get("theme") if isinstance(data, dict) else None
    language = theme.get("language") if isinstance(theme, dict) else None
    return language if isinstance(language, str) and language else "en"


def _read_mkdocs(path: Path) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_TolerantLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise SiteConfigError(f"{path}: cannot be read: {error}") from None


def _set(value: Any) -> Any:
    """An unset `!ENV` variable (with no default) reads as null, as MkDocs reads it."""
    return None if isinstance(value, MissingEnv) else value


def read_site_settings(root: Path) -> dict[str, Any]:
    """mkdocs.yml's own settings (site_name, site_url, use_directory_urls, theme, ...) for
    commands that link to the site without building it; {} without mkdocs.yml."""
    path = root / "mkdocs.yml"
    data = _read_mkdocs(path) if path.is_file() else None
    return data if isinstance(data, dict) else {}


class _LineDict(dict[Any, Any]):
    """A mapping that remembers the line of mkdocs.yml it starts on (for notify's problems)."""

    line = 0


class _TolerantLoader(yaml.SafeLoader):
    """A safe loader that reads any unknown tag as None instead of failing, and records the
    line of each mapping."""


def _line_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> Iterator[_LineDict]:
    mapping = _LineDict()
    mapping.line = node.start_mark.line + 1
    yield mapping
    mapping.update(loader.construct_mapping(node))


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """MkDocs' `!ENV VAR` and `!ENV [VAR, OTHER, default]`, read the same way."""
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    elif isinstance(node, yaml.SequenceNode):
        items = loader.construct_sequence(node)
        names, default = items[:-1], items[-1] if len(items) > 1 else None
        if len(items) == 1:
            names = items
    else:
        return None
    for name in names:
        # An empty variable counts as unset: CI passes a secret that does not exist as "".
        if isinstance(name, str) and os.environ.get(name, "") != "":
            return yaml.safe_load(os.environ[name])
    if default is None:
        return MissingEnv([str(name) for name in names])
    return default


_TolerantLoader.add_constructor("!ENV", _env_tag)
_TolerantLoader.add_constructor("tag:yaml.org,2002:map", _line_mapping)
_TolerantLoader.add_multi_constructor("", _ignore_tag)
_TolerantLoader.add_multi_constructor("!", _ignore_tag)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)


def _plugin_options(data: Any) -> dict[str, Any]:
    plugins = data.get("plugins") if isinstance(data, dict) else None
    entries = plugins.items() if isinstance(plugins, dict) else (plugins or [])
    for entry in entries:
        name, options = (entry, {}) if isinstance(entry, str) else _single(entry)
        if name == "statusgen":
            return options if isinstance(options, dict) else {}
    return {}


def _single(entry: Any) -> tuple[Any, Any]:
    if isinstance(entry, tuple):
        return entry
    if isinstance(entry, dict) and len(entry) == 1:
        return next(iter(entry.items()))
    return None, None
