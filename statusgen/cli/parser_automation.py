"""The sub-commands of `statusgen` that CI and schedules run rather than a person: the
monitor's (`probe`, `probe-history`), the alert webhook's (`alert`) and the notifications'
(`notify`, `remind`, `ledger`), with the files they share (the probe history, notify's record)."""

from __future__ import annotations

import argparse

from statusgen.cli.arguments import time_argument
from statusgen.cli.defaults import DEFAULT_LEDGER
from statusgen.content.probehistory import DEFAULT_FILE as PROBE_HISTORY_FILE
from statusgen.monitors.history_branch import BRANCH as HISTORY_BRANCH
from statusgen.notify.ledger_branch import BRANCH

#: The payload formats of `statusgen alert` (`statusgen.alerts.payloads.READERS`).
ALERT_FORMATS = ("alertmanager", "grafana", "pagerduty", "opsgenie")


def add_watch_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`probe`, `probe-history` and `alert`: what the monitor and the alerting tools open."""
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


def add_notify_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`notify`, `remind` and `ledger`: sending the news, and the record of what was sent."""
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
