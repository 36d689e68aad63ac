"""Finished generated pages and generated files kept between builds (statusgen/plugin/
pagecache.py, render/keptfiles.py; issue 22): a build that copies pages and files from the
cache writes, byte for byte, what a build without any cache writes at the same moment: cold,
after an incident changed (most pages and files copied), after the clock moved past a
window's end and a day (the public audience), with every entry damaged, on the bilingual
example (an incident open: what reads it is made again every build) in both audiences; cold,
warm (nothing changed), one changed and damaged on a corpus whose incidents are all over (the
history, reports and API kept, the API's build time put in); and a site whose pages
something else could change keeps none.

Builds are shared between assertions: each moment's build without caches is made once and
compared with every build with caches at that moment and with those inputs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from coldexample import ColdExample, cold_example, copy_cold
from sitebuild import EXAMPLE_EPOCH, FIXTURE_EPOCH, fixture_site, mkdocs_build, write_site
from test_incremental import OVER, differences

from benchmarks.corpus import write_corpus
from statusgen.render.finished import PAGES_DIR
from statusgen.render.keptfiles import FILES_DIR

#: Later moments of the example: an hour on (the same day; 13:07, not 13:00, at which a time
#: of the public example falls, so nothing reading across incidents could be kept), and two
#: days on (past the open incident's next update, the overview's days and the day itself).
HOUR_ON = str(int(EXAMPLE_EPOCH) + 3600 + 7 * 60)
DAYS_ON = str(int(EXAMPLE_EPOCH) + 2 * 86400 + 7 * 3600)
COUNTS = re.compile(r"(finished pages|generated files): (\d+) copied, (\d+) kept")


def built(site: Path, out: Path, epoch: str, env: dict[str, str]) -> dict[str, tuple[int, int]]:
    """Build the site with its caches at `epoch`: how many finished pages and generated files
    it copied and how many it made and kept, by kind."""
    result = mkdocs_build(site, out, epoch, env=env, verbose=True)
    assert result.returncode == 0, result.stderr
    return counted(result.stderr)


def counted(log: str) -> dict[str, tuple[int, int]]:
    """What a build's log (`-v`) says it copied and made and kept, by kind."""
    found = {kind: (int(copied), int(kept)) for kind, copied, kept in COUNTS.findall(log)}
    assert set(found) == {"finished pages", "generated files"}, log
    return found


@pytest.fixture(scope="session")
def example_cold(tmp_path_factory: pytest.TempPathFactory) -> ColdExample:
    """The run's cold build of the example (shared with test_determinism.py); read-only."""
    return cold_example(tmp_path_factory)


@pytest.fixture(scope="session")
def internal_cold(tmp_path_factory: pytest.TempPathFactory) -> ColdExample:
    """The same for the internal audience (shared with test_page_shells.py); read-only."""
    return cold_example(tmp_path_factory, "internal")


def cold_copy(cold: ColdExample, tmp_path: Path) -> tuple[Path, dict[str, tuple[int, int]]]:
    """The run's cold build of the example copied into `tmp_path` (site/ with its caches, and
    out/), as a cold build there would leave it: the site, and the build's counts."""
    site = tmp_path / "site"
    copy_cold(cold, site, tmp_path / "out")
    return site, counted(cold.log)


class Fresh:
    """The site built without caches at a moment, made once for its inputs."""

    def __init__(self, site: Path, folder: Path, env: dict[str, str]) -> None:
        self.site, self.folder, self.env = site, folder, env
        self.made = 0

    def same(self, out: Path, epoch: str) -> None:
        """`out` is what a build without caches writes at `epoch` (made now)."""
        fresh = self.folder / f"fresh-{self.made}"
        self.made += 1
        result = mkdocs_build(self.site, fresh, epoch, env={**self.env, "STATUSGEN_CACHE": "off"})
        assert result.returncode == 0, result.stderr
        assert differences(out, fresh) == []
        self.last = fresh

    def same_as_last(self, out: Path) -> None:
        """`out` is what the last build without caches wrote (same inputs, same moment)."""
        assert differences(out, self.last) == []


def damage(site: Path) -> int:
    """Damage every finished page's and generated file's entry: one cut short, one with a
    byte changed, one emptied, in turn; how many."""
    entries = sorted(
        path
        for folder in (PAGES_DIR, FILES_DIR)
        for path in (site / folder).rglob("*")
        if path.is_file() and not path.name.startswith(".")
    )
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


def change(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "\nA paragraph added: *one* change.\n", encoding="utf-8")


def steps(
    site: Path,
    tmp_path: Path,
    env: dict[str, str],
    changed: Path,
    *,
    warm: bool = False,
    moved: bool = True,
    cold: dict[str, tuple[int, int]] | None = None,
) -> None:
    """Cold (or, given its `cold` counts, the cold build already in `out`); with `warm` (a
    site whose incidents are all over), the cold build compared too and one an hour on with
    nothing changed, which copies every page and file it can keep (all but the overview and
    the reports); one
    incident changed an hour on; with `moved`, two days on; every
    entry damaged: each build the same as one without caches at its moment."""
    out, fresh = tmp_path / "out", Fresh(site, tmp_path, env)
    counts = built(site, out, EXAMPLE_EPOCH, env) if cold is None else cold
    assert {copied for copied, _ in counts.values()} == {0}
    kept = counts["finished pages"][1]
    assert kept > 0 and counts["generated files"][1] > 0
    if warm:
        fresh.same(out, EXAMPLE_EPOCH)
        counts = built(site, out, HOUR_ON, env)
        # The reports alone are made again: their mean time between failures runs to the
        # build's moment (render/pagereads.py).
        reports = len([*out.glob("report/index.html"), *out.glob("components/*/report/index.html")])
        assert reports > 1 and counts["finished pages"][1] == reports, counts
        assert counts["generated files"][1] == 0, counts
        fresh.same(out, HOUR_ON)
    change(changed)
    counts = built(site, out, HOUR_ON, env)
    assert counts["finished pages"][0] > kept / 2
    for copied, made in counts.values():
        assert copied > 0 and made > 0  # what shows the changed incident is made again
    fresh.same(out, HOUR_ON)
    if moved:
        counts = built(site, out, DAYS_ON, env)
        assert counts["finished pages"][0] > 0 and counts["generated files"][0] > 0
        fresh.same(out, DAYS_ON)
    assert damage(site) > 0
    counts = built(site, out, DAYS_ON if moved else HOUR_ON, env)
    assert {copied for copied, _ in counts.values()} == {0}
    fresh.same_as_last(out)


@pytest.fixture
def here(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.delenv("STATUSGEN_CACHE", raising=False)
    monkeypatch.chdir(tmp_path)


@pytest.mark.usefixtures("here")
def test_the_bilingual_example_copied_gives_a_build_without_caches(
    tmp_path: Path, example_cold: ColdExample
) -> None:
    site, counts = cold_copy(example_cold, tmp_path)
    steps(site, tmp_path, {}, site / OVER, cold=counts)


@pytest.mark.usefixtures("here")
def test_the_internal_example_copied_gives_a_build_without_caches(
    tmp_path: Path, internal_cold: ColdExample
) -> None:
    """The internal audience's pages and files, kept apart from the public's."""
    site, counts = cold_copy(internal_cold, tmp_path)
    env = {"STATUSGEN_AUDIENCE": "internal"}
    steps(site, tmp_path, env, site / OVER, moved=False, cold=counts)


@pytest.mark.usefixtures("here")
def test_a_corpus_of_incidents_all_over_copied_gives_a_build_without_caches(
    tmp_path: Path,
) -> None:
    """Every page and file reading across incidents is kept (no incident is open): the
    history, the reports, the API with its build time put in; a cold build is one without
    caches too. A small corpus: a report's mean time between failures, over a few failures,
    moves within the hour (a larger one hid a report kept with the earlier hour's)."""
    site = tmp_path / "corpus"
    write_corpus(site, 12, components=6, groups=2, years=2)
    incidents = sorted((site / "incidents").rglob("*.md"))
    incidents[-1].unlink()  # the corpus' newest incident is open
    steps(site, tmp_path, {}, incidents[0], warm=True, moved=False)


HOOK = """
def on_post_page(output, page, config):
    return output.replace("</body>", "<!-- hooked -->" + "</body>")
"""


@pytest.mark.usefixtures("here")
@pytest.mark.parametrize("setup", ["nothing else", "hook", "theme template"])
def test_a_site_whose_pages_something_else_could_change_keeps_none(
    tmp_path: Path, setup: str
) -> None:
    """Built once each (with nothing kept, the next build could copy nothing); the same
    site with nothing else keeps pages and files."""
    site = fixture_site(tmp_path / "site")
    config = (site / "mkdocs.yml").read_text(encoding="utf-8")
    if setup == "hook":
        write_site(site, {"hook.py": HOOK})
        config += "\nhooks:\n  - hook.py\n"
    elif setup == "theme template":
        write_site(site, {"overrides/main.html": '{% extends "base.html" %}\n'})
        config = config.replace("theme:\n", "theme:\n  custom_dir: overrides\n", 1)
    (site / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = mkdocs_build(site, tmp_path / "out", FIXTURE_EPOCH, verbose=True)
    assert result.returncode == 0, result.stderr
    if setup == "nothing else":
        assert len(COUNTS.findall(result.stderr)) == 2
        assert (site / PAGES_DIR).is_dir() and (site / FILES_DIR).is_dir()
        return
    assert ("hooked" in (tmp_path / "out" / "index.html").read_text()) == (setup == "hook")
    assert COUNTS.search(result.stderr) is None
    assert not (site / PAGES_DIR).exists() and not (site / FILES_DIR).exists()


@pytest.mark.usefixtures("here")
def test_a_french_name_changed_makes_again_the_pages_that_show_it(
    tmp_path: Path, example_cold: ColdExample
) -> None:
    # Names per language (issue 28) are read by incident, component and listing pages and
    # files: one kept with the old name would be wrong in French only.
    site, counts = cold_copy(example_cold, tmp_path)
    out, fresh = tmp_path / "out", Fresh(site, tmp_path, {})
    assert {copied for copied, _ in counts.values()} == {0}
    components = site / "components.yml"
    text = components.read_text(encoding="utf-8")
    assert text.count("fr: Stockage objet}") == 1
    components.write_text(text.replace("fr: Stockage objet}", "fr: Stockage d'objets}"), "utf-8")
    counts = built(site, out, EXAMPLE_EPOCH, {})
    assert counts["finished pages"][0] > 0  # what does not show the name is still copied
    fresh.same(out, EXAMPLE_EPOCH)
    page = (out / "fr/incidents/2026-12-02-object-storage-metadata-upgrade/index.html").read_text()
    assert "Stockage d&#39;objets" in page and "Stockage objet" not in page
