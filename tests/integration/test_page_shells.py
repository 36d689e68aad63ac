"""Page shells (`plugin/shells.py`) change no byte of a build: the example site (both
audiences, in English and French), a site whose titles attack the splice, and the hostile site
build the same with shells and with every page rendered fully (`STATUSGEN_PAGE_SHELLS=off`);
a site with its own page template is rendered fully, and its template sees each page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from coldexample import ColdExample, cold_example
from sitebuild import (
    EXAMPLE_EPOCH,
    FIXTURE_EPOCH,
    OUTAGE,
    REPO,
    bilingual_fixture_site,
    mkdocs_build,
    parse_page,
)
from test_customisation import with_custom_dir
from test_hostile import hostile_site

from statusgen.render.shells import MARK, sentinel

SUMMARY = re.compile(r"page shells: (\d+) of (\d+) shapes used, (\d+) pages spliced")

#: Titles that would break a careless splice: markup, entities, quotes, Jinja, white space,
#: and the shells' own sentinels and marker.
TITLES = [
    "<script>alert(1)</script> & \"double\" 'single'",
    "JINJA{{ 7*7 }} {% raw %}x{% endraw %} {# c #}",
    sentinel("title"),
    f"{MARK}seg{MARK[::-1]} {MARK} {MARK[::-1]}",
    "  runs   of\twhite  space &amp; &lt;b&gt; &#39;",
    "Fix </title><b>bold</b><!-- c --> \u202eevil\u202c 日本",
]


def built(root: Path, dest: Path, epoch: str, shells: str, **env: str) -> tuple[int, int, int]:
    """Build `root` into `dest` with `STATUSGEN_PAGE_SHELLS=shells`: how many shapes had a
    shell, how many shapes there were, and how many pages were spliced (zeros without)."""
    env["STATUSGEN_PAGE_SHELLS"] = shells
    env.setdefault("STATUSGEN_CACHE", "off")  # every page made, none copied (pagecache.py)
    result = mkdocs_build(root, dest, epoch, env=env, verbose=True)
    assert result.returncode == 0, result.stderr[-3000:]
    return shell_counts(result.stderr, shells)


def shell_counts(log: str, shells: str) -> tuple[int, int, int]:
    """What a build's log (`-v`) says of its shells: shapes with a shell, shapes, pages
    spliced (zeros without)."""
    found = SUMMARY.search(log)
    assert shells != "off" or found is None
    return (int(found[1]), int(found[2]), int(found[3])) if found else (0, 0, 0)


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def assert_same(
    root: Path,
    tmp_path: Path,
    epoch: str,
    least: int,
    cold: ColdExample | None = None,
    **env: str,
) -> None:
    """The site builds byte for byte the same with shells (unverified: every page of a shape
    spliced, none rendered fully to check it; and as builds run) and without; every shape has
    its shell and at least `least` pages were spliced. With `cold`, the run's cold build of
    the site with these `env` values is the build as builds run (every page made, none copied
    from an empty cache)."""
    built(root, tmp_path / "off", epoch, "off", **env)
    off = files(tmp_path / "off")
    for mode in ("unverified", "on"):
        if cold is not None and mode == "on":
            used, shapes, spliced = shell_counts(cold.log, mode)
            on = files(cold.out)
        else:
            used, shapes, spliced = built(root, tmp_path / mode, epoch, mode, **env)
            on = files(tmp_path / mode)
        assert sorted(on) == sorted(off)
        differ = [path for path in sorted(on) if on[path] != off[path]]
        assert differ == []
        assert used == shapes > 0
        assert spliced >= least


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_the_example_site_is_the_same_with_shells(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, audience: str
) -> None:
    cold = cold_example(tmp_path_factory, audience)  # shells on, every page made
    assert_same(REPO, tmp_path, EXAMPLE_EPOCH, 20, cold, STATUSGEN_AUDIENCE=audience)


def hostile_titles(root: Path) -> Path:
    """The bilingual fixture site with an incident per title of `TITLES`."""
    site = bilingual_fixture_site(root)
    for number, title in enumerate(TITLES, start=1):
        quoted = "'" + title.replace("'", "''") + "'"
        text = OUTAGE.replace("title: API errors <b>after</b> deploy", f"title: {quoted}")
        path = site / f"incidents/2026-02-{number:02d}-hostile-{number}.md"
        text = text.replace("2026-03-09", f"2026-02-{number:02d}").lstrip("\n")
        path.write_text(text, encoding="utf-8")
    return site


def test_hostile_titles_are_the_same_with_shells(tmp_path: Path) -> None:
    root = hostile_titles(tmp_path / "src")
    # every title's incident page and the fixture's three, in English and French, but the
    # first two of each language (rendered fully to check the shell)
    assert_same(root, tmp_path, FIXTURE_EPOCH, 2 * (len(TITLES) + 3 - 2))
    page = parse_page(tmp_path / "unverified/incidents/2026-02-01-hostile-1/index.html")
    assert "<script>alert(1)</script>" in page.text  # shown as text, as the theme shows it


def test_the_hostile_site_is_the_same_with_shells(tmp_path: Path) -> None:
    assert_same(hostile_site(tmp_path / "src"), tmp_path, FIXTURE_EPOCH, 1)


#: A page template of the site's own that shows what no shell would vary: the page's source.
SOURCE_SHOWN = """{% extends "base.html" %}
{% block content %}<p class="source">{{ page.file.src_uri }}</p>{{ super() }}{% endblock %}
"""


def test_a_sites_own_page_template_sees_every_page(tmp_path: Path) -> None:
    root = with_custom_dir(hostile_titles(tmp_path / "src"), {"main.html": SOURCE_SHOWN})
    assert built(root, tmp_path / "site", FIXTURE_EPOCH, "on") == (0, 0, 0)  # rendered fully
    for number in range(1, len(TITLES) + 1):
        name = f"2026-02-{number:02d}-hostile-{number}"
        page = (tmp_path / f"site/incidents/{name}/index.html").read_text(encoding="utf-8")
        assert f'<p class="source">incidents/{name}.md</p>' in page


#: A hook that changes what the theme shows per page in a way no shell could know.
HOOK = """
def on_page_context(context, page, config, nav):
    config.copyright = "source: " + page.file.src_uri
    return context
"""


def test_a_plugin_that_changes_page_contexts_turns_shells_off(tmp_path: Path) -> None:
    root = hostile_titles(tmp_path / "src")
    (root / "hooks.py").write_text(HOOK, encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "hooks:\n  - hooks.py\n")
    assert built(root, tmp_path / "site", FIXTURE_EPOCH, "on") == (0, 0, 0)  # rendered fully
    for number in range(1, len(TITLES) + 1):
        name = f"2026-02-{number:02d}-hostile-{number}"
        page = (tmp_path / f"site/incidents/{name}/index.html").read_text(encoding="utf-8")
        assert f"source: incidents/{name}.md" in page
