"""`statusgen check` makes a page once where both audiences see the same site (the pages read
the snapshot, never the audience), and once per audience where they may differ; a page that
fails is still reported for both audiences."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from checkruns import check, check_in_full  # noqa: F401 (a fixture)
from sitebuild import fixture_site

from statusgen.render.pages import GeneratedPage, PageRenderer

pytestmark = pytest.mark.usefixtures("check_in_full")
INTERNAL_INCIDENT = """---
title: Build farm slow
impact: minor
audience: internal
components: {api: degraded_performance}
phases:
  - at: 2026-03-08T10:00:00Z
    status: investigating
    message: Builds queue.
  - at: 2026-03-08T11:00:00Z
    status: resolved
    message: Fixed.
---
"""
OVERVIEW = "index.md"


@pytest.fixture
def made(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How many times each page is made (by its source path)."""
    counts: Counter[str] = Counter()
    render = PageRenderer.render

    def counted(self: PageRenderer, page: GeneratedPage) -> str:
        counts[page.src] += 1
        return render(self, page)

    monkeypatch.setattr(PageRenderer, "render", counted)
    return counts


def test_a_site_with_nothing_internal_makes_each_page_once(
    tmp_path: Path, made: Counter[str]
) -> None:
    code, output = check(fixture_site(tmp_path / "src"))
    assert code == 0, output
    assert OVERVIEW in made and len(made) > 10
    assert set(made.values()) == {1}


def test_a_site_with_something_internal_makes_every_other_page_for_each_audience(
    tmp_path: Path, made: Counter[str]
) -> None:
    root = fixture_site(
        tmp_path / "src", incidents={"incidents/2026-03-08-builds.md": INTERNAL_INCIDENT}
    )
    code, output = check(root)
    assert code == 0, output
    assert made[OVERVIEW] == 2
    assert made["incidents/2026-03-08-builds.md"] == 1, "internal only: one audience sees it"
    assert made["incidents/2026-03-09-api-errors.md"] == 1, "the same view: made once"


def test_a_page_that_fails_is_reported_for_both_audiences(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    render = PageRenderer.render

    def failing(self: PageRenderer, page: GeneratedPage) -> str:
        if page.src == OVERVIEW:
            raise RuntimeError("overview broke")
        return render(self, page)

    monkeypatch.setattr(PageRenderer, "render", failing)
    code, output = check(fixture_site(tmp_path / "src"))
    assert code == 1
    for audience in ("public", "internal"):
        assert f"the {audience} site's page index.html cannot be rendered" in output, output
