"""The same content and SOURCE_DATE_EPOCH build byte-identical sites, whatever the machine's
time zone, locale, source folder or file-system order, and whatever the render cache holds:
nothing, every text, entries a crash or a disk left broken, or nothing at all when it is off."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from coldexample import cold_example
from sitebuild import EXAMPLE_EPOCH, REPO, mkdocs_build

from statusgen.render.rendercache import CACHE_DIR, CACHE_ENV

CONTENT = ("mkdocs.yml", "components.yml", "incidents", "docs")


def copy_site(target: Path, reverse: bool) -> Path:
    """Copy the example site, writing incident files in forward or reverse order."""
    target.mkdir(parents=True)
    for name in ("mkdocs.yml", "components.yml"):
        shutil.copy2(REPO / name, target / name)
    shutil.copytree(REPO / "docs", target / "docs")
    files = sorted((REPO / "incidents").rglob("*.md"), reverse=reverse)
    for path in files:
        destination = target / path.relative_to(REPO)
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(path.read_bytes())
    return target


def snapshot(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def built(
    source: Path, dest: Path, env: dict[str, str] | None = None, process: bool = False
) -> dict[str, bytes]:
    result = mkdocs_build(source, dest, EXAMPLE_EPOCH, env=env, process=process)
    assert result.returncode == 0, result.stderr
    return snapshot(dest)


@dataclass(frozen=True)
class Cold:
    """A copy of the example, built once (at its fixed moment, the machine's zone and locale,
    an empty render cache), which the tests of this file compare their builds with."""

    source: Path
    files: dict[str, bytes]


@pytest.fixture(scope="session")
def cold(tmp_path_factory: pytest.TempPathFactory) -> Cold:
    """Built once per run for every worker (the run's `cold_example`, which
    test_finished_pages.py builds on too); read-only."""
    example = cold_example(tmp_path_factory)
    return Cold(example.source, snapshot(example.out))


def test_builds_are_byte_identical_across_zones_locales_and_order(
    cold: Cold, tmp_path: Path
) -> None:
    assert os.environ.get("TZ") != "Asia/Kolkata" and os.environ.get("LC_ALL") != "fr_FR.UTF-8"
    second = copy_site(tmp_path / "elsewhere" / "two", reverse=True)
    right = built(
        second,
        tmp_path / "out-b",
        {"TZ": "Asia/Kolkata", "LC_ALL": "fr_FR.UTF-8", "LANG": "de_DE.UTF-8"},
        process=True,  # a new process takes the zone and locale (and another hash seed)
    )
    left = cold.files
    assert sorted(left) == sorted(right)
    different = [name for name in left if left[name] != right[name]]
    assert different == []
    # Nothing of the machine leaks into the output.
    for content in left.values():
        assert str(cold.source.parent).encode() not in content
        assert str(tmp_path).encode() not in content


def test_a_later_build_date_changes_the_output(cold: Cold, tmp_path: Path) -> None:
    """The check above could pass by ignoring the clock; it must not."""
    later = mkdocs_build(cold.source, tmp_path / "b", str(int(EXAMPLE_EPOCH) + 3 * 3600))
    assert later.returncode == 0, later.stderr
    assert cold.files["index.html"] != (tmp_path / "b/index.html").read_bytes()


def cache_entries(site: Path) -> list[Path]:
    """The render cache's entries (in its two-character folders: not its CACHEDIR.TAG or
    .gitignore), in a fixed order."""
    folder = site / CACHE_DIR
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.parent != folder)


def test_builds_are_byte_identical_cold_warm_and_with_a_corrupt_render_cache(
    cold: Cold, tmp_path: Path
) -> None:
    source = copy_site(tmp_path / "src", reverse=False)
    shutil.copytree(cold.source / CACHE_DIR, source / CACHE_DIR)  # as the cold build left it
    entries = cache_entries(source)
    assert len(entries) >= 6, "the example's Markdown texts are rendered into the cache"
    written = {path: path.read_bytes() for path in entries}

    assert built(source, tmp_path / "warm") == cold.files
    assert {path: path.read_bytes() for path in cache_entries(source)} == written, (
        "a warm build finds every entry whole and rewrites none"
    )

    truncated, altered, garbage, empty, moved, foreign = entries[:6]
    truncated.write_bytes(written[truncated][: len(written[truncated]) // 2])
    header, _, body = written[altered].partition(b"\n")
    altered.write_bytes(header + b"\n" + body + b"<script>alert(1)</script>")
    garbage.write_bytes(bytes(range(256)) * 4)
    empty.write_bytes(b"")
    moved.write_bytes(written[foreign])  # another text's whole entry under this text's name
    assert built(source, tmp_path / "corrupt") == cold.files
    for path in (truncated, altered, garbage, empty, moved):
        assert path.read_bytes().partition(b"\n")[2] == written[path].partition(b"\n")[2], (
            f"{path.name} is rendered again and rewritten whole"
        )


def test_a_build_without_the_render_cache_is_the_same_and_leaves_none(
    cold: Cold, tmp_path: Path
) -> None:
    source = copy_site(tmp_path / "plain", reverse=False)
    assert built(source, tmp_path / "without", {CACHE_ENV: "off"}) == cold.files
    assert not (source / ".cache").exists()
