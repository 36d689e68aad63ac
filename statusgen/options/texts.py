"""Options that hold texts: mappings from mkdocs.yml as (name, value) pairs, and a text per
language (`contact.text`, `copyright`, `nav_titles`: one text, or a mapping of the site's
language codes to texts)."""

from __future__ import annotations

import re

#: A language code as the `languages` option and the texts per language write it.
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")


def text_pairs(value: dict[object, object] | list[object]) -> tuple[tuple[str, str], ...]:
    """A mapping from mkdocs.yml as (name, value) pairs, in its order (unset: none)."""
    pairs = value.items() if isinstance(value, dict) else ()
    return tuple((str(k), str(v)) for k, v in pairs)


def check_language_texts(value: str | dict[object, object]) -> str:
    """One text, or a mapping of language codes to texts."""
    if isinstance(value, str) or all(
        isinstance(k, str) and LANGUAGE_CODE.fullmatch(k) and isinstance(v, str) and v.strip()
        for k, v in value.items()
    ):
        return ""
    return "a text, or a mapping of language codes to texts such as {en: ..., fr: ...}"


def language_texts(value: str | dict[object, object]) -> str | tuple[tuple[str, str], ...]:
    """One text as it is; a mapping of languages to texts as (language, text) pairs."""
    return value if isinstance(value, str) else text_pairs(value)


def check_nav_titles(value: dict[object, object]) -> str:
    """A mapping of pages (their path in `nav:`) to mappings of language codes to titles."""
    if all(
        isinstance(page, str)
        and isinstance(texts, dict)
        and texts
        and not check_language_texts(texts)
        for page, texts in value.items()
    ):
        return ""
    return "a mapping of pages to titles per language, such as {index.md: {fr: ...}}"


def nav_title_pairs(
    value: dict[str, dict[object, object]],
) -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    """The nav titles from mkdocs.yml as (path, ((language, title), ...)) pairs."""
    return tuple((page, text_pairs(texts)) for page, texts in value.items())
