"""`opened_by: alert` and `alert: {key, digest}` in an incident file: read back as written, and
each mistake named at its line; the digest follows the updates, so any change to them shows."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from models import catalog, component

from statusgen.cli import main
from statusgen.content import parse_incident
from statusgen.content.alertfields import set_alert_digest, updates_digest
from statusgen.content.writing import render_new_file
from statusgen.model import (
    AlertMark,
    ComponentStatus,
    Impact,
    Phase,
    PhaseStatus,
)
from statusgen.problems import Problem

AT = datetime(2026, 11, 23, 11, 0, tzinfo=UTC)
PHASE = Phase(at=AT, status=PhaseStatus.INVESTIGATING, message="We are investigating.")
DIGEST = updates_digest((PHASE,))
FILE = (
    "---\ntitle: X\nimpact: major\n{marks}components: {{api: partial_outage}}\n"
    "phases:\n  - at: 2026-11-23T11:00:00Z\n    status: investigating\n"
    "    message: We are investigating.\n---\n"
)


def check(tmp_path: Path, capsys: pytest.CaptureFixture[str], marks: str) -> tuple[int, str]:
    (tmp_path / "components.yml").write_text(
        "groups:\n  - name: Core\n    components:\n      - id: api\n        name: API\n"
    )
    (tmp_path / "incidents").mkdir(exist_ok=True)
    (tmp_path / "incidents" / "2026-11-23-x.md").write_text(FILE.format(marks=marks))
    code = main(["-C", str(tmp_path), "--now", "2026-11-23T12:00:00Z", "check"])
    return code, capsys.readouterr().err


def test_a_file_the_alert_wrote_reads_back_with_its_key_and_a_matching_digest() -> None:
    components = catalog(component("api"))
    text = render_new_file(
        "X",
        Impact.MAJOR,
        {"api": ComponentStatus.PARTIAL_OUTAGE},
        PHASE,
        alert=AlertMark("pagerduty:PGR0VU2", ""),
    )
    assert 'opened_by: alert\nalert:\n  key: "pagerduty:PGR0VU2"\n' in text
    problems: list[Problem] = []
    incident = parse_incident(text, "x", "x.md", components, AT, problems)
    assert problems == [] and incident is not None
    assert incident.alert == AlertMark("pagerduty:PGR0VU2", DIGEST)
    assert not incident.opened_by_monitor


def test_the_digest_changes_with_any_change_to_the_updates() -> None:
    assert updates_digest((replace(PHASE, message="We are looking into it."),)) != DIGEST
    assert updates_digest((replace(PHASE, status=PhaseStatus.IDENTIFIED),)) != DIGEST
    assert updates_digest((PHASE, PHASE)) != DIGEST
    assert updates_digest((replace(PHASE, line=9),)) == DIGEST  # where it is is not what it says


def test_set_alert_digest_replaces_the_one_line_or_refuses() -> None:
    text = FILE.format(marks=f"opened_by: alert\nalert:\n  key: a:b\n  digest: {DIGEST}\n")
    assert set_alert_digest(text, "0" * 64) == text.replace(DIGEST, "0" * 64)
    with pytest.raises(ValueError, match="found 0"):
        set_alert_digest(FILE.format(marks=""), "0" * 64)


@pytest.mark.parametrize(
    ("marks", "expected"),
    [
        (
            "opened_by: alert\n",
            "x.md:4: opened_by: alert without `alert:`; expected alert: {key: ..., digest: ...}",
        ),
        (
            f"alert: {{key: 'a:b', digest: {DIGEST}}}\n",
            "x.md:4: 'alert' without opened_by: alert; expected both or neither",
        ),
        (
            f"opened_by: alert\nalert: {{key: 'a b', digest: {DIGEST}}}\n",
            "x.md:5: alert key is 'a b'; expected <format>:<id> (letters, digits and ._:@+- "
            "only, at most 200)",
        ),
        (
            "opened_by: alert\nalert: {key: 'a:b', digest: abc}\n",
            "x.md:5: alert digest is 'abc'; expected 64 hexadecimal digits",
        ),
        (
            "opened_by: alert\nalert: {key: 'a:b'}\n",
            "x.md:5: alert has no 'digest'; expected 64 hexadecimal digits",
        ),
    ],
)
def test_each_mistake_in_the_alert_marks_is_named_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], marks: str, expected: str
) -> None:
    code, err = check(tmp_path, capsys, marks)
    assert code == 1
    assert expected in err
