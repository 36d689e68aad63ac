"""Status badges: a small SVG per component and for the whole page, and shields.io endpoint
documents (https://shields.io/badges/endpoint-badge) for teams that style their own."""

from __future__ import annotations

from statusgen.model import IMPACT_STATUS, ComponentStatus, Impact
from statusgen.palette import status_colour
from statusgen.render.safejson import render_json

INDICATOR_STATUS = {Impact.NONE: ComponentStatus.OPERATIONAL, **IMPACT_STATUS}
#: How long shields.io may cache a badge: its minimum, so a badge follows the page closely.
BADGE_CACHE_SECONDS = 300
_NARROW = set("fijlrt.,:;'|!()[] ")
_WIDE = set("mwMW@%")


def escape(text: str, quotes: bool = False) -> str:
    """Text for XML: `&`, `<` and `>` escaped (with `quotes`, `"` too), as
    `xml.sax.saxutils.escape` writes it. Not that function: importing it loads urllib, http and
    ssl (2 MB in every build)."""
    text = text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
    return text.replace('"', "&quot;") if quotes else text


def text_width(text: str) -> int:
    """Approximate width in pixels of 11 px Verdana-like text (no font metrics needed)."""
    total = 0.0
    for char in text:
        total += (
            4.0 if char in _NARROW else 10.0 if char in _WIDE else 8.0 if char.isupper() else 6.8
        )
    return int(total) + 1


def render_badge_svg(label: str, message: str, status: ComponentStatus) -> str:
    """A flat badge `label | message`, with an accessible name and title."""
    color = status_colour(status).light
    left, right = text_width(label) + 12, text_width(message) + 12
    width = left + right
    title = escape(f"{label}: {message}")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="20" role="img" '
        f'aria-label="{escape(f"{label}: {message}", quotes=True)}">'
        f"<title>{title}</title>"
        f'<rect width="{left}" height="20" fill="#555"/>'
        f'<rect x="{left}" width="{right}" height="20" fill="{color}"/>'
        '<g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11" '
        'text-anchor="middle">'
        f'<text x="{left / 2:g}" y="14">{escape(label)}</text>'
        f'<text x="{left + right / 2:g}" y="14">{escape(message)}</text></g></svg>'
    )


def render_shields_json(label: str, message: str, status: ComponentStatus) -> str:
    """A shields.io endpoint document."""
    color = status_colour(status).shields
    return render_json(
        {
            "schemaVersion": 1,
            "label": label,
            "message": message,
            "color": color,
            "cacheSeconds": BADGE_CACHE_SECONDS,
        }
    )
