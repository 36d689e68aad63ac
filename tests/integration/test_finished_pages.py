"""Finished generated pages kept between builds (statusgen/plugin/pagecache.py, issue 22): a
build that copies pages from the cache writes, byte for byte, what a build without any cache
writes at the same moment: warm, after an incident changed, after the clock moved past a
window's end and a day, with a damaged entry; and a site whose pages something else could
change keeps none."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from sitebuild import EXAMPLE_EPOCH, mkdocs_build, write_site
from test_incremental import OVER, copy_example, differences

from benchmarks.corpus import write_corpus
from statusgen.render.finished import PAGES_DIR

#: Later moments of the example: an hour on (the same day), and two days on (past the open
#: incident's next update, the overview's days and the day itself).
HOUR_ON = str(int(EXAMPLE_EPOCH) + 3600)
DAYS_ON = str(int(EXAMPLE_EPOCH) + 2 * 86400 + 7 * 3600)


def built(site: Path, out: Path, epoch: str, env: dict[str, str]) -> tuple[int, int]:
    """Build the site with its caches at `epoch`; how many finished pages it copied, and how
    many it made and kept."""
    result = mkdocs_build(site, out, epoch, env=env, verbose=True)
    assert result.returncode == 0, result.stderr
    found = re.search(r"finished pages: (\d+) copied, (\d+) kept", result.stderr)
    assert found is not None, result.stderr
    return int(found.group(1)), int(found.group(2))


def same_as_without_cache(
    site: Path, out: Path, tmp_path: Path, epoch: str, env: dict[str, str]
) -> None:
    fresh = tmp_path / "fresh"
    result = mkdocs_build(site, fresh, epoch, env={**env, "STATUSGEN_CACHE": "off"})
    assert result.returncode == 0, result.stderr
    assert differences(out, fresh) == []
    shutil.rmtree(fresh)


def damage(site: Path) -> int:
    """Damage every finished page's entry: one cut short, one with a byte changed, one
    emptied, in turn; how many."""
    entries = sorted(path for path in (site / PAGES_DIR).rglob("*") if path.is_file())
    entries = [path for path in entries if not path.name.startswith(".")]
    for number, path in enumerate(entries):
        data = path.read_bytes()
        if number % 3 == 0:
            path.write_bytes(data[: len(data) // 2])
        elif number % 3 == 1:
            at = len(data) - 10
            path.write_bytes(data[:at] + bytes([data[at] ^ 1]) + data[at + 1 :])
        else:
            path.write_bytes(b"")
    return len(entries)


def steps(site: Path, tmp_path: Path, env: dict[str, str], changed: Path) -> None:
    """Cold, warm an hour on, one incident changed, two days on, every entry damaged: each
    build the same as one without caches at its moment."""
    out = tmp_path / "out"
    copied, kept = built(site, out, EXAMPLE_EPOCH, env)
    assert copied == 0 and kept > 0
    same_as_without_cache(site, out, tmp_path, EXAMPLE_EPOCH, env)
    copied, _ = built(site, out, HOUR_ON, env)
    assert copied > kept / 2
    same_as_without_cache(site, out, tmp_path, HOUR_ON, env)
    built(site, out, HOUR_ON, env)  # every page this moment can copy is kept now
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text + "\nA paragraph added: *one* change.\n", encoding="utf-8")
    copied, kept = built(site, out, HOUR_ON, env)
    assert copied > 0 and kept > 0  # the changed incident's pages are made again
    same_as_without_cache(site, out, tmp_path, HOUR_ON, env)
    copied, _ = built(site, out, DAYS_ON, env)
    assert copied > 0
    same_as_without_cache(site, out, tmp_path, DAYS_ON, env)
    assert damage(site) > 0
    assert built(site, out, DAYS_ON, env)[0] == 0
    same_as_without_cache(site, out, tmp_path, DAYS_ON, env)


@pytest.fixture
def here(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.delenv("STATUSGEN_CACHE", raising=False)
    monkeypatch.chdir(tmp_path)


@pytest.mark.usefixtures("here")
@pytest.mark.parametrize("audience", ["public", "internal"])
def test_the_bilingual_example_copied_gives_a_build_without_caches(
    tmp_path: Path, audience: str
) -> None:
    site = copy_example(tmp_path / "site")
    steps(site, tmp_path, {"STATUSGEN_AUDIENCE": audience}, site / OVER)


@pytest.mark.usefixtures("here")
def test_a_corpus_copied_gives_a_build_without_caches(tmp_path: Path) -> None:
    site = tmp_path / "corpus"
    write_corpus(site, 240)
    resolved = sorted((site / "incidents").rglob("*.md"))[0]
    steps(site, tmp_path, {}, resolved)


HOOK = """
def on_post_page(output, page, config):
    return output.replace("</body>", "<!-- hooked -->" + "</body>")
"""


@pytest.mark.usefixtures("here")
@pytest.mark.parametrize("setup", ["hook", "theme template"])
def test_a_site_whose_pages_something_else_could_change_keeps_none(
    tmp_path: Path, setup: str
) -> None:
    site = copy_example(tmp_path / "site")
    config = (site / "mkdocs.yml").read_text(encoding="utf-8")
    if setup == "hook":
        write_site(site, {"hook.py": HOOK})
        config += "\nhooks:\n  - hook.py\n"
    else:
        write_site(site, {"overrides/main.html": '{% extends "base.html" %}\n'})
        config = config.replace("theme:\n", "theme:\n  custom_dir: overrides\n", 1)
    (site / "mkdocs.yml").write_text(config, encoding="utf-8")
    for epoch in (EXAMPLE_EPOCH, HOUR_ON):
        result = mkdocs_build(site, tmp_path / "out", epoch, verbose=True)
        assert result.returncode == 0, result.stderr
        assert "finished pages:" not in result.stderr
    assert not (site / PAGES_DIR).exists()


@pytest.mark.usefixtures("here")
def test_a_french_name_changed_makes_again_the_pages_that_show_it(tmp_path: Path) -> None:
    # Names per language (issue 28) are read by incident, component and listing pages: a page
    # kept with the old name would be wrong in French only.
    site = copy_example(tmp_path / "site")
    out = tmp_path / "out"
    copied, kept = built(site, out, EXAMPLE_EPOCH, {})
    assert copied == 0 and kept > 0
    components = site / "components.yml"
    text = components.read_text(encoding="utf-8")
    assert text.count("fr: Stockage objet}") == 1
    components.write_text(text.replace("fr: Stockage objet}", "fr: Stockage d'objets}"), "utf-8")
    copied, _ = built(site, out, EXAMPLE_EPOCH, {})
    assert copied > 0  # what does not show the name is still copied
    same_as_without_cache(site, out, tmp_path, EXAMPLE_EPOCH, {})
    page = (out / "fr/incidents/2026-12-02-object-storage-metadata-upgrade/index.html").read_text()
    assert "Stockage d&#39;objets" in page and "Stockage objet" not in page
