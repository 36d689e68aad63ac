"""Which updates a site has published, as stable ids, and the one view every channel sends.

An update's id is `<incident id>#<anchor>`: the anchor of the update on its incident page
(`update-20261122T140300Z`), so it stays the same across builds, machines and a change of
`site_url`. Each update is seen through the feeds' own per-update view (`FeedEntry`), and
`notice_for` is the one function that decides what a message says: every channel formats its
`Notice`, none reads the model itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime

from statusgen.derive.snapshot import build_incident_view
from statusgen.derive.statuses import status_steps
from statusgen.model import (
    Audience,
    Component,
    ComponentStatus,
    Impact,
    Incident,
    Phase,
    StatusSite,
)
from statusgen.notify.text import convert
from statusgen.render import urls
from statusgen.render.feeds import FeedEntry
from statusgen.render.locale import TimeFormatter, Translator
from statusgen.render.markup import MarkdownRenderer

#: A component and its status as a message shows it.
Shown = tuple[Component, ComponentStatus]


@dataclass(frozen=True)
class Notice:
    """One message, as every channel sends it: an update, or a reminder to the responders."""

    #: Stable: `<incident id>#<anchor>` (reminders add why).
    id: str
    #: "incident", "maintenance" or "reminder".
    event: str
    incident: Incident
    #: The update it announces (the latest update, for a reminder).
    phase: Phase
    #: One line: "[Investigating] Elevated error rates on the API".
    headline: str
    #: Plain-text facts, in order: status, impact, affected components, next update, window.
    facts: tuple[tuple[str, str], ...]
    #: Components of the incident with their status as of this update.
    components: tuple[Shown, ...]
    #: The responders' message as sanitized HTML (from the same renderer as pages and feeds).
    message_html: str
    #: The absolute URL of the update's anchor on its incident page.
    url: str
    #: The link's words ("View this update").
    link_text: str
    #: "Read more" when a message is cut.
    more_text: str
    #: True when it holds anything internal (only internal channels may get it).
    internal: bool

    @property
    def title(self) -> str:
        """The incident's title."""
        return self.incident.title

    @property
    def message_text(self) -> str:
        """The message as plain text, white space folded."""
        return convert(self.message_html, "text")

    @property
    def impact(self) -> Impact:
        """The incident's impact (for colours and filters)."""
        return self.incident.impact


def components_at(incident: Incident, index: int, site: StatusSite) -> tuple[Shown, ...]:
    """Every component the incident names so far, with its status as of update `index`; a final
    update gives them back (operational), as the status walk does once it is resolved."""
    current: dict[str, ComponentStatus] = {}
    for step in status_steps(incident)[: index + 2]:
        current.update((cid, after) for cid, (_, after) in step.changes.items())
    final = incident.phases[index].status.is_final
    return tuple(
        (component, ComponentStatus.OPERATIONAL if final else status)
        for cid, status in current.items()
        if (component := site.catalog.get(cid)) is not None
    )


def notice_for(
    entry: FeedEntry, index: int, url: str, site: StatusSite, t: Translator, fmt: TimeFormatter
) -> Notice:
    """The one place that decides what a message about an update (or a published
    postmortem: `entry.update` None) says."""
    incident = entry.incident.incident
    update = entry.update
    phase = incident.last_phase if update is None else update.phase
    components = components_at(incident, index if update else len(incident.phases) - 1, site)
    label = t(entry.label_key)
    facts = [
        (t("incident.status"), label),
        (t("incident.impact"), t("impact." + incident.impact.value)),
    ]
    if components:
        facts.append(
            (
                t("incident.affected_components"),
                ", ".join(f"{c.name} ({t('status.' + s.value)})" for c, s in components),
            )
        )
    said = update.facts if update is not None else None
    if said is not None and said.affected:
        facts.append((t("affected.title"), said.affected))
    if incident.scheduled is not None:
        window = incident.scheduled
        facts.append(
            (
                t("incident.scheduled_window"),
                f"{fmt.datetime(window.start_at)} – {fmt.datetime(window.end_at)}",
            )
        )
    if said is not None and said.estimate_change is not None:
        change = said.estimate_change
        facts.append(
            (
                t("estimate.title"),
                t(
                    "estimate." + change.kind,
                    before=fmt.datetime(change.before) if change.before else "",
                    after=fmt.datetime(change.after) if change.after else "",
                ),
            )
        )
    elif said is not None and said.estimate_at is not None and not phase.status.is_final:
        facts.append((t("estimate.title"), fmt.datetime(said.estimate_at)))
    if update is not None and phase.next_update_at is not None and not phase.status.is_final:
        facts.append((t("overview.next_update"), fmt.datetime(phase.next_update_at)))
    return Notice(
        id=event_id(incident, None if update is None else phase),
        event=incident.type.value,
        incident=incident,
        phase=phase,
        headline=f"[{label}] {incident.title}",
        facts=tuple(facts),
        components=components,
        message_html=entry.postmortem_html if update is None else update.message_html,
        url=url,
        link_text=t("postmortem.read" if update is None else "notify.view_update"),
        more_text=t("notify.read_more"),
        internal=incident.audience is Audience.INTERNAL or phase.audience is Audience.INTERNAL,
    )


def event_id(incident: Incident, phase: Phase | None) -> str:
    """The stable id of an update, or of the postmortem's publication (`phase` None)."""
    return f"{incident.id}#{urls.POSTMORTEM_ANCHOR if phase is None else phase.anchor}"


def update_id(incident: Incident, phase: Phase) -> str:
    """The stable id of an update: `<incident id>#<anchor>`."""
    return f"{incident.id}#{phase.anchor}"


#: Decides whether a notice is due: (incident, its update or None for the postmortem, the
#: event's id, when it was posted).
Wanted = Callable[[Incident, Phase | None, str, datetime], bool]


def published_notices(
    site: StatusSite,
    now: datetime,
    site_urls: urls.SiteUrls,
    t: Translator,
    fmt: TimeFormatter,
    markdown: MarkdownRenderer,
    wanted: Wanted = lambda incident, phase, event, at: True,
) -> Iterator[Notice]:
    """Every update of `site` (one audience's view) posted by `now`, and every postmortem
    published by then, that `wanted` keeps, oldest first; only the kept ones have their
    Markdown rendered."""
    events: list[tuple[datetime, str, int, Incident]] = []
    for incident in site.incidents:
        for index, phase in enumerate(incident.phases):
            if phase.at <= now and wanted(incident, phase, event_id(incident, phase), phase.at):
                events.append((phase.at, incident.id, index, incident))
        published = incident.postmortem_at
        if (
            published is not None
            and published <= now
            and wanted(incident, None, event_id(incident, None), published)
        ):
            events.append((published, incident.id, len(incident.phases), incident))
    for _, _, index, incident in sorted(events, key=lambda e: e[:3]):
        view = build_incident_view(incident, site, now)
        texts = markdown.texts(view)
        page = site_urls.absolute_page(urls.incident_page(incident.id))
        if index == len(incident.phases):
            entry = FeedEntry(view, None, texts.body_html)
        else:
            entry = FeedEntry(view, texts.updates[index])
        yield notice_for(entry, index, f"{page}#{entry.anchor}", site, t, fmt)
