"""The generic webhook: shaped like Statuspage's, signed by the Standard Webhooks scheme (checked
with its reference library), each attempt at its own time."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, timedelta

import pytest
from notifynotices import SITE, notice
from standardwebhooks import Webhook, WebhookVerificationError

from statusgen.notify.webhook import (
    EVENT_HEADER,
    ID_HEADER,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    webhook_request,
)


def test_webhook_payload_is_shaped_like_statuspage() -> None:
    n = notice("Investigating <b>now</b>.")
    body, headers, _ = webhook_request(n, SITE, "k3y", "delivery-1")
    data = json.loads(body)
    assert set(data) == {"meta", "page", "incident"}
    assert data["page"]["status_indicator"] == "major"
    incident = data["incident"]
    assert incident["id"] == "2026-11-22-api" and incident["impact"] == "major"
    assert incident["shortlink"] == "https://status.test/incidents/2026-11-22-api/"
    (update,) = incident["incident_updates"]
    assert update["body"] == "Investigating now."
    assert update["status"] == "investigating" and update["created_at"] == "2026-11-22T14:03:00Z"
    assert headers == {EVENT_HEADER: "incident.update"}


@pytest.mark.parametrize(
    ("secret", "key"),
    [
        ("k3y", b"k3y"),
        ("whsec_" + base64.b64encode(b"sixteen byte key").decode(), b"sixteen byte key"),
    ],
)
def test_the_signature_is_standard_webhooks_and_covers_the_time(secret: str, key: bytes) -> None:
    body, _, per_attempt = webhook_request(notice("Now."), SITE, secret, "delivery-1")
    now = datetime.now(UTC)
    headers = per_attempt(now)
    assert headers[ID_HEADER] == "delivery-1"
    assert headers[TIMESTAMP_HEADER] == str(int(now.timestamp()))
    assert headers[SIGNATURE_HEADER].startswith("v1,")
    receiver = Webhook(key)
    assert receiver.verify(body, headers)["incident"]["id"] == "2026-11-22-api"
    if secret.startswith("whsec_"):
        assert Webhook(secret).verify(body, headers)
    with pytest.raises(WebhookVerificationError):
        receiver.verify(body + b" ", headers)
    with pytest.raises(WebhookVerificationError):
        Webhook(b"another key").verify(body, headers)
    # A delivery played back later is refused: its signed time is old.
    replayed = per_attempt(now - timedelta(minutes=10))
    with pytest.raises(WebhookVerificationError, match="too old"):
        receiver.verify(body, replayed)
    # Changing the time without the secret breaks the signature.
    moved = {**replayed, TIMESTAMP_HEADER: headers[TIMESTAMP_HEADER]}
    with pytest.raises(WebhookVerificationError, match="No matching signature"):
        receiver.verify(body, moved)


def test_without_a_secret_the_delivery_has_an_id_and_time_but_no_signature() -> None:
    _, _, per_attempt = webhook_request(notice("Now."), SITE, None, "d")
    headers = per_attempt(datetime.now(UTC))
    assert set(headers) == {ID_HEADER, TIMESTAMP_HEADER}
