"""What statusgen adds to every page, generated or hand-written, after the theme rendered it:
feed autodiscovery links, and on an internal site the marks that make it unmistakable. Done on
the finished HTML (by the plugin's page hooks), so a site's own `main.html` override keeps them.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from importlib.resources import files

from statusgen.render import urls

#: Marks the page as scripted before its first paint (Material does it only when its bundle runs,
#: at the end of the body), so what only works with JavaScript is laid out from the start and
#: nothing moves when the scripts arrive.
EARLY_JS_CLASS = '  <script>document.documentElement.classList.replace("no-js", "js")</script>\n'
#: Material sets its search up as each page loads: it downloads the whole search index and starts
#: the search worker, which every reader would pay for on every page (about 40 KB gzipped, more
#: than the overview's own HTML). This holds both back until the reader first reaches for search:
#: pointing at or focusing the search field, its keyboard shortcuts, or a `?q=` link. Material's
#: own code runs unchanged; its index request and its worker only start later.
SEARCH_ON_DEMAND = (
    "  <script>"
    + (files("statusgen.render") / "assets" / "search-on-demand.js").read_text(encoding="utf-8")
    + "</script>\n"
)
#: The robots rule of an internal site, on every page and in robots.txt.
INTERNAL_ROBOTS = '  <meta name="robots" content="noindex, nofollow">\n'
#: robots.txt of an internal site: nothing to index.
INTERNAL_ROBOTS_TXT = "User-agent: *\nDisallow: /\n"


def add_to_page(output: str, head: str, bar: str = "", internal: bool = False) -> str:
    """The page with `head` at the end of its head, `bar` first in its body, and (internal)
    the audience on its root element for the styles."""
    output = into_head(output, EARLY_JS_CLASS + SEARCH_ON_DEMAND + head)
    if internal:
        output = output.replace("<html ", '<html data-sg-audience="internal" ', 1)
    if bar:
        body = output.find("<body")
        body_end = output.find(">", body) + 1 if body >= 0 else 0
        if body_end:
            output = output[:body_end] + bar + output[body_end:]
    return output


#: The id of a generated page's heading, where its skip link leads (the templates give it).
MAIN_ID = "sg-main"


def skip_link(output: str, label: str) -> str:
    """A "Skip to content" link to the page's heading, for a page that has one and no skip
    link yet: Material draws its own only from a table of contents, which generated pages
    lack. Styled as Material's (hidden until focused)."""
    if f'id="{MAIN_ID}"' not in output or 'class="md-skip"' in output:
        return ""
    return f'<a href="#{MAIN_ID}" class="md-skip">{html.escape(label)}</a>'


def finish_page(output: str, head: str, internal_notice: str | None, skip_label: str = "") -> str:
    """A page as published: `head` added, a skip link (`skip_link`, with `skip_label`) first in
    its body; on an internal site (with its notice's words) the robots rule, a bar across the
    top and the audience on the root element."""
    skip = skip_link(output, skip_label) if skip_label else ""
    if internal_notice is None:
        return add_to_page(output, head, skip)
    bar = f'<div class="sg-internal-bar" role="note">{html.escape(internal_notice)}</div>'
    return add_to_page(output, INTERNAL_ROBOTS + head, skip + bar, internal=True)


def feed_links(
    site_name: str, href: Callable[[str], str], page_feed: tuple[str, str] | None = None
) -> str:
    """Feed autodiscovery links for a page's head: the site's feeds, and the page's own
    (title, feed path) when it has one; `href` turns a site path into the page's link.

    rel="alternate feed" (a valid autodiscovery link: its rel holds the "alternate" token):
    Material downloads sitemap.xml next to every link[rel=alternate] it finds, which would
    cost every reader the whole sitemap on every page (and 404 under components/<id>/).
    """
    feeds = [(site_name, urls.FEED)]
    if page_feed is not None:
        feeds.append(page_feed)
    lines = []
    for title, path in feeds:
        for extension, kind, label in (("rss", "rss+xml", "RSS"), ("atom", "atom+xml", "Atom")):
            link = html.escape(href(f"{path}.{extension}"))
            lines.append(
                f'  <link rel="alternate feed" type="application/{kind}" '
                f'title="{html.escape(title)} ({label})" href="{link}">\n'
            )
    return "".join(lines)


def into_head(output: str, links: str) -> str:
    """`links` added on their own lines at the end of the page's head."""
    head_end = output.find("</head>")
    if head_end < 0:
        return output
    line_start = output.rfind("\n", 0, head_end) + 1
    return output[:line_start] + links + output[line_start:]
