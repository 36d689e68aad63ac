"""The site's name at the top of every printed page: an @page margin box, added to the end of
statusgen.css as the build publishes it (the header that names the site on screen is not
printed; a page holds no <style> element of its own)."""

from __future__ import annotations

from collections.abc import Callable
from importlib.resources.abc import Traversable


def page_rule(site_name: str) -> str:
    """The @page rule naming the site. Every character but ASCII letters, digits and spaces is a
    CSS escape, so no name ends the string or the stylesheet's rule."""
    text = "".join(
        c if (c.isalnum() and c.isascii()) or c == " " else f"\\{ord(c):06x}" for c in site_name
    )
    return f'\n@page {{ @top-left {{ content: "{text}"; font: 9pt sans-serif; color: #000; }} }}\n'


def stylesheet(source: Traversable, site_name: str) -> Callable[[], bytes]:
    """statusgen.css as published: the package's, then the site's @page rule."""
    return lambda: source.read_bytes() + page_rule(site_name).encode("utf-8")
