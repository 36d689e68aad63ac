"""The build's rendering of responders' texts, done ahead, so the check can promise the build.

`check_rendering` renders every title, message, workaround and body of every incident (the
whole site: internal ones too, so both audiences are covered) exactly as the build does, to
HTML and to the plain text the calendar uses, and holds each incident to the render budgets.
Anything that would fail or exceed a budget at build time is a `path:line` problem here.

This is where a build renders each text, once: a text that passed every budget of a text goes
into the render cache (`render/rendercache.py`), which the pages, feeds and calendar then read.
A text found there is not rendered again, but is held to the same budgets: its recorded
rendering time against this run's limit (over it, the text is rendered again under the limit,
as without a cache), the depth and size of its HTML measured afresh.
"""

from __future__ import annotations

import html
import signal
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from statusgen.content.budgets import (
    DEPTH,
    EXPANSION,
    EXPANSION_FLOOR,
    PUBLISHED_BYTES,
    RENDER_SECONDS,
    RENDERED_BYTES,
)
from statusgen.derive.languages import incident_in
from statusgen.model import Incident, StatusSite
from statusgen.problems import Problem, plural
from statusgen.render.markup import MarkdownRenderer, Rendered
from statusgen.render.rendercache import RenderCache
from statusgen.render.sanitize import element_depth, html_to_text
from statusgen.render.verdicts import Verdicts

#: The build's backstop per text, in seconds: far above the check's, so a text the check
#: accepted on one machine never fails the build on a slower one.
BUILD_RENDER_SECONDS = 5 * RENDER_SECONDS.limit


class RenderTimeout(Exception):
    """A text took longer to render than its budget."""


def check_rendering(
    site: StatusSite,
    seconds: float = RENDER_SECONDS.limit,
    cache: RenderCache | None = None,
    verdicts: Verdicts | None = None,
) -> list[Problem]:
    """Problems of rendering every incident's texts; `seconds` bounds each text. With a
    `cache`, texts found there are not rendered again and texts within budgets are stored.
    With `verdicts` (`statusgen check`), an incident an earlier check found within every
    budget, the same in every field under the same limit, is not held to them again."""
    markdown = MarkdownRenderer()
    problems: list[Problem] = []
    for incident in in_every_language(site.incidents):
        key = verdicts.texts_key(incident, seconds) if verdicts is not None else None
        if verdicts is not None and verdicts.passed(key):
            continue
        found = len(problems)
        total = len(html.escape(incident.title))
        published = plain_copies_bytes(incident)
        for line, what, text, copies in incident_texts(incident):
            rendered, problem = render_within_budgets(markdown, text, what, seconds, cache)
            if problem:
                problems.append(Problem(incident.path, line, problem))
            total += len(rendered.encode("utf-8"))
            published += published_size(rendered) * copies.of(incident)
        if total > RENDERED_BYTES.limit:
            message = RENDERED_BYTES.exceeded("the incident's rendered text", total)
            problems.append(Problem(incident.path, 1, message))
        if published > PUBLISHED_BYTES.limit:
            message = PUBLISHED_BYTES.exceeded(
                "the incident's title and texts in all their published copies (its page, the "
                "search index, the API, the archive, and the RSS and Atom feeds of the site, the "
                f"incident and {plural(len(incident.affected_component_ids()), 'component')}, "
                "where the "
                "title and what is affected repeat with every update)",
                published,
            )
            problems.append(Problem(incident.path, 1, message + " (split it into incidents)"))
        if verdicts is not None and len(problems) == found:
            verdicts.add(key)
    return problems


def in_every_language(incidents: Iterable[Incident]) -> Iterator[Incident]:
    """Each incident, then as each language it has texts in shows it (one page shows one
    language, so every budget holds per language; a text the language lacks is the default
    language's, found in the cache)."""
    for incident in incidents:
        yield incident
        languages = {*incident.translations}.union(*(p.translations for p in incident.phases))
        for language in sorted(languages):
            yield incident_in(incident, language)


@dataclass(frozen=True)
class Copies:
    """How many times a build publishes one kind of an incident's text: a fixed number, plus
    some per component the incident affects, per update, and per update and component (the
    feeds of the site, of the incident and of each component carry one entry per update)."""

    fixed: int
    per_component: int = 0
    per_update: int = 0
    per_update_and_component: int = 0

    def of(self, incident: Incident) -> int:
        components = len(incident.affected_component_ids())
        updates = len(incident.phases)
        return (
            self.fixed
            + self.per_component * components
            + self.per_update * updates
            + self.per_update_and_component * updates * components
        )


# Counted in real builds of both audiences, with a margin: tests/integration/test_copies.py
# builds a site and holds every output's count of each text to these.
#: The title: the page, its head and links, the overview (its card and past incidents), the day
#: bars' titles (history/days.json), archive and search, and every feed entry (one per update,
#: in the site's feeds, in each affected component's and in the incident's own, whose titles
#: name it too).
TITLE_COPIES = Copies(23, 4, 4, 2)
#: A stated field (what is affected, ...: content/fieldregistry.py): it holds until an update
#: changes it, so every later entry repeats it.
STATED_COPIES = Copies(3, 4, 7, 2)
#: An update's message: its page, the search index, the API, the overview (its past incidents,
#: and its card while open), the link previews of its page (the latest update), and the feeds
#: of the site, of each affected component and of the incident.
MESSAGE_COPIES = Copies(17, 3)
#: The workaround and the body (postmortem): the page and the search index.
PAGE_COPIES = Copies(4)


def plain_copies_bytes(incident: Incident) -> int:
    """Bytes of the incident's title and stated texts (`affected`, ...; plain text) in all
    their published copies, as feeds carry them (escaped)."""
    total = len(html.escape(incident.title).encode("utf-8")) * TITLE_COPIES.of(incident)
    for text in (text for phase in incident.phases for text in phase.stated.values()):
        total += len(html.escape(text).encode("utf-8")) * STATED_COPIES.of(incident)
    return total


def render_within_budgets(
    markdown: MarkdownRenderer,
    text: str,
    what: str,
    seconds: float,
    cache: RenderCache | None = None,
) -> tuple[str, str | None]:
    """A text's sanitized HTML as the build renders it, and what budget it exceeds, if any:
    its rendering time, the depth of its element tree, or its size against the text's. A
    text within every budget is stored in `cache` (plain texts need no cache)."""
    if (plain := markdown.plain(text)) is not None:  # known without rendering
        return plain, size_problem(plain, text, what)
    stored = cache.get(text) if cache is not None else None
    if stored is not None and stored.seconds <= seconds:
        return stored.html, size_problem(stored.html, text, what)
    rendered, took, problem = render_timed(markdown, text, what, seconds)
    if problem is None:
        problem = size_problem(rendered, text, what)
        if problem is None and cache is not None:
            cache.put(text, Rendered(rendered, took))
    return rendered, problem


def render_timed(
    markdown: MarkdownRenderer, text: str, what: str, seconds: float
) -> tuple[str, float, str | None]:
    """A text rendered within `seconds` of CPU time (0: no limit), the CPU seconds it took,
    and a problem if it could not be rendered in time or at all."""
    started = time.process_time()
    try:
        with time_limit(seconds):
            rendered = markdown.html(text)
            html_to_text(rendered)
    except RenderTimeout:
        took = time.process_time() - started
        return (
            "",
            took,
            (
                f"the {what} was stopped after {took:.1f} CPU seconds of rendering; expected at "
                f"most {seconds:g} seconds (ordinary Markdown: split it, or remove runs of "
                "brackets and tags)"
            ),
        )
    except RecursionError:
        return (
            "",
            time.process_time() - started,
            (
                f"the {what} nests too deeply to render (Python's limit of "
                f"{sys.getrecursionlimit():,} nested calls was reached); expected at most "
                f"{DEPTH.limit} {DEPTH.unit}"
            ),
        )
    return rendered, time.process_time() - started, None


def size_problem(rendered: str, text: str, what: str) -> str | None:
    """The budget a text's HTML exceeds, if any: the depth of its element tree, or its size
    against the text's."""
    depth = element_depth(rendered)
    if depth > DEPTH.limit:
        return DEPTH.exceeded(f"the rendered HTML of the {what}", depth)
    size, source = published_size(rendered), len(text.encode("utf-8"))
    allowed = EXPANSION.limit * source + EXPANSION_FLOOR
    if size > allowed:
        return (
            f"the {what} renders to {size:,} bytes of HTML as feeds carry it (escaped), "
            f"{size / source:.1f} times its {source:,} bytes; expected at most "
            f"{EXPANSION.limit} times its size plus {EXPANSION_FLOOR:,} bytes ({allowed:,}): "
            "dense markup (many short list items, table cells or tags) weighs the most"
        )
    return None


def published_size(rendered: str) -> int:
    """Bytes of a text's HTML as the feeds carry it: escaped once more, so each tag costs
    twice or more. Each copy in a feed, the search index or the API weighs about this."""
    return len(html.escape(rendered, quote=False).encode("utf-8"))


def incident_texts(incident: Incident) -> Iterator[tuple[int, str, str, Copies]]:
    """(line, name, Markdown, how often it is published) of every text an incident renders."""
    for number, phase in enumerate(incident.phases, start=1):
        line = phase.message_line or phase.line
        yield line, f"message of update {number}", phase.message, MESSAGE_COPIES
    if incident.workaround:
        yield incident.workaround_line or 1, "workaround", incident.workaround, PAGE_COPIES
    if incident.body:
        yield incident.body_line or 1, "body", incident.body, PAGE_COPIES


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise RenderTimeout in the block after `seconds` of the process's CPU time (0: no
    limit): CPU time, not the wall clock, so a verdict does not depend on how loaded the machine
    is. Only the main thread can take a signal; elsewhere (a live-reload thread) the block runs
    without a limit."""
    usable = (
        seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise RenderTimeout

    previous = signal.signal(signal.SIGPROF, expire)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
