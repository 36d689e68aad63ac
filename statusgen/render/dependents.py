"""What an edit to incidents changes in a build: the pages and files to make again (issue 22).

`mkdocs serve` makes the site again after an incident file is edited (`plugin/incremental.py`).
Given the plan of the last full build and the plan of the same build with the edited
incidents, `dependents` lists the entries whose content may differ, from what each reads:

- an incident's page and its own feeds read its view alone (with the build's time, language
  and links, the same in both plans): made again when its view changed;
- a year's or a month's page in the archive reads its year's views: made again when one of
  them changed;
- a component's page, report page, feeds, badges and report data read the incidents that
  touch it: made again when a changed incident touches it (before or after the edit);
- the maintenance calendar reads maintenance alone: made again when a changed incident is one;
- every other page (overview, history, the site's report) and every other file (the site's
  feeds, API, badge and report data, archive files) reads across incidents: made again, and
  its file written only where its bytes differ.

None when the two plans do not publish the same entries (an incident that gains or loses its
feeds, a new year): a full build is the only safe answer then. (Entries in another order, an
incident moved past another, are the same entries: the caller puts them in the new order.) A site
that overrides statusgen's templates gets None too (its templates may read anything).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from statusgen.derive.snapshot import IncidentView, Snapshot
from statusgen.render import urls
from statusgen.render.pages import (
    COMPONENT_PAGE,
    COMPONENT_REPORT_PAGE,
    INCIDENT_PAGE,
    OLDER_INCIDENT_PAGE,
    YEAR_PAGE,
)
from statusgen.render.plan import Planned, PublicationPlan
from statusgen.render.verdicts import incident_feed


@dataclass(frozen=True)
class Dependent:
    """An entry of the new plan to make again, with the plan of its language."""

    item: Planned
    plan: PublicationPlan


def changed_incidents(old: Snapshot, new: Snapshot) -> frozenset[str] | None:
    """The ids of incidents whose view differs between two snapshots of the same incidents
    (in any order); None when the incidents themselves (their ids) differ."""
    if len(old.by_id) != len(new.by_id) or old.by_id.keys() != new.by_id.keys():
        return None
    return frozenset(id for id, view in new.by_id.items() if view != old.by_id[id])


def dependents(old: PublicationPlan, new: PublicationPlan) -> list[Dependent] | None:
    """The entries of `new` to make again after the edit that turned `old` into it, in the
    plan's order; None when only a full build is safe (see the module's text)."""
    olds, news = old.in_every_language(), new.in_every_language()
    if len(olds) != len(news) or any(part.overridden for part in news):
        return None
    found: list[Dependent] = []
    for was, now in zip(olds, news, strict=True):
        part = _language_dependents(was, now)
        if part is None:
            return None
        found.extend(Dependent(item, now) for item in part)
    return found


def _language_dependents(old: PublicationPlan, new: PublicationPlan) -> list[Planned] | None:
    """`dependents` within one language's plan."""
    changed = changed_incidents(old.snapshot, new.snapshot)
    if changed is None or old.language != new.language:
        return None
    before = {item.src: item for item in old.own()}
    after = list(new.own())
    if len(before) != len(after) or any(item.src not in before for item in after):
        return None
    scoped = _component_files(new)
    touched = _components_of(changed, old.snapshot) | _components_of(changed, new.snapshot)
    maintenance = any(
        snapshot.by_id[id].incident.is_maintenance
        for id in changed
        for snapshot in (old.snapshot, new.snapshot)
    )
    found: list[Planned] = []
    for item in after:
        component = _component_of(item, scoped)
        if component is not None and component not in touched:
            continue  # a component's page, report, feeds and badges: its incidents only
        if item.src == new.renderer.urls.file(urls.CALENDAR) and not maintenance:
            continue  # the calendar lists maintenance only
        was = before[item.src]
        if (was.page is None) != (item.page is None):
            return None
        reads = _reads(was, old.snapshot) | _reads(item, new.snapshot)
        if not _reads_views_only(item, new.snapshot) or not reads.isdisjoint(changed):
            found.append(item)
    return found


def _components_of(changed: frozenset[str], snapshot: Snapshot) -> set[str]:
    """The components the changed incidents touch in `snapshot` (in any update)."""
    found: set[str] = set()
    for id in changed:
        view = snapshot.by_id[id]
        found.update(component.id for component, _ in view.affected)
        found.update(component.id for step in view.changes for component, _ in step)
    return found


def _component_files(plan: PublicationPlan) -> dict[str, str]:
    """Each file that reads one component's incidents alone (its feeds, its report's data,
    its badges), by path in the plan's language, with that component's id."""
    path = plan.renderer.urls.file
    found: dict[str, str] = {}
    for component_id in plan.snapshot.components:
        feed = urls.component_feed(component_id)
        names = [feed + ".rss", feed + ".atom", urls.badge(component_id, "svg")]
        names += [urls.badge(component_id, "json")]
        names += [urls.report_file(name, component_id) for name in urls.REPORT_FILES]
        found.update((path(name), component_id) for name in names)
    return found


def _component_of(item: Planned, files: dict[str, str]) -> str | None:
    """The component whose incidents alone the entry reads: its page, its report page, its
    files; None for everything else."""
    if item.page is None:
        return files.get(item.src)
    if item.page.kind in (COMPONENT_PAGE, COMPONENT_REPORT_PAGE):
        component_id = item.page.context.get("component_id")
        return component_id if isinstance(component_id, str) else None
    return None


def _reads_views_only(item: Planned, snapshot: Snapshot) -> bool:
    """Whether the entry reads only the views `_views` names (an incident's page or feeds,
    the archive's year and month pages)."""
    if item.page is None:
        return _feed_of(item, snapshot) is not None
    return item.page.kind in (INCIDENT_PAGE, OLDER_INCIDENT_PAGE, YEAR_PAGE)


def _reads(item: Planned, snapshot: Snapshot) -> set[str]:
    """The ids of the incidents whose views an incident page, an incident's feed or a year's
    page reads; empty for other entries."""
    return {view.id for view in _views(item, snapshot)}


def _views(item: Planned, snapshot: Snapshot) -> Iterator[IncidentView]:
    if item.page is None:
        view = _feed_of(item, snapshot)
        if view is not None:
            yield view
        return
    incident = item.page.context.get("incident")
    if isinstance(incident, IncidentView):
        yield incident
    elif item.page.kind is YEAR_PAGE:
        yield from snapshot.incidents_of_year(item.page.context["year"])


def _feed_of(item: Planned, snapshot: Snapshot) -> IncidentView | None:
    """The incident whose own feed the file is, if any (its path without its language's
    folder, `urls.file_in_language`)."""
    prefix = f"{item.language}/"
    src = item.src.removeprefix(prefix) if item.language else item.src
    return incident_feed(src, snapshot)
