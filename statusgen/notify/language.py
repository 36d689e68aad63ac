"""A channel's language: the incident as its readers see it (`derive/languages.incident_in`),
its pages under the language's prefix (`urls.in_language`), and the note a message carries
when some of its text is shown in the site's default language because its translation is
missing: one fact, in the channel's language, naming the language the text is shown in
("Not yet translated: shown in French").

Its label is the pages' own words (`translation.missing` in the interface's strings); its text
is here, in each of statusgen's interface languages (another language gets English's), with the
language's name from CLDR, in the channel's language (Babel).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from babel import Locale

from statusgen.derive.languages import catalog_in, incident_in
from statusgen.model import Incident, Phase, StatusSite
from statusgen.render import urls
from statusgen.render.locale import Translator

#: The note's text per interface language; `{language}` is the default language's name.
SHOWN_IN = {
    "en": "shown in {language}",
    "fr": "affiché en {language}",
    "nl": "getoond in het {language}",
    "de": "auf {language} angezeigt",
}
#: The order untranslated fields are named in: the title and the message first, the
#: postmortem's body last, stated fields (`affected`...) between them by name.
FIRST = ("title", "message")
LAST = ("body",)


@dataclass(frozen=True)
class Speaking:
    """The language a channel's messages are in, and the site's default language; both ""
    on a site of one language (then nothing changes)."""

    language: str = ""
    default: str = ""

    @property
    def translated(self) -> bool:
        """True when messages are in another language than the default."""
        return self.language != self.default

    def incident(self, incident: Incident) -> Incident:
        """The incident as this language's readers see it."""
        return incident_in(incident, self.language) if self.translated else incident

    def site(self, site: StatusSite) -> StatusSite:
        """The site as this language's readers see it: its groups and components named in the
        language (`derive/languages.catalog_in`), as that language's pages name them."""
        if not self.translated:
            return site
        return replace(site, catalog=catalog_in(site.catalog, self.language, self.default))

    def path(self, path: str) -> str:
        """A page's source path as published for this language."""
        return urls.in_language(path, self.language, self.default)

    def note(self, t: Translator) -> tuple[str, str]:
        """The note's fact in this language (`t` speaks it): its label and its text."""
        text = SHOWN_IN.get(self.language.split("-")[0], SHOWN_IN["en"])
        return t("translation.missing"), text.format(
            language=language_name(self.default, self.language)
        )


#: A site of one language.
ONE_LANGUAGE = Speaking()


@cache
def language_name(language: str, speaking: str) -> str:
    """`language`'s name in `speaking` ("anglais" for en in fr), or its code if CLDR has none."""
    try:
        names = Locale.parse(speaking.replace("-", "_")).languages
    except (ValueError, TypeError):
        return language
    return str(names.get(language.replace("-", "_"), language))


def split_title(headline: str, title: str, untranslated: tuple[str, ...]) -> tuple[str, str]:
    """(what comes before the title, the title) of a headline ending with the incident's title
    shown in the default language ("[Enquête en cours] ", "Checkout fails"); else (the
    headline, "") (a title translated, or a headline without it: a digest of several)."""
    if "title" not in untranslated or not title or not headline.endswith(title):
        return headline, ""
    return headline.removesuffix(title), title


def untranslated_fields(
    incident: Incident, phase: Phase | None, shown: tuple[str, ...]
) -> tuple[str, ...]:
    """The fields of a message shown in the default language: those of `shown` among the
    incident's own (`title`, `body`), and every one of `phase`'s, in a fixed order."""
    found = {name for name in incident.fallbacks if name in shown}
    if phase is not None:
        found |= phase.fallbacks
    ordered = [name for name in FIRST if name in found]
    ordered += sorted(found - set(FIRST) - set(LAST))
    ordered += [name for name in LAST if name in found]
    return tuple(ordered)
