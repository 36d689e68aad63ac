"""What a build holds while it writes its pages, kept out of Python's cycle collector.

By the time MkDocs writes its first page, the build holds everything it derived once: the
site, each language's snapshot and plan, MkDocs' files, navigation and pages. They live until
the build ends, yet every full collection of the cycle collector walks them all again, and the
pages' work sets off several: a site in three languages holds about three times the objects
and walks them about three times as often, so the walks grew with the square of the languages
(0.42 CPU s of a 1,000-incident build in three languages, 0.12 in one). `gc.freeze()` moves
what exists after `on_config` (the site) and at `on_env` (the plans and pages) to the
collector's permanent generation: still freed by reference counting, only not walked for
cycles. `thaw` puts it back when the build ends or fails, so a cycle among them is collected
then and `mkdocs serve`'s next build starts from an ordinary heap. Nothing a page shows
depends on it.
"""

from __future__ import annotations

import gc
from typing import TypeVar

T = TypeVar("T")


class FrozenHeap:
    """The objects frozen by one build, if any (the process's other freezes are left)."""

    def __init__(self) -> None:
        self.frozen_here = False

    def freeze(self) -> None:
        """What the build holds now out of the collector's walks; again later for what was
        made since. Only when nothing else froze objects (an embedding program's own freeze
        is left to it)."""
        if not self.frozen_here and gc.get_freeze_count():
            return
        gc.freeze()
        self.frozen_here = True

    def frozen(self, value: T) -> T:
        """`freeze`, then `value` (what the MkDocs event returns)."""
        self.freeze()
        return value

    def thaw(self) -> None:
        """The build ended (or failed): its objects back in the collector's care."""
        if self.frozen_here:
            gc.unfreeze()
            self.frozen_here = False
