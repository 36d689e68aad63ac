"""Finding and reading content files: where a site's content lives, its incident files, their
text and their front matter. Unreadable files become problems, never exceptions."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import frontmatter

from statusgen.content.budgets import CLEAN_EXPECTED, find_unclean, unclean_character
from statusgen.problems import Problem

#: Where a site's content lives unless its options say otherwise.
DEFAULT_COMPONENTS_FILE = "components.yml"
DEFAULT_INCIDENTS_DIRS = ("incidents",)
#: Largest incident or components file read, in bytes; larger files are a problem, not read.
MAX_FILE_BYTES = 2 * 1024 * 1024
#: Deepest folder nesting under incidents/ (a year folder is 1 level).
MAX_FOLDER_DEPTH = 8


@dataclass(frozen=True)
class SiteLayout:
    """Where a site's content lives, relative to its root folder."""

    root: Path
    components_file: str = DEFAULT_COMPONENTS_FILE
    incidents_dirs: tuple[str, ...] = DEFAULT_INCIDENTS_DIRS
    #: Prefix for paths in problems, e.g. the `-C` folder as the user typed it.
    label_prefix: str = ""
    #: The site's languages, the default first (`options.site_languages`); () or one: texts
    #: in one language only (`content/translated.py`).
    languages: tuple[str, ...] = ()

    def label(self, path: Path) -> str:
        """The path as problems name it: relative to the root, with the prefix."""
        try:
            relative = path.relative_to(self.root).as_posix()
        except ValueError:
            relative = path.as_posix()
        return self.label_prefix + relative

    @property
    def incidents_folder(self) -> Path:
        """Where new incident files go: the first incidents folder."""
        return self.root / self.incidents_dirs[0]


def read_text(path: Path, label: str, problems: list[Problem]) -> str | None:
    """A file's UTF-8 text, or None after recording why it cannot be used."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.append(
                Problem(label, 0, f"file is {size:,} bytes; expected at most {MAX_FILE_BYTES:,}")
            )
            return None
        data = path.read_bytes()
    except OSError as error:
        problems.append(Problem(label, 0, f"cannot be read ({error.strerror}); expected a file"))
        return None
    if b"\0" in data:
        problems.append(Problem(label, 0, "is a binary file; expected UTF-8 text"))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        problems.append(
            Problem(
                label, line, f"is not UTF-8 (byte {data[error.start]:#04x}); expected UTF-8 text"
            )
        )
        return None
    text = text.removeprefix("\ufeff")
    if (found := find_unclean(text)) is not None:
        line = text.count("\n", 0, found.start()) + 1
        what = unclean_character(found.group())
        problems.append(Problem(label, line, f"holds the character {what}; {CLEAN_EXPECTED}"))
        return None
    if not text.strip():
        problems.append(Problem(label, 0, "is empty; expected content"))
        return None
    return text


def incident_files(layout: SiteLayout, problems: list[Problem]) -> list[Path]:
    """Every incident file, sorted by path; other files, links and folders that lead outside
    the site, and folders nested too deeply are problems. Walks with a stack, not recursion."""
    folders = [layout.root / name for name in layout.incidents_dirs]
    found: list[Path] = []
    stack = [
        (folder, 0)
        for folder in reversed(folders)
        if folder.is_dir() and inside_site(layout, folder, problems, "folder")
    ]
    while stack:
        current, depth = stack.pop()
        try:
            entries = sorted(os.scandir(current), key=lambda e: e.name)
        except OSError as error:
            problems.append(Problem(layout.label(current), 0, f"cannot be read ({error.strerror})"))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            if entry.is_symlink() and not _link_inside(layout, path, problems):
                continue
            if entry.is_dir():  # as Path.is_dir, links followed, from the listing's file type
                if depth >= MAX_FOLDER_DEPTH:
                    message = (
                        f"nests folders too deeply; expected at most {MAX_FOLDER_DEPTH} levels"
                    )
                    problems.append(Problem(layout.label(path), 0, message))
                else:
                    stack.append((path, depth + 1))
            elif not entry.is_file():
                message = "is not a regular file; expected an incident file"
                problems.append(Problem(layout.label(path), 0, message))
            elif path.suffix != ".md":
                message = "is not an incident file; expected <id>.md files only"
                problems.append(Problem(layout.label(path), 0, message))
            else:
                found.append(path)
    return sorted(found, key=lambda p: p.as_posix())


def _link_inside(layout: SiteLayout, path: Path, problems: list[Problem]) -> bool:
    """A link under incidents/ must reach a file inside the site (never a folder: a link to
    a folder may loop)."""
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        message = "is a broken or looping link; expected a file"
        problems.append(Problem(layout.label(path), 0, message))
        return False
    if not inside_site(layout, path, problems, "file"):
        return False
    if target.is_dir():
        message = "is a link to a folder; expected incident files and plain folders"
        problems.append(Problem(layout.label(path), 0, message))
        return False
    return True


def inside_site(layout: SiteLayout, path: Path, problems: list[Problem], what: str) -> bool:
    """True when `path` (links resolved) is inside the site's folder; else a problem, so no
    error excerpt ever echoes a file from elsewhere."""
    try:
        inside = path.resolve().is_relative_to(layout.root.resolve())
    except (OSError, RuntimeError):
        inside = False
    if not inside:
        message = f"leads outside the site's folder (a link?); expected a {what} inside it"
        problems.append(Problem(layout.label(path), 0, message))
    return inside


class FrontMatter(NamedTuple):
    """A file split at its front matter boundaries."""

    yaml: str
    #: Index in the file where the YAML text starts.
    start: int
    #: Number of lines of the file before the YAML text.
    line_offset: int
    body: str


def split_front_matter(text: str) -> FrontMatter | None:
    """Split a file into its front matter YAML and its body, or None without front matter.

    Uses python-frontmatter's own boundary so files read the same as with that library.
    """
    handler = frontmatter.YAMLHandler()  # type: ignore[attr-defined]
    opening = handler.FM_BOUNDARY.match(text)
    if opening is None:
        return None
    try:
        fm, body = handler.split(text)
    except ValueError:
        return None
    return FrontMatter(fm, opening.end(), text.count("\n", 0, opening.end()), body)


def write_whole(path: Path, data: bytes, prefix: str = ".tmp-") -> None:
    """Write `data` to `path` whole or not at all: into a temporary file beside it, then moved
    into place (`os.replace`), so readers and writers running side by side each see a whole
    file. OSError when it cannot (the temporary file is removed)."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=prefix)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


#: The `.gitignore` statusgen writes into each of its cache folders: git leaves the folder out
#: (this file included) even in a repository without a `.gitignore` of its own, so `git add -A`
#: never commits a cache (a committed one is refused: `parsecache.committed_caches`).
CACHE_GITIGNORE = "# Written by statusgen: its caches are never committed.\n*\n"


def make_cache_folder(folder: Path) -> None:
    """Make one of statusgen's cache folders (and its parents), with its `.gitignore`."""
    folder.mkdir(parents=True, exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.is_file():
        write_whole(ignore, CACHE_GITIGNORE.encode())
