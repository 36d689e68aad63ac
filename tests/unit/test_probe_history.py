"""The probe history (`content/probehistory.py`): raw for 24 hours, then folded into days,
bounded, deterministic, and read back with clear errors. Every clock here is pinned."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from fractions import Fraction
from itertools import repeat
from pathlib import Path

import pytest

from statusgen.content.probehistory import (
    DAYS_KEPT,
    Day,
    HistoryError,
    Probe,
    ProbeHistory,
    availability,
    load_history,
    parse_history,
    save_history,
)

START = datetime(2026, 1, 1, tzinfo=UTC)
FIVE_MINUTES = timedelta(minutes=5)


#: Response times from 40 ms to 2.5 s, and about one failure in fifty, drawn once.
_CHANCE = random.Random(23)
SAMPLES = [(_CHANCE.random() > 0.02, _CHANCE.randint(40, 2500)) for _ in range(4999)]
#: SAMPLES' columns, twice over: any run of up to len(SAMPLES) samples from any place, as a
#: slice (`probes_of` makes 5 million probes for the year below).
PASSED = [passed for passed, _ in SAMPLES] * 2
MS = [ms for _, ms in SAMPLES] * 2


def probes_of(
    components: list[str], start: datetime, count: int, seed: int
) -> dict[str, list[Probe]]:
    """`count` 5-minute probes of each component from `start`, varied by `seed`: component
    k's n-th probe has sample (seed * 977 + k * 131 + n) mod len(SAMPLES). The probes are made
    by `tuple.__new__` over slices, all in C: Probe(at, passed, ms) each, without a Python call
    per probe."""
    assert count <= len(SAMPLES)
    times = [start + FIVE_MINUTES * n for n in range(count)]
    made = {}
    for k, cid in enumerate(components):
        first = (seed * 977 + k * 131) % len(SAMPLES)
        columns = zip(times, PASSED[first : first + count], MS[first : first + count], strict=True)
        made[cid] = list(map(tuple.__new__, repeat(Probe), columns))
    return made


@pytest.mark.long(seconds=4)  # 5 million probes made and appended day by day
def test_a_year_of_five_minute_probes_of_fifty_components_stays_under_5_mb(
    tmp_path: Path,
) -> None:
    """Appended a day at a time: the file is the same whether probes come run by run or in
    batches (`test_appending_per_run_or_in_batches_gives_the_same_bytes`), and each append
    compacts every component, which hourly appends did 24 times as often for the same file."""
    components = [f"component-{n:02d}" for n in range(50)]
    history = ProbeHistory()
    days = 365
    per_day = 24 * 12
    for day in range(days):  # every probe of the day, appended at its last probe's time
        start = START + timedelta(days=day)
        batch = probes_of(components, start, per_day, seed=day)
        history.append(batch, start + (per_day - 1) * FIVE_MINUTES)
    now = START + timedelta(days=days) - FIVE_MINUTES
    path = tmp_path / "probe-history.json"
    save_history(path, history)
    size = path.stat().st_size
    assert size < 5 * 1024 * 1024, f"{size} bytes"
    one = history.components["component-00"]
    assert len(one.recent) == 24 * 12  # the last 24 hours raw
    assert all(now - p.at < timedelta(hours=24) for p in one.recent)
    assert len(one.days) == 364  # every whole day before today, folded
    assert all(row.checks == 288 for row in one.days.values())
    # Read back, it is the same history, written as the same bytes.
    assert load_history(path).text() == path.read_text()


def test_appending_per_run_or_in_batches_gives_the_same_bytes() -> None:
    components = ["api", "web"]
    per_run, batched = ProbeHistory(), ProbeHistory()
    everything = probes_of(components, START, 2 * 288 + 30, seed=7)
    for n in range(2 * 288 + 30):
        at = START + FIVE_MINUTES * n
        per_run.append({cid: [everything[cid][n]] for cid in components}, at)
    batched.append(everything, START + FIVE_MINUTES * (2 * 288 + 29))
    assert per_run.text() == batched.text()
    assert sorted(per_run.components["api"].days) == [date(2026, 1, 1), date(2026, 1, 2)]


def test_a_day_is_folded_from_all_its_probes_even_when_the_next_run_is_late() -> None:
    history = ProbeHistory()
    day = [
        Probe(START + timedelta(hours=h), passed, ms)
        for h, passed, ms in [(0, True, 100), (6, True, 300), (12, False, 9000), (23, True, 200)]
    ]
    for probe in day:
        history.append({"api": [probe]}, probe.at)
    late = START + timedelta(days=1, hours=5)  # more than 24 hours after the day's first probe
    history.append({"api": [Probe(late, True, 50)]}, late)
    api = history.components["api"]
    assert api.days == {date(2026, 1, 1): Day(date(2026, 1, 1), 4, 1, 200, 300)}
    kept = [START + timedelta(hours=h) for h in (6, 12, 23)] + [late]
    assert [p.at for p in api.recent] == kept  # the day's first probe is older than 24 hours
    # Today's row comes from the raw probes; availability counts every probe.
    rows = history.daily("api", late)
    assert rows[date(2026, 1, 2)] == Day(date(2026, 1, 2), 1, 0, 50, 50)
    assert availability(rows.values()) == Fraction(400, 5)
    assert availability([]) is None


def test_a_day_of_failures_has_no_response_times() -> None:
    history = ProbeHistory()
    history.append({"api": [Probe(START, False, 10000)]}, START)
    history.compact(START + timedelta(days=2))
    assert history.components["api"].days[START.date()] == Day(START.date(), 1, 1, None, None)
    assert '["2026-01-01", 1, 1, null, null]' in history.text()


def test_old_days_and_components_are_dropped() -> None:
    history = ProbeHistory()
    history.append({"gone": [Probe(START, True, 10)], "api": [Probe(START, True, 10)]}, START)
    later = START + timedelta(days=DAYS_KEPT - 1)
    history.append({"api": [Probe(later, True, 20)]}, later)
    assert set(history.components) == {"api", "gone"}
    history.compact(START + timedelta(days=DAYS_KEPT + 1))
    assert set(history.components) == {"api"}  # only its later probe is left
    assert list(history.components["api"].days) == [later.date()]


def test_merging_two_runs_keeps_both_and_is_the_same_either_way() -> None:
    one, two = ProbeHistory(), ProbeHistory()
    both = Probe(START, True, 10)
    one.append({"api": [both, Probe(START + FIVE_MINUTES, True, 20)]}, START + FIVE_MINUTES)
    two.append({"api": [both], "web": [Probe(START, False, 30)]}, START)
    now = START + FIVE_MINUTES
    merged_one, merged_two = parse_history(one.text(), "a"), parse_history(two.text(), "b")
    merged_one.merge(two, now)
    merged_two.merge(one, now)
    assert merged_one.text() == merged_two.text()
    assert len(merged_one.components["api"].recent) == 2
    assert set(merged_one.components) == {"api", "web"}


def test_a_missing_file_is_no_data(tmp_path: Path) -> None:
    history = load_history(tmp_path / "none.json")
    assert not history
    assert history.text() == (
        '{\n  "version": 1,\n  "about": "statusgen probe history: see docs/operators.md '
        '(Monitors, probe history)",\n  "components": {}\n}\n'
    )


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ('{"version": 1,\n "components": [', r"h\.json:2: not JSON"),
        ('{"version": 9, "components": {}}', "expected an object with version 1"),
        ('{"version": 1, "components": []}', "components is not an object"),
        (
            '{"version": 1, "components": {"api": {"days": [["2026-13-01", 1, 0, 1, 1]], '
            '"recent": []}}}',
            r"components\.api\.days\[0\]: \[\"2026-13-01\".*expected \[day, checks",
        ),
        (
            '{"version": 1, "components": {"api": {"days": [["2026-01-01", 1, 2, 1, 1]], '
            '"recent": []}}}',
            r"days\[0\].*expected \[day, checks, failures",
        ),
        (
            '{"version": 1, "components": {"api": {"days": [], '
            '"recent": [["2026-01-01T00:00:00", 1, 5]]}}}',
            r"recent\[0\].*expected \[a UTC time",
        ),
        (
            '{"version": 1, "components": {"api": {"days": []}}}',
            r"components\.api\.recent: expected a list of rows",
        ),
    ],
)
def test_a_damaged_file_is_an_error_naming_the_file_and_what_was_expected(
    tmp_path: Path, text: str, said: str
) -> None:
    path = tmp_path / "h.json"
    path.write_text(text)
    with pytest.raises(HistoryError, match=said) as raised:
        load_history(path)
    assert str(path) in str(raised.value)
