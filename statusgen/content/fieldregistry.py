"""The update fields: one declaration each (`FIELDS`), which the loader, the JSON schema,
the writer, the command line, the facts on pages, feeds and notifications, and the cost
accounting iterate instead of naming a field (docs/architecture.md, "An update field").

A common field is data: its YAML key, its kind (how it is read, checked, written and
described in the schema), where it is allowed, its command-line option, its words (a
locale key) and its budget. Its value is kept by name in `Phase.stated` and holds until a
later update states another (`derive/fields.py`). A field whose behaviour is its own
(`estimate`, which a later update withdraws with `none`) is a declared exception: a
`Special` gives its reader and writer, and its option, schema and display stay its own code.

The command line's parser reads the declarations to print its help, so this module loads
nothing heavy (no YAML, no Markdown): what reads, checks or publishes a value imports what it
needs when it runs.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import partial
from importlib import resources
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from statusgen.clock import iso_offset
from statusgen.content.rules import NO_ESTIMATE, PHASE_KEYS
from statusgen.model import Phase

if TYPE_CHECKING:
    import yaml

    from statusgen.content.budgets import Budget
    from statusgen.content.translated import Texts
    from statusgen.content.updatefields import FieldReader

    #: Read `(reader, node, the update's values read so far, maintenance)` into Phase fields.
    SpecialReader = Callable[
        [FieldReader, yaml.Node, Mapping[str, object], bool], dict[str, object]
    ]


class Kind(Enum):
    """How a field's value is written in the file: each kind has one reader, one schema
    fragment and one way of being shown."""

    #: One line of plain text (escaped wherever it is shown), within the field's budget.
    LINE = "line"


class Place(Enum):
    """Which files' updates may state a field."""

    INCIDENT = "incident"
    MAINTENANCE = "maintenance"


@dataclass(frozen=True)
class Special:
    """A field's own reading and writing, where the common kind does not fit."""

    read: SpecialReader
    #: The YAML scalar an update's field is written as, or None when the update has none.
    write: Callable[[Phase], str | None]


@dataclass(frozen=True)
class UpdateField:
    """One update field: everything the loader, writer, schema, command line and outputs
    need to know of it."""

    #: Its name: its key in `Phase.stated` and in the derived facts, and the option's dest.
    name: str
    #: The key an update states it with in the incident file.
    key: str
    #: Its words for readers (a key of `render/locales/*.yml`), on pages, feeds, messages.
    label: str
    #: The command-line option of `new`, `update` and `resolve` (None: its own code).
    flag: str | None
    #: The schema's description: what it is, its limits, its default, an example.
    description: str = ""
    #: A value, shown in the problem when one is wrong.
    example: str = ""
    #: The name of its limit in content/budgets.py (by default a line's beside the
    #: components); published as the schema's maxLength.
    budget: str = "AFFECTED"
    #: The option's help.
    help: str = ""
    kind: Kind = Kind.LINE
    places: frozenset[Place] = frozenset(Place)
    #: The class of its line on the page (`<p class="...">`).
    css: str = "sg-fact"
    #: Responders' words for readers (not a time or a word of the format): what a later
    #: translation of content would translate.
    text: bool = True
    #: A declared exception: its own reader and writer.
    special: Special | None = None

    def limit(self) -> Budget:
        """Its budget."""
        from statusgen.content import budgets  # Markdown's: not for the parser's help

        found = getattr(budgets, self.budget)
        assert isinstance(found, budgets.Budget), self.budget
        return found


def _read_estimate(
    reader: FieldReader, node: yaml.Node, values: Mapping[str, object], maintenance: bool
) -> dict[str, object]:
    from statusgen.content.updatefields import read_estimate

    return read_estimate(reader, node, values.get("at"), values.get("status"), maintenance)


def _write_estimate(phase: Phase) -> str | None:
    if phase.estimate_at is not None:
        return iso_offset(phase.estimate_at)
    return NO_ESTIMATE if phase.withdraws_estimate else None


ESTIMATE = UpdateField(
    name="estimate",
    key="estimate",
    label="estimate.title",
    flag=None,
    places=frozenset({Place.INCIDENT}),  # its reader says a maintenance's end is its window's
    text=False,
    special=Special(_read_estimate, _write_estimate),
)

AFFECTED = UpdateField(
    name="affected",
    key="affected",
    label="affected.title",
    flag="--affected",
    description=(
        "Who is affected: a short statement of the users, regions or business functions, "
        "shown beside the components. Plain text on one line, at most 200 characters. It "
        "holds until a later update gives another. Optional; default: the earlier update's "
        'statement, if any. Example: "EU customers on the Pro plan; checkout and invoicing"'
    ),
    example="EU customers on the Pro plan; checkout and invoicing",
    help='who is affected, one short line, e.g. "EU customers on the Pro plan"; '
    "it holds until a later update says otherwise",
    css="sg-who",
)

#: Every update field, in the order the file writes them (before an update's `components`).
FIELDS: tuple[UpdateField, ...] = (ESTIMATE, AFFECTED)


def common() -> tuple[UpdateField, ...]:
    """The fields without a special behaviour (kept in `Phase.stated`), in order."""
    return tuple(f for f in FIELDS if f.special is None)


def phase_keys() -> tuple[str, ...]:
    """Every key an update may hold: the format's own, with the fields before `components`."""
    at = PHASE_KEYS.index("components")
    return (*PHASE_KEYS[:at], *(f.key for f in FIELDS), *PHASE_KEYS[at:])


# --- reading -------------------------------------------------------------------------------


def read_update_fields(
    reader: FieldReader,
    entries: dict[str, tuple[yaml.Node, yaml.Node]],
    values: Mapping[str, object],
    maintenance: bool,
    translated: dict[str, dict[str, str]] | None = None,
) -> dict[str, object]:
    """An update's fields, as Phase fields (its `at` and `status` are read already, in
    `values`); each problem recorded at its line. A `text` field may be written in each of the
    site's languages: the others' texts go to `translated` (field name -> language -> text)."""

    fields: dict[str, object] = {}
    stated: dict[str, str] = {}
    for each in FIELDS:
        if each.key not in entries:
            continue
        node = entries[each.key][1]
        if each.special is not None:
            fields.update(each.special.read(reader, node, values, maintenance))
        elif maintenance and Place.MAINTENANCE not in each.places:
            reader.src.report(
                node, f"{each.key!r} is for incidents; expected it only on an incident's updates"
            )
        elif not each.text:
            if (text := _KIND_READERS[each.kind](reader, node, each, each.key)) is not None:
                stated[each.name] = text
        elif (texts := _read_texts(reader, node, each)) is not None:
            stated[each.name] = texts.default
            if translated is not None and texts.others:
                translated[each.name] = texts.others
    if stated:
        fields["stated"] = MappingProxyType(stated)
    return fields


def _read_texts(reader: FieldReader, node: yaml.Node, each: UpdateField) -> Texts | None:
    """A text field's value in the site's languages (`content/translated.py`)."""
    from statusgen.content.translated import read_texts

    def read_one(one: yaml.Node, what: str) -> str | None:
        return _KIND_READERS[each.kind](reader, one, each, what)

    return read_texts(reader.src, node, each.key, reader.languages, read_one)


def read_line(reader: FieldReader, node: yaml.Node, each: UpdateField, what: str) -> str | None:
    """A `Kind.LINE` field: one line of plain text within its budget (`what`: its key, with
    the language of a translated text: `affected (fr)`)."""
    text = reader.src.text(node, f"{what} text", budget=each.limit())
    if text is None:
        return None
    reader.src.check_not_cut(node, what)
    text = text.strip()
    if "\n" in text:
        reader.src.report(
            node,
            f"{what} text holds several lines; expected one short line, like "
            f"{each.key}: {json.dumps(each.example, ensure_ascii=False)}",
        )
        return None
    return text


#: Each kind's reading of a field's value: its text, or None after recording a problem.
_KIND_READERS: dict[Kind, Callable[[FieldReader, yaml.Node, UpdateField, str], str | None]] = {
    Kind.LINE: read_line
}


# --- writing -------------------------------------------------------------------------------


def written(phase: Phase, quote: Callable[[str], str]) -> Iterator[tuple[str, str]]:
    """(key, YAML scalar) of each field the update states, in order; `quote` writes a text."""
    for each in FIELDS:
        if each.special is not None:
            scalar = each.special.write(phase)
        else:
            text = phase.stated.get(each.name)
            scalar = None if text is None else quote(text)
        if scalar is not None:
            yield each.key, scalar


def text_names() -> dict[str, str]:
    """The key -> name of each common field of responders' words (`text=True`): what the
    site's languages translate."""
    return {each.key: each.name for each in common() if each.text}


def stated_from(options: Mapping[str, object]) -> Mapping[str, str]:
    """The common fields' values among a command's parsed options (by name), for
    `Phase.stated`."""
    return MappingProxyType(
        {
            each.name: value
            for each in common()
            if each.flag is not None and isinstance(value := options.get(each.name), str)
        }
    )


# --- the published schema ------------------------------------------------------------------


def _line_schema(each: UpdateField) -> dict[str, Any]:
    return {
        "description": each.description,
        "type": "string",
        "minLength": 1,
        "maxLength": each.limit().limit,
        "pattern": "^[^\\n]*\\S[^\\n]*$",
        "patternErrorMessage": "Expected one line of text, not blank.",
    }


#: Each kind's JSON Schema of a field's value.
_KIND_SCHEMAS: dict[Kind, Callable[[UpdateField], dict[str, Any]]] = {Kind.LINE: _line_schema}


def published_schema(name: str, languages: Sequence[str] = ()) -> bytes:
    """A schema of `statusgen/schemas/` as the site of `languages` (the `languages` option,
    the default first) publishes it: the incident schema with each common field's fragment
    among an update's properties (before `components`). On a site of one language every text
    is a string; on a site of several, a string or a mapping of the site's languages to text
    (`in_languages`), in the incident's texts, the monitors' title and the names of groups
    and components."""
    text = (resources.files("statusgen") / "schemas" / name).read_text("utf-8")
    several = len(languages) > 1
    if name != "incident.schema.json" and not (name == "components.schema.json" and several):
        return text.encode("utf-8")  # as shipped (the components schema of one language)
    texts = partial(in_languages, languages=tuple(languages))
    schema = json.loads(text)
    if name == "components.schema.json":
        monitors = schema["properties"]["monitors"]["properties"]
        monitors["title"] = texts(monitors["title"])
        group = schema["properties"]["groups"]["items"]["properties"]
        group["name"] = texts(group["name"])
        component = group["components"]["items"]["properties"]
        component["name"] = texts(component["name"])
    else:
        update = schema["properties"]["phases"]["items"]
        properties: dict[str, Any] = {}
        for key, value in update["properties"].items():
            if key == "components":
                properties |= {
                    f.key: texts(_KIND_SCHEMAS[f.kind](f)) if f.text else _KIND_SCHEMAS[f.kind](f)
                    for f in common()
                }
            properties[key] = texts(value) if key == "message" else value
        update["properties"] = properties
        for key in ("title", "workaround"):
            schema["properties"][key] = texts(schema["properties"][key])
    return (json.dumps(schema, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def in_languages(text: dict[str, Any], languages: tuple[str, ...]) -> dict[str, Any]:
    """A text's schema on a site of `languages`: as it is for one language; for several, it
    also accepts a mapping whose keys are the site's languages, the default's required, each
    text held to the string's keywords (`content/translated.py` reads both forms). The
    string's keywords apply to strings only and the mapping's to objects only, so the text's
    own stay where editors and tests read them."""
    if len(languages) < 2:
        return text
    default, others = languages[0], languages[1:]
    codes = ", ".join(languages)
    example = ", ".join(f'{code}: "..."' for code in languages)
    one = {
        **text,
        "description": f"The text in one of the site's languages ({codes}), within the same "
        f"limits as the plain text. Required for {default}, the default language; optional "
        f"for {', '.join(others)} (default: the {default} text, marked as such). "
        f"Example: {{{example}}}",
    }
    return {
        **text,
        "description": f"{text['description'].rstrip('.')}. On this site, also a mapping of "
        f"each of its languages ({codes}) to the text: {default}, the default language, "
        f"required; a missing translation is shown in {default}. Example: {{{example}}}",
        "type": [text["type"], "object"],
        "propertyNames": {"enum": list(languages)},
        "required": [default],
        "additionalProperties": one,
    }
