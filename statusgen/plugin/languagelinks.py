"""Links of a hand-written page in another language (`subscribe.fr.md`) to that language's
version of what they name. MkDocs resolves a page's links from its source path, which the
language suffix keeps beside the default language's page: `[feed](feed.rss)` and
`[API](api.md)` in `subscribe.fr.md` would lead French readers to the English feed and page.
As with mkdocs-static-i18n, a link leads to the page or file in the page's language where
there is one (`fr/feed.rss`, `fr/api/`), else to the default language's."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Collection

#: An `href` of the page's body; MkDocs writes them double-quoted.
_HREF = re.compile(r'(<a\s[^>]*?\bhref=")([^"#?]*)([^"]*)(")')
#: An address with a scheme (`https:`, `mailto:`) or from the root: not the site's relative one.
_NOT_RELATIVE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|/)")


def localized_links(
    html: str, page_url: str, language: str, languages: Collection[str], published: Collection[str]
) -> str:
    """`html`, the body of the page at `page_url` (a site-relative `File.url`, `fr/subscribe/`)
    in `language`, with each relative link to a default-language address that exists in
    `language` too (its site-relative URL is in `published`) led there instead."""
    folder = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url)

    def localize(match: re.Match[str]) -> str:
        path = match[2]
        if not path or _NOT_RELATIVE.match(path):
            return match[0]
        target = posixpath.normpath(posixpath.join(folder, path))
        if target == ".":
            target = ""
        if target.startswith("../") or target == ".." or target.split("/", 1)[0] in languages:
            return match[0]
        if path.endswith("/") and target:
            target += "/"
        own = f"{language}/{target}"
        if own not in published:
            return match[0]
        relative = posixpath.relpath(own, folder or ".")
        if own.endswith("/") and not relative.endswith("/"):
            relative += "/"
        return match[1] + relative + match[3] + match[4]

    return _HREF.sub(localize, html)
