"""Generated pages made from page shells (`render/shells.py`) instead of rendering the theme's
page template for each: about two thirds of a generated page's build time is Material's
`main.html`, its partials, navigation, header and footer, which are the same on every page of
the same shape.

A page's *shape* is everything the theme reads that is not one of its own values: the
template, the theme's language, the page's folder (relative links depend on it), the
navigation, the metadata other than title and description, the languages it exists in, whether
its body has its own `<h1`. Its *values* are its title, metadata title and description, body,
and the last segment of its URL (in its address, canonical URL and language links). The first
page of each shape is rendered fully; the second is rendered with sentinel values, which gives
the shell, which must give the first page exactly; the `CHECKED`th page is rendered fully too
and compared with its splice. A shape whose shell cannot be learned or differs once is
rendered fully for the rest of the build.

Only statusgen's generated pages go through shells, and only when nothing else can change
what the theme sees per page: no theme template of the site's own in `theme.custom_dir` (its
overrides of statusgen's `statusgen/` templates only change page bodies), no plugin
but statusgen and search reading page contexts. `STATUSGEN_PAGE_SHELLS=off` renders every
page fully (to rule shells out while debugging a page; `SWITCH`)."""

from __future__ import annotations

import copy
import logging
import os
import weakref
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from statusgen.render.shells import SAFE_SEGMENT, Shell, learn, sentinel

log = logging.getLogger("mkdocs.plugins.statusgen.shells")

#: Which page of each shape is rendered fully and compared with its splice, besides the first.
CHECKED = 3
#: Plugins whose `on_page_context` only reads the page (search indexes its body).
READERS = frozenset({"search", "material/search", "statusgen"})
#: What MkDocs puts in every page's context; anything else another plugin added.
CONTEXT_KEYS = frozenset(
    {
        "nav",
        "pages",
        "base_url",
        "extra_css",
        "extra_javascript",
        "mkdocs_version",
        "build_date_utc",
        "config",
        "page",
    }
)


#: `off`: every page rendered fully; `unverified`: every page of a shape spliced, none rendered
#: fully to check its shell (for tests, which compare the site with one built without).
SWITCH = "STATUSGEN_PAGE_SHELLS"


def wanted(config: MkDocsConfig) -> bool:
    """Whether this build may use shells (see the module's documentation)."""
    if os.environ.get(SWITCH, "").lower() in {"0", "off", "no", "false"}:
        return False
    custom = config.theme.custom_dir
    if custom and any(  # the theme's templates overridden (statusgen's own make page bodies)
        path.relative_to(custom).parts[0] != "statusgen" for path in Path(custom).rglob("*.html")
    ):
        return False
    readers = {id(plugin) for name, plugin in config.plugins.items() if name in READERS}
    return all(
        id(getattr(method, "__self__", None)) in readers
        for method in config.plugins.events["page_context"]
    )


@dataclass(frozen=True)
class Shape:
    """What a page's shell depends on (`key`), its own values, and its sentinel twin."""

    key: tuple[Any, ...]
    values: dict[str, str]
    sentinels: dict[str, str]
    twin: Page
    alternates: list[dict[str, Any]] | None


def _swap(url: str | None, tail: str, new: str) -> str | None:
    """`url` with its final `tail` replaced by `new`; None when it does not end with it."""
    if url is None or not (url == tail or url.endswith("/" + tail)):
        return None
    return url[: len(url) - len(tail)] + new


def shape_of(page: Page, context: Mapping[str, Any], template: str) -> Shape | None:
    """The page's shape and values; None for a page a shell cannot make."""
    if set(context) - CONTEXT_KEYS or page.edit_url or page.is_homepage:
        return None
    if page.previous_page or page.next_page or page.parent or list(page.toc):
        return None
    if any(item is page for item in context["nav"].pages):  # its tab or entry is marked
        return None
    title, meta, content = page.title, dict(page.meta), page.content
    if not isinstance(title, str) or not isinstance(content, str):
        return None
    url = page.url
    suffix = "/" if url.endswith("/") else ""
    segment = url.removesuffix("/").rsplit("/", 1)[-1]
    if not SAFE_SEGMENT.fullmatch(segment):
        return None
    tail, blank = segment + suffix, sentinel("seg", segment=True) + suffix
    values = {"title": title, "content": content, "seg": segment}
    sentinels = {
        "title": sentinel("title"),
        "content": sentinel("content", extra="<h1" if "<h1" in content else ""),
        "seg": blank.removesuffix("/"),
    }
    for name in ("title", "description"):
        if name in meta:
            if not isinstance(meta[name], str):
                return None
            values["meta" + name] = meta[name]
            sentinels["meta" + name] = meta[name] = sentinel("meta" + name)
    config = context["config"]
    theirs = config.extra.get("alternate")
    alternates: list[dict[str, Any]] | None = None
    shown: tuple[Any, ...] = ()
    if theirs is not None:
        alternates = []
        for alternate in theirs:
            link = _swap(alternate.get("link"), tail, blank)
            if link is None:
                return None
            alternates.append({**alternate, "link": link})
            shown += (tuple(sorted((k, v) for k, v in alternate.items() if k != "link")), link)
    own = _swap(url, tail, blank)
    canonical = _swap(page.canonical_url, tail, blank)
    absolute = _swap(page.abs_url, tail, blank)
    if own is None or (page.canonical_url and canonical is None) or (page.abs_url and not absolute):
        return None
    key = (
        template,
        str(config.theme.get("language")),
        own,
        canonical,
        id(context["nav"]),
        "<h1" in content,
        repr(sorted((k, v) for k, v in meta.items() if k not in ("title", "description"))),
        tuple(sorted(sentinels)),
        shown,
    )
    twin = copy.copy(page)
    twin.file = copy.copy(page.file)
    twin.file.__dict__["url"] = own  # File.url is a cached property
    twin.__dict__["title"] = sentinels["title"]  # Page.title is MkDocs' weak_property
    twin.meta = meta
    twin.content = sentinels["content"]
    twin.canonical_url, twin.abs_url = canonical, absolute
    return Shape(key, values, sentinels, twin, alternates)


class PageShells:
    """The shells of one build, by shape."""

    def __init__(
        self,
        eligible: Callable[[Page], bool],
        finished: Callable[[Page], str | None] | None = None,
    ) -> None:
        self.eligible = eligible
        #: A page's finished output when it is copied (`plugin/pagecache.py`): not rendered.
        self.finished = finished
        self.checked = os.environ.get(SWITCH, "").lower() != "unverified"
        self.shells: dict[tuple[Any, ...], Shell | None] = {}
        #: Each shape's first page, rendered fully, until its shell is learned: its values
        #: and what the theme rendered.
        self.first: dict[tuple[Any, ...], tuple[dict[str, str], str]] = {}
        #: How many pages of each shape were made.
        self.made: dict[tuple[Any, ...], int] = {}
        self.spliced = 0
        self.rendered = 0

    def render(self, template: ShellTemplate, context: dict[str, Any]) -> str:
        """The page of `context`: spliced into its shape's shell, or rendered fully. A shape's
        first page is rendered fully and kept; its second learns the shell, which must give
        the first page exactly; its `CHECKED`th is rendered fully and compared too. A shape of
        one page so costs what it costs without shells; of two, a sentinel render more."""
        page = context.get("page")
        if isinstance(page, Page) and self.finished is not None:
            copied = self.finished(page)
            if copied is not None:
                return copied
        shape = None
        if isinstance(page, Page) and self.eligible(page):
            shape = shape_of(page, context, str(template.name))
        if shape is None:
            return self.full(template, context)
        key = shape.key
        count = self.made[key] = self.made.get(key, 0) + 1
        if key not in self.shells:
            if self.checked and key not in self.first:
                output = self.full(template, context)
                self.first[key] = (shape.values, output)
                return output
            shell = self.learn(template, context, shape)
            first = self.first.pop(key, None)
            if shell is not None and first is not None and shell.fill(first[0]) != first[1]:
                log.debug("page shell of %s differs from a full render: not used", key)
                shell = None
            self.shells[key] = shell
        shell = self.shells[key]
        if shell is None:
            return self.full(template, context)
        made = shell.fill(shape.values)
        if not self.checked or count != CHECKED:
            self.spliced += 1
            return made
        output = self.full(template, context)
        if made != output:
            log.debug("page shell of %s differs from a full render: not used", key)
            self.shells[key] = None
        return output

    def full(self, template: ShellTemplate, context: dict[str, Any]) -> str:
        """The page rendered by the theme."""
        self.rendered += 1
        return template.render_fully(context)

    def learn(self, template: ShellTemplate, context: dict[str, Any], shape: Shape) -> Shell | None:
        """The shell of `shape`: its sentinel twin rendered, cut at the sentinels."""
        config = context["config"]
        saved = config.extra.get("alternate")
        if shape.alternates is not None:
            config.extra["alternate"] = shape.alternates
        try:
            text = template.render_fully({**context, "page": shape.twin})
        finally:
            if shape.alternates is not None:
                config.extra["alternate"] = saved
        shell = learn(text, shape.sentinels)
        if shell is None:
            log.debug("no page shell for %s: a value the theme shows in an unknown way", shape.key)
        return shell

    def summary(self) -> str:
        """How the build's pages were made."""
        usable = sum(1 for shell in self.shells.values() if shell is not None)
        return (
            f"page shells: {usable} of {len(self.shells)} shapes used, "
            f"{self.spliced} pages spliced, {self.rendered} rendered fully"
        )


#: The shells of each environment of a build (`install`).
_INSTALLED: weakref.WeakKeyDictionary[jinja2.Environment, PageShells] = weakref.WeakKeyDictionary()


class ShellTemplate(jinja2.Template):
    """A theme's template that makes a page from its shell when it can."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        shells = _INSTALLED.get(self.environment)
        context = dict(*args, **kwargs)
        if shells is None:
            return self.render_fully(context)
        return shells.render(self, context)

    def render_fully(self, context: dict[str, Any]) -> str:
        """What the template renders, without shells."""
        return super().render(context)


def install(env: jinja2.Environment, shells: PageShells) -> None:
    """Make the pages of `env`'s templates through `shells` (templates loaded from now on)."""
    env.template_class = ShellTemplate
    if env.cache is not None:
        env.cache.clear()
    _INSTALLED[env] = shells
