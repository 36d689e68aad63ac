"""`statusgen notify` and `statusgen remind`: send what the deploy made public, nudge about
what is overdue. Both read the content as the build did, and the record of what was sent."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from statusgen.cli.arguments import EXIT_INVALID, EXIT_OK, UsageError
from statusgen.cli.checkfull import notify_problems
from statusgen.cli.defaults import DEFAULT_LEDGER
from statusgen.cli.editing import print_problems
from statusgen.clock import load_zone
from statusgen.content import SiteLayout, check_site
from statusgen.derive.audience import for_audience
from statusgen.derive.state import build_page_state
from statusgen.model import Audience, StatusSite
from statusgen.notify.channels import SiteInfo
from statusgen.notify.context import Context, Report
from statusgen.notify.language import Speaking
from statusgen.notify.ledger import Ledger, LedgerError, locked
from statusgen.notify.ledger_branch import LedgerBranchError, fetch_ledger, save_ledger
from statusgen.notify.reminding import run_remind
from statusgen.notify.sending import run_notify
from statusgen.options import Options
from statusgen.options.mkdocs_yml import read_site_settings
from statusgen.problems import printable
from statusgen.render import urls
from statusgen.render.locale import TimeFormatter, Translator

#: Some sends failed (the summary says which): a transient failure is tried again by the next
#: run, a message refused for good (a permanent 4xx) is recorded as failed and not tried again.
#: A record (ledger) that is malformed or forged stops the run before anything is sent, with
#: EXIT_USAGE (2) and a message naming the record and the fault.
EXIT_SEND_FAILED = 3
#: Where the record of what was sent lives unless `--ledger` says otherwise.


def context_for(layout: SiteLayout, options: Options, now: datetime) -> Context:
    """The site's name, address, language and time zone, from mkdocs.yml; with
    `internal_site_url`, the internal site's own, which internal channels link to."""
    settings = read_site_settings(layout.root)
    base = settings.get("site_url")
    if not isinstance(base, str) or not base.startswith(("https://", "http://")):
        raise UsageError(
            "site_url is not set in mkdocs.yml; expected the site's address (every message "
            "links to the update on the site)"
        )
    context = _context_at(base, settings, layout, options, now)
    if options.internal_site_url:
        internal = _context_at(options.internal_site_url, settings, layout, options, now)
        context = replace(context, internal=internal)
    return context


def _context_at(
    base: str, settings: dict[str, Any], layout: SiteLayout, options: Options, now: datetime
) -> Context:
    base = base.rstrip("/") + "/"
    directory_urls = settings.get("use_directory_urls", True) is not False
    theme = settings.get("theme")
    language = theme.get("language") if isinstance(theme, dict) else None
    t = Translator(str(language or "en"))
    default = options.languages[0] if options.languages else ""
    site_urls = urls.SiteUrls.without_build(base, directory_urls)
    docs = layout.root / str(settings.get("docs_dir") or "docs")
    subscribe = (
        site_urls.absolute_page("subscribe.md") if (docs / "subscribe.md").is_file() else base
    )
    # A language's own Subscribe page, where it has one (`subscribe.fr.md`).
    subscribe_in = {
        code: site_urls.absolute_page(urls.in_language("subscribe.md", code, default))
        for code in options.languages[1:]
        if (docs / f"subscribe.{code}.md").is_file()
    }
    return Context(
        site=SiteInfo(
            name=str(settings.get("site_name") or base),
            url=base,
            indicator="none",
            description="",
            subscribe_url=subscribe,
        ),
        site_urls=site_urls,
        t=t,
        fmt=TimeFormatter(load_zone(options.timezone), t),
        now=now,
        # The default language, with the `languages` option (a channel's own: `in_language`).
        speaking=Speaking(default, default),
        subscribe_in=subscribe_in,
    )


def _loaded(
    layout: SiteLayout, options: Options, now: datetime
) -> tuple[StatusSite, Context] | None:
    site, problems = check_site(layout, now)
    if not problems:
        problems = notify_problems(layout, options, {c.id for c in site.catalog.components})
    if problems:
        print_problems(problems)
        return None
    context = context_for(layout, options, now)
    internal = context.internal
    if internal is not None:
        internal = with_state(internal, site, Audience.INTERNAL, now)
    return site, replace(with_state(context, site, Audience.PUBLIC, now), internal=internal)


def with_state(context: Context, site: StatusSite, audience: Audience, now: datetime) -> Context:
    """The context with the page's indicator and sentence as `audience` sees them."""
    state = build_page_state(for_audience(site, audience), now)
    info = context.site
    site_info = SiteInfo(
        info.name, info.url, state.indicator.value, state.sentence, info.subscribe_url
    )
    return replace(context, site=site_info)


def ledger_path(args: argparse.Namespace, layout: SiteLayout) -> Path:
    """--ledger PATH (relative to the current folder), or the default in the site's folder."""
    return Path(args.ledger) if args.ledger else layout.root / DEFAULT_LEDGER


def finish(report: Report) -> int:
    """Print the summary (also to GitHub's job summary) and choose the exit status."""
    print("statusgen: " + ("; ".join(report.lines) or "no channel configured"))
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as handle:
            handle.write("### statusgen\n\n" + "".join(f"- {printable(x)}\n" for x in report.lines))
    return EXIT_SEND_FAILED if report.failed else EXIT_OK


def command_notify(
    args: argparse.Namespace, layout: SiteLayout, options: Options, now: datetime
) -> int:
    """Send each update that became public since the last run, once, to every channel."""
    loaded = _loaded(layout, options, now)
    if loaded is None:
        return EXIT_INVALID
    site, context = loaded
    path = ledger_path(args, layout)
    try:
        if args.dry_run:
            ledger = Ledger.load(path, now)
            ledger.path = None  # a dry run records nothing
            report = run_notify(site, options.notify, context, ledger, sys.stdout, True, args.since)
        else:
            with locked(path, now) as ledger:
                report = run_notify(
                    site, options.notify, context, ledger, sys.stdout, False, args.since
                )
    except LedgerError as error:
        raise UsageError(str(error)) from None
    return finish(report)


def command_remind(
    args: argparse.Namespace, layout: SiteLayout, options: Options, now: datetime
) -> int:
    """Nudge the responders' channel about overdue incidents, once per missed promise."""
    if options.remind_channel is None:
        print(
            "statusgen: no reminders: remind_channel is not set in mkdocs.yml (set it to the "
            "name of a notify channel of the responders)"
        )
        return EXIT_OK
    loaded = _loaded(layout, options, now)
    if loaded is None:
        return EXIT_INVALID
    site, context = loaded
    channel = next(c for c in options.notify if c.name == options.remind_channel)
    path = ledger_path(args, layout)
    after = timedelta(minutes=options.remind_after)
    try:
        if args.dry_run:
            ledger = Ledger.load(path, now)
            ledger.path = None
            report = run_remind(site, channel, after, context, ledger, sys.stdout, True)
        else:
            with locked(path, now) as ledger:
                report = run_remind(site, channel, after, context, ledger, sys.stdout)
    except LedgerError as error:
        raise UsageError(str(error)) from None
    return finish(report)


def command_ledger(
    args: argparse.Namespace, layout: SiteLayout, options: Options, now: datetime
) -> int:
    """Copy the record of what was sent from its branch (fetch), or commit it there (save)."""
    path = ledger_path(args, layout)
    action = fetch_ledger if args.action == "fetch" else save_ledger
    try:
        with locked(path, now):  # not while a notify or remind run on this machine writes it
            said = action(layout.root, path, args.branch, now)
    except (LedgerError, LedgerBranchError) as error:
        raise UsageError(str(error)) from None
    print(f"statusgen: notify ledger: {said}")
    return EXIT_OK
