"""Bodies of generated pages left out of search, made after the search plugin has passed.

Material's search plugin, in its `on_page_context`, indexes each page (a page left out of
search: nothing) and then removes every `data-search-*` attribute from its body, one regex over
the whole body of every page, those it left out included. On a site in several languages every
generated page of a language but the default is left out of search, so that pass was work done
again for each language, for nothing: about 0.1 CPU s per language at 1,000 incidents.

So a deferred body (`plugin/bodies.py`) of a page left out of search is made after every other
plugin's `on_page_context` (`fill_late`, at priority `LATE`), with the search plugin's removal
applied only where the body holds such an attribute (`as_searched`: the same regex, the same
bytes). Only when no plugin but statusgen and search handles `on_page_context` (hooks count):
another could read the body there.
"""

from __future__ import annotations

import re
from typing import Any, Protocol

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import PluginCollection, event_priority
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from statusgen.plugin.bodies import NOT_READING
from statusgen.render.pages import GeneratedPage, PageRenderer
from statusgen.render.plan import PublicationPlan

#: The priority of the late step: after the search plugin's `on_page_context` (priority 0).
LATE = -100
#: What Material's search plugin removes from every page's body after indexing it.
SEARCH_ATTRIBUTES = re.compile(r"\s?data-search-\w+=\"[^\"]+\"")
_MARK = "data-search-"
#: The search plugins that remove them (MkDocs' own leaves bodies as they are).
_STRIPPING = ("material.plugins.search.",)


def late_bodies(plugins: PluginCollection) -> bool:
    """Whether a body left out of search may be made after search's `on_page_context`: no
    plugin but statusgen and search handles the event (module-level hooks count)."""
    for method in plugins.events.get("page_context", []):
        owner = getattr(method, "__self__", None)
        module = type(owner).__module__ if owner is not None else str(method.__module__)
        if not module.startswith(NOT_READING):
            return False
    return True


def strips_attributes(plugins: PluginCollection) -> bool:
    """Whether an enabled search plugin of the build removes `data-search-*` attributes."""
    for method in plugins.events.get("page_context", []):
        owner = getattr(method, "__self__", None)
        if owner is None or not type(owner).__module__.startswith(_STRIPPING):
            continue
        if getattr(owner, "config", {}).get("enabled", True):
            return True
    return False


def as_searched(body: str, stripped: bool) -> str:
    """The body as the search plugin would have left it (`stripped`: it removes the
    attributes); the regex runs only on a body that holds one."""
    if stripped and _MARK in body:
        return SEARCH_ATTRIBUTES.sub("", body)
    return body


class LateBodies:
    """The pages of one build whose bodies wait for search to pass them."""

    def __init__(self) -> None:
        #: The plugins of the build these answers are for, and the answers.
        self.plugins: PluginCollection | None = None
        self.late = self.stripped = False
        #: The pages waiting, by source path.
        self.waiting: set[str] = set()

    def body(
        self, page: Page, generated: GeneratedPage, renderer: PageRenderer, config: MkDocsConfig
    ) -> str:
        """A deferred page's body now: "" (made by `fill_late`) for a page left out of search
        when the build allows it, else the body."""
        if config.plugins is not self.plugins:  # a new build (`mkdocs serve` makes several)
            self.plugins, self.waiting = config.plugins, set()
            self.late = late_bodies(config.plugins)
            self.stripped = strips_attributes(config.plugins)
        if self.late and (generated.meta.get("search") or {}).get("exclude"):
            self.waiting.add(page.file.src_uri)
            return ""
        return renderer.render(generated)


class Plugin(Protocol):
    """What the late step reads of the plugin (`plugin/events.py`)."""

    late: LateBodies
    pages: dict[str, GeneratedPage]

    def plan_of(self, page: Page) -> PublicationPlan | None: ...


@event_priority(LATE)  # after search's on_page_context
def fill_late(
    plugin: Plugin,
    context: TemplateContext,
    /,
    *,
    page: Page,
    config: MkDocsConfig,
    nav: Navigation,
) -> Any:
    """A deferred body left out of search, made once search has passed its page (statusgen's
    `on_page_context`, with `fill_body`)."""
    late, plan = plugin.late, plugin.plan_of(page)
    if page.file.src_uri in late.waiting and plan is not None:
        late.waiting.discard(page.file.src_uri)
        body = plan.renderer.render(plugin.pages[page.file.src_uri])
        page.content = as_searched(body, late.stripped)
    return context
