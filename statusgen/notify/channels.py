"""Each chat service's message for a notice: pure functions from a `Notice` to a JSON payload,
within the limits each service documents (a message too long is cut with a "Read more" link,
never refused). Text is written by each platform's formatter: Markdown for Mattermost and
Discord (`markdown.py`), structured elements for Slack and Teams (`structured.py`).

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
from dataclasses import dataclass
from typing import Any

from statusgen.clock import iso_utc
from statusgen.model import Impact
from statusgen.notify.document import Block, Document, Run, cut_document, safe_href
from statusgen.notify.markdown import DISCORD, MATTERMOST, Dialect, write
from statusgen.notify.structured import slack_rich_text, teams_blocks, text_run
from statusgen.notify.text import ELLIPSIS, cut, document_of, escape_slack, fit, fitted
from statusgen.notify.updates import Notice
from statusgen.palette import impact_colour, maintenance_colour

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
    """The message's colour, as the status page shows it: by impact, blue for maintenance."""
    if notice.event == "maintenance":
        return maintenance_colour().rgb
    return impact_colour(notice.impact).rgb


def _facts(notice: Notice) -> Document:
    """The notice's facts as a document: "Label: value" a line each, the label bold."""
    return tuple(
        Block((Run(f"{label}: ", bold=True), Run(value)), tight=index > 0)
        for index, (label, value) in enumerate(notice.facts)
        if value
    )


def _more(notice: Notice) -> Run:
    return Run(notice.more_text, href=safe_href(notice.url) or notice.url)


def slack_payload(notice: Notice, site: SiteInfo) -> dict[str, Any]:
    """A Slack incoming-webhook message: a plain-text header, the facts and the message as rich
    text (literal: see `structured.py`), a button, and the headline as the notification's text."""
    room = SLACK_SECTION - len(ELLIPSIS + " " + notice.more_text)
    message, was_cut = cut_document(document_of(notice.message_html), room)
    facts, _ = cut_document(_facts(notice), SLACK_SECTION)
    header = {"type": "plain_text", "text": cut(notice.headline, SLACK_HEADER, ""), "emoji": False}
    blocks: list[dict[str, Any]] = [{"type": "header", "text": header}]
    if facts:
        blocks.append(slack_rich_text(facts))
    if message:
        blocks.append(slack_rich_text(message, _more(notice) if was_cut else None))
    button = {"type": "plain_text", "text": notice.link_text, "emoji": False}
    blocks.append(
        {"type": "actions", "elements": [{"type": "button", "text": button, "url": notice.url}]}
    )
    assert len(blocks) <= SLACK_BLOCKS
    return {
        "text": cut(escape_slack(notice.headline), SLACK_SECTION, ""),
        "blocks": blocks,
        "unfurl_links": False,
        "unfurl_media": False,
    }


def _markdown_link(words: str, url: str, dialect: Dialect) -> str:
    return f"[{dialect.prose(words)}]({safe_href(url) or url})"


def mattermost_payload(notice: Notice, site: SiteInfo) -> dict[str, Any]:
    """A Mattermost incoming-webhook post in Markdown (Mattermost's Slack-compatible `text`)."""
    prose = MATTERMOST.prose
    facts = "\n".join(f"**{prose(k)}:** {prose(v)}" for k, v in notice.facts)
    head = f"#### {prose(notice.headline)}\n{facts}\n\n"
    tail = "\n\n" + _markdown_link(notice.link_text, notice.url, MATTERMOST)
    room = MATTERMOST_MESSAGE - len(head) - len(tail)
    more = _markdown_link(notice.more_text, notice.url, MATTERMOST)
    message = fitted(
        document_of(notice.message_html),
        lambda d: write(d, MATTERMOST),
        max(room, 0),
        more,
    )
    return {"text": cut(head + message + tail, MATTERMOST_MESSAGE, "")}


def discord_payload(notice: Notice, site: SiteInfo) -> dict[str, Any]:
    """A Discord webhook message with one embed; no mention in it can ping anyone."""
    prose = DISCORD.prose
    more = _markdown_link(notice.more_text, notice.url, DISCORD)
    title = cut(prose(notice.headline, True), DISCORD_TITLE, "")
    fields = [
        {
            "name": cut(prose(k, True), DISCORD_FIELD_NAME, ""),
            "value": cut(prose(v, True), DISCORD_FIELD_VALUE, "") or "-",
            "inline": len(v) < 40,
        }
        for k, v in notice.facts[:DISCORD_FIELDS]
    ]
    footer = cut(site.name, 2048, "")
    used = (
        len(title) + len(footer) + sum(len(str(f["name"])) + len(str(f["value"])) for f in fields)
    )
    room = min(DISCORD_DESCRIPTION, DISCORD_TOTAL - used)
    description = fitted(
        document_of(notice.message_html), lambda d: write(d, DISCORD), max(room, 0), more
    )
    embed: dict[str, Any] = {
        "title": title,
        "url": notice.url,
        "description": description,
        "color": color(notice),
        "fields": fields,
        "footer": {"text": footer},
        "timestamp": iso_utc(notice.phase.at),
    }
    return {"embeds": [embed], "allowed_mentions": {"parse": []}}


def teams_payload(notice: Notice, site: SiteInfo) -> dict[str, Any]:
    """A Microsoft Teams Workflows webhook message: one Adaptive Card, valid against the
    version 1.4 schema it declares, all of whose text is TextRuns (never read as Markdown)."""
    headline = text_run(Run(notice.headline, bold=True), size="Medium")
    head: list[dict[str, Any]] = [{"type": "RichTextBlock", "inlines": [headline]}]
    head += teams_blocks(_facts(notice))

    def card(message: Document, was_cut: bool) -> dict[str, Any]:
        body = head + teams_blocks(message, _more(notice) if was_cut else None)
        content = {
            "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
            "type": "AdaptiveCard",
            "version": "1.4",
            "body": [{"type": "Container", "style": TEAMS_STYLES[notice.impact], "items": body}],
            "actions": [{"type": "Action.OpenUrl", "title": notice.link_text, "url": notice.url}],
        }
        return {
            "type": "message",
            "attachments": [
                {
                    "contentType": "application/vnd.microsoft.card.adaptive",
                    "contentUrl": None,
                    "content": content,
                }
            ],
        }

    return fit(document_of(notice.message_html), card, lambda made: size(made) <= TEAMS_BYTES)


def size(payload: dict[str, Any]) -> int:
    """The bytes a payload takes on the wire (as `encode` sends it)."""
    return len(encode(payload))


def encode(payload: dict[str, Any]) -> bytes:
    """The JSON body every HTTP channel sends: UTF-8, compact."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
