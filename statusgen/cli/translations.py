"""Missing translations on a site of several languages (issue #28), worded once: `statusgen
check`'s warnings (its problems under `require_translations: true`), the `languages` option
beside the theme's language, each language's texts rendered within the budgets, and
`statusgen status`' brief list for open incidents."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace

from statusgen.content import SiteLayout
from statusgen.derive.languages import Missing, incident_in, missing_translations
from statusgen.model import Catalog, Component, Group, Incident, StatusSite
from statusgen.options import Options, languages_problem
from statusgen.options.mkdocs_yml import read_site_language
from statusgen.problems import Problem, plural, printable

#: Most warnings printed; the rest are counted (a site that turns a second language on has
#: every past incident untranslated, and says so once).
WARNINGS_SHOWN = 50

_LANGUAGES_KEY = re.compile(r"^\s*languages\s*:")


def missing_problems(site: StatusSite, languages: tuple[str, ...]) -> list[Problem]:
    """Every text without its translation into one of the site's languages but the default,
    at its line, in file order; an incident with no text at all in a language (its history
    from before the language was added, or one not yet started) is one problem for that
    language, at its title, listing what it lacks."""
    if len(languages) < 2:
        return []
    problems = []
    for incident in site.incidents:
        for language in languages[1:]:
            missing = list(missing_translations(incident, (language,)))
            if not missing:
                continue
            if _has(incident, language):
                problems += [
                    Problem(incident.path, m.line, describe(m, languages[0])) for m in missing
                ]
            else:
                problems.append(
                    Problem(
                        incident.path, incident.title_line or 1, untranslated(missing, languages[0])
                    )
                )
    return problems


def missing_name_problems(
    catalog: Catalog, languages: tuple[str, ...], label: str
) -> list[Problem]:
    """Every group's and component's name without its translation into one of the site's
    languages but the default, at its line of the components file (`label`), in file order."""
    problems = []
    default, others = languages[0] if languages else "", languages[1:]
    for group in catalog.groups:
        named: list[tuple[str, Group | Component]] = [("group", group)]
        named += [("component", component) for component in group.components]
        for what, item in named:
            written = dict(item.names)
            for code in others:
                if code not in written:
                    problems.append(
                        Problem(
                            label,
                            item.name_line,
                            f"the {what} name {item.name!r} has no {code} translation; expected "
                            f"its {code} name, like name: {{{default}: ..., {code}: ...}} "
                            f"(until then readers of {code} see the {default} name)",
                        )
                    )
    return problems


def untranslated(missing: list[Missing], default: str) -> str:
    """`no fr translation yet (the title, 4 messages); ...`: a whole incident to translate."""
    code = missing[0].language
    return (
        f"no {code} translation yet ({_counted(missing)}); expected its {code} texts beside the "
        f"{default} ones, like title: {{{default}: ..., {code}: ...}} (until then readers of "
        f"{code} see the {default} text)"
    )


def _counted(missing: list[Missing]) -> str:
    counts: dict[str, int] = {}
    for m in missing:
        counts[m.field] = counts.get(m.field, 0) + 1
    return ", ".join(
        f"the {name}"
        if count == 1 and name in ("title", "workaround", "body")
        else plural(count, name)
        for name, count in counts.items()
    )


def describe(missing: Missing, default: str) -> str:
    """`the title has no fr translation; expected ...`: what is missing, and how to add it."""
    code, name = missing.language, missing.field
    what = f"update {missing.update + 1}'s {name}" if missing.update is not None else f"the {name}"
    if name == "body":
        how = f"a section after a line `<!-- lang: {code} -->` below the {default} text"
    else:
        how = f"{name}: {{{default}: ..., {code}: ...}}"
    return (
        f"{what} has no {code} translation; expected its {code} text, like {how} "
        f"(until then readers of {code} see the {default} text)"
    )


def languages_option_problem(layout: SiteLayout, options: Options) -> list[Problem]:
    """The `languages` option's problem beside `theme.language`, at its line of mkdocs.yml."""
    wrong = languages_problem(options, read_site_language(layout.root))
    if wrong is None:
        return []
    path = layout.root / "mkdocs.yml"
    try:
        lines = path.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        lines = []
    line = next((n for n, text in enumerate(lines, 1) if _LANGUAGES_KEY.match(text)), 0)
    return [Problem(layout.label(path), line, f"statusgen option {wrong}")]


def translated_only(site: StatusSite, language: str) -> StatusSite:
    """The incidents with a text in `language`, as its readers see them."""
    kept = (incident for incident in site.incidents if _has(incident, language))
    return replace(site, incidents=tuple(incident_in(incident, language) for incident in kept))


def _has(incident: Incident, language: str) -> bool:
    return language in incident.translations or any(
        language in phase.translations for phase in incident.phases
    )


def each_language(site: StatusSite, languages: tuple[str, ...]) -> Iterator[StatusSite]:
    """The site as each language but the default shows it, only where it differs (an incident
    without a text in that language renders as the default language's)."""
    for language in languages[1:]:
        yield translated_only(site, language)


def print_warnings(warnings: Iterable[Problem], require_hint: bool = True) -> None:
    """Warnings on stderr (at most `WARNINGS_SHOWN`, then a count), and GitHub's warning
    annotations in Actions; nothing changes the exit status."""
    listed = sorted(warnings)
    if not listed:
        return
    for warning in listed[:WARNINGS_SHOWN]:
        print_warning(warning)
    if len(listed) > WARNINGS_SHOWN:
        print(f"and {len(listed) - WARNINGS_SHOWN:,} more warnings", file=sys.stderr)
    files = len({w.path for w in listed})
    hint = " (`require_translations: true` in mkdocs.yml makes them problems)"
    print(
        f"{plural(len(listed), 'warning')} in {plural(files, 'file')}: missing translations"
        + (hint if require_hint else ""),
        file=sys.stderr,
    )


def print_warning(warning: Problem) -> None:
    """One warning on stderr, and GitHub's warning annotation in Actions."""
    where = printable(warning.path) + (f":{warning.line}" if warning.line else "")
    print(f"{where}: warning: {printable(warning.message)}", file=sys.stderr)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        print(warning.github_annotation("warning"))


def open_missing_lines(site: StatusSite, languages: tuple[str, ...]) -> list[str]:
    """`statusgen status`' brief list: for each open incident, the translations it lacks,
    by language (`incidents/x.md: translations missing: fr: title, message x2`)."""
    lines = []
    for incident in site.incidents:
        if incident.is_closed or len(languages) < 2:
            continue
        by_language: dict[str, dict[str, int]] = {}
        for missing in missing_translations(incident, languages[1:]):
            fields = by_language.setdefault(missing.language, {})
            fields[missing.field] = fields.get(missing.field, 0) + 1
        if by_language:
            listed = "; ".join(
                f"{code}: "
                + ", ".join(name + (f" x{count}" if count > 1 else "") for name, count in f.items())
                for code, f in by_language.items()
            )
            lines.append(f"{printable(incident.path)}: translations missing: {listed}")
    return lines
