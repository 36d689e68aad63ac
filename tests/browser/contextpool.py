"""Browser contexts kept warm between tests, each test still on a page of its own.

A page opened in a new context costs Chromium about three times what it costs in a context
that has loaded the site before (about 1.3 CPU seconds against 0.45 for the overview): a new
context starts a new renderer process, with empty caches, that compiles Material's script and
parses its style sheets again. So `Browsing.open` takes its context from a `ContextPool`: one
context per kind (the site's origin and the option only a context has: JavaScript), kept open
between tests with an idle "anchor" page on the site's origin that keeps the site's renderer
process, and its caches, alive. The viewport, the colour scheme, the time zone and the locale
are set on each page before it loads (`Lease.new_page`), as a context with these options sets
them (the same DevTools commands, `Emulation.*`, sent to the page): phone and desktop, light
and dark pages, and readers in any zone and language, share a site's warm contexts.

What a test sees is what a fresh context gives it (its pages of one kind, starting moment and
colour scheme share one context, as a reader's tabs do):

- a page of its own (a new tab: its own session storage, history, listeners, routes, media,
  time zone and locale emulation, viewport and mouse), closed when the test ends;
- the page's clock installed afresh at the test's moment when the context is taken;
- no cookies and nothing stored by the origin (local storage, IndexedDB, caches, service
  workers): both are cleared when the context is given back;
- the site's files as its server serves them now: `served` tells readers to revalidate every
  file (`Cache-Control: no-cache`), and a server that stops makes the pool close the contexts
  that read it (`forget`), so no later server on the same port is read from their cache.

A context given back whose pages went to another origin, or that holds pages the test did not
open through the pool (a pop-up), is closed instead of kept: its caches and storage are not
the site's alone. A test that needs a context of its own (routes or init scripts for the whole
context, touch, a request count from a cold cache) takes a fresh one with
`Browsing.context()`, never through `page.context` of a page from `Browsing.open`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar
from urllib.parse import urlsplit

#: The anchor's address on a site: answered by the anchor page's own route, never asked of
#: the site's server.
ANCHOR_PATH = "/__statusgen-test-anchor__"
#: Tests a context serves before it is closed and replaced: every test adds a clock
#: installation that each new page replays.
USES = 50
#: Idle contexts kept: each keeps a renderer process (tens of MB); the oldest idle one is
#: closed first. Tests that open several pages at once need as many contexts of one kind.
IDLE = 8


def origin_of(url: str) -> str | None:
    """`http://host:port` of an http(s) URL; None for other schemes (about:, data:, blob:)."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") else None


@dataclass(frozen=True)
class Kind:
    """What makes two contexts interchangeable: the site's origin and the option a page cannot
    change for itself (the viewport, colour scheme, time zone and locale it can:
    `Lease.new_page`)."""

    origin: str
    js: bool

    def options(self) -> dict[str, Any]:
        """The options of `Browser.new_context` for this kind."""
        return {"java_script_enabled": self.js}


@dataclass
class Lease:
    """A pooled context lent to one test, and the origins its pages asked for."""

    kind: Kind
    context: Any
    anchor: Any
    storage: Any  # a CDP session on the anchor, to clear the origin's storage
    #: The moment its pages' clock started at when it was taken, and when (`time.monotonic`).
    at: datetime | None = None
    taken: float = 0.0
    #: The colour scheme of its pages in the test that holds it.
    scheme: str | None = None
    uses: int = 0
    pages: list[Any] = field(default_factory=list)
    origins: set[str] = field(default_factory=set)

    def new_page(
        self, viewport: dict[str, int], scheme: str, timezone: str = "UTC", locale: str = "en-US"
    ) -> Any:
        """A new page in the context, of `viewport` (its screen too), colour `scheme` ("light",
        "dark"), `timezone` (an IANA name) and `locale` (a BCP 47 tag), as a context with these
        options opens it; its requests' origins are recorded."""
        page = self.context.new_page()
        self.pages.append(page)
        self.scheme = scheme
        page.set_viewport_size(viewport)
        page.emulate_media(color_scheme=scheme)
        # What Playwright sends to each page of a context made with `timezone_id` and `locale`
        # (its Chromium FrameSession): the zone and language of Intl and Date, and the
        # navigator.language(s) and Accept-Language the locale implies. The session lasts as
        # long as the page, and so do the overrides.
        session = self.context.new_cdp_session(page)
        session.send("Emulation.setTimezoneOverride", {"timezoneId": timezone})
        session.send("Emulation.setLocaleOverride", {"locale": locale})
        session.send("Emulation.setUserAgentOverride", {"userAgent": "", "acceptLanguage": locale})

        def on_request(request: Any) -> None:
            origin = origin_of(request.url)
            if origin is not None:
                self.origins.add(origin)

        page.on("request", on_request)
        return page

    def clean(self) -> bool:
        """Whether the context read nothing but its site, through pages of the pool only."""
        opened = {id(page) for page in self.pages} | {id(self.anchor)}
        return self.origins <= {self.kind.origin} and all(
            id(page) in opened for page in self.context.pages
        )


@dataclass
class ContextPool:
    """The warm contexts of one browser (see the module's docstring). `new_context(at,
    options)` makes a context whose clock starts at `at`; `install(context, at)` starts it
    there again."""

    new_context: Callable[..., Any]
    install: Callable[[Any, datetime], None]
    idle: list[Lease] = field(default_factory=list)
    #: Every open pool, for `served` to tell when a site stops being served.
    live: ClassVar[list[ContextPool]] = []

    def __post_init__(self) -> None:
        ContextPool.live.append(self)

    def take(self, kind: Kind, at: datetime) -> Lease:
        """A context of `kind` whose clock starts at `at`: an idle one, else a new one."""
        waiting = [lease for lease in self.idle if lease.kind == kind]
        if waiting:
            lease = waiting[-1]
            self.idle.remove(lease)
            self.install(lease.context, at)
        else:
            lease = self._open(kind, at)
        lease.at, lease.taken, lease.scheme = at, time.monotonic(), None
        lease.uses += 1
        return lease

    def give_back(self, lease: Lease) -> None:
        """Close the test's pages, clear the origin's storage and cookies, and keep the
        context for the next test (closing the oldest idle one past `IDLE`); or close it when
        it is not clean (`Lease.clean`) or has served `USES` tests."""
        if not lease.clean() or lease.uses >= USES:
            lease.context.close()
            return
        for page in lease.pages:
            page.close()
        lease.pages.clear()
        lease.storage.send(
            "Storage.clearDataForOrigin", {"origin": lease.kind.origin, "storageTypes": "all"}
        )
        lease.context.clear_cookies()
        self.idle.append(lease)
        if len(self.idle) > IDLE:
            self.idle.pop(0).context.close()

    def forget(self, origin: str) -> None:
        """Close the idle contexts of a site no longer served."""
        for lease in [lease for lease in self.idle if lease.kind.origin == origin]:
            self.idle.remove(lease)
            lease.context.close()

    def close(self) -> None:
        """Close every idle context; the pool is no longer used."""
        for lease in self.idle:
            lease.context.close()
        self.idle.clear()
        ContextPool.live.remove(self)

    def _open(self, kind: Kind, at: datetime) -> Lease:
        context = self.new_context(at, kind.options())
        anchor = context.new_page()
        anchor.route(
            kind.origin + ANCHOR_PATH,
            lambda route: route.fulfill(
                body="<!doctype html><title>anchor</title>", content_type="text/html"
            ),
        )
        anchor.goto(kind.origin + ANCHOR_PATH)
        return Lease(kind, context, anchor, context.new_cdp_session(anchor))


def forget_origin(origin: str) -> None:
    """Tell every pool that `origin` is no longer served (`ContextPool.forget`)."""
    for pool in ContextPool.live:
        pool.forget(origin)
