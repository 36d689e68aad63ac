"""tests/longfirst.py: the long tests start first, dealt to the two halves that pytest-xdist's
`worksteal` scheduler gives its two workers, each module's tests together and in order."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import pytest
from longfirst import long_first


@dataclass
class Item:
    """What long_first reads of a pytest item: its file and its `long` marker."""

    name: str
    path: Path
    long: float | None = None
    marks: list[pytest.Mark] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.long is not None:
            self.marks.append(pytest.mark.long(seconds=self.long).mark)

    def get_closest_marker(self, name: str) -> pytest.Mark | None:
        return next((mark for mark in self.marks if mark.name == name), None)


def order(items: list[Item]) -> list[str]:
    return [item.name for item in long_first(cast(Any, items))]


def suite() -> list[Item]:
    short = [Item(f"s{n}", Path(f"test_short{n % 3}.py")) for n in range(12)]
    return [
        *short[:4],
        Item("gitops-a", Path("test_gitops.py"), 12),
        Item("gitops-b", Path("test_gitops.py")),  # between two long tests of its module
        Item("gitops-c", Path("test_gitops.py"), 12),
        *short[4:8],
        Item("release", Path("test_release.py"), 20),
        Item("docs", Path("test_docs.py"), 8),
        *short[8:],
    ]


def test_each_half_starts_with_long_tests_of_about_equal_weight() -> None:
    items = suite()
    ordered = order(items)
    half = len(items) // 2  # what worksteal's first worker gets
    # Longest module first (gitops, 24 s), then each to the lighter half: release (20 s) to the
    # second, docs (8 s) to the second too (20 < 24).
    assert ordered[:2] == ["gitops-a", "gitops-c"]
    assert ordered[half : half + 2] == ["release", "docs"]
    assert sorted(ordered) == sorted(item.name for item in items)  # nothing lost or doubled


def test_short_tests_keep_their_order_behind_the_long_ones() -> None:
    ordered = order(suite())
    short = [name for name in ordered if name.startswith("s") or name == "gitops-b"]
    assert short == ["s0", "s1", "s2", "s3", "gitops-b", *(f"s{n}" for n in range(4, 12))]


def test_without_long_tests_nothing_moves() -> None:
    items = [Item(f"s{n}", Path("test_x.py")) for n in range(5)]
    assert order(items) == [f"s{n}" for n in range(5)]
