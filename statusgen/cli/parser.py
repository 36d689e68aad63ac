"""The `statusgen` argument parser: one sub-command per responder task.

Each sub-command names its handler as "module:function" of `statusgen.cli`, imported only
when that command runs (`handler_of`): `statusgen --version` and `--help` load no command.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from importlib import import_module
from typing import Any

from statusgen import __version__
from statusgen.cli.arguments import (
    add_template_arguments,
    component_argument,
    duration_argument,
    incident_argument,
    text_argument,
    time_argument,
)
from statusgen.cli.defaults import DEFAULT_LEDGER, DEFAULT_REPORT, HOSTS, PRIVATE_PLANS
from statusgen.content import fieldregistry
from statusgen.content.probehistory import DEFAULT_FILE as PROBE_HISTORY_FILE
from statusgen.importers import FORMAT_NAMES
from statusgen.model import Audience, Impact, PhaseStatus
from statusgen.monitors.history_branch import BRANCH as HISTORY_BRANCH
from statusgen.notify.ledger_branch import BRANCH

#: The payload formats of `statusgen alert` (`statusgen.alerts.payloads.READERS`).
ALERT_FORMATS = ("alertmanager", "grafana", "pagerduty", "opsgenie")


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
    add_template_arguments(new)
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
        add_template_arguments(sub)
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

    probe = commands.add_parser(
        "probe",
        help="run every monitor once; open or resolve the monitor's incidents",
        description="Run the checks of components.yml's monitors once, at once and bounded in "
        "time; after the set number of failures open an incident (opened_by: monitor), after "
        "the set number of passes resolve it unless a person posted on it. Exit 0 when every "
        "probed component is up, 1 when one is down, 2 on a configuration error.",
    )
    probe.add_argument(
        "--allow-private",
        action="store_true",
        help="allow targets at loopback, private and link-local addresses (never cloud "
        "metadata addresses); only where components.yml is trusted",
    )
    probe.add_argument(
        "--deadline",
        type=float,
        default=120.0,
        metavar="SECONDS",
        help="end the whole run after SECONDS; a check not done is a failure (default: 120)",
    )
    probe.add_argument(
        "--state",
        metavar="FILE",
        help="the probe's state file (default: .statusgen/probe-state.json in the site)",
    )
    probe.add_argument(
        "--all", action="store_true", help="probe every component, due or not (see interval)"
    )
    add_history_argument(probe)
    probe.set_defaults(handler="probing:command_probe")

    probe_history = commands.add_parser(
        "probe-history",
        help="fetch the probe history from its git branch, or save it there",
        description="Keep the probe history (response times, checks and failures per day) on "
        "an orphan branch of the site's repository, for CI where no file outlives the job: "
        "`fetch` before probe and the build, `save` after probe. Both merge what the other "
        "side holds. With TOKEN set, git sends it to origin as the credentials of these two "
        "calls only.",
    )
    probe_history.add_argument(
        "action",
        choices=("fetch", "save"),
        help="fetch: merge it from the branch (none yet: a first run); save: commit and push it",
    )
    probe_history.add_argument(
        "--branch",
        default=HISTORY_BRANCH,
        metavar="NAME",
        help=f"the branch (default: {HISTORY_BRANCH})",
    )
    add_history_argument(probe_history)
    probe_history.set_defaults(handler="probing:command_probe_history")

    alert = commands.add_parser(
        "alert",
        help="turn an alert webhook's payload into an incident, an update or nothing",
        description="Read an alerting tool's webhook payload (Prometheus Alertmanager, Grafana "
        "alerting, PagerDuty v3 webhooks, Opsgenie's webhook integration) and, by the rules "
        "of the alerts option in mkdocs.yml, open an incident (opened_by: alert) for a firing "
        "alert of a component with none open, or resolve the alert's incident when it "
        "resolves, unless a person posted on it. An alert no rule matches changes nothing. "
        "Exit 0 when done, 2 on a malformed payload or content to fix first.",
    )
    alert.add_argument(
        "format", choices=ALERT_FORMATS, metavar="FORMAT", help=", ".join(ALERT_FORMATS)
    )
    alert.add_argument("payload", metavar="PAYLOAD", help="the payload's JSON file, or - for stdin")
    alert.set_defaults(handler="alerting:command_alert")

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

    notify = commands.add_parser(
        "notify",
        help="send each newly published update to chat, webhooks and e-mail",
        description="Send each update that became public since the last run, once, to every "
        "channel of the notify option (run it after a deploy succeeded). Exit 3 if a send "
        "failed (the next run tries it again).",
    )
    notify.add_argument(
        "--dry-run", action="store_true", help="print exactly what would be sent; send nothing"
    )
    notify.add_argument(
        "--since",
        type=time_argument,
        metavar="TIME",
        help="send again every update posted at or after TIME, even if it was sent",
    )
    add_ledger_argument(notify)
    notify.set_defaults(handler="notifying:command_notify")

    remind = commands.add_parser(
        "remind",
        help="nudge the responders when an open incident's update is overdue",
        description="Tell the remind_channel when an open incident's promised next update has "
        "passed, or it has had no update for remind_after minutes; once per missed promise.",
    )
    remind.add_argument("--dry-run", action="store_true", help="print the nudges; send nothing")
    add_ledger_argument(remind)
    remind.set_defaults(handler="notifying:command_remind")

    ledger = commands.add_parser(
        "ledger",
        help="fetch the record of what was sent from its git branch, or save it there",
        description="Keep notify's record of what was sent on an orphan branch of the site's "
        "repository (one file of hashes), for CI where no file outlives the job: `fetch` before "
        "notify and remind, `save` after. Save merges what another run pushed meanwhile. With "
        "TOKEN set, git sends it to origin as the credentials of these two calls only.",
    )
    ledger.add_argument(
        "action",
        choices=("fetch", "save"),
        help="fetch: copy it from the branch (none yet: a first run); save: commit and push it",
    )
    ledger.add_argument(
        "--branch", default=BRANCH, metavar="NAME", help=f"the branch (default: {BRANCH})"
    )
    add_ledger_argument(ledger)
    ledger.set_defaults(handler="notifying:command_ledger")

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
    imports.set_defaults(handler="importing:command_import")
    return parser


def add_audience_argument(sub: argparse.ArgumentParser, what: str) -> None:
    """--audience public|internal, for what a command writes (new and update)."""
    sub.add_argument(
        "--audience",
        choices=[a.value for a in Audience],
        default=Audience.PUBLIC.value,
        help=f"who sees {what} (default: public)",
    )


def add_history_argument(sub: argparse.ArgumentParser) -> None:
    """--history, the probe history's file (probe and probe-history)."""
    sub.add_argument(
        "--history",
        metavar="PATH",
        help="the probe history (default: the probe_history option, "
        f"{PROBE_HISTORY_FILE} in the site)",
    )


def add_ledger_argument(sub: argparse.ArgumentParser) -> None:
    """--ledger, the file of notify's record of what was sent (notify, remind and ledger)."""
    sub.add_argument(
        "--ledger",
        metavar="PATH",
        help=f"the record of what was sent (default: {DEFAULT_LEDGER.as_posix()})",
    )


def add_fact_arguments(sub: argparse.ArgumentParser, *, estimate: bool) -> None:
    """Each update field's option (`--affected`, ...: content/fieldregistry.py), and
    --estimate where an estimate may be given (not on the final update)."""
    for each in fieldregistry.common():
        if each.flag is not None:
            sub.add_argument(
                each.flag, dest=each.name, type=text_argument, metavar="TEXT", help=each.help
            )
    sub.add_argument(
        "--estimate",
        metavar="WHEN",
        # resolve takes it only to say why it does not (its help leaves it out).
        help="estimated resolution: 2h, 90m or a time; none withdraws an earlier one"
        if estimate
        else argparse.SUPPRESS,
    )
