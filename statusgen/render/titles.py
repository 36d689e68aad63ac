"""What generated pages are called, in the readers' words: the overview's headline (also its
tab title), which names the worst status and the components in it, and an incident page's
title, its state first."""

from __future__ import annotations

from statusgen.derive.snapshot import IncidentView, Snapshot
from statusgen.model import ComponentStatus
from statusgen.render.locale import Translator

#: Components the banner names before it counts the rest ("+2 more").
BANNER_COMPONENTS = 2


def banner_text(snapshot: Snapshot, t: Translator) -> str:
    """The overview's headline, also its tab title: the worst status components are in and
    which ("Partial outage: Public API"), in the words the components show; while only a
    maintenance runs, the components under it ("Under maintenance: Object storage"); else the
    page's state ("All systems operational")."""
    state = snapshot.state
    worst, ids = state.worst_status, state.worst_components
    if worst is None and state.under_maintenance:
        worst = ComponentStatus.UNDER_MAINTENANCE
        ids = tuple(c for c, s in state.component_statuses.items() if s is worst)
    if worst is None or not ids:
        return t("indicator." + state.banner)
    names = [snapshot.components[i].component.name for i in ids[:BANNER_COMPONENTS]]
    listed = ", ".join(names)
    if len(ids) > len(names):
        listed += " " + t("bars.more", count=len(ids) - len(names))
    return t("banner.status_of", status=t("status." + worst.value), components=listed)


def incident_title(view: IncidentView, t: Translator) -> str:
    """An incident page's title (its tab, link previews), its state first: "Resolved: API
    errors"."""
    return t("state." + view.state.value) + t("punctuation.colon") + " " + view.incident.title
