"""components.yml: groups and components, validated, with every problem recorded."""

from __future__ import annotations

import re
from datetime import datetime

import yaml

from statusgen.content import budgets
from statusgen.content.files import SiteLayout, inside_site, read_text
from statusgen.content.monitorconfig import (
    Check,
    MonitorDefaults,
    Monitors,
    read_checks,
    read_defaults,
)
from statusgen.content.rules import (
    CATALOG_KEYS,
    COMPONENT_KEYS,
    GROUP_KEYS,
    ID_EXPECTED,
    is_id,
)
from statusgen.content.translated import Texts, read_texts
from statusgen.content.yamlsource import YamlSource
from statusgen.model import Audience, Catalog, Component, Group
from statusgen.problems import Problem
from statusgen.slugs import name_slug


def load_catalog(layout: SiteLayout, problems: list[Problem]) -> Catalog:
    """Read components.yml; problems are recorded and what is valid is kept."""
    return load_components(layout, problems)[0]


def load_components(layout: SiteLayout, problems: list[Problem]) -> tuple[Catalog, Monitors]:
    """components.yml's catalog and its monitors (monitorconfig.py), read together so the
    check and the probe read the same; problems are recorded and what is valid is kept."""
    none = Catalog(groups=()), Monitors()
    path = layout.root / layout.components_file
    label = layout.label(path)
    if not path.is_file():
        problems.append(Problem(label, 0, "not found; expected the components file"))
        return none
    if not inside_site(layout, path, problems, "file"):
        return none
    text = read_text(path, label, problems)
    if text is None:
        return none
    src = YamlSource(label, problems)
    root = src.compose(text)
    if root is None:
        if not any(p.path == label for p in problems):
            problems.append(Problem(label, 0, "is empty; expected `groups:` with components"))
        return none
    entries = src.mapping(root, "components file", CATALOG_KEYS)
    if entries is None:
        return none
    if "groups" not in entries:
        src.report(root, "missing key 'groups'; expected a list of groups of components")
        return none
    defaults = MonitorDefaults()
    if "monitors" in entries:
        defaults = read_defaults(src, entries["monitors"][1], layout.languages)
    group_nodes = src.sequence(entries["groups"][1], "groups") or []
    groups: list[Group] = []
    seen_ids: dict[str, int] = {}
    seen_groups: dict[str, int] = {}
    checks: dict[str, tuple[Check, ...]] = {}
    for group_node in group_nodes:
        group = _read_group(
            src, group_node, seen_ids, seen_groups, (defaults, checks), layout.languages
        )
        if group is not None:
            groups.append(group)
    return Catalog(groups=tuple(groups)), Monitors(defaults, checks)


#: The defaults, and each component's checks as they are read.
MonitorsRead = tuple[MonitorDefaults, dict[str, tuple[Check, ...]]]


def _read_group(
    src: YamlSource,
    node: yaml.Node,
    seen_ids: dict[str, int],
    seen_groups: dict[str, int],
    monitors: MonitorsRead,
    languages: tuple[str, ...] = (),
) -> Group | None:
    entries = src.mapping(node, "group", GROUP_KEYS)
    if entries is None:
        return None
    if "name" not in entries:
        src.report(node, "group without 'name'; expected a name for the group")
        return None
    named = _name(src, entries["name"][1], "group name", languages)
    if named is None:
        return None
    name = named.default
    if name in seen_groups:
        src.report(
            entries["name"][1], f"duplicate group {name!r} (first on line {seen_groups[name]})"
        )
    seen_groups[name] = src.line(entries["name"][1])
    _check_group_id(src, entries["name"][1], name, seen_groups)
    description = ""
    if "description" in entries:
        description = (
            src.text(entries["description"][1], "group description", budget=budgets.DESCRIPTION)
            or ""
        )
    if "components" not in entries:
        src.report(node, f"group {name!r} has no 'components'; expected a list of components")
        return None
    components = []
    for component_node in src.sequence(entries["components"][1], "components") or []:
        component = _read_component(src, component_node, name, seen_ids, monitors, languages)
        if component is not None:
            components.append(component)
    return Group(
        name=name,
        components=tuple(components),
        description=description,
        names=tuple(named.others.items()),
        name_line=src.line(entries["name"][1]),
    )


def _read_component(
    src: YamlSource,
    node: yaml.Node,
    group: str,
    seen_ids: dict[str, int],
    monitors: MonitorsRead,
    languages: tuple[str, ...] = (),
) -> Component | None:
    entries = src.mapping(node, "component", COMPONENT_KEYS)
    if entries is None:
        return None
    ok = True
    for required in ("id", "name"):
        if required not in entries:
            src.report(node, f"component without {required!r}; expected `{required}:`")
            ok = False
    if not ok:
        return None
    id_node = entries["id"][1]
    component_id = src.text(id_node, "component id")
    named = _name(src, entries["name"][1], "component name", languages)
    if component_id is None or named is None:
        return None
    if not is_id(component_id):
        src.report(id_node, f"component id {component_id!r} is not allowed; expected {ID_EXPECTED}")
        return None
    if component_id in seen_ids:
        src.report(
            id_node,
            f"duplicate component id {component_id!r} (first on line {seen_ids[component_id]})",
        )
        return None
    seen_ids[component_id] = src.line(id_node)
    fields: dict[str, object] = {}
    if "description" in entries:
        fields["description"] = (
            src.text(entries["description"][1], "description", budget=budgets.DESCRIPTION) or ""
        )
    if "sla" in entries:
        fields["sla"] = src.number(entries["sla"][1], "sla", 0, 100)
    if "upstream" in entries:
        upstream = src.text(entries["upstream"][1], "upstream")
        if upstream is not None and not re.match(r"^https?://\S+$", upstream):
            src.report(
                entries["upstream"][1],
                f"upstream {upstream!r} is not a URL; expected http(s)://...",
            )
            upstream = None
        fields["upstream"] = upstream
    if "since" in entries:
        fields["since"] = src.day_or_time(entries["since"][1], "since")
    if "retired" in entries:
        retired = src.day_or_time(entries["retired"][1], "retired")
        since = fields.get("since")
        if retired is not None and isinstance(since, datetime) and retired <= since:
            src.report(
                entries["retired"][1],
                f"retired {entries['retired'][1].value} is not after since "
                f"{entries['since'][1].value}; expected a later date",
            )
            retired = None
        fields["retired"] = retired
    if "audience" in entries:
        fields["audience"] = (
            src.choice(entries["audience"][1], "audience", tuple(Audience)) or Audience.PUBLIC
        )
    if "monitors" in entries:
        defaults, checks = monitors
        found = read_checks(src, entries["monitors"][1], defaults.timeout)
        if found:
            checks[component_id] = found
    fields["names"] = tuple(named.others.items())
    fields["name_line"] = src.line(entries["name"][1])
    name = named.default
    return Component(id=component_id, name=name, group=group, line=src.line(node), **fields)  # type: ignore[arg-type]


def _name(src: YamlSource, node: yaml.Node, what: str, languages: tuple[str, ...]) -> Texts | None:
    """A name: the default language's text, or on a site of several languages a mapping of
    its languages to texts (`content/translated.py`), each within the name's budget."""
    return read_texts(
        src, node, what, languages, lambda one, label: src.text(one, label, budget=budgets.NAME)
    )


def _check_group_id(src: YamlSource, node: yaml.Node, name: str, seen: dict[str, int]) -> None:
    """A group's id (its slug: in anchors and API ids) must exist and be its own."""
    slug = name_slug(name)
    if not slug:
        src.report(
            node,
            f"group name {name!r} gives an empty id; expected a name with letters a-z or digits",
        )
        return
    for other, line in seen.items():
        if other != name and name_slug(other) == slug:
            src.report(
                node,
                f"group name {name!r} gives the id {slug!r}, as {other!r} does (line {line}); "
                "expected names that differ in their letters or digits",
            )
            return
