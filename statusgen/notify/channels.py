"""Each chat service's message for a notice: pure functions from a `Notice` to a JSON payload,
within the limits each service documents (a message too long is cut with a "Read more" link,
never refused).

Limits, from each service's documentation:
- Slack Block Kit: header text 150 characters, section text 3,000, a field 2,000, 10 fields a
  section, 50 blocks a message, a button's URL 3,000.
- Mattermost: a post's message 16,383 characters.
- Discord: an embed's title 256, description 4,096, field name 256 and value 1,024, 25 fields,
  footer 2,048, and all of an embed's texts together 6,000.
- Microsoft Teams (Workflows webhook with an Adaptive Card): the message 28 KB.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from statusgen.clock import iso_utc
from statusgen.model import Impact
from statusgen.notify.text import cut, escape_markdown, escape_slack, fitted
from statusgen.notify.updates import Notice

SLACK_HEADER = 150
SLACK_SECTION = 3000
SLACK_FIELD = 2000
SLACK_FIELDS = 10
SLACK_BLOCKS = 50
MATTERMOST_MESSAGE = 16383
DISCORD_TITLE = 256
DISCORD_DESCRIPTION = 4096
DISCORD_FIELD_NAME = 256
DISCORD_FIELD_VALUE = 1024
DISCORD_FIELDS = 25
DISCORD_TOTAL = 6000
#: Teams refuses messages over 28 KB; a margin for what the Workflows flow adds.
TEAMS_BYTES = 27 * 1024

#: Colours by impact (a maintenance is blue), as the status page shows them.
COLORS = {
    Impact.NONE: 0x2E7D32,
    Impact.MINOR: 0xF9A825,
    Impact.MAJOR: 0xEF6C00,
    Impact.CRITICAL: 0xC62828,
}
MAINTENANCE_COLOR = 0x1565C0
TEAMS_STYLES = {
    Impact.NONE: "good",
    Impact.MINOR: "warning",
    Impact.MAJOR: "warning",
    Impact.CRITICAL: "attention",
}


@dataclass(frozen=True)
class SiteInfo:
    """What a message says about the site itself."""

    name: str
    #: The site's absolute URL, ending with "/".
    url: str
    #: The page indicator now (none, minor, major, critical) and its sentence.
    indicator: str
    description: str
    #: Where readers subscribe and unsubscribe (absolute URL).
    subscribe_url: str


def color(notice: Notice) -> int:
    """The message's colour: by impact, blue for maintenance."""
    return MAINTENANCE_COLOR if notice.event == "maintenance" else COLORS[notice.impact]


def slack_payload(notice: Notice, site: SiteInfo) -> dict[str, Any]:
    """A Slack incoming-webhook message with Block Kit blocks (and `text` for notifications)."""
    more = f"<{escape_slack(notice.url)}|{escape_slack(notice.more_text)}>"
    fields = [
        {"type": "mrkdwn", "text": cut(f"*{escape_slack(k)}*\n{escape_slack(v)}", SLACK_FIELD, "")}
        for k, v in notice.facts[:SLACK_FIELDS]
    ]
    blocks: list[dict[str, Any]] = [
        {
            "type": "header",
            "text": {"type": "plain_text", "text": cut(notice.headline, SLACK_HEADER, "")},
        },
        {"type": "section", "fields": fields},
    ]
    message = fitted(notice.message_html, "slack", SLACK_SECTION, more)
    if message:
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": message}})
    blocks.append(
        {
            "type": "actions",
            "elements": [
                {
                    "type": "button",
                    "text": {"type": "plain_text", "text": notice.link_text},
                    "url": notice.url,
                }
            ],
        }
    )
    assert len(blocks) <= SLACK_BLOCKS
    return {
        "text": cut(escape_slack(notice.headline), SLACK_SECTION, ""),
        "blocks": blocks,
        "unfurl_links": False,
        "unfurl_media": False,
    }


def mattermost_payload(notice: Notice, site: SiteInfo) -> dict[str, Any]:
    """A Mattermost incoming-webhook post in Markdown (Mattermost's Slack-compatible `text`)."""
    facts = "\n".join(f"**{escape_markdown(k)}:** {escape_markdown(v)}" for k, v in notice.facts)
    link = f"[{escape_markdown(notice.link_text)}]({notice.url})"
    head = f"#### {escape_markdown(notice.headline)}\n{facts}\n\n"
    tail = f"\n\n{link}"
    room = MATTERMOST_MESSAGE - len(head) - len(tail)
    more = f"[{escape_markdown(notice.more_text)}]({notice.url})"
    message = fitted(notice.message_html, "markdown", max(room, 0), more)
    return {"text": cut(head + message + tail, MATTERMOST_MESSAGE, "")}


def discord_payload(notice: Notice, site: SiteInfo) -> dict[str, Any]:
    """A Discord webhook message with one embed; no mention in it can ping anyone."""
    more = f"[{escape_markdown(notice.more_text)}]({notice.url})"
    title = cut(notice.headline, DISCORD_TITLE, "")
    fields = [
        {
            "name": cut(k, DISCORD_FIELD_NAME, ""),
            "value": cut(escape_markdown(v), DISCORD_FIELD_VALUE, "") or "-",
            "inline": len(v) < 40,
        }
        for k, v in notice.facts[:DISCORD_FIELDS]
    ]
    footer = cut(site.name, 2048, "")
    used = (
        len(title) + len(footer) + sum(len(str(f["name"])) + len(str(f["value"])) for f in fields)
    )
    room = min(DISCORD_DESCRIPTION, DISCORD_TOTAL - used)
    embed: dict[str, Any] = {
        "title": title,
        "url": notice.url,
        "description": fitted(notice.message_html, "markdown", max(room, 0), more),
        "color": color(notice),
        "fields": fields,
        "footer": {"text": footer},
        "timestamp": iso_utc(notice.phase.at),
    }
    return {"embeds": [embed], "allowed_mentions": {"parse": []}}


def teams_payload(notice: Notice, site: SiteInfo) -> dict[str, Any]:
    """A Microsoft Teams Workflows webhook message: one Adaptive Card (version 1.4)."""
    more = f"[{escape_markdown(notice.more_text)}]({notice.url})"

    def card(limit: int) -> dict[str, Any]:
        body: list[dict[str, Any]] = [
            {
                "type": "TextBlock",
                "text": escape_markdown(notice.headline),
                "weight": "Bolder",
                "size": "Medium",
                "wrap": True,
                "style": "heading",
            },
            {
                "type": "FactSet",
                "facts": [
                    {"title": escape_markdown(k), "value": escape_markdown(v)}
                    for k, v in notice.facts
                ],
            },
        ]
        message = fitted(notice.message_html, "markdown", limit, more)
        if message:
            body.append({"type": "TextBlock", "text": message, "wrap": True})
        return {
            "type": "message",
            "attachments": [
                {
                    "contentType": "application/vnd.microsoft.card.adaptive",
                    "contentUrl": None,
                    "content": {
                        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
                        "type": "AdaptiveCard",
                        "version": "1.4",
                        "msteams": {"width": "Full"},
                        "body": [
                            {
                                "type": "Container",
                                "style": TEAMS_STYLES[notice.impact],
                                "items": body,
                            }
                        ],
                        "actions": [
                            {"type": "Action.OpenUrl", "title": notice.link_text, "url": notice.url}
                        ],
                    },
                }
            ],
        }

    return largest_within(card, TEAMS_BYTES)


def size(payload: dict[str, Any]) -> int:
    """The bytes a payload takes on the wire (as `encode` sends it)."""
    return len(encode(payload))


def encode(payload: dict[str, Any]) -> bytes:
    """The JSON body every HTTP channel sends: UTF-8, compact."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def largest_within(build: Callable[[int], dict[str, Any]], limit: int) -> dict[str, Any]:
    """`build(n)` with the largest message length `n` whose payload fits in `limit` bytes."""
    whole = build(limit)
    if size(whole) <= limit:
        return whole
    low, high = 0, limit
    best = build(0)
    while low <= high:
        middle = (low + high) // 2
        payload = build(middle)
        if size(payload) <= limit:
            best, low = payload, middle + 1
        else:
            high = middle - 1
    return best
