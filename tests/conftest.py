"""Markers from folders: tests/unit -> unit, tests/integration -> integration, tests/browser ->
browser, so `pytest -m "not browser"` or `pytest tests/unit` select what they say."""

from __future__ import annotations

from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
FOLDER_MARKERS = {"unit": pytest.mark.unit, "integration": pytest.mark.integration}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test with its folder's marker (browser tests mark themselves)."""
    for item in items:
        folder = Path(str(item.path)).resolve().relative_to(HERE).parts[0]
        if folder in FOLDER_MARKERS:
            item.add_marker(FOLDER_MARKERS[folder])
