"""The bilingual example read in French: its hand-written pages' links lead to the French pages
and files, the header's tabs are French, and so are the contact line and the calendar's name.
The English site keeps its words and links."""

from __future__ import annotations

import re
from pathlib import Path

import icalendar


def body_links(site: Path, page: str) -> list[str]:
    body = (site / page).read_text("utf-8").split("<article", 1)[1].split("</article>", 1)[0]
    return re.findall(r'<a\s[^>]*?href="([^"#]+)', body)


def tabs(site: Path, page: str) -> list[str]:
    html = (site / page).read_text("utf-8")
    return [t.strip() for t in re.findall(r'class="md-tabs__link[^"]*"[^>]*>([^<]+)<', html)]


def test_the_french_subscribe_page_leads_to_the_french_feeds_calendar_and_pages(
    example_site: Path,
) -> None:
    links = body_links(example_site, "fr/subscribe/index.html")
    assert {"../feed.rss", "../feed.atom", "../maintenance.ics", "../api/", "../history/"} <= set(
        links
    )
    assert not [link for link in links if link.startswith("../../")]  # nothing in English
    english = body_links(example_site, "subscribe/index.html")
    assert {"../feed.rss", "../maintenance.ics", "../api/", "../history/"} <= set(english)


def test_french_readers_get_french_tabs_contact_line_and_calendar_name(
    example_site: Path,
) -> None:
    # statusgen's words for the overview and the history; the report's from `nav_titles`.
    french = tabs(example_site, "fr/index.html")
    assert french == [
        "État",
        "Historique",
        "Fiabilité",
        "S'abonner",
        "API",
        "À propos",
    ]
    incident = "fr/incidents/2026-11-05-auth-unexpected-sign-outs/index.html"
    assert tabs(example_site, incident) == french
    assert tabs(example_site, "index.html") == [
        "Status",
        "History",
        "Report",
        "Subscribe",
        "API",
        "About",
    ]
    assert ">Des questions ? Écrivez au support</a>" in (
        (example_site / "fr/index.html").read_text("utf-8")
    )
    assert ">Questions? Contact support</a>" in (example_site / "index.html").read_text("utf-8")
    calendar = icalendar.Calendar.from_ical((example_site / "fr/maintenance.ics").read_bytes())
    assert str(calendar["X-WR-CALNAME"]) == "Acme Cloud Status : maintenances"
    english = icalendar.Calendar.from_ical((example_site / "maintenance.ics").read_bytes())
    assert str(english["X-WR-CALNAME"]) == "Acme Cloud Status: maintenance"


def footer(site: Path, page: str) -> str:
    html = (site / page).read_text("utf-8")
    return html.split('<div class="md-copyright__highlight">', 1)[1].split("</div>", 1)[0]


def test_french_readers_get_the_french_footer_and_french_names(example_site: Path) -> None:
    # The `copyright` option's French text; English pages keep mkdocs.yml's.
    for page in ("fr/index.html", "fr/about/index.html", "fr/components/cdn/index.html"):
        assert "Confidentialité</a>" in footer(example_site, page), page
    assert "Privacy</a>" in footer(example_site, "index.html")
    assert "Confidentialité" not in footer(example_site, "index.html")
    # Names in French; the CDN's has none, so its English name is marked as English.
    overview = (example_site / "fr/index.html").read_text("utf-8")
    assert ">Plateforme principale</span>" in overview and ">API publique</a>" in overview
    assert '><span lang="en">CDN</span></a>' in overview
    english = (example_site / "index.html").read_text("utf-8")
    assert ">Core platform</span>" in english and 'lang="en">CDN' not in english
