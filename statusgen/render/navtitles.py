"""What the navigation calls a generated page in each language of a site (issue 28).

The operator names the pages of the default language in mkdocs.yml's `nav:` (`- Status:
index.md`); the other languages' navigations show the same pages in their language. A page the
operator named there is called, in another language, what the `nav_titles` option gives for it
in that language, else statusgen's word for its kind in that language (the words `statusgen
init` writes into a new site's `nav:`: "État" for the overview in French). A page `nav:` lists
without a title keeps its own title in each language, as it does in the default language."""

from __future__ import annotations

from collections.abc import Mapping

from statusgen.render.locale import Translator
from statusgen.render.pages import HISTORY_PAGE, OVERVIEW_PAGE, REPORT_PAGE, PageKind

#: The locale key of each kind of page statusgen names in a new site's navigation.
NAV_WORDS: dict[PageKind, str] = {
    OVERVIEW_PAGE: "scaffold.nav_status",
    HISTORY_PAGE: "scaffold.nav_history",
    REPORT_PAGE: "scaffold.nav_report",
}


def nav_title(kind: PageKind | None, language: str, own: Mapping[str, str]) -> str | None:
    """The navigation title in `language` of a page the operator titled in `nav:`: the
    operator's title for `language` (`own`, from `nav_titles`), else statusgen's word for the
    page's `kind` (None: a hand-written page) in `language`; None where neither is (the page
    keeps its own title in `language`)."""
    if language in own:
        return own[language]
    word = NAV_WORDS.get(kind) if kind is not None else None
    return Translator(language)(word) if word is not None else None
