"""Notify settings mistakes come in one round, a line each, and never echo a secret."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config.base import ValidationError
from sitebuild import fixture_site

from statusgen.cli import main
from statusgen.options.notify import parse_channels
from statusgen.plugin.config import Checked

CHANNELS = """
      notify:
        - type: slak
          url: https://hooks.slack.test/T0/B0/SECRET
        - type: webhook
          secret: abc
        - type: slack
          url: https://hooks.slack.test/T1/B1/SECRET
          min_impact: huge
"""


def test_a_missing_address_is_named_with_the_other_mistakes() -> None:
    value = [{"type": "webhook", "secret": "abc"}, {"type": "slack", "min_impact": "huge"}]
    _, problems = parse_channels(value)
    assert [text for _, text in problems] == [
        "notify[0]: url is missing; expected a URL (from !ENV)",
        "notify[1]: url is missing; expected a URL (from !ENV)",
        "notify[1]: min_impact 'huge'; expected none, minor, major or critical",
    ]


def test_an_unset_variable_is_not_a_mistake() -> None:
    """MkDocs reads an unset `!ENV` as null: the channel is skipped when sending."""
    channels, problems = parse_channels([{"type": "slack", "url": None}])
    assert not problems and channels[0].missing == ("url (empty)",)


def test_the_command_line_prints_every_mistake_on_its_own_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = fixture_site(tmp_path)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("timezone: UTC\n", "timezone: UTC" + CHANNELS))
    assert main(["-C", str(root), "check"]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert [line.split(": statusgen option ")[1] for line in lines] == [
        "notify[0]: type 'slak' is unknown; expected one of slack, mattermost, teams, discord, "
        "webhook, email",
        "notify[1]: url is missing; expected a URL (from !ENV)",
        "notify[2]: min_impact 'huge'; expected none, minor, major or critical",
    ]
    assert all(line.startswith(f"statusgen: {config}:") for line in lines)
    assert "SECRET" not in "".join(lines)


def test_the_build_names_every_mistake_without_the_secret() -> None:
    value = [{"type": "slack", "url": "https://hooks.slack.test/SECRET", "min_impact": "x"}]
    with pytest.raises(ValidationError) as raised:
        Checked("notify").run_validation(value)
    assert "min_impact 'x'" in str(raised.value) and "SECRET" not in str(raised.value)
