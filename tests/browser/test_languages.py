"""A site in English and French in a real browser: on every kind of page, the header's
language switcher leads to the same page in the other language, where axe finds no serious
violation, and back (the English pages of each kind are axe-checked in both palettes
by test_accessibility.py and the tests it names, on the example site, itself in English and
French).

The site is the fixture site with `languages: [en, fr]`, built at its fixed moment; its
`site_url` (https://status.test/) is served from the built folder by the page's routes, so the
switcher's absolute links (as search engines want hreflang links) are followed as they are
written. The pages open in warm contexts of that address (`Browsing.open`)."""

from __future__ import annotations

import mimetypes
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from sitebuild import FIXTURE_BUILT, shared_bilingual_site

SITE = "https://status.test"
#: Each kind of page, and what it shows once loaded.
PAGES = [
    pytest.param("/", "#sg-main", id="overview"),
    pytest.param("/incidents/2026-03-10-slow-website/", "#sg-main", id="incident"),
    pytest.param("/components/api/", "#sg-calendar", id="component"),
    pytest.param("/history/", "#sg-results", id="archive"),
    pytest.param("/report/", ".sg-report-summary", id="report"),
]
BLOCKING = {"serious", "critical"}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bilingual fixture site, built once per run (integration tests read it too)."""
    return shared_bilingual_site(tmp_path_factory)


def open_site(browsing: Any, built: Path, path: str) -> Any:
    """`path` of the bilingual site at its own address, the files served from `built`; a file
    that does not exist answers 404 (and is recorded as a problem)."""

    def serve(route: Any) -> None:
        local = route.request.url.removeprefix(SITE).split("?")[0].split("#")[0]
        target = built / local.lstrip("/")
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            route.fulfill(status=404, body="not found")
            return
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        route.fulfill(
            status=200,
            body=target.read_bytes(),
            headers={"Content-Type": kind, "Cache-Control": "no-cache"},
        )

    return browsing.open(
        path, at=FIXTURE_BUILT, base=SITE, before_load=lambda page: page.route(f"{SITE}/**", serve)
    )


def switch(page: Any, language: str) -> None:
    """Choose `language` in the header's language switcher, as a reader does."""
    page.locator(".md-header__option .md-select button").hover()
    choice = page.locator(f'a.md-select__link[hreflang="{language}"]')
    expect(choice).to_be_visible()
    with page.expect_navigation(wait_until="load"):
        choice.click()


@pytest.mark.parametrize(("path", "shows"), PAGES)
def test_the_switcher_leads_to_the_french_page_without_axe_violations_and_back(
    browsing: Any,
    built: Path,
    run_axe: Callable[[Any], list[dict[str, Any]]],
    path: str,
    shows: str,
) -> None:
    page = open_site(browsing, built, path)
    expect(page.locator(shows).first).to_be_visible()
    assert page.evaluate("document.documentElement.lang") == "en"
    switch(page, "fr")
    assert page.url == f"{SITE}/fr{path}"
    assert page.evaluate("document.documentElement.lang") == "fr"
    expect(page.locator(shows).first).to_be_visible()
    # The French page, as the switcher loaded it, checked by axe (each kind once, in French).
    if path == "/history/":  # the archive as readers use it: results written by its script
        expect(page.locator("#sg-count")).not_to_be_empty()
    violations = [v for v in run_axe(page) if v["impact"] in BLOCKING]
    assert not violations, [
        (v["id"], [n["html"][:120] for n in v["nodes"][:3]]) for v in violations
    ]
    switch(page, "en")
    assert page.url == SITE + path
    assert page.evaluate("document.documentElement.lang") == "en"
    browsing.assert_no_problems()  # no sitemap.xml fetched beside the alternates, no 404


def test_a_translated_incident_reads_in_the_language_switched_to(
    browsing: Any, built: Path
) -> None:
    page = open_site(browsing, built, "/incidents/2026-03-08-login-failures/")
    expect(page.locator("#sg-main")).to_have_text("Login failures")
    switch(page, "fr")
    expect(page.locator("#sg-main")).to_have_text("Échecs de connexion")
    expect(page.locator(".sg-untranslated")).to_have_count(0)
    page.goto(f"{SITE}/fr/incidents/2026-03-10-slow-website/", wait_until="load")
    untranslated = page.locator("#sg-main span[lang=en]")
    expect(untranslated).to_have_text("Slow website")
    browsing.assert_no_problems()


#: The example site's partly translated incident (title and first and last updates in French,
#: the three between them and the postmortem in English only), in French.
US_EAST_FR = "/fr/incidents/2026-07-22-us-east-network-outage/"


@pytest.mark.parametrize("path", ["/fr/", "/fr/components/api/", US_EAST_FR])
def test_a_french_page_s_head_announces_the_french_feeds(browsing: Any, path: str) -> None:
    page = browsing.open(path)  # the example site, as a feed reader's browser extension sees it
    feeds = page.evaluate(
        "() => Array.from(document.head.querySelectorAll('link[rel~=\"feed\"]'), l => l.href)"
    )
    assert len(feeds) >= 2, feeds  # RSS and Atom
    for href in feeds:
        assert href.startswith(browsing.url("/fr/")), href
        text = page.evaluate(
            "async (url) => { const r = await fetch(url); return r.ok ? r.text() : '' }", href
        )
        assert (
            "<language>fr</language>" in text
            or '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">' in text
        ), href
        assert "Panne généralisée dans us-east" in text or "/components/api/" in href, href
    browsing.assert_no_problems()


def test_no_serious_axe_violations_on_the_partly_translated_incident_in_french(
    browsing: Any, run_axe: Callable[[Any], list[dict[str, Any]]]
) -> None:
    page = browsing.open(US_EAST_FR)
    expect(page.locator("#sg-main")).to_have_text("Panne généralisée dans us-east")
    assert page.evaluate("document.documentElement.lang") == "fr"
    kept = page.locator(".sg-untranslated > div[lang=en]")
    expect(kept.filter(has_text="A network configuration change").first).to_be_visible()
    expect(page.locator(".sg-untranslated .sg-meta").first).to_have_text("Pas encore traduit")
    violations = [v for v in run_axe(page) if v["impact"] in BLOCKING]
    assert not violations, [
        (v["id"], [n["html"][:120] for n in v["nodes"][:3]]) for v in violations
    ]
    browsing.assert_no_problems()
