"""Which updates a site has published, each with the identity the record keeps
(`identity.py`), and the one view every channel sends.

Each update is seen through the feeds' own per-update view (`FeedEntry`), and `notice_for` is
the one function that decides what a message says: every channel formats its `Notice`, none
reads the model itself.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields, replace
from datetime import datetime

from statusgen.content import fieldregistry
from statusgen.derive.snapshot import build_incident_view
from statusgen.derive.statuses import statuses_after_update
from statusgen.model import (
    Audience,
    Component,
    ComponentStatus,
    Impact,
    Incident,
    Phase,
    StatusSite,
)
from statusgen.notify.identity import WINDOW_EVENTS, Identity, event_id, identities
from statusgen.notify.language import ONE_LANGUAGE, Speaking, untranslated_fields
from statusgen.notify.text import plain_text
from statusgen.render import urls
from statusgen.render.feeds import FeedEntry, estimate_words, stated_facts
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
    #: What the record keeps of it (None: a reminder or a digest, recorded by their own keys).
    identity: Identity | None = field(default=None, compare=False)
    #: The language it is written in, and the site's default language ("" on a site of one
    #: language).
    language: str = ""
    default_language: str = ""
    #: The fields it shows in the default language, their translation missing (`title`,
    #: `message`, `body`, a stated field's name); its facts end with a note saying so.
    untranslated: tuple[str, ...] = ()
    #: The note's words in its language ("Pas encore traduit"; "" with nothing untranslated),
    #: for what a channel marks beside the text itself (an e-mail's plain-text title).
    note: str = ""
    #: The labels of its facts whose text is shown in the default language (a stated field's:
    #: "Qui est concerné"), so a channel that can mark a language marks theirs.
    untranslated_facts: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # The one place every notice passes: no text of it carries a bidirectional control,
        # whichever channel formats it and however it was built (updates, windows, reminders).
        for each in fields(self):
            value = getattr(self, each.name)
            if isinstance(value, str):
                object.__setattr__(self, each.name, without_bidi_controls(value))
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
    entry: FeedEntry,
    index: int,
    url: str,
    site: StatusSite,
    t: Translator,
    fmt: TimeFormatter,
    identity: Identity | None = None,
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
    if said is not None:
        facts += stated_facts(said, t)
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
        identity=identity,
    )


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
    identity: Identity | None = None,
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
        identity=identity,
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


#: Decides whether a notice is due: (incident, its update or None for the postmortem, the
#: event's identity, when it was posted).
Wanted = Callable[[Incident, Phase | None, Identity, datetime], bool]


@dataclass(frozen=True)
class Due:
    """An event due on a channel, before its message is made (cheap: what caps and the
    digest need)."""

    at: datetime
    incident: Incident
    #: The update's index; len(phases) for the postmortem and for a window's move.
    index: int
    #: The window's move ("started", "ended"), or "".
    kind: str
    identity: Identity

    @property
    def order(self) -> tuple[datetime, str, int]:
        """Oldest first; within an incident, updates, then the postmortem, then the window."""
        return self.at, self.incident.id, self.index + (1 if self.kind else 0)

    @property
    def internal(self) -> bool:
        """True when the event holds anything internal."""
        if self.incident.audience is Audience.INTERNAL:
            return True
        phases = self.incident.phases
        return self.index < len(phases) and phases[self.index].audience is Audience.INTERNAL


def due_events(site: StatusSite, now: datetime, wanted: Wanted) -> list[Due]:
    """Every update of `site` (one audience's view) posted by `now`, every postmortem
    published by then, and every maintenance window that started or ended by the clock with
    no update saying so, that `wanted` keeps, oldest first."""
    events: list[Due] = []
    for incident in site.incidents:
        last = len(incident.phases)
        known = identities(incident)
        for index, phase in enumerate(incident.phases):
            identity = known[event_id(incident, phase)]
            if phase.at <= now and wanted(incident, phase, identity, phase.at):
                events.append(Due(phase.at, incident, index, "", identity))
        published = incident.postmortem_at
        identity = known[event_id(incident, None)]
        if (
            published is not None
            and published <= now
            and wanted(incident, None, identity, published)
        ):
            events.append(Due(published, incident, last, "", identity))
        for kind, at in window_events(incident, now):
            identity = known[f"{incident.id}#window-{kind}"]
            if wanted(incident, None, identity, at):
                events.append(Due(at, incident, last, kind, identity))
    return sorted(events, key=lambda due: due.order)


def notice_of(
    due: Due,
    site: StatusSite,
    now: datetime,
    site_urls: urls.SiteUrls,
    t: Translator,
    fmt: TimeFormatter,
    markdown: MarkdownRenderer,
    speaking: Speaking = ONE_LANGUAGE,
) -> Notice:
    """The message of one due event (its Markdown rendered now), in the language `speaking`
    says (`t` and `fmt` speak it; `markdown` renders only this language's texts), linking to
    that language's page, naming components in it. Its identity stays the default language's."""
    incident, index, site = speaking.incident(due.incident), due.index, speaking.site(site)
    page = site_urls.absolute_page(speaking.path(urls.incident_page(incident.id)))
    if due.kind:
        notice = window_notice(incident, due.kind, due.at, page, site, t, fmt, due.identity)
        return marked(notice, speaking, untranslated_fields(incident, None, ("title",)), t)
    view = build_incident_view(incident, site, now)
    texts = markdown.texts(view)
    if index == len(incident.phases):
        entry = FeedEntry(view, None, texts.body_html)
        shown = untranslated_fields(incident, None, ("title", "body"))
    else:
        entry = FeedEntry(view, texts.updates[index])
        shown = untranslated_fields(incident, incident.phases[index], ("title",))
    notice = notice_for(entry, index, f"{page}#{entry.anchor}", site, t, fmt, due.identity)
    return marked(notice, speaking, shown, t)


def marked(
    notice: Notice, speaking: Speaking, untranslated: tuple[str, ...], t: Translator
) -> Notice:
    """`notice` marked with its language, and, when some of its text is shown in the default
    language, a last fact saying so (nothing changes on a site of one language)."""
    if not speaking.language:
        return notice
    note = speaking.note(t) if untranslated else None
    facts = notice.facts + ((note,) if note else ())
    return replace(
        notice,
        facts=facts,
        language=speaking.language,
        default_language=speaking.default,
        untranslated=untranslated,
        note=note[0] if note else "",
        untranslated_facts=tuple(
            t(each.label) for each in fieldregistry.common() if each.name in untranslated
        ),
    )


def published_notices(
    site: StatusSite,
    now: datetime,
    site_urls: urls.SiteUrls,
    t: Translator,
    fmt: TimeFormatter,
    markdown: MarkdownRenderer,
    wanted: Wanted = lambda incident, phase, event, at: True,
    speaking: Speaking = ONE_LANGUAGE,
) -> Iterator[Notice]:
    """The message of every due event (`due_events`), oldest first; only the kept ones have
    their Markdown rendered."""
    for due in due_events(site, now, wanted):
        yield notice_of(due, site, now, site_urls, t, fmt, markdown, speaking)
