"""The generic JSON webhook: a payload shaped like Statuspage's incident webhook, signed by the
Standard Webhooks scheme (https://www.standardwebhooks.com/).

The body is `{"meta": ..., "page": ..., "incident": {..., "incident_updates": [the update]}}`
(field names and enums as Statuspage's). Each attempt carries `webhook-id` (the same for every
attempt at the same update, so a receiver drops repeats), `webhook-timestamp` (the attempt's
time, Unix seconds) and, with a secret, `webhook-signature`: `v1,` and the base64 HMAC-SHA256
of `id.timestamp.body`. The signature covers the time, so a receiver that refuses deliveries
older than a few minutes and remembers the ids it saw cannot be fed a replayed delivery.
The older `X-Statusgen-Signature-256` (the body alone, replayable for ever) is gone: a receiver
that kept checking it would keep accepting replays.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Callable
from datetime import datetime
from typing import Any

from statusgen import __version__
from statusgen.clock import iso_utc
from statusgen.derive.lifecycle import maintenance_window
from statusgen.notify.channels import SiteInfo, encode
from statusgen.notify.updates import Notice, without_bidi_controls

ID_HEADER = "webhook-id"
TIMESTAMP_HEADER = "webhook-timestamp"
SIGNATURE_HEADER = "webhook-signature"
#: Not signed: the signed body says the same (`meta.event`); for routing only.
EVENT_HEADER = "X-Statusgen-Event"
#: A secret written so (Standard Webhooks' own form) is the base64 of the key.
SECRET_PREFIX = "whsec_"


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
    meta: dict[str, Any] = {
        "event": event_name(notice),
        "unsubscribe": site.subscribe_url,
        "documentation": site.subscribe_url,
        "generator": f"statusgen {__version__}",
    }
    if notice.language:  # a site with several languages: which one, and what is not in it
        meta["language"] = notice.language
        meta["default_language"] = notice.default_language
        meta["untranslated"] = list(notice.untranslated)
    return {
        "meta": meta,
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


def signing_key(secret: str) -> bytes:
    """The HMAC key: a `whsec_<base64>` secret (as Standard Webhooks libraries make them) is
    the decoded bytes; any other secret is its UTF-8 bytes."""
    if secret.startswith(SECRET_PREFIX):
        return base64.b64decode(secret[len(SECRET_PREFIX) :] + "==")
    return secret.encode("utf-8")


def sign(message_id: str, timestamp: int, body: bytes, secret: str) -> str:
    """`webhook-signature`'s value: `v1,` and the base64 HMAC-SHA256 of `id.timestamp.body`."""
    signed = f"{message_id}.{timestamp}.".encode() + body
    digest = hmac.new(signing_key(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode("ascii")


def attempt_headers(
    message_id: str, body: bytes, secret: str | None
) -> Callable[[datetime], dict[str, str]]:
    """The headers of one attempt at `at`: its id and time, and their signature with the body."""

    def headers(at: datetime) -> dict[str, str]:
        timestamp = int(at.timestamp())
        made = {ID_HEADER: message_id, TIMESTAMP_HEADER: str(timestamp)}
        if secret:
            made[SIGNATURE_HEADER] = sign(message_id, timestamp, body, secret)
        return made

    return headers


def webhook_request(
    notice: Notice, site: SiteInfo, secret: str | None, delivery: str
) -> tuple[bytes, dict[str, str], Callable[[datetime], dict[str, str]]]:
    """The body of one webhook delivery, its fixed headers, and the headers each attempt adds
    at its own time (`delivery` is the id, the same for every attempt)."""
    body = encode(webhook_payload(notice, site))
    return body, {EVENT_HEADER: event_name(notice)}, attempt_headers(delivery, body, secret)
