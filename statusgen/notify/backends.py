"""Channels as backends: one class per channel type, registered by its type's name.

Each backend turns a notice into a `Prepared` message once; sending and `--dry-run` both use
that one preparation, so what a dry run shows is exactly what would be sent. A channel's keys
are declared with its options (`options.notify.CHANNEL_TYPES`, which the configuration check
reads); `tests/unit/test_notify_backends.py` holds the registry to those types.

To add a channel type: its keys in `options/notify.py`, its payload in a module of
`notify/` (the chat ones are in `channels.py`), its line in `BACKENDS` (a `Chat` for a chat
service's webhook, or a backend class of its own), and its section in docs/operators.md.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from typing import Any

from statusgen.notify.channels import (
    SiteInfo,
    discord_payload,
    encode,
    mattermost_payload,
    slack_payload,
    teams_payload,
)
from statusgen.notify.delivery import Outcome, Retrying, SmtpServer, post_json, send_mail
from statusgen.notify.ledger import digest
from statusgen.notify.mail import email_message
from statusgen.notify.updates import Notice
from statusgen.notify.webhook import webhook_request
from statusgen.options.notify import ChannelOptions


class Prepared(ABC):
    """One message for one channel, ready to send or to show."""

    @abstractmethod
    def send(self, policy: Retrying) -> Outcome:
        """Deliver it (with the policy's retries)."""

    @abstractmethod
    def shown(self) -> str:
        """Exactly what `send` would deliver, as text (for --dry-run)."""


@dataclass(frozen=True)
class HttpPost(Prepared):
    """A JSON body posted to a URL, with its headers."""

    url: str
    body: bytes
    headers: dict[str, str]
    #: Headers each attempt adds at its own time (a webhook's id, timestamp and signature).
    per_attempt: Callable[[datetime], dict[str, str]] | None = None

    def send(self, policy: Retrying) -> Outcome:
        return post_json(self.url, self.body, self.headers, policy, self.per_attempt)

    def shown(self) -> str:
        headers = dict(self.headers)
        if self.per_attempt:
            headers.update(self.per_attempt(datetime.now(UTC)))
        head = "".join(f"{name}: {value}\n" for name, value in headers.items())
        return (head + "\n" if head else "") + self.body.decode("utf-8")


@dataclass(frozen=True)
class Mail(Prepared):
    """An e-mail for an SMTP server."""

    server: str
    message: EmailMessage
    #: Every address it goes to (the envelope's; `To:` shows at most one of them).
    recipients: tuple[str, ...]

    def send(self, policy: Retrying) -> Outcome:
        return send_mail(SmtpServer.parse(self.server), self.message, policy, self.recipients)

    def shown(self) -> str:
        return f"Envelope-To: {', '.join(self.recipients)}\n" + self.message.as_string()


class Backend(ABC):
    """What one channel type does with a notice."""

    @abstractmethod
    def prepare(
        self, channel: ChannelOptions, notice: Notice, site: SiteInfo, now: datetime
    ) -> Prepared:
        """The message this channel sends for this notice."""


@dataclass(frozen=True)
class Chat(Backend):
    """A chat service's incoming webhook: the service's own JSON payload (built within its
    documented limits by `channels.py`), posted to the channel's URL."""

    payload: Callable[[Notice, SiteInfo], dict[str, Any]]

    def prepare(
        self, channel: ChannelOptions, notice: Notice, site: SiteInfo, now: datetime
    ) -> Prepared:
        assert channel.url
        return HttpPost(channel.url, encode(self.payload(notice, site)), {})


class Webhook(Backend):
    """statusgen's own signed JSON (`webhook.py`), shaped like Statuspage's."""

    def prepare(
        self, channel: ChannelOptions, notice: Notice, site: SiteInfo, now: datetime
    ) -> Prepared:
        assert channel.url
        body, headers, per_attempt = webhook_request(
            notice, site, channel.secret, digest(channel.name, notice.id)
        )
        return HttpPost(channel.url, body, headers, per_attempt)


class Email(Backend):
    """One e-mail to the channel's addresses, none of them shown to the others (`mail.py`)."""

    def prepare(
        self, channel: ChannelOptions, notice: Notice, site: SiteInfo, now: datetime
    ) -> Prepared:
        assert channel.smtp and channel.sender
        message = email_message(notice, site, channel.sender, channel.to, channel.name, now)
        return Mail(channel.smtp, message, channel.to)


#: Every channel type's backend, by the type's name (`type:` in mkdocs.yml).
BACKENDS: dict[str, Backend] = {
    "slack": Chat(slack_payload),
    "mattermost": Chat(mattermost_payload),
    "discord": Chat(discord_payload),
    "teams": Chat(teams_payload),
    "webhook": Webhook(),
    "email": Email(),
}


def prepare(channel: ChannelOptions, notice: Notice, site: SiteInfo, now: datetime) -> Prepared:
    """The message `channel` sends for `notice`, by its type's backend."""
    return BACKENDS[channel.type].prepare(channel, notice, site, now)
