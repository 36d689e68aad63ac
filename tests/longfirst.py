"""The longest tests start first, half of them on each pytest-xdist worker.

`make test` runs pytest-xdist's `worksteal` scheduler on two workers: it gives the first worker
the first half of the collected tests and the second worker the other half, and a worker that
runs out of tests takes the last tests queued on the other. A test of a minute that happens to
start last keeps one worker busy for that minute while the other waits. So the tests marked
`long` (`@pytest.mark.long(seconds=N)`, N their CPU seconds measured alone) move to the front
of the two halves: their modules are dealt, longest first, to the half with less work, each
module's tests kept together and in order (they share module fixtures: a clone, a
virtualenv). What stays at the back of each half is the short tests that the other worker can
take. Without xdist the order changes nothing but the order.
"""

from __future__ import annotations

from pathlib import Path

import pytest

#: The weight of a `long` test whose marker gives no seconds.
DEFAULT_SECONDS = 30.0


def seconds(item: pytest.Item) -> float:
    """A test's measured CPU seconds: its `long` marker's, or 0 for a test not marked long."""
    marker = item.get_closest_marker("long")
    if marker is None:
        return 0.0
    return float(marker.kwargs.get("seconds", DEFAULT_SECONDS))


def long_first(items: list[pytest.Item]) -> list[pytest.Item]:
    """`items` with the long tests at the front of each half (the module's docstring)."""
    modules: dict[Path, list[pytest.Item]] = {}
    for item in items:
        if seconds(item):
            modules.setdefault(item.path, []).append(item)
    if not modules:
        return items
    halves: tuple[list[pytest.Item], list[pytest.Item]] = ([], [])
    load = [0.0, 0.0]
    for group in sorted(modules.values(), key=lambda g: -sum(map(seconds, g))):
        lighter = load.index(min(load))
        halves[lighter].extend(group)
        load[lighter] += sum(map(seconds, group))
    moved = {id(item) for half in halves for item in half}
    short = [item for item in items if id(item) not in moved]
    first = max(0, len(items) // 2 - len(halves[0]))
    return [*halves[0], *short[:first], *halves[1], *short[first:]]


class LongFirst:
    """The plugin: reorders after every other hook has selected and marked the tests."""

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        items[:] = long_first(items)
