"""The same content and SOURCE_DATE_EPOCH build byte-identical sites, whatever the machine's
time zone, locale, source folder or file-system order."""

from __future__ import annotations

import shutil
from pathlib import Path

from sitebuild import EXAMPLE_EPOCH, REPO, mkdocs_build

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


def test_builds_are_byte_identical_across_zones_locales_and_order(tmp_path: Path) -> None:
    first = copy_site(tmp_path / "one" / "src", reverse=False)
    second = copy_site(tmp_path / "elsewhere" / "two", reverse=True)
    out_a, out_b = tmp_path / "out-a", tmp_path / "out-b"
    a = mkdocs_build(
        first, out_a, EXAMPLE_EPOCH, env={"TZ": "UTC", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
    )
    b = mkdocs_build(
        second,
        out_b,
        EXAMPLE_EPOCH,
        env={"TZ": "Asia/Kolkata", "LC_ALL": "fr_FR.UTF-8", "LANG": "de_DE.UTF-8"},
    )
    assert a.returncode == 0, a.stderr
    assert b.returncode == 0, b.stderr
    left, right = snapshot(out_a), snapshot(out_b)
    assert sorted(left) == sorted(right)
    different = [name for name in left if left[name] != right[name]]
    assert different == []
    # Nothing of the machine leaks into the output.
    for content in left.values():
        assert str(tmp_path).encode() not in content


def test_a_later_build_date_changes_the_output(tmp_path: Path) -> None:
    """The check above could pass by ignoring the clock; it must not."""
    source = copy_site(tmp_path / "src", reverse=False)
    a = mkdocs_build(source, tmp_path / "a", EXAMPLE_EPOCH)
    b = mkdocs_build(source, tmp_path / "b", str(int(EXAMPLE_EPOCH) + 3 * 3600))
    assert a.returncode == 0 and b.returncode == 0
    assert (tmp_path / "a/index.html").read_bytes() != (tmp_path / "b/index.html").read_bytes()
