"""Generated files made when MkDocs writes them, not when they are added.

A build adds every feed, calendar, API document, badge and archive file of every language in
`on_files`; made there, all their bytes would be held through the whole build (every page is
populated before the first is written), the largest part of a large site's memory beside
the pages. A `MadeFile` makes its content when MkDocs (or another plugin) first reads it and
lets it go once MkDocs has written it: the same bytes, held for moments."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, InclusionLevel

from statusgen.render.outputs import Maker


class MadeFile(File):
    """A generated file whose content `make` gives, made on first read, released once written."""

    _make: Maker | None = None
    _made: str | bytes | None = None

    @classmethod
    def of(
        cls,
        config: MkDocsConfig,
        src_uri: str,
        make: Maker,
        inclusion: InclusionLevel = InclusionLevel.UNDEFINED,
    ) -> MadeFile:
        """What `File.generated(config, src_uri, content=make())` gives, made later."""
        file = cls.generated(config, src_uri, content=b"", inclusion=inclusion)
        assert isinstance(file, MadeFile)
        file._made = None
        file._make = make
        return file

    @property  # File's attribute, made when read
    def _content(self) -> str | bytes | None:
        if self._made is None and self._make is not None:
            self._made = self._make()
        return self._made

    @_content.setter
    def _content(self, value: str | bytes | None) -> None:  # a plugin's own content wins
        self._made = value
        self._make = None

    def copy_file(self, dirty: bool = False) -> None:
        """Write it, then let its content go (made again should anything read it later)."""
        super().copy_file(dirty)
        if self._make is not None:
            self._made = None
