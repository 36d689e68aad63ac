"""What is derived from the model's enums covers every member, so a new component status or
lifecycle state shows everywhere docs/architecture.md says, or fails here."""

from __future__ import annotations

import html
import json
from datetime import UTC, datetime, timedelta

import pytest
from models import maintenance, phase

from statusgen.derive.lifecycle import lifecycle_at, maintenance_status_at
from statusgen.model import (
    IMPACT_STATUS,
    MAINTENANCE_COMPONENT_STATUSES,
    MAINTENANCE_LIFECYCLE,
    ComponentStatus,
    Impact,
    Lifecycle,
    status_impact,
)
from statusgen.render.live import DURATION_WORDING, MAINTENANCE_SECTION_WORDING, lifecycle_config
from statusgen.render.locale import Translator
from statusgen.render.pages import LEGEND_STATUSES

LANGUAGES = ("en", "fr", "nl", "de")
T = datetime(2026, 11, 22, 14, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


def test_the_legend_lists_every_status_outages_by_severity_then_maintenance() -> None:
    assert LEGEND_STATUSES == [
        ComponentStatus.OPERATIONAL,
        ComponentStatus.DEGRADED_PERFORMANCE,
        ComponentStatus.PARTIAL_OUTAGE,
        ComponentStatus.MAJOR_OUTAGE,
        ComponentStatus.UNDER_MAINTENANCE,
    ]
    assert set(LEGEND_STATUSES) == set(ComponentStatus)
    assert LEGEND_STATUSES[-len(MAINTENANCE_COMPONENT_STATUSES) :] == list(
        MAINTENANCE_COMPONENT_STATUSES
    )


def test_every_status_has_an_impact() -> None:
    for impact, status in IMPACT_STATUS.items():
        assert status_impact(status) is impact
    assert status_impact(ComponentStatus.OPERATIONAL) is Impact.NONE
    assert status_impact(ComponentStatus.UNDER_MAINTENANCE) is Impact.NONE


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_status_and_state_has_its_words(language: str) -> None:
    t = Translator(language)
    keys = [
        *(f"status.{s.value}" for s in ComponentStatus),
        *(f"history.state_{s.value}" for s in Lifecycle if not s.is_over),
        *DURATION_WORDING.values(),
        *MAINTENANCE_SECTION_WORDING.values(),
    ]
    assert [k for k in keys if t(k) == k] == []
    # Every state but the one before a maintenance's window words a duration.
    assert set(DURATION_WORDING) == set(Lifecycle) - {MAINTENANCE_LIFECYCLE[0]}
    assert set(MAINTENANCE_SECTION_WORDING) == set(MAINTENANCE_LIFECYCLE)


def test_the_scripts_lifecycle_is_the_models() -> None:
    """statusgen.js moves a maintenance through `maintenance` by its window, and shows the first
    fitting phase label: what `lifecycle_at` and the API's `maintenance_status_at` say."""
    config = json.loads(html.unescape(str(lifecycle_config(Translator("en")))))
    item = maintenance(
        "m", T.isoformat(), (T + 2 * HOUR).isoformat(), phase((T - HOUR).isoformat(), "scheduled")
    )
    moments = (T - HOUR / 2, T + HOUR, T + 3 * HOUR)  # before, during, after the window
    assert config["maintenance"] == [lifecycle_at(item, m).value for m in moments]
    for moment in moments:
        state = lifecycle_at(item, moment).value
        assert config["phases"][state][0] == maintenance_status_at(item, moment).value
        assert config["labels"][config["phases"][state][0]] == Translator("en")(
            "phase." + config["phases"][state][0]
        )
    assert "open" not in config  # the stale notice no longer depends on what is open
    assert config["active"] == [s.value for s in Lifecycle if s.is_active]
    assert config["durations"]["resolved"] == "Resolved after {duration}"
