"""Where generated files go, as MkDocs sees it: their URLs, and collisions with a site's own
hand-written files (compared by output path, so `docs/README.md`, which MkDocs publishes as
`index.html`, is caught too)."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files


def page_urls(config: MkDocsConfig, added: dict[str, File]) -> Callable[[str], str]:
    """A page's site-relative URL as MkDocs gives it (its `File.url`, which follows
    `use_directory_urls`); for a path no file has (a URL pattern), MkDocs' answer too."""

    @cache
    def url(src: str) -> str:
        file = added.get(src) or File(src, None, config.site_dir, config.use_directory_urls)
        return str(file.url)

    return url


class OutputPaths:
    """The output paths of a site's hand-written files, to find where a generated file would
    take one's place: the same path, or one used as the other's folder."""

    def __init__(self, files: Files) -> None:
        self.files = {f.dest_uri: f for f in files}
        self.folders = {
            "/".join(parts[:n]): f
            for f in files
            for parts in [f.dest_uri.split("/")]
            for n in range(1, len(parts))
        }

    def clash(self, file: File) -> File | None:
        """The hand-written file a generated one collides with, if any."""
        parts = file.dest_uri.split("/")
        parents = ("/".join(parts[:n]) for n in range(1, len(parts)))
        return (
            self.files.get(file.dest_uri)
            or self.folders.get(file.dest_uri)
            or next((self.files[p] for p in parents if p in self.files), None)
        )
