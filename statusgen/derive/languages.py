"""One site in several languages: the site as readers of one language see it.

An incident's and an update's text fields hold the default language's text; their
`translations` hold the others' (language -> field -> text). Status, times and components are
shared, so languages never disagree on what happened when. `in_language` puts each text in a
language where it has one, and keeps the default language's text where it has not, naming that
field in `fallbacks` so pages mark it with its language and a short note.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from statusgen.model import Incident, Phase, StatusSite

#: The incident's own text fields (an update's are `message` and its stated fields).
INCIDENT_TEXTS = ("title", "workaround", "body")


@dataclass(frozen=True)
class Missing:
    """A text without its translation into `language`."""

    language: str
    #: The field's name (`title`, `message`, `affected`...).
    field: str
    #: The incident file's line of the incident (its front matter) or of the update.
    line: int
    #: The update's index in the incident's phases; None for the incident's own fields.
    update: int | None = None


def _texts(values: dict[str, str], translations: dict[str, str]) -> tuple[dict[str, str], set[str]]:
    """`values` put in the language of `translations`, and the non-empty fields left out."""
    changed: dict[str, str] = {}
    kept: set[str] = set()
    for name, text in values.items():
        if not text:
            continue
        if name in translations:
            changed[name] = translations[name]
        else:
            kept.add(name)
    return changed, kept


def _phase_texts(phase: Phase) -> dict[str, str]:
    return {"message": phase.message, **phase.stated}


def phase_in(phase: Phase, language: str) -> Phase:
    """The update as readers of `language` see it (`phase` itself when nothing changes)."""
    wanted = dict(phase.translations.get(language, {}))
    changed, kept = _texts(_phase_texts(phase), wanted)
    if not changed and not kept:
        return phase
    stated = {name: changed.get(name, text) for name, text in phase.stated.items()}
    return replace(
        phase,
        message=changed.get("message", phase.message),
        stated=stated if stated != phase.stated else phase.stated,
        fallbacks=frozenset(kept),
    )


def incident_in(incident: Incident, language: str) -> Incident:
    """The incident as readers of `language` see it."""
    wanted = dict(incident.translations.get(language, {}))
    own = {name: getattr(incident, name) for name in INCIDENT_TEXTS}
    changed, kept = _texts(own, wanted)
    return replace(
        incident,
        title=changed.get("title", incident.title),
        workaround=changed.get("workaround", incident.workaround),
        body=changed.get("body", incident.body),
        phases=tuple(phase_in(phase, language) for phase in incident.phases),
        fallbacks=frozenset(kept),
    )


def in_language(site: StatusSite, language: str, default: str) -> StatusSite:
    """The site as readers of `language` see it; the default language's site is `site`."""
    if language == default:
        return site
    return replace(site, incidents=tuple(incident_in(i, language) for i in site.incidents))


def missing_translations(incident: Incident, languages: Iterable[str]) -> Iterator[Missing]:
    """Every non-empty text of `incident` without its translation into one of `languages`
    (the site's languages but the default), in file order."""
    others = tuple(languages)
    for language in others:
        wanted = incident.translations.get(language, {})
        for name in INCIDENT_TEXTS:
            if getattr(incident, name) and name not in wanted:
                yield Missing(language, name, incident_line(incident, name))
    for index, phase in enumerate(incident.phases):
        for language in others:
            wanted = phase.translations.get(language, {})
            for name, text in _phase_texts(phase).items():
                if text and name not in wanted:
                    yield Missing(language, name, phase.message_line or phase.line, index)


def incident_line(incident: Incident, name: str) -> int:
    """The file line of one of the incident's own text fields (1: the front matter)."""
    if name == "title" and incident.title_line:
        return incident.title_line
    if name == "workaround" and incident.workaround_line:
        return incident.workaround_line
    if name == "body" and incident.body_line:
        return incident.body_line
    return 1
