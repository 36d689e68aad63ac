"""Texts shown in the site's default language because their translation is missing (named in
`fallbacks` by `derive/languages.py`): marked with their own language, so screen readers
switch voice, and followed by a short note in the page's language ("Not yet translated")."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

from statusgen.model import Component, Group, Phase
from statusgen.render.locale import Translator


@dataclass(frozen=True)
class Untranslated:
    """How one language's pages and feeds mark a text kept in the default language."""

    #: The default language's code: the language the text is in.
    language: str
    #: The note, in the page's language.
    note: str

    @classmethod
    def of(cls, default: str, t: Translator) -> Untranslated | None:
        """The marks of `t`'s language; None for the default language (nothing to mark)."""
        return None if t.language == default else cls(default, t("translation.missing"))

    def block(self, html: str) -> str:
        """Sanitized HTML (a message, a workaround, a postmortem) marked, the note after it."""
        return (
            f'<div class="sg-untranslated"><div lang="{escape(self.language)}">{html}</div>'
            f'<p class="sg-meta">{escape(self.note)}</p></div>'
        )

    def inline(self, text: str) -> Markup:
        """A plain text (a title, who is affected) marked, the note after it."""
        return Markup(
            f'<span lang="{escape(self.language)}">{escape(text)}</span> '
            f'<span class="sg-meta">({escape(self.note)})</span>'
        )


def mark(
    untranslated: Untranslated | None, text: str, fallbacks: Collection[str], name: str
) -> str | Markup:
    """`text` (the field `name`) marked when it is one of `fallbacks`, else as it is."""
    if untranslated is None or name not in fallbacks or not text:
        return text
    return untranslated.inline(text)


def named(item: Component | Group) -> str | Markup:
    """A group's or a component's name as a page shows it: in a span marked with its language
    where it is kept in the default language for want of a translation (`name_lang`: in a
    language's catalog, `derive/languages.catalog_in`). Names are short and repeated in lists
    and bars: no note follows them."""
    if not item.name_lang:
        return item.name
    return Markup(f'<span lang="{escape(item.name_lang)}">{escape(item.name)}</span>')


def noted(
    untranslated: Untranslated | None, text: str, fallbacks: Collection[str], name: str
) -> str:
    """`text` (the field `name`) followed by the note when it is one of `fallbacks`: where no
    markup can carry its language (a feed's or a calendar event's title, a plain-text mail)."""
    if untranslated is None or name not in fallbacks or not text:
        return text
    return f"{text} ({untranslated.note})"


def stated_fallbacks(phases: Sequence[Phase]) -> frozenset[str]:
    """The stated fields in effect after `phases` (who is affected, ...) whose text is shown
    untranslated: those the latest update stating them did not have in the language."""
    untranslated: dict[str, bool] = {}
    for phase in phases:
        for name in phase.stated:
            untranslated[name] = name in phase.fallbacks
    return frozenset(name for name, missing in untranslated.items() if missing)
