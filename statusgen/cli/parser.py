"""The `statusgen` argument parser: one sub-command per responder task.

The responders' commands are added by `parser_responders.py`, those CI runs (probe, alert,
notify) by `parser_automation.py`; the site's own (init, check, status, due, import) here.
Each sub-command names its handler as "module:function" of `statusgen.cli`, imported only
when that command runs (`handler_of`): `statusgen --version` and `--help` load no command.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from importlib import import_module
from typing import Any

from statusgen import __version__
from statusgen.cli.arguments import duration_argument, text_argument, time_argument
from statusgen.cli.defaults import DEFAULT_REPORT, HOSTS, PRIVATE_PLANS
from statusgen.cli.parser_automation import add_notify_commands, add_watch_commands
from statusgen.cli.parser_responders import add_responder_commands
from statusgen.cli.parser_schemas import add_schemas_command
from statusgen.importers import FORMAT_NAMES
from statusgen.model import Audience


def handler_of(name: str) -> Callable[..., Any]:
    """The function a sub-command's "module:function" names, imported now."""
    module, _, function = name.partition(":")
    handler: Callable[..., Any] = getattr(import_module(f"statusgen.cli.{module}"), function)
    return handler


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
        metavar="DIR",
        help="run in DIR instead of the current folder; either way the site is the nearest "
        "folder at or above it with mkdocs.yml or components.yml",
    )
    parser.add_argument(
        "--now",
        type=time_argument,
        metavar="TIME",
        help="act as if it were TIME (default: the clock, or SOURCE_DATE_EPOCH)",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    add_responder_commands(commands)

    init = commands.add_parser(
        "init",
        help="start a new status site of your own",
        description="Write a new status site: mkdocs.yml, components.yml, incidents/, docs/, "
        "templates/ (message templates in its language), "
        "workflows, code owners and a README. Asks in a terminal for what the options do not "
        "say; refuses to overwrite files unless --force.",
    )
    init.add_argument("target", nargs="?", default=".", metavar="DIR", help="where (default: here)")
    init.add_argument("--name", type=text_argument, help='the page\'s name, e.g. "Acme Status"')
    init.add_argument("--url", help="the site's address (site_url), e.g. https://status.acme.com/")
    init.add_argument("--timezone", help="IANA time zone for times without JavaScript (UTC)")
    init.add_argument("--language", help="the interface's language: en, fr, nl or de (en)")
    init.add_argument("--contact", help="where readers ask: a URL or an e-mail address")
    init.add_argument(
        "--component",
        action="append",
        metavar="ID=NAME",
        type=text_argument,
        help="a component readers see (repeatable), e.g. api=Public API",
    )
    init.add_argument(
        "--statusgen-requirement",
        metavar="SPEC",
        help="how CI installs statusgen (requirements.txt): one pinned requirement, e.g. "
        "'statusgen==1.2.0' or 'statusgen @ git+https://github.com/OWNER/statusgen@COMMIT' "
        "(default: $STATUSGEN_REQUIREMENT, else as this statusgen was installed)",
    )
    init.add_argument(
        "--host",
        choices=HOSTS,
        default="github",
        help="github: .github/ workflows and Dependabot (default); gitlab: .gitlab-ci.yml",
    )
    init.add_argument(
        "--private",
        metavar="PLAN",
        choices=("free", *PRIVATE_PLANS),
        help="a private GitHub repository on this plan (pro, team or enterprise; free cannot "
        "publish one): the schedule then fits the plan's Actions minutes",
    )
    init.add_argument("--force", action="store_true", help="overwrite files that exist")
    init.add_argument("--no-input", action="store_true", help="never ask; use the defaults")

    check = commands.add_parser(
        "check",
        help="validate every file; exit 1 on problems",
        description="Validate components.yml and every incident file.",
    )
    check.set_defaults(handler="checking:command_check")
    add_schemas_command(commands)

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
    status.set_defaults(handler="commands:command_status")

    add_watch_commands(commands)

    site_url = commands.add_parser(
        "site-url",
        help="print where the site of an audience is published; refuse an unsafe internal one",
        description="Print the address the build of AUDIENCE links to: site_url, or for the "
        "internal site internal_site_url. Exit 2 when the internal site has no address of its "
        "own (internal_site_url unset, or the same as site_url): run it before publishing the "
        "internal site, so that it never goes to the public address.",
    )
    site_url.add_argument(
        "--audience",
        choices=[a.value for a in Audience],
        default=Audience.PUBLIC.value,
        help="whose site (default: public)",
    )
    site_url.set_defaults(handler="publishing:command_site_url")

    due = commands.add_parser(
        "due",
        help="say whether the clock alone changes the site around now (exit 0) or not (1)",
        description="Exit 0, printing why, when something the site shows changes with the "
        "clock alone from DURATION before now to DURATION after (a maintenance window opens "
        "or closes, an incident is open, a new day moves the uptime bars on, an update posted "
        "ahead reaches its time); exit 1 when nothing does. A schedule that runs every "
        "DURATION asks first, and publishes only when it is due.",
    )
    due.add_argument(
        "--within",
        required=True,
        type=duration_argument,
        metavar="DURATION",
        help="the schedule's interval: 30m, 2h, 1d",
    )
    due.set_defaults(handler="publishing:command_due")

    add_notify_commands(commands)

    imports = commands.add_parser(
        "import",
        help="import another status page's components and incidents",
        description="Write components.yml entries and incident files from another status "
        "page: statuspage (its public v2 JSON), cstate (a cState site), statusfy (a Statusfy "
        "site) or upptime (an Upptime repository with its issues as JSON). Every repair and "
        "everything the format cannot hold goes to a JSON report.",
    )
    imports.add_argument("format", choices=FORMAT_NAMES, help="the source's kind")
    imports.add_argument("source", metavar="SOURCE", help="the source's file or folder")
    imports.add_argument(
        "-C",
        dest="directory",
        metavar="SITE",
        default=argparse.SUPPRESS,
        help="the site to import into (as statusgen -C SITE)",
    )
    imports.add_argument(
        "--dry-run", action="store_true", help="show what would be written; write nothing"
    )
    imports.add_argument(
        "--force",
        action="store_true",
        help="overwrite incident files that exist with other content",
    )
    imports.add_argument(
        "--report",
        metavar="PATH",
        help=f"where the JSON report goes (default: {DEFAULT_REPORT} in the site; none on a "
        "dry run unless given)",
    )
    imports.add_argument(
        "--language",
        metavar="CODE",
        help="the language the source's texts are in, if not the site's default (docs/import.md)",
    )
    imports.set_defaults(handler="importing:command_import")
    return parser
