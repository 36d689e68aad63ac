"""A source folder is hostile input (issue 25): each reader reads only inside it (no link, no
path out of it, no pipe), holds every file to a size cap, and parses YAML without aliases."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
from importsources import ALIASES, FIXTURES, LAUGHS, refused, replace, source

from statusgen.importers import source as source_module
from statusgen.importers.source import DOCUMENT_BYTES, FILE_BYTES, MAX_DEPTH


# -- reading only inside the source ---------------------------------------------------------
def test_a_linked_cstate_issue_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    cstate = source(tmp_path, "cstate")
    (cstate / "content" / "issues" / "passwd.md").symlink_to(secret)
    assert refused("cstate", cstate) == (
        f"{cstate}/content/issues/passwd.md: a symbolic link; expected a regular file inside "
        f"{cstate}"
    )


def test_a_link_is_refused_even_when_it_points_inside_the_source(tmp_path: Path) -> None:
    cstate = source(tmp_path, "cstate")
    issues = cstate / "content" / "issues"
    (issues / "again.md").symlink_to(issues / "2024-07-01-legacy-outage.md")
    assert "again.md: a symbolic link" in refused("cstate", cstate)


def test_a_linked_folder_is_refused(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "x.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    cstate = source(tmp_path, "cstate")
    shutil.rmtree(cstate / "content" / "issues")
    (cstate / "content" / "issues").symlink_to(elsewhere, target_is_directory=True)
    assert refused("cstate", cstate) == (
        f"{cstate}/content/issues: a symbolic link; expected a folder inside {cstate}"
    )


def test_a_linked_folder_deep_in_a_walked_tree_is_refused(tmp_path: Path) -> None:
    statuspage = source(tmp_path, "statuspage")
    (statuspage / "more" / "older").mkdir(parents=True)
    (statuspage / "more" / "older" / "home").symlink_to(Path.home(), target_is_directory=True)
    assert refused("statuspage", statuspage).startswith(
        f"{statuspage}/more/older/home: a symbolic link; expected"
    )


def test_a_linked_config_file_is_refused(tmp_path: Path) -> None:
    upptime = source(tmp_path, "upptime")
    (upptime / ".upptimerc.yml").unlink()
    (upptime / ".upptimerc.yml").symlink_to(FIXTURES / "upptime" / ".upptimerc.yml")
    assert ".upptimerc.yml: a symbolic link; expected a regular file" in refused("upptime", upptime)


@pytest.mark.parametrize("folder", ["../..", "/etc", "content/../..", "..\\..\\x"])
def test_statusfy_dir_outside_the_source_is_refused(tmp_path: Path, folder: str) -> None:
    statusfy = source(tmp_path, "statusfy")
    replace(statusfy / "config.js", 'dir: "content"', f'dir: "{folder}"')
    assert refused("statusfy", statusfy) == (
        f"{statusfy}/config.js:11: content.dir {folder!r} leads outside {statusfy}; "
        "expected a folder inside the source"
    )


def test_statusfy_dir_through_a_link_is_refused(tmp_path: Path) -> None:
    statusfy = source(tmp_path, "statusfy")
    (statusfy / "posts").symlink_to(tmp_path, target_is_directory=True)
    replace(statusfy / "config.js", 'dir: "content"', 'dir: "posts"')
    assert f"{statusfy}/posts: a symbolic link" in refused("statusfy", statusfy)


@pytest.mark.parametrize("language", ["../../../../etc/passwd", "en/../../x", "/etc/hosts"])
def test_a_malicious_default_locale_is_refused(tmp_path: Path, language: str) -> None:
    statusfy = source(tmp_path, "statusfy")
    replace(statusfy / "config.js", 'defaultLocale: "en"', f'defaultLocale: "{language}"')
    assert refused("statusfy", statusfy) == (
        f"{statusfy}/config.js:5: defaultLocale {language!r} is not a language code; expected a "
        "name like en or pt-BR (the name of a file in locales/)"
    )


def test_a_named_pipe_is_refused_without_waiting(tmp_path: Path) -> None:
    cstate = source(tmp_path, "cstate")
    pipe = cstate / "content" / "issues" / "pipe.md"
    os.mkfifo(pipe)
    done = threading.Event()
    # A reader that opens the pipe waits for a writer: this one comes, so a regression fails
    # (the pipe read as an incident) rather than hangs.
    writer = threading.Thread(target=_write_when_read, args=(pipe, done), daemon=True)
    writer.start()
    try:
        assert "pipe.md: a named pipe; expected a regular file" in refused("cstate", cstate)
    finally:
        done.set()
        writer.join()


def _write_when_read(pipe: Path, done: threading.Event) -> None:
    while not done.wait(0.05):
        try:
            fd = os.open(pipe, os.O_WRONLY | os.O_NONBLOCK)  # fails while nobody reads
        except OSError:
            continue
        os.write(fd, b"---\ntitle: from a pipe\n---\n")
        os.close(fd)
        return


@pytest.mark.parametrize(
    ("fmt", "path", "cap"),
    [
        ("cstate", "content/issues/huge.md", FILE_BYTES),
        ("statusfy", "config.js", FILE_BYTES),
        ("upptime", "issues.json", DOCUMENT_BYTES),
        ("statuspage", "incidents.json", DOCUMENT_BYTES),
    ],
)
def test_a_file_over_its_size_cap_is_refused(tmp_path: Path, fmt: str, path: str, cap: int) -> None:
    folder = source(tmp_path, fmt)
    with (folder / path).open("ab") as file:
        file.truncate(cap + 1)  # sparse: nothing is written, and nothing is read
    assert (
        refused(fmt, folder) == f"{folder}/{path}: is {cap + 1:,} bytes; expected at most {cap:,}"
    )


def test_a_source_over_its_total_cap_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    statuspage = source(tmp_path, "statuspage")
    sizes = sorted((p.name, p.stat().st_size) for p in statuspage.glob("*.json"))
    monkeypatch.setattr(source_module, "SOURCE_BYTES", sizes[0][1] + sizes[1][1])
    assert refused("statuspage", statuspage) == (
        f"{statuspage}/{sizes[2][0]}: the source holds more than {sizes[0][1] + sizes[1][1]:,} "
        "bytes of files to read; expected a smaller source (import it in parts)"
    )


def test_folders_nested_too_deeply_are_refused(tmp_path: Path) -> None:
    upptime = source(tmp_path, "upptime")
    deep = upptime.joinpath(*["d"] * (MAX_DEPTH + 1))
    deep.mkdir(parents=True)
    too_deep = "/".join(["d"] * (MAX_DEPTH + 1))
    assert refused("upptime", upptime) == (
        f"{upptime}/{too_deep}: nests folders too deeply; expected at most {MAX_DEPTH} levels"
    )


# -- YAML without aliases -------------------------------------------------------------------
def test_an_alias_bomb_in_cstate_front_matter_is_refused(tmp_path: Path) -> None:
    cstate = source(tmp_path, "cstate")
    (cstate / "content" / "issues" / "bomb.md").write_text(f"---\n{LAUGHS}\n---\n", "utf-8")
    message = refused("cstate", cstate)
    assert message.startswith(f"{cstate}/content/issues/bomb.md:2: {ALIASES}"), message


@pytest.mark.parametrize(
    ("fmt", "config"), [("cstate", "config.yml"), ("upptime", ".upptimerc.yml")]
)
def test_an_alias_bomb_in_a_config_file_is_refused(tmp_path: Path, fmt: str, config: str) -> None:
    folder = source(tmp_path, fmt)
    lines = (folder / config).read_text(encoding="utf-8").count("\n")
    with (folder / config).open("a", encoding="utf-8") as file:
        file.write(LAUGHS.replace("title:", "x-title:") + "\n")
    message = refused(fmt, folder)
    assert message.startswith(f"{folder}/{config}:{lines + 1}: {ALIASES}"), message


def test_an_alias_in_statusfy_front_matter_is_refused(tmp_path: Path) -> None:
    statusfy = source(tmp_path, "statusfy")
    path = statusfy / "content" / "2025-01-28_api-issues.md"
    replace(path, "title: API Issues\n", "title: &t API Issues\ndescription: *t\n")
    assert refused("statusfy", statusfy) == (
        f"{path}:3: {ALIASES}; expected every value written out where it is used"
    )
