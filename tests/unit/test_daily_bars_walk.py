"""daily_bars walks a timeline in time order once (derive/uptime.py): its days equal those of
the plain search of every segment for every day, which it keeps for any other list, on seeded
random timelines across days, midnights, a DST change and `since`."""

from __future__ import annotations

import random
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from moments import NOW

from statusgen.derive.timeline import Span, build_timeline
from statusgen.derive.uptime import FULL_UPTIME, daily_bars
from statusgen.model import ComponentStatus

STATUSES = [s for s in ComponentStatus if s is not ComponentStatus.OPERATIONAL]


def random_spans(seed: int) -> list[Span]:
    rng = random.Random(seed)
    spans = []
    for number in range(rng.randrange(0, 40)):
        start = NOW - timedelta(minutes=rng.randrange(0, 60 * 24 * 120))
        length = timedelta(minutes=rng.choice([1, 30, 600, 60 * 30, 60 * 24 * 5]))
        spans.append(Span(start, start + length, rng.choice(STATUSES), f"i{number}"))
    return spans


@pytest.mark.parametrize("seed", range(40))
@pytest.mark.parametrize("zone", ["UTC", "Europe/Amsterdam", "Pacific/Chatham"])
def test_the_walk_gives_the_days_the_search_gives(seed: int, zone: str) -> None:
    timeline = build_timeline(random_spans(seed))
    since = NOW - timedelta(days=seed) if seed % 3 == 0 else None
    walked = daily_bars(timeline, NOW, 100, since, ZoneInfo(zone))
    # Reversed, the list is out of time order: daily_bars searches it day by day.
    searched = daily_bars(list(reversed(timeline)), NOW, 100, since, ZoneInfo(zone))
    assert walked == searched
    if since is None and len(timeline) > 1:
        assert any(bar.incident_ids for bar in walked)


def test_a_day_without_downtime_is_whole() -> None:
    bars = daily_bars([], NOW, 3)
    assert [(b.uptime, b.worst, b.incident_ids, b.status_time) for b in bars] == [
        (FULL_UPTIME, ComponentStatus.OPERATIONAL, (), ())
    ] * 3
