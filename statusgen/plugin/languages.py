"""A site in several languages, as MkDocs builds it: which language each page is in, the same
page in the other languages (Material's `extra.alternate`: the header's language switcher and
the head's `hreflang` links), the theme speaking the page's language while it renders, and
hand-written pages per language (`about.fr.md`, published as `fr/about/`).

Only a site with the `languages` option and more than one language goes through here; any
other builds exactly as before."""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from statusgen.content.docsdir import output_path
from statusgen.options import DEFAULTS, Options
from statusgen.plugin.languagelinks import localized_links
from statusgen.render import urls
from statusgen.render.locale import Translator
from statusgen.render.navtitles import nav_title
from statusgen.render.pages import PageKind


@dataclass
class LanguagePages:
    """The site's languages (the default first) and every page's versions in them."""

    languages: tuple[str, ...]
    #: The plugin's options (its `nav_titles`: the tabs' titles in each language).
    options: Options = DEFAULTS
    #: The site's address ending with "/" (links in the head are absolute, as search engines
    #: require of `hreflang` links), or "" without `site_url` (links relative to the site).
    base: str = ""
    #: A page's versions by a key all of them share (a generated page's source path without
    #: its language, a hand-written page's without its `.fr` suffix): language -> its file.
    versions: dict[str, dict[str, File]] = field(default_factory=dict)
    #: That key of each page, by the page's source path (`File.src_uri`).
    keys: dict[str, str] = field(default_factory=dict)
    #: The kind of each generated page, by its source path.
    kinds: dict[str, PageKind] = field(default_factory=dict)
    #: Each language's own name ("Français"), as its readers write it.
    names: dict[str, str] = field(init=False)
    #: The site-relative URL of every file of the build (`own_links`).
    published: tuple[Files, frozenset[str]] | None = None
    #: What the theme said before a page changed it (restored after the page): its language,
    #: `extra.alternate` and the footer (`copyright`).
    saved: tuple[str, Any, str | None] | None = None

    def __post_init__(self) -> None:
        self.names = {code: Translator(code)("language_name") for code in self.languages}

    @property
    def default(self) -> str:
        """The default language (the theme's)."""
        return self.languages[0]

    def add(self, file: File, key: str, language: str, kind: PageKind | None = None) -> None:
        """A page's file in `language`, one version of `key` (a generated page of `kind`)."""
        self.keys[file.src_uri] = key
        if kind is not None:
            self.kinds[file.src_uri] = kind
        self.versions.setdefault(key, {})[language] = file

    def version(self, file: File, language: str) -> File | None:
        """The page of `file` in `language`, if it has one."""
        return self.versions.get(self.keys.get(file.src_uri, ""), {}).get(language)

    def language_of(self, file: File) -> str:
        """The language of a published file: the first folder of its path when that is one of
        the site's other languages, else the default."""
        first = file.dest_uri.split("/", 1)[0]
        return first if first in self.languages[1:] else self.default

    def own_links(self, html: str, page: Page, files: Files) -> str:
        """A hand-written page's links led to its language's versions where they exist
        (`plugin/languagelinks.py`)."""
        language = self.language_of(page.file)
        if language == self.default:
            return html
        if self.published is None or self.published[0] is not files:
            self.published = (files, frozenset(file.url for file in files))
        return localized_links(html, page.url, language, self.languages[1:], self.published[1])

    def alternates(self, page: Page) -> list[dict[str, str]]:
        """The page in each language it exists in, as Material's `extra.alternate` lists them
        (name, link, lang), in the order of the `languages` option."""
        found = self.versions.get(self.keys.get(page.file.src_uri, ""), {})
        return [
            {"name": self.names[code], "link": found[code].url or "./", "lang": code}
            for code in self.languages
            if code in found
        ]

    def link(self, url: str) -> str:
        """A page's `File.url` as the head links to it: absolute with `site_url`."""
        return self.base + url.removeprefix("./") if self.base else url

    def enter(self, page: Page, config: MkDocsConfig) -> None:
        """Before the theme renders `page`: the theme in the page's language (Material's words
        and `<html lang>`), and its language switcher and `hreflang` links to this page in the
        other languages. A site's own `extra.alternate` is left as it is."""
        self.saved = (config.theme["language"], config.extra.get("alternate"), config.copyright)
        config.theme["language"] = language = self.language_of(page.file)
        config.copyright = footer(self.options.copyright, language, self.default, config.copyright)
        if self.saved[1] is None:
            alternates = self.alternates(page)
            config.extra["alternate"] = alternates if len(alternates) > 1 else None

    def leave(self, config: MkDocsConfig) -> bool:
        """After the page: the theme as the site configured it. True when the page's
        alternates were statusgen's (not the site's own `extra.alternate`)."""
        if self.saved is None:
            return False
        config.theme["language"], alternate, config.copyright = self.saved
        self.saved = None
        if alternate is not None:
            return False
        config.extra.pop("alternate", None)
        return True

    def addresses(self, page: Page) -> dict[str, str]:
        """The page's address in each language it exists in, as the head links to it
        (absolute: only with `site_url`, else none)."""
        if not self.base:
            return {}
        found = self.versions.get(self.keys.get(page.file.src_uri, ""), {})
        return {code: self.link(file.url) for code, file in found.items()}

    def x_default(self, page: Page) -> str:
        """The head's `hreflang="x-default"` link: the page in the default language."""
        found = self.versions.get(self.keys.get(page.file.src_uri, ""), {})
        file = found.get(self.default)
        if file is None or len(found) < 2 or not self.base:
            return ""
        href = html.escape(self.link(file.url))
        return f'  <link rel="{HREFLANG_REL}" hreflang="x-default" href="{href}">\n'


def footer(
    texts: str | tuple[tuple[str, str], ...], language: str, default: str, site: str | None
) -> str | None:
    """The footer (Material's `copyright`) of a page in `language`: the `copyright` option's
    text for it, else the option's default language's, marked with its `lang`, else the
    site's own (mkdocs.yml's `copyright`). Texts are the operator's HTML, as mkdocs.yml's."""
    if isinstance(texts, str):
        return texts or site
    found = dict(texts)
    if language in found:
        return found[language]
    if default in found:
        return f'<span lang="{html.escape(default)}">{found[default]}</span>'
    return site


#: The head's hreflang links as Material writes them from `extra.alternate` (base.html).
_HREFLANG_LINK = re.compile(
    r'<link rel="alternate" href="(?P<href>[^"]*)" hreflang="(?P<lang>[^"]*)">'
)
#: Their `rel`: the token "alternate" written so that Material's script, which selects
#: `link[rel=alternate]` (the exact attribute value), does not take them. For every link it
#: takes, it downloads a `sitemap.xml` beside the link's target (here a page: a 404 each, and a
#: host's 404 page is a whole page) and then takes the switcher's clicks, sending the reader to
#: the target without its final "/". HTML allows a set of space-separated tokens to end with a
#: space; the link's relation is the same token "alternate".
HREFLANG_REL = "alternate "


def own_hreflang_links(
    output: str, page_address: str | None, addresses: Mapping[str, str] | None = None
) -> str:
    """The page's hreflang links with `HREFLANG_REL`, absolute when the page's own address
    is known (search engines require it). Material writes the same links relative to the page
    in the header's language menu, which so works on a preview, a copy or another host too.
    A language's link is its entry in `addresses` where given (`LanguagePages.addresses`: the
    same address, without resolving a relative link per link of every page), else Material's
    link resolved against the page's address. Only the head is read (Material writes them
    there): a page's body is most of its bytes, and a body's own markup is not the theme's."""
    known = addresses or {}

    def own(match: re.Match[str]) -> str:
        href = html.unescape(match["href"])
        if page_address:
            href = known.get(match["lang"]) or urljoin(page_address, href)
        return f'<link rel="{HREFLANG_REL}" href="{html.escape(href)}" hreflang="{match["lang"]}">'

    head_end = output.find("</head>")
    if head_end < 0:
        return _HREFLANG_LINK.sub(own, output)
    return _HREFLANG_LINK.sub(own, output[:head_end]) + output[head_end:]


#: A hand-written page for one language: `about.fr.md` (mkdocs-static-i18n's suffix).
_SUFFIX = re.compile(r"^(?P<stem>.+)\.(?P<language>[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\.md$")


def hand_written(files: Files, config: MkDocsConfig, pages: LanguagePages) -> None:
    """Hand-written pages of the site's other languages (`about.fr.md`) published under
    their language's folder (`fr/about/`), left out of the navigation (the language switcher
    of `about/` leads to them); every hand-written page recorded with its versions."""
    others = pages.languages[1:]
    documents = [f for f in files if f.is_documentation_page() and not f.inclusion.is_excluded()]
    for file in documents:
        match = _SUFFIX.match(posixpath.basename(file.src_uri))
        folder = posixpath.dirname(file.src_uri)
        if match and match["language"] in others:
            key = posixpath.join(folder, match["stem"] + ".md")
            move(file, urls.in_language(key, match["language"], pages.default), config)
            file.inclusion = InclusionLevel.NOT_IN_NAV
        else:
            key = file.src_uri
        pages.add(file, key, pages.language_of(file))


def move(file: File, src: str, config: MkDocsConfig) -> None:
    """Publish `file` where a page with the source path `src` would be."""
    for derived in ("url", "abs_dest_path"):
        file.__dict__.pop(derived, None)
    file.dest_uri = output_path(src, config.use_directory_urls)


def language_nav(nav: Navigation, pages: LanguagePages, language: str) -> Navigation:
    """The site's navigation (its tabs) as readers of `language` follow it: each page in
    their language where it has a version in it, else as it is. A version of a page `nav:`
    titles is titled in `language` (`render/navtitles.nav_title`: the operator's title for
    the language in `nav_titles`, by the page's path in `nav:`, else statusgen's word for the
    kind of page); its page title and heading stay its own."""
    own = {path: dict(texts) for path, texts in pages.options.nav_titles}

    def version(page: Page) -> Page:
        file = pages.version(page.file, language)
        found = file.page if file is not None else None
        return found if isinstance(found, Page) else page

    def titled(item: Page, found: Page) -> None:
        if found is item or item.__dict__.get("title") is None:  # no title in `nav:`
            return
        kind = pages.kinds.get(found.file.src_uri)
        title = nav_title(kind, language, own.get(item.file.src_uri, {}))
        if title is not None:
            found.title = title

    def copy(items: list[Any], parent: Section | None) -> list[Any]:
        copied: list[Any] = []
        for item in items:
            if isinstance(item, Page):
                found = version(item)
                if found is not item:
                    found.parent = parent
                    titled(item, found)
                copied.append(found)
            elif isinstance(item, Section):
                section = Section(item.title, [])
                section.parent = parent
                section.children = copy(item.children, section)
                copied.append(section)
            else:
                copied.append(item)
        return copied

    translated = Navigation(copy(nav.items, None), [version(page) for page in nav.pages])
    if nav.homepage is not None:
        translated.homepage = version(nav.homepage)
    return translated
