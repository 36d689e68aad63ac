"""Responders' Markdown turned into safe HTML when a page or feed asks for it.

Every message, workaround and body is converted with the fixed set of Markdown extensions
that responders may use (never the site's own), then sanitized. In a build, the pre-flight has
already rendered every text into the render cache (`render/rendercache.py`), so the renderer
reads each text's HTML from there and converts only what it cannot find. The results are also
kept per incident (a bounded cache) so pages, feeds and the calendar reuse them without a build
ever holding every incident's HTML at once.
"""

from __future__ import annotations

import copy
import re
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Protocol

import markdown

from statusgen.derive.fields import UpdateFacts
from statusgen.derive.snapshot import Given, IncidentView
from statusgen.model import Incident, Phase
from statusgen.render import inlineskip
from statusgen.render.plaintext import plain_html
from statusgen.render.sanitize import sanitize_html
from statusgen.render.untranslated import Untranslated

#: Incidents whose HTML stays cached: enough for the feeds' and the overview's, not all.
CACHE_SIZE = 512
#: Responders' headings sit under the page's own h2 sections, so they start at h3.
BODY_TOP_LEVEL = 3
_HEADING = re.compile(r"<(/?)h([1-6])\b")


def nest_headings(html: str, top: int) -> str:
    """Shift sanitized HTML's headings so the highest one is `top` (h6 at most)."""
    levels = [int(level) for _, level in _HEADING.findall(html)]
    if not levels or min(levels) >= top:
        return html
    shift = top - min(levels)
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + shift, 6)}", html)


@dataclass(frozen=True)
class IncidentMarkup:
    """The sanitized HTML of one incident's texts."""

    #: One per phase, in phase order.
    messages: tuple[str, ...]
    workaround: str
    body: str


@dataclass(frozen=True)
class UpdateText:
    """One update with its HTML and the status changes it announces."""

    phase: Phase
    message_html: str
    changes: tuple[Given, ...]
    #: The estimate and who is affected after this update, and what it changed.
    facts: UpdateFacts | None = None


@dataclass(frozen=True)
class IncidentTexts:
    """An incident's texts as pages and feeds show them."""

    #: Oldest first.
    updates: tuple[UpdateText, ...]
    workaround_html: str
    body_html: str

    @property
    def latest(self) -> UpdateText:
        """The latest update."""
        return self.updates[-1]


#: The Markdown responders write, whatever the site's own `markdown_extensions` are: a site's
#: include, snippet or network extensions (pymdownx.snippets, ...) would let an incident pull
#: any file of the repository, internal incidents included, into a public page. None of these
#: changes a text without Markdown syntax, so such texts (most updates) become paragraphs of
#: escaped text without a Markdown run (`render/plaintext.py`).
RESPONDER_EXTENSIONS = (
    "abbr",
    "admonition",
    "attr_list",
    "def_list",
    "fenced_code",
    "sane_lists",
    "tables",
    "toc",
)
RESPONDER_EXTENSION_CONFIGS: dict[str, dict[str, Any]] = {"toc": {"permalink": True}}
_PERMALINK = re.compile(r'<a class="headerlink" href="#[^"]*"[^>]*>[^<]*</a>')


def without_permalinks(html: str) -> str:
    """Sanitized HTML without its headings' "¶" links: they point into the incident page, so
    outside it (a feed reader, a chat message, an e-mail) they lead nowhere."""
    return _PERMALINK.sub("", html)


@dataclass(frozen=True)
class Rendered:
    """A text's sanitized HTML and how long rendering it took (seconds)."""

    html: str
    seconds: float


class RenderStore(Protocol):
    """Where texts rendered earlier are found (the render cache)."""

    def get(self, text: str) -> Rendered | None:
        """The text's rendering, or None."""


class MarkdownRenderer:
    """Converts responders' Markdown (`RESPONDER_EXTENSIONS`); one instance serves a build.
    With a `store`, a text found there is not converted again."""

    def __init__(
        self, store: RenderStore | None = None, untranslated: Untranslated | None = None
    ) -> None:
        self._md = markdown.Markdown(
            extensions=list(RESPONDER_EXTENSIONS),
            extension_configs=copy.deepcopy(RESPONDER_EXTENSION_CONFIGS),
        )
        inlineskip.install(self._md)  # the inline step skips text without inline markup
        self._store = store
        #: How a language other than the default marks texts without their translation.
        self._untranslated = untranslated
        self._cache: OrderedDict[str, IncidentMarkup] = OrderedDict()

    @property
    def untranslated(self) -> Untranslated | None:
        """How texts without their translation are marked (None: the default language)."""
        return self._untranslated

    def html(self, text: str) -> str:
        """Sanitized HTML for a Markdown text ("" for an empty one)."""
        if (plain := self.plain(text)) is not None:
            return plain
        stored = self._store.get(text) if self._store is not None else None
        return stored.html if stored is not None else self.convert(text)

    @staticmethod
    def plain(text: str) -> str | None:
        """The HTML of an empty or plain text (`render/plaintext.py`), known without a
        Markdown run; None for a text that needs one."""
        return plain_html(text) if text.strip() else ""

    def convert(self, text: str) -> str:
        """The full path: Markdown with the responders' extensions, then the sanitizer."""
        self._md.reset()
        return sanitize_html(self._md.convert(text))

    def incident(self, incident: Incident) -> IncidentMarkup:
        """The incident's texts as HTML, converted on first use and reused while the most
        recently used `CACHE_SIZE` incidents stay cached."""
        cached = self._cache.get(incident.id)
        if cached is not None:
            self._cache.move_to_end(incident.id)
        else:
            cached = IncidentMarkup(
                messages=tuple(
                    self.block(p.message, p.fallbacks, "message") for p in incident.phases
                ),
                workaround=self.block(incident.workaround, incident.fallbacks, "workaround"),
                body=self.block(incident.body, incident.fallbacks, "body"),
            )
            self._cache[incident.id] = cached
            if len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
        return cached

    def block(self, text: str, fallbacks: frozenset[str], name: str) -> str:
        """A text's HTML under the page's headings, marked when it is shown untranslated."""
        html = nest_headings(self.html(text), BODY_TOP_LEVEL)
        if self._untranslated is None or name not in fallbacks or not html:
            return html
        return self._untranslated.block(html)

    def texts(self, view: IncidentView) -> IncidentTexts:
        """An incident view's updates, workaround and body with their HTML."""
        markup = self.incident(view.incident)
        updates = tuple(
            UpdateText(phase, html, changes, facts)
            for phase, html, changes, facts in zip(
                view.incident.phases, markup.messages, view.changes, view.facts, strict=True
            )
        )
        return IncidentTexts(updates, markup.workaround, markup.body)
