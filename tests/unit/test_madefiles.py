"""A generated file's content is made when it is first read (MkDocs writing it, or another
plugin reading it), not when the plugin adds it, and let go once written (`plugin/madefiles.py`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from statusgen.plugin.madefiles import MadeFile


@pytest.fixture
def config(tmp_path: Path) -> MkDocsConfig:
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: Status\n", encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins._current_plugin = "statusgen"  # as MkDocs sets it while a plugin runs
    return config


class Counted:
    """A maker that counts its calls."""

    def __init__(self, content: str | bytes) -> None:
        self.content = content
        self.calls = 0

    def __call__(self) -> str | bytes:
        self.calls += 1
        return self.content


def test_made_when_read_written_as_given_and_let_go_after(config: MkDocsConfig) -> None:
    make = Counted('{"status": "ok"}\n')
    file = MadeFile.of(config, "api/v2/status.json", make)
    assert make.calls == 0  # added, not made
    plain = File.generated(config, "api/v2/status.json", content=make.content)
    assert (file.dest_uri, file.url, file.generated_by) == (
        plain.dest_uri,
        plain.url,
        plain.generated_by,
    )
    assert file.content_string == make.content and file.content_bytes == b'{"status": "ok"}\n'
    assert make.calls == 1  # read twice, made once
    file.copy_file()
    assert Path(file.abs_dest_path).read_bytes() == b'{"status": "ok"}\n'
    assert make.calls == 1
    assert file.content_string == make.content  # let go when written: made again if read
    assert make.calls == 2


def test_bytes_are_written_as_bytes(config: MkDocsConfig) -> None:
    file = MadeFile.of(config, "badges/status.svg", Counted(b"<svg>\xc3\xa9</svg>"))
    file.copy_file()
    assert Path(file.abs_dest_path).read_bytes() == b"<svg>\xc3\xa9</svg>"


def test_content_another_plugin_sets_wins(config: MkDocsConfig) -> None:
    make = Counted("made")
    file = MadeFile.of(config, "feed.rss", make)
    file.content_string = "set by a plugin"
    file.copy_file()
    assert Path(file.abs_dest_path).read_text(encoding="utf-8") == "set by a plugin"
    assert file.content_string == "set by a plugin" and make.calls == 0
