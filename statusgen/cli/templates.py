"""Message templates: the site's `templates/` folder (or statusgen's set in the site's
language), the template for a status and a kind of incident, and filling its placeholders.

A site's folder holds one file per update status (`investigating.md`, ..., `completed.md`)
and one sub-folder per kind of incident a team defines (`database-outage/identified.md`). A
kind falls back to the plain status template for statuses it lacks, and a site without a
template for a status (or without the folder) gets statusgen's own, so old sites keep working.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, tzinfo
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from statusgen.cli.arguments import UsageError
from statusgen.content import SiteLayout
from statusgen.content.budgets import MESSAGE
from statusgen.content.files import inside_site, read_text
from statusgen.content.placeholders import (
    NAMES,
    Placeholder,
    find_placeholders,
    template_problems,
)
from statusgen.content.rules import ID_EXPECTED, is_id
from statusgen.model import Audience, Catalog, Impact, Incident, PhaseStatus, Window
from statusgen.options import Options
from statusgen.problems import Problem, printable
from statusgen.render.locale import TimeFormatter, Translator

#: statusgen's own templates, one folder per language: copied by `init`, used when a site
#: has none.
BUILT_IN = resources.files("statusgen") / "scaffold" / "templates"
FALLBACK_LANGUAGE = "en"
#: Files in a templates folder that are not templates.
IGNORED = ("README.md",)
STATUS_FILES = tuple(f"{status.value}.md" for status in PhaseStatus)


class TemplateError(Exception):
    """A template cannot be used; carries its problems, `path:line: what; expected what`."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def built_in(language: str) -> Traversable:
    """statusgen's templates in `language` ("fr-CA" reads "fr"), else in English."""
    folder = BUILT_IN / language.split("-")[0].lower()
    return folder if folder.is_dir() else BUILT_IN / FALLBACK_LANGUAGE


@dataclass(frozen=True)
class Template:
    """One template's text and where it comes from (for messages)."""

    text: str
    label: str


@dataclass(frozen=True)
class TemplateSource:
    """Where a site's templates come from: its own folder when it has one, else statusgen's."""

    layout: SiteLayout
    #: The site's folder, or None when it has none.
    folder: Path | None
    label: str
    language: str

    @classmethod
    def of(cls, layout: SiteLayout, options: Options, language: str) -> TemplateSource:
        """The templates of a site with these options, in the site's language."""
        folder = layout.root / options.templates_dir
        if folder.is_dir():
            return cls(layout, folder, layout.label(folder), language)
        return cls(layout, None, layout.label(folder), language)

    def kinds(self) -> list[str]:
        """The kinds of incident: the site's sub-folders, or statusgen's without a folder."""
        root: Traversable = self.folder if self.folder is not None else built_in(self.language)
        languages = self.layout.languages  # `templates/fr/`: a language's own, not a kind
        return sorted(
            e.name
            for e in root.iterdir()
            if e.is_dir() and is_id(e.name) and e.name not in languages
        )

    def find(self, status: PhaseStatus, kind: str | None) -> Template:
        """The template for `status`, of kind `kind` if given; raises UsageError for an
        unknown kind and TemplateError for a template with problems."""
        name = f"{status.value}.md"
        own = built_in(self.language)
        if kind is not None:
            kinds = self.kinds()
            if not is_id(kind) or kind not in kinds:
                raise UsageError(self.unknown_kind(kind, kinds))
        if self.folder is None:
            candidates = [own / kind / name] if kind else []
            return self.read_built_in(next((c for c in candidates if c.is_file()), own / name))
        paths = ([self.folder / kind / name] if kind else []) + [self.folder / name]
        for path in paths:
            if path.is_file():
                return self.read_own(path)
        return self.read_built_in(own / name)

    def unknown_kind(self, kind: str, kinds: list[str]) -> str:
        where = (
            f"folders of {self.label}/"
            if self.folder is not None
            else f"statusgen's own, as {self.label}/ does not exist"
        )
        listed = ", ".join(kinds) if kinds else "none yet"
        return (
            f"--template {printable(kind)!r}: no such kind of incident; expected one of "
            f"{listed} ({where})"
        )

    def read_own(self, path: Path) -> Template:
        label = self.layout.label(path)
        problems: list[Problem] = []
        text = read_template(self.layout, path, problems)
        if text is None:
            raise TemplateError(problems)
        return Template(text, label)

    def read_built_in(self, entry: Traversable) -> Template:
        language = built_in(self.language).name
        return Template(entry.read_text(encoding="utf-8").strip(), f"statusgen's {language} set")


def read_template(layout: SiteLayout, path: Path, problems: list[Problem]) -> str | None:
    """A site's template file, stripped; None after recording its problems."""
    label = layout.label(path)
    if not inside_site(layout, path, problems, "file"):
        return None
    text = read_text(path, label, problems)
    if text is None:
        return None
    if len(text) > MESSAGE.limit:
        problems.append(Problem(label, 0, MESSAGE.exceeded("the template", len(text))))
        return None
    leading = len(text) - len(text.lstrip())
    first = text.count("\n", 0, leading) + 1
    found = template_problems(text.strip())
    problems.extend(Problem(label, first + line, message) for line, message in found)
    return None if found else text.strip()


def check_templates(layout: SiteLayout, options: Options) -> list[Problem]:
    """Every problem of a site's templates folder: file names, then each template's text;
    a folder named after one of the site's other languages is that language's templates
    folder, checked the same way."""
    folder = layout.root / options.templates_dir
    if not folder.is_dir():
        return []
    problems = check_template_folder(layout, folder, layout.languages[1:])
    for language in layout.languages[1:]:
        if (folder / language).is_dir():
            problems += check_template_folder(layout, folder / language)
    return problems


def check_template_folder(
    layout: SiteLayout, folder: Path, skipped: tuple[str, ...] = ()
) -> list[Problem]:
    """The problems of one language's templates folder (but its `skipped` sub-folders)."""
    problems: list[Problem] = []
    expected = (
        f"expected {', '.join(STATUS_FILES)}, or a folder of them for a kind of incident "
        f"(a folder name is {ID_EXPECTED})"
    )
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.name in IGNORED:
            continue
        if path.is_dir() and path.name in skipped:
            continue  # a language's folder, checked on its own
        if path.is_dir() and is_id(path.name):
            for inner in sorted(path.iterdir()):
                if inner.name.startswith("."):
                    continue
                if inner.name in STATUS_FILES and inner.is_file():
                    read_template(layout, inner, problems)
                else:
                    problems.append(
                        Problem(layout.label(inner), 0, f"is not a template; {expected}")
                    )
        elif path.name in STATUS_FILES and path.is_file():
            read_template(layout, path, problems)
        else:
            problems.append(Problem(layout.label(path), 0, f"is not a template; {expected}"))
    return problems


# -- filling ------------------------------------------------------------------------------------
def fill(text: str, values: Mapping[str, str]) -> str:
    """`text` with each named placeholder that has a value replaced by it. A line whose only
    placeholders are names without a value (no estimate given, say) is left out, with the blank
    line before it; other blanks and names stay for the responder."""
    text = _without_empty_lines(text, values)
    pieces, last = [], 0
    for placeholder in find_placeholders(text):
        value = values.get(placeholder.name or "")
        if value:
            pieces += [text[last : placeholder.start], value]
            last = placeholder.start + len(placeholder.text)
    return "".join([*pieces, text[last:]])


def _without_empty_lines(text: str, values: Mapping[str, str]) -> str:
    by_line: dict[int, list[Placeholder]] = {}
    for placeholder in find_placeholders(text):
        by_line.setdefault(placeholder.line, []).append(placeholder)
    empty = {
        line
        for line, found in by_line.items()
        if all(p.name is not None and not values.get(p.name) for p in found)
    }
    if not empty:
        return text
    kept: list[str] = []
    for number, line in enumerate(text.split("\n")):
        if number in empty:
            if kept and not kept[-1].strip():
                kept.pop()
            continue
        kept.append(line)
    while kept and not kept[0].strip():
        kept.pop(0)
    return "\n".join(kept)


def words_list(names: list[str], t: Translator) -> str:
    """ "A", "A and B", "A, B and C", in the site's language."""
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} {t('template.and')} {names[-1]}"


def local_time(moment: datetime, zone: tzinfo, t: Translator) -> str:
    """A time for readers in the site's zone, its offset shown: "23 Nov 2026, 13:30 CET
    (UTC+01:00)", or "23 Nov 2026, 12:30 UTC"."""
    return TimeFormatter(zone, t).datetime(moment, offset=True)


@dataclass(frozen=True)
class Facts:
    """What a template is filled from: the command's arguments and the incident file."""

    title: str
    component_ids: Iterable[str]
    impact: Impact | None = None
    workaround: str | None = None
    window: Window | None = None
    next_update: datetime | None = None
    estimate: datetime | None = None
    #: An internal incident may name internal components; a public one never does.
    audience: Audience = Audience.PUBLIC

    @classmethod
    def of(cls, incident: Incident) -> Facts:
        """What an incident file alone says (a monitor's or an alert's update)."""
        return cls(
            title=incident.title,
            component_ids=list(incident.components),
            impact=incident.impact,
            audience=incident.audience,
        )


def template_values(facts: Facts, catalog: Catalog, zone: tzinfo, language: str) -> dict[str, str]:
    """The value of each placeholder name that the facts can fill, in `language` (a
    component's name in it where components.yml gives one)."""
    t = Translator(language)
    names = []
    for component_id in dict.fromkeys(facts.component_ids):
        component = catalog.get(component_id)
        if component is not None and (
            facts.audience is Audience.INTERNAL or component.audience is Audience.PUBLIC
        ):
            names.append(dict(component.names).get(language, component.name))
    values = {
        "title": facts.title,
        "components": words_list(names, t),
        "impact": t(f"template.impact.{facts.impact.value}") if facts.impact else "",
        "workaround": facts.workaround or "",
    }
    for name, moment in (
        ("start", facts.window.start_at if facts.window else None),
        ("end", facts.window.end_at if facts.window else None),
        ("next_update", facts.next_update),
        ("estimate", facts.estimate),
    ):
        values[name] = local_time(moment, zone, t) if moment else ""
    return {name: value for name, value in values.items() if value}


def filled_message(
    source: TemplateSource,
    status: PhaseStatus,
    args: argparse.Namespace,
    values: Mapping[str, str],
) -> str:
    """The update's text: `--message` as given, else the template filled. Refuses values that
    nothing would use, so no information a responder gave is silently dropped."""
    # --estimate is the update's own field too (shown beside the message), never unused.
    given = [option for option, value in (("--workaround", args.workaround),) if value is not None]
    if args.message is not None:
        if args.template is not None:
            raise UsageError("--message and --template exclude each other; expected one of them")
        if given:
            raise UsageError(
                f"{' and '.join(given)} fill a template's placeholders; expected them without "
                "--message (or write them into the message)"
            )
        return str(args.message)
    template = source.find(status, args.template)
    present = {p.name for p in find_placeholders(template.text)}
    for option in given:
        name = option.removeprefix("--")
        if name not in present:
            raise UsageError(
                f"{option} is not used: {template.label} ({status.value}) has no {{{{{name}}}}}; "
                "expected it only with a template that has it (or add it to the message after)"
            )
    return fill(template.text, values)


def unfilled_hint(problems: list[Problem]) -> str:
    """How to fill the named placeholders left (those the command line could have filled)."""
    names = {p.name for problem in problems for p in find_placeholders(problem.message)}
    hints = [f"{{{{{name}}}}} from {NAMES[name]}" for name in NAMES if name in names]
    return f"statusgen fills {'; '.join(hints)}" if hints else ""
