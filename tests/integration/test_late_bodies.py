"""A generated page left out of search (every French page of a bilingual site) gets its body
after the search plugin passed it (`plugin/latebodies.py`): search no longer runs its regex
over bodies it does not index, and every written file is byte for byte what the body made
before search writes (a site with a hook of its own in `on_page_context` still builds that
way), a text holding a `data-search-*` attribute's letters included."""

from __future__ import annotations

import filecmp
from pathlib import Path
from typing import Any

import pytest
from material.plugins.search.plugin import SearchPlugin
from sitebuild import FIXTURE_EPOCH, bilingual_fixture_site, mkdocs_build

from statusgen.plugin.latebodies import SEARCH_ATTRIBUTES, as_searched

#: A hook of the site's own reading pages in `on_page_context`: bodies are made before it.
HOOK = "def on_page_context(context, page, config, nav):\n    return context\n"
#: A French text whose HTML holds what Material's search removes from every body it passes.
ATTRIBUTE_TEXT = "fr: 'Certaines connexions échouent (`data-search-x=\"y\"`).'"


def site_with_attribute_text(root: Path, hook: bool) -> Path:
    site: Path = bilingual_fixture_site(root)
    incident = site / "incidents/2026-03-08-login-failures.md"
    text = incident.read_text(encoding="utf-8")
    assert "fr: Certaines connexions échouent." in text
    incident.write_text(
        text.replace("fr: Certaines connexions échouent.", ATTRIBUTE_TEXT), encoding="utf-8"
    )
    if hook:
        (site / "own_hook.py").write_text(HOOK, encoding="utf-8")
        config = site / "mkdocs.yml"
        config.write_text(
            config.read_text(encoding="utf-8") + "hooks:\n  - own_hook.py\n", encoding="utf-8"
        )
    return site


def same_trees(left: Path, right: Path) -> list[str]:
    """Files that differ or are missing on one side (recursively)."""
    compared = filecmp.dircmp(left, right)
    found = [*compared.left_only, *compared.right_only, *compared.diff_files]
    found += [f for f in compared.common_files if not filecmp.cmp(left / f, right / f, False)]
    for sub in compared.common_dirs:
        found += [f"{sub}/{f}" for f in same_trees(left / sub, right / sub)]
    return found


def test_bodies_left_out_of_search_come_after_it_with_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, int] = {}
    passed = SearchPlugin.on_page_context

    def spy(self: SearchPlugin, context: object, **kwargs: object) -> object:
        page: Any = kwargs["page"]
        seen[page.file.src_uri] = len(page.content or "")
        return passed(self, context, **kwargs)

    monkeypatch.setattr(SearchPlugin, "on_page_context", spy)
    late = site_with_attribute_text(tmp_path / "late", hook=False)
    result = mkdocs_build(late, tmp_path / "late-site", FIXTURE_EPOCH)
    assert result.returncode == 0, result.stderr
    french = {src: size for src, size in seen.items() if src.startswith("fr/incidents/")}
    english = {src: size for src, size in seen.items() if src.startswith("incidents/")}
    assert french and not any(french.values())  # search passed them with no body to scan
    assert english and all(english.values())  # the pages it indexes had theirs

    seen.clear()
    early = site_with_attribute_text(tmp_path / "early", hook=True)
    result = mkdocs_build(early, tmp_path / "early-site", FIXTURE_EPOCH)
    assert result.returncode == 0, result.stderr
    french = {src: size for src, size in seen.items() if src.startswith("fr/incidents/")}
    assert french and all(french.values())  # a hook may read them: bodies made before

    assert same_trees(tmp_path / "late-site", tmp_path / "early-site") == []
    page = tmp_path / "late-site/fr/incidents/2026-03-08-login-failures/index.html"
    html = page.read_text(encoding="utf-8")
    assert "Certaines connexions échouent" in html
    assert 'data-search-x="y"' not in html  # removed as search removes it from every body


@pytest.mark.parametrize(
    "body",
    [
        "<p>plain</p>",
        '<p data-search-exclude="true">x</p>',
        '<code>data-search-x="y"</code> and\n data-search-z="w" data-search-="v"',
        "data-search-",
    ],
)
def test_as_searched_is_the_search_plugins_removal(body: str) -> None:
    assert as_searched(body, stripped=True) == SEARCH_ATTRIBUTES.sub("", body)
    assert as_searched(body, stripped=False) == body


def test_the_removal_is_the_installed_search_plugins() -> None:
    """The regex is Material's own (held to the installed version's source)."""
    import inspect

    source = inspect.getsource(SearchPlugin.on_page_context)
    assert f'r"{SEARCH_ATTRIBUTES.pattern}"' in source
