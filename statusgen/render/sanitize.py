"""HTML sanitizing of everything responders write, with nh3 (Rust's ammonia).

Responders' text arrives through pull requests: whatever Markdown turns it into, only
ordinary formatting survives. Scripts, event handlers, styles, frames, forms and
`javascript:` URLs never reach a page or a feed.
"""

from __future__ import annotations

import html
import re

import nh3

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "dd",
    "del",
    "details",
    "div",
    "dl",
    "dt",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "class"},
    "p": {"class"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan", "scope"},
    "ol": {"start"},
    "code": {"class"},
    "span": {"class"},
    "div": {"class"},
    "pre": {"class"},
    "h1": {"id"},
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
    "h5": {"id"},
    "h6": {"id"},
}
URL_SCHEMES = {"http", "https", "mailto"}


#: Ids the page itself uses (Material's `__config`, `__search`..., statusgen's sections, update
#: anchors, components, groups): content must never take one, or scripts would find its element.
RESERVED_ID = re.compile(r"^(_|md-|sg-|update-|component-|group-|m-\d)")
#: Classes content may carry: code highlighting, admonitions and heading permalinks. Never the
#: theme's or statusgen's layout classes (a fake banner or a full-page overlay).
SAFE_CLASS = re.compile(
    r"^(language-[\w-]+|highlight|codehilite|headerlink|admonition|admonition-title|note|info|"
    r"tip|warning|danger|success|failure|bug|example|quote|abstract|question|[a-z][a-z0-9]{0,2})$"
)


def _filter_attribute(element: str, attribute: str, value: str) -> str | None:
    """Images only over https (no tracking over http, no data: URLs); only safe classes; no
    id that the page's own scripts or anchors rely on."""
    if element == "img" and attribute == "src" and not value.startswith("https://"):
        return None
    if attribute == "class":
        kept = [c for c in value.split() if SAFE_CLASS.match(c)]
        return " ".join(kept) or None
    if attribute == "id" and (RESERVED_ID.match(value) or not re.fullmatch(r"[\w-]+", value)):
        return None
    return value


def sanitize_html(html: str) -> str:
    """Keep ordinary formatting and links; drop everything that could run or restyle."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        attribute_filter=_filter_attribute,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


_TAGS = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def html_to_text(markup: str) -> str:
    """Sanitized HTML reduced to plain text with folded white space (for search, calendars)."""
    return _SPACE.sub(" ", html.unescape(_TAGS.sub(" ", markup))).strip()


#: A start or end tag of sanitized HTML (nh3 quotes every attribute value with `"`, and
#: escapes `<` in text, so a tag is never found inside text or a value).
_TAG = re.compile(r'<(/?)([a-zA-Z][a-zA-Z0-9]*)(?:[^>"]|"[^"]*")*>')
#: Elements without content or end tag.
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "wbr"}
)


def element_depth(markup: str) -> int:
    """The deepest nesting of elements in sanitized (well-formed) HTML."""
    depth = deepest = 0
    for closing, name in _TAG.findall(markup):
        if name.lower() in VOID:
            continue
        depth += -1 if closing else 1
        deepest = max(deepest, depth)
    return deepest
