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
keyed. The overview is never keyed: it says when the build ran, in words.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

from statusgen.clock import iso_utc
from statusgen.model import StatusSite
from statusgen.options import Options
from statusgen.render.checkverdict import holds_until
from statusgen.render.pages import (
    COMPONENT_PAGE,
    COMPONENT_REPORT_PAGE,
    OVERVIEW_PAGE,
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
) -> str | None:
    """The key of a page reading across incidents (the module's text); None for the overview,
    in a build whose window is its moment, or when an incident it reads is not over."""
    if world is None or page.kind is OVERVIEW_PAGE:
        return None
    snapshot = plan.snapshot
    component = page.context.get("component_id")
    if page.kind in (COMPONENT_PAGE, COMPONENT_REPORT_PAGE) and isinstance(component, str):
        views = snapshot.incidents_of_component(component)
    else:
        views = list(snapshot.incidents)
    if not all(view.state.is_over for view in views):
        return None
    digests = [verdicts.digest(view) for view in views]
    if None in digests:
        return None
    context = sorted(
        (name, value)
        for name, value in page.context.items()
        if value is None or isinstance(value, str | int)
    )
    parts = [settings, src, repr(page.kind), page.title, str(page.feed), repr(context), world]
    parts += [str(snapshot.history_days), str(snapshot.zone)]
    parts += [str(digest) for digest in digests]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()
