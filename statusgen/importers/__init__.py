"""`statusgen import`: other status pages' content as statusgen's components.yml and incidents.

One module per source reads its format into the neutral records of `records`; `normalize`
repairs what statusgen would refuse (every repair reported); `writer` and `catalog` write the
files; `run` checks them as `statusgen check` does before and after writing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from importlib import import_module
from pathlib import Path

from statusgen.importers.records import Batch, SourceError

#: Every source format, by the name `statusgen import` takes.
FORMAT_NAMES = ("cstate", "statusfy", "statuspage", "upptime")


def reader(name: str) -> Callable[[Path, datetime], Batch]:
    """The function that reads a source of this format (a file or folder, and the import's
    time, for what the source dates after it). Imported on use: the command line's parser
    names the formats without loading them."""
    reader: Callable[[Path, datetime], Batch] = getattr(
        import_module(f"statusgen.importers.{name}"), f"read_{name}"
    )
    return reader


__all__ = ["FORMAT_NAMES", "Batch", "SourceError", "reader"]
