"""The site's statusgen options: declared once, with their defaults and checks.

The MkDocs plugin builds its config validators from these (`statusgen.plugin.config`), and the
command line reads the same options from mkdocs.yml (`statusgen.options.mkdocs_yml`), so both
agree on every default and every rule. The `notify` option's channels are checked in
`statusgen.options.notify`.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields, is_dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any

from statusgen.clock import TimeZoneError, load_zone
from statusgen.content.files import DEFAULT_COMPONENTS_FILE, DEFAULT_INCIDENTS_DIRS, SiteLayout
from statusgen.content.probehistory import DEFAULT_FILE as PROBE_HISTORY_FILE
from statusgen.model import Audience
from statusgen.options.alerts import AlertRule, alert_rules, check_alerts
from statusgen.options.notify import ChannelOptions, check_notify, parse_channels
from statusgen.options.texts import LANGUAGE_CODE as _LANGUAGE_CODE
from statusgen.options.texts import (
    check_language_texts,
    check_nav_titles,
    language_texts,
    nav_title_pairs,
    text_pairs,
)


@dataclass(frozen=True)
class ContactOptions:
    """The contact line shown on the overview and every incident page."""

    #: A URL or e-mail address readers can use to ask questions; no line without it.
    url: str | None = None
    #: The link's text (default: "Questions? Contact us", in the page's language): one text,
    #: or (language code, text) pairs, from a mapping, on a site in several languages.
    text: str | tuple[tuple[str, str], ...] = ""


@dataclass(frozen=True)
class SubscribeFormOptions:
    """The Subscribe page's e-mail sign-up, through the team's list service (docs/subscribe.md
    of the project: Mailman 3, listmonk, Google Groups)."""

    #: The list service's sign-up address: an http(s) URL the form posts to, or a `mailto:`
    #: join address (Mailman 3's `LIST-join@`, Google Groups' `GROUP+subscribe@`); no form
    #: without it.
    action: str | None = None
    #: The name of the form's e-mail address field.
    email_field: str = "email"
    #: Fixed fields the service wants with every sign-up, `name: value`.
    fields: tuple[tuple[str, str], ...] = ()
    #: Lists readers choose from, `label: value` (list ids for a form, addresses for mailto).
    lists: tuple[tuple[str, str], ...] = ()
    #: The name of the lists' checkboxes in the form.
    list_field: str = "l"


@dataclass(frozen=True)
class Options:
    """Every statusgen option of a site, with its default."""

    #: The components file, relative to mkdocs.yml.
    components_file: str = DEFAULT_COMPONENTS_FILE
    #: The folders of incident files, relative to mkdocs.yml (one, or a list: an internal site
    #: can read a private folder beside the public repository's). New files go to the first.
    incidents_dir: tuple[str, ...] = DEFAULT_INCIDENTS_DIRS
    #: `public` leaves out everything marked `audience: internal`; `internal` shows it all.
    audience: Audience = Audience.PUBLIC
    #: The internal site's address: the internal build's links, feeds, sitemap, API and
    #: calendar, and the links of internal notify channels, use it instead of `site_url`.
    internal_site_url: str | None = None
    #: How many daily uptime bars the overview and component pages show.
    history_days: int = 90
    #: How many days of past incidents the overview lists, each with its updates.
    past_days: int = 15
    #: The IANA time zone pages show times in without JavaScript (browsers use the reader's).
    timezone: str = "UTC"
    #: How many updates each feed holds, newest first.
    feed_entries: int = 50
    #: Where readers can ask: `{url: ..., text: ...}`.
    contact: ContactOptions = field(default_factory=ContactOptions)
    #: The Subscribe page's e-mail sign-up form: `{action: ..., email_field: ..., ...}`.
    subscribe_form: SubscribeFormOptions = field(default_factory=SubscribeFormOptions)
    #: The folder of message templates, relative to mkdocs.yml (`statusgen new --template`).
    templates_dir: str = "templates"
    #: Where `statusgen notify` sends each update: a list of channels (see docs/operators.md).
    notify: tuple[ChannelOptions, ...] = ()
    #: The notify channel `statusgen remind` nudges (by its name); no reminders without one.
    remind_channel: str | None = None
    #: Minutes without an update after which `statusgen remind` nudges about an open incident.
    remind_after: int = 60
    #: Minutes after its build at which a page tells readers it may be out of date: a few
    #: missed runs of the publish schedule (every 15 minutes in the shipped workflows).
    stale_after: int = 120
    #: The probe history `statusgen probe` writes, relative to mkdocs.yml: component pages
    #: draw response times and measured availability from it (no file: nothing drawn).
    probe_history: str = PROBE_HISTORY_FILE
    #: Which alerts `statusgen alert` opens incidents for: rules from labels to a component.
    alerts: tuple[AlertRule, ...] = ()
    #: The site's languages (codes of `render/locales/`), the default first; it must be the
    #: theme's language. Empty: one language, the theme's (docs/operators.md, "Languages").
    languages: tuple[str, ...] = ()
    #: True: `statusgen check` refuses a missing translation; False: it warns.
    require_translations: bool = False
    #: Navigation titles in the other languages, by the page's path in `nav:`: `{index.md:
    #: {fr: ...}}`, as (path, ((language, title), ...)) pairs (docs/operators.md, "Languages").
    nav_titles: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()
    #: On a site of several languages, the footer's text (mkdocs.yml's `copyright`) per
    #: language: `{en: ..., fr: ...}`, as (language, text) pairs; none: mkdocs.yml's in each.
    copyright: str | tuple[tuple[str, str], ...] = ""

    def layout(
        self, root: Path, label_prefix: str = "", languages: tuple[str, ...] = ()
    ) -> SiteLayout:
        """Where the content of the site in `root` lives, as these options say, read in the
        site's `languages` (`site_languages`)."""
        return SiteLayout(root, self.components_file, self.incidents_dir, label_prefix, languages)


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


def check_site_file(value: str) -> str:
    """A file's path inside the site."""
    if value and not value.startswith(("/", "\\")) and ".." not in value.split("/"):
        return ""
    return f"a file's path inside the site, such as {PROBE_HISTORY_FILE}"


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


_FORM_ACTION = re.compile(r"(?i:https?)://[^\s\"<>]+|mailto:[^@\s\"<>?]+@[^@\s\"<>?]+")
_MAIL_ADDRESS = re.compile(r"[^@\s\"<>?]+@[^@\s\"<>?]+")
_FIELD_NAME = re.compile(r"[A-Za-z0-9_.:\[\]-]+")


def check_form_action(value: str | None) -> str:
    """An http(s) URL or a mailto: address."""
    if value is None or _FORM_ACTION.fullmatch(value):
        return ""
    return "an http(s) URL or a mailto: address"


def check_field_name(value: str) -> str:
    """A form field's name."""
    return "" if _FIELD_NAME.fullmatch(value) else "a form field's name, such as email"


def check_text_map(value: dict[object, object]) -> str:
    """A mapping of texts to texts (numbers, as YAML reads list ids, count as texts)."""
    if all(isinstance(k, str | int) and isinstance(v, str | int) for k, v in value.items()):
        return ""
    return "a mapping of names to texts"


def check_site_address(value: str | None) -> str:
    """An http(s) address of a site, such as https://status.internal.example.com/ (empty, as an
    unset CI variable gives it, is the same as unset)."""
    if not value or re.fullmatch(r"(?i:https?)://[^\s/?#]+(/[^\s?#]*)?", value):
        return ""
    return "an http(s) address such as https://status.internal.example.com/"


def interface_languages() -> tuple[str, ...]:
    """The languages statusgen's interface has words in (render/locales/*.yml)."""
    folder = resources.files("statusgen") / "render" / "locales"
    return tuple(sorted(f.name[:-4] for f in folder.iterdir() if f.name.endswith(".yml")))


def check_languages(value: list[object]) -> str:
    """Distinct language codes statusgen has interface words in, the default first."""
    known = interface_languages()
    expected = f"a list of distinct language codes among {', '.join(known)}, the default first"
    if not all(isinstance(code, str) and _LANGUAGE_CODE.fullmatch(code) for code in value):
        return expected
    if len(set(value)) != len(value) or not set(value) <= set(known):
        return expected
    return ""


def site_languages(options: Options, theme_language: str) -> tuple[str, ...]:
    """The site's languages, the default first: the `languages` option, else the theme's."""
    return options.languages or (theme_language,)


def languages_problem(options: Options, theme_language: str) -> str | None:
    """What is wrong with the `languages` option beside the theme's language, if anything:
    its first is the default language, which the theme (Material's own words) speaks."""
    if options.languages and options.languages[0] != theme_language:
        return (
            f"languages starts with {options.languages[0]}, but theme.language is "
            f"{theme_language}; expected the default language first, the same as theme.language"
        )
    if options.copyright and len(options.languages) < 2:
        return (
            "copyright is set, but the site has one language; expected mkdocs.yml's own "
            "copyright on a site of one language (the option gives the footer per language)"
        )
    return None


def check_audience(value: str) -> str:
    """public or internal."""
    return "" if value in tuple(Audience) else "public or internal"


#: The checks of options that have one, by option name (`contact.url` for nested ones).
#: Options whose values hold secrets (webhook URLs, SMTP passwords through `!ENV`): a problem
#: names where and what, never the value, so no build log prints a secret.
SECRET_OPTIONS = frozenset({"notify"})

CHECKS: dict[str, Callable[[Any], str]] = {
    "audience": check_audience,
    "internal_site_url": check_site_address,
    "history_days": check_at_least_one,
    "past_days": check_at_least_one,
    "feed_entries": check_at_least_one,
    "timezone": check_time_zone,
    "incidents_dir": check_folders,
    "templates_dir": check_folder,
    "contact.url": check_contact_url,
    "contact.text": check_language_texts,
    "subscribe_form.action": check_form_action,
    "subscribe_form.email_field": check_field_name,
    "subscribe_form.list_field": check_field_name,
    "subscribe_form.fields": check_text_map,
    "subscribe_form.lists": check_text_map,
    "notify": check_notify,
    "remind_after": check_at_least_one,
    "stale_after": check_at_least_one,
    "probe_history": check_site_file,
    "alerts": check_alerts,
    "languages": check_languages,
    "nav_titles": check_nav_titles,
    "copyright": check_language_texts,
}


# -- options as mkdocs.yml writes them: one table the plugin and the command line both read ----
#: The YAML type and its words, for options whose value is not of their default's type.
YAML_TYPES: dict[str, tuple[type | tuple[type, ...], str]] = {
    "incidents_dir": ((str, list), "a folder name or a list of folder names"),
    "audience": (str, "public or internal"),
    "internal_site_url": (str, "an http(s) address such as https://status.internal.example.com/"),
    "notify": (list, "a list of channels"),
    "alerts": (list, "a list of rules"),
    "languages": (list, "a list of language codes, the default first"),
    "remind_channel": (str, "a channel's name"),
    "contact.url": (str, "an http(s) URL or an e-mail address"),
    "contact.text": ((str, dict), "a text, or a mapping of language codes to texts"),
    "subscribe_form.action": (str, "an http(s) URL or a mailto: address"),
    "subscribe_form.fields": (dict, "a mapping of field names to values"),
    "subscribe_form.lists": (dict, "a mapping of list names to ids or addresses"),
    "nav_titles": (dict, "a mapping of pages to titles per language"),
    "copyright": ((str, dict), "a text, or a mapping of language codes to texts"),
}
#: Words for the YAML types of the other options.
TYPE_WORDS = {str: "str", int: "int"}
#: How a value from mkdocs.yml becomes the option's value, where it is not the value itself.
CONVERSIONS: dict[str, Callable[[Any], Any]] = {
    "incidents_dir": folder_list,
    "audience": Audience,
    "notify": lambda value: parse_channels(value)[0],
    "alerts": alert_rules,
    "languages": tuple,
    "subscribe_form.fields": text_pairs,
    "subscribe_form.lists": text_pairs,
    "contact.text": language_texts,
    "nav_titles": nav_title_pairs,
    "copyright": language_texts,
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
    if name in YAML_TYPES and YAML_TYPES[name][0] is dict:  # pairs, written as a mapping
        return dict(value)
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
