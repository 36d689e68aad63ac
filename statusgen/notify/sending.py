"""Running notify and remind: which notices are due for which channel, sending each once, and
the summary of what happened."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from html import escape
from typing import TextIO

from statusgen.derive.audience import for_audience
from statusgen.derive.overdue import overdue
from statusgen.model import Audience, Incident, Phase, StatusSite
from statusgen.notify.backends import Prepared, prepare
from statusgen.notify.channels import SiteInfo
from statusgen.notify.delivery import Retrying
from statusgen.notify.ledger import CLAIMED, Ledger
from statusgen.notify.updates import Notice, components_at, event_id, published_notices
from statusgen.options.notify import ChannelOptions
from statusgen.render import urls
from statusgen.render.locale import TimeFormatter, Translator
from statusgen.render.markup import MarkdownRenderer

#: On a channel's first run (or after the ledger is lost), updates posted within this time
#: before the run are still sent; older ones are history and are only recorded.
FIRST_RUN_GRACE = timedelta(minutes=30)


@dataclass(frozen=True)
class Context:
    """What every message needs to know about the site and the run."""

    site: SiteInfo
    site_urls: urls.SiteUrls
    t: Translator
    fmt: TimeFormatter
    now: datetime
    policy: Retrying = field(default_factory=Retrying)
    #: The internal site's own context (its `internal_site_url`), if it has one.
    internal: Context | None = None

    def for_channel(self, channel: ChannelOptions) -> Context:
        """The one choice of a channel's link base: the internal site for an internal channel
        (when the site has one), the site's own address otherwise."""
        return self.internal if channel.is_internal and self.internal is not None else self


@dataclass
class Report:
    """What a run did, per channel."""

    lines: list[str] = field(default_factory=list)
    failed: int = 0
    sent: int = 0

    def add(self, text: str) -> None:
        """One line of the summary."""
        self.lines.append(text)


def wants(channel: ChannelOptions) -> Callable[[Incident, Phase], bool]:
    """The channel's filters: its components (any of them touched) and its least impact
    (maintenance always passes: its impact is usually none)."""

    def keep(incident: Incident, phase: Phase) -> bool:
        if channel.components and not set(channel.components) & set(
            incident.affected_component_ids()
        ):
            return False
        if incident.is_maintenance:
            return True
        return incident.impact.severity >= channel.min_impact.severity

    return keep


def view_for(site: StatusSite, channel: ChannelOptions) -> StatusSite:
    """What a channel may see: everything for an internal channel, the public view otherwise,
    whatever the site's own audience is."""
    return for_audience(site, Audience.INTERNAL if channel.is_internal else Audience.PUBLIC)


def prepared(channel: ChannelOptions, notice: Notice, context: Context) -> Prepared:
    """The one message `channel` sends for `notice` (sent as is, or shown by --dry-run)."""
    if notice.internal and not channel.is_internal:  # the public view has none: a last guard
        raise AssertionError(f"internal notice {notice.id} for public channel {channel.name}")
    return prepare(channel, notice, context.site, context.now)


def usable(channels: Iterable[ChannelOptions], report: Report, out: TextIO) -> list[ChannelOptions]:
    """The channels whose secrets are set; a warning naming the variable for each other."""
    kept = []
    for channel in channels:
        if channel.missing:
            names = ", ".join(channel.missing)
            print(
                f"statusgen: warning: notify channel {channel.name!r} skipped: {names} not set",
                file=out,
            )
            report.add(f"{channel.name}: skipped ({names} not set)")
            continue
        kept.append(channel)
    return kept


def run_notify(
    site: StatusSite,
    channels: Iterable[ChannelOptions],
    context: Context,
    ledger: Ledger,
    out: TextIO,
    dry_run: bool = False,
    since: datetime | None = None,
) -> Report:
    """Send every update due for each channel, once; print what is sent (or, dry, would be)."""
    report = Report()
    # One renderer per audience: it caches texts by incident id, and the views differ.
    renderers = {False: MarkdownRenderer(), True: MarkdownRenderer()}
    for channel in usable(channels, report, out):
        markdown = renderers[channel.is_internal]
        baseline = ledger.baseline(channel.name)
        first_run = baseline is None
        cutoff = (baseline or context.now) - FIRST_RUN_GRACE
        view = view_for(site, channel)
        links = context.for_channel(channel)
        keep = wants(channel)
        sent = failed = 0
        if first_run and not dry_run:
            ledger.set_baseline(channel.name, context.now)
            ledger.save()

        unconfirmed: list[str] = []

        def due(
            incident: Incident,
            phase: Phase | None,
            event: str,
            at: datetime,
            keep: Callable[[Incident, Phase], bool] = keep,
            cutoff: datetime = cutoff,
            name: str = channel.name,
            unconfirmed: list[str] = unconfirmed,
        ) -> bool:
            if not keep(incident, incident.last_phase if phase is None else phase):
                return False
            if since is not None:
                return at >= since
            state = ledger.state(name, event)
            if state == CLAIMED:
                unconfirmed.append(event)
            return at > cutoff and state is None

        notices = published_notices(
            view, context.now, links.site_urls, context.t, context.fmt, markdown, due
        )
        for notice in notices:
            if dry_run:
                print(f"--- {channel.name} ({channel.type}): {notice.id}", file=out)
                print(prepared(channel, notice, links).shown(), file=out)
                sent += 1
                continue
            ledger.claim(channel.name, notice.id)
            outcome = prepared(channel, notice, links).send(context.policy)
            if outcome.ok:
                ledger.sent(channel.name, notice.id)
                sent += 1
                print(f"{channel.name}: sent {notice.id} ({outcome.detail})", file=out)
            else:
                ledger.release(channel.name, notice.id)
                failed += 1
                print(
                    f"statusgen: {channel.name}: FAILED {notice.id}: {outcome.detail} "
                    f"after {outcome.attempts} attempt(s); the next run tries again",
                    file=out,
                )
                # The channel is down or refusing: its later updates wait for the next run
                # too (in order, and without each retrying for as long again).
                held = sum(1 for _ in notices)
                if held:
                    print(
                        f"statusgen: {channel.name}: {held} later update(s) held for the next run",
                        file=out,
                    )
                    failed += held
                break
        verb = "would send" if dry_run else "sent"
        line = f"{channel.name}: {sent} {verb}, {failed} failed"
        if first_run:
            line += " (first run: earlier updates are history, not sent)"
        if unconfirmed:
            line += (
                f"; {len(unconfirmed)} claimed by a run that stopped before confirming, not resent"
                f" (--since resends): {', '.join(unconfirmed)}"
            )
        report.add(line)
        report.sent += sent
        report.failed += failed
    return report


def reminder(
    found: Incident,
    last_index: int,
    reason: str,
    since: datetime,
    site: StatusSite,
    context: Context,
    internal: bool,
) -> Notice:
    """The nudge to the responders about one overdue incident."""
    t, fmt = context.t, context.fmt
    phase = found.phases[last_index]
    if reason == "next_update":
        why = t("notify.overdue_next_update", when=fmt.datetime(since))
    else:
        why = t("notify.overdue_silent", duration=fmt.duration(context.now - phase.at))
    page = context.site_urls.absolute_page(urls.incident_page(found.id))
    return Notice(
        id=f"{event_id(found, phase)}#{reason}",
        event="reminder",
        incident=found,
        phase=phase,
        headline=f"{t('notify.overdue')}: {found.title}",
        facts=(
            (t("incident.status"), t("phase." + phase.status.value)),
            (t("overview.latest_update"), fmt.datetime(phase.at)),
        ),
        components=components_at(found, last_index, site),
        message_html=f"<p>{escape(why)}</p>",
        url=f"{page}#{phase.anchor}",
        link_text=t("notify.open_incident"),
        more_text=t("notify.read_more"),
        internal=internal,
    )


def run_remind(
    site: StatusSite,
    channel: ChannelOptions,
    silent_after: timedelta,
    context: Context,
    ledger: Ledger,
    out: TextIO,
    dry_run: bool = False,
) -> Report:
    """Nudge `channel` once about each overdue incident (once per reason and latest update)."""
    report = Report()
    if not usable([channel], report, out):
        return report
    view = view_for(site, channel)
    context = context.for_channel(channel)
    for incident in view.incidents:
        late = overdue(incident, context.now, silent_after)
        if late is None or ledger.state(channel.name, "remind:" + late.key) is not None:
            continue
        index = incident.phases.index(late.last)
        notice = reminder(
            incident, index, late.reason, late.since, view, context, channel.is_internal
        )
        if dry_run:
            print(f"--- {channel.name} ({channel.type}): {notice.id}", file=out)
            print(prepared(channel, notice, context).shown(), file=out)
            report.sent += 1
            continue
        ledger.claim(channel.name, "remind:" + late.key)
        outcome = prepared(channel, notice, context).send(context.policy)
        if outcome.ok:
            ledger.sent(channel.name, "remind:" + late.key)
            report.sent += 1
            print(f"{channel.name}: reminded about {incident.id} ({late.reason})", file=out)
        else:
            ledger.release(channel.name, "remind:" + late.key)
            report.failed += 1
            print(
                f"statusgen: {channel.name}: FAILED reminder {incident.id}: {outcome.detail}",
                file=out,
            )
    report.add(f"{channel.name}: {report.sent} reminder(s), {report.failed} failed")
    return report
