"""Each channel's message for an update: the services' documented shapes and limits, hostile
text escaped for each markup, long messages cut with a link instead of refused."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from notifynotices import HOSTILE, SITE, T, notice

from statusgen.notify import channels
from statusgen.notify.backends import BACKENDS
from statusgen.notify.channels import encode
from statusgen.notify.mail import email_message
from statusgen.notify.text import convert, cut, fitted
from statusgen.options.notify import ChannelOptions


def test_the_view_says_status_impact_components_next_update_and_links_the_anchor() -> None:
    n = notice("We are **looking**.")
    assert n.id == "2026-11-22-api#update-20261122T140300Z"
    assert n.url == "https://status.test/incidents/2026-11-22-api/#update-20261122T140300Z"
    assert n.headline == "[Investigating] API errors"
    assert dict(n.facts) == {
        "Status": "Investigating",
        "Impact": "Major impact",
        "Affected components": "Public API (Partial outage)",
        "Next update by": "22 Nov 2026, 14:33 UTC",
    }
    assert n.message_html == "<p>We are <strong>looking</strong>.</p>"


def test_the_first_update_says_when_an_incident_began_before_it() -> None:
    n = notice("Logins fail since 13:55.", started=T - timedelta(minutes=8))
    assert dict(n.facts)["Began"] == "22 Nov 2026, 13:55 UTC"
    assert "Began" not in dict(notice("No started.").facts)


def test_slack_block_kit_shape_and_escaping() -> None:
    payload = channels.slack_payload(notice(HOSTILE), SITE)
    header, facts, section, actions = payload["blocks"]
    assert header == {
        "type": "header",
        "text": {"type": "plain_text", "text": "[Investigating] API errors"},
    }
    assert {f["type"] for f in facts["fields"]} == {"mrkdwn"}
    text = section["text"]["text"]
    assert "<script>" not in text and "<!channel>" not in text and "<@123>" not in text
    assert "&lt;!channel&gt;" in text and "javascript:" not in text
    assert "_bold_" in text and "`code`" in text and "&amp;" in text
    assert actions["elements"][0]["url"] == notice(HOSTILE).url


def test_discord_embed_never_pings_and_escapes_markdown() -> None:
    payload = channels.discord_payload(notice(HOSTILE), SITE)
    assert payload["allowed_mentions"] == {"parse": []}
    description = payload["embeds"][0]["description"]
    assert "@everyone" not in description and "@\u200beveryone" in description
    assert "javascript:" not in description and "<script>" not in description


def test_mattermost_breaks_channel_mentions() -> None:
    text = channels.mattermost_payload(notice("Paging @channel and @all"), SITE)["text"]
    assert "@channel" not in text and "@\u200bchannel" in text and "@\u200ball" in text


LONG = "\n\n".join(
    f"Paragraph {n} with **bold** and [a link](https://example.com/{n})." * 8 for n in range(400)
)


@pytest.mark.parametrize("kind", ["slack", "mattermost", "discord", "teams"])
def test_long_messages_are_cut_with_a_link_within_the_documented_limits(kind: str) -> None:
    n = notice(LONG, title="T" * 300)
    channel = ChannelOptions(kind, kind, url="https://chat.test/hook")
    payload = json.loads(BACKENDS[kind].prepare(channel, n, SITE, T).shown())
    body = json.dumps(payload)
    assert "Read more" in body and n.url in body
    if kind == "slack":
        assert len(payload["blocks"]) <= channels.SLACK_BLOCKS
        assert len(payload["blocks"][0]["text"]["text"]) <= channels.SLACK_HEADER
        section = payload["blocks"][2]["text"]["text"]
        assert len(section) <= channels.SLACK_SECTION
        assert section.endswith(f"… <{n.url}|Read more>")
    if kind == "mattermost":
        assert len(payload["text"]) <= channels.MATTERMOST_MESSAGE
    if kind == "discord":
        embed = payload["embeds"][0]
        assert len(embed["title"]) <= channels.DISCORD_TITLE
        assert len(embed["description"]) <= channels.DISCORD_DESCRIPTION
        total = len(embed["title"]) + len(embed["description"]) + len(embed["footer"]["text"])
        total += sum(len(f["name"]) + len(f["value"]) for f in embed["fields"])
        assert total <= channels.DISCORD_TOTAL
        assert all(len(f["value"]) <= channels.DISCORD_FIELD_VALUE for f in embed["fields"])
    if kind == "teams":
        assert len(encode(payload)) <= channels.TEAMS_BYTES
        card = payload["attachments"][0]["content"]
        assert card["type"] == "AdaptiveCard" and card["version"] == "1.4"
        assert payload["attachments"][0]["contentType"] == "application/vnd.microsoft.card.adaptive"
        assert card["actions"][0] == {
            "type": "Action.OpenUrl",
            "title": "View this update",
            "url": n.url,
        }
        # As large as fits: a few characters more would not.
        assert len(encode(payload)) > channels.TEAMS_BYTES - 200


def test_a_short_message_keeps_its_formatting() -> None:
    assert convert('<p>A <strong>b</strong> <a href="https://x.test/">c</a></p>', "slack") == (
        "A *b* <https://x.test/|c>"
    )
    assert convert("<ul><li>one</li><li>two</li></ul>", "markdown") == "- one\n- two"
    assert fitted("<p>short</p>", "markdown", 100, "more") == "short"


def test_cut_never_leaves_half_an_escape() -> None:
    text = "&amp;" * 100
    result = cut(text, 52, "<u|Read more>")
    head = result.removesuffix("… <u|Read more>")
    assert len(result) <= 52 and head.endswith("&amp;")


def test_email_has_text_html_unsubscribe_and_a_stable_message_id() -> None:
    n = notice(HOSTILE)
    message = email_message(n, SITE, "status@status.test", ("a@b.test",), "email", T)
    again = email_message(n, SITE, "status@status.test", ("a@b.test",), "email", T + timedelta(1))
    assert message["Message-ID"] == again["Message-ID"]
    assert message["List-Unsubscribe"] == "<https://status.test/subscribe/>"
    html = message.get_body(("html",)).get_content()
    assert "<script>" not in html and "&lt;!channel&gt;" in html
    plain = message.get_body(("plain",)).get_content()
    assert n.url in plain and "Next update by: 22 Nov 2026, 14:33 UTC" in plain
