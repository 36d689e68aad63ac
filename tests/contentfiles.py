"""Helpers for tests that read files as other tools do: a hashed lock as pip does, and YAML
(an incident's front matter) as an editor's schema checker does."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from statusgen.content import split_front_matter


def canonical(name: str) -> str:
    """A package name as pip compares it (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def lock_pins(path: Path) -> dict[str, str]:
    """Package -> version of a pip-compile lock, after checking every pin carries hashes."""
    text = path.read_text()
    pins = dict(re.findall(r"^([A-Za-z0-9_.-]+)==(\S+) \\$", text, re.M))
    requirements = re.findall(
        r"^[A-Za-z0-9_.-]+==\S+( \\\n(?:    --hash=sha256:[0-9a-f]{64}"
        r"(?: \\)?\n)+)",
        text,
        re.M,
    )
    assert len(requirements) == len(pins), f"{path}: every pinned requirement carries hashes"
    # Nothing else installs: every line is a pin, a hash, a comment or empty.
    for line in text.splitlines():
        assert re.match(r"(#|    --hash=|    #|[A-Za-z0-9_.-]+==\S+ \\$|$)", line), line
    return {canonical(name): version for name, version in pins.items()}


class TextTimesLoader(yaml.SafeLoader):
    """PyYAML's safe loader, except that times and dates stay the text written, as JSON has
    them and as the YAML language server reads them (YAML 1.2 has no timestamp type)."""


TextTimesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_yaml(text: str) -> Any:
    return yaml.load(text, Loader=TextTimesLoader)  # a SafeLoader: builds plain data only


def front_matter(text: str) -> Any:
    """The front matter of an incident file, as an editor's schema checker sees it."""
    split = split_front_matter(text)
    assert split is not None, "no front matter"
    return read_yaml(split.yaml)
