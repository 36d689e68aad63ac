"""The plugin's options in mkdocs.yml, as MkDocs config classes generated from
`statusgen.options`: one validator per field of `Options` (nested ones as sub-configs), each
with the option's default and its one check (`options.check_option`), which the command line
applies too. Nothing here names an option but `enabled`, which only the plugin has.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c

from statusgen.options import (
    DEFAULTS,
    SECRET_OPTIONS,
    Options,
    check_option,
    options_from,
    yaml_default,
)


class Checked(c.OptionallyRequired):  # type: ignore[type-arg]
    """An option whose value must pass statusgen's check of that option; unset, its default."""

    def __init__(self, name: str) -> None:
        super().__init__(default=yaml_default(name))
        self.option = name

    def run_validation(self, value: object) -> Any:
        expected = check_option(self.option, value)
        if expected:
            shown = "its value" if self.option in SECRET_OPTIONS else repr(value)
            raise base.ValidationError(f"{shown} is not allowed; expected {expected}")
        return value


def validators(cls: type, default: object, prefix: str = "") -> dict[str, Any]:
    """A MkDocs validator per field of an options dataclass, in declaration order."""
    out: dict[str, Any] = {}
    for option in fields(cls):
        value = getattr(default, option.name)
        name = prefix + option.name
        if is_dataclass(value):
            section = type(name.title(), (base.Config,), validators(type(value), value, name + "."))
            out[option.name] = c.SubConfig(section)
        else:
            out[option.name] = Checked(name) if value is not None else c.Optional(Checked(name))
    return out


class PluginConfig(base.Config):
    """`enabled`, the plugin's own switch; `StatusgenConfig` adds every statusgen option."""

    enabled = c.Type(bool, default=True)
    """Set to false to build the site without statusgen."""

    def options(self) -> Options:
        """The validated values as statusgen's own options."""

        def value_of(name: str) -> Any:
            head, _, tail = name.partition(".")
            return self[head][tail] if tail else self[head]

        return options_from(value_of)


#: The plugin's options in mkdocs.yml, under `plugins: - statusgen:` (documented in the
#: README's options table and in `statusgen.options.Options`).
StatusgenConfig: type[PluginConfig] = type(
    "StatusgenConfig", (PluginConfig,), validators(Options, DEFAULTS)
)
