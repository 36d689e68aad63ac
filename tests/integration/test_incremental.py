"""`mkdocs serve`'s incremental path (statusgen/plugin/incremental.py, issue 22): after an
incident file is edited, the served folder equals a full `mkdocs build` of the edited site, byte
for byte; whatever it cannot map falls back to the full build and writes nothing.

The site is the bilingual example (every language, hand-written pages with statusgen's markers,
Material's search), built in this process as `mkdocs serve` builds it, at the example's fixed
moment (SOURCE_DATE_EPOCH), then edited step by step; each step is compared with a fresh
`mkdocs build --strict` of the edited files at the same moment."""

from __future__ import annotations

import filecmp
import logging
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from coldexample import copy_example
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer
from sitebuild import EXAMPLE_EPOCH, mkdocs_build
from watchdog.events import FileModifiedEvent

from benchmarks.corpus import write_corpus
from statusgen.model import Incident
from statusgen.plugin.incremental import Preview
from statusgen.render.historypage import RECENT_IN_ARCHIVE
from statusgen.render.pages import COMPONENT_INCIDENTS, SEARCHABLE_INCIDENTS

OPEN = "incidents/2026/2026-11-23-email-delivery-delays.md"
OVER = "incidents/2026/2026-04-29-cdn-stale-content.md"


def differences(left: Path, right: Path) -> list[str]:
    """Every file that is in one folder only or whose bytes differ (`diff -r`)."""
    found: list[str] = []

    def walk(compared: filecmp.dircmp[str], prefix: str) -> None:
        found.extend(prefix + name for name in compared.left_only + compared.right_only)
        found.extend(prefix + name for name in compared.funny_files)
        for name in compared.common_files:
            if (Path(compared.left) / name).read_bytes() != (
                Path(compared.right) / name
            ).read_bytes():
                found.append(prefix + name)
        for name, sub in compared.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right), "")
    return sorted(found)


class Served:
    """A site built in this process as `mkdocs serve` builds it, and its preview; an edit the
    preview refuses is built in full, as `mkdocs serve` does then."""

    def __init__(self, site: Path, out: Path) -> None:
        self.site, self.out = site, out
        self.preview = self.full_build()

    def full_build(self) -> Preview:
        config = load_config(config_file=str(self.site / "mkdocs.yml"), site_dir=str(self.out))
        build(config, serve_url="http://127.0.0.1:8000/")
        plugin: Any = config.plugins["statusgen"]
        assert plugin.recorder.built is not None
        return Preview(plugin.recorder.built)

    def rebuilt(self, path: Path) -> bool:
        """Whether the edit of `path` was made incrementally."""
        if self.preview.rebuild({str(path)}):
            return True
        self.preview = self.full_build()
        return False


@pytest.fixture
def pinned(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EXAMPLE_EPOCH)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.chdir(tmp_path)


def edit(site: Path, name: str, old: str, new: str) -> Path:
    path = site / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def same_as_full_build(served: Served, tmp_path: Path, step: str) -> None:
    full = tmp_path / f"full-{step}"
    result = mkdocs_build(served.site, full)
    assert result.returncode == 0, result.stderr
    assert differences(served.out, full) == []
    shutil.rmtree(full)


def page_of(out: Path, name: str) -> Path:
    return out / "incidents" / Path(name).stem / "index.html"


#: (step, file, old text, new text, made incrementally). Status edits and a resolution are made
#: incrementally on the bilingual example too: the French navigation's first tab is "État", not
#: the overview's title (which names the worst status), so no other French page changes.
EXAMPLE_STEPS = [
    ("message", OPEN, "go out within one to two minutes.", "go out within a minute.", True),
    (
        "status",
        OPEN,
        "  email-delivery: degraded_performance\n",
        "  email-delivery: partial_outage\n",
        True,
    ),
    (
        "phase",
        OPEN,
        "    estimate: 2026-11-23T13:00:00Z\n",
        "    estimate: 2026-11-23T13:00:00Z\n"
        "  - at: 2026-11-23T11:45:00Z\n"
        "    status: monitoring\n"
        "    message: Half of the backlog is sent.\n",
        True,
    ),
    ("month", OVER, "2026-04-29T", "2026-03-29T", True),
    (
        "resolved",
        OPEN,
        "    message: Half of the backlog is sent.\n",
        "    message: Half of the backlog is sent.\n"
        "  - at: 2026-11-23T11:55:00Z\n"
        "    status: resolved\n"
        "    message: Every delayed email is sent.\n",
        True,
    ),
]


@pytest.mark.usefixtures("pinned")
def test_each_edit_of_the_example_gives_what_a_full_build_gives(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, example_site: Path
) -> None:
    caplog.set_level(logging.INFO, "mkdocs.plugins.statusgen")
    served = Served(copy_example(tmp_path / "site"), tmp_path / "served")
    # Before any edit, the copy is the example: its full build is the run's (tests/conftest.py).
    assert differences(served.out, example_site) == []
    for step, name, old, new, incremental in EXAMPLE_STEPS:
        before = page_of(served.out, name).read_bytes()
        path = edit(served.site, name, old, new)
        assert served.rebuilt(path) is incremental, (step, caplog.messages[-3:])
        assert page_of(served.out, name).read_bytes() != before, step
        same_as_full_build(served, tmp_path, step)


def folder_bytes(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file()
    }


#: The corpus' size: past what the history and the search index hold of the newest incidents.
CORPUS_INCIDENTS = max(RECENT_IN_ARCHIVE, SEARCHABLE_INCIDENTS) + 20


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """The benchmark's corpus in one language, with its newest incident (open at the corpus'
    moment, on several components) at a known path: more incidents than the history and the
    search index show, on 8 components, so that a component page shows only its newest
    (COMPONENT_INCIDENTS; the test asserts it of the components it edits)."""
    site = tmp_path / "corpus"
    write_corpus(site, CORPUS_INCIDENTS, components=8)
    return site


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    """The corpus with 40 incidents, for what does not depend on the site's size (what the
    preview refuses and why): its full build costs half the CPU."""
    site = tmp_path / "corpus"
    write_corpus(site, 40)
    return site


def touched(incident: Incident) -> set[str]:
    """The components an incident names, at its start or in any update."""
    return {*incident.components, *(c for phase in incident.phases for c in phase.components)}


def newest(site: Path) -> Path:
    return max((site / "incidents").rglob("*.md"), key=lambda path: path.as_posix())


@pytest.mark.usefixtures("pinned")
def test_a_corpus_incident_moved_to_another_component_gives_a_full_builds_bytes(
    corpus: Path, tmp_path: Path
) -> None:
    served = Served(corpus, tmp_path / "served")
    path = newest(corpus)
    text = path.read_text(encoding="utf-8")
    listed = text.split("components:\n", 1)[1].split("phases:", 1)[0]
    first = listed.splitlines()[0].split(":")[0].strip()
    assert served.preview.built is not None
    catalog = served.preview.built.site.catalog
    other = next(component.id for component in catalog.components if component.id not in text)
    worse = "major_outage" if "major_outage" not in listed else "degraded_performance"
    # Both components' pages list only their newest incidents: moving one drops another.
    shown = served.preview.built.site.incidents
    assert len(shown) == CORPUS_INCIDENTS
    for component in (first, other):
        assert sum(component in touched(incident) for incident in shown) > COMPONENT_INCIDENTS
    for step, old, new in [
        ("component", f"  {first}: ", f"  {other}: "),
        ("status", f"  {other}: {listed.splitlines()[0].split(': ')[1]}", f"  {other}: {worse}"),
    ]:
        before = page_of(served.out, path.name).read_bytes()
        edit(corpus, path.relative_to(corpus).as_posix(), old, new)
        assert served.rebuilt(path), step
        assert page_of(served.out, path.name).read_bytes() != before, step
        same_as_full_build(served, tmp_path, step)


@pytest.mark.usefixtures("pinned")
def test_what_it_cannot_map_falls_back_to_the_full_build_and_writes_nothing(
    small_corpus: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    corpus = small_corpus
    caplog.set_level(logging.INFO, "mkdocs.plugins.statusgen")
    served = Served(corpus, tmp_path / "served")
    written = folder_bytes(served.out)
    path = newest(corpus)
    text = path.read_text(encoding="utf-8")
    copy = path.with_name("2026-11-23-a-new-incident.md")
    components = corpus / "components.yml"

    def broken() -> Path:
        path.write_text(text.replace("status: ", "status: no-such-", 1), encoding="utf-8")
        return path

    def added() -> Path:
        copy.write_text(text, encoding="utf-8")
        return copy

    def catalog() -> Path:
        components.write_text(components.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        return components

    for change, reason in [
        (broken, "has problems"),
        (added, "is new, deleted or renamed"),
        (catalog, "components.yml changed"),
    ]:
        assert not served.preview.rebuild({str(change())})
        assert reason in caplog.messages[-1]
        assert folder_bytes(served.out) == written
        path.write_text(text, encoding="utf-8")
        copy.unlink(missing_ok=True)


@pytest.mark.usefixtures("pinned")
def test_mkdocs_serve_calls_the_preview_first_and_its_own_builder_after(
    small_corpus: Path, tmp_path: Path
) -> None:
    """The wiring `on_serve` sets up: MkDocs' server calls the preview's builder, which takes
    the changes its handler recorded; what it cannot make goes to MkDocs' builder (the
    wiring does not depend on the site's size)."""
    corpus = small_corpus
    served = Served(corpus, tmp_path / "served")
    full: list[str] = []
    server = LiveReloadServer(lambda: full.append("built"), "127.0.0.1", 0, str(served.out))
    try:
        preview = Preview.serve(
            server, load_config(str(corpus / "mkdocs.yml")), served.preview.built, [corpus]
        )
        path = newest(corpus)
        text = path.read_text(encoding="utf-8")  # a plain message (not a quoted one) edited
        edited = re.sub(r"^    message: (?=[^\"'])", "    message: Now ", text, flags=re.M)
        assert edited != text
        path.write_text(edited, encoding="utf-8")
        preview.changes.on_any_event(FileModifiedEvent(str(path)))
        server.builder()
        assert full == []
        assert "Now " in page_of(served.out, path.name).read_text(encoding="utf-8")
        preview.changes.on_any_event(FileModifiedEvent(str(corpus / "components.yml")))
        server.builder()
        assert full == ["built"]
    finally:
        server.server_close()
