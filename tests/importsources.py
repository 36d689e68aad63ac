"""Shared by the import's hostile-source tests: copies of the fixtures to spoil, and the
reader's answer."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from statusgen.importers import reader
from statusgen.importers.records import Batch, SourceError

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "import"
NOW = datetime(2026, 11, 23, 12, tzinfo=UTC)
#: 486 bytes that PyYAML's safe_load expands into 9**6 strings.
LAUGHS = "\n".join(
    [
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
        *(
            f"{name}: &{name} [{', '.join([f'*{before}'] * 9)}]"
            for before, name in zip("abcde", "bcdef", strict=True)
        ),
        "title: *f",
    ]
)
ALIASES = "YAML anchors and aliases (&name, *name) are not allowed"


def source(tmp_path: Path, fmt: str) -> Path:
    """A copy of the format's fixture to spoil."""
    copy = tmp_path / fmt
    shutil.copytree(FIXTURES / fmt, copy)
    return copy


def refused(fmt: str, folder: Path) -> str:
    """The reader's error for the folder (the test fails if it reads it)."""
    with pytest.raises(SourceError) as error:
        reader(fmt)(folder, NOW)
    return str(error.value)


def read(fmt: str, folder: Path) -> Batch:
    """What the reader makes of the folder."""
    return reader(fmt)(folder, NOW)


def edit_json(path: Path, change: Callable[[Any], None]) -> None:
    """Change a JSON file's data in place."""
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")


def replace(path: Path, old: str, new: str) -> None:
    """Replace the first `old` of a text file (which must hold it)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
