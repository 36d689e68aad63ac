"""Every payload of a full incident lifecycle, and of a digest, as the platforms' own client
libraries and schemas read it: Slack's Block Kit models (slack_sdk), the Adaptive Card 1.4
schema, discord.py's embed (and Discord's documented limits), the Standard Webhooks verifier
and Python's e-mail parser. What each must keep: code spans verbatim, addresses and package
names whole (no zero-width space), subjects read exactly, recipients hidden."""

from __future__ import annotations

import json
import re
from email import policy
from email.parser import BytesParser
from pathlib import Path
from typing import Any

import discord
from notifypayloads import elements, text_runs, validate_card, validate_slack
from notifyservers import RecordingServer, SmtpTestServer
from standardwebhooks import Webhook
from test_notify import SECRET, cli, notify, servers, site_with_channels

__all__ = ["servers"]  # the fixture, shared with test_notify

SPANS = ["pip install statusgen_notify-x==1.2", "a*b_c~d|e", "deploy/api -n prod_eu"]
ADDRESSES = ["ops_team@example.com", "first.last+status@example.co.uk"]
STEPS = [
    (
        "2026-03-10T12:05:00Z",
        ["new", "Checkout fails", "--id", "checkout", "--impact", "major"],
        f"Errors on `{SPANS[0]}`; write to {ADDRESSES[0]}.",
    ),
    (
        "2026-03-10T12:20:00Z",
        ["update", "checkout", "--status", "identified"],
        f"Cause: `{SPANS[1]}` in `{SPANS[2]}`.",
    ),
    (
        "2026-03-10T12:40:00Z",
        ["update", "checkout", "--status", "monitoring"],
        f"Rolled back. Questions: {ADDRESSES[1]}.",
    ),
    ("2026-03-10T13:00:00Z", ["resolve", "checkout"], "Fixed; `statusgen_notify-x` is back."),
]
#: Discord's documented embed limits.
DISCORD_LIMITS = {"title": 256, "description": 4096, "footer": 2048, "total": 6000}


def discord_embed_ok(payload: dict[str, Any]) -> str:
    """What discord.py reads of the one embed, within Discord's limits; its description."""
    (raw,) = payload["embeds"]
    embed = discord.Embed.from_dict(raw)
    assert len(embed) <= DISCORD_LIMITS["total"]  # discord.py's count of the embed's texts
    assert len(embed.title or "") <= DISCORD_LIMITS["title"]
    assert len(embed.description or "") <= DISCORD_LIMITS["description"]
    assert len(embed.footer.text or "") <= DISCORD_LIMITS["footer"]
    assert len(embed.fields) <= 25
    for field in embed.fields:
        assert 0 < len(field.name or "") <= 256 and 0 < len(field.value or "") <= 1024
    assert embed.url == raw["url"] and embed.color is not None
    assert payload["allowed_mentions"] == {"parse": []}
    return embed.description or ""


#: The per-incident cap the tests below give every channel (`max_per_incident`): past it, the
#: rest of an incident's updates go into one digest, the same code at any cap; the default (40)
#: only made each test send and read 40 more payloads a channel.
CAP = 2


def capped(root: Path) -> Path:
    """The site's channels, each with `max_per_incident: CAP`."""
    mkdocs = root / "mkdocs.yml"
    text = re.sub(
        r"^( +)- type: (\w+)\n",
        rf"\g<0>\1  max_per_incident: {CAP}\n",
        mkdocs.read_text(),
        flags=re.M,
    )
    assert text.count(f"max_per_incident: {CAP}") == text.count("- type: ") == 7
    mkdocs.write_text(text)
    return root


def spans_in(text: str) -> list[str]:
    return [span for span in SPANS if f"`{span}`" in text]


def test_every_payload_of_a_lifecycle_and_a_digest_reads_right_in_the_platforms_clients(
    tmp_path: Path, servers: tuple[RecordingServer, SmtpTestServer]
) -> None:
    http, smtp = servers
    root = capped(site_with_channels(tmp_path / "site"))
    email = root / "mkdocs.yml"
    email.write_text(
        email.read_text().replace(
            "to: [subscribers@status.test]", "to: [ann@a.test, bob@b.test, subscribers@status.test]"
        )
    )
    assert notify(root, "2026-03-10T12:00:00Z") == 0
    for now, command, message in STEPS:
        assert cli(root, now, *command, "--message", message) == 0
        assert notify(root, now) == 0
    # A second incident over the per-incident cap: CAP messages and one digest (of two).
    phases = "".join(
        f"  - at: 2026-03-10T13:{10 + n // 60:02d}:{n % 60:02d}Z\n"
        f"    status: investigating\n    message: Step `{SPANS[1]}` {n}.\n"
        for n in range(CAP + 2)
    )
    (root / "incidents" / "2026-03-10-flood.md").write_text(
        f"---\ntitle: Flood\nimpact: minor\ncomponents: {{api: degraded_performance}}\n"
        f"phases:\n{phases}---\n"
    )
    assert notify(root, "2026-03-10T13:30:00Z") == 0
    expected = len(STEPS) + CAP + 1
    for path in ("/slack", "/mattermost", "/teams", "/discord", "/webhook", "/responders"):
        assert len(http.to(path)) == expected, path
        assert all("\u200b" not in r.body.decode("utf-8") for r in http.to(path)), path

    lifecycle = range(len(STEPS))
    for kind in ("/slack", "/responders"):
        for index, request in enumerate(http.to(kind)):
            payload = json.loads(request.body)
            validate_slack(payload)
            if index in lifecycle:
                found = [
                    e["text"]
                    for block in payload["blocks"]
                    if block["type"] == "rich_text"
                    for e in elements(block)
                    if e.get("style") == {"code": True}
                ]
                assert found == spans_in(STEPS[index][2]) or index == 3, found
    for index, request in enumerate(http.to("/teams")):
        payload = json.loads(request.body)
        validate_card(payload)
        if index in lifecycle and index != 3:
            runs = [r["text"] for r in text_runs(payload) if r.get("fontType") == "Monospace"]
            assert runs == spans_in(STEPS[index][2])
    for index, request in enumerate(http.to("/discord")):
        description = discord_embed_ok(json.loads(request.body))
        if index in lifecycle:
            assert spans_in(description) == spans_in(STEPS[index][2])
    for index, request in enumerate(http.to("/mattermost")):
        text = json.loads(request.body)["text"]
        if index in lifecycle:
            assert spans_in(text) == spans_in(STEPS[index][2])
            assert all(a in text for a in ADDRESSES if a in STEPS[index][2])
    hook = Webhook(SECRET.encode())
    for request in http.to("/webhook"):
        headers = {name.lower(): value for name, value in request.headers.items()}
        assert hook.verify(request.body, headers)

    # E-mail, as Python's parser reads the bytes the server received.
    assert len(smtp.state.mails) == expected
    subjects = []
    for index, mail in enumerate(smtp.state.mails):
        message = BytesParser(policy=policy.default).parsebytes(mail.data)
        subjects.append(message["Subject"])
        assert sorted(mail.recipients) == ["ann@a.test", "bob@b.test", "subscribers@status.test"]
        assert message["To"] == "status@status.test" and message["Cc"] is None
        assert message["Bcc"] is None and b"ann@a.test" not in mail.data
        assert message["List-Unsubscribe"] == "<https://status.test/>"
        assert message["List-Unsubscribe-Post"] is None  # no URL that unsubscribes on a POST
        plain = message.get_body(("plain",))
        html = message.get_body(("html",))
        assert plain is not None and html is not None
        text, markup = plain.get_content(), html.get_content()
        assert "\u200b" not in text and "\u200b" not in markup
        if index in lifecycle:
            said = STEPS[index][2]
            for span in spans_in(said):
                assert span in text and f"<code>{span}</code>" in markup
            for address in ADDRESSES:
                assert (address in said) == (address in text)
    assert subjects[: len(STEPS)] == [
        "[Investigating] Checkout fails",
        "[Identified] Checkout fails",
        "[Monitoring] Checkout fails",
        "[Resolved] Checkout fails",
    ]
    assert subjects[-1] == "[+2 more] Flood"


#: Digest subjects that must read back exactly: a long one that the e-mail header folds, and one
#: that looks like an encoded word, with quotes.
TITLES = [("Ünïcödé — long " * 12).strip(), 'Fix =?utf-8?q?x?= and "quotes"']


def flood(root: Path, name: str, title: str, hour: int) -> None:
    """An incident of CAP + 1 updates a second apart at `hour`:10, one more than a channel
    sends one by one: a digest."""
    phases = "".join(
        f"  - at: 2026-03-10T{hour}:{10 + n // 60:02d}:{n % 60:02d}Z\n"
        f"    status: investigating\n    message: Step {n}.\n"
        for n in range(CAP + 1)
    )
    (root / "incidents" / f"2026-03-10-{name}.md").write_text(
        f"---\ntitle: {json.dumps(title)}\nimpact: minor\n"
        f"components: {{api: degraded_performance}}\nphases:\n{phases}---\n"
    )


def test_digest_subjects_read_back_exactly(
    tmp_path: Path, servers: tuple[RecordingServer, SmtpTestServer]
) -> None:
    """Each title of TITLES as a digest's subject, read back exactly; the later digest is
    another message: its own Message-ID and webhook-ids."""
    http, smtp = servers
    root = capped(site_with_channels(tmp_path / "site"))
    assert notify(root, "2026-03-10T12:00:00Z") == 0
    messages = []
    for hour, name, title in [(12, "flood", TITLES[0]), (13, "again", TITLES[1])]:
        flood(root, name, title, hour)
        assert notify(root, f"2026-03-10T{hour}:30:00Z") == 0
        message = BytesParser(policy=policy.default).parsebytes(smtp.state.mails[-1].data)
        assert message["Subject"] == f"[+1 more] {title}"
        messages.append(message)
    assert messages[0]["Message-ID"] != messages[1]["Message-ID"]
    hooks = [
        value
        for r in http.to("/webhook")
        for name, value in r.headers.items()
        if name.lower() == "webhook-id"
    ]
    assert len(hooks) == len(set(hooks)) == 2 * (CAP + 1)
