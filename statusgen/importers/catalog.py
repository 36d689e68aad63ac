"""The components an import needs, merged into the site's components.yml as text.

Existing groups and components are never dropped or rewritten: a source component matches an
existing one by id, then by name, and new ones are inserted as text after the last component
of their group (or in a new group at the end), so the user's comments and order stay.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

import yaml

from statusgen.content.rules import is_id
from statusgen.content.writing import insertion_point, quote
from statusgen.importers.records import Entry, SourceComponent
from statusgen.importers.text import clean
from statusgen.model import Audience
from statusgen.slugs import slugify, transliterate

#: The group of components a source declares without a group.
DEFAULT_GROUP = "Services"
#: The group of components an incident names but nobody declared.
UNDECLARED_GROUP = "Other services"
NAME_LIMIT = 300
DESCRIPTION_LIMIT = 1000


@dataclass
class NewComponent:
    """A component the import adds to components.yml."""

    id: str
    name: str
    group: str
    description: str = ""
    since: datetime | None = None
    upstream: str | None = None

    def lines(self, dash: str, indent: str) -> list[str]:
        """The component as YAML lines of a block list item."""
        out = [f"{dash}id: {self.id}", f"{indent}name: {quote(self.name)}"]
        if self.description:
            out.append(f"{indent}description: {quote(self.description)}")
        if self.upstream:
            out.append(f"{indent}upstream: {quote(self.upstream)}")
        if self.since is not None:
            out.append(f"{indent}since: {self.since.astimezone(UTC):%Y-%m-%d}")
        return out


@dataclass
class _Existing:
    name: str
    components: list[tuple[str, str, Audience]]
    node: yaml.Node | None = None
    components_node: yaml.Node | None = None


@dataclass
class CatalogPlan:
    """The site's components, and what the import adds to them."""

    text: str | None
    groups: list[_Existing] = field(default_factory=list)
    added: list[NewComponent] = field(default_factory=list)
    #: Source key to statusgen id.
    ids: dict[str, str] = field(default_factory=dict)
    entries: list[Entry] = field(default_factory=list)
    group_descriptions: dict[str, str] = field(default_factory=dict)

    @classmethod
    def read(cls, text: str | None) -> CatalogPlan:
        """The plan for a components.yml with this text (None: the file does not exist)."""
        plan = cls(text)
        if text is None:
            return plan
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        for group in _items(_value(root, "groups")):
            name = _name(_value(group, "name"))
            components = []
            for item in _items(_value(group, "components")):
                audience = _scalar(_value(item, "audience")) or "public"
                components.append(
                    (
                        _scalar(_value(item, "id")),
                        _name(_value(item, "name")),
                        Audience.INTERNAL if audience == "internal" else Audience.PUBLIC,
                    )
                )
            plan.groups.append(_Existing(name, components, group, _value(group, "components")))
        return plan

    # -- matching -------------------------------------------------------------------------
    def taken(self) -> set[str]:
        """Every component id in use, existing or added."""
        return {cid for g in self.groups for cid, _, _ in g.components} | {c.id for c in self.added}

    def is_internal(self, component_id: str) -> bool:
        """True when the site marks this component internal."""
        return any(
            cid == component_id and audience is Audience.INTERNAL
            for g in self.groups
            for cid, _, audience in g.components
        )

    def add_source(self, component: SourceComponent) -> str:
        """The id of a declared source component: an existing one with its id or name, or a
        new one in its group."""
        if component.key in self.ids:
            return self.ids[component.key]
        name = _clean_name(component.name) or component.key
        existing = self._match(component.id_hint, name)
        if existing is not None:
            cid, existing_name = existing
            if existing_name != name:
                self.entries.append(
                    Entry(
                        "component_name_differs",
                        f"component {cid!r} is named {existing_name!r} in components.yml and "
                        f"{name!r} in the source; the site's name is kept",
                        detail={"id": cid, "site": existing_name, "source": name},
                    )
                )
            self.ids[component.key] = cid
            return cid
        cid = self._new_id(component.id_hint, name)
        description, _ = clean(component.description.strip())
        self.added.append(
            NewComponent(
                id=cid,
                name=name,
                group=_clean_name(component.group or "") or DEFAULT_GROUP,
                description=description[:DESCRIPTION_LIMIT],
                since=component.since,
                upstream=component.upstream,
            )
        )
        self.ids[component.key] = cid
        return cid

    def id_for(self, key: str, name: str) -> tuple[str, bool]:
        """The id of a component an incident names; declares it when nobody did (and says so:
        the second value is True then)."""
        if key in self.ids:
            return self.ids[key], False
        hint = key if is_id(key) else None
        known = self._match(hint, _clean_name(name or key))
        if known is not None:
            self.ids[key] = known[0]
            return known[0], False
        self.add_source(
            SourceComponent(key=key, name=name or key, group=UNDECLARED_GROUP, id_hint=hint)
        )
        return self.ids[key], True

    def _match(self, hint: str | None, name: str) -> tuple[str, str] | None:
        everything = [(cid, cname) for g in self.groups for cid, cname, _ in g.components]
        everything += [(c.id, c.name) for c in self.added]
        for cid, cname in everything:
            if hint is not None and cid == hint:
                return cid, cname
        folded = name.casefold()
        for cid, cname in everything:
            if cname.casefold() == folded:
                return cid, cname
        return None

    def _new_id(self, hint: str | None, name: str) -> str:
        taken = self.taken()
        base = hint if hint and is_id(hint) else slugify(transliterate(name))[:48].strip("-")
        base = base or "component"
        candidate, counter = base, 2
        while candidate in taken:
            candidate, counter = f"{base}-{counter}", counter + 1
        return candidate

    # -- writing --------------------------------------------------------------------------
    def render(self) -> str:
        """components.yml with the added components: the existing text as it was, plus them."""
        if not self.added:
            return self.text or ""
        by_group: dict[str, list[NewComponent]] = {}
        for component in self.added:
            by_group.setdefault(component.group, []).append(component)
        text = self.text
        if text is None or not self.groups:
            return _fresh(by_group, self.group_descriptions, text)
        inserts: list[tuple[int, str]] = []
        new_groups: dict[str, list[NewComponent]] = {}
        for group_name, components in by_group.items():
            group = next((g for g in self.groups if g.name == group_name), None)
            node = group.components_node if group else None
            if isinstance(node, yaml.SequenceNode) and node.value and not node.flow_style:
                last = node.value[-1]
                at, dash_column = insertion_point(text, last, int(node.end_mark.index))
                key_column = int(last.start_mark.column)
                lines = _component_lines(components, dash_column, key_column)
                inserts.append((at, lines))
            else:
                if group is not None:
                    self.entries.append(
                        Entry(
                            "group_not_extended",
                            f"group {group_name!r} lists its components inline or not at all; "
                            f"the new ones go to the group {group_name + ' (imported)'!r}",
                        )
                    )
                    group_name += " (imported)"
                new_groups.setdefault(group_name, []).extend(components)
        if new_groups:
            inserts.append(self._new_groups_insert(text, new_groups))
        for at, block in sorted(inserts, reverse=True):
            text = text[:at] + block + text[at:]
        return text

    def _new_groups_insert(
        self, text: str, groups: dict[str, list[NewComponent]]
    ) -> tuple[int, str]:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        sequence = _value(root, "groups")
        assert isinstance(sequence, yaml.SequenceNode) and sequence.value
        last = sequence.value[-1]
        at, dash_column = insertion_point(text, last, int(sequence.end_mark.index))
        key_column = int(last.start_mark.column)
        dash = " " * dash_column + "-" + " " * (key_column - dash_column - 1)
        indent = " " * key_column
        lines: list[str] = []
        for name, components in groups.items():
            lines.append(f"{dash}name: {quote(name)}")
            if description := self.group_descriptions.get(name):
                lines.append(f"{indent}description: {quote(description)}")
            lines.append(f"{indent}components:")
            lines.extend(_component_lines(components, key_column + 2, key_column + 4).splitlines())
        newline = "" if text[:at].endswith("\n") or not text[:at] else "\n"
        return at, newline + "\n".join(lines) + "\n"


def _component_lines(components: list[NewComponent], dash_column: int, key_column: int) -> str:
    dash = " " * dash_column + "-" + " " * (key_column - dash_column - 1)
    indent = " " * key_column
    lines = [line for c in components for line in c.lines(dash, indent)]
    return "\n".join(lines) + "\n"


def _fresh(
    by_group: dict[str, list[NewComponent]], descriptions: dict[str, str], old: str | None
) -> str:
    lines = ["groups:"]
    for name, components in by_group.items():
        lines.append(f"  - name: {quote(name)}")
        if description := descriptions.get(name):
            lines.append(f"    description: {quote(description)}")
        lines.append("    components:")
        lines.extend(_component_lines(components, 6, 8).splitlines())
    comments = [line for line in (old or "").splitlines() if line.lstrip().startswith("#")]
    return "\n".join([*comments, *lines]) + "\n"


def _clean_name(text: str) -> str:
    cleaned, _ = clean(text)
    return cleaned.replace("\n", " ").strip()[:NAME_LIMIT]


def _value(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                found: yaml.Node = v
                return found
    return None


def _items(node: yaml.Node | None) -> list[yaml.Node]:
    return list(node.value) if isinstance(node, yaml.SequenceNode) else []


def _name(node: yaml.Node | None) -> str:
    """A name as written: its text, or in several languages (a mapping) the first's."""
    if isinstance(node, yaml.MappingNode) and node.value:
        return _scalar(node.value[0][1])
    return _scalar(node)


def _scalar(node: yaml.Node | None) -> str:
    return str(node.value) if isinstance(node, yaml.ScalarNode) else ""
