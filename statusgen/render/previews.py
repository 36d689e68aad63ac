"""Link previews: what a page says of itself when its link is pasted in a chat or shared (its
`<meta name="description">`, Open Graph and Twitter tags). An incident says its state, impact
and latest update; a component its status; the overview its banner. Incident text is hostile:
everything here is plain text, escaped where it goes into the page.
"""

from __future__ import annotations

import html

from statusgen.derive.snapshot import IncidentView, Snapshot
from statusgen.render.locale import Translator
from statusgen.render.markup import MarkdownRenderer
from statusgen.render.pages import COMPONENT_PAGE, OVERVIEW_PAGE, GeneratedPage
from statusgen.render.sanitize import html_to_text
from statusgen.render.titles import banner_text

#: Characters of a description at most (cut at a word, with "…"): what chat apps and search
#: engines show of one.
DESCRIPTION_CHARS = 200
#: What separates the parts of a description.
SEPARATOR = " · "


def cut(text: str, limit: int = DESCRIPTION_CHARS) -> str:
    """`text` of at most `limit` characters, cut at a word with "…" when longer."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    space = head.rfind(" ")
    return (head[:space] if space > limit // 2 else head).rstrip(" ,;:.") + "…"


def incident_description(view: IncidentView, t: Translator, markdown: MarkdownRenderer) -> str:
    """State, impact (or "Maintenance") and the latest update, as plain text."""
    incident = view.incident
    kind = (
        t("type.maintenance") if incident.is_maintenance else t("impact." + incident.impact.value)
    )
    latest = html_to_text(markdown.texts(view).latest.message_html)
    return cut(
        SEPARATOR.join(part for part in (t("state." + view.state.value), kind, latest) if part)
    )


def description(
    page: GeneratedPage, snapshot: Snapshot, t: Translator, markdown: MarkdownRenderer
) -> str:
    """What a generated page says of itself; "" for pages that leave it to the site's
    `site_description`."""
    if page.kind is OVERVIEW_PAGE:
        return banner_text(snapshot, t)
    view = page.context.get("incident")
    if isinstance(view, IncidentView):
        return incident_description(view, t, markdown)
    if page.kind is COMPONENT_PAGE:
        component = snapshot.components[page.context["component_id"]]
        status = t("component.current_status") + t("punctuation.colon") + " "
        status += t("status." + component.status.value)
        return cut(SEPARATOR.join(p for p in (status, component.component.description) if p))
    return ""


def preview_tags(
    *, title: str, description: str, url: str | None, site_name: str, article: bool
) -> str:
    """Open Graph and Twitter tags for a page's head (plain text in, escaped here)."""
    tags = [
        ("property", "og:title", title),
        ("property", "og:description", description),
        ("property", "og:url", url or ""),
        ("property", "og:type", "article" if article else "website"),
        ("property", "og:site_name", site_name),
        ("name", "twitter:card", "summary"),
        ("name", "twitter:title", title),
        ("name", "twitter:description", description),
    ]
    return "".join(
        f'  <meta {attribute}="{name}" content="{html.escape(value)}">\n'
        for attribute, name, value in tags
        if value
    )
