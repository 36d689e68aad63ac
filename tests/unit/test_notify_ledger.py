"""The record of what was sent, and the notify options as mkdocs.yml gives them."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from statusgen.model import Impact
from statusgen.notify.ledger import CLAIMED, SENT, Ledger, LedgerError, locked
from statusgen.options.mkdocs_yml import SiteConfigError, read_site_options
from statusgen.options.notify import MissingEnv, parse_channels

NOW = datetime(2026, 11, 22, 14, 0, tzinfo=UTC)


def test_the_ledger_holds_only_hashes_and_survives_a_reload(tmp_path: Path) -> None:
    path = tmp_path / "ledger.json"
    secret = "2026-11-22-secret-db#update-20261122T140300Z"
    with locked(path, NOW) as ledger:
        assert ledger.baseline("slack") is None
        ledger.set_baseline("slack", NOW)
        ledger.set_state("slack", secret, CLAIMED)
        ledger.save()
        assert Ledger.load(path, NOW).state("slack", secret) == CLAIMED
        ledger.set_state("slack", secret, SENT)
        ledger.set_state("slack", "other#update-1", CLAIMED)
        ledger.set_state("slack", "other#update-1", None)
        ledger.save()
    again = Ledger.load(path, NOW)
    assert again.baseline("slack") == NOW
    assert again.state("slack", secret) == SENT
    assert again.state("slack", "other#update-1") is None
    assert again.state("email", secret) is None
    text = path.read_text()
    assert "secret" not in text and "slack" not in text and "update" not in text.split('"about"')[0]
    data = json.loads(text)
    assert data["version"] == 2 and all(len(key) == 64 for key in data["entries"])
    assert not list(tmp_path.glob("*.tmp"))  # written through a temporary file, renamed


def test_an_unreadable_ledger_is_an_error_that_says_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "ledger.json"
    path.write_text("{not json")
    with pytest.raises(LedgerError, match="remove it to start afresh"):
        Ledger.load(path)


def test_channels_are_checked_with_what_was_expected() -> None:
    channels, problems = parse_channels(
        [
            {"type": "sms", "url": "https://x.test/"},
            {"type": "slack", "url": "ftp://x.test/"},
            {"type": "discord", "url": "https://x.test/", "min_impact": "huge"},
            {"type": "email", "smtp": "smtp://h:587", "from": "nobody", "to": []},
            {"type": "teams", "url": "https://x.test/", "colour": "red", "max_per_run": 0},
            {"type": "webhook", "url": MissingEnv(["HOOK_URL"]), "components": ["api"]},
            {"type": "webhook", "url": "https://x.test/"},
        ]
    )
    texts = [text for _, text in problems]
    assert texts == [
        "notify[0]: type 'sms' is unknown; expected one of slack, mattermost, teams, discord, "
        "webhook, email",
        "notify[1]: url is not an http(s) URL; expected a URL (from !ENV)",
        "notify[2]: min_impact 'huge'; expected none, minor, major or critical",
        "notify[3]: from 'nobody'; expected the sender's e-mail address",
        "notify[3]: to []; expected a list of e-mail addresses",
        "notify[4]: unknown key 'colour' for a teams channel; expected audience, components, "
        "language, max_per_incident, max_per_run, min_impact, name, type, url",
        "notify[4]: max_per_run 0; expected a whole number from 1 to 10000",
        "notify[6]: a second channel named 'webhook'; expected a unique `name` for each channel",
    ]
    (hook,) = channels
    assert hook.missing == ("HOOK_URL",) and hook.components == ("api",)
    assert hook.min_impact is Impact.NONE
    assert (hook.max_per_run, hook.max_per_incident) == (100, 40)  # the documented defaults


def test_mkdocs_yml_env_tags_resolve_and_a_missing_one_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: X\n"
        "plugins:\n"
        "  - statusgen:\n"
        "      notify:\n"
        "        - type: slack\n"
        "          url: !ENV SLACK_URL\n"
        "        - type: webhook\n"
        "          url: !ENV [HOOK_URL, https://fallback.test/hook]\n"
        "          secret: !ENV HOOK_SECRET\n"
        "      remind_channel: slack\n"
    )
    monkeypatch.setenv("SLACK_URL", "https://hooks.slack.test/T/B/x")
    monkeypatch.delenv("HOOK_URL", raising=False)
    monkeypatch.delenv("HOOK_SECRET", raising=False)
    slack, hook = read_site_options(tmp_path).notify
    assert slack.url == "https://hooks.slack.test/T/B/x" and not slack.missing
    assert slack.line == 5
    assert hook.url == "https://fallback.test/hook" and hook.secret is None
    # A secret named but unset skips the channel: never an unsigned delivery by mistake.
    assert hook.missing == ("HOOK_SECRET",)
    monkeypatch.delenv("SLACK_URL")
    assert read_site_options(tmp_path).notify[0].missing == ("SLACK_URL",)
    (tmp_path / "mkdocs.yml").write_text(
        (tmp_path / "mkdocs.yml").read_text().replace("type: slack", "type: slak")
    )
    with pytest.raises(SiteConfigError, match=r"mkdocs.yml:5: statusgen option notify\[0\]: type"):
        read_site_options(tmp_path)
