"""The `statusgen` command: new, update, resolve, check, status.

Exit status: 0 success, 1 invalid content, 2 usage (bad arguments, unknown incident).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from statusgen import __version__
from statusgen.audience import for_audience
from statusgen.authoring import (
    AuthoringError,
    append_phase,
    new_incident_id,
    placeholder,
    render_new_file,
)
from statusgen.load import SiteLayout, check_site, incident_files, parse_incident
from statusgen.model import (
    Audience,
    ComponentStatus,
    Impact,
    IncidentType,
    Phase,
    PhaseStatus,
    StatusSite,
    Window,
    frozen_mapping,
    phase_statuses_for,
)
from statusgen.problems import Problem, format_problems
from statusgen.siteconfig import SiteConfigError, SiteOptions, read_site_options
from statusgen.statusreport import render_status
from statusgen.yamlnodes import parse_time

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad arguments or a missing incident: exit 2 with this message."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        now = args.now or clock_now()
        root = Path(args.directory)
        if not root.is_dir():
            raise UsageError(f"-C {args.directory}: no such folder")
        options = read_site_options(root)
        prefix = "" if args.directory in (".", "") else args.directory.rstrip("/") + "/"
        layout = options.layout(root, label_prefix=prefix)
        return int(args.handler(args, layout, options, now))
    except (UsageError, SiteConfigError) as error:
        print(f"statusgen: {error}", file=sys.stderr)
        return EXIT_USAGE


def clock_now() -> datetime:
    """Now in UTC, or SOURCE_DATE_EPOCH when set (reproducible builds and tests)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), UTC)
        except ValueError:
            raise UsageError(
                f"SOURCE_DATE_EPOCH={epoch!r}; expected whole seconds since 1970"
            ) from None
    return datetime.now(UTC).replace(microsecond=0)


# -- argument types ----------------------------------------------------------------------------
def time_argument(text: str) -> datetime:
    """An ISO 8601 time with offset, for --at, --start, --end, --next-update, --now."""
    parsed, reason = parse_time(text)
    if parsed is None:
        raise argparse.ArgumentTypeError(
            f"{text!r} {reason}; expected a time like 2026-11-22T14:03:00Z"
        )
    return parsed


def duration_or_time(text: str) -> str:
    """Kept as text; resolved against the phase time later (e.g. 30m, 2h or a time)."""
    return text


def resolve_next_update(text: str | None, at: datetime) -> datetime | None:
    """`--next-update 30m` (minutes/hours after the update) or an absolute time."""
    if text is None:
        return None
    units = {"m": 1, "h": 60}
    if text[-1:] in units and text[:-1].isdigit():
        return at + timedelta(minutes=int(text[:-1]) * units[text[-1]])
    parsed, reason = parse_time(text)
    if parsed is None:
        raise UsageError(f"--next-update {text!r} {reason}; expected 30m, 2h or a time with offset")
    return parsed


def component_argument(text: str) -> tuple[str, str | None]:
    """`api=partial_outage` (or just `api` for maintenance)."""
    component_id, _, status = text.partition("=")
    return component_id.strip(), (status.strip() or None)


# -- parser ------------------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with one sub-command per responder task."""
    parser = argparse.ArgumentParser(
        prog="statusgen",
        description="Write and check the incident files of a statusgen status site.",
        epilog="Build and preview the site with mkdocs build --strict and mkdocs serve.",
    )
    parser.add_argument("--version", action="version", version=f"statusgen {__version__}")
    parser.add_argument(
        "-C",
        dest="directory",
        default=".",
        metavar="DIR",
        help="run in DIR (the folder with mkdocs.yml or components.yml)",
    )
    parser.add_argument(
        "--now",
        type=time_argument,
        metavar="TIME",
        help="act as if it were TIME (default: the clock, or SOURCE_DATE_EPOCH)",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    new = commands.add_parser(
        "new",
        help="write a new incident or maintenance file",
        description="Write a new incident file with its first update.",
    )
    new.add_argument("title", help="a short title readers understand")
    new.add_argument(
        "--component",
        action="append",
        default=[],
        metavar="ID=STATUS",
        type=component_argument,
        help="an affected component and its status (repeatable), e.g. api=partial_outage; "
        "for maintenance just the id",
    )
    new.add_argument(
        "--impact",
        choices=[i.value for i in Impact],
        help="none, minor, major or critical (required for incidents)",
    )
    new.add_argument(
        "--message", help="the first update's text (default: a placeholder to fill in)"
    )
    new.add_argument(
        "--next-update",
        type=duration_or_time,
        metavar="WHEN",
        help="when readers get the next update: 30m, 2h or a time",
    )
    new.add_argument("--id", dest="incident_id", help="the file name/id (default: date and title)")
    new.add_argument("--maintenance", action="store_true", help="schedule a maintenance window")
    new.add_argument("--start", type=time_argument, help="maintenance window start (with offset)")
    new.add_argument("--end", type=time_argument, help="maintenance window end (with offset)")
    new.set_defaults(handler=command_new)

    for name, helptext in (
        ("update", "append an update to an incident"),
        ("resolve", "append the final update (resolved, or completed)"),
    ):
        sub = commands.add_parser(name, help=helptext, description=helptext.capitalize() + ".")
        sub.add_argument(
            "incident_id", metavar="ID", help="the incident's id (its file name without .md)"
        )
        if name == "update":
            sub.add_argument(
                "--status",
                required=True,
                choices=[s.value for s in PhaseStatus if not s.is_final],
                help="the incident's new status",
            )
        sub.add_argument("--message", required=True, help="the update's text for readers")
        sub.add_argument(
            "--component",
            action="append",
            default=[],
            metavar="ID=STATUS",
            type=component_argument,
            help="a component whose status changes from now on (repeatable)",
        )
        sub.add_argument(
            "--next-update",
            type=duration_or_time,
            metavar="WHEN",
            help="when readers get the next update: 30m, 2h or a time",
        )
        sub.add_argument("--at", type=time_argument, help="the update's time (default: now)")
        sub.set_defaults(handler=command_update if name == "update" else command_resolve)

    check = commands.add_parser(
        "check",
        help="validate every file; exit 1 on problems",
        description="Validate components.yml and every incident file.",
    )
    check.set_defaults(handler=command_check)

    status = commands.add_parser(
        "status",
        help="print the current state of the page",
        description="Print the page indicator, open incidents, "
        "maintenance and every component's status.",
    )
    status.add_argument(
        "--audience",
        choices=[a.value for a in Audience],
        help="whose view to print (default: the site's audience)",
    )
    status.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the output (default: when printing to a terminal)",
    )
    status.set_defaults(handler=command_status)
    return parser


# -- commands ----------------------------------------------------------------------------------
def command_check(
    args: argparse.Namespace, layout: SiteLayout, options: SiteOptions, now: datetime
) -> int:
    """Print every problem (and GitHub annotations in Actions); 1 if there is any."""
    site, problems = check_site(layout, now)
    if not problems:
        count = len(site.incidents)
        print(
            f"statusgen: {len(site.catalog.components)} components and "
            f"{count} incident files are valid"
        )
        return EXIT_OK
    print_problems(problems)
    return EXIT_INVALID


def print_problems(problems: list[Problem]) -> None:
    """Problems on stderr, plus GitHub annotations on stdout when running in Actions."""
    print(format_problems(problems), file=sys.stderr)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in problems:
            print(problem.github_annotation())


def command_new(
    args: argparse.Namespace, layout: SiteLayout, options: SiteOptions, now: datetime
) -> int:
    """Write a new incident or maintenance file and name it."""
    site, _ = check_site(layout, now)
    kind = IncidentType.MAINTENANCE if args.maintenance else IncidentType.INCIDENT
    scheduled = None
    if args.maintenance:
        if args.start is None or args.end is None:
            raise UsageError("--maintenance needs --start and --end (times with offset)")
        if args.end <= args.start:
            raise UsageError("--end must be after --start")
        scheduled = Window(args.start, args.end)
        default_status = ComponentStatus.UNDER_MAINTENANCE
    else:
        if args.start or args.end:
            raise UsageError("--start and --end are for --maintenance")
        if args.impact is None:
            raise UsageError("--impact is required: none, minor, major or critical")
        default_status = None
    components = parse_components(args.component, site, kind, default_status, initial=True)
    status = phase_statuses_for(kind)[0]
    phase = Phase(
        at=now,
        status=status,
        message=args.message or placeholder(status),
        next_update_at=resolve_next_update(args.next_update, now),
    )
    impact = Impact(args.impact) if args.impact else None
    text = render_new_file(args.title, impact, components, phase, scheduled)
    taken = {p.stem for p in incident_files(layout, [])}
    day = scheduled.start_at if scheduled else now
    incident_id = args.incident_id or new_incident_id(args.title, day, taken)
    if incident_id in taken:
        raise UsageError(f"an incident with id {incident_id!r} exists already; choose another --id")
    folder = layout.root / layout.incidents_dir
    if (folder / f"{day:%Y}").is_dir():
        folder = folder / f"{day:%Y}"
    path = folder / f"{incident_id}.md"
    problems: list[Problem] = []
    parse_incident(text, incident_id, layout.label(path), site.catalog, now, problems)
    unexpected = [p for p in problems if "placeholder" not in p.message]
    if unexpected:
        print_problems(unexpected)
        return EXIT_INVALID
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"wrote {layout.label(path)}")
    if not args.message:
        print("next: replace the TODO message in it, then run `statusgen check`")
    return EXIT_OK


def command_update(
    args: argparse.Namespace, layout: SiteLayout, options: SiteOptions, now: datetime
) -> int:
    """Append an update with the given status."""
    return append_to_incident(args, layout, now, PhaseStatus(args.status))


def command_resolve(
    args: argparse.Namespace, layout: SiteLayout, options: SiteOptions, now: datetime
) -> int:
    """Append the final update: resolved (incident) or completed (maintenance)."""
    return append_to_incident(args, layout, now, None)


def append_to_incident(
    args: argparse.Namespace, layout: SiteLayout, now: datetime, status: PhaseStatus | None
) -> int:
    """Shared by update and resolve: validate, append as text, re-validate, write."""
    site, _ = check_site(layout, now)
    path = find_incident_file(layout, args.incident_id)
    label = layout.label(path)
    text = path.read_text(encoding="utf-8")
    problems: list[Problem] = []
    incident = parse_incident(text, args.incident_id, label, site.catalog, now, problems)
    if incident is None:
        print(f"statusgen: fix {label} first:", file=sys.stderr)
        print_problems(problems)
        return EXIT_INVALID
    if incident.is_closed:
        raise UsageError(
            f"{label}: already {incident.last_phase.status.value}; "
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
    phase = Phase(
        at=at,
        status=status,
        message=args.message,
        next_update_at=resolve_next_update(args.next_update, at),
        components=frozen_mapping(
            parse_components(args.component, site, incident.type, None, initial=False)
        ),
    )
    try:
        new_text = append_phase(text, phase)
    except AuthoringError as error:
        print(f"{label}: {error}", file=sys.stderr)
        return EXIT_INVALID
    problems = []
    if parse_incident(new_text, args.incident_id, label, site.catalog, now, problems) is None:
        print_problems(problems)
        return EXIT_INVALID
    path.write_text(new_text, encoding="utf-8")
    print(f"{label}: added {status.value} update at {at:%Y-%m-%d %H:%M} UTC")
    return EXIT_OK


def find_incident_file(layout: SiteLayout, incident_id: str) -> Path:
    """The file of an incident id, or a usage error naming close matches."""
    files = incident_files(layout, [])
    for path in files:
        if path.stem == incident_id:
            return path
    close = [p.stem for p in files if incident_id in p.stem][:5]
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise UsageError(
        f"no incident {incident_id!r} in {layout.label(layout.root / layout.incidents_dir)}{hint}"
    )


def parse_components(
    pairs: list[tuple[str, str | None]],
    site: StatusSite,
    kind: IncidentType,
    default: ComponentStatus | None,
    initial: bool,
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
    args: argparse.Namespace, layout: SiteLayout, options: SiteOptions, now: datetime
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
    print(render_status(for_audience(site, audience), now, color=color), end="")
    return EXIT_OK
