"""Group and component names in each language of a site (issue 28): components.yml's `name`
is the default language's text or a mapping of the site's languages to texts; each language's
pages, feeds and API show the name in their language, or the default language's, marked with
its `lang` on pages; the API at the root stays in the default language."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import feedparser
from models import DEFAULT_COMPONENTS, catalog
from test_site_languages import MISSING, TRANSLATED, made, plan

from statusgen.content.components import load_catalog
from statusgen.content.files import SiteLayout
from statusgen.derive.languages import catalog_in
from statusgen.importers.catalog import CatalogPlan
from statusgen.model import Catalog, Group
from statusgen.problems import Problem
from statusgen.render.untranslated import named

NAMED = """groups:
  - name: {en: Core platform, fr: Plateforme principale}
    components:
      - id: api
        name: {en: Public API, fr: API publique}
      - id: web
        name: Website
"""


def loaded(tmp_path: Path, text: str, languages: tuple[str, ...]) -> tuple[Catalog, list[str]]:
    (tmp_path / "components.yml").write_text(text, encoding="utf-8")
    problems: list[Problem] = []
    found = load_catalog(SiteLayout(root=tmp_path, languages=languages), problems)
    return found, [f"{p.path}:{p.line}: {p.message}" for p in problems]


def test_a_name_is_read_per_language_with_its_line(tmp_path: Path) -> None:
    found, problems = loaded(tmp_path, NAMED, ("en", "fr"))
    assert problems == []
    group = found.groups[0]
    assert (group.name, group.names, group.name_line) == (
        "Core platform",
        (("fr", "Plateforme principale"),),
        2,
    )
    api, web = group.components
    assert (api.name, api.names, api.name_line) == ("Public API", (("fr", "API publique"),), 5)
    assert (web.name, web.names, web.name_line) == ("Website", (), 7)


def test_a_name_mapping_is_refused_where_the_loader_refuses_any_text_s(tmp_path: Path) -> None:
    _, problems = loaded(tmp_path, NAMED, ())
    assert any(
        p.startswith("components.yml:2: the group name is a mapping of languages") for p in problems
    ), problems
    _, problems = loaded(tmp_path, NAMED.replace("fr: API", "de: API"), ("en", "fr"))
    assert any(
        p.startswith("components.yml:5: unknown language 'de' in the component name")
        for p in problems
    ), problems
    _, problems = loaded(tmp_path, NAMED.replace("{en: Public API, ", "{"), ("en", "fr"))
    assert any("the component name has no en text" in p for p in problems), problems
    _, problems = loaded(
        tmp_path, NAMED.replace("fr: API publique", "fr: " + "x" * 401), ("en", "fr")
    )
    assert any(p.startswith("components.yml:5:") and "(fr)" in p for p in problems), problems


def test_a_language_s_catalog_names_in_it_or_keeps_the_default_name_marked() -> None:
    api, dashboard = DEFAULT_COMPONENTS
    group = Group(
        "Core & more",
        (replace(api, names=(("fr", "API publique"),)), dashboard),
        names=(("fr", "Cœur"),),
    )
    french = catalog_in(Catalog((group,)), "fr", "en")
    (translated,) = french.groups
    assert (translated.name, translated.name_lang, translated.slug) == ("Cœur", "", group.slug)
    named_api, kept = translated.components
    assert (named_api.name, named_api.name_lang) == ("API publique", "")
    assert (kept.name, kept.name_lang) == (dashboard.name, "en")
    assert named(named_api) == "API publique"
    assert str(named(kept)) == f'<span lang="en">{dashboard.name}</span>'
    assert str(named(Group("<b>", (), name_lang="en"))) == '<span lang="en">&lt;b&gt;</span>'
    assert catalog_in(catalog(*DEFAULT_COMPONENTS), "fr", "en").groups[0].name_lang == "en"


def test_french_pages_feeds_and_api_name_components_in_french() -> None:
    whole = plan()
    page = made(whole, "fr/components/api.md")
    assert '<h1 id="sg-main" class="sg-title">API publique' in page
    page = made(whole, "fr/components/dashboard.md")
    assert '<h1 id="sg-main" class="sg-title"><span lang="en">Dashboard</span>' in page
    overview = made(whole, "fr/index.md")
    assert ">API publique</a>" in overview and '><span lang="en">Dashboard</span></a>' in overview
    incident = made(whole, f"fr/incidents/{TRANSLATED}.md")
    assert ">API publique</a>" in incident
    assert '<span lang="en">Dashboard</span>' in made(whole, f"fr/incidents/{MISSING}.md")
    feed = feedparser.parse(made(whole, "fr/components/api/feed.rss"))
    assert "API publique" in feed.feed.title
    french = json.loads(made(whole, "fr/api/v2/components.json"))
    assert {"API publique", "Dashboard"} <= {c["name"] for c in french["components"]}
    english = json.loads(made(whole, "api/v2/components.json"))
    assert {"Api", "Dashboard"} <= {c["name"] for c in english["components"]}
    for path in ("components/api.md", "index.md", f"incidents/{MISSING}.md"):
        page = made(whole, path)
        assert "API publique" not in page and 'lang="en"' not in page


def test_the_importers_read_a_name_in_several_languages_by_its_default_text() -> None:
    plan = CatalogPlan.read(NAMED)
    (group,) = plan.groups
    assert group.name == "Core platform"
    assert [name for _, name, _ in group.components] == ["Public API", "Website"]
