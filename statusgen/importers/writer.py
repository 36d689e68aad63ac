"""An imported incident as the text of its file: the one writer of incident files
(`content.writing`), as `statusgen new` writes them, with a comment naming the source."""

from __future__ import annotations

from statusgen.content.writing import quote, render_incident_file
from statusgen.importers.draft import Draft
from statusgen.model import Impact, Incident, Phase, Window, frozen_mapping

#: The format names as the comment at the top of a file says them.
FORMAT_NAMES = {
    "statuspage": "Statuspage",
    "cstate": "cState",
    "statusfy": "Statusfy",
    "upptime": "Upptime",
}


def render_draft(draft: Draft, source_format: str, languages: tuple[str, ...] = ()) -> str:
    """The whole file: front matter, then the body (texts in the site's `languages`)."""
    origin = FORMAT_NAMES.get(source_format, source_format)
    comment = f"Imported from {origin} ({quote(draft.source_id)}) by statusgen import."
    return render_incident_file(incident_of(draft), comments=[comment], languages=languages)


def incident_of(draft: Draft) -> Incident:
    """The incident a draft stands for, as the model holds it."""
    return Incident(
        id=draft.id,
        path="",
        title=draft.title,
        type=draft.kind,
        impact=draft.impact or Impact.NONE,
        components=frozen_mapping(draft.components),
        phases=tuple(
            Phase(
                at=phase.at,
                status=phase.decided,
                message=phase.message,
                components=frozen_mapping(phase.components),
                translations={code: {"message": text} for code, text in phase.translations.items()},
            )
            for phase in draft.phases
        ),
        scheduled=Window(*draft.scheduled) if draft.scheduled else None,
        audience=draft.audience,
        body=draft.body,
        postmortem_at=draft.postmortem_at,
        started=draft.started,
        translations=draft.translations,
    )
