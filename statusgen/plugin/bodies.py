"""Whether the build may hold off a generated page's body until MkDocs builds the page.

MkDocs populates every page (runs `on_page_content`) before it builds the first, so every body
given there is held until the build ends: at 1,000 incidents about 12 MB of HTML, at 10,000 ten
times that, most of the build's memory above a plain MkDocs site's. A body made just before the
theme renders the page (`on_page_context`, before any other plugin's) and let go once the page
is written costs one page at a time, with the same bytes written, searched and previewed.

Only a plugin that reads a page's body outside those events could tell the difference: one
with `on_page_content` (it would see an empty body), `on_env` or `on_post_build` (it could
read every page's). When the site has such a plugin (or hooks), other than statusgen and the
search plugin (which reads bodies in `on_page_context`, after statusgen gave them), every body
is made in `on_page_content` and held, as MkDocs does it.
"""

from __future__ import annotations

from mkdocs.plugins import PluginCollection

#: The events in which a plugin could read a generated page's body before or after its build.
READING_EVENTS = ("page_content", "env", "post_build")
#: Modules whose plugins read no generated page's body in those events.
NOT_READING = ("statusgen.", "material.plugins.search.", "mkdocs.contrib.search.")


def bodies_read_elsewhere(plugins: PluginCollection) -> bool:
    """Whether a plugin but statusgen and search handles an event where it could read a
    generated page's body outside that page's own build (module-level hooks count)."""
    for event in READING_EVENTS:
        for method in plugins.events.get(event, []):
            owner = getattr(method, "__self__", None)
            module = type(owner).__module__ if owner is not None else str(method.__module__)
            if not module.startswith(NOT_READING):
                return True
    return False
