"""The Statuspage v2-compatible JSON API: the same field names, enums and nesting, so existing
Statuspage clients and widgets can read a statusgen site.

Ids are statusgen's own ids (incident file names, component ids), stable across builds.
Group ids are `group-<slug>`; update ids are `<incident id>-<anchor>`. When the clock, not
a posted update, moves a maintenance to in progress or completed, its updates carry an
automatic one (as Statuspage posts for its automatic transitions), id
`<incident id>-auto-in-progress` or `<incident id>-auto-completed`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from statusgen.clock import iso_utc
from statusgen.derive.lifecycle import maintenance_status_at, maintenance_window
from statusgen.derive.snapshot import ComponentView, IncidentView, Snapshot
from statusgen.derive.statuses import update_changes
from statusgen.model import ComponentStatus, Incident, PhaseStatus, worst_status
from statusgen.render.locale import Translator
from statusgen.render.sanitize import sanitize_html
from statusgen.slugs import slugify

#: Statuspage's impact word for maintenance (its indicator word is `PageState.banner`'s).
MAINTENANCE_IMPACT = "maintenance"
#: Stands in for a creation time when a site has no incident at all: stable across builds.
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
#: How many incidents incidents.json and scheduled-maintenances.json list (as Statuspage).
RECENT_LIMIT = 50


class ApiBuilder:
    """Builds every API document of one build from the site's views."""

    def __init__(
        self,
        view: Snapshot,
        name: str,
        url: str,
        time_zone: str,
        incident_url: dict[str, str],
        t: Translator,
    ) -> None:
        self.view = view
        self.t = t
        self.page_id = slugify(name) or "status"
        self.page = {
            "id": self.page_id,
            "name": name,
            "url": url,
            "time_zone": time_zone,
            "updated_at": iso_utc(view.now),
        }
        self.incident_url = incident_url
        self.first_seen = self._first_seen()
        self.component_list = self._components()
        self.by_id = {c["id"]: c for c in self.component_list if not c["group"]}

    def documents(self) -> dict[str, dict[str, Any]]:
        """Every API file, by path under api/v2/."""
        incidents = [i for i in self.view.incidents if not i.incident.is_maintenance]
        maintenance = [i for i in self.view.incidents if i.incident.is_maintenance]
        unresolved = [self.incident(i) for i in self.view.active]
        upcoming = [self.incident(i) for i in self.view.maintenance_upcoming]
        active = [self.incident(i) for i in self.view.maintenance_in_progress]
        components = self.component_list
        status = self.status()
        return {
            "summary.json": {
                "page": self.page,
                "components": components,
                "incidents": unresolved,
                "scheduled_maintenances": active + upcoming,
                "status": status,
            },
            "status.json": {"page": self.page, "status": status},
            "components.json": {"page": self.page, "components": components},
            "incidents.json": {
                "page": self.page,
                "incidents": [self.incident(i) for i in incidents[:RECENT_LIMIT]],
            },
            "incidents/unresolved.json": {"page": self.page, "incidents": unresolved},
            "scheduled-maintenances.json": {
                "page": self.page,
                "scheduled_maintenances": [self.incident(i) for i in maintenance[:RECENT_LIMIT]],
            },
            "scheduled-maintenances/upcoming.json": {
                "page": self.page,
                "scheduled_maintenances": upcoming,
            },
            "scheduled-maintenances/active.json": {
                "page": self.page,
                "scheduled_maintenances": active,
            },
        }

    def status(self) -> dict[str, str]:
        """`{indicator, description}` of the whole page; `maintenance` while a maintenance
        runs and no incident is open, as Statuspage says it."""
        state = self.view.state
        return {"indicator": state.banner, "description": state.description}

    def _first_seen(self) -> dict[str, datetime]:
        """When each component was created (Statuspage's `created_at`): its `since`, or its
        own first incident if that is earlier. A component without `since` counts as old as
        the site's history (as its uptime does): the site's first incident, which does not
        move when the component's own first incident comes, and never the build time."""
        first: dict[str, datetime] = {}
        for item in reversed(self.view.incidents):  # oldest first
            for component, _ in item.affected:
                first.setdefault(component.id, item.incident.started_at)
        earliest = min((i.incident.started_at for i in self.view.incidents), default=EPOCH)
        created = {}
        for cid, view in self.view.components.items():
            since = view.component.since
            created[cid] = earliest if since is None else min(since, first.get(cid, since))
        return created

    def component(self, view: ComponentView, position: int, group_id: str | None) -> dict[str, Any]:
        """A component object."""
        c = view.component
        # Its last status change: segment edges before now (an open segment ends at `now`,
        # which is when the build ran, not a change).
        changed = [s.end_at for s in view.timeline if s.end_at < self.view.now]
        changed += [s.start_at for s in view.timeline if s.start_at <= self.view.now]
        created = self.first_seen[c.id]
        return {
            "id": c.id,
            "name": c.name,
            "status": view.status.value,
            "created_at": iso_utc(created),
            "updated_at": iso_utc(max([created, *changed])),
            "position": position,
            "description": c.description or None,
            "showcase": True,
            "start_date": c.since.date().isoformat() if c.since else None,
            "group_id": group_id,
            "page_id": self.page_id,
            "group": False,
            "only_show_if_degraded": False,
        }

    def _components(self) -> list[dict[str, Any]]:
        """Groups (`group: true`, with their members' ids) and components, in page order."""
        out: list[dict[str, Any]] = []
        position = 1
        for group in self.view.groups:
            group_id = "group-" + group.group.slug
            members = [
                self.component(c, position + n + 1, group_id)
                for n, c in enumerate(group.components)
            ]
            worst = worst_status(ComponentStatus(m["status"]) for m in members)
            created = min((m["created_at"] for m in members), default=iso_utc(EPOCH))
            updated = max((m["updated_at"] for m in members), default=created)
            out.append(
                {
                    "id": group_id,
                    "name": group.group.name,
                    "status": worst.value,
                    "created_at": created,
                    "updated_at": updated,
                    "position": position,
                    "description": group.group.description or None,
                    "showcase": False,
                    "start_date": None,
                    "group_id": None,
                    "page_id": self.page_id,
                    "group": True,
                    "only_show_if_degraded": False,
                    "components": [m["id"] for m in members],
                }
            )
            out.extend(members)
            position += len(members) + 1
        return out

    def _update(
        self, update_id: str, incident: Incident, status: PhaseStatus, body: str, at: datetime
    ) -> dict[str, Any]:
        """An incident update object, without its affected components."""
        return {
            "id": update_id,
            "status": status.value,
            "body": client_html(body),
            "incident_id": incident.id,
            "created_at": iso_utc(at),
            "updated_at": iso_utc(at),
            "display_at": iso_utc(at),
            "affected_components": None,
            "deliver_notifications": True,
            "custom_tweet": None,
            "tweet_id": None,
        }

    def automatic_updates(self, incident: Incident) -> list[dict[str, Any]]:
        """The updates Statuspage would post for a maintenance the clock moved: in progress
        at its window's start unless an update posted by then says so, completed at its end
        unless a `completed` update was posted."""
        if not incident.is_maintenance:
            return []
        start, end = maintenance_window(incident)
        began = (PhaseStatus.IN_PROGRESS, PhaseStatus.VERIFYING)
        out = []
        if (
            start <= self.view.now
            and start < end
            and not any(p.at <= start and p.status in began for p in incident.phases)
        ):
            in_progress = PhaseStatus.IN_PROGRESS
            body = self.t("notify.window_started")
            update_id = f"{incident.id}-auto-in-progress"
            out.append(self._update(update_id, incident, in_progress, body, start))
        if incident.closed_at is None and end <= self.view.now:
            body = self.t("notify.window_ended")
            update_id = f"{incident.id}-auto-completed"
            out.append(self._update(update_id, incident, PhaseStatus.COMPLETED, body, end))
        return out

    def incident(self, item: IncidentView) -> dict[str, Any]:
        """An incident or scheduled maintenance object with its updates, newest first."""
        incident = item.incident
        updates = []
        for phase, changes in update_changes(incident):
            affected = [
                {
                    "code": cid,
                    "name": self.by_id[cid]["name"],
                    "old_status": old.value,
                    "new_status": new.value,
                }
                for cid, (old, new) in changes.items()
                if cid in self.by_id
            ]
            update = self._update(
                f"{incident.id}-{phase.anchor}", incident, phase.status, phase.message, phase.at
            )
            updates.append({**update, "affected_components": affected or None})
        # Posted and automatic updates in time order (ISO UTC strings sort as times; the sort
        # is stable, so an automatic update follows one posted at the same second).
        updates = sorted(updates + self.automatic_updates(incident), key=lambda u: u["created_at"])
        last = incident.last_phase
        first_at = {s: p.at for p in reversed(incident.phases) for s in [p.status.value]}
        status, resolved_at = last.status, incident.closed_at
        if incident.is_maintenance:
            status = maintenance_status_at(incident, self.view.now)
            if status is PhaseStatus.COMPLETED:
                resolved_at = maintenance_window(incident)[1]
        data: dict[str, Any] = {
            "id": incident.id,
            "name": incident.title,
            "status": status.value,
            "created_at": iso_utc(incident.created_at),
            "updated_at": max(
                updates[-1]["created_at"], iso_utc(incident.postmortem_at or last.at)
            ),
            "monitoring_at": iso_utc(first_at["monitoring"]) if "monitoring" in first_at else None,
            "resolved_at": iso_utc(resolved_at) if resolved_at else None,
            "impact": MAINTENANCE_IMPACT if incident.is_maintenance else incident.impact.value,
            "shortlink": self.incident_url[incident.id],
            "started_at": iso_utc(incident.started_at),
            "page_id": self.page_id,
            "incident_updates": list(reversed(updates)),
            "components": [self.by_id[c.id] for c, _ in item.affected if c.id in self.by_id],
        }
        if not incident.is_maintenance:
            # Statuspage's incident fields for a published postmortem (its clients know them;
            # its public pages leave them out, and clients ignore fields they do not read).
            published = incident.postmortem_at
            data["postmortem_body"] = client_html(incident.body) if published else None
            data["postmortem_published_at"] = iso_utc(published) if published else None
        if incident.scheduled is not None:
            data["scheduled_for"] = iso_utc(incident.scheduled.start_at)
            data["scheduled_until"] = iso_utc(incident.scheduled.end_at)
        return data


def client_html(text: str) -> str:
    """A responder's text as Statuspage clients take it (as HTML, which they render): as
    written, with its HTML through the pages' sanitizer (no script, handler or `javascript:`
    link), and `<`, `>` and `&` escaped. Plain text passes unchanged."""
    return sanitize_html(text) if any(c in text for c in "<>&") else text
