"""The bodies of generated pages in the site's language and time zone, as a build renders them
(tests/siteoutputs.py: the fixture site's files loaded as the plugin loads them, no
`mkdocs build`). One real build in French, in Paris, checks the plugin hands the theme's
language and the site's zone to the pages: tests/integration/test_site.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from sitebuild import FIXTURE_BUILT, REPO, fixture_site, parse_html
from siteoutputs import render_folder

from statusgen.cli import main


@pytest.mark.parametrize("language", ["fr", "de", "nl"])
def test_interface_follows_theme_language(tmp_path: Path, language: str) -> None:
    strings = yaml.safe_load((REPO / f"statusgen/render/locales/{language}.yml").read_text())
    pages = render_folder(fixture_site(tmp_path, language=language), FIXTURE_BUILT).pages()
    text = parse_html(pages["index.md"]).text
    banner = strings["banner.status_of"].format(
        status=strings["status.degraded_performance"], components="Website"
    )
    assert banner.replace("\u00a0", " ") in text.replace("\u00a0", " ")
    assert strings["status.operational"] in text
    assert "Degraded performance" not in text
    year = parse_html(pages["history/2026.md"]).text
    march = {"fr": "mars 2026", "de": "März 2026", "nl": "maart 2026"}[language]
    assert march in year
    # Uptime with the language's decimal comma, never a dot.
    component = parse_html(pages["components/api.md"]).text
    assert re.search(r"\d+,\d\d\s%", component) and not re.search(r"\d+\.\d\d\s%", component)
    if language == "fr":  # French sets a (no-break) space before a colon
        label = strings["component.current_status"]
        assert re.search(re.escape(label) + r"[\s\u00a0]:", component), component[:300]


def test_site_time_zone_is_used_without_javascript(tmp_path: Path) -> None:
    pages = render_folder(fixture_site(tmp_path, timezone="Europe/Paris"), FIXTURE_BUILT).pages()
    page = parse_html(pages["incidents/2026-03-09-api-errors.md"])
    resolved = [t for t in page.times if t["datetime"] == "2026-03-09T11:30:00Z"]
    assert resolved, page.times
    assert "Mar 9, 2026, 12:30 CET" in page.text
    # The days of the bars (and "Today") are the site's: the overview and each component's
    # page name the zone once.
    for src in ("index.md", "components/api.md"):
        assert parse_html(pages[src]).text.count("Days in the Europe/Paris time zone.") == 1


def bars(html: str) -> list[str]:
    return re.findall(r'<li class="(sg-bar [^"]*)"', html)


def test_history_days_shapes_bars_and_the_terminal_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = fixture_site(tmp_path / "src")
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "timezone: UTC", "timezone: UTC\n      history_days: 30"
        )
    )
    pages = render_folder(root, FIXTURE_BUILT).pages()
    overview = pages["index.md"]
    assert len(bars(overview)) == 3 * 30
    # A component page's tooltips are in the HTML (the overview's script writes its own the
    # same way, tests/browser/test_day_tooltips.py): the later 15 days open their tooltip
    # leftwards, the first 15 do not.
    first = bars(pages["components/api.md"])
    assert len(first) == 30
    assert [("sg-later" in b) for b in first] == [False] * 15 + [True] * 15
    # Phones show all 30 too, so their later half is the same days (from PHONE_DAYS).
    assert [("sg-phone-later" in b) for b in first] == [False] * 15 + [True] * 15
    assert "30 days ago" in parse_html(overview).text
    default = render_folder(fixture_site(tmp_path / "default"), FIXTURE_BUILT).pages()
    assert len(bars(default["index.md"])) == 3 * 90
    row = bars(default["components/api.md"])
    # Of 90 days, phones show the last 30: the last 15 of them open their tooltip leftwards.
    assert len(row) == 90
    assert [("sg-phone-later" in b) for b in row] == [False] * 75 + [True] * 15
    assert main(["-C", str(root), "--now", "2026-03-10T12:00:00Z", "status"]) == 0
    assert "(uptime over 30 days)" in capsys.readouterr().out
