"""Generated pages skip MkDocs' Markdown run: their source is empty and their body is
statusgen's HTML (`on_page_content`), yet MkDocs would build a Markdown converter with every
extension of the site for each of them, about half a millisecond a page, thousands of pages a
build. A generated page's class is switched to `ReadyPage`, whose `render` gives exactly what
converting the empty source gives, without converting it."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc


class ReadyPage(Page):
    """A page whose body statusgen renders; MkDocs converts no Markdown for it."""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        """What `Page.render` leaves after converting an empty source: no content yet (the
        plugin's `on_page_content` gives it), no table of contents, title, anchors or links."""
        if self.markdown:  # something (another plugin) gave it a source: convert it as MkDocs does
            super().render(config, files)
            return
        self.content = ""
        self.toc = get_toc([])
        self._title_from_render = None
        self.present_anchor_ids = set()
        self.links_to_anchors = {}


def skip_markdown(page: Page) -> None:
    """Make a generated page a `ReadyPage` (same object, so MkDocs' navigation and files keep
    pointing at it)."""
    if type(page) is Page:
        page.__class__ = ReadyPage
