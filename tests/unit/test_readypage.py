"""Generated pages skip MkDocs' Markdown run (`plugin/readypage.py`) and are left exactly as
MkDocs leaves a page after converting an empty source."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from statusgen.plugin.readypage import ReadyPage, skip_markdown


@pytest.fixture
def config(tmp_path: Path) -> MkDocsConfig:
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Status\nmarkdown_extensions:\n  - attr_list\n  - toc:\n      permalink: true\n",
        encoding="utf-8",
    )
    return load_config(str(tmp_path / "mkdocs.yml"))


def rendered(config: MkDocsConfig, source: str, ready: bool) -> Page:
    file = File("incidents/2026-11-22-api.md", None, config.site_dir, config.use_directory_urls)
    file.content_string = source
    page = Page(None, file, config)
    if ready:
        skip_markdown(page)
    page.read_source(config)
    page.render(config, Files([file]))
    return page


def state(page: Page) -> tuple[object, ...]:
    return (
        page.content,
        [(item.title, item.url) for item in page.toc],
        page.title,
        page.present_anchor_ids,
        {file.src_uri: links for file, links in (page.links_to_anchors or {}).items()},
    )


def test_a_generated_page_is_left_as_an_empty_source_leaves_it(config: MkDocsConfig) -> None:
    ready = rendered(config, "", ready=True)
    assert type(ready) is ReadyPage
    assert state(ready) == state(rendered(config, "", ready=False))


def test_a_generated_page_given_a_source_is_converted_as_any_page(config: MkDocsConfig) -> None:
    """Another plugin may give a generated page Markdown: it is converted, not dropped."""
    source = "# Heading\n\nText with [a link](#heading).\n"
    ready = rendered(config, source, ready=True)
    assert "Text with" in str(ready.content)
    assert state(ready) == state(rendered(config, source, ready=False))
