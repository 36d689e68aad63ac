"""Which updates a site has published, as stable ids, and the one view every channel sends.

An update's id is `<incident id>#<anchor>`: the anchor of the update on its incident page
(`update-20261122T140300Z`), so it stays the same across builds, machines and a change of
`site_url`. Each update is seen through the feeds' own per-update view (`FeedEntry`), and
`notice_for` is the one function that decides what a message says: every channel formats its
`Notice`, none reads the model itself.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields
from datetime import datetime

from statusgen.derive.snapshot import build_incident_view
from statusgen.derive.statuses import statuses_after_update
from statusgen.model import (
    Audience,
    Component,
    ComponentStatus,
    Impact,
    Incident,
    Phase,
    PhaseStatus,
    StatusSite,
)
from statusgen.notify.text import plain_text
from statusgen.render import urls
from statusgen.render.feeds import FeedEntry, estimate_words
from statusgen.render.locale import TimeFormatter, Translator
from statusgen.render.markup import MarkdownRenderer, without_permalinks

#: A component and its status as a message shows it.
Shown = tuple[Component, ComponentStatus]

#: Bidirectional controls: the embeddings and overrides (U+202A-U+202E), the isolates
#: (U+2066-U+2069) and the marks (U+200E, U+200F, U+061C). In a chat message or a subject they
#: reorder what a reader sees ("moc.elpmaxe" shown as "example.com"); text in any script reads
#: right without them, so a notice holds none.
BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def without_bidi_controls(text: str) -> str:
    """`text` without bidirectional control characters."""
    return BIDI_CONTROLS.sub("", text)


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

    def __post_init__(self) -> None:
        # The one place every notice passes: no text of it carries a bidirectional control,
        # whichever channel formats it and however it was built (updates, windows, reminders).
        for field in fields(self):
            value = getattr(self, field.name)
            if isinstance(value, str):
                object.__setattr__(self, field.name, without_bidi_controls(value))
        facts = tuple((without_bidi_controls(k), without_bidi_controls(v)) for k, v in self.facts)
        object.__setattr__(self, "facts", facts)

    @property
    def title(self) -> str:
        """The incident's title (without bidirectional controls)."""
        return without_bidi_controls(self.incident.title)

    @property
    def message_text(self) -> str:
        """The message as plain text, white space folded."""
        return plain_text(self.message_html)

    @property
    def impact(self) -> Impact:
        """The incident's impact (for colours and filters)."""
        return self.incident.impact


def components_at(incident: Incident, index: int, site: StatusSite) -> tuple[Shown, ...]:
    """Every component the incident names so far, with its status as of update `index`."""
    return tuple(
        (component, status)
        for cid, status in statuses_after_update(incident, index).items()
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
    facts += _components_fact(components, t)
    if update is not None and phase is incident.phases[0] and incident.began_unposted:
        facts.append((t("incident.began"), fmt.datetime(incident.began_unposted)))
    said = update.facts if update is not None else None
    if said is not None and said.affected:
        facts.append((t("affected.title"), said.affected))
    facts += _window_fact(incident, t, fmt)
    if said is not None and said.estimate_change is not None and said.estimate_change.kind != "set":
        words = estimate_words(said.estimate_change, fmt.datetime, t)
        facts.append((t("estimate.title"), words))
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
        message_html=without_permalinks(
            entry.postmortem_html if update is None else update.message_html
        ),
        url=url,
        link_text=t("postmortem.read" if update is None else "notify.view_update"),
        more_text=t("notify.read_more"),
        internal=incident.audience is Audience.INTERNAL or phase.audience is Audience.INTERNAL,
    )


#: A maintenance's window starting or ending by the clock, with no update posted for it.
WINDOW_EVENTS = {"started": PhaseStatus.IN_PROGRESS, "ended": PhaseStatus.COMPLETED}


def window_events(incident: Incident, now: datetime) -> list[tuple[str, datetime]]:
    """(kind, when) of a maintenance's window moving by the clock up to `now`: it starts at its
    scheduled start unless an `in_progress` update came first, and ends at its scheduled end
    unless a `completed` update came first (those updates are announced themselves)."""
    if incident.scheduled is None:
        return []
    window = incident.scheduled
    posted = {
        status: [p.at for p in incident.phases if p.status is status]
        for status in WINDOW_EVENTS.values()
    }
    events = []
    for kind, at in (("started", window.start_at), ("ended", window.end_at)):
        if at <= now and not any(t <= at for t in posted[WINDOW_EVENTS[kind]]):
            events.append((kind, at))
    return events


def window_notice(
    incident: Incident,
    kind: str,
    at: datetime,
    url: str,
    site: StatusSite,
    t: Translator,
    fmt: TimeFormatter,
) -> Notice:
    """The notice of a maintenance window starting or ending by the clock."""
    status = WINDOW_EVENTS[kind]
    text = t("notify.window_" + kind)
    given = ComponentStatus.UNDER_MAINTENANCE if kind == "started" else ComponentStatus.OPERATIONAL
    components = tuple(
        (component, given)
        for cid in incident.components
        if (component := site.catalog.get(cid)) is not None
    )
    facts = [
        (t("incident.status"), t("phase." + status.value)),
        *_window_fact(incident, t, fmt),
        *_components_fact(components, t),
    ]
    return Notice(
        id=f"{incident.id}#window-{kind}",
        event=incident.type.value,
        incident=incident,
        phase=Phase(at=at, status=status, message=text),
        headline=f"[{t('phase.' + status.value)}] {incident.title}",
        facts=tuple(facts),
        components=components,
        message_html=f"<p>{html.escape(text)}</p>",
        url=url,
        link_text=t("notify.view_update"),
        more_text=t("notify.read_more"),
        internal=incident.audience is Audience.INTERNAL,
    )


def _components_fact(components: tuple[Shown, ...], t: Translator) -> list[tuple[str, str]]:
    if not components:
        return []
    shown = ", ".join(f"{c.name} ({t('status.' + s.value)})" for c, s in components)
    return [(t("incident.affected_components"), shown)]


def _window_fact(incident: Incident, t: Translator, fmt: TimeFormatter) -> list[tuple[str, str]]:
    window = incident.scheduled
    if window is None:
        return []
    when = f"{fmt.datetime(window.start_at)} – {fmt.datetime(window.end_at)}"
    return [(t("incident.scheduled_window"), when)]


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
    """Every update of `site` (one audience's view) posted by `now`, every postmortem
    published by then, and every maintenance window that started or ended by the clock with
    no update saying so, that `wanted` keeps, oldest first; only the kept ones have their
    Markdown rendered."""
    # (when, incident id, order, incident, window kind): order is the update's index, then
    # the postmortem (len(phases)), then the window's own moves.
    events: list[tuple[datetime, str, int, Incident, str]] = []
    for incident in site.incidents:
        last = len(incident.phases)
        for index, phase in enumerate(incident.phases):
            if phase.at <= now and wanted(incident, phase, event_id(incident, phase), phase.at):
                events.append((phase.at, incident.id, index, incident, ""))
        published = incident.postmortem_at
        if (
            published is not None
            and published <= now
            and wanted(incident, None, event_id(incident, None), published)
        ):
            events.append((published, incident.id, last, incident, ""))
        for kind, at in window_events(incident, now):
            if wanted(incident, None, f"{incident.id}#window-{kind}", at):
                events.append((at, incident.id, last + 1, incident, kind))
    for at, _, index, incident, kind in sorted(events, key=lambda e: e[:3]):
        page = site_urls.absolute_page(urls.incident_page(incident.id))
        if kind:
            yield window_notice(incident, kind, at, page, site, t, fmt)
            continue
        view = build_incident_view(incident, site, now)
        texts = markdown.texts(view)
        if index == len(incident.phases):
            entry = FeedEntry(view, None, texts.body_html)
        else:
            entry = FeedEntry(view, texts.updates[index])
        yield notice_for(entry, index, f"{page}#{entry.anchor}", site, t, fmt)
