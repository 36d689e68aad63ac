"""The build's rendering of responders' texts, done ahead, so the check can promise the build.

`check_rendering` renders every title, message, workaround and body of every incident (the
whole site: internal ones too, so both audiences are covered) exactly as the build does, to
HTML and to the plain text the calendar uses, and holds each incident to the render budgets.
Anything that would fail or exceed a budget at build time is a `path:line` problem here.
"""

from __future__ import annotations

import html
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from statusgen.content.budgets import RENDER_SECONDS, RENDERED_BYTES
from statusgen.model import Incident, StatusSite
from statusgen.problems import Problem
from statusgen.render.markup import MarkdownRenderer, is_plain
from statusgen.render.sanitize import html_to_text

#: The build's backstop per text, in seconds: far above the check's, so a text the check
#: accepted on one machine never fails the build on a slower one.
BUILD_RENDER_SECONDS = 5 * RENDER_SECONDS.limit


class RenderTimeout(Exception):
    """A text took longer to render than its budget."""


def check_rendering(site: StatusSite, seconds: float = RENDER_SECONDS.limit) -> list[Problem]:
    """Problems of rendering every incident's texts; `seconds` bounds each text."""
    markdown = MarkdownRenderer()
    problems: list[Problem] = []
    for incident in site.incidents:
        total = len(html.escape(incident.title))
        for line, what, text in incident_texts(incident):
            try:
                with time_limit(0 if is_plain(text) else seconds):
                    rendered = markdown.html(text)
                    html_to_text(rendered)
            except RenderTimeout:
                problems.append(
                    Problem(
                        incident.path,
                        line,
                        f"the {what} takes more than {seconds:g} seconds to render; expected "
                        "ordinary Markdown (split it, or remove runs of brackets and tags)",
                    )
                )
                continue
            except RecursionError:
                problems.append(
                    Problem(incident.path, line, f"the {what} nests too deeply to render")
                )
                continue
            total += len(rendered.encode("utf-8"))
        if total > RENDERED_BYTES.limit:
            message = RENDERED_BYTES.exceeded("the incident's rendered text", total)
            problems.append(Problem(incident.path, 1, message))
    return problems


def incident_texts(incident: Incident) -> Iterator[tuple[int, str, str]]:
    """(line, name, Markdown) of every text an incident publishes."""
    for number, phase in enumerate(incident.phases, start=1):
        yield phase.line, f"message of update {number}", phase.message
    if incident.workaround:
        yield 1, "workaround", incident.workaround
    if incident.body:
        yield 1, "body", incident.body


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise RenderTimeout in the block after `seconds` (0: no limit). Only the main thread
    can take a signal; elsewhere (a live-reload thread) the block runs without a limit."""
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

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
