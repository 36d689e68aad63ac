"""Files made together, held only until each is taken.

Some files come from one piece of work: a feed's RSS and Atom documents (the same entries),
every report's CSV files, the API's documents. Made once, when the first is asked for, each is
let go once taken, so none stays in memory after MkDocs has written it (kept whole for the
build, the feeds alone held 3 MB at 1,000 incidents). A part asked for again (another plugin
reading a written file) makes the bundle again: the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class Bundle(Generic[K, V]):
    """Parts made together by `make`, each handed out once (`take`), then let go."""

    def __init__(self, make: Callable[[], Mapping[K, V]]) -> None:
        self._make = make
        self._left: dict[K, V] = {}

    def take(self, key: K) -> V:
        """The part `key`: made with the others when it is not waiting, then let go."""
        if key not in self._left:
            self._left = dict(self._make())
        return self._left.pop(key)
