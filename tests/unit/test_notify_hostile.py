"""The audit's findings (issue 25), each as the message a platform receives: written against
the channels' payloads only, so each failed before its fix."""

from __future__ import annotations

import json
import re

from notifynotices import SITE, notice
from notifypayloads import text_runs, validate_card, validate_slack

from statusgen.notify import channels

MENTION = re.compile(r"(?<![\w@])@(?:channel|all|here|everyone)\b")


def test_a_tab_or_newline_in_a_raw_link_reaches_no_mattermost_mention() -> None:
    for href in ("https://x.test/\t@channel", "https://x.test/\n@all", "https://x.test/ @here"):
        n = notice(f'See <a href="{href}">the graph</a>.')
        text = channels.mattermost_payload(n, SITE)["text"]
        assert not MENTION.search(text), text
        assert "[the graph](https://x.test/" in text


def test_backticks_split_by_a_span_do_not_end_a_mattermost_code_block() -> None:
    n = notice("<pre>``<span>`</span>\n@channel wake up\n```\n@all</pre>\n\nAfter @here.")
    text = channels.mattermost_payload(n, SITE)["text"]
    assert not MENTION.search(text), text
    fence = re.search(r"^(`{3,})$", text, re.MULTILINE)
    assert fence and len(fence.group(1)) > 3  # longer than any run inside


def test_markdown_in_text_is_not_read_on_discord_nor_teams() -> None:
    hostile = r"Click \[here\](https://evil.test) \*\*now\*\* \|\|spoiler\|\| \_\_u\_\_"
    n = notice(hostile, title="[Fixed](https://evil.test) **all** # big")
    discord = channels.discord_payload(n, SITE)["embeds"][0]
    assert "[Fixed](https" not in discord["title"] and "\\[Fixed\\]" in discord["title"]
    assert "\\[here\\]" in discord["description"] and "\\|\\|spoiler" in discord["description"]
    teams = channels.teams_payload(n, SITE)
    card = json.dumps(teams["attachments"][0]["content"])
    assert '"TextBlock"' not in card and '"FactSet"' not in card
    texts = [run["text"] for run in text_runs(teams)]
    assert "[Fixed](https://evil.test) **all** # big" in " ".join(texts)


def test_code_spans_arrive_without_escapes_and_at_signs_stay_whole() -> None:
    n = notice("Drain `lb-tokyo-3` and `lb_eu-1.2`; mail user@example.com about @types/node.")
    for text in (
        channels.mattermost_payload(n, SITE)["text"],
        channels.discord_payload(n, SITE)["embeds"][0]["description"],
    ):
        assert "`lb-tokyo-3`" in text and "`lb_eu-1.2`" in text
        assert "user@example.com" in text
    discord = channels.discord_payload(n, SITE)["embeds"][0]["description"]
    assert "@types/node" in discord  # Discord reads no such mention
    slack = json.dumps(channels.slack_payload(n, SITE), ensure_ascii=False)
    assert "lb-tokyo-3" in slack and "user@example.com" in slack and "\u200b" not in slack


def test_slack_reads_no_broadcast_and_no_markup_from_text() -> None:
    n = notice(r"Ping @here and @channel <!everyone> \*not bold\* ~not struck~", title="@here down")
    payload = channels.slack_payload(n, SITE)
    validate_slack(payload)
    assert not MENTION.search(payload["text"]) and "<!" not in payload["text"]
    # No mrkdwn text object (it would read `*`, `_`, `~` and backticks, which have no escape).
    assert '"mrkdwn"' not in json.dumps(payload["blocks"])
    assert "*not bold* ~not struck~" in json.dumps(payload["blocks"])


def test_teams_cards_are_valid_against_the_version_they_declare() -> None:
    validate_card(channels.teams_payload(notice("We are **looking**."), SITE))
