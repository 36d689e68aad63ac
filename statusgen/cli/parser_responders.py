"""The responders' sub-commands of `statusgen`: `new`, `update`, `resolve` and `postmortem`,
the commands that write an incident file (handlers in `commands.py` and `postmortem.py`), with
the arguments they share: each update field's option and `--audience`."""

from __future__ import annotations

import argparse

from statusgen.cli.arguments import (
    INTERFACE_LANGUAGES,
    LANGUAGE_NAMES,
    add_template_arguments,
    component_argument,
    incident_argument,
    text_argument,
    time_argument,
)
from statusgen.content import fieldregistry
from statusgen.model import Audience, Impact, PhaseStatus


def add_responder_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`new`, `update`, `resolve` and `postmortem`, in the order `--help` lists them."""
    new = commands.add_parser(
        "new",
        help="write a new incident or maintenance file",
        description="Write a new incident file with its first update.",
    )
    new.add_argument("title", type=text_argument, help="a short title readers understand")
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
        "--message",
        type=text_argument,
        help="the first update's text (default: the site's template for it, filled in)",
    )
    add_language_arguments(new, "title", "the title")
    add_language_arguments(new, "message", "the first update's text")
    add_template_arguments(new)
    add_language_arguments(new, "workaround", "--workaround")
    new.add_argument(
        "--next-update",
        metavar="WHEN",
        help="when readers get the next update: 30m, 2h or a time",
    )
    add_fact_arguments(new, estimate=True)
    new.add_argument(
        "--started",
        metavar="WHEN",
        help="when the incident began, if before now: how long ago (15m, 2h) or a time",
    )
    new.add_argument("--id", dest="incident_id", help="the file name/id (default: date and title)")
    add_audience_argument(new, "the incident: internal shows it on the internal site only")
    new.add_argument(
        "--force",
        action="store_true",
        help="write it even when an open incident has the same title",
    )
    new.add_argument("--maintenance", action="store_true", help="schedule a maintenance window")
    new.add_argument("--start", type=time_argument, help="maintenance window start (with offset)")
    new.add_argument("--end", type=time_argument, help="maintenance window end (with offset)")
    new.set_defaults(handler="commands:command_new")

    for name, helptext in (
        ("update", "append an update to an incident"),
        ("resolve", "append the final update (resolved, or completed)"),
    ):
        sub = commands.add_parser(name, help=helptext, description=helptext.capitalize() + ".")
        sub.add_argument(
            "incident_id",
            metavar="ID",
            type=incident_argument,
            help="the incident's id, or its file (incidents/2026/ID.md, ID.md)",
        )
        if name == "update":
            sub.add_argument(
                "--status",
                required=True,
                choices=[s.value for s in PhaseStatus if not s.is_final],
                help="the incident's new status",
            )
            sub.add_argument(
                "--impact",
                choices=[i.value for i in Impact],
                help="change the incident's impact from now on, e.g. escalate minor to major",
            )
            add_audience_argument(sub, "this update: internal shows it on the internal site only")
        sub.add_argument(
            "--message",
            type=text_argument,
            help="the update's text for readers (default: the site's template for it, filled in)",
        )
        add_language_arguments(sub, "message", "the update's text")
        add_template_arguments(sub)
        add_language_arguments(sub, "workaround", "--workaround")
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
            metavar="WHEN",
            help="when readers get the next update: 30m, 2h or a time",
        )
        add_fact_arguments(sub, estimate=name == "update")
        sub.add_argument("--at", type=time_argument, help="the update's time (default: now)")
        sub.set_defaults(handler=f"commands:command_{name}")

    postmortem = commands.add_parser(
        "postmortem",
        help="record a resolved incident's postmortem and add its sections to fill in",
        description="Record when a resolved incident's postmortem is published, and append its "
        "sections (impact, timeline, root cause, what we change) to the body, in the site's "
        "language, with placeholders that `statusgen check` refuses until they are filled in.",
    )
    postmortem.add_argument(
        "incident_id",
        metavar="ID",
        type=incident_argument,
        help="the incident's id, or its file (incidents/2026/ID.md, ID.md)",
    )
    postmortem.add_argument("--at", type=time_argument, help="when it is published (default: now)")
    postmortem.set_defaults(handler="postmortem:command_postmortem")


def add_language_arguments(
    sub: argparse.ArgumentParser, name: str, what: str, dest: str = ""
) -> None:
    """`--NAME-LANG TEXT` for each interface language (declared here, not read from the
    locales, so the help prints without loading them): a text in one of the site's languages,
    kept as `DEST_LANG` (`dest`: the option's own dest, when it is not `name`)."""
    for code in INTERFACE_LANGUAGES:
        sub.add_argument(
            f"--{name}-{code}",
            dest=f"{dest or name}_{code}",
            type=text_argument,
            metavar="TEXT",
            help=f"{what} in {LANGUAGE_NAMES[code]}, on a site with {code} among its languages",
        )


def add_audience_argument(sub: argparse.ArgumentParser, what: str) -> None:
    """--audience public|internal, for what a command writes (new and update)."""
    sub.add_argument(
        "--audience",
        choices=[a.value for a in Audience],
        default=Audience.PUBLIC.value,
        help=f"who sees {what} (default: public)",
    )


def add_fact_arguments(sub: argparse.ArgumentParser, *, estimate: bool) -> None:
    """Each update field's option (`--affected`, ...: content/fieldregistry.py), and
    --estimate where an estimate may be given (not on the final update)."""
    for each in fieldregistry.common():
        if each.flag is not None:
            sub.add_argument(
                each.flag, dest=each.name, type=text_argument, metavar="TEXT", help=each.help
            )
            if each.text:
                add_language_arguments(sub, each.flag.removeprefix("--"), each.flag, each.name)
    sub.add_argument(
        "--estimate",
        metavar="WHEN",
        # resolve takes it only to say why it does not (its help leaves it out).
        help="estimated resolution: 2h, 90m or a time; none withdraws an earlier one"
        if estimate
        else argparse.SUPPRESS,
    )
