"""What statusgen adds to hand-written pages: an element the page's Markdown holds as a marker
is replaced by a partial made from the build's data.

- `<div data-statusgen-components></div>`: every component's feeds, with a picker that
  builds the chosen components' feed addresses (`_picker.html`, `assets/statusgen/picker.js`).
- `<div data-statusgen-email></div>`: the e-mail sign-up of the `subscribe_form` option
  (`_email_form.html`), else the contact line's way to ask.
- `<div data-statusgen-widget-preview></div>`: the status widget's snippet, with the build's
  own address (the internal site's on an internal build), and the widget live
  (`_widget.html`).
"""

from __future__ import annotations

from typing import Any, Protocol

from statusgen.options import Options

#: Marker -> the partial template that replaces it.
MARKERS = {
    "<div data-statusgen-components></div>": "_picker.html",
    "<div data-statusgen-email></div>": "_email_form.html",
    "<div data-statusgen-widget-preview></div>": "_widget.html",
}


class PartialRenderer(Protocol):
    """What renders a partial (`pages.PageRenderer`)."""

    def render_partial(self, template: str, page_url: str, **context: Any) -> str: ...


def fill_markers(html: str, renderer: PartialRenderer, page_url: str, options: Options) -> str:
    """`html` (a hand-written page's body) with each marker replaced by its partial."""
    for marker, template in MARKERS.items():
        if marker in html:
            part = renderer.render_partial(template, page_url, form=options.subscribe_form)
            html = html.replace(marker, part)
    return html
