"""The head of an update on an incident page's timeline ("Identified · Nov 22, 2026, 15:03
CET", its anchor and its internal mark), written in Python.

The timeline writes one head per update of every incident: at 1,000 incidents some 5,000,
each six values through Jinja's output machinery (a call, an escape and a `Markup` each),
about a third of the incident pages' template time. Here each value is escaped as Jinja's
autoescape escapes it, and nothing the head shows is text from the incident: the status, the
anchor and the times are derived, the words are statusgen's own. A site's own `incident.html`
(`custom_dir`) may still write its head in the template.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from statusgen.clock import iso_utc
from statusgen.model import Audience, Phase
from statusgen.render.locale import TimeFormatter, Translator


def update_head(phase: Phase, t: Translator, fmt: TimeFormatter) -> Markup:
    """`<p class="sg-update-head">`: the update's status, a link to its anchor with its time,
    and " Internal" when only the internal site shows it."""
    status = phase.status.value
    internal = (
        f' <span class="sg-internal">{escape(t("audience.internal"))}</span>'
        if phase.audience == Audience.INTERNAL
        else ""
    )
    return Markup(
        f'<p class="sg-update-head"><span class="sg-phase sg-p-{escape(status)}">'
        f"{escape(t('phase.' + status))}</span> "
        f'<a class="sg-anchor" href="#{escape(phase.anchor)}">'
        f'<time datetime="{escape(iso_utc(phase.at))}" data-style="datetime">'
        f"{escape(fmt.datetime(phase.at))}</time></a>{internal}</p>"
    )
