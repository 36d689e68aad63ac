"""history/days.json: the incidents of the overview's day bars, which its script fetches when a
reader first opens a day's tooltip, and the per-day data the overview's bars carry instead of
their tooltips (tests/browser/test_day_tooltips.py reads the tooltips the script writes)."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from sitebuild import FIXTURE_BUILT, REPO, fixture_site
from siteoutputs import render_folder

from statusgen.render.pages import PHONE_DAYS, TOOLTIP_TITLE, tooltip_title


def test_days_name_each_components_incidents_by_day(tmp_path: Path) -> None:
    build = render_folder(fixture_site(tmp_path), FIXTURE_BUILT)
    days = json.loads(build.outputs()["history/days.json"])
    assert days == {
        "version": 1,
        "days": {
            "api": {"2026-03-09": ["2026-03-09-api-errors"]},
            "web": {"2026-03-10": ["2026-03-10-slow-website"]},
        },
        # Titles as written: the script sets them as text.
        "titles": {
            "2026-03-09-api-errors": "API errors <b>after</b> deploy",
            "2026-03-10-slow-website": "Slow website",
        },
    }
    # The file's text has no markup characters at all (render_json's escapes).
    assert "<" not in build.outputs()["history/days.json"]


def test_overview_carries_days_as_data_and_the_words_once(tmp_path: Path) -> None:
    overview = render_folder(fixture_site(tmp_path), FIXTURE_BUILT).pages()["index.md"]
    assert "sg-tip" not in overview
    # Quiet days carry nothing; the outage day its minutes per status (major outage, then
    # partial), uptime and number of incidents; the open incident's day so far.
    data = re.findall(r'<li class="sg-bar sg-s-(\w+)[^"]*"(?: data-d="([^"]*)")?></li>', overview)
    assert len(data) == 3 * 90
    busy = [(status, d) for status, d in data if d]
    assert busy == [
        ("major_outage", "3:30 2:60|96.66|1"),
        ("degraded_performance", "1:60|100.00|1"),
    ]
    assert overview.count("data-bar-words=") == 1
    words = json.loads(re.search(r"data-bar-words='([^']*)'", overview)[1])
    assert words["status"][1:4] == ["Degraded performance", "Partial outage", "Major outage"]
    assert words["incidents"] == "Incidents: {count}" and words["links"] == 3


def test_phones_hide_the_same_days_on_the_overview_as_on_component_pages() -> None:
    # The overview's bars carry no sg-older class: the stylesheet counts from the last day.
    css = (REPO / "statusgen/render/assets/statusgen.css").read_text(encoding="utf-8")
    assert f"ol.sg-bars[data-last] > li:nth-last-child(n+{PHONE_DAYS + 1})" in css


#: A 40-word title of 239 characters, with markup characters: past the tooltips' limit.
LONG_TITLE = " ".join(f"w{n:03d}<&" for n in range(40)).strip()
LONG = """
---
title: "{title}"
impact: minor
components: {{api: degraded_performance}}
phases:
  - at: 2026-03-08T10:00:00Z
    status: investigating
    message: Slow.
  - at: 2026-03-08T11:00:00Z
    status: resolved
    message: Fixed.
---
"""


def test_tooltip_title_cuts_at_a_word_past_the_limit() -> None:
    assert tooltip_title("a" * TOOLTIP_TITLE) == "a" * TOOLTIP_TITLE
    words = "word " * 60
    short = tooltip_title(words)
    assert len(short) <= TOOLTIP_TITLE and short.endswith("word…")
    # A title without spaces is cut inside its one word.
    assert tooltip_title("x" * 300) == "x" * (TOOLTIP_TITLE - 1) + "…"


def test_overview_and_component_page_shorten_long_titles_alike(tmp_path: Path) -> None:
    site = fixture_site(
        tmp_path, incidents={"incidents/2026-03-08-long.md": LONG.format(title=LONG_TITLE)}
    )
    build = render_folder(site, FIXTURE_BUILT)
    titles = json.loads(build.outputs()["history/days.json"])["titles"]
    shown = titles["2026-03-08-long"]
    assert len(LONG_TITLE) > TOOLTIP_TITLE >= len(shown)
    assert shown.endswith("<&…") and LONG_TITLE.startswith(shown[:-1] + " ")
    # The component page's tooltip links the same words (escaped as HTML).
    component = next(
        body for src, body in build.pages().items() if src.startswith("components/api")
    )
    tips = "".join(re.findall(r'<span class="sg-tip">(.*?)</span>', component, re.S))
    linked = re.findall(r'<a href="[^"]*2026-03-08-long/">([^<]*)</a>', tips)
    assert linked and {html.unescape(text) for text in linked} == {shown}


@pytest.mark.parametrize(
    ("language", "line"),
    [
        ("en", "{name}, day by day: incidents on {count} of the last 90 days"),
        ("fr", "{name}, jour par jour\u00a0: incidents sur {count} des 90 derniers jours"),
    ],
)
def test_overview_hides_bare_bars_and_sums_them_up(
    tmp_path: Path, language: str, line: str
) -> None:
    build = render_folder(fixture_site(tmp_path, language=language), FIXTURE_BUILT)
    overview = build.pages()["index.md"]
    # Every list of bars is hidden from assistive technology until the script writes the tips.
    lists = re.findall(r'<ol class="sg-bars"[^>]*>', overview)
    assert len(lists) == 3 and all('aria-hidden="true"' in ol for ol in lists)
    # Each is followed by its summary: days with incidents, linking the component's page.
    summaries = re.findall(
        r'</ol>\s*<p class="sg-bars-summary sg-meta"><a href="([^"]*)">([^<]*)</a></p>', overview
    )
    assert summaries == [
        ("components/api/", line.format(name="Public API", count=1)),
        ("components/web/", line.format(name="Website", count=1)),
        ("components/payments/", line.format(name="Payments", count=0)),
    ]
    # Component pages keep their lists exposed, with their tooltips, and have no summary.
    component = build.pages()["components/api.md"]
    (bars,) = re.findall(r'<ol class="sg-bars"[^>]*>', component)
    assert "aria-hidden" not in bars and "sg-bars-summary" not in component
    assert component.count('<span class="sg-tip">') == 90
