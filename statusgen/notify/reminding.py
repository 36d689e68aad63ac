"""Running remind: a nudge to the responders' channel about each open incident whose update is
overdue (`derive/overdue.py`), once per reason and latest update, recorded in the ledger."""

from __future__ import annotations

from datetime import datetime, timedelta
from html import escape
from typing import TextIO

from statusgen.derive.overdue import overdue
from statusgen.model import Incident, StatusSite
from statusgen.notify.context import Context, Report, prepared, usable, view_for
from statusgen.notify.identity import event_id
from statusgen.notify.ledger import CLAIMED, FAILED, SENT, Ledger
from statusgen.notify.updates import Notice, components_at
from statusgen.options.notify import ChannelOptions
from statusgen.render import urls


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
        key = "remind:" + late.key
        ledger.set_state(channel.name, key, CLAIMED)
        ledger.save()
        outcome = prepared(channel, notice, context).send(context.policy)
        if outcome.ok:
            ledger.set_state(channel.name, key, SENT)
            ledger.save()
            report.sent += 1
            print(f"{channel.name}: reminded about {incident.id} ({late.reason})", file=out)
        else:
            ledger.set_state(channel.name, key, FAILED if outcome.permanent else None)
            ledger.save()
            report.failed += 1
            print(
                f"statusgen: {channel.name}: FAILED reminder {incident.id}: {outcome.detail}",
                file=out,
            )
    report.add(f"{channel.name}: {report.sent} reminder(s), {report.failed} failed")
    return report
