"""The publication plan of a site in two languages, built on model objects with translations:
each language's pages, feeds, calendar, API and archive texts in its own language, and a
text without its translation shown in the default language, marked with its `lang` and a
note in the page's language (pages) or the entry's title (feeds)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType

import feedparser
import icalendar
from models import DEFAULT_COMPONENTS, incident, maintenance, phase, site

from statusgen.derive.languages import in_language, snapshot_in
from statusgen.derive.snapshot import build_snapshot
from statusgen.model import Audience, StatusSite
from statusgen.options import Options
from statusgen.render import urls
from statusgen.render.plan import PublicationPlan, SiteSettings, plan_site, render_all
from statusgen.render.preflight import check_rendering
from statusgen.render.rendercache import RenderCache

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
TRANSLATED = "2026-03-09-api-errors"
MISSING = "2026-03-10-slow-dashboard"


def fr(**texts: str) -> MappingProxyType[str, MappingProxyType[str, str]]:
    return MappingProxyType({"fr": MappingProxyType(texts)})


def bilingual_site() -> StatusSite:
    """One incident translated in full; one whose second update and title are not; a
    maintenance translated."""
    first = replace(
        phase("2026-03-09T10:00Z", "investigating", {"api": "major_outage"}, message="Errors."),
        stated=MappingProxyType({"affected": "EU customers"}),
        translations=fr(message="Des erreurs.", affected="Clients européens"),
    )
    resolved = replace(
        phase("2026-03-09T11:00Z", "resolved", message="Fixed."),
        translations=fr(message="Corrigé."),
    )
    translated = replace(
        incident(TRANSLATED, {"api": "major_outage"}, first, resolved, title="API errors"),
        translations=fr(title="Erreurs de l'API"),
    )
    opened = replace(
        phase(
            "2026-03-10T09:00Z",
            "investigating",
            {"dashboard": "degraded_performance"},
            message="Slow pages.",
        ),
        translations=fr(message="Pages lentes."),
    )
    update = replace(
        phase("2026-03-10T10:00Z", "identified", message="A **slow query**."),
        stated=MappingProxyType({"affected": "Dashboard users"}),
    )
    missing = incident(
        MISSING, {"dashboard": "degraded_performance"}, opened, update, title="Slow dashboard"
    )
    upgrade = maintenance("2026-03-20-upgrade", "2026-03-20T02:00Z", "2026-03-20T04:00Z")
    upgrade = replace(
        upgrade,
        translations=fr(title="Mise à niveau"),
        phases=tuple(replace(p, translations=fr(message="Prévu.")) for p in upgrade.phases),
    )
    api, dashboard = DEFAULT_COMPONENTS  # the API named in French, the dashboard not
    return site(
        translated,
        missing,
        upgrade,
        components=(replace(api, names=(("fr", "API publique"),)), dashboard),
    )


def plan(
    languages: tuple[str, ...] = ("en", "fr"), seen: StatusSite | None = None
) -> PublicationPlan:
    settings = SiteSettings(
        site_name="Test Status",
        options=Options(languages=languages),
        language="en",
        page_url=lambda src: urls.static_page_url(src, True),
        base_url="https://status.test/",
    )
    return plan_site(seen or bilingual_site(), Audience.PUBLIC, NOW, settings)


def made(whole: PublicationPlan, path: str) -> str:
    found = [item for item in whole if item.src == path]
    assert len(found) == 1, path
    content = found[0].make()
    return content.decode() if isinstance(content, bytes) else content


def test_every_language_renders_and_paths_are_distinct() -> None:
    whole = plan()
    assert [p.language for p in whole.in_every_language()] == ["en", "fr"]
    paths = [item.src for item in whole]
    assert len(paths) == len(set(paths))
    assert "fr/incidents/2026-03-09-api-errors.md" in paths
    assert "fr/assets/statusgen/statusgen.css" not in paths
    assert not render_all([whole])
    one = plan(())
    assert [item.src for item in one] == [p for p in paths if not p.startswith("fr/")]


def test_a_translated_page_is_in_french_and_a_missing_text_is_marked() -> None:
    whole = plan()
    page = made(whole, f"fr/incidents/{TRANSLATED}.md")
    assert "Erreurs de l&#39;API" in page and "Des erreurs." in page and "Corrigé." in page
    assert "Clients européens" in page and "Pas encore traduit" not in page
    page = made(whole, f"fr/incidents/{MISSING}.md")
    assert (
        '<span lang="en">Slow dashboard</span> <span class="sg-meta">(Pas encore traduit)' in page
    )
    assert "Pages lentes." in page
    assert (
        '<div class="sg-untranslated"><div lang="en"><p>A <strong>slow query</strong>.</p></div>'
        '<p class="sg-meta">Pas encore traduit</p></div>'
    ) in page
    assert '<span lang="en">Dashboard users</span>' in page
    english = made(whole, f"incidents/{MISSING}.md")
    assert "Pas encore traduit" not in english and "Not yet translated" not in english
    assert 'lang="en"' not in english


def test_the_french_overview_and_archive_speak_french() -> None:
    whole = plan()
    overview = made(whole, "fr/index.md")
    assert "Erreurs de l&#39;API" in overview or "Mise à niveau" in overview
    assert "Pas encore traduit" in overview  # the open incident's title and latest update
    texts = made(whole, urls.file_in_language(urls.archive_texts(2026, 1), "fr", "en"))
    assert "des erreurs." in texts and "errors." not in texts  # search texts are lower case
    assert "errors." in made(whole, urls.archive_texts(2026, 1))


def test_french_feeds_have_french_entries_and_language() -> None:
    whole = plan()
    feed = feedparser.parse(made(whole, "fr/feed.rss"))
    assert not feed.bozo and feed.feed.language == "fr"
    titles = [entry.title for entry in feed.entries]
    assert "[Résolu] Erreurs de l'API" in titles
    assert "[Identifié] Slow dashboard (Pas encore traduit)" in titles
    assert feed.entries[0].link.startswith("https://status.test/fr/incidents/")
    atom = feedparser.parse(made(whole, "fr/components/api/feed.atom"))
    assert not atom.bozo and atom.feed.language == "fr"
    assert all("(Pas encore traduit)" not in e.title for e in atom.entries)
    english = feedparser.parse(made(whole, "feed.rss"))
    assert english.feed.language == "en" and "[Resolved] API errors" in [
        e.title for e in english.entries
    ]
    one = feedparser.parse(made(whole, f"fr/incidents/{MISSING}/feed.rss"))
    assert {e.title for e in one.entries} == {
        "[Enquête en cours] Slow dashboard (Pas encore traduit)",
        "[Identifié] Slow dashboard (Pas encore traduit)",
    }


def test_french_calendar_api_and_badges() -> None:
    whole = plan()
    calendar = icalendar.Calendar.from_ical(made(whole, "fr/maintenance.ics"))
    events = calendar.walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Mise à niveau"]
    assert str(events[0]["URL"]) == "https://status.test/fr/incidents/2026-03-20-upgrade/"
    summary = json.loads(made(whole, "fr/api/v2/summary.json"))
    assert summary["page"]["url"] == "https://status.test/fr/"
    names = {i["name"] for i in summary["incidents"]}
    assert names == {"Slow dashboard"}
    incidents = json.loads(made(whole, "fr/api/v2/incidents.json"))
    assert "Erreurs de l'API" in {i["name"] for i in incidents["incidents"]}
    english = json.loads(made(whole, "api/v2/summary.json"))
    assert english["page"]["url"] == "https://status.test/"
    badge = json.loads(made(whole, "fr/badges/dashboard.json"))
    assert badge["message"] == "performances dégradées"


def test_a_language_s_snapshot_is_the_one_derived_from_its_site() -> None:
    seen = bilingual_site()
    snapshot = build_snapshot(seen, NOW, 90)
    french = snapshot_in(snapshot, seen.catalog, "fr", "en")
    assert french == build_snapshot(in_language(seen, "fr", "en"), NOW, 90)
    assert french.components["api"].component.name == "API publique"
    assert french.by_id[TRANSLATED].facts[0].stated["affected"] == "Clients européens"
    assert snapshot.by_id[TRANSLATED].facts[0].stated["affected"] == "EU customers"


def test_the_pre_flight_renders_every_language_s_texts_into_the_cache(tmp_path: Path) -> None:
    cache = RenderCache(tmp_path)
    assert not check_rendering(bilingual_site(), cache=cache)
    assert cache.get("A **slow query**.") is not None  # the default language's
    french = replace(
        bilingual_site().incidents[1].phases[1], translations=fr(message="Une **requête**.")
    )
    site = bilingual_site()
    missing = replace(site.incidents[1], phases=(site.incidents[1].phases[0], french))
    assert not check_rendering(replace(site, incidents=(missing,)), cache=cache)
    assert cache.get("Une **requête**.") is not None


def french_entry(document: str, title: str) -> str:
    """The HTML of the French feed's entry titled `title` (RSS's description)."""
    feed = feedparser.parse(document)
    assert not feed.bozo, feed.get("bozo_exception")
    (entry,) = [e for e in feed.entries if e.title == title]
    return str(entry.description)


def test_french_feeds_mark_a_stated_field_kept_in_english_as_pages_do() -> None:
    whole = plan()
    for path in ("fr/feed.rss", f"fr/incidents/{MISSING}/feed.rss"):
        html = french_entry(made(whole, path), "[Identifié] Slow dashboard (Pas encore traduit)")
        assert (
            '<span lang="en">Dashboard users</span> <span class="sg-meta">(Pas encore traduit)'
        ) in html, path
        assert '<div lang="en"><p>A <strong>slow query</strong>.</p></div>' in html
    # Translated, it is French and unmarked; the update before it stated nothing.
    html = french_entry(made(whole, "fr/feed.rss"), "[Enquête en cours] Erreurs de l'API")
    assert "Clients européens" in html and 'lang="en"' not in html
    opened = french_entry(
        made(whole, "fr/feed.rss"), "[Enquête en cours] Slow dashboard (Pas encore traduit)"
    )
    assert "Dashboard users" not in opened and 'lang="en"' not in opened
    english = made(whole, "feed.rss")
    assert "Dashboard users" in english and 'lang="en"' not in english
    assert "Not yet translated" not in english


def test_a_french_incident_feed_and_calendar_event_note_a_title_kept_in_english() -> None:
    whole = plan()
    one = feedparser.parse(made(whole, f"fr/incidents/{MISSING}/feed.atom"))
    assert one.feed.title == "Test Status: Slow dashboard (Pas encore traduit)"
    translated = feedparser.parse(made(whole, f"fr/incidents/{TRANSLATED}/feed.atom"))
    assert translated.feed.title == "Test Status: Erreurs de l'API"
    assert feedparser.parse(made(whole, f"incidents/{MISSING}/feed.atom")).feed.title == (
        "Test Status: Slow dashboard"
    )
    # The maintenance without its French title (its messages keep theirs).
    seen = bilingual_site()
    upgrade = seen.incidents[2]
    untitled = replace(upgrade, translations=MappingProxyType({}))
    other = plan(seen=replace(seen, incidents=(*seen.incidents[:2], untitled)))
    (event,) = icalendar.Calendar.from_ical(made(other, "fr/maintenance.ics")).walk("VEVENT")
    assert str(event["SUMMARY"]) == f"{upgrade.title} (Pas encore traduit)"
    (english,) = icalendar.Calendar.from_ical(made(other, "maintenance.ics")).walk("VEVENT")
    assert str(english["SUMMARY"]) == upgrade.title
    (titled,) = icalendar.Calendar.from_ical(made(whole, "fr/maintenance.ics")).walk("VEVENT")
    assert str(titled["SUMMARY"]) == "Mise à niveau"


def test_what_languages_share_leaves_each_page_in_its_own_language() -> None:
    """The component pages' calendars and the reports' uptime are worked out once for every
    language (`Snapshot.shared`): made in French first, the English pages are the bytes of a
    plan that never made a French page, and the French ones speak French."""
    pages = [urls.component_page("api"), urls.component_report_page("api"), urls.REPORT]
    whole = plan()
    assert whole.others[0].snapshot.shared is whole.snapshot.shared
    french = {src: made(whole, urls.in_language(src, "fr", "en")) for src in pages}
    english = {src: made(whole, src) for src in pages}
    alone = plan()
    assert english == {src: made(alone, src) for src in pages}
    assert whole.snapshot.shared  # the French pages filled it, the English read it
    component = urls.component_page("api")
    assert "Erreurs de l&#39;API" in french[component] and "API errors" not in french[component]
    assert "API errors" in english[component] and "Erreurs de" not in english[component]
    assert "Panne majeure" in french[component] and "Major outage" not in french[component]
    assert "Major outage" in english[component]
