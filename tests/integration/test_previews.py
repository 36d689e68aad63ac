"""Link previews in a real build: every page's description, Open Graph and Twitter tags, and
the state in an incident page's title; hostile incident text stays text."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from sitebuild import shared_fixture_site

HOSTILE = """
---
title: 'Bad "><script>alert(1)</script> title'
impact: critical
components: {api: major_outage}
phases:
  - at: 2026-03-10T09:00:00Z
    status: investigating
    message: 'Look "><script>alert(2)</script><img src=x onerror=alert(3)> here. LONG'
---
""".replace("LONG", "word " * 80)


class Head(HTMLParser):
    """The <title> and the <meta> tags of a page's head."""

    def __init__(self) -> None:
        super().__init__()
        self.title = ""
        self.meta: dict[str, list[str]] = {}
        self.scripts: list[str] = []
        self._in_title = False
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "title":
            self._in_title = True
        elif tag == "meta":
            key = values.get("property") or values.get("name")
            if key:
                self.meta.setdefault(key, []).append(values.get("content") or "")
        elif tag == "script":
            self._in_script = True

    def handle_endtag(self, tag: str) -> None:
        self._in_title &= tag != "title"
        self._in_script &= tag != "script"

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        if self._in_script:
            self.scripts.append(data)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return shared_fixture_site(
        tmp_path_factory, "previews", {"incidents/2026-03-10-hostile.md": HOSTILE}
    )


def head(site: Path, path: str) -> Head:
    parser = Head()
    parser.feed((site / path / "index.html").read_text(encoding="utf-8"))
    return parser


def one(parsed: Head, key: str) -> str:
    values = parsed.meta.get(key, [])
    assert len(values) == 1, (key, values)
    return values[0]


def test_an_incident_previews_its_state_impact_and_latest_update(site: Path) -> None:
    page = head(site, "incidents/2026-03-09-api-errors")
    assert page.title == "Resolved: API errors <b>after</b> deploy - Test Status"
    assert one(page, "description") == "Resolved · Major impact · Fixed."
    assert one(page, "og:description") == "Resolved · Major impact · Fixed."
    assert one(page, "og:title") == "Resolved: API errors <b>after</b> deploy"
    assert one(page, "og:type") == "article"
    assert one(page, "og:url") == "https://status.test/incidents/2026-03-09-api-errors/"
    assert one(page, "og:site_name") == "Test Status"
    assert one(page, "twitter:card") == "summary"


def test_an_open_incident_says_it_is_ongoing(site: Path) -> None:
    page = head(site, "incidents/2026-03-10-slow-website")
    assert page.title.startswith("Ongoing: Slow website")
    assert one(page, "description") == "Ongoing · Minor impact · Pages load slowly."


def test_hostile_text_stays_text_and_is_cut_at_a_word(site: Path) -> None:
    raw = (site / "incidents/2026-03-10-hostile/index.html").read_text(encoding="utf-8")
    head_html = raw[: raw.index("</head>")]
    assert "<script>alert" not in head_html and "<img" not in head_html
    page = head(site, "incidents/2026-03-10-hostile")
    assert page.title == 'Ongoing: Bad "><script>alert(1)</script> title - Test Status'
    assert one(page, "og:title") == 'Ongoing: Bad "><script>alert(1)</script> title'
    text = one(page, "description")
    assert text.startswith('Ongoing · Critical impact · Look "> here.'), text
    assert one(page, "og:description") == text
    assert len(text) <= 200 and text.endswith("word…"), text
    assert not any("alert(" in script for script in page.scripts)


def test_a_component_previews_its_status(site: Path) -> None:
    page = head(site, "components/web")
    assert one(page, "og:title") == "Website"
    assert one(page, "description") == "Current status: Degraded performance · The marketing site"
    assert one(page, "og:type") == "website"


def test_the_overview_previews_its_banner(site: Path) -> None:
    page = head(site, ".")
    banner = page.title.removesuffix(" - Test Status")
    assert banner.startswith("Major outage: Public API"), banner
    assert one(page, "description") == banner
    assert one(page, "og:description") == banner
    assert one(page, "og:url") == "https://status.test/"
