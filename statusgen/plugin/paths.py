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
from mkdocs.structure.files import File, Files

from statusgen.content import SiteLayout
from statusgen.content.docsdir import OutputPaths, content_in_docs
from statusgen.problems import format_problems


def page_urls(config: MkDocsConfig, added: dict[str, File]) -> Callable[[str], str]:
    """A page's site-relative URL as MkDocs gives it (its `File.url`, which follows
    `use_directory_urls`); for a path no file has (a URL pattern), MkDocs' answer too."""

    @cache
    def url(src: str) -> str:
        file = added.get(src) or File(src, None, config.site_dir, config.use_directory_urls)
        return str(file.url)

    return url


def output_paths(files: Files) -> OutputPaths:
    """The output paths of a site's hand-written files (`content.docsdir.OutputPaths`)."""
    return OutputPaths((f.dest_uri, f.src_uri) for f in files)


def check_setup(config: MkDocsConfig, layout: SiteLayout) -> None:
    """Stop before building a site statusgen cannot build safely."""
    refuse_content_in_docs(config, layout)
    refuse_incompatible_plugins(config)


#: Plugins that cannot work with pages generated without a source file, and what to do instead.
INCOMPATIBLE_PLUGINS = {
    "i18n": "mkdocs-static-i18n expects every page to have a source file in docs/, which "
    "statusgen's generated pages do not have; build one site per language instead (a mkdocs.yml "
    "each, with its own theme.language and site_url, sharing components.yml and incidents/)",
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
#: Stands in for `site_url` until it is set (a warning, which fails `--strict` builds).
NO_SITE_URL = "https://example.invalid/"


def site_base_url(config: MkDocsConfig) -> str:
    """The site's absolute URL for feeds, calendar and API."""
    if not config.site_url:
        log.warning(
            "site_url is not set in mkdocs.yml; feeds, the calendar and the API need "
            f"absolute links, so they link to {NO_SITE_URL} until it is set"
        )
        return NO_SITE_URL
    return config.site_url.rstrip("/") + "/"
