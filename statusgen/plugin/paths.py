"""Where generated files go, as MkDocs sees it: their URLs, and collisions with a site's own
hand-written files (compared by output path, so `docs/README.md`, which MkDocs publishes as
`index.html`, is caught too; the logic is `content.docsdir`'s, which `statusgen check` uses)."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel, set_exclusions

from statusgen.content import SiteLayout
from statusgen.content.docsdir import OutputPaths, content_in_docs
from statusgen.problems import format_problems
from statusgen.render.plan import NO_SITE_URL


def page_urls(config: MkDocsConfig) -> Callable[[str], str]:
    """A page's site-relative URL as MkDocs gives it (its `File.url`, which follows
    `use_directory_urls`)."""

    @cache
    def url(src: str) -> str:
        return str(File(src, None, config.site_dir, config.use_directory_urls).url)

    return url


class SiteFiles:
    """A site's own files by output path; `content.docsdir.OutputPaths` (which `statusgen
    check` uses too) finds where a generated file would take one's place."""

    def __init__(self, files: Files) -> None:
        published = [f for f in files if not f.inclusion.is_excluded()]  # excluded: no place
        self.by_dest = {f.dest_uri: f for f in published}
        self.paths = OutputPaths((f.dest_uri, f.src_uri) for f in published)

    def admits(self, file: File, config: MkDocsConfig, themable: bool = False) -> bool:
        """True when nothing of the site's takes a generated file's place. A `themable` file
        (statusgen's CSS and script) gives way to the theme's own at the same path, as any
        file of a custom_dir overrides the theme's (False); any other clash is an error."""
        dest = self.paths.clash(file.dest_uri)
        if dest is None:
            return True
        clash = self.by_dest[dest]
        if themable and dest == file.dest_uri and from_theme(clash, config):
            return False
        raise PluginError(
            f"statusgen: {source_path(clash, config)} (published as {dest}) is "
            f"where statusgen publishes {file.dest_uri}; rename or remove it"
        )


def refuse_excluded(file: File, config: MkDocsConfig) -> None:
    """Stop when `exclude_docs` or `draft_docs` would leave a generated file out of the site
    (MkDocs applies them to the plugins' files whose inclusion is not set, so not to pages):
    pages link to every one of them."""
    if file.inclusion is not InclusionLevel.UNDEFINED:
        return
    probe = File.generated(config, file.src_uri, content="")
    set_exclusions([probe], config)
    if probe.inclusion.is_excluded():
        raise PluginError(
            f"statusgen: exclude_docs or draft_docs leaves out {file.src_uri}, which statusgen "
            "publishes (pages link to it); expected patterns that leave statusgen's files in"
        )


def from_theme(file: File, config: MkDocsConfig) -> bool:
    """A file MkDocs took from the theme (its custom_dir or the theme itself), not docs_dir."""
    return (
        file.src_dir is not None and Path(file.src_dir).resolve() != Path(config.docs_dir).resolve()
    )


def source_path(file: File, config: MkDocsConfig) -> str:
    """Where a site's file comes from, as its author sees it: relative to mkdocs.yml when it
    is inside the site (docs/x.md, overrides/assets/...), else its full path."""
    if file.abs_src_path is None:
        return file.src_uri
    path = Path(file.abs_src_path).resolve()
    root = Path(config.config_file_path).parent.resolve()
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def check_setup(config: MkDocsConfig, layout: SiteLayout) -> None:
    """Stop before building a site statusgen cannot build safely."""
    refuse_content_in_docs(config, layout)
    refuse_incompatible_plugins(config)


#: Plugins that cannot work with pages generated without a source file, and what to do instead.
INCOMPATIBLE_PLUGINS = {
    "i18n": "mkdocs-static-i18n expects every page to have a source file in docs/, which "
    "statusgen's generated pages do not have; list the site's languages in statusgen's own "
    "option instead (languages: [en, fr], the default first), which publishes every page in "
    "each language and hand-written pages per language by the same names (about.fr.md)",
}


def refuse_incompatible_plugins(config: MkDocsConfig) -> None:
    """Stop with a clear message, before another plugin fails on statusgen's pages."""
    for name, why in INCOMPATIBLE_PLUGINS.items():
        if name in config.plugins:
            raise PluginError(
                f"statusgen: the {name!r} plugin cannot be used with statusgen: {why}"
            )


def refuse_content_in_docs(config: MkDocsConfig, layout: SiteLayout) -> None:
    """Stop the build when content is reachable from docs_dir (`content.docsdir`, which
    `statusgen check` runs too): MkDocs would publish those files as they are."""
    problems = content_in_docs(layout, Path(config.docs_dir))
    if problems:
        raise PluginError("statusgen: content in docs_dir\n" + format_problems(problems))


log = get_plugin_logger(__name__)


def site_base_url(config: MkDocsConfig) -> str:
    """The site's absolute URL for feeds, calendar and API."""
    if not config.site_url:
        log.warning(
            "site_url is not set in mkdocs.yml; feeds, the calendar and the API need "
            f"absolute links, so they link to {NO_SITE_URL} until it is set"
        )
        return NO_SITE_URL
    return config.site_url.rstrip("/") + "/"
