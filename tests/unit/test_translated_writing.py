"""The one writer (`content.writing`) in several languages (issue #28): texts written as block
mappings (the default language first, in the site's order) and a body section per language,
for new files, appended updates and postmortems; everything reads back as it was written,
hostile text included."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from types import MappingProxyType

import pytest
from models import without_places

from statusgen.content import parse_incident
from statusgen.content.writing import append_phase, append_postmortem, render_incident_file
from statusgen.model import (
    Catalog,
    Component,
    ComponentStatus,
    Group,
    Impact,
    Incident,
    IncidentType,
    Phase,
    PhaseStatus,
    frozen_mapping,
)
from statusgen.problems import Problem

NOW = datetime(2026, 11, 23, 12, tzinfo=UTC)
CATALOG = Catalog(
    groups=(Group(name="Core", components=(Component(id="api", name="API", group="Core"),)),)
)
LANGUAGES = ("en", "fr", "nl")

#: What responders paste: quotes, colons, comments, YAML's own words, several lines, Markdown.
HOSTILE = [
    'She said "it\'s down": retry #42',
    "key: value # not a comment\n- not a list item\n  indented: yes",
    "no\n\n---\n\n<!-- a comment --> lang: de",
    "'single' and \\backslash\\ and {braces} and [brackets]",
    "  leading spaces\ttab",
    "yes",
    "~",
    "@at *star &amp; !bang %percent `tick`",
]


def frozen(texts: dict[str, dict[str, str]]) -> MappingProxyType[str, MappingProxyType[str, str]]:
    return MappingProxyType({code: MappingProxyType(t) for code, t in texts.items()})


def incident(text: str, other: str) -> Incident:
    first = Phase(
        at=datetime(2026, 11, 22, 14, tzinfo=UTC),
        status=PhaseStatus.INVESTIGATING,
        message=text,
        stated=MappingProxyType({"affected": text.replace("\n", " ").strip() or "x"}),
        translations=frozen(
            {
                "fr": {"message": other, "affected": other.replace("\n", " ").strip() or "y"},
                "nl": {"message": "Dutch: " + other},
            }
        ),
    )
    second = Phase(
        at=datetime(2026, 11, 22, 15, tzinfo=UTC),
        status=PhaseStatus.RESOLVED,
        message="Fixed.",
    )
    return Incident(
        id="2026-11-22-x",
        path="incidents/x.md",
        title=text.replace("\n", " ").strip() or "t",
        type=IncidentType.INCIDENT,
        impact=Impact.MAJOR,
        components=frozen_mapping({"api": ComponentStatus.PARTIAL_OUTAGE}),
        phases=(first, second),
        workaround=text,
        body="## What happened\n\n" + text,
        translations=frozen(
            {
                "fr": {
                    "title": other.replace("\n", " ").strip() or "u",
                    "body": "## Quoi\n\n" + other,
                },
                "nl": {"workaround": other},
            }
        ),
    )


def read(text: str, languages: tuple[str, ...] = LANGUAGES) -> Incident:
    problems: list[Problem] = []
    found = parse_incident(
        text, "2026-11-22-x", "incidents/x.md", CATALOG, NOW, problems, languages=languages
    )
    assert problems == [], "\n".join(map(str, problems)) + "\n" + text
    assert found is not None
    return found


def stripped(item: Incident) -> Incident:
    """What reading keeps of a text: the loader strips titles, messages and workarounds."""
    return replace(
        item,
        title=item.title.strip(),
        workaround=item.workaround.strip(),
        body=item.body.rstrip(),
        translations=frozen(
            {
                code: {
                    name: (t.rstrip() if name == "body" else t.strip()) for name, t in texts.items()
                }
                for code, texts in item.translations.items()
            }
        ),
        phases=tuple(
            replace(
                p,
                message=p.message.strip(),
                translations=frozen(
                    {c: {n: t.strip() for n, t in ts.items()} for c, ts in p.translations.items()}
                ),
            )
            for p in item.phases
        ),
    )


@pytest.mark.parametrize("text", HOSTILE)
def test_a_translated_incident_reads_back_as_written(text: str) -> None:
    other = "Traduit : " + text[::-1]
    written = stripped(incident(text, other))
    file_text = render_incident_file(written, languages=LANGUAGES)
    assert without_places(read(file_text)) == without_places(written)


def test_texts_are_block_mappings_the_default_first_in_the_sites_order() -> None:
    text = render_incident_file(
        stripped(incident("Errors: checkout", "Erreurs : paiement")), languages=LANGUAGES
    )
    assert 'title:\n  en: "Errors: checkout"\n  fr: "Erreurs : paiement"\n' in text
    assert 'workaround:\n  en: "Errors: checkout"\n  nl: "Erreurs : paiement"\n' in text
    assert (
        '    message:\n      en: "Errors: checkout"\n      fr: "Erreurs : paiement"\n'
        '      nl: "Dutch: Erreurs : paiement"\n'
    ) in text
    assert '    affected:\n      en: "Errors: checkout"\n      fr: "Erreurs : paiement"\n' in text
    assert text.endswith(
        "---\n\n## What happened\n\nErrors: checkout\n\n<!-- lang: fr -->\n\n"
        "## Quoi\n\nErreurs : paiement\n"
    )


def test_an_incident_without_translations_is_written_as_before() -> None:
    plain = replace(
        stripped(incident("Errors", "x")),
        translations=MappingProxyType({}),
        phases=tuple(
            replace(p, translations=MappingProxyType({})) for p in incident("E", "x").phases
        ),
    )
    assert render_incident_file(plain, languages=LANGUAGES) == render_incident_file(plain)


def test_an_appended_update_in_two_languages_reads_back() -> None:
    base = render_incident_file(stripped(incident("Errors", "Erreurs")), languages=LANGUAGES)
    base = base.replace("status: resolved", "status: identified")
    update = Phase(
        at=datetime(2026, 11, 22, 16, tzinfo=UTC),
        status=PhaseStatus.RESOLVED,
        message='Fixed: "all" #1\nfor good',
        translations=frozen({"fr": {"message": "Corrigé : « tout » #1\npour de bon"}}),
    )
    text = append_phase(base, update, LANGUAGES)
    assert text.startswith(base.split("---\n\n")[0].rsplit("\n", 1)[0])
    last = read(text).phases[-1]
    assert last.message == update.message
    assert dict(last.translations) == {"fr": {"message": "Corrigé : « tout » #1\npour de bon"}}


def test_a_postmortem_goes_to_each_languages_section() -> None:
    resolved = stripped(incident("Errors", "Erreurs"))
    with_body = render_incident_file(resolved, languages=LANGUAGES)
    at = datetime(2026, 11, 23, 10, tzinfo=UTC)
    text = append_postmortem(
        with_body,
        at,
        "## Postmortem\n\nOur text.\n",
        [("fr", "## Post-mortem\n\nNotre texte.\n"), ("nl", "## Nabespreking\n\nOnze tekst.\n")],
    )
    found = read(text)
    assert found.postmortem_at == at
    assert found.body == "## What happened\n\nErrors\n\n## Postmortem\n\nOur text."
    assert (
        found.translations["fr"]["body"] == "## Quoi\n\nErreurs\n\n## Post-mortem\n\nNotre texte."
    )
    assert found.translations["nl"]["body"] == "## Nabespreking\n\nOnze tekst."
    # Nothing written before stays otherwise: the file up to the body is the same plus the key.
    head = with_body.split("\n---\n")[0]
    assert text.startswith(head + "\npostmortem:\n  at: 2026-11-23T10:00:00Z\n---\n")


def test_a_body_line_that_is_a_marker_is_read_as_one() -> None:
    """A line `<!-- lang: de -->` alone in a body starts a section: on a site without German
    the check names the line, never shows it to readers as text."""
    written = stripped(incident("Errors", "Erreurs"))
    file_text = render_incident_file(
        replace(written, body="Text\n\n<!-- lang: de -->\n\nDeutsch"), languages=LANGUAGES
    )
    problems: list[Problem] = []
    parse_incident(file_text, "x", "incidents/x.md", CATALOG, NOW, problems, languages=LANGUAGES)
    line = file_text.split("\n").index("<!-- lang: de -->") + 1
    assert [(p.line, p.message.split(";")[0]) for p in problems] == [
        (line, "a body section for an unknown language 'de'")
    ]
