"""Commands of the publishing jobs: `statusgen site-url`, where the build of an audience is
published (and the guard that keeps the internal site off the public address), and
`statusgen due`, whether the clock alone changes the site before the next scheduled run."""

from __future__ import annotations

import argparse
from datetime import datetime, timedelta

from statusgen.cli.arguments import EXIT_OK, UsageError
from statusgen.clock import load_zone, minute_utc
from statusgen.content import SiteLayout, check_site
from statusgen.derive.due import ChangeKind, clock_changes
from statusgen.model import Audience
from statusgen.options import Options
from statusgen.options.mkdocs_yml import read_site_settings
from statusgen.problems import plural, printable

#: `statusgen due`: nothing changes with the clock, a scheduled job can stop here.
EXIT_NOT_DUE = 1


def normal(url: str) -> str:
    """An address as the build links to it: with one trailing slash, the host in lower case."""
    scheme, _, rest = url.strip().partition("://")
    host, slash, path = rest.partition("/")
    return f"{scheme.lower()}://{host.lower()}/{path}".rstrip("/") + "/"


def audience_url(layout: SiteLayout, options: Options, audience: Audience) -> str:
    """The address the build of `audience` links to; for the internal audience, a usage error
    unless `internal_site_url` is set and differs from `site_url`."""
    site_url = read_site_settings(layout.root).get("site_url")
    public = normal(site_url) if isinstance(site_url, str) and site_url else None
    if audience is Audience.PUBLIC:
        if public is None:
            raise UsageError("site_url is not set in mkdocs.yml; expected the site's address")
        return public
    if not options.internal_site_url:
        raise UsageError(
            "internal_site_url is not set (statusgen's options in mkdocs.yml); expected the "
            "internal site's own address, so that the internal build never links to, or is "
            "published at, the public one"
        )
    internal = normal(options.internal_site_url)
    if internal == public:
        raise UsageError(
            f"internal_site_url {printable(internal)} is the public site_url; expected the "
            "internal site's own address (publishing the internal site there would make "
            "internal incidents public)"
        )
    return internal


def command_site_url(
    args: argparse.Namespace, layout: SiteLayout, options: Options, now: datetime
) -> int:
    """Print the address of the audience's site, or refuse an internal site without its own."""
    print(audience_url(layout, options, Audience(args.audience)))
    return EXIT_OK


#: What each kind of change does to the page, for `statusgen due`.
CHANGE_WORDS = {
    ChangeKind.OPEN: "is open: its duration, estimate and overdue notice move with the clock",
    ChangeKind.WINDOW_START: "maintenance window opens",
    ChangeKind.WINDOW_END: "maintenance window closes",
    ChangeKind.UPDATE: "an update's time is reached",
    ChangeKind.DAY: "a new day: the uptime bars move on, old updates leave the bars and lists",
}


def command_due(
    args: argparse.Namespace, layout: SiteLayout, options: Options, now: datetime
) -> int:
    """Exit 0 and say why when the clock alone changes the site within --within of now (since
    the previous scheduled run, or before the next); exit 1 when it does not, and a scheduled
    job can end there. Both audiences count; invalid content is due (the build says why)."""
    site, problems = check_site(layout, now)
    if problems:
        print(f"due: {plural(len(problems), 'problem')} in the content; the build says which")
        return EXIT_OK
    within: timedelta = args.within
    changes = clock_changes(site, now, within, load_zone(options.timezone))
    for change in changes:
        subject = f"{change.incident_id}: " if change.incident_id else ""
        when = "now" if change.at == now else minute_utc(change.at) + " UTC"
        print(f"due: {when}: {subject}{CHANGE_WORDS[change.kind]}")
    if changes:
        return EXIT_OK
    print(
        f"not due: nothing changes with the clock from {minute_utc(now - within)} to "
        f"{minute_utc(now + within)} UTC"
    )
    return EXIT_NOT_DUE
