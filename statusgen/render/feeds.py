"""RSS 2.0 and Atom 1.0 feeds with feedgen: one entry per update, and one for a published
postmortem, so every update reaches subscribers and chat integrations as a new item.

Entry ids are the absolute URL of the update's anchor: stable across builds, machines and
clocks, and unchanged when later updates are posted. feedgen defaults several dates to the
wall clock and prepends entries; both are set explicitly here for byte-identical output.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from html import escape

from statusgen.clock import minute_utc
from statusgen.content import fieldregistry
from statusgen.derive.fields import EstimateChange, UpdateFacts
from statusgen.derive.snapshot import IncidentView
from statusgen.render.locale import Translator
from statusgen.render.markup import MarkdownRenderer, UpdateText, without_permalinks
from statusgen.render.untranslated import Untranslated, noted, stated_fallbacks
from statusgen.render.urls import POSTMORTEM_ANCHOR


@dataclass(frozen=True)
class FeedEntry:
    """One update of one incident, or the publication of its postmortem, as a feed item."""

    incident: IncidentView
    #: The update; None for the postmortem's entry.
    update: UpdateText | None
    #: The postmortem's entry: its HTML (the incident's body).
    postmortem_html: str = ""

    @property
    def at(self) -> datetime:
        """When the update was posted, or the postmortem published."""
        if self.update is None:
            assert self.incident.postmortem_at is not None
            return self.incident.postmortem_at
        return self.update.phase.at

    @property
    def anchor(self) -> str:
        """Where on the incident page the entry links (and its stable id)."""
        return POSTMORTEM_ANCHOR if self.update is None else self.update.phase.anchor

    @property
    def label_key(self) -> str:
        """The translation key of the entry's label: the update's status, or "Postmortem"."""
        if self.update is None:
            return "postmortem.title"
        return "phase." + self.update.phase.status.value


@dataclass(frozen=True)
class FeedInfo:
    """What a feed says about itself."""

    title: str
    #: The page the feed is about (absolute URL).
    link: str
    #: The feed's own absolute URL, without extension (".rss" / ".atom" are added).
    self_base: str
    description: str
    language: str


def feed_entries(
    incidents: Iterable[IncidentView], limit: int, markdown: MarkdownRenderer
) -> list[FeedEntry]:
    """The newest `limit` updates (and published postmortems) of these incidents, newest
    first (ties by incident id; a postmortem after the updates it follows).

    Entries are chosen from the model; only the chosen ones have their HTML rendered.
    """
    newest = heapq.nlargest(
        limit,
        (candidate for view in incidents for candidate in _candidates(view)),
        key=lambda candidate: candidate[:4],
    )
    entries = []
    for _, _, _, index, view in newest:
        texts = markdown.texts(view)
        if index == len(texts.updates):
            entries.append(FeedEntry(view, None, texts.body_html))
        else:
            entries.append(FeedEntry(view, texts.updates[index]))
    return entries


def _candidates(view: IncidentView) -> Iterator[tuple[datetime, str, str, int, IncidentView]]:
    """(time, incident id, status, index, view) of each update, then of the postmortem (its
    index one past the updates; "~" sorts it after a resolution posted at the same time)."""
    for index, phase in enumerate(view.incident.phases):
        yield phase.at, view.id, phase.status.value, index, view
    if view.postmortem_at is not None:
        yield view.postmortem_at, view.id, "~postmortem", len(view.incident.phases), view


def entry_content(entry: FeedEntry, t: Translator, untranslated: Untranslated | None = None) -> str:
    """The update's sanitized message (the postmortem's text), then impact, affected
    components, who is affected and the estimated resolution as of that update (escaped); in
    a language other than the default (`untranslated`), a stated field kept in the default
    language for want of its translation marked with its language and the note, as pages
    mark it (the message and the postmortem come marked from the `MarkdownRenderer`)."""
    incident = entry.incident
    facts = [
        f"<strong>{escape(t('incident.impact'))}:</strong> "
        f"{escape(t('impact.' + incident.incident.impact.value))}"
    ]
    if incident.affected:
        names = ", ".join(
            f"{escape(component.name)} ({escape(t('status.' + status.value))})"
            for component, status in incident.affected
        )
        facts.append(f"<strong>{escape(t('overview.affected'))}:</strong> {names}")
    if incident.incident.scheduled is not None:
        window = incident.incident.scheduled
        facts.append(
            f"<strong>{escape(t('incident.scheduled_window'))}:</strong> "
            f"{minute_utc(window.start_at)} – {minute_utc(window.end_at)} UTC"
        )
    began = incident.incident.began_unposted
    if (
        began is not None
        and entry.update is not None
        and entry.update.phase is incident.incident.phases[0]
    ):
        facts.append(f"<strong>{escape(t('incident.began'))}:</strong> {minute_utc(began)} UTC")
    facts += _update_facts(entry, t, untranslated)
    if entry.update is None:
        lead = f"<p>{escape(t('postmortem.intro'))}</p>" + entry.postmortem_html
    else:
        lead = entry.update.message_html
    return without_permalinks(lead) + "<p>" + " · ".join(facts) + "</p>"


def estimate_words(change: EstimateChange, when: Callable[[datetime], str], t: Translator) -> str:
    """What an update did to the estimated resolution, in words: "Estimated resolution moved
    from X to Y" (set, moved or withdrawn); `when` words each time. Feeds and notifications
    say it alike."""
    return t(
        "estimate." + change.kind,
        before=when(change.before) if change.before else "",
        after=when(change.after) if change.after else "",
    )


def stated_facts(facts: UpdateFacts, t: Translator) -> list[tuple[str, str]]:
    """(words, plain text) of each stated field in effect (who is affected, and every other
    field of content/fieldregistry.py), in the registry's order: feeds, notifications and
    `statusgen status` say them alike."""
    return [(label, text) for _, label, text in _stated(facts, t)]


def _stated(facts: UpdateFacts, t: Translator) -> list[tuple[str, str, str]]:
    """(name, words, plain text) of each stated field in effect, in the registry's order."""
    return [
        (each.name, t(each.label), text)
        for each in fieldregistry.common()
        if (text := facts.stated.get(each.name))
    ]


def _entry_fallbacks(entry: FeedEntry) -> frozenset[str]:
    """The stated fields shown untranslated as the entry's update left them (the postmortem:
    as the incident ended)."""
    phases = entry.incident.incident.phases
    if entry.update is not None:
        upto = next(i for i, phase in enumerate(phases) if phase is entry.update.phase)
        phases = phases[: upto + 1]
    return stated_fallbacks(phases)


def _update_facts(entry: FeedEntry, t: Translator, untranslated: Untranslated | None) -> list[str]:
    """Each stated field (who is affected, ...) and the estimate, as the update left them
    (the postmortem: as the incident ended); a moved or withdrawn estimate says so."""
    facts = entry.update.facts if entry.update else entry.incident.facts[-1]
    if facts is None:
        return []
    missing = _entry_fallbacks(entry) if untranslated is not None else frozenset()
    out = []
    for name, label, text in _stated(facts, t):
        shown = untranslated.inline(text) if untranslated and name in missing else escape(text)
        out.append(f"<strong>{escape(label)}:</strong> {shown}")
    change = facts.estimate_change
    if change is None and facts.estimate_at is not None:  # held from an earlier update
        change = EstimateChange(None, facts.estimate_at)
    if change is not None:
        out.append(escape(estimate_words(change, lambda moment: f"{minute_utc(moment)} UTC", t)))
    return out


def entry_title(view: IncidentView, untranslated: Untranslated | None) -> str:
    """The incident's title in a feed entry (and an incident's own feed); one kept in the
    default language for want of its translation says so, in the feed's language (no markup
    can mark it there)."""
    incident = view.incident
    return noted(untranslated, incident.title, incident.fallbacks, "title")


def render_feeds(
    entries: list[FeedEntry],
    info: FeedInfo,
    incident_url: dict[str, str],
    t: Translator,
    untranslated: Untranslated | None = None,
) -> tuple[bytes, bytes]:
    """(RSS 2.0, Atom 1.0) documents for these entries (given newest first); `untranslated`
    marks, in a language other than the default, what is shown in the default language."""
    from feedgen.feed import FeedGenerator  # lxml: loaded by the build, not by every command

    feed = FeedGenerator()
    feed.id(info.link)
    feed.title(info.title)
    # RSS readers render the channel description as HTML: names inside it are escaped there;
    # Atom's <subtitle> is text, so it gets the plain words (set again before atom_str).
    feed.subtitle(escape(info.description))
    # RFC 4287 requires an author for the feed (or every entry): the site itself.
    feed.author({"name": info.title, "uri": info.link})
    # feedgen takes RSS's single <link> from the last link given: the page, after "self".
    feed.link(href=info.self_base + ".rss", rel="self")
    feed.link(href=info.link, rel="alternate")
    feed.language(info.language)
    feed.generator("statusgen", uri="https://github.com/statusgen/statusgen")
    if entries:
        feed.updated(entries[0].at)
    else:  # no updates at all: a fixed date keeps the output reproducible
        feed.updated(datetime.fromisoformat("1970-01-01T00:00:00+00:00"))
    for entry in entries:
        link = f"{incident_url[entry.incident.id]}#{entry.anchor}"
        item = feed.add_entry(order="append")
        item.id(link)
        item.guid(link, permalink=True)
        item.title(f"[{t(entry.label_key)}] {entry_title(entry.incident, untranslated)}")
        item.link(href=link)
        item.published(entry.at)
        item.updated(entry.at)
        content = entry_content(entry, t, untranslated)
        # feedgen's description() resets the content's type, so content() comes second: Atom
        # readers then know it is HTML (without type="html" they show the markup as text).
        item.description(content)  # RSS readers and chat apps show <description>
        item.content(content, type="html")
    rss = feed.rss_str(pretty=True)
    feed.link(
        [
            {"href": info.self_base + ".atom", "rel": "self"},
            {"href": info.link, "rel": "alternate"},
        ],
        replace=True,
    )
    feed.subtitle(info.description)
    atom = feed.atom_str(pretty=True)
    return rss, atom
