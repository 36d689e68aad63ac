"""RSS 2.0 and Atom 1.0 feeds with feedgen: one entry per update, so every update reaches
subscribers and chat integrations as a new item.

Entry ids are the absolute URL of the update's anchor: stable across builds, machines and
clocks, and unchanged when later updates are posted. feedgen defaults several dates to the
wall clock and prepends entries; both are set explicitly here for byte-identical output.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from html import escape

from feedgen.feed import FeedGenerator

from statusgen.clock import minute_utc
from statusgen.derive.snapshot import IncidentView
from statusgen.render.locale import Translator
from statusgen.render.markup import MarkdownRenderer, UpdateText


@dataclass(frozen=True)
class FeedEntry:
    """One update of one incident, as a feed item."""

    incident: IncidentView
    update: UpdateText

    @property
    def at(self) -> datetime:
        """When the update was posted."""
        return self.update.phase.at


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
    """The newest `limit` updates of these incidents, newest first (ties by incident id).

    Updates are chosen from the model; only the chosen ones have their HTML rendered.
    """
    newest = heapq.nlargest(
        limit,
        (
            (phase.at, view.id, phase.status.value, index, view)
            for view in incidents
            for index, phase in enumerate(view.incident.phases)
        ),
        key=lambda candidate: candidate[:4],
    )
    return [FeedEntry(view, markdown.texts(view).updates[index]) for _, _, _, index, view in newest]


def entry_content(entry: FeedEntry, t: Translator) -> str:
    """The update's sanitized message, then impact and affected components (escaped)."""
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
    return entry.update.message_html + "<p>" + " · ".join(facts) + "</p>"


def render_feeds(
    entries: list[FeedEntry], info: FeedInfo, incident_url: dict[str, str], t: Translator
) -> tuple[bytes, bytes]:
    """(RSS 2.0, Atom 1.0) documents for these entries (given newest first)."""
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
        phase = entry.update.phase
        link = f"{incident_url[entry.incident.id]}#{phase.anchor}"
        item = feed.add_entry(order="append")
        item.id(link)
        item.guid(link, permalink=True)
        item.title(f"[{t('phase.' + phase.status.value)}] {entry.incident.incident.title}")
        item.link(href=link)
        item.published(phase.at)
        item.updated(phase.at)
        content = entry_content(entry, t)
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
