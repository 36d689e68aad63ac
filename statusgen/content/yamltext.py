"""Texts as YAML for the incident-file writer (`content/writing.py`): a scalar that reads
back exactly, a text of several lines as a block, and a text in several languages as a block
mapping of language code to text, the default language first (`content/translated.py` reads
it back)."""

from __future__ import annotations

import json
from collections.abc import Sequence

import yaml

from statusgen.content.translated import SECTION_MARKER
from statusgen.model import Translations

#: Characters a YAML reader takes as line breaks (or a byte-order mark) even inside quotes:
#: written as escapes, so the text reads back exactly.
_YAML_BREAKS = {ord(c): f"\\u{ord(c):04x}" for c in "\u0085\u2028\u2029\ufeff"}


def quote(text: str) -> str:
    """A YAML double-quoted scalar that reads back as exactly `text` (a JSON string, which
    is valid YAML, with YAML's own line breaks escaped)."""
    return json.dumps(text, ensure_ascii=False).translate(_YAML_BREAKS)


def text_lines(key: str, text: str, indent: str) -> list[str]:
    """`key: "..."`; a text of several lines (a filled template, an imported update) as a `|-`
    block instead, so a responder edits it line by line, when the block reads back as the same
    text."""
    if "\n" in text:
        body = [f"{indent}  {line}" if line.strip() else "" for line in text.split("\n")]
        block = [f"{indent}{key}: |-", *body]
        try:
            same = yaml.safe_load("\n".join([*block, ""])) == {key: text}
        except yaml.YAMLError:
            same = False
        if same:
            return block
    return [f"{indent}{key}: {quote(text)}"]


def texts_lines(
    key: str,
    text: str,
    translations: Translations,
    field: str,
    indent: str,
    languages: tuple[str, ...],
) -> list[str]:
    """`key:` with `text` (the default language's) and its translations into the site's other
    `languages` as a block mapping, in the site's order (each as `text_lines` writes it);
    `text_lines` alone when it has none."""
    others = [
        (c, translations[c][field]) for c in languages[1:] if field in translations.get(c, {})
    ]
    if not others:
        return text_lines(key, text, indent)
    lines = [f"{indent}{key}:"]
    for code, each in [(languages[0], text), *others]:
        lines += text_lines(code, each, indent + "  ")
    return lines


def section_marker(language: str) -> str:
    """The line that starts a language's section of the body."""
    return f"<!-- lang: {language} -->"


def body_text(body: str, translations: Translations, languages: tuple[str, ...]) -> str:
    """The body as a file holds it: the default language's text, then each other language's
    after its marker line, in the site's order (`body` alone without translations)."""
    parts = [body.rstrip("\n")] if body else []
    for code in languages[1:]:
        if text := translations.get(code, {}).get("body", ""):
            parts.append(f"{section_marker(code)}\n\n{text.rstrip(chr(10))}")
    return "\n\n".join(parts)


def with_templates(body: str, newline: str, templates: Sequence[tuple[str, str]]) -> str:
    """The file's text after its front matter (`body`) with each template appended to its
    language's section: ("", template) to the default language's text (before the first
    `<!-- lang: xx -->` line), (code, template) to that language's section, or to a new
    section at the end when it has none. Nothing else changes."""
    markers = list(SECTION_MARKER.finditer(body))
    ends = {"": markers[0].start() if markers else len(body)}
    for index, found in enumerate(markers):
        ends[found.group(1)] = markers[index + 1].start() if index + 1 < len(markers) else len(body)
    inserts: list[tuple[int, str]] = []
    tail = ""
    for code, template in templates:
        text = template.replace("\n", newline)
        if code not in ends:
            tail += newline + section_marker(code) + newline + newline + text
        elif ends[code] < len(body):
            inserts.append((ends[code], text.rstrip(newline) + newline + newline))
        else:
            tail = newline + text + tail
    for at, text in sorted(inserts, reverse=True):
        body = body[:at] + text + body[at:]
    if tail and not body.endswith("\n"):
        body += newline
    return body + tail
