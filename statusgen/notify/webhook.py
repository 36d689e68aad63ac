"""The generic JSON webhook: a payload shaped like Statuspage's incident webhook, signed with
HMAC-SHA256 as GitHub signs its webhooks.

The body is `{"meta": ..., "page": ..., "incident": {..., "incident_updates": [the update]}}`
(field names and enums as Statuspage's); the header `X-Statusgen-Signature-256` holds
`sha256=` and the hex HMAC-SHA256 of the exact body with the channel's secret.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from statusgen import __version__
from statusgen.clock import iso_utc
from statusgen.derive.lifecycle import maintenance_window
from statusgen.notify.channels import SiteInfo, encode
from statusgen.notify.updates import Notice, without_bidi_controls

SIGNATURE_HEADER = "X-Statusgen-Signature-256"
EVENT_HEADER = "X-Statusgen-Event"
DELIVERY_HEADER = "X-Statusgen-Delivery"


def webhook_payload(notice: Notice, site: SiteInfo) -> dict[str, Any]:
    """The payload for one update (or reminder)."""
    incident, phase = notice.incident, notice.phase
    page_url = notice.url.split("#", 1)[0]
    update = {
        "id": notice.id,
        "incident_id": incident.id,
        "status": phase.status.value,
        "body": notice.message_text,
        "body_html": notice.message_html,
        "created_at": iso_utc(phase.at),
        "updated_at": iso_utc(phase.at),
        "display_at": iso_utc(phase.at),
        "next_update_at": iso_utc(phase.next_update_at) if phase.next_update_at else None,
        "shortlink": notice.url,
        "affected_components": [
            {"code": c.id, "name": without_bidi_controls(c.name), "new_status": s.value}
            for c, s in notice.components
        ],
    }
    body: dict[str, Any] = {
        "id": incident.id,
        "name": notice.title,
        "status": phase.status.value,
        "impact": incident.impact.value,
        "type": incident.type.value,
        "shortlink": page_url,
        "created_at": iso_utc(incident.created_at),
        "updated_at": iso_utc(phase.at),
        "resolved_at": iso_utc(phase.at) if phase.status.is_final else None,
        "components": [
            {"id": c.id, "name": without_bidi_controls(c.name), "status": s.value}
            for c, s in notice.components
        ],
        "incident_updates": [update],
    }
    if incident.is_maintenance:
        start, end = maintenance_window(incident)
        body["scheduled_for"], body["scheduled_until"] = iso_utc(start), iso_utc(end)
    return {
        "meta": {
            "event": event_name(notice),
            "unsubscribe": site.subscribe_url,
            "documentation": site.subscribe_url,
            "generator": f"statusgen {__version__}",
        },
        "page": {
            "id": site.url,
            "name": site.name,
            "url": site.url,
            "status_indicator": site.indicator,
            "status_description": site.description,
        },
        "incident": body,
    }


def event_name(notice: Notice) -> str:
    """incident.update, maintenance.update or reminder."""
    return "reminder" if notice.event == "reminder" else f"{notice.event}.update"


def sign(body: bytes, secret: str) -> str:
    """The signature header's value: `sha256=` and the hex HMAC-SHA256 of the body."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def verify(body: bytes, secret: str, header: str) -> bool:
    """What a receiver does: compare in constant time (documented for receivers)."""
    return hmac.compare_digest(sign(body, secret), header)


def webhook_request(
    notice: Notice, site: SiteInfo, secret: str | None, delivery: str
) -> tuple[bytes, dict[str, str]]:
    """The body and the extra headers of one webhook delivery."""
    body = encode(webhook_payload(notice, site))
    headers = {EVENT_HEADER: event_name(notice), DELIVERY_HEADER: delivery}
    if secret:
        headers[SIGNATURE_HEADER] = sign(body, secret)
    return body, headers
