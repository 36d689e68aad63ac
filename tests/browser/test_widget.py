"""The status widget (widget.js) as another site embeds it: a plain page on another origin
loads the script from the status site's server and shows what summary.json says, follows it
when it changes, and passes axe."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest

#: A page of another site that embeds the widget, as the Subscribe page's snippet says.
EMBEDDING_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Acme app</title></head>
<body><main><h1>Acme app</h1>
<div data-statusgen-widget {options}></div>
<script src="{status_site}/widget.js" async></script>
</main></body></html>
"""


@pytest.fixture
def status_site(site_dir: Path, tmp_path: Path, serve: Any) -> Iterator[tuple[Path, str]]:
    """A copy of the built example (its summary.json is replaced by tests), served to every
    origin as GitHub Pages serves it."""
    copy = tmp_path / "status"
    shutil.copytree(site_dir, copy)
    with serve(copy, cors=True) as url:
        yield copy, url


@pytest.fixture
def embed(
    tmp_path: Path, browsing: Any, status_site: tuple[Path, str], serve: Any
) -> Iterator[Callable[..., Any]]:
    """Opens a page of another origin (its own server) that embeds the status site's widget."""
    _, status_url = status_site
    other = tmp_path / "other"
    other.mkdir()
    with ExitStack() as servers:
        host = servers.enter_context(serve(other))

        def open_page(options: str = "", scheme: str = "light") -> Any:
            (other / "index.html").write_text(
                EMBEDDING_PAGE.format(options=options, status_site=status_url), encoding="utf-8"
            )
            page = browsing.open("/", base=host, scheme=scheme)
            page.locator("[data-statusgen-widget] [role=status]").filter(
                has_not_text="Loading"
            ).wait_for()
            return page

        yield open_page


def replace_summary(site: Path, change: Callable[[dict[str, Any]], None]) -> None:
    """Rewrite the served summary.json; its time moves on, so a revalidating reader sees it."""
    path = site / "api" / "v2" / "summary.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    stat = path.stat()
    path.write_text(json.dumps(data), encoding="utf-8")
    os.utime(path, (stat.st_atime + 10, stat.st_mtime + 10))


def widget_text(page: Any) -> tuple[str, list[str]]:
    """The widget's status words and its list's lines."""
    root = page.locator("[data-statusgen-widget]")
    return (
        root.locator("[role=status]").inner_text(),
        root.locator("li").all_inner_texts(),
    )


def test_widget_on_another_origin_shows_state_and_follows_changes(
    embed: Callable[..., Any],
    status_site: tuple[Path, str],
    browsing: Any,
    run_axe: Callable[[Any], list[dict[str, Any]]],
) -> None:
    site, status_url = status_site
    page = embed()
    assert not page.url.startswith(status_url)  # another origin: the read crosses origins
    status, items = widget_text(page)
    assert status == "Minor service outage"
    assert items == ["Incident · Monitoring: Transactional emails delayed"]
    link = page.locator("[data-statusgen-widget] li a")
    assert link.get_attribute("href") == (
        "https://status.example.com/incidents/2026-11-23-email-delivery-delays/"
    )
    home = page.get_by_role("link", name="View the status page")
    assert home.get_attribute("href") == status_url + "/"
    assert run_axe(page) == []
    browsing.screenshot(page, "widget-embedded", full_page=False)

    # An incident title is hostile text: shown as text, never as markup.
    hostile = '<img src=x onerror="document.title=1">Errors'

    def hostile_title(data: dict[str, Any]) -> None:
        data["incidents"][0]["name"] = hostile
        data["incidents"][0]["shortlink"] = "javascript:alert(1)"

    replace_summary(site, hostile_title)
    page.clock.fast_forward(61_000)
    page.locator("[data-statusgen-widget] li a").filter(has_text="onerror").wait_for()
    assert widget_text(page)[1] == [f"Incident · Monitoring: {hostile}"]
    assert page.locator("[data-statusgen-widget] img").count() == 0
    assert link.get_attribute("href") == status_url + "/"  # not a javascript: link
    assert page.title() == "Acme app"

    def resolved(data: dict[str, Any]) -> None:
        data["status"] = {"indicator": "none", "description": "All Systems Operational"}
        data["incidents"] = []

    replace_summary(site, resolved)
    page.clock.fast_forward(61_000)
    page.get_by_role("status").filter(has_text="All systems operational").wait_for()
    assert widget_text(page) == ("All systems operational", [])
    assert run_axe(page) == []

    # Nothing failed but the embedding page's favicon (it has none).
    assert len(browsing.problems) <= 1 and all("404" in p for p in browsing.problems), (
        browsing.problems
    )

    # The site unreachable: the widget says so, and still links to the status page.
    (site / "api" / "v2" / "summary.json").unlink()
    page.clock.fast_forward(61_000)
    page.get_by_role("status").filter(has_text="Status unavailable").wait_for()
    assert home.is_visible()


def test_widget_options_theme_and_list(
    embed: Callable[..., Any], browsing: Any, run_axe: Callable[[Any], list[dict[str, Any]]]
) -> None:
    page = embed('data-theme="dark" data-incidents="false"')
    status, items = widget_text(page)
    assert (status, items) == ("Minor service outage", [])
    colours = page.locator("[data-statusgen-widget] .w").evaluate(
        "box => [getComputedStyle(box).backgroundColor, getComputedStyle(box).color]"
    )
    assert colours == ["rgb(13, 17, 23)", "rgb(230, 237, 243)"]
    assert run_axe(page) == []
    browsing.screenshot(page, "widget-dark", full_page=False)
    # The light theme on a dark page stays light: the widget brings its own background.
    page = embed('data-theme="light"', scheme="dark")
    colours = page.locator("[data-statusgen-widget] .w").evaluate(
        "box => getComputedStyle(box).backgroundColor"
    )
    assert colours == "rgb(255, 255, 255)"
    assert widget_text(page)[1] == ["Incident · Monitoring: Transactional emails delayed"]
