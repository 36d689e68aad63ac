"""The one door through which an import lists and reads its source.

A source folder is hostile input: an export downloaded from elsewhere, a repository anyone can
push to. A symbolic link in it (`content/issues/x.md -> ~/.ssh/id_rsa`), or a setting that
names a folder outside it (Statusfy's `dir: ../..`), would make the import publish any file of
the machine as an incident. So every path is walked one folder at a time from the source's own
folder without following links: a link anywhere on the way (to a file or to a folder, wherever
it points), a path that leaves the source (`..`, an absolute path), and anything but a regular
file or folder are refused, naming the path and the reason. Files are opened without following
links and checked again once open, so a link swapped in between the check and the read is
refused too. Every file is read no further than its size cap, and the source in all no further
than `SOURCE_BYTES`.

SOURCE itself is the operator's word: its path is resolved once (it may be reached through a
link); everything the import lists or reads below it may not be one.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Collection
from pathlib import Path

from statusgen.content.files import MAX_FILE_BYTES
from statusgen.importers.records import SourceError

#: Largest file holding one incident or a site's settings (a cState issue, a Statusfy incident,
#: config.yml, config.js, .upptimerc.yml, a locale): the cap of an incident file.
FILE_BYTES = MAX_FILE_BYTES
#: Largest JSON document (Statuspage's incidents.json, Upptime's saved issues): many incidents
#: in one file. The benchmark's export of 10,000 Statuspage incidents is 27 MB.
DOCUMENT_BYTES = 64 * 1024 * 1024
#: Most bytes read from one source in all (the import holds a source in memory).
SOURCE_BYTES = 256 * 1024 * 1024
#: Deepest folder walked below the source (real exports nest 1 or 2 folders).
MAX_DEPTH = 32

_FOLDER_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
# Non-blocking: opening a named pipe put in place of a file must not wait for a writer.
_FILE_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC


class _Missing(SourceError):
    """Nothing at a path of the source."""


class SourceFolder:
    """A source folder: files and folders listed and read only inside it, never through a link.

    Paths are relative to the folder, `/`-separated (`content/issues/x.md`); messages name
    them under the source as the operator typed it.
    """

    def __init__(self, root: Path, shown: Path) -> None:
        #: The folder, resolved.
        self.root = root
        #: The folder as the operator named it, for messages.
        self.shown = shown
        self.bytes_read = 0

    @classmethod
    def at(cls, given: Path, expected: str) -> SourceFolder:
        """The folder the operator named; SourceError when there is none (`expected` says what
        the format wants there)."""
        folder, file = cls.named(given, expected)
        if file is not None:
            raise SourceError(f"{given}: not a folder; expected {expected}")
        return folder

    @classmethod
    def named(cls, given: Path, expected: str) -> tuple[SourceFolder, str | None]:
        """The folder the operator named, or the folder of the file named and that file's
        name in it."""
        try:
            resolved = given.resolve(strict=True)
        except (OSError, RuntimeError):
            raise SourceError(f"{given}: no such file or folder; expected {expected}") from None
        if resolved.is_dir():
            return cls(resolved, given), None
        shown = given.parent if given.name == resolved.name else resolved.parent
        return cls(resolved.parent, shown), resolved.name

    def label(self, relative: str) -> str:
        """A path of the source as messages name it."""
        return str(self.shown / relative) if relative else str(self.shown)

    # -- what a setting names -----------------------------------------------------------------
    def inside(self, value: str, where: str, what: str) -> str:
        """A folder a source's setting names (`dir: content`), as a path of the source; a path
        that is absolute or climbs out (`..`) is refused, naming the setting at `where`."""
        parts = [part for part in value.replace("\\", "/").split("/") if part not in ("", ".")]
        if value.startswith(("/", "\\")) or ".." in parts or "\0" in value:
            raise SourceError(
                f"{where}: {what} {value!r} leads outside {self.shown}; "
                "expected a folder inside the source"
            )
        return "/".join(parts)

    # -- looking --------------------------------------------------------------------------------
    def has(self, relative: str, *, folder: bool = False) -> bool:
        """True when a regular file (with `folder`, a folder) is at a path, False when nothing
        is; anything else there, a link on the way included, is refused."""
        parts = _parts(relative)
        if not parts:
            return folder
        try:
            fd = self._open(parts[:-1], folder=True)
        except _Missing:
            return False
        try:
            mode = os.stat(parts[-1], dir_fd=fd, follow_symlinks=False).st_mode
        except FileNotFoundError:
            return False
        except (OSError, ValueError) as error:
            raise self._unreadable(parts, error, folder) from None
        finally:
            os.close(fd)
        if not _fits(mode, folder):
            raise self._refused(parts, mode, _expected(folder))
        return True

    def files(
        self,
        folder: str,
        suffix: str,
        *,
        recursive: bool = False,
        skip: Collection[str] = (),
    ) -> list[str]:
        """The paths of the files ending in `suffix` in a folder (with `recursive`, also in its
        subfolders, but not in those named in `skip`), in path order. A link in a folder looked
        into is refused, whatever its name: it could lead to a file or folder anywhere."""
        found: list[tuple[str, ...]] = []
        stack = [_parts(folder)]
        while stack:
            current = stack.pop()
            expected = "a regular file or folder" if recursive else "a regular file"
            for name, mode in self._entries(current, expected):
                path = (*current, name)
                if stat.S_ISDIR(mode):
                    if recursive and name not in skip:
                        if len(path) > MAX_DEPTH:
                            raise SourceError(
                                f"{self.label('/'.join(path))}: nests folders too deeply; "
                                f"expected at most {MAX_DEPTH} levels"
                            )
                        stack.append(path)
                elif name.endswith(suffix):
                    found.append(path)
        return ["/".join(path) for path in sorted(found)]

    def folders(self, folder: str) -> list[str]:
        """The names of a folder's subfolders, sorted (a link among its entries is refused)."""
        entries = self._entries(_parts(folder), "a regular file or folder")
        return sorted(name for name, mode in entries if stat.S_ISDIR(mode))

    # -- reading ------------------------------------------------------------------------------
    def read_text(self, relative: str, limit: int = FILE_BYTES) -> str:
        """A file's text: UTF-8, without a byte-order mark. SourceError when the file is
        refused, larger than `limit` bytes, unreadable or not UTF-8."""
        data = self._read(relative, limit).removeprefix(b"\xef\xbb\xbf")
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as error:
            line = data.count(b"\n", 0, error.start) + 1
            raise SourceError(
                f"{self.label(relative)}:{line}: not UTF-8 (byte {data[error.start]:#04x}); "
                "expected UTF-8 text"
            ) from None

    def _read(self, relative: str, limit: int) -> bytes:
        label = self.label(relative)
        fd = self._open(_parts(relative), folder=False)
        with os.fdopen(fd, "rb") as file:
            size = os.fstat(file.fileno()).st_size
            data = file.read(limit + 1) if size <= limit else b""
        size = max(size, len(data))
        if size > limit:
            raise SourceError(f"{label}: is {size:,} bytes; expected at most {limit:,}")
        self.bytes_read += len(data)
        if self.bytes_read > SOURCE_BYTES:
            raise SourceError(
                f"{label}: the source holds more than {SOURCE_BYTES:,} bytes of files to read; "
                "expected a smaller source (import it in parts)"
            )
        return data

    # -- walking --------------------------------------------------------------------------------
    def _entries(self, parts: tuple[str, ...], expected: str) -> list[tuple[str, int]]:
        """A folder's entries (name, mode without following links); a link is refused, saying
        what was `expected` in its place."""
        fd = self._open(parts, folder=True)
        try:
            with os.scandir(fd) as listing:
                entries = [
                    (entry.name, entry.stat(follow_symlinks=False).st_mode) for entry in listing
                ]
        except OSError as error:
            raise self._unreadable(parts, error, folder=True) from None
        finally:
            os.close(fd)
        for name, mode in entries:
            if stat.S_ISLNK(mode):
                raise self._refused((*parts, name), mode, expected)
        return entries

    def _open(self, parts: tuple[str, ...], folder: bool) -> int:
        """A descriptor of the file (or folder) at `parts`, walked from the source's folder one
        name at a time, never following a link."""
        try:
            fd = os.open(self.root, _FOLDER_FLAGS)
        except OSError as error:
            raise self._unreadable((), error, folder=True) from None
        try:
            for depth, name in enumerate(parts, start=1):
                here, want_folder = parts[:depth], folder or depth < len(parts)
                try:
                    mode = os.stat(name, dir_fd=fd, follow_symlinks=False).st_mode
                    if not _fits(mode, want_folder):
                        raise self._refused(here, mode, _expected(want_folder))
                    child = os.open(name, _FOLDER_FLAGS if want_folder else _FILE_FLAGS, dir_fd=fd)
                except (OSError, ValueError) as error:
                    raise self._unreadable(here, error, want_folder) from None
                os.close(fd)
                fd = child
                mode = os.fstat(fd).st_mode
                if not _fits(mode, want_folder):  # replaced between the look and the open
                    raise self._refused(here, mode, _expected(want_folder))
            return fd
        except BaseException:
            os.close(fd)
            raise

    def _refused(self, parts: tuple[str, ...], mode: int, expected: str) -> SourceError:
        return SourceError(
            f"{self.label('/'.join(parts))}: {_describe(mode)}; "
            f"expected {expected} inside {self.shown}"
        )

    def _unreadable(self, parts: tuple[str, ...], error: Exception, folder: bool) -> SourceError:
        label = self.label("/".join(parts))
        expected = _expected(folder)
        if isinstance(error, ValueError):  # a NUL in a name a setting gave
            return SourceError(f"{label}: not a file name; expected {expected} inside the source")
        assert isinstance(error, OSError)
        if error.errno == errno.ELOOP:  # a link put in place after the look
            return SourceError(f"{label}: a symbolic link; expected {expected} inside {self.shown}")
        if error.errno == errno.ENOENT:
            return _Missing(f"{label}: no such file or folder; expected {expected}")
        if error.errno == errno.ENOTDIR:
            return SourceError(f"{label}: not a folder; expected {expected} inside {self.shown}")
        return SourceError(f"{label}: cannot be read ({error.strerror}); expected {expected}")


def _parts(relative: str) -> tuple[str, ...]:
    return tuple(part for part in relative.split("/") if part not in ("", "."))


def _expected(folder: bool) -> str:
    return "a folder" if folder else "a regular file"


def _fits(mode: int, folder: bool) -> bool:
    return stat.S_ISDIR(mode) if folder else stat.S_ISREG(mode)


def _describe(mode: int) -> str:
    """What a file of this mode is, for a refusal."""
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISREG(mode):
        return "a regular file"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device"
