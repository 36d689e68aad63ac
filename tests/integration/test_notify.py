"""`statusgen notify` and `statusgen remind` for real: the command line on sites in temporary
folders, sending to local servers on 127.0.0.1 (a recording HTTP server, an SMTP server with
STARTTLS), with the record of what was sent on disk."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from textwrap import dedent, indent
from typing import Any

import pytest
from notifyservers import RecordingServer, SmtpTestServer, make_certificate
from sitebuild import EXAMPLE_EPOCH, FIXTURE_EPOCH, REPO, fixture_site, mkdocs_build
from standardwebhooks import Webhook

from statusgen.cli import main
from statusgen.content.writing import append_phase, render_new_file
from statusgen.model import ComponentStatus, Impact, Phase, PhaseStatus

CHANNELS = """
notify:
  - type: slack
    url: !ENV SLACK_URL
  - type: mattermost
    url: !ENV MATTERMOST_URL
  - type: teams
    url: !ENV TEAMS_URL
  - type: discord
    url: !ENV DISCORD_URL
  - type: webhook
    url: !ENV HOOK_URL
    secret: !ENV HOOK_SECRET
  - type: email
    smtp: !ENV SMTP_URL
    from: status@status.test
    to: [subscribers@status.test]
  - type: slack
    name: responders
    url: !ENV RESPONDERS_URL
    audience: internal
remind_channel: responders
remind_after: 45
"""
HTTP_CHANNELS = ("slack", "mattermost", "teams", "discord", "webhook")
SECRET = "s3cret-for-tests"


@pytest.fixture
def servers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    cert, key = make_certificate(tmp_path)
    with RecordingServer() as http, SmtpTestServer(cert, key) as smtp:
        for name in HTTP_CHANNELS:
            monkeypatch.setenv(f"{name.upper()}_URL", http.url(f"/{name}"))
        monkeypatch.setenv("HOOK_URL", http.url("/webhook"))
        monkeypatch.setenv("HOOK_SECRET", SECRET)
        monkeypatch.setenv("RESPONDERS_URL", http.url("/responders"))
        monkeypatch.setenv("SMTP_URL", f"smtp://bot:secret@127.0.0.1:{smtp.port}")
        monkeypatch.setenv("SSL_CERT_FILE", str(cert))
        monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
        monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
        yield http, smtp


def documented_verifier() -> Callable[[bytes, dict[str, str], str], bool]:
    """The receiver's check that docs/operators.md shows, run as written."""
    text = (REPO / "docs" / "operators.md").read_text()
    found = re.search(r"<!-- verify-webhook:[^>]*-->\n```python\n(.*?)```", text, re.DOTALL)
    assert found, "docs/operators.md lost its webhook verification snippet"
    names: dict[str, Any] = {}
    exec(compile(found.group(1), "docs/operators.md", "exec"), names)  # noqa: S102
    return names["verified"]  # type: ignore[no-any-return]


def site_with_channels(root: Path, incidents: dict[str, str] | None = None) -> Path:
    return fixture_site(root, extra=indent(dedent(CHANNELS), " " * 6), incidents=incidents)


def cli(root: Path, now: str, *args: str) -> int:
    return main(["-C", str(root), "--now", now, *args])


def notify(root: Path, now: str, *args: str) -> int:
    return cli(root, now, "notify", "--ledger", str(root / "ledger.json"), *args)


def counts(http: RecordingServer, smtp: SmtpTestServer) -> dict[str, int]:
    found = {name: len(http.to(f"/{name}")) for name in (*HTTP_CHANNELS, "responders")}
    found["email"] = len(smtp.state.mails)
    return found


def texts(http: RecordingServer, path: str) -> str:
    return "\n".join(r.body.decode("utf-8") for r in http.to(path))


def test_a_full_incident_sends_five_messages_per_channel_once(
    tmp_path: Path,
    servers,
    capsys: pytest.CaptureFixture[str],  # type: ignore[no-untyped-def]
) -> None:
    http, smtp = servers
    root = site_with_channels(tmp_path / "site")
    # The first run records the fixture's history (both incidents older than 30 minutes).
    assert notify(root, "2026-03-10T12:00:00Z") == 0
    assert sum(counts(http, smtp).values()) == 0
    steps = [
        (
            "2026-03-10T12:05:00Z",
            [
                "new",
                "Checkout fails",
                "--component",
                "api=major_outage",
                "--impact",
                "critical",
                "--message",
                "We are looking.",
                "--id",
                "checkout",
                "--next-update",
                "30m",
            ],
        ),
        (
            "2026-03-10T12:20:00Z",
            ["update", "checkout", "--status", "identified", "--message", "Found a bad deploy."],
        ),
        (
            "2026-03-10T12:40:00Z",
            [
                "update",
                "checkout",
                "--status",
                "monitoring",
                "--message",
                "Rolled back.",
                "--component",
                "api=operational",
            ],
        ),
        (
            "2026-03-10T12:50:00Z",
            ["update", "checkout", "--status", "monitoring", "--message", "Still watching."],
        ),
        ("2026-03-10T13:00:00Z", ["resolve", "checkout", "--message", "Fixed."]),
    ]
    for now, command in steps:
        assert cli(root, now, *command) == 0
        assert notify(root, now) == 0
        assert notify(root, now) == 0  # a re-run (a retried job) sends nothing more
    # The fixture's open incident ("Slow website") was history at the first run: never sent.
    assert counts(http, smtp) == {name: 5 for name in (*HTTP_CHANNELS, "responders", "email")}
    assert "Slow website" not in texts(http, "/slack")
    # Re-runs later still send nothing; --since resends on purpose.
    assert notify(root, "2026-03-10T14:00:00Z") == 0
    assert counts(http, smtp)["slack"] == 5
    capsys.readouterr()
    assert notify(root, "2026-03-10T14:00:00Z", "--since", "2026-03-10T12:50:00Z") == 0
    assert counts(http, smtp)["slack"] == 7  # monitoring at 12:50 and resolved at 13:00
    # What arrived: statuses in order, each linking to its anchor on the incident page.
    statuses = [
        json.loads(r.body)["incident"]["incident_updates"][0]["status"] for r in http.to("/webhook")
    ]
    statuses, resent = statuses[:5], statuses[5:]
    assert resent == ["monitoring", "resolved"]
    assert statuses == ["investigating", "identified", "monitoring", "monitoring", "resolved"]
    first = json.loads(http.to("/webhook")[0].body)
    update = first["incident"]["incident_updates"][0]
    assert update["shortlink"] == "https://status.test/incidents/checkout/#update-20260310T120500Z"
    assert update["next_update_at"] == "2026-03-10T12:35:00Z"
    assert first["incident"]["components"] == [
        {"id": "api", "name": "Public API", "status": "major_outage"}
    ]
    # Every webhook delivery is signed by the Standard Webhooks scheme: the operator's guide's
    # receiver and the scheme's reference library both accept it, and refuse it tampered.
    verified = documented_verifier()
    ids = set()
    for request in http.to("/webhook"):
        headers = {name.lower(): value for name, value in request.headers.items()}
        assert verified(request.body, headers, SECRET)
        assert Webhook(SECRET.encode()).verify(request.body, headers)
        assert not verified(request.body + b" ", headers, SECRET)
        assert not verified(request.body, {**headers, "webhook-timestamp": "1"}, SECRET)
        assert "x-statusgen-signature-256" not in headers
        ids.add(headers["webhook-id"])
    assert len(ids) == 5  # one per update; the two resent ones keep theirs
    # E-mail: over STARTTLS with the password, plain text and HTML, List-Unsubscribe.
    mail = smtp.state.mails[0]
    assert mail.tls and mail.user == "bot" and mail.recipients == ["subscribers@status.test"]
    message = mail.message
    assert message["Subject"] == "[Investigating] Checkout fails"
    assert message["List-Unsubscribe"] == "<https://status.test/>"
    kinds = [part.get_content_type() for part in message.walk()]
    assert kinds == ["multipart/alternative", "text/plain", "text/html"]
    plain = message.get_body(("plain",)).get_content()
    assert "We are looking." in plain and "#update-20260310T120500Z" in plain


def test_public_channels_never_get_internal_updates(
    tmp_path: Path,
    servers,  # type: ignore[no-untyped-def]
) -> None:
    http, smtp = servers
    root = site_with_channels(tmp_path / "site")
    assert notify(root, "2026-03-10T12:00:00Z") == 0
    (root / "incidents" / "2026-03-10-db.md").write_text(
        dedent(
            """\
            ---
            title: Database failover SECRET-TITLE
            impact: major
            audience: internal
            components: {api: partial_outage}
            phases:
              - at: 2026-03-10T12:10:00Z
                status: investigating
                message: Primary db-7 died SECRET-MESSAGE.
            ---
            """
        )
    )
    with (root / "incidents" / "2026-03-10-slow-website.md").open("r+") as handle:
        text = handle.read().replace(
            "    next_update: 2026-03-10T12:30:00Z\n",
            "    next_update: 2026-03-10T12:30:00Z\n"
            "  - at: 2026-03-10T12:11:00Z\n"
            "    status: identified\n"
            "    audience: internal\n"
            "    message: The cache node web-3 is SECRET-PHASE.\n"
            "  - at: 2026-03-10T12:12:00Z\n"
            "    status: monitoring\n"
            "    message: A fix is live.\n",
        )
        handle.seek(0)
        handle.write(text)
        handle.truncate()
    assert notify(root, "2026-03-10T12:15:00Z") == 0
    public = "\n".join(texts(http, f"/{name}") for name in HTTP_CHANNELS)
    public += "\n".join(m.data.decode() for m in smtp.state.mails)
    assert "A fix is live" in texts(http, "/slack")
    assert "SECRET" not in public
    responders = texts(http, "/responders")
    for word in ("SECRET-TITLE", "SECRET-MESSAGE", "SECRET-PHASE", "A fix is live"):
        assert word in responders
    assert counts(http, smtp)["slack"] == 1 and counts(http, smtp)["responders"] == 3
    # The ledger holds hashes only: no id, title or word of any incident.
    ledger = (root / "ledger.json").read_text()
    for word in ("SECRET", "failover", "slow-website", "update-", "slack", "responders"):
        assert word not in ledger


def test_first_run_on_the_example_history_sends_no_old_update(
    tmp_path: Path,
    servers,
    capsys: pytest.CaptureFixture[str],  # type: ignore[no-untyped-def]
) -> None:
    http, smtp = servers
    root = tmp_path / "example"
    root.mkdir()
    for name in ("components.yml", "incidents", "docs"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, root / name)
    text = (REPO / "mkdocs.yml").read_text()
    channels = indent(dedent(CHANNELS), " " * 6)
    (root / "mkdocs.yml").write_text(
        text.replace(
            "      timezone: Europe/Amsterdam\n", "      timezone: Europe/Amsterdam\n" + channels
        )
    )
    from datetime import UTC, datetime

    now = datetime.fromtimestamp(int(EXAMPLE_EPOCH), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert notify(root, now, "--dry-run") == 0
    dry = capsys.readouterr().out
    assert notify(root, now) == 0
    assert sum(counts(http, smtp).values()) == 0, dry
    assert "first run" in capsys.readouterr().out
    # The example links updates to its own site; subscribers unsubscribe on its Subscribe page.
    assert notify(root, "2026-11-23T12:30:00Z") == 0


def test_concurrent_runs_send_each_update_once(
    tmp_path: Path,
    servers,  # type: ignore[no-untyped-def]
) -> None:
    http, smtp = servers
    root = site_with_channels(tmp_path / "site")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = [
        sys.executable,
        "-m",
        "statusgen",
        "-C",
        str(root),
        "--now",
        "2026-03-10T11:20:00Z",
        "notify",
        "--ledger",
        str(root / "ledger.json"),
    ]
    runs = [
        subprocess.Popen(
            command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(3)
    ]
    results = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0], results
    # A first run (whichever takes the lock first): the open incident's update (11:00) is
    # within the 30 minutes of grace, the outage of the day before is history.
    assert counts(http, smtp) == {name: 1 for name in (*HTTP_CHANNELS, "responders", "email")}


def test_a_missing_secret_skips_its_channel_with_a_warning(
    tmp_path: Path,
    servers,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
    capsys: pytest.CaptureFixture[str],
) -> None:
    http, smtp = servers
    monkeypatch.delenv("DISCORD_URL")
    root = site_with_channels(tmp_path / "site")
    assert notify(root, "2026-03-10T11:10:00Z") == 0
    out = capsys.readouterr().out
    assert "notify channel 'discord' skipped: DISCORD_URL not set" in out
    assert counts(http, smtp)["discord"] == 0 and counts(http, smtp)["slack"] == 1


def test_a_failing_channel_does_not_block_the_others_and_is_retried_next_run(
    tmp_path: Path,
    servers,
    capsys: pytest.CaptureFixture[str],  # type: ignore[no-untyped-def]
) -> None:
    http, smtp = servers
    http.plan("/slack", "429:600")  # busy for longer than a run waits: transient
    root = site_with_channels(tmp_path / "site")
    assert notify(root, "2026-03-10T11:10:00Z") == 3
    out = capsys.readouterr().out
    assert (
        "slack: FAILED 2026-03-10-slow-website#update-20260310T110000Z: HTTP 429; "
        "Retry-After 600 s is too long after 1 attempt(s); the next run tries again" in out
    )
    assert "slack: 0 sent, 1 failed" in out
    assert counts(http, smtp)["discord"] == 1 and len(smtp.state.mails) == 1
    assert notify(root, "2026-03-10T11:20:00Z") == 0  # the next run delivers it
    assert counts(http, smtp)["slack"] == 2 and counts(http, smtp)["discord"] == 1


def test_dry_run_prints_exactly_what_would_be_sent_and_records_nothing(
    tmp_path: Path,
    servers,
    capsys: pytest.CaptureFixture[str],  # type: ignore[no-untyped-def]
) -> None:
    http, smtp = servers
    root = site_with_channels(tmp_path / "site")
    assert notify(root, "2026-03-10T11:10:00Z", "--dry-run") == 0
    out = capsys.readouterr().out
    assert not (root / "ledger.json").exists() and not http.requests and not smtp.state.mails
    assert notify(root, "2026-03-10T11:10:00Z") == 0
    sent = http.to("/slack")[0].body.decode("utf-8")
    assert sent in out.splitlines()  # the very body, byte for byte
    assert http.url("/slack") not in out  # no secret URL in the log


def test_remind_nudges_once_per_missed_promise(
    tmp_path: Path,
    servers,
    capsys: pytest.CaptureFixture[str],  # type: ignore[no-untyped-def]
) -> None:
    http, smtp = servers
    root = site_with_channels(tmp_path / "site")
    remind = ["remind", "--ledger", str(root / "ledger.json")]
    # The open incident promised an update by 12:30.
    assert cli(root, "2026-03-10T12:20:00Z", *remind) == 0
    assert not http.to("/responders")
    assert cli(root, "2026-03-10T12:31:00Z", *remind) == 0
    assert cli(root, "2026-03-10T12:41:00Z", *remind) == 0  # once per missed promise
    nudges = http.to("/responders")
    assert len(nudges) == 1
    body = json.loads(nudges[0].body)
    assert body["blocks"][0]["text"]["text"] == "Update overdue: Slow website"
    assert "promised by" in json.dumps(body)
    capsys.readouterr()
    assert cli(root, "2026-03-10T12:45:00Z", "status", "--color", "never") == 0
    assert "OVERDUE: next update was promised by 2026-03-10 12:30 UTC" in capsys.readouterr().out
    # A new update without a promise: silence for remind_after (45 min) nudges again.
    assert (
        cli(
            root,
            "2026-03-10T12:50:00Z",
            "update",
            "2026-03-10-slow-website",
            "--status",
            "identified",
            "--message",
            "Found it.",
        )
        == 0
    )
    assert cli(root, "2026-03-10T13:30:00Z", *remind) == 0
    assert len(http.to("/responders")) == 1
    assert cli(root, "2026-03-10T13:36:00Z", *remind) == 0
    assert len(http.to("/responders")) == 2
    assert not http.to("/slack")  # only the responders' channel is nudged


def test_check_names_what_is_wrong_in_the_notify_options(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    root = fixture_site(
        tmp_path / "site",
        extra=indent(
            "notify:\n  - type: slack\n    url: https://hooks.test/x\n"
            "    components: [api, nope]\n",
            " " * 6,
        ),
    )
    line = (root / "mkdocs.yml").read_text().splitlines().index("        - type: slack") + 1
    assert cli(root, "2026-03-10T12:00:00Z", "check") == 1
    err = capsys.readouterr().err
    assert (
        f"mkdocs.yml:{line}: notify channel 'slack': unknown component 'nope'; expected one of"
        in err
    )
    (root / "mkdocs.yml").write_text(
        (root / "mkdocs.yml").read_text().replace("type: slack", "type: sms")
    )
    assert cli(root, "2026-03-10T12:00:00Z", "check") == 2
    err = capsys.readouterr().err
    assert (
        f"mkdocs.yml:{line}: statusgen option notify[0]: type 'sms' is unknown; expected one of"
        in err
    )
    # Every mistake of the option at once, each at its channel's line.
    (root / "mkdocs.yml").write_text(
        (root / "mkdocs.yml")
        .read_text()
        .replace("type: sms", "type: slack\n          min_impact: huge")
        .replace(
            "        - type: slack\n",
            "        - type: discord\n          url: ftp://x\n        - type: slack\n",
            1,
        )
    )
    assert cli(root, "2026-03-10T12:00:00Z", "check") == 2
    err = capsys.readouterr().err
    assert "notify[0]" in err and "notify[1]" in err, err


def test_mkdocs_builds_without_the_secrets_and_refuses_a_bad_channel(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in (*HTTP_CHANNELS, "hook", "smtp", "responders"):
        monkeypatch.delenv(f"{name.upper()}_URL", raising=False)
    root = site_with_channels(tmp_path / "site")
    built = mkdocs_build(root, tmp_path / "out", FIXTURE_EPOCH)
    assert built.returncode == 0, built.stderr  # a pull request's build has no secrets
    (root / "mkdocs.yml").write_text(
        (root / "mkdocs.yml")
        .read_text()
        .replace("min_impact: none", "")
        .replace("type: discord", "type: discord\n          min_impact: huge")
    )
    failed = mkdocs_build(root, tmp_path / "out2", FIXTURE_EPOCH)
    assert failed.returncode != 0
    assert "notify[3]: min_impact 'huge'; expected none, minor, major or critical" in failed.stderr


def test_estimate_affected_and_the_postmortem_reach_every_channel(
    tmp_path: Path,
    servers,
    capsys: pytest.CaptureFixture[str],  # type: ignore[no-untyped-def]
) -> None:
    """An update's estimate (and when it moved) and who is affected are in its message; the
    postmortem's publication is one more message, linking to the postmortem."""
    http, smtp = servers
    root = site_with_channels(tmp_path / "site")
    assert notify(root, "2026-03-10T12:00:00Z") == 0
    new = ["new", "Checkout fails", "--id", "checkout", "--impact", "major"]
    new += ["--component", "api=major_outage", "--message", "Looking.", "--estimate", "2h"]
    assert cli(root, "2026-03-10T12:05:00Z", *new, "--affected", "EU customers") == 0
    assert notify(root, "2026-03-10T12:05:00Z") == 0
    update = ["update", "checkout", "--status", "identified", "--message", "Found it."]
    assert cli(root, "2026-03-10T12:30:00Z", *update, "--estimate", "2026-03-10T15:00:00Z") == 0
    assert notify(root, "2026-03-10T12:30:00Z") == 0
    first, second = (json.loads(r.body) for r in http.to("/slack"))
    assert "EU customers" in json.dumps(first) and "Mar 10, 2026, 14:05" in json.dumps(first)
    assert "moved from Mar 10, 2026, 14:05 UTC to Mar 10, 2026, 15:00 UTC" in json.dumps(second)
    assert cli(root, "2026-03-10T13:00:00Z", "resolve", "checkout", "--message", "Fixed.") == 0
    assert cli(root, "2026-03-11T09:00:00Z", "postmortem", "checkout") == 0
    path = next((root / "incidents").rglob("checkout.md"))
    lines = path.read_text().splitlines()
    path.write_text(
        "\n".join("A bad deploy." if line.startswith("TODO") else line for line in lines) + "\n"
    )
    assert notify(root, "2026-03-11T09:00:00Z") == 0
    assert notify(root, "2026-03-11T09:05:00Z") == 0  # once
    assert counts(http, smtp) == {name: 4 for name in (*HTTP_CHANNELS, "responders", "email")}
    mail = smtp.state.mails[-1].message
    assert mail["Subject"] == "[Postmortem] Checkout fails"
    plain = mail.get_body(("plain",)).get_content()
    assert "A bad deploy." in plain and "incidents/checkout/#update-postmortem" in plain
    # The headings' "¶" links point into the incident page: they stay there.
    html_part = mail.get_body(("html",)).get_content()
    assert "¶" not in plain and "headerlink" not in html_part and "¶" not in texts(http, "/slack")
    # An estimate set by an update is said once: its time, under its label.
    assert json.dumps(first).count("Estimated resolution") == 1


def test_a_maintenance_window_is_announced_as_it_starts_and_ends_by_the_clock(
    tmp_path: Path,
    servers,
    capsys: pytest.CaptureFixture[str],  # type: ignore[no-untyped-def]
) -> None:
    """Nobody has to post at 2 a.m.: the scheduled run after the window starts (and after it
    ends) sends "In progress" (and "Completed") once; an update that said so first is enough."""
    http, smtp = servers
    root = site_with_channels(tmp_path / "site")
    assert notify(root, "2026-03-10T12:00:00Z") == 0
    new = ["new", "Database upgrade", "--maintenance", "--id", "upgrade", "--component", "api"]
    new += ["--start", "2026-03-11T02:00:00Z", "--end", "2026-03-11T04:00:00Z"]
    assert cli(root, "2026-03-10T12:10:00Z", *new, "--message", "We upgrade the database.") == 0
    for now in ("2026-03-10T12:10:00Z", "2026-03-11T01:59:00Z"):
        assert notify(root, now) == 0
    assert len(http.to("/slack")) == 1  # the announcement
    for now in ("2026-03-11T02:01:00Z", "2026-03-11T02:16:00Z"):
        assert notify(root, now) == 0
    started = json.loads(http.to("/webhook")[-1].body)["incident"]
    assert started["status"] == "in_progress"
    assert started["incident_updates"][0]["created_at"] == "2026-03-11T02:00:00Z"
    assert started["components"] == [
        {"id": "api", "name": "Public API", "status": "under_maintenance"}
    ]
    for now in ("2026-03-11T04:01:00Z", "2026-03-11T05:00:00Z"):
        assert notify(root, now) == 0
    assert counts(http, smtp) == {name: 3 for name in (*HTTP_CHANNELS, "responders", "email")}
    assert smtp.state.mails[-1].message["Subject"] == "[Completed] Database upgrade"
    assert "The maintenance window has ended." in texts(http, "/discord")

    # A window whose start was posted as an update is not announced twice.
    again = ["new", "Cache upgrade", "--maintenance", "--id", "cache", "--component", "api"]
    again += ["--start", "2026-03-12T02:00:00Z", "--end", "2026-03-12T03:00:00Z"]
    assert cli(root, "2026-03-11T12:00:00Z", *again, "--message", "Cache upgrade.") == 0
    update = ["update", "cache", "--status", "in_progress", "--message", "Starting now."]
    assert cli(root, "2026-03-12T01:58:00Z", *update) == 0
    assert notify(root, "2026-03-12T02:05:00Z") == 0
    assert len(http.to("/slack")) == 5  # its announcement and the posted start


def test_a_failed_send_holds_the_channels_later_updates_for_the_next_run(
    tmp_path: Path,
    servers,
    capsys: pytest.CaptureFixture[str],  # type: ignore[no-untyped-def]
) -> None:
    """After a send fails, the channel's later updates are not tried in this run: they arrive
    in order with the next one, and a dead channel costs one update's retries, not all."""
    http, smtp = servers
    root = site_with_channels(tmp_path / "site")
    assert notify(root, "2026-03-10T12:00:00Z") == 0
    new = ["new", "Checkout fails", "--id", "checkout", "--impact", "major"]
    assert cli(root, "2026-03-10T12:05:00Z", *new, "--component", "api=major_outage") == 0
    update = ["update", "checkout", "--status", "identified", "--message", "Found it."]
    assert cli(root, "2026-03-10T12:10:00Z", *update) == 0
    http.plan("/slack", "429:600")  # busy for longer than a run waits: transient
    capsys.readouterr()
    assert notify(root, "2026-03-10T12:15:00Z") == 3
    out = capsys.readouterr().out
    assert "slack: 1 later update(s) held for the next run" in out
    assert len(http.to("/slack")) == 1 and len(http.to("/discord")) == 2
    assert notify(root, "2026-03-10T12:20:00Z") == 0
    statuses = [json.loads(r.body)["text"] for r in http.to("/slack")[1:]]
    assert len(statuses) == 2 and "[Investigating]" in statuses[0] and "[Identified]" in statuses[1]


def test_an_incident_the_monitor_opened_is_sent_once_then_its_resolution_once(
    tmp_path: Path,
    servers,  # type: ignore[no-untyped-def]
) -> None:
    """`statusgen probe` writes its incident with the writer `new` uses (content/writing.py,
    `opened_by_monitor`): notify sends it like any other, once per channel, and then the
    monitor's `resolved` update once."""
    http, smtp = servers
    root = site_with_channels(tmp_path / "site")
    assert notify(root, "2026-03-10T12:00:00Z") == 0
    assert sum(counts(http, smtp).values()) == 0
    opened = datetime(2026, 3, 10, 12, 10, tzinfo=UTC)
    text = render_new_file(
        "Problems with Public API",
        Impact.MAJOR,
        {"api": ComponentStatus.MAJOR_OUTAGE},
        Phase(opened, PhaseStatus.INVESTIGATING, "Our monitoring sees Public API failing."),
        started=datetime(2026, 3, 10, 12, 0, tzinfo=UTC),
        opened_by_monitor=True,
    )
    path = root / "incidents" / "2026-03-10-problems-with-public-api.md"
    path.write_text(text, encoding="utf-8")
    assert "opened_by: monitor" in text
    for _ in range(2):  # the next scheduled run sends nothing again
        assert notify(root, "2026-03-10T12:11:00Z") == 0
    once = counts(http, smtp)
    assert all(n == 1 for n in once.values()), once
    resolved = Phase(
        datetime(2026, 3, 10, 12, 30, tzinfo=UTC), PhaseStatus.RESOLVED, "Checks pass again."
    )
    path.write_text(append_phase(path.read_text(encoding="utf-8"), resolved), encoding="utf-8")
    for _ in range(2):
        assert notify(root, "2026-03-10T12:31:00Z") == 0
    assert all(n == 2 for n in counts(http, smtp).values()), counts(http, smtp)
    assert "Checks pass again." in texts(http, "/slack")
