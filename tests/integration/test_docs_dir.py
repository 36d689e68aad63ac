"""`statusgen check` runs the build's checks of docs_dir: content reachable from it (a content
folder inside it, or a link into the content) and hand-written files where statusgen publishes
its own are problems for the check, not only for the build."""

from __future__ import annotations

from pathlib import Path

import pytest
from sitebuild import FIXTURE_EPOCH, fixture_site, mkdocs_build

from statusgen.cli import main
from statusgen.content.docsdir import MAX_DOCS_DEPTH

NOW = "2026-03-10T12:00:00Z"


def check(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["-C", str(root), "--now", NOW, "check"])
    captured = capsys.readouterr()
    return code, captured.err + captured.out


def test_a_link_from_docs_into_the_incidents_is_refused_by_check_and_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = fixture_site(tmp_path / "src")
    (root / "docs" / "inc").symlink_to("../incidents")
    (root / "docs" / "status.yml").symlink_to("../components.yml")
    code, output = check(root, capsys)
    assert code == 1, output
    assert f"{root}/docs/inc: leads to incidents (a link?); expected no content" in output
    assert f"{root}/docs/status.yml: leads to components.yml" in output
    out = tmp_path / "site"
    result = mkdocs_build(root, out, FIXTURE_EPOCH)
    assert result.returncode == 1 and "docs/inc: leads to incidents" in result.stderr
    assert not (out / "inc").exists()


def test_a_link_deeper_than_the_walk_goes_is_refused_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """MkDocs publishes at any depth: what lies deeper than the check looks is refused, so a
    link to the incidents cannot hide there."""
    root = fixture_site(tmp_path / "src")
    deep = root / "docs" / "/".join(["d"] * (MAX_DOCS_DEPTH + 2))
    deep.mkdir(parents=True)
    (deep / "inc").symlink_to(root / "incidents")
    code, output = check(root, capsys)
    assert code == 1, output
    assert f"folders deep in docs_dir; expected at most {MAX_DOCS_DEPTH}" in output


def test_an_incidents_folder_inside_docs_is_refused_by_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = fixture_site(tmp_path)
    (root / "incidents").rename(root / "docs" / "incidents-src")
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "timezone: UTC", "timezone: UTC\n      incidents_dir: docs/incidents-src"
        )
    )
    code, output = check(root, capsys)
    assert code == 1, output
    assert f"{root}/docs/incidents-src: is inside docs_dir ({root}/docs); expected it" in output


@pytest.mark.parametrize(
    ("hand_written", "words"),
    [
        ("docs/README.md", "is published as index.html, where statusgen publishes index.html"),
        ("docs/history.md", "is published as history/index.html, where statusgen publishes"),
        ("docs/feed.rss", "is published as feed.rss, where statusgen publishes feed.rss"),
        (
            "docs/api/v2/summary.json/index.md",
            "is published as api/v2/summary.json/index.html, where statusgen publishes "
            "api/v2/summary.json",
        ),
    ],
)
def test_a_hand_written_file_in_a_generated_place_is_refused_by_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], hand_written: str, words: str
) -> None:
    root = fixture_site(tmp_path)
    (root / hand_written).parent.mkdir(parents=True, exist_ok=True)
    (root / hand_written).write_text("# Mine\n")
    code, output = check(root, capsys)
    assert code == 1, output
    assert f"{root}/{hand_written}: {words}" in output, output


def test_ordinary_hand_written_pages_pass(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = fixture_site(tmp_path)
    (root / "docs" / "about.md").write_text("# About\n")
    (root / "docs" / "img").mkdir()
    (root / "docs" / "img" / "logo.svg").write_text("<svg/>")
    code, output = check(root, capsys)
    assert code == 0, output
