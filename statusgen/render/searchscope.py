"""What the header search covers, said in its results when it is not everything.

Material's search index holds the newest `SEARCHABLE_INCIDENTS` incident pages only (it is
downloaded whole on the first search: at 10,000 incidents every page's text would make it
megabytes). Where the site has more, every page's head carries the words and the archive's
address (`search_scope`), and the page's script shows them under the search results with a
link to the archive's text search for the same words (`/history/?text=...`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from statusgen.render import urls
from statusgen.render.locale import Translator
from statusgen.render.pages import SEARCHABLE_INCIDENTS
from statusgen.render.safejson import render_json

if TYPE_CHECKING:
    from statusgen.render.plan import PublicationPlan

#: The element's id the page's script reads.
SCOPE_ID = "sg-search-scope"


def search_scope(incidents: int, archive_href: str, t: Translator) -> str:
    """A line for the page's head, or "" when the search index holds every incident."""
    if incidents <= SEARCHABLE_INCIDENTS:
        return ""
    data = {
        "covers": t("search.covers", count=SEARCHABLE_INCIDENTS),
        "all": t("search.all_in_archive"),
        "archive": archive_href,
    }
    return f'  <script type="application/json" id="{SCOPE_ID}">{render_json(data)}</script>\n'


def page_search_scope(plan: PublicationPlan | None, page_url: str) -> str:
    """`search_scope` for a page of `plan`'s language at `page_url`; "" for a page of no plan."""
    if plan is None:
        return ""
    archive = urls.relative(plan.renderer.urls.page(urls.HISTORY), page_url)
    return search_scope(len(plan.snapshot.incidents), archive, plan.t)
