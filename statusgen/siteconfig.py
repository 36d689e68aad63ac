"""The site's statusgen options as the command line sees them, read from mkdocs.yml.

mkdocs.yml often holds tags such as `!!python/name:...` or `!ENV`; this reader never runs
them, it only looks for the `statusgen` entry of `plugins`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from statusgen.load import SiteLayout
from statusgen.model import Audience


class _TolerantLoader(yaml.SafeLoader):
    """A safe loader that reads any unknown tag as None instead of failing."""


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
        if isinstance(name, str) and name in os.environ:
            return yaml.safe_load(os.environ[name])
    return default


_TolerantLoader.add_constructor("!ENV", _env_tag)
_TolerantLoader.add_multi_constructor("", _ignore_tag)
_TolerantLoader.add_multi_constructor("!", _ignore_tag)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)


@dataclass(frozen=True)
class SiteOptions:
    """The options the command line uses; the plugin's own config class mirrors these."""

    components_file: str = "components.yml"
    incidents_dir: str = "incidents"
    audience: Audience = Audience.PUBLIC

    def layout(self, root: Path, label_prefix: str = "") -> SiteLayout:
        """Where this site's content lives."""
        return SiteLayout(
            root=root,
            components_file=self.components_file,
            incidents_dir=self.incidents_dir,
            label_prefix=label_prefix,
        )


class SiteConfigError(Exception):
    """mkdocs.yml cannot be read; the message names the file and the problem."""


def read_site_options(root: Path) -> SiteOptions:
    """The statusgen plugin's options from `root/mkdocs.yml`, or defaults without one."""
    path = root / "mkdocs.yml"
    if not path.is_file():
        return SiteOptions()
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_TolerantLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise SiteConfigError(f"{path}: cannot be read: {error}") from None
    options = _plugin_options(data)
    audience = options.get("audience", Audience.PUBLIC.value)
    if audience not in {a.value for a in Audience}:
        raise SiteConfigError(
            f"{path}: statusgen audience {audience!r}; expected public or internal"
        )
    return SiteOptions(
        components_file=str(options.get("components_file", SiteOptions.components_file)),
        incidents_dir=str(options.get("incidents_dir", SiteOptions.incidents_dir)),
        audience=Audience(audience),
    )


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
