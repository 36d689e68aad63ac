"""`statusgen postmortem`: record a resolved incident's postmortem and append its sections."""

from __future__ import annotations

import argparse
from datetime import datetime

from statusgen.cli.arguments import EXIT_INVALID, EXIT_OK, UsageError
from statusgen.cli.editing import IncidentEdit
from statusgen.clock import minute_utc
from statusgen.content import SiteLayout, check_site
from statusgen.content.writing import append_postmortem, postmortem_template
from statusgen.options import Options
from statusgen.options.mkdocs_yml import read_site_language
from statusgen.problems import printable
from statusgen.render.locale import Translator

#: The postmortem's sections, in order (their words are `postmortem.section_<name>` and
#: `postmortem.hint_<name>` in the site's language).
POSTMORTEM_SECTIONS = ("impact", "timeline", "root_cause", "changes")


def command_postmortem(
    args: argparse.Namespace, layout: SiteLayout, options: Options, now: datetime
) -> int:
    """Record the postmortem's publication on a resolved incident and append its sections
    (in each of the site's languages: the default's to the body's text, each other's to its
    section) to the body, with placeholders `check` refuses until filled."""
    site, _ = check_site(layout, now)
    edit = IncidentEdit.open(layout, site, args.incident_id, now, draft=False)
    incident = edit.incident
    if incident is None:
        return EXIT_INVALID
    if incident.is_maintenance or not incident.is_closed:
        raise UsageError(f"{edit.label}: expected a resolved incident (resolve it first)")
    if incident.postmortem_at is not None:
        raise UsageError(
            f"{edit.label}: its postmortem is recorded already; edit its text in the file"
        )
    at = args.at or now
    template = language_template(read_site_language(layout.root))
    translated = [(code, language_template(code)) for code in layout.languages[1:]]
    if (
        edit.apply(
            lambda text: append_postmortem(text, at, template, translated), "with the postmortem"
        )
        is None
    ):
        return EXIT_INVALID
    print(f"{printable(edit.label)}: added the postmortem, published at {minute_utc(at)} UTC")
    print("next: replace its TODO lines with the postmortem's text, then run `statusgen check`")
    return EXIT_OK


def language_template(language: str) -> str:
    """The postmortem's sections in `language`, each with its placeholder."""
    t = Translator(language)
    sections = [
        (t(f"postmortem.section_{name}"), t(f"postmortem.hint_{name}"))
        for name in POSTMORTEM_SECTIONS
    ]
    return postmortem_template(t("postmortem.title"), sections)
