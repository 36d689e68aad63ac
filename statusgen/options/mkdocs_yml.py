"""Reading mkdocs.yml for the command line: the statusgen plugin's options and the site's own
settings, as MkDocs reads them. mkdocs.yml often holds tags such as `!!python/name:...`; the
reader never runs them (it reads them as null) and only looks for the `statusgen` entry of
`plugins`. `!ENV` is MkDocs' own constructor (pyyaml_env_tag); a variable that is unset, with
no default, reads as `MissingEnv` so `statusgen notify` can name it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from yaml_env_tag import construct_env_tag

from statusgen.content.files import SiteLayout
from statusgen.options import (
    DEFAULTS,
    Options,
    check_option,
    option_names,
    options_from,
    site_languages,
    yaml_default,
)
from statusgen.options.alerts import parse_alert_rules
from statusgen.options.notify import MissingEnv, parse_channels

#: Options checked entry by entry, each problem at its line (below), not in one message.
LISTED_OPTIONS = ("notify", "alerts")


class SiteConfigError(Exception):
    """mkdocs.yml cannot be read or holds invalid options; each message says which."""

    def __init__(self, *messages: str) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages


def read_site_options(root: Path) -> Options:
    """The statusgen plugin's options from `root/mkdocs.yml`, or the defaults without one."""
    path = root / "mkdocs.yml"
    if not path.is_file():
        return DEFAULTS
    raw = _plugin_options(_read_mkdocs(path))
    sections: dict[str, dict[str, Any]] = {}  # contact, subscribe_form: mappings of options
    for name in option_names():
        head, _, tail = name.partition(".")
        if not tail or head in sections:
            continue
        section = _set(raw.get(head))
        written = head in raw and not isinstance(raw[head], MissingEnv)
        if (written or section is not None) and not isinstance(section, dict):  # as MkDocs
            keys = ", ".join(
                f"{n.partition('.')[2]}: ..." for n in option_names() if n.startswith(head + ".")
            )
            raise SiteConfigError(
                f"{path}: statusgen option {head} is {section!r}; expected {{{keys}}}"
            )
        sections[head] = section or {}
    values: dict[str, Any] = {}
    for name in option_names():
        head, _, tail = name.partition(".")
        value = _set(sections[head].get(tail) if tail else raw.get(head))
        value = yaml_default(name) if value is None else value
        expected = "" if name in LISTED_OPTIONS else check_option(name, value)
        if expected:
            raise SiteConfigError(
                f"{path}: statusgen option {name} is {value!r}; expected {expected}"
            )
        values[name] = value
    _, problems = parse_channels(raw.get("notify"))
    problems += parse_alert_rules(raw.get("alerts"))[1]
    if problems:  # all of them at once, with their lines: one run of the check shows every one
        raise SiteConfigError(
            *(
                f"{path}{f':{line}' if line else ''}: statusgen option {text}"
                for line, text in problems
            )
        )
    return options_from(values.__getitem__)


def read_site_layout(root: Path, label_prefix: str = "") -> tuple[Options, SiteLayout]:
    """The site's options and where its content lives, read in its languages."""
    options = read_site_options(root)
    languages = site_languages(options, read_site_language(root))
    return options, options.layout(root, label_prefix, languages)


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


def docs_dir_of(root: Path, data: dict[str, Any]) -> Path:
    """The site's docs_dir from mkdocs.yml's settings (`read_site_settings`), MkDocs' `docs`
    without one."""
    return root / str(data.get("docs_dir") or "docs")


def custom_dir_of(root: Path, data: dict[str, Any]) -> Path | None:
    """The theme's custom_dir from mkdocs.yml's settings, if it names one."""
    theme = data.get("theme")
    custom_dir = theme.get("custom_dir") if isinstance(theme, dict) else None
    return root / custom_dir if isinstance(custom_dir, str) else None


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
    """MkDocs' own `!ENV VAR` and `!ENV [VAR, OTHER, default]` (a value is read as one YAML
    scalar, so a secret like `*x` or `@x` stays text). Where MkDocs reads null (no variable
    set and no default, or an empty one), `MissingEnv` names the variables."""
    value = construct_env_tag(loader, node)
    if value is not None:
        return value
    items = node.value if isinstance(node, yaml.SequenceNode) else [node]
    named = items[:-1] if len(items) > 1 else items
    names = [str(i.value) for i in named if isinstance(i, yaml.ScalarNode)]
    return MissingEnv(names)


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
