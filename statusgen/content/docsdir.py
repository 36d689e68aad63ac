"""A site's hand-written files (`docs_dir`) against its content and its generated files.

Pure logic, without MkDocs, shared by `statusgen check` and the plugin: MkDocs publishes every
file of `docs_dir` as it is, so no path there may reach the content (an `incidents_dir` inside
`docs_dir`, or a link such as `docs/inc -> ../incidents`, would publish every incident file
unchecked, internal ones included), and no hand-written file may take a generated file's place
(compared by output path, so `docs/README.md`, which MkDocs publishes as `index.html`, counts).
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import quote

from pathspec.gitignore import GitIgnoreSpec

from statusgen.content.files import MAX_FOLDER_DEPTH, SiteLayout
from statusgen.problems import Problem

#: Deepest folder nesting walked in docs_dir (links to folders included, each visited once).
MAX_DOCS_DEPTH = 4 * MAX_FOLDER_DEPTH


def _resolved(path: Path) -> Path | None:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return None


def content_in_docs(layout: SiteLayout, docs_dir: Path) -> list[Problem]:
    """Problems of content reachable from docs_dir: a content path inside it, or any path in
    it that resolves (links followed) into an incidents folder or to the components file."""
    docs = _resolved(docs_dir)
    if docs is None or not docs.is_dir():
        return []
    problems: list[Problem] = []
    content = [(name, _resolved(layout.root / name)) for name in layout.incidents_dirs]
    components = _resolved(layout.root / layout.components_file)
    for name, target in [*content, (layout.components_file, components)]:
        if target is not None and target.is_relative_to(docs):
            problems.append(
                Problem(
                    layout.label(layout.root / name),
                    0,
                    f"is inside docs_dir ({layout.label(docs_dir)}); expected it beside "
                    "mkdocs.yml (MkDocs would publish its files as they are, unchecked)",
                )
            )
    if problems:
        return problems
    too_deep: list[Path] = []
    for path, target in _walk(docs_dir, too_deep):
        reached = next(
            (n for n, folder in content if folder and target.is_relative_to(folder)),
            layout.components_file if target == components else None,
        )
        if reached is not None:
            problems.append(
                Problem(
                    layout.label(path),
                    0,
                    f"leads to {reached} (a link?); expected no content in docs_dir (MkDocs "
                    "would publish those files as they are, unchecked, internal ones too)",
                )
            )
    if too_deep:  # MkDocs publishes what lies deeper, so what is not looked at is refused
        problems.append(
            Problem(
                layout.label(too_deep[0]),
                0,
                f"is more than {MAX_DOCS_DEPTH} folders deep in docs_dir; expected at most "
                f"{MAX_DOCS_DEPTH} (deeper, statusgen cannot check for links to content)",
            )
        )
    return problems


def _walk(docs_dir: Path, too_deep: list[Path] | None = None) -> Iterator[tuple[Path, Path]]:
    """(path, resolved path) of everything under docs_dir, links followed as MkDocs follows
    them, each real folder once, without recursion; folders deeper than MAX_DOCS_DEPTH are
    not entered but added to `too_deep`."""
    seen: set[Path] = set()
    stack = [(docs_dir, 0)]
    while stack:
        folder, depth = stack.pop()
        real = _resolved(folder)
        if real is None or real in seen:
            continue
        if depth > MAX_DOCS_DEPTH:
            if too_deep is not None:
                too_deep.append(folder)
            continue
        seen.add(real)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            path = Path(entry.path)
            target = _resolved(path)
            if target is None:
                continue
            yield path, target
            if target.is_dir():
                stack.append((path, depth + 1))


def docs_entries(docs_dir: Path) -> Iterator[tuple[Path, Path]]:
    """(path, resolved path) of everything under docs_dir, as `content_in_docs` and
    `docs_files` walk it."""
    return _walk(docs_dir)


def docs_files(docs_dir: Path) -> list[str]:
    """The site-relative source paths of docs_dir's files, as MkDocs lists them (dot files
    and folders left out)."""
    found = []
    for path, target in _walk(docs_dir):
        relative = path.relative_to(docs_dir).as_posix()
        hidden = any(part.startswith(".") for part in relative.split("/"))
        if target.is_file() and not hidden:
            found.append(relative)
    return sorted(found)


#: The extensions MkDocs reads as Markdown pages (`mkdocs.utils.markdown_extensions`).
MARKDOWN_EXTENSIONS = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")


def output_path(src: str, use_directory_urls: bool = True) -> str:
    """Where MkDocs publishes a file of docs_dir or a generated one (its `File.dest_uri`):
    Markdown pages become HTML, `index.md` and `README.md` their folder's index. The one
    statement of MkDocs' rule outside MkDocs (`tests/unit/test_urls.py` holds it to MkDocs')."""
    folder, name = posixpath.split(src)
    stem, extension = posixpath.splitext(name)
    if extension not in MARKDOWN_EXTENSIONS:
        return src
    if stem in ("index", "README"):
        return posixpath.join(folder, "index.html")
    if use_directory_urls:
        return posixpath.join(folder, stem, "index.html")
    return posixpath.join(folder, stem + ".html")


def output_url(src: str, use_directory_urls: bool = True) -> str:
    """A file's site-relative URL as MkDocs gives it (its `File.url`): its output path, an
    `index.html` as its folder with `use_directory_urls` (the site's own index is "./")."""
    dest = output_path(src, use_directory_urls)
    folder, name = posixpath.split(dest)
    if use_directory_urls and name == "index.html":
        dest = (folder or ".") + "/"
    return quote(dest)


#: What MkDocs leaves out of every site before `exclude_docs` (`files._default_exclude`).
DEFAULT_EXCLUDE = (".*", "/templates/")


class Exclusions:
    """MkDocs' `exclude_docs` and `draft_docs` (gitignore patterns, one a line, after MkDocs'
    own `DEFAULT_EXCLUDE`): a file of docs_dir they match is not published by `mkdocs build`,
    and neither is a generated file (MkDocs applies them after the plugins add their files)."""

    def __init__(self, exclude_docs: object = None, draft_docs: object = None) -> None:
        lines = list(DEFAULT_EXCLUDE)
        for patterns in (exclude_docs, draft_docs):
            if isinstance(patterns, str):
                lines += patterns.splitlines()
        self.spec = GitIgnoreSpec.from_lines(lines)

    def excludes(self, src: str) -> bool:
        """True when MkDocs leaves the file at `src` (docs-relative) out of the built site."""
        return bool(self.spec.match_file(src))


class OutputPaths:
    """The output paths of a site's hand-written files (output path -> source path), to find
    where a generated file would take one's place: the same path, or one used as the other's
    folder."""

    def __init__(self, written: Iterable[tuple[str, str]]) -> None:
        self.files = dict(written)
        self.folders = {
            "/".join(parts[:n]): src
            for dest, src in self.files.items()
            for parts in [dest.split("/")]
            for n in range(1, len(parts))
        }

    def clash(self, dest: str) -> str | None:
        """The output path of the hand-written file a generated one at `dest` collides
        with, if any."""
        parts = dest.split("/")
        if dest in self.files or dest in self.folders:
            return dest if dest in self.files else self._file_under(dest)
        parents = ("/".join(parts[:n]) for n in range(1, len(parts)))
        return next((p for p in parents if p in self.files), None)

    def _file_under(self, folder: str) -> str:
        return next(d for d in self.files if d.startswith(folder + "/"))

    def problem(self, dest: str) -> str | None:
        """The wording of a collision of a generated file at `dest`, or None."""
        clash = self.clash(dest)
        if clash is None:
            return None
        return (
            f"docs/{self.files[clash]} (published as {clash}) is where statusgen publishes "
            f"{dest}; rename or remove it"
        )
