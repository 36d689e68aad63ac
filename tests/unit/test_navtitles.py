"""Navigation titles in the other languages of a site (issue 28): a generated page the
operator titled in `nav:` is called by its title for the language from `nav_titles`, else by
statusgen's word for its kind in the language; a page `nav:` lists without a title keeps its
own title in each language."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page

from statusgen.options import Options, check_option
from statusgen.plugin.languages import LanguagePages, language_nav
from statusgen.render.navtitles import nav_title
from statusgen.render.pages import COMPONENT_PAGE, HISTORY_PAGE, OVERVIEW_PAGE, REPORT_PAGE


def test_the_operator_s_title_for_the_language_comes_first_then_statusgen_s_word() -> None:
    assert nav_title(OVERVIEW_PAGE, "fr", {}) == "État"
    assert nav_title(HISTORY_PAGE, "fr", {}) == "Historique"
    assert nav_title(REPORT_PAGE, "de", {}) == "Bericht"
    assert nav_title(OVERVIEW_PAGE, "fr", {"fr": "Notre état", "de": "Unser Status"}) == (
        "Notre état"
    )
    assert nav_title(None, "fr", {"fr": "À propos de nous"}) == "À propos de nous"
    # No word for a component's page or a hand-written one: its own title in the language.
    assert nav_title(COMPONENT_PAGE, "fr", {"de": "API"}) is None
    assert nav_title(None, "fr", {}) is None


def test_nav_titles_are_checked_as_pages_to_titles_per_language() -> None:
    assert not check_option("nav_titles", {"index.md": {"fr": "Notre état"}})
    for wrong in ({"index.md": "Notre état"}, {"index.md": {}}, {"index.md": {"fr": " "}}):
        assert "a mapping of pages to titles per language" in str(
            check_option("nav_titles", wrong)
        ), wrong


def french_nav(tmp_path: Path, nav: list[object], own: dict[str, dict[str, str]]) -> list[str]:
    """The French navigation's titles of a site whose overview and history are generated in
    English and French (`fr/index.md`, `fr/history/index.md`), with `nav`."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/about.md").write_text("# About\n", encoding="utf-8")
    config = load_config(
        config_file=None, site_dir=str(tmp_path / "site"), docs_dir=str(tmp_path / "docs"),
        site_name="Test", nav=nav,
    )  # fmt: skip
    options = Options(nav_titles=tuple((path, tuple(texts.items())) for path, texts in own.items()))
    pages = LanguagePages(("en", "fr"), options)
    files = Files([File("about.md", config.docs_dir, config.site_dir, True)])
    for src, kind in (("index.md", OVERVIEW_PAGE), ("history/index.md", HISTORY_PAGE)):
        for language, path in (("en", src), ("fr", "fr/" + src)):
            file = File(path, config.docs_dir, config.site_dir, True)
            files.append(file)
            pages.add(file, src, language, kind)
    navigation = get_navigation(files, config)
    for file in files:  # as MkDocs reads them: the page's own title from its metadata
        page = file.page if isinstance(file.page, Page) else Page(None, file, config)
        page.markdown, page.meta = "", {"title": "Own title of " + file.src_uri}
    french = language_nav(navigation, pages, "fr")
    return [str(item.title) for item in french.items]


def test_a_generated_page_titled_in_nav_is_titled_in_the_language(tmp_path: Path) -> None:
    nav = [{"Status": "index.md"}, {"Our past": "history/index.md"}, {"About": "about.md"}]
    # "Status" is statusgen's own word; "Our past" is the operator's, translated by nav_titles
    # or else statusgen's word; a hand-written page without a version stays as it is.
    assert french_nav(tmp_path, nav, {"history/index.md": {"fr": "Notre passé"}}) == [
        "État",
        "Notre passé",
        "About",
    ]


def test_a_page_nav_lists_without_a_title_keeps_its_own_in_each_language(tmp_path: Path) -> None:
    nav = ["index.md", {"Our past": "history/index.md"}]
    assert french_nav(tmp_path, nav, {}) == ["Own title of fr/index.md", "Historique"]
