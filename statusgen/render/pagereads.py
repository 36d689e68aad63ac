"""What a generated page that reads across incidents reads, as a key (issue 22: the finished
pages' cache, `plugin/pagecache.py`; pages that read only incidents' views are keyed by
`render/verdicts.Verdicts.key`).

A component's page and its report read the incidents that touched the component (its
timeline, uptime, bars and list come from them), the catalog and the probes; the history and
the site's report read every incident, the catalog and the probes. All of them read the clock
through what is derived (`derive/window.py`): between two moments at which derived state may
change, deriving gives the same but for lengths that grow with the clock, which only an
incident not over has. So the key holds the end of the build's window (`holds_until`: two
builds in the same window find the same end) and no page reading an incident not over is
keyed. A report's mean time between failures is another such length even when every incident
is over (its operating time runs until the build's moment), so a report page's key holds the
build's moment too: it is kept only for a build at the same moment (a pinned
`SOURCE_DATE_EPOCH`). The overview is never keyed: it says when the build ran, in words.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import datetime
from functools import partial
from pathlib import Path

from statusgen.clock import iso_utc
from statusgen.derive.snapshot import IncidentView, Snapshot
from statusgen.model import StatusSite
from statusgen.options import Options
from statusgen.render import urls
from statusgen.render.archive import text_parts
from statusgen.render.checkverdict import holds_until
from statusgen.render.pages import (
    COMPONENT_PAGE,
    COMPONENT_REPORT_PAGE,
    OVERVIEW_PAGE,
    REPORT_PAGE,
    GeneratedPage,
)
from statusgen.render.plan import PublicationPlan
from statusgen.render.verdicts import Verdicts


def build_world(site: StatusSite, options: Options, root: Path, now: datetime) -> str | None:
    """What every page reading across incidents reads besides them, as one digest: the
    catalog, the probe history, the end of the build's window; None when the window is the
    build's moment alone (a time of the site falls on it)."""
    until = holds_until(site, options, root, now)
    if until <= now:
        return None
    digest = hashlib.sha256(repr(site.catalog).encode())
    try:
        digest.update((root / options.probe_history).read_bytes())
    except OSError:
        digest.update(b"no probes")
    digest.update(iso_utc(until).encode())
    return digest.hexdigest()


def across_key(
    verdicts: Verdicts,
    settings: str,
    src: str,
    page: GeneratedPage,
    plan: PublicationPlan,
    world: str | None,
    built: str,
) -> str | None:
    """The key of a page reading across incidents (the module's text); None for the overview,
    in a build whose window is its moment, or when an incident it reads is not over. A
    report page's holds the build's moment, `built`."""
    if world is None or page.kind is OVERVIEW_PAGE:
        return None
    snapshot = plan.snapshot
    component = page.context.get("component_id")
    if page.kind in (COMPONENT_PAGE, COMPONENT_REPORT_PAGE) and isinstance(component, str):
        views = snapshot.incidents_of_component(component)
    else:
        views = list(snapshot.incidents)
    context = sorted(
        (name, value)
        for name, value in page.context.items()
        if value is None or isinstance(value, str | int)
    )
    reads = views_digest(verdicts, views)
    if reads is None:
        return None
    parts = [settings, src, repr(page.kind), page.title, str(page.feed), repr(context), world]
    parts += [str(snapshot.history_days), str(snapshot.zone), reads]
    if page.kind in (REPORT_PAGE, COMPONENT_REPORT_PAGE):
        parts.append(built)
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def file_key(
    verdicts: Verdicts,
    settings: str,
    src: str,
    plan: PublicationPlan,
    world: str | None,
    digests: dict[str, str | None],
) -> str | None:
    """The key of a generated file that is not a page (`render/keptfiles.py`): the key the
    check's verdicts give it (`Verdicts.key`: the feeds and the calendar, by their incidents'
    views, with the build's time where one is not over), else the views of the incidents it
    reads (`file_reads`), each over, with what `across_key` reads besides and the build's
    window (`world`). Only in a window in which no time of the site falls on the build's
    moment, so a value that is the build's time is the build's. `digests` holds the plan's
    `views_digest` of each scope, worked out once a build. None in a build whose window is
    its moment, or when an incident it reads is not over."""
    if world is None:
        return None
    snapshot = plan.snapshot
    own = verdicts.key(settings, src, None, snapshot)
    if own is not None:
        return hashlib.sha256(f"file\0{own}".encode()).hexdigest()
    scope, views = file_reads(src, snapshot)
    if scope not in digests:
        digests[scope] = views_digest(verdicts, views)
    if (reads := digests[scope]) is None:
        return None
    parts = ["file", settings, src, world, str(snapshot.history_days), str(snapshot.zone)]
    parts += [repr(snapshot.years), reads]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def file_reads(src: str, snapshot: Snapshot) -> tuple[str, Iterable[IncidentView]]:
    """Which incidents a generated file reads, named: a year's archive rows and search texts
    its year's, a component's report files its component's (as its report page), any other
    file every incident."""
    name, _, rest = src.rpartition("/")
    if name == "history" and rest.startswith(("index-", "search-")):
        year = rest.removeprefix("index-").removeprefix("search-")[:4]
        if year.isdigit():
            found = int(year)
            parts = text_parts(snapshot, found)
            if src in (
                urls.archive_year_rows(found),
                *map(partial(urls.archive_texts, found), parts),
            ):
                return f"year {found}", snapshot.incidents_of_year(found)
    if src.startswith("components/") and name.endswith("/report"):
        component = name.removeprefix("components/").removesuffix("/report")
        if component in snapshot.components and src == urls.report_file(rest, component):
            return f"component {component}", snapshot.incidents_of_component(component)
    return "every", snapshot.incidents


def views_digest(verdicts: Verdicts, views: Iterable[IncidentView]) -> str | None:
    """The digest of `views`, each over; None when one is not."""
    digest = hashlib.sha256()
    for view in views:
        found = verdicts.digest(view) if view.state.is_over else None
        if found is None:
            return None
        digest.update(found.encode())
    return digest.hexdigest()
