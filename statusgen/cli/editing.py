"""Editing one incident file in place: find it, read it as it is (a BOM and CRLF line ends
stay), and write the edited text only when it still passes the check."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from statusgen.cli.arguments import UsageError
from statusgen.cli.templates import unfilled_hint
from statusgen.content import SiteLayout, incident_files, parse_incident
from statusgen.content.placeholders import LEFT_PREFIX
from statusgen.content.writing import AuthoringError
from statusgen.model import Catalog, Incident, StatusSite
from statusgen.problems import Problem, format_problems, printable, shown_problems

BOM = "\ufeff"


def print_problems(problems: list[Problem]) -> None:
    """Problems on stderr, plus GitHub annotations on stdout when running in Actions."""
    print(format_problems(problems), file=sys.stderr)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in shown_problems(problems):
            print(problem.github_annotation())


def find_incident_file(layout: SiteLayout, incident_id: str) -> Path:
    """The file of an incident id, or a usage error naming close matches."""
    files = incident_files(layout, [])
    for path in files:
        if path.stem == incident_id:
            return path
    close = [p.stem for p in files if incident_id in p.stem][:5]
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise UsageError(
        f"no incident {incident_id!r} in {layout.label(layout.incidents_folder)}{hint}"
    )


@dataclass(frozen=True)
class IncidentEdit:
    """One incident file opened for an edit; `incident` is None (its problems printed) when
    the file as it is does not pass the check."""

    path: Path
    label: str
    text: str
    incident_id: str
    site: StatusSite
    now: datetime
    incident: Incident | None
    #: The site's languages (the file is read in them).
    languages: tuple[str, ...] = ()

    @classmethod
    def open(
        cls, layout: SiteLayout, site: StatusSite, incident_id: str, now: datetime, *, draft: bool
    ) -> IncidentEdit:
        """Read the incident's file; `draft` lets template placeholders left in it pass."""
        path = find_incident_file(layout, incident_id)
        label = layout.label(path)
        text = path.read_bytes().decode("utf-8")
        problems: list[Problem] = []
        incident = parse_incident(
            text.removeprefix(BOM),
            incident_id,
            label,
            site.catalog,
            now,
            problems,
            draft=draft,
            languages=layout.languages,
        )
        if incident is None:
            print(f"statusgen: fix {printable(label)} first:", file=sys.stderr)
            print_problems(problems)
        return cls(path, label, text, incident_id, site, now, incident, layout.languages)

    def apply(self, edit: Callable[[str], str], change: str) -> str | None:
        """The file's text after `edit`, written if it passes the check; None (and the file
        unchanged) when the edit is refused or the result would not pass."""
        try:
            new_text = edit(self.text)
        except AuthoringError as error:
            print(f"{printable(self.label)}: {error}", file=sys.stderr)
            return None
        return new_text if self.write_if_valid(new_text, change) else None

    def write_if_valid(self, new_text: str, change: str) -> bool:
        """Write `new_text` if it passes the check (placeholders allowed); otherwise leave the
        file unchanged and print the problems at the lines the edited file would have."""
        problems: list[Problem] = []
        parsed = parse_incident(
            new_text.removeprefix(BOM),
            self.incident_id,
            self.label,
            self.site.catalog,
            self.now,
            problems,
            draft=True,
            languages=self.languages,
        )
        if parsed is None:
            print(
                f"statusgen: {printable(self.label)} is unchanged: {change} it would not pass "
                "the check (lines as the file would have them):",
                file=sys.stderr,
            )
            print_problems(problems)
            return False
        self.path.write_bytes(new_text.encode("utf-8"))
        return True


def print_unfilled(
    text: str,
    incident_id: str,
    label: str,
    catalog: Catalog,
    now: datetime,
    languages: tuple[str, ...] = (),
) -> None:
    """Name each template placeholder the written file still holds, where `check` will."""
    problems: list[Problem] = []
    parse_incident(
        text.removeprefix(BOM), incident_id, label, catalog, now, problems, languages=languages
    )
    left = [p for p in problems if p.message.startswith(LEFT_PREFIX)]
    if not left:
        return
    print("next: write your own words in place of each placeholder, then run `statusgen check`:")
    for problem in left:
        print(f"  {problem}")
    if hint := unfilled_hint(left):
        print(f"  ({hint})")
