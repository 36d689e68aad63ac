"""Running notify: which notices are due for which channel, sending each once (a digest for
those over the channel's caps), and the summary of what happened. What remind shares with it is
in `context.py`; remind itself in `reminding.py`."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from html import escape
from typing import TextIO

from statusgen.model import Incident, Phase, StatusSite
from statusgen.notify.context import Context, Report, prepared, usable, view_for
from statusgen.notify.identity import Identity
from statusgen.notify.ledger import CLAIMED, CORRECTED, FAILED, FOLDED, SENT, Ledger
from statusgen.notify.updates import (
    Due,
    Notice,
    Wanted,
    due_events,
    marked,
    notice_of,
    without_bidi_controls,
)
from statusgen.options.notify import ChannelOptions
from statusgen.render import urls
from statusgen.render.markup import MarkdownRenderer

#: On a channel's first run (or after the ledger is lost), updates posted within this time
#: before the run are still sent; older ones are history and are only recorded.
FIRST_RUN_GRACE = timedelta(minutes=30)


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


@dataclass
class Plan:
    """One channel's run: what is sent, what goes into its digest, what was only noted."""

    send: list[Due] = field(default_factory=list)
    #: Beyond a cap: announced together by one digest message (their own never made).
    folded: list[Due] = field(default_factory=list)
    #: Claimed by a run that stopped before confirming (never sent twice: `--since` resends).
    unconfirmed: list[str] = field(default_factory=list)
    #: Corrections of updates already handled: recorded, not sent.
    corrections: list[str] = field(default_factory=list)


def capped(events: Iterable[Due], channel: ChannelOptions, plan: Plan) -> None:
    """Fill the plan: at most `max_per_run` messages, and `max_per_incident` about one
    incident, sent on their own, oldest first; every other one folded into the digest."""
    about: Counter[str] = Counter()
    for due in events:
        incident = due.incident.id
        if len(plan.send) < channel.max_per_run and about[incident] < channel.max_per_incident:
            plan.send.append(due)
            about[incident] += 1
        else:
            plan.folded.append(due)


def digest_notice(folded: list[Due], context: Context) -> Notice:
    """The one message announcing every folded event: a line per incident, linking to its
    page, with how many of its updates it stands for (in the context's language)."""
    t, speaking = context.t, context.speaking
    pages: dict[str, tuple[str, str, int]] = {}
    untranslated: tuple[str, ...] = ()
    kept: set[str] = set()  # the incidents whose title is shown in the default language
    for due in folded:
        incident = speaking.incident(due.incident)
        untranslated = untranslated or tuple(sorted(incident.fallbacks & {"title"}))
        if "title" in incident.fallbacks:
            kept.add(incident.id)
        page = context.site_urls.absolute_page(speaking.path(urls.incident_page(incident.id)))
        _, _, count = pages.get(incident.id, ("", "", 0))
        pages[incident.id] = (page, without_bidi_controls(incident.title), count + 1)
    lang = f' lang="{escape(speaking.default)}"'
    items = "".join(
        f'<li><a href="{escape(page)}"{lang if key in kept else ""}>{escape(title)}</a> '
        f"({escape(t('bars.more', count=n))})</li>"
        for key, (page, title, n) in pages.items()
    )
    latest = speaking.incident(folded[-1].incident)
    page, title, _ = pages[latest.id]
    more = t("bars.more", count=len(folded))
    # Its own id (a Message-ID, a webhook-id): no two digests share one.
    stands_for = "\n".join(due.identity.legacy for due in folded)
    notice = Notice(
        id=f"digest of {len(folded)} #{hashlib.sha256(stands_for.encode()).hexdigest()[:12]}",
        event=latest.type.value,
        incident=latest,
        phase=latest.phases[min(folded[-1].index, len(latest.phases) - 1)],
        headline=f"[{more}] {title if len(pages) == 1 else context.site.name}",
        facts=(),
        components=(),
        message_html=f"<ul>{items}</ul>",
        url=page,
        link_text=t("notify.open_incident"),
        more_text=t("notify.read_more"),
        internal=any(due.internal for due in folded),
    )
    return marked(notice, speaking, untranslated, t)


def folded_summary(folded: list[Due]) -> str:
    """Which updates a digest stands for, by incident: "3 of 2026-03-10-api, 1 of ..."."""
    counts = Counter(due.incident.id for due in folded)
    return ", ".join(f"{n} of {incident}" for incident, n in counts.items())


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
    # One renderer per audience and language: it caches texts by incident id, and the views
    # differ.
    renderers: dict[tuple[bool, str | None], MarkdownRenderer] = {}
    configured = list(channels)
    for channel in usable(configured, report, out):
        speaks = channel.language or context.speaking.default
        markdown = renderers.setdefault((channel.is_internal, speaks), MarkdownRenderer())
        baseline = ledger.baseline(channel.name)
        first_run = baseline is None
        if first_run and not dry_run:
            ledger.set_baseline(channel.name, context.now)
        plan = Plan()
        view = view_for(site, channel)
        # What the channel's messages link to (the internal site for an internal channel), in
        # its language, sent with the run's retry policy.
        links = replace(context.for_channel(channel), policy=context.policy)
        links = links.in_language(channel.language)
        due = _due(channel, ledger, (baseline or context.now) - FIRST_RUN_GRACE, since, plan)
        capped(due_events(view, context.now, due), channel, plan)

        def build(
            event: Due,
            view: StatusSite = view,
            markdown: MarkdownRenderer = markdown,
            links: Context = links,
        ) -> Notice:
            at, site_urls, speaking = links.now, links.site_urls, links.speaking
            return notice_of(event, view, at, site_urls, links.t, links.fmt, markdown, speaking)

        if dry_run:
            sent, failed = _show(channel, plan, build, links, out), 0
        else:
            sent, failed = _deliver(channel, plan, build, links, ledger, out)
        verb = "would send" if dry_run else "sent"
        line = f"{channel.name}: {sent} {verb}, {failed} failed"
        if plan.folded:
            line += (
                f"; {len(plan.folded)} over its caps folded into one digest "
                f"({folded_summary(plan.folded)})"
            )
        if first_run:
            line += " (first run: earlier updates are history, not sent)"
        if plan.corrections:
            line += (
                f"; {len(plan.corrections)} correction(s) of updates already sent, not sent "
                f"again: {', '.join(plan.corrections)}"
            )
        if plan.unconfirmed:
            line += (
                f"; {len(plan.unconfirmed)} claimed by a run that stopped before confirming, "
                f"not resent (--since resends): {', '.join(plan.unconfirmed)}"
            )
        report.add(line)
        report.sent += sent
        report.failed += failed
    unknown = ledger.unknown_channels(c.name for c in configured)
    if unknown:
        report.add(f"the record also holds {unknown} channel(s) not configured here (kept)")
    return report


def _due(
    channel: ChannelOptions,
    ledger: Ledger,
    cutoff: datetime,
    since: datetime | None,
    plan: Plan,
) -> Wanted:
    """Whether an event is due on the channel; notes what was claimed but never confirmed,
    and records corrections (and version 1's entries as keys) as it meets them."""
    keep = wants(channel)

    def due(incident: Incident, phase: Phase | None, identity: Identity, at: datetime) -> bool:
        if not keep(incident, incident.last_phase if phase is None else phase):
            return False
        if since is not None:
            return at >= since
        if at <= cutoff:
            return False
        state = ledger.state_of(channel.name, identity)
        if state == CLAIMED:
            plan.unconfirmed.append(identity.legacy)
            return False
        if state is not None:
            ledger.record(channel.name, identity, state)  # a version 1 entry becomes keys
            return False
        if ledger.is_correction(channel.name, identity):
            plan.corrections.append(identity.legacy)
            ledger.record(channel.name, identity, CORRECTED)
            return False
        return True

    return due


def _show(
    channel: ChannelOptions,
    plan: Plan,
    build: Callable[[Due], Notice],
    context: Context,
    out: TextIO,
) -> int:
    """--dry-run: print every message the channel would get; how many."""
    shown = [build(due) for due in plan.send]
    shown += [digest_notice(plan.folded, context)] if plan.folded else []
    for notice in shown:
        print(f"--- {channel.name} ({channel.type}): {notice.id}", file=out)
        print(prepared(channel, notice, context).shown(), file=out)
    return len(shown)


def _deliver(
    channel: ChannelOptions,
    plan: Plan,
    build: Callable[[Due], Notice],
    context: Context,
    ledger: Ledger,
    out: TextIO,
) -> tuple[int, int]:
    """Send the plan, recording it in two writes: every message claimed before the first is
    sent, and how each ended after the last. (sent, failed)."""
    name = channel.name

    def record(events: Iterable[Due], state: str | None) -> None:
        for due in events:
            ledger.record(name, due.identity, state)

    record(plan.send + plan.folded, CLAIMED)
    ledger.save()
    sent = failed = 0
    for index, due in enumerate(plan.send):
        notice = build(due)
        outcome = prepared(channel, notice, context).send(context.policy)
        if outcome.ok:
            record([due], SENT)
            sent += 1
            print(f"{name}: sent {notice.id} ({outcome.detail})", file=out)
            continue
        failed += 1
        if outcome.permanent:
            # Refused for good: this update is marked failed, the later ones go on.
            record([due], FAILED)
            print(
                f"statusgen: {name}: FAILED {notice.id}: {outcome.detail}, refused for good: "
                "recorded as failed, not tried again (--since sends it again)",
                file=out,
            )
            continue
        record([due], None)
        print(
            f"statusgen: {name}: FAILED {notice.id}: {outcome.detail} "
            f"after {outcome.attempts} attempt(s); the next run tries again",
            file=out,
        )
        # The channel is down or busy: its later updates wait for the next run too (in order,
        # and without each retrying for as long again).
        held = plan.send[index + 1 :] + plan.folded
        record(held, None)
        if held:
            print(f"statusgen: {name}: {len(held)} later update(s) held for the next run", file=out)
        failed += len(held)
        ledger.save()
        return sent, failed
    if plan.folded:
        summary = digest_notice(plan.folded, context)
        outcome = prepared(channel, summary, context).send(context.policy)
        if outcome.ok:
            record(plan.folded, FOLDED)
            sent += 1
            print(
                f"{name}: sent one digest for {len(plan.folded)} update(s) over its caps "
                f"({folded_summary(plan.folded)}) ({outcome.detail})",
                file=out,
            )
        else:
            record(plan.folded, FAILED if outcome.permanent else None)
            failed += len(plan.folded)
            then = "recorded as failed" if outcome.permanent else "the next run tries again"
            print(
                f"statusgen: {name}: FAILED the digest of {len(plan.folded)} update(s): "
                f"{outcome.detail}; {then}",
                file=out,
            )
    ledger.save()
    return sent, failed
