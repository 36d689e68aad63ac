"""Texts in several languages (issue #28): a text field holds the default language's text, or a
mapping of language code to text; the Markdown body holds the default language's text, then a
section per other language, each starting at a line `<!-- lang: fr -->` alone (GitHub's preview
hides the comments). Each language's text is read and checked as a single language's would be,
so every budget applies per language: one page shows one language, and its cost does not grow
with the site's languages. Every problem names its line.

The site's languages come from `options.site_languages` (the default first); one language (or
none given) means a mapping or a section marker is a problem that says how to list several.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import yaml

from statusgen.content.yamlsource import YamlSource
from statusgen.model import Translations, no_translations
from statusgen.problems import Problem

#: How to give a site several languages, for problems on a site with one.
ONE_LANGUAGE_HINT = (
    "this site has one language: to write several, list them in mkdocs.yml, the default "
    "first (plugins: - statusgen: languages: [en, fr])"
)

#: A body section's first line: `<!-- lang: fr -->` alone on its line.
SECTION_MARKER = re.compile(r"^<!--[ \t]*lang:[ \t]*(\S*?)[ \t]*-->[ \t]*$", re.MULTILINE)

#: Reads one language's text of a field at its node, named `what` in problems (`title (fr)`);
#: None after recording a problem.
ReadOne = Callable[[yaml.Node, str], "str | None"]


@dataclass(frozen=True)
class Texts:
    """A text field as written: the default language's text, and the others' by language."""

    default: str
    #: The node of the default language's text (its line, its style).
    default_node: yaml.Node
    #: Language -> text, in the site's order; empty for a plain string.
    others: dict[str, str] = field(default_factory=dict)


def read_texts(
    src: YamlSource,
    node: yaml.Node,
    what: str,
    languages: tuple[str, ...],
    read_one: ReadOne,
) -> Texts | None:
    """A text field written as the default language's text or as a mapping of the site's
    languages to texts (the default's required), each read by `read_one`; None after
    recording every problem."""
    if not isinstance(node, yaml.MappingNode):
        text = read_one(node, what)
        return None if text is None else Texts(text, node)
    if len(languages) < 2:
        src.report(
            node, f"the {what} is a mapping of languages; expected plain text ({ONE_LANGUAGE_HINT})"
        )
        return None
    entries = src.mapping(node, f"the {what}")
    if entries is None:
        return None
    default = languages[0]
    read: dict[str, str] = {}
    ok = True
    for code, (key_node, value_node) in entries.items():
        if code not in languages:
            src.report(
                key_node,
                f"unknown language {code!r} in the {what}; expected one of the site's "
                f"languages: {', '.join(languages)}",
            )
            ok = False
            continue
        text = read_one(value_node, f"{what} ({code})")
        if text is None:
            ok = False
        else:
            read[code] = text
    if default not in entries:
        src.report(
            node,
            f"the {what} has no {default} text; expected the default language's text, like "
            f"{what}: {{{default}: ..., {languages[1]}: ...}}",
        )
        return None
    if not ok or default not in read:
        return None
    others = {code: read[code] for code in languages[1:] if code in read}
    return Texts(read[default], entries[default][1], others)


#: A field's texts when it has none (for reading `others` of an absent field).
NO_TEXTS = Texts("", yaml.ScalarNode("tag:yaml.org,2002:null", ""))


@dataclass(frozen=True)
class Section:
    """One language's part of the body."""

    #: Its language; "" for the text before the first marker (the default language's).
    language: str
    text: str
    #: The file line where its text starts (its marker's line, for an empty section).
    line: int
    #: The file line of its marker (0: the text before the first marker).
    marker_line: int = 0


def body_sections(body: str, first_line: int) -> list[Section]:
    """The body cut at its `<!-- lang: xx -->` lines: the text before the first (the default
    language's), then each marker's section, each text without the blank lines around it. A
    body without a marker is one section, as it is."""
    if "lang:" not in body or SECTION_MARKER.search(body) is None:
        return [Section("", body, first_line)]
    sections: list[Section] = []
    start, language, marker_line = 0, "", 0
    for found in SECTION_MARKER.finditer(body):
        sections.append(_section(body, start, found.start(), first_line, language, marker_line))
        language = found.group(1)
        marker_line = first_line + body.count("\n", 0, found.start())
        start = found.end()
    sections.append(_section(body, start, len(body), first_line, language, marker_line))
    return sections


def _section(body: str, start: int, end: int, first: int, language: str, marker: int) -> Section:
    raw = body[start:end]
    text = raw.lstrip("\n")
    line = first + body.count("\n", 0, start) + (len(raw) - len(text))
    text = text.rstrip()
    return Section(language, text, line if text else (marker or first), marker)


def read_body(
    src: YamlSource, sections: list[Section], languages: tuple[str, ...]
) -> dict[str, Section] | None:
    """The body's sections by language (the default's under `languages[0]`, or "" on a site
    without languages), each marker checked; None after recording a problem."""
    default = languages[0] if languages else ""
    first, *marked = sections
    found: dict[str, Section] = {default: first} if first.text or not marked else {}
    ok = True
    for section in marked:
        where, code = section.marker_line, section.language
        if len(languages) < 2:
            problem = f"a body section for {code!r} (`<!-- lang: {code} -->`); {ONE_LANGUAGE_HINT}"
        elif code not in languages:
            problem = (
                f"a body section for an unknown language {code!r}; expected one of the site's "
                f"languages: {', '.join(languages)}"
            )
        elif code in found:
            problem = (
                f"a second body section for {code} (the first on line "
                f"{found[code].marker_line or found[code].line}); expected one section per language"
            )
        elif not section.text:
            problem = f"the body's {code} section is empty; expected its text below the line"
        else:
            found[code] = section
            continue
        src.problems.append(Problem(src.path, where, problem))
        ok = False
    if ok and marked and default not in found:
        src.problems.append(
            Problem(
                src.path,
                marked[0].marker_line,
                f"the body has no {default} text; expected the default language's text above "
                f"the first `<!-- lang: ... -->` line",
            )
        )
        ok = False
    return found if ok else None


def gathered(texts: Mapping[str, Mapping[str, str]], languages: Iterable[str]) -> Translations:
    """Field -> language -> text turned into the model's language -> field -> text,
    read-only, in the site's order of languages (no translations: the shared empty one)."""
    result: dict[str, Mapping[str, str]] = {}
    for language in languages:
        fields = {name: by[language] for name, by in texts.items() if language in by}
        if fields:
            result[language] = MappingProxyType(fields)
    return MappingProxyType(result) if result else no_translations()
