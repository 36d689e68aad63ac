"""Notices for the notify tests: one update of one incident, as `statusgen notify` builds it
(the real renderer, translator and URLs), and the site every message names."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from statusgen.model import (
    Catalog,
    Component,
    ComponentStatus,
    Group,
    Impact,
    Incident,
    IncidentType,
    Phase,
    PhaseStatus,
    StatusSite,
    frozen_mapping,
)
from statusgen.notify.channels import SiteInfo
from statusgen.notify.updates import Notice, published_notices
from statusgen.render.locale import TimeFormatter, Translator
from statusgen.render.markup import MarkdownRenderer
from statusgen.render.urls import SiteUrls

T = datetime(2026, 11, 22, 14, 3, tzinfo=UTC)
SITE = SiteInfo(
    "Acme Status",
    "https://status.test/",
    "major",
    "Partial system outage",
    "https://status.test/subscribe/",
)
HOSTILE = (
    "Errors <script>alert(1)</script> for @everyone and @here <!channel> <@123> "
    "[click](javascript:alert(1)) *bold* _it_ `code` | pipes & <b>tags</b>"
)


def notice(
    message: str, title: str = "API errors", phases: int = 1, started: datetime | None = None
) -> Notice:
    catalog = Catalog((Group("Core", (Component("api", "Public API", "Core"),)),))
    incident = Incident(
        id="2026-11-22-api",
        path="incidents/2026-11-22-api.md",
        title=title,
        type=IncidentType.INCIDENT,
        impact=Impact.MAJOR,
        components=frozen_mapping({"api": ComponentStatus.PARTIAL_OUTAGE}),
        phases=tuple(
            Phase(
                at=T + timedelta(minutes=n),
                status=PhaseStatus.INVESTIGATING,
                message=message,
                next_update_at=T + timedelta(minutes=30),
            )
            for n in range(phases)
        ),
        started=started,
    )
    site = StatusSite(catalog, (incident,))
    t = Translator("en")
    urls = SiteUrls.without_build(SITE.url, True)
    found = list(published_notices(site, T, urls, t, TimeFormatter(UTC, t), MarkdownRenderer()))
    assert len(found) == 1
    return found[0]
