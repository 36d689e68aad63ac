"""`statusgen notify` against hostile and edited content, for real (local servers, the record on
disk): a flood of updates is capped with one digest per channel, the record is written twice a
channel and never sends a delivered update twice after a crash, an update keeps its identity
through renames, reorders and corrections, a refused update does not hold the later ones, and a
forged or malformed record stops the run with what is wrong."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from notifyservers import RecordingServer, SmtpTestServer
from test_notify import HTTP_CHANNELS, cli, counts, notify, servers, site_with_channels

from statusgen.notify import sending
from statusgen.notify.ledger import SENT, digest
from statusgen.options.notify import MAX_PER_INCIDENT

__all__ = ["servers"]  # the fixture, shared with test_notify

Servers = tuple[RecordingServer, SmtpTestServer]
EVERY = (*HTTP_CHANNELS, "responders", "email")
START = "2026-03-10T12:00:00Z"


def flood(updates: int) -> str:
    """One accepted incident file of `updates` updates, a second apart."""
    phases = "".join(
        f"  - at: 2026-03-10T12:{1 + n // 60:02d}:{n % 60:02d}Z\n"
        f"    status: investigating\n"
        f"    message: Still looking, step {n}.\n"
        for n in range(updates)
    )
    head = "---\ntitle: Flood\nimpact: minor\ncomponents: {api: degraded_performance}\n"
    return f"{head}phases:\n{phases}---\n"


def incident(*phases: tuple[str, str, str]) -> str:
    body = "".join(
        f"  - at: {at}\n    status: {status}\n    message: {message}\n"
        for at, status, message in phases
    )
    head = "---\ntitle: Checkout fails\nimpact: major\ncomponents: {api: major_outage}\n"
    return f"{head}phases:\n{body}---\n"


def slack_texts(http: RecordingServer) -> list[str]:
    return [json.loads(r.body)["text"] for r in http.to("/slack")]


def test_a_flood_is_capped_per_channel_with_one_digest_and_two_writes_a_channel(
    tmp_path: Path,
    servers: Servers,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    http, smtp = servers
    root = site_with_channels(tmp_path / "site")
    assert notify(root, START) == 0  # the first run: the fixture's history is recorded
    # Past the default cap by half of it: what the cap folds does not depend on how many more
    # there are (500 cost 2 CPU s more, in the record's writes of every update).
    updates = MAX_PER_INCIDENT + MAX_PER_INCIDENT // 2
    folded = updates - MAX_PER_INCIDENT
    (root / "incidents" / "2026-03-10-flood.md").write_text(flood(updates))
    syncs: list[int] = []
    real_fsync = os.fsync

    def counting(fd: int) -> None:
        syncs.append(fd)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", counting)
    capsys.readouterr()
    assert notify(root, "2026-03-10T12:30:00Z") == 0
    out = capsys.readouterr().out
    # max_per_incident (40) on their own, then one digest: 41 messages a channel, not 60.
    sent = MAX_PER_INCIDENT + 1
    assert counts(http, smtp) == dict.fromkeys(EVERY, sent)
    assert (
        f"slack: {sent} sent, 0 failed; {folded} over its caps folded into one digest "
        f"({folded} of " in out
    )
    assert len(syncs) == 2 * len(EVERY)  # every claim in one write, every outcome in one more
    digest_message = json.loads(http.to("/slack")[-1].body)
    assert digest_message["text"] == f"[+{folded} more] Flood"
    assert "https://status.test/incidents/2026-03-10-flood/" in json.dumps(digest_message)
    assert smtp.state.mails[-1].message["Subject"] == f"[+{folded} more] Flood"
    # Everything is recorded: a re-run sends nothing, and nothing was silently dropped.
    assert notify(root, "2026-03-10T12:40:00Z") == 0
    assert counts(http, smtp) == dict.fromkeys(EVERY, sent)
    assert len(syncs) == 2 * len(EVERY)  # a run with nothing new rewrites nothing


def test_the_per_run_cap_folds_updates_of_several_incidents(
    tmp_path: Path, servers: Servers, capsys: pytest.CaptureFixture[str]
) -> None:
    http, smtp = servers
    root = site_with_channels(tmp_path / "site")
    mkdocs = root / "mkdocs.yml"
    mkdocs.write_text(
        mkdocs.read_text().replace("type: slack\n", "type: slack\n          max_per_run: 3\n", 1)
    )
    assert notify(root, START) == 0
    for name in ("one", "two"):
        phases = [(f"2026-03-10T12:0{n}:00Z", "investigating", f"{name} {n}") for n in range(1, 4)]
        (root / "incidents" / f"2026-03-10-{name}.md").write_text(incident(*phases))
    capsys.readouterr()
    assert notify(root, "2026-03-10T12:30:00Z", "--dry-run") == 0
    dry = capsys.readouterr().out
    assert "--- slack (slack): digest of 3 #" in dry and "would send" in dry
    assert notify(root, "2026-03-10T12:30:00Z") == 0
    out = capsys.readouterr().out
    assert "slack: 4 sent, 0 failed; 3 over its caps folded into one digest" in out
    assert "(2 of 2026-03-10-two, 1 of 2026-03-10-one)" in out, out  # as they were due
    assert len(http.to("/slack")) == 4 and len(http.to("/discord")) == 6
    assert slack_texts(http)[-1] == "[+3 more] Test Status"  # two incidents: the site's name
    assert slack_texts(http)[-1] in dry  # the dry run showed the very digest
    # A channel removed from mkdocs.yml keeps its part of the record, and the run says so.
    discord = "        - type: discord\n          url: !ENV DISCORD_URL\n"
    assert discord in mkdocs.read_text()
    mkdocs.write_text(mkdocs.read_text().replace(discord, ""))
    assert notify(root, "2026-03-10T12:31:00Z") == 0
    assert (
        "the record also holds 1 channel(s) not configured here (kept)" in capsys.readouterr().out
    )


def test_a_crash_mid_run_never_sends_a_delivered_update_again(
    tmp_path: Path,
    servers: Servers,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    http, smtp = servers
    root = site_with_channels(tmp_path / "site")
    assert notify(root, START) == 0
    phases = [(f"2026-03-10T12:0{n}:00Z", "investigating", f"Step {n}.") for n in range(1, 5)]
    (root / "incidents" / "2026-03-10-checkout.md").write_text(incident(*phases))
    real = sending.prepared
    made: list[str] = []

    def dying(channel: Any, notice: Any, context: Any) -> Any:
        made.append(notice.id)
        if len(made) == 3:  # the process dies after two deliveries to the first channel
            raise SystemExit("killed")
        return real(channel, notice, context)

    monkeypatch.setattr(sending, "prepared", dying)
    with pytest.raises(SystemExit):
        notify(root, "2026-03-10T12:30:00Z")
    monkeypatch.setattr(sending, "prepared", real)
    assert len(http.to("/slack")) == 2
    capsys.readouterr()
    assert notify(root, "2026-03-10T12:31:00Z") == 0
    out = capsys.readouterr().out
    assert len(http.to("/slack")) == 2  # the two delivered ones are not sent again
    # The channel's claims were written in one write before its first send, its outcomes
    # would have been written after its last: the stopped run's four are all still claimed,
    # and the next run names them rather than guess which of them arrived.
    said = (
        "slack: 0 sent, 0 failed; 4 claimed by a run that stopped before confirming, not "
        "resent (--since resends): 2026-03-10-checkout#update-20260310T120100Z, "
    )
    assert said in out, out
    assert len(http.to("/discord")) == 4  # the channels the crash did not reach
    # --since sends the ones the operator knows did not arrive, on purpose.
    assert notify(root, "2026-03-10T12:32:00Z", "--since", "2026-03-10T12:03:00Z") == 0
    assert slack_texts(http)[2:] == ["[Investigating] Checkout fails"] * 2


def test_an_update_keeps_its_identity_through_renames_reorders_and_corrections(
    tmp_path: Path, servers: Servers, capsys: pytest.CaptureFixture[str]
) -> None:
    http, _ = servers
    root = site_with_channels(tmp_path / "site")
    assert notify(root, START) == 0
    first = ("2026-03-10T12:05:00Z", "investigating", "We see errors.")
    second = ("2026-03-10T12:10:00Z", "identified", "A bad deploy.")
    path = root / "incidents" / "2026-03-10-checkout.md"
    path.write_text(incident(first, second))
    assert notify(root, "2026-03-10T12:15:00Z") == 0
    assert len(http.to("/slack")) == 2
    # Renaming the file sends nothing again.
    renamed = root / "incidents" / "2026-03-10-checkout-errors.md"
    path.rename(renamed)
    capsys.readouterr()
    assert notify(root, "2026-03-10T12:16:00Z") == 0
    assert len(http.to("/slack")) == 2, capsys.readouterr().out
    # An update inserted before another in the same second is sent, and only it.
    inserted = ("2026-03-10T12:10:00Z", "identified", "Rolling back now.")
    renamed.write_text(incident(first, inserted, second))
    assert notify(root, "2026-03-10T12:17:00Z") == 0
    assert len(http.to("/slack")) == 3
    assert "Rolling back now." in http.to("/slack")[-1].body.decode()
    # Correcting a time sends nothing; correcting a text is recorded and reported, not sent.
    corrected = ("2026-03-10T12:04:00Z", "investigating", "We see errors.")
    renamed.write_text(incident(corrected, inserted, second))
    assert notify(root, "2026-03-10T12:18:00Z") == 0
    assert len(http.to("/slack")) == 3
    retext = ("2026-03-10T12:04:00Z", "investigating", "We see errors on checkout.")
    renamed.write_text(incident(retext, inserted, second))
    capsys.readouterr()
    assert notify(root, "2026-03-10T12:19:00Z") == 0
    out = capsys.readouterr().out
    assert len(http.to("/slack")) == 3
    assert (
        "slack: 0 sent, 0 failed; 1 correction(s) of updates already sent, not sent again: "
        "2026-03-10-checkout-errors#update-20260310T120400Z" in out
    )
    assert notify(root, "2026-03-10T12:20:00Z") == 0  # reported once
    assert "correction" not in capsys.readouterr().out
    # A new update still goes out.
    resolved = ("2026-03-10T12:25:00Z", "resolved", "Fixed.")
    renamed.write_text(incident(retext, inserted, second, resolved))
    assert notify(root, "2026-03-10T12:26:00Z") == 0
    assert slack_texts(http)[-1] == "[Resolved] Checkout fails"
    assert len(http.to("/slack")) == 4


def test_a_record_of_the_previous_version_sends_nothing_again(
    tmp_path: Path, servers: Servers, capsys: pytest.CaptureFixture[str]
) -> None:
    """A version 1 record (keys: `<incident id>#<anchor>`), as the previous release wrote it."""
    http, smtp = servers
    root = site_with_channels(tmp_path / "site")
    first = ("2026-03-10T12:05:00Z", "investigating", "We see errors.")
    second = ("2026-03-10T12:10:00Z", "identified", "A bad deploy.")
    path = root / "incidents" / "2026-03-10-checkout.md"
    path.write_text(incident(first, second))
    ids = [
        "2026-03-10-checkout#update-20260310T120500Z",
        "2026-03-10-checkout#update-20260310T121000Z",
        "2026-03-10-slow-website#update-20260310T110000Z",
    ]
    names = [c for c in EVERY if c != "responders"] + ["responders"]
    version1 = {
        "version": 1,
        "about": "statusgen notify: SHA-256 hashes of what was sent; see docs/operators.md",
        "channels": {digest(name): "2026-03-10T11:00:00Z" for name in names},
        "entries": {digest(name, event): SENT for name in names for event in ids},
    }
    ledger = root / "ledger.json"
    ledger.write_text(json.dumps(version1, indent=0) + "\n")
    assert notify(root, "2026-03-10T12:15:00Z") == 0
    assert sum(counts(http, smtp).values()) == 0, capsys.readouterr().out
    assert json.loads(ledger.read_text())["version"] == 2
    # Migrated as met: a rename and an insert in the same second now work as for new records.
    path.rename(root / "incidents" / "2026-03-10-checkout-errors.md")
    assert notify(root, "2026-03-10T12:16:00Z") == 0
    assert sum(counts(http, smtp).values()) == 0
    inserted = ("2026-03-10T12:10:00Z", "identified", "Rolling back now.")
    (root / "incidents" / "2026-03-10-checkout-errors.md").write_text(
        incident(first, inserted, second)
    )
    assert notify(root, "2026-03-10T12:17:00Z") == 0
    assert counts(http, smtp) == dict.fromkeys(EVERY, 1)
    assert "Rolling back now." in http.to("/slack")[0].body.decode()


def test_a_refused_update_is_marked_failed_and_the_later_ones_go_through(
    tmp_path: Path, servers: Servers, capsys: pytest.CaptureFixture[str]
) -> None:
    http, smtp = servers
    root = site_with_channels(tmp_path / "site")
    assert notify(root, START) == 0
    phases = [(f"2026-03-10T12:0{n}:00Z", "investigating", f"Step {n}.") for n in range(1, 4)]
    (root / "incidents" / "2026-03-10-checkout.md").write_text(incident(*phases))
    http.plan("/slack", "400")  # the service refuses the first one for good
    capsys.readouterr()
    assert notify(root, "2026-03-10T12:30:00Z") == 3
    out = capsys.readouterr().out
    assert (
        "statusgen: slack: FAILED 2026-03-10-checkout#update-20260310T120100Z: HTTP 400, "
        "refused for good: recorded as failed, not tried again" in out
    )
    assert "slack: 2 sent, 1 failed" in out
    assert len(http.to("/slack")) == 3 and len(http.to("/discord")) == 3
    assert notify(root, "2026-03-10T12:31:00Z") == 0  # never tried again
    assert len(http.to("/slack")) == 3


@pytest.mark.parametrize(
    ("record", "fault"),
    [
        (
            lambda ledger: ledger["channels"].update(
                dict.fromkeys(ledger["channels"], "2999-01-01T00:00:00Z")
            ),
            "baseline 2999-01-01T00:00:00Z is after the run's time",
        ),
        (lambda ledger: ledger["entries"].update({"f" * 64: "delivered"}), "state 'delivered'"),
        (lambda ledger: ledger["entries"].update({"slack#x": "sent"}), "is not a SHA-256 hash"),
        (lambda ledger: ledger.update(version=3), "version 3; expected 1 or 2"),
        (lambda ledger: ledger.update(entries=[1]), "entries is not a mapping"),
        (lambda ledger: ledger["channels"].update({"a" * 64: 5}), "baseline 5 is not text"),
    ],
)
def test_a_forged_or_malformed_record_stops_the_run_with_what_is_wrong(
    tmp_path: Path,
    servers: Servers,
    capsys: pytest.CaptureFixture[str],
    record: Any,
    fault: str,
) -> None:
    http, smtp = servers
    root = site_with_channels(tmp_path / "site")
    assert notify(root, START) == 0
    path = root / "ledger.json"
    data = json.loads(path.read_text())
    record(data)
    path.write_text(json.dumps(data))
    before = path.read_bytes()
    (root / "incidents" / "2026-03-10-checkout.md").write_text(
        incident(("2026-03-10T12:05:00Z", "investigating", "We see errors."))
    )
    capsys.readouterr()
    assert notify(root, "2026-03-10T12:10:00Z") == 2
    err = capsys.readouterr().err
    assert f"{path}: " in err and fault in err and "refusing to send" in err, err
    assert "Traceback" not in err
    assert sum(counts(http, smtp).values()) == 0 and path.read_bytes() == before
    assert cli(root, "2026-03-10T12:10:00Z", "remind", "--ledger", str(path)) == 2
