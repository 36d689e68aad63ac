"""A source's texts in other languages carried into the draft: each repaired as the default
language's text is (`normalize`: control characters, braces, budgets), each repair reported
with its language; an update's translation follows the update it translates."""

from __future__ import annotations

from typing import Protocol

from statusgen.content import budgets
from statusgen.importers.draft import Draft, DraftPhase
from statusgen.importers.records import Entry, SourceIncident
from statusgen.importers.text import fit_markdown


class Repairs(Protocol):
    """The repairs of `normalize`, applied to one language's text."""

    entries: list[Entry]

    def title(self, text: str | None = None, language: str = "") -> str:
        """The title as statusgen accepts it."""

    def message(self, phase: DraftPhase, text: str | None = None, language: str = "") -> str:
        """An update's message as statusgen accepts it."""

    def body_text(self, text: str, language: str = "") -> str:
        """The body as statusgen accepts it."""


def translate(fixer: Repairs, src: SourceIncident, draft: Draft) -> None:
    """Put `src`'s translations into `draft` (an empty text is no translation)."""
    for language, texts in src.translations.items():
        own: dict[str, str] = {}
        if texts.get("title", "").strip():
            own["title"] = fixer.title(texts["title"], language)
        if texts.get("body", "").strip():
            own["body"] = fixer.body_text(texts["body"], language)
        if own:
            draft.translations[language] = own
    kept = set()
    for phase in draft.phases:
        if phase.source is None or not 0 < phase.source <= len(src.updates):
            continue
        kept.add(phase.source)
        for language, text in src.updates[phase.source - 1].translations.items():
            if text.strip():
                phase.translations[language] = fixer.message(phase, text, language)
    for language, own in draft.translations.items():
        fit_total(fixer, draft, language, own)
    for number, update in enumerate(src.updates, start=1):
        if update.translations and number not in kept:
            languages = ", ".join(update.translations)
            fixer.entries.append(
                Entry(
                    "translation_lost",
                    f"update {number} was written into the body; its translation ({languages}) "
                    "is not kept",
                    number,
                )
            )


def fit_total(fixer: Repairs, draft: Draft, language: str, own: dict[str, str]) -> None:
    """One page shows one language: the incident's text in `language` (its translations, the
    default language's where it has none) within the incident's budget, by cutting its body as
    `normalize` cuts the default language's."""
    total = len(own.get("title", draft.title)) + len(own.get("body", draft.body))
    total += sum(len(p.translations.get(language, p.message)) for p in draft.phases)
    limit = budgets.INCIDENT_TEXT.limit
    if total > limit and own.get("body"):
        room = max(0, len(own["body"]) - (total - limit) - 200)
        own["body"], _ = fit_markdown(own["body"], room)
        if not own["body"].strip():
            del own["body"]
        fixer.entries.append(
            Entry(
                "text_fitted",
                f"{language} body cut to {room:,} characters: the incident's {language} text is "
                f"over {limit:,}",
            )
        )
