"""The responder commands: new, update, resolve, check, status."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from statusgen.alerts.held import held_alert_lines
from statusgen.cli.arguments import (
    EXIT_INVALID,
    EXIT_OK,
    UsageError,
    resolve_estimate,
    resolve_next_update,
)
from statusgen.cli.editing import IncidentEdit, print_problems, print_unfilled
from statusgen.cli.languagetexts import (
    given_fields,
    given_texts,
    message_translations,
    translated_facts,
    translated_messages,
)
from statusgen.cli.templates import (
    Facts,
    TemplateError,
    TemplateSource,
    filled_message,
    template_values,
)
from statusgen.cli.translations import open_missing_lines
from statusgen.clock import load_zone, minute_utc
from statusgen.content import SiteLayout, check_site, fieldregistry, incident_files, parse_incident
from statusgen.content.rules import ID_EXPECTED, is_id
from statusgen.content.translated import gathered
from statusgen.content.writing import (
    append_phase,
    new_incident_id,
    render_new_file,
    schema_reference,
    set_impact,
)
from statusgen.derive.audience import for_audience
from statusgen.derive.snapshot import build_snapshot
from statusgen.model import (
    Audience,
    Catalog,
    ComponentStatus,
    Impact,
    Incident,
    IncidentType,
    Phase,
    PhaseStatus,
    StatusSite,
    Window,
    frozen_mapping,
    phase_statuses_for,
)
from statusgen.monitors.state import held_lines
from statusgen.options import Options
from statusgen.options.mkdocs_yml import read_site_language
from statusgen.problems import Problem, printable
from statusgen.render.terminal import render_status


def command_new(
    args: argparse.Namespace, layout: SiteLayout, options: Options, now: datetime
) -> int:
    """Write a new incident or maintenance file and name it."""
    site, _ = check_site(layout, now)
    titles = given_texts(args, "title", layout.languages)
    workarounds = given_texts(args, "workaround", layout.languages)
    fields = given_fields(args, layout.languages)
    kind = IncidentType.MAINTENANCE if args.maintenance else IncidentType.INCIDENT
    scheduled = None
    if args.maintenance:
        if args.estimate is not None:
            raise UsageError("--estimate is for incidents; a maintenance ends with its --end")
        if args.started is not None:
            raise UsageError("--started is for incidents; a maintenance begins at its --start")
        started = None
        if args.start is None or args.end is None:
            raise UsageError("--maintenance needs --start and --end (times with offset)")
        if args.end <= args.start:
            raise UsageError("--end must be after --start")
        scheduled = Window(args.start, args.end)
        default_status = ComponentStatus.UNDER_MAINTENANCE
    else:
        if args.start or args.end:
            raise UsageError("--start and --end are for --maintenance")
        started = resolve_next_update(args.started, now, "--started", ago=True)
        if args.impact is None:
            raise UsageError("--impact is required: none, minor, major or critical")
        default_status = None
    if not args.force:
        refuse_same_title(site, args.title)
    components = parse_components(args.component, site, default_status)
    status = phase_statuses_for(kind)[0]
    impact = Impact(args.impact) if args.impact else None
    next_update = resolve_next_update(args.next_update, now)
    facts = Facts(
        title=args.title,
        component_ids=components,
        impact=impact,
        workaround=args.workaround,
        window=scheduled,
        next_update=next_update,
        estimate=estimate_of(args, now)["estimate_at"],
    )
    try:
        texts = gathered({"title": titles, "workaround": workarounds}, layout.languages[1:])
        messages = translated_messages(  # first: --message-<default> is --message
            args, layout, options, status, translated_facts(facts, texts), site.catalog
        )
        message = template_message(args, layout, options, status, facts, site.catalog)
    except TemplateError as error:
        print_problems(error.problems)
        return EXIT_INVALID
    phase = Phase(
        at=now,
        status=status,
        message=message,
        next_update_at=next_update,
        stated=fieldregistry.stated_from(vars(args)),
        translations=message_translations(messages, layout.languages, fields),
        **estimate_of(args, now),
    )
    taken = {p.stem for p in incident_files(layout, [])}
    day = scheduled.start_at if scheduled else now
    if args.incident_id is not None and not is_id(args.incident_id):
        raise UsageError(
            f"--id {printable(args.incident_id)!r} is not an id; expected {ID_EXPECTED}"
        )
    incident_id = args.incident_id or new_incident_id(args.title, day, taken)
    if incident_id in taken:
        raise UsageError(f"an incident with id {incident_id!r} exists already; choose another --id")
    folder = layout.incidents_folder / f"{day:%Y}"
    path = folder / f"{incident_id}.md"
    schema = schema_reference(layout.root, folder)
    text = render_new_file(
        args.title,
        impact,
        components,
        phase,
        scheduled,
        schema,
        started,
        Audience(args.audience),
        translations=gathered({"title": titles}, layout.languages[1:]),
        languages=layout.languages,
    )
    problems: list[Problem] = []
    parse_incident(
        text,
        incident_id,
        layout.label(path),
        site.catalog,
        now,
        problems,
        draft=True,
        languages=layout.languages,
    )
    if problems:
        print_problems(problems)
        return EXIT_INVALID
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"wrote {printable(layout.label(path))}")
    print_unfilled(text, incident_id, layout.label(path), site.catalog, now, layout.languages)
    return EXIT_OK


def refuse_same_title(site: StatusSite, title: str) -> None:
    """A usage error naming the file of an open incident with this title (case and spaces
    aside): a second `new` is far more often a retry or a teammate's than a new incident."""
    wanted = " ".join(title.split()).casefold()
    for incident in site.incidents:
        if not incident.is_closed and " ".join(incident.title.split()).casefold() == wanted:
            raise UsageError(
                f"{printable(incident.path)} is open with the same title; expected "
                f"`statusgen update {incident.id} ...` (or --force for a second incident)"
            )


def template_message(
    args: argparse.Namespace,
    layout: SiteLayout,
    options: Options,
    status: PhaseStatus,
    facts: Facts,
    catalog: Catalog,
) -> str:
    """The update's text: `--message`, else the site's template for it, filled."""
    language = read_site_language(layout.root)
    values = template_values(facts, catalog, load_zone(options.timezone), language)
    source = TemplateSource.of(layout, options, language)
    return filled_message(source, status, args, values)


def command_update(
    args: argparse.Namespace, layout: SiteLayout, options: Options, now: datetime
) -> int:
    """Append an update with the given status."""
    return append_to_incident(args, layout, options, now, PhaseStatus(args.status))


def command_resolve(
    args: argparse.Namespace, layout: SiteLayout, options: Options, now: datetime
) -> int:
    """Append the final update: resolved (incident) or completed (maintenance)."""
    if args.estimate is not None:
        raise UsageError(
            "--estimate is not for the final update: resolving ends the estimated resolution; "
            "expected resolve without it (or update --status monitoring --estimate ...)"
        )
    return append_to_incident(args, layout, options, now, None)


def append_to_incident(
    args: argparse.Namespace,
    layout: SiteLayout,
    options: Options,
    now: datetime,
    status: PhaseStatus | None,
) -> int:
    """Shared by update and resolve: validate, append as text, re-validate, write. Template
    placeholders left (in this update or an earlier one) are named, not refused: `check`
    refuses them until a responder writes them in."""
    site, _ = check_site(layout, now)
    edit = IncidentEdit.open(layout, site, args.incident_id, now, draft=True)
    incident = edit.incident
    if incident is None:
        return EXIT_INVALID
    if incident.is_closed:
        raise UsageError(
            f"{edit.label}: already {incident.last_phase.status.value}; "
            "expected an open incident (post a new one to reopen)"
        )
    allowed = phase_statuses_for(incident.type)
    status = status or allowed[-1]
    if status not in allowed:
        names = ", ".join(s.value for s in allowed[:-1])
        raise UsageError(
            f"--status {status.value} is not for a {incident.type.value}; expected {names}"
        )
    at = args.at or now
    workarounds = given_texts(args, "workaround", layout.languages)
    fields = given_fields(args, layout.languages)
    components = parse_components(args.component, site, None)
    next_update = resolve_next_update(args.next_update, at)
    impact = Impact(args.impact) if getattr(args, "impact", None) else None
    facts = Facts(
        title=incident.title,
        component_ids=[*incident.affected_component_ids(), *components],
        impact=impact or incident.impact,
        workaround=args.workaround or incident.workaround,
        window=incident.scheduled,
        next_update=next_update,
        estimate=estimate_of(args, at)["estimate_at"],
        audience=incident.audience,
    )
    try:
        messages = translated_messages(  # first: --message-<default> is --message
            args,
            layout,
            options,
            status,
            translated_facts(facts, update_texts(incident, workarounds, args.workaround)),
            site.catalog,
        )
        message = template_message(args, layout, options, status, facts, site.catalog)
    except TemplateError as error:
        print_problems(error.problems)
        return EXIT_INVALID
    phase = Phase(
        at=at,
        status=status,
        message=message,
        next_update_at=next_update,
        components=frozen_mapping(components),
        stated=fieldregistry.stated_from(vars(args)),
        audience=Audience(getattr(args, "audience", Audience.PUBLIC)),
        translations=message_translations(messages, layout.languages, fields),
        **estimate_of(args, at),
    )

    def edited(text: str) -> str:
        if impact is not None and impact is not incident.impact:
            text = set_impact(text, impact)
        return append_phase(text, phase, layout.languages)

    new_text = edit.apply(edited, "with this update")
    if new_text is None:
        return EXIT_INVALID
    print(f"{printable(edit.label)}: added {status.value} update at {minute_utc(at)} UTC")
    if impact is not None and impact is not incident.impact:
        print(f"{printable(edit.label)}: impact {incident.impact.value} -> {impact.value}")
    print_unfilled(new_text, args.incident_id, edit.label, site.catalog, now, layout.languages)
    return EXIT_OK


def update_texts(
    incident: Incident, workarounds: Mapping[str, str], workaround: str | None
) -> dict[str, dict[str, str]]:
    """What each language's template of an update is filled with (language -> field -> text):
    the incident's title and workaround in that language, the workaround given on the command
    line in place of the file's (`--workaround-LANG`, else `--workaround` in every language)."""
    texts = {code: dict(own) for code, own in incident.translations.items()}
    for code in {*texts, *workarounds}:
        own = texts.setdefault(code, {})
        if code in workarounds:
            own["workaround"] = workarounds[code]
        elif workaround is not None:
            own.pop("workaround", None)
    return texts


def estimate_of(args: argparse.Namespace, at: datetime) -> dict[str, Any]:
    """`--estimate` (where the command has it) as Phase fields."""
    estimate, withdraws = resolve_estimate(getattr(args, "estimate", None), at)
    return {"estimate_at": estimate, "withdraws_estimate": withdraws}


def parse_components(
    pairs: list[tuple[str, str | None]],
    site: StatusSite,
    default: ComponentStatus | None,
) -> dict[str, ComponentStatus]:
    """`--component` arguments as a mapping, checked against the catalog and the statuses."""
    result: dict[str, ComponentStatus] = {}
    known = ", ".join(c.id for c in site.catalog.components)
    for component_id, status_text in pairs:
        if site.catalog.get(component_id) is None:
            raise UsageError(
                f"--component {component_id!r} is not in components.yml; expected one of {known}"
            )
        if status_text is None:
            if default is None:
                raise UsageError(
                    f"--component {component_id} needs a status, e.g. {component_id}=partial_outage"
                )
            result[component_id] = default
            continue
        try:
            status = ComponentStatus(status_text)
        except ValueError:
            names = ", ".join(s.value for s in ComponentStatus)
            raise UsageError(
                f"--component {component_id}={status_text}: unknown status; expected one of {names}"
            ) from None
        result[component_id] = status
    return result


def command_status(
    args: argparse.Namespace, layout: SiteLayout, options: Options, now: datetime
) -> int:
    """Print the page state; 1 (with problems listed) if the content is invalid."""
    site, problems = check_site(layout, now)
    if problems:
        print_problems(problems)
        return EXIT_INVALID
    audience = args.audience or options.audience
    color = args.color == "always" or (
        args.color == "auto" and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    )
    zone = load_zone(options.timezone)
    snapshot = build_snapshot(for_audience(site, audience), now, options.history_days, zone)
    print(render_status(snapshot, color=color), end="")
    for line in held_lines(layout.root, site) + held_alert_lines(layout.root, site):
        print(printable(line))
    for line in open_missing_lines(for_audience(site, audience), layout.languages):
        print(line)
    return EXIT_OK
