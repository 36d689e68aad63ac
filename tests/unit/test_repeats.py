"""What repeats within a build is rendered once (render/repeats.py), and every page is still
exactly what rendering it alone gives: rows at every depth (year, month and component pages),
the component pages' bars and calendar."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sitebuild import FIXTURE_BUILT, fixture_site
from siteoutputs import render_folder

from statusgen.render import pages as page_module
from statusgen.render.pages import generated_pages


@pytest.mark.parametrize("order", ["build", "reversed"])
def test_pages_rendered_in_one_build_equal_pages_rendered_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, order: str
) -> None:
    # Month pages for every year: rows three folders deep as well as two (year, component).
    monkeypatch.setattr(page_module, "YEAR_PAGE_INCIDENTS", 0)
    build = render_folder(fixture_site(tmp_path), FIXTURE_BUILT)
    pages = generated_pages(build.snapshot, build.settings.t)
    if order == "reversed":
        pages.reverse()
    shared = build.renderer()
    together = {page.src: shared.render(page) for page in pages}
    alone = {page.src: build.renderer().render(page) for page in pages}
    assert together == alone
    # The fixture lists an incident on its month page and on a component page, linked from
    # each as that page is deep; the component pages have bars and a calendar.
    months = [src for src in together if re.fullmatch(r"history/\d{4}/\d\d\.md", src)]
    components = [src for src in together if re.fullmatch(r"components/[^/]+\.md", src)]
    assert months and components
    month_links = {h for src in months for h in re.findall(r'href="([^"]+)"', together[src])}
    component_links = {
        h for src in components for h in re.findall(r'href="([^"]+)"', together[src])
    }
    assert {h for h in month_links if h.startswith("../../../incidents/")}
    assert {h for h in component_links if h.startswith("../../incidents/")}
    assert not {h for h in component_links if h.startswith("../../../incidents/")}
    assert any("sg-cal" in together[src] for src in components)


def test_a_rows_html_is_kept_only_for_incidents_listed_twice(tmp_path: Path) -> None:
    build = render_folder(fixture_site(tmp_path), FIXTURE_BUILT)
    renderer = build.renderer()
    for page in generated_pages(build.snapshot, build.settings.t):
        renderer.render(page)
    kept = {incident_id for incident_id, _ in renderer._repeats._rows}
    listed = {
        i
        for component in build.snapshot.components.values()
        for i in component.incident_ids[: page_module.COMPONENT_INCIDENTS]
    }
    assert kept and kept <= listed


def test_a_calendar_week_is_rendered_once_for_every_component(tmp_path: Path) -> None:
    build = render_folder(fixture_site(tmp_path), FIXTURE_BUILT)
    renderer = build.renderer()
    components = [
        page
        for page in generated_pages(build.snapshot, build.settings.t)
        if re.fullmatch(r"components/[^/]+\.md", page.src)
    ]
    bodies = [renderer.render(page) for page in components]
    weeks = [week for body in bodies for week in re.findall(r"<tr><td.*?</tr>", body)]
    kept = renderer._repeats._weeks
    assert len(components) > 1 and len(weeks) > len(kept) > 0
    assert set(weeks) == {str(html) for html in kept.values()}
