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
from functools import partial

from statusgen.derive.snapshot import Given, Snapshot, snapshot_with
from statusgen.model import Catalog, Component, Incident, Phase, StatusSite

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
    return replace(
        site,
        incidents=tuple(incident_in(i, language) for i in site.incidents),
        catalog=catalog_in(site.catalog, language, default),
    )


def component_in(component: Component, language: str, default: str) -> Component:
    """The component as readers of `language` see it: its name in the language, else the
    default language's, marked as such (`name_lang`)."""
    name = dict(component.names).get(language)
    if name is None:
        return replace(component, name_lang=default)
    return replace(component, name=name)


def catalog_in(catalog: Catalog, language: str, default: str) -> Catalog:
    """The catalog as readers of `language` see it: each group's and component's name in the
    language (`component_in`), a group keeping its default language's name as its id."""
    groups = []
    for group in catalog.groups:
        name = dict(group.names).get(language)
        groups.append(
            replace(
                group,
                name=name or group.name,
                name_lang="" if name else default,
                default_name=group.name,
                components=tuple(component_in(c, language, default) for c in group.components),
            )
        )
    return Catalog(tuple(groups))


def snapshot_in(snapshot: Snapshot, catalog: Catalog, language: str, default: str) -> Snapshot:
    """The default language's `snapshot` (of `catalog`) as readers of `language` see it: the
    incidents' texts (`incident_in`) and the names (`catalog_in`) in the language."""
    texts = snapshot_with(snapshot, partial(incident_in, language=language))
    return named_in(texts, catalog_in(catalog, language, default))


def named_in(snapshot: Snapshot, catalog: Catalog) -> Snapshot:
    """`snapshot` (a language's: `snapshot_with`) with every group and component it shows
    replaced by its entry in `catalog` (the same groups and components, named in the
    language: `catalog_in`); nothing is derived again."""
    by_id = {component.id: component for component in catalog.components}
    groups_by_id = {group.slug: group for group in catalog.groups}

    def given(items: tuple[Given, ...]) -> tuple[Given, ...]:
        return tuple((by_id.get(c.id, c), status) for c, status in items)

    components = {
        cid: replace(view, component=by_id.get(cid, view.component))
        for cid, view in snapshot.components.items()
    }
    groups = tuple(
        replace(
            view,
            group=groups_by_id.get(view.group.slug, view.group),
            components=tuple(components[c.id] for c in view.components),
        )
        for view in snapshot.groups
    )
    views = tuple(
        replace(view, affected=given(view.affected), changes=tuple(map(given, view.changes)))
        for view in snapshot.incidents
    )
    return replace(
        snapshot,
        groups=groups,
        components=components,
        incidents=views,
        by_id={view.id: view for view in views},
    )


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
