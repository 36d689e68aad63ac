"""A cache committed to the site's repository is never used (a pull request could plant HTML
or verdicts in it that no check has seen), and `statusgen check` refuses it."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from statusgen.cli import main
from statusgen.content import parsecache
from statusgen.render import rendercache
from tests.sitebuild import fixture_site, mkdocs_build

NOW = "2026-11-23T12:00:00Z"


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("STATUSGEN_CACHE", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    parsecache.committed_caches.cache_clear()
    root = fixture_site(tmp_path / "site")
    _git(root, "init", "-q")
    return root


def _plant(root: Path) -> Path:
    planted = root / rendercache.CACHE_DIR / "planted.json"
    planted.parent.mkdir(parents=True, exist_ok=True)
    planted.write_text(json.dumps({"html": "<script>alert(1)</script>"}))
    _git(root, "add", "-f", str(planted))
    parsecache.committed_caches.cache_clear()
    return planted


def test_check_refuses_a_committed_cache_and_keeps_nothing(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--now", NOW, "-C", str(site), "check"]) == 0  # an ignored cache is fine
    capsys.readouterr()
    planted = _plant(site)
    assert main(["--now", NOW, "-C", str(site), "check"]) == 1
    err = capsys.readouterr().err
    assert f"{planted}: a cache file is committed; expected .cache/ to stay out of git" in err
    assert parsecache.caches_usable(site) is False


def test_a_build_with_a_committed_cache_neither_reads_nor_writes_it(
    site: Path, tmp_path: Path
) -> None:
    planted = _plant(site)
    before = sorted(p.relative_to(site) for p in (site / ".cache").rglob("*") if p.is_file())
    assert mkdocs_build(site, tmp_path / "out").returncode == 0
    after = sorted(p.relative_to(site) for p in (site / ".cache").rglob("*") if p.is_file())
    assert after == before == [planted.relative_to(site)]
    # Without it, the same build keeps its caches there.
    _git(site, "rm", "-q", "--cached", str(planted))
    parsecache.committed_caches.cache_clear()
    assert mkdocs_build(site, tmp_path / "again").returncode == 0
    kept = [p for p in (site / rendercache.CACHE_DIR).rglob("*") if p.is_file()]
    assert len(kept) > 2, kept  # the planted file, CACHEDIR.TAG and the texts rendered


def test_git_add_all_leaves_the_caches_out_even_without_a_gitignore(
    site: Path, tmp_path: Path
) -> None:
    """A repository made by hand, without the `.gitignore` that `statusgen init` writes: each
    cache folder ignores itself, so `git add -A` after a build and a check commits none."""
    assert not (site / ".gitignore").exists()
    assert mkdocs_build(site, tmp_path / "out").returncode == 0
    assert main(["--now", NOW, "-C", str(site), "check"]) == 0
    folders = [site / rendercache.CACHE_DIR, (site / parsecache.CACHE_FILE).parent]
    assert all((folder / ".gitignore").is_file() for folder in folders)
    assert any(p.is_file() for p in (site / rendercache.CACHE_DIR).rglob("*"))
    _git(site, "add", "-A")
    staged = subprocess.run(
        ["git", "-C", str(site), "diff", "--cached", "--name-only"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert staged and not [name for name in staged if name.startswith(".cache/")], staged
    parsecache.committed_caches.cache_clear()
    assert parsecache.caches_usable(site)
