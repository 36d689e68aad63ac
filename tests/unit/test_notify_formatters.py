"""Each channel's message for an update: the services' documented shapes and limits, hostile
text escaped for each markup, long messages cut with a link instead of refused."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from notifynotices import HOSTILE, SITE, T, notice
from notifypayloads import elements, rich_texts, text_runs, validate_card, validate_slack

from statusgen.notify import channels
from statusgen.notify.backends import BACKENDS
from statusgen.notify.channels import encode
from statusgen.notify.document import read
from statusgen.notify.mail import email_message
from statusgen.notify.markdown import DISCORD, MATTERMOST, write
from statusgen.notify.text import cut, fitted
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
        "Next update by": "Nov 22, 2026, 14:33 UTC",
    }
    assert n.message_html == "<p>We are <strong>looking</strong>.</p>"


def test_the_first_update_says_when_an_incident_began_before_it() -> None:
    n = notice("Logins fail since 13:55.", started=T - timedelta(minutes=8))
    assert dict(n.facts)["Began"] == "Nov 22, 2026, 13:55 UTC"
    assert "Began" not in dict(notice("No started.").facts)


def test_slack_block_kit_shape_with_text_only_in_literal_elements() -> None:
    n = notice(HOSTILE)
    payload = channels.slack_payload(n, SITE)
    validate_slack(payload)
    header, facts, message, actions = payload["blocks"]
    assert header == {
        "type": "header",
        "text": {"type": "plain_text", "text": "[Investigating] API errors", "emoji": False},
    }
    assert facts["type"] == message["type"] == "rich_text"
    texts = rich_texts(message)
    assert "".join(texts) == n.message_text
    assert "@everyone and @here <!channel> <@123> click " in "".join(texts)
    styles = {e["text"]: e.get("style") for e in elements(message)}
    assert styles["bold"] == {"italic": True} and styles["code"] == {"code": True}
    assert styles["tags"] == {"bold": True}
    assert actions["elements"][0]["url"] == n.url
    assert payload["text"] == "[Investigating] API errors"


def test_slack_notification_text_has_no_broadcast_nor_control_sequence() -> None:
    payload = channels.slack_payload(notice("x", title="@here <!channel> & @Channel"), SITE)
    assert payload["text"] == ("[Investigating] @\u200bhere &lt;!channel&gt; &amp; @\u200bChannel")


def test_discord_embed_never_pings_and_escapes_markdown() -> None:
    payload = channels.discord_payload(notice(HOSTILE), SITE)
    assert payload["allowed_mentions"] == {"parse": []}
    description = payload["embeds"][0]["description"]
    assert "@\u200beveryone" in description and "@\u200bhere" in description
    assert "\\<@123\\>" in description and "\\<\\!channel\\>" in description
    assert "javascript" not in description
    assert "*bold*" in description and "`code`" in description


def test_mattermost_breaks_mentions_only_where_it_reads_them() -> None:
    text = channels.mattermost_payload(
        notice("Paging @channel and @all, (@bob); mail ops@example.com; `npm i @types/node`"),
        SITE,
    )["text"]
    assert "@\u200bchannel" in text and "@\u200ball" in text and "(@\u200bbob)" in text
    assert "ops@example.com" in text and "`npm i @types/node`" in text


def test_code_spans_and_blocks_stay_verbatim_on_every_platform() -> None:
    """The audit's long update: escapes inside code broke 17 of its 21 code spans."""
    spans = ["lb-tokyo-3", "kubectl rollout undo deploy/api -n prod_eu", "a*b_c~d|e", "x`y"]
    message = "Run " + ", ".join(f"``{s}``" for s in spans) + ".\n\n```\nset -e\n#x <y>\n```"
    n = notice(message)
    mattermost = channels.mattermost_payload(n, SITE)["text"]
    discord = channels.discord_payload(n, SITE)["embeds"][0]["description"]
    for text in (mattermost, discord):
        for span in spans:
            fence = "``" if "`" in span else "`"
            pad = " " if span.startswith("`") or span.endswith("`") else ""
            assert f"{fence}{pad}{span}{pad}{fence}" in text
        assert "```\nset -e\n#x <y>\n```" in text
    slack = elements(channels.slack_payload(n, SITE)["blocks"][2])
    assert [e["text"] for e in slack if e.get("style") == {"code": True}] == spans
    teams = channels.teams_payload(n, SITE)
    runs = [r["text"] for r in text_runs(teams) if r.get("fontType") == "Monospace"]
    assert runs == [*spans, "set -e\n#x <y>"]


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
        validate_slack(payload)
        assert len(payload["blocks"]) <= channels.SLACK_BLOCKS
        assert len(payload["blocks"][0]["text"]["text"]) <= channels.SLACK_HEADER
        message = payload["blocks"][2]
        assert len("".join(rich_texts(message))) <= channels.SLACK_SECTION
        assert elements(message)[-1] == {"type": "link", "url": n.url, "text": "Read more"}
    if kind == "mattermost":
        assert len(payload["text"]) <= channels.MATTERMOST_MESSAGE
    if kind == "discord":
        embed = payload["embeds"][0]
        assert len(embed["title"]) <= channels.DISCORD_TITLE
        assert len(embed["description"]) <= channels.DISCORD_DESCRIPTION
        assert embed["description"].endswith(f"… [Read more]({n.url})")
        total = len(embed["title"]) + len(embed["description"]) + len(embed["footer"]["text"])
        total += sum(len(f["name"]) + len(f["value"]) for f in embed["fields"])
        assert total <= channels.DISCORD_TOTAL
        assert all(len(f["value"]) <= channels.DISCORD_FIELD_VALUE for f in embed["fields"])
    if kind == "teams":
        validate_card(payload)
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
        assert len(encode(payload)) > channels.TEAMS_BYTES - 300


def test_a_short_message_keeps_its_formatting() -> None:
    html = '<p>A <strong>b</strong> <a href="https://x.test/">c</a></p><ul><li>one</li></ul>'
    assert write(read(html), MATTERMOST) == "A **b** [c](https://x.test/)\n\n- one"
    assert fitted(read("<p>short</p>"), lambda d: write(d, DISCORD), 100, "more") == "short"


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
    assert n.url in plain and "Next update by: Nov 22, 2026, 14:33 UTC" in plain
