"""Browser tests: the example site, built once, served locally, driven by a real Chromium.

Chromium (`$CHROMIUM`, else `chromium` or `chromium-browser` on `PATH`; Debian's package is
what CI installs) and axe-core (`npm ci` in this folder) are required;
when either is missing, the tests that need it fail (in their call phase, so they count as
failures, not setup errors) with a message saying how to install it: they never skip.

The example is built as of a fixed moment (`EXAMPLE_BUILT`, 2026-11-23T12:00:00Z), but the
pages' script reads the reader's clock: opened on a later day, the upcoming maintenance has
passed and the page says so. So every page the tests open has its clock pinned: the only way to
a browser context is `Chromium.new_context`, which installs Playwright's clock at the build
moment (or at the `at=` a test asks for) and lets it run from there. A test that moves time on
does it with `page.clock` from that moment; none depends on the day it runs.

`Browsing.open` gives each test a new page in a context kept warm between tests (see
tests/browser/contextpool.py: the clock installed again, storage and cookies cleared), about a
third of a new context's cost; `Browsing.context()` gives a fresh context.
"""

from __future__ import annotations

import http.server
import os
import re
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any, NoReturn

import pytest
import yaml
from contextpool import ContextPool, Kind, Lease, forget_origin, origin_of
from sitebuild import EXAMPLE_BUILT

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SCREENSHOTS = ROOT / "tests" / "screenshots"
#: Whether tests save their screenshots of pages (`STATUSGEN_SCREENSHOTS=1`): off by default.
SCREENSHOTS_WANTED = os.environ.get("STATUSGEN_SCREENSHOTS", "") not in ("", "0")
CHROMIUM = Path(
    os.environ.get("CHROMIUM")
    or shutil.which("chromium")
    or shutil.which("chromium-browser")
    or "/usr/bin/chromium"
)
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"

DESKTOP = {"width": 1280, "height": 900}
#: Finishes every transition and animation of the document that has an end (`Browsing.settle`);
#: `getAnimations` first applies pending style changes, so a transition that a change just
#: started is among them.
SETTLE = """() => document.getAnimations().forEach(a => {
    if (a.effect && a.effect.getComputedTiming().endTime !== Infinity) a.finish();
})"""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in this folder drives a browser: mark it `browser`."""
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def site_dir(example_site: Path) -> Path:
    """The example site, built once per run with the content's fixed build date (the
    `example_site` of tests/conftest.py, which integration tests read too)."""
    return example_site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves quietly, and tells readers to revalidate every file before they reuse it, so a
    context kept between tests (tests/browser/contextpool.py) reads the files as they are now,
    on any day (without it, Chromium's freshness heuristic depends on the files' age)."""

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib's name
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()


class _OpenHandler(_QuietHandler):
    """Allows every origin to read the files, as GitHub Pages does."""

    def end_headers(self) -> None:
        self.send_header("Access-Control-Allow-Origin", "*")
        super().end_headers()


@contextmanager
def served(directory: Path, *, cors: bool = False) -> Iterator[str]:
    """`directory` over HTTP on 127.0.0.1 (a free port), e.g. `http://127.0.0.1:41234`, while
    the context lasts; with `cors`, any origin may read its files (`Access-Control-Allow-Origin:
    *`). Warm browser contexts of an earlier server on the same port are closed when it starts
    and when it stops (`contextpool.forget_origin`)."""
    handler = _OpenHandler if cors else _QuietHandler
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), partial(handler, directory=str(directory))
    )
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    forget_origin(url)
    try:
        yield url
    finally:
        forget_origin(url)
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def serve() -> Callable[..., AbstractContextManager[str]]:
    """`served`, for test modules that build and serve their own fixture sites."""
    return served


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    """The built example site, served (`served`)."""
    with served(site_dir) as url:
        yield url


@dataclass(frozen=True)
class Missing:
    """A prerequisite that is not installed; using it fails the test (never skips it)."""

    reason: str

    def fail(self) -> NoReturn:
        """Fail the running test with the reason and how to fix it."""
        pytest.fail(self.reason, pytrace=False)


@dataclass(frozen=True)
class Chromium:
    """The session's browser. It hands out only contexts whose pages' clock is pinned, so no
    test can open a page that follows the machine's clock by forgetting to pin it: new ones
    (`new_context`) and warm ones lent for one test (`lease`)."""

    _browser: Any
    _pool: ContextPool = field(init=False)

    def __post_init__(self) -> None:
        pool = ContextPool(
            lambda at, options: _fail_fast(self.new_context(at=at, **options)), _install
        )
        object.__setattr__(self, "_pool", pool)

    def new_context(self, *, at: datetime = EXAMPLE_BUILT, **options: Any) -> Any:
        """A new context (Playwright's `Browser.new_context` with `options`) whose pages' clock
        starts at `at` and runs from there, as a reader's clock does (`clock.install`, not a
        fixed time: timers fire and live texts move). Tests move it on with
        `page.clock.fast_forward`."""
        context = self._browser.new_context(**options)
        _install(context, at)
        return context

    def lease(self, kind: Kind, at: datetime) -> Lease:
        """A warm context of `kind` for one test, its clock starting at `at` (contextpool.py);
        `give_back` it when the test ends."""
        return self._pool.take(kind, at)

    def give_back(self, lease: Lease) -> None:
        """Return a leased context to the pool (which clears it, or closes it)."""
        self._pool.give_back(lease)

    def close(self) -> None:
        """Close the pool's contexts and the browser."""
        self._pool.close()
        self._browser.close()


def _clock_from(page: Any, at: datetime, taken: float) -> bool:
    """Whether `page`'s clock reads `at` plus the time since its context was taken (within
    ten seconds): no `page.clock` call moved the context's clock, which new pages replay."""
    moment = page.evaluate("Date.now()") / 1000
    return abs(moment - (at.timestamp() + time.monotonic() - taken)) < 10


def _fail_fast(context: Any) -> Any:
    """`context`, its actions and waits failing after 10 s: the site is local."""
    context.set_default_timeout(10_000)
    return context


def _install(context: Any, at: datetime) -> None:
    """Start the clock of `context`'s pages at `at`, again if it ran before: pages opened from
    now on start there (Playwright replays the context's clock log in each new page)."""
    context.clock.install(time=at)


@pytest.fixture(scope="session")
def browser() -> Iterator[Chromium | Missing]:
    """One headless Debian Chromium for the whole session (Playwright's own download is not
    used), or `Missing` when it cannot be started."""
    if not CHROMIUM.exists():
        yield Missing(
            f"{CHROMIUM} is missing: the browser tests need Debian's Chromium "
            "(`sudo apt-get install chromium`, or run scripts/test-deps)"
        )
        return
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    except Exception as error:
        playwright.stop()
        yield Missing(f"could not start {CHROMIUM}: {error}")
        return
    browser = Chromium(chromium)
    try:
        yield browser
    finally:
        browser.close()
        playwright.stop()


@pytest.fixture(scope="session")
def axe_source() -> str | Missing:
    """axe-core's script, pinned by tests/browser/package-lock.json, or `Missing`."""
    if not AXE.exists():
        return Missing(
            f"{AXE.relative_to(ROOT)} is missing: the accessibility tests need "
            "axe-core; run `npm ci` in tests/browser"
        )
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def public_components() -> list[dict[str, Any]]:
    """The example's components readers see (components.yml without `audience: internal`), each
    `name` the English one: the example names components per language (`{en: ..., fr: ...}`),
    English, its default language, first."""
    data = yaml.safe_load((ROOT / "components.yml").read_text(encoding="utf-8"))

    def english(name: str | dict[str, str]) -> str:
        return name["en"] if isinstance(name, dict) else name

    return [
        {**component, "name": english(component["name"])}
        for group in data["groups"]
        for component in group["components"]
        if component.get("audience", "public") == "public"
    ]


@dataclass
class Browsing:
    """Opens pages of the served site, each a new page of its own, and records their problems.

    `problems` collects console errors, uncaught exceptions and HTTP errors (status >= 400) of
    every page opened through `open`, as readable strings.
    """

    browser: Chromium | Missing
    base_url: str
    problems: list[str] = field(default_factory=list)
    #: The problems of each page watched, by `id(page)` (`problems_of`).
    page_problems: dict[int, list[str]] = field(default_factory=dict)
    contexts: list[Any] = field(default_factory=list)
    leases: list[Lease] = field(default_factory=list)

    def url(self, path: str) -> str:
        """An absolute URL for a site path such as `/history/`."""
        return self.base_url + path

    def context(
        self,
        *,
        at: datetime = EXAMPLE_BUILT,
        size: dict[str, int] | None = None,
        scheme: str = "light",
        js: bool = True,
        timezone: str = "Europe/Amsterdam",
        locale: str = "en-US",
    ) -> Any:
        """A new browser context (its own storage, so Material's palette choice starts fresh)
        whose clock starts at `at`: the example's build moment unless a test says otherwise."""
        if isinstance(self.browser, Missing):
            self.browser.fail()
        context = _fail_fast(
            self.browser.new_context(
                at=at,
                viewport=size or DESKTOP,
                color_scheme=scheme,
                java_script_enabled=js,
                timezone_id=timezone,
                locale=locale,
            )
        )
        self.contexts.append(context)
        return context

    def open(
        self,
        path: str,
        *,
        at: datetime = EXAMPLE_BUILT,
        base: str | None = None,
        size: dict[str, int] | None = None,
        scheme: str = "light",
        js: bool = True,
        timezone: str = "Europe/Amsterdam",
        locale: str = "en-US",
        before_load: Callable[[Any], None] | None = None,
    ) -> Any:
        """A page at `path` of the served site (or of the site served at `base`), loaded with
        its clock at `at`; fails on a non-200 response. The page is new, in a context kept warm
        between tests (tests/browser/contextpool.py) and shared by the test's pages of the same
        site, JavaScript, `at` and `scheme` (their storage too, as tabs
        share it): change the page only, never `page.context`; a test that needs a context of
        its own takes `context()`. `before_load(page)` runs before the page loads: to route its
        requests (`page.route`; a site at an address no server answers, such as its
        `site_url`, is served that way: answer with `Cache-Control: no-cache`, so that a warm
        context reads the files as they are routed now), or to add init scripts."""
        if isinstance(self.browser, Missing):
            self.browser.fail()
        site = base or self.base_url
        origin = origin_of(site)
        assert origin is not None, f"not an http(s) site: {site}"
        kind = Kind(origin, js)
        # The test's pages of one kind, moment and colour scheme share a context, as a reader's
        # tabs do. Another moment needs another context (installing it would move the open
        # pages'), and so does another scheme: Material keeps the palette in the site's storage.
        held = next(
            (
                lease
                for lease in self.leases
                if (lease.kind, lease.at, lease.scheme) == (kind, at, scheme)
            ),
            None,
        )
        load = partial(
            self._load,
            url=site + path,
            size=size or DESKTOP,
            scheme=scheme,
            timezone=timezone,
            locale=locale,
        )
        page = load(held or self._lease(kind, at), before_load=before_load)
        if held is not None and not _clock_from(page, at, held.taken):
            # The test moved the shared clock on (`page.clock`): a context of its own.
            page.close()
            page = load(self._lease(kind, at), before_load=before_load)
        return page

    def _lease(self, kind: Kind, at: datetime) -> Lease:
        assert not isinstance(self.browser, Missing)
        lease = self.browser.lease(kind, at)
        self.leases.append(lease)
        return lease

    def _load(
        self,
        lease: Lease,
        *,
        url: str,
        size: dict[str, int],
        scheme: str,
        timezone: str,
        locale: str,
        before_load: Callable[[Any], None] | None,
    ) -> Any:
        page = lease.new_page(size, scheme, timezone, locale)
        self.watch(page)
        if before_load is not None:
            before_load(page)
        response = page.goto(url, wait_until="load")
        assert response is not None and response.status == 200, f"GET {url}: {response}"
        return page

    def watch(self, page: Any) -> None:
        """Record `page`'s console errors, uncaught exceptions and failing requests (in
        `problems`, and in `problems_of(page)`)."""
        own = self.page_problems.setdefault(id(page), [])

        def note(problem: str) -> None:
            self.problems.append(problem)
            own.append(problem)

        def on_console(message: Any) -> None:
            if message.type == "error":
                note(f"console error on {page.url}: {message.text}")

        def on_response(response: Any) -> None:
            if response.status >= 400:
                note(f"HTTP {response.status} for {response.url} (from {page.url})")

        def on_request_failed(request: Any) -> None:
            # A navigation aborts the previous page's pending requests: that is not a fault.
            if "ERR_ABORTED" not in (request.failure or ""):
                note(f"request failed: {request.url} ({request.failure})")

        page.on("console", on_console)
        page.on("pageerror", lambda error: note(f"exception on {page.url}: {error}"))
        page.on("response", on_response)
        page.on("requestfailed", on_request_failed)

    def screenshot(
        self, page: Any, name: str, *, full_page: bool = True, always: bool = False
    ) -> Path | None:
        """Save a screenshot as tests/screenshots/<name>.png (the folder is git-ignored) and
        return its path, when the run asks for screenshots (`STATUSGEN_SCREENSHOTS=1`) or the
        test needs it (`always`); otherwise take none and return None. A full-page screenshot
        costs about half as much CPU as loading the page, and nothing reads them but people."""
        if not (always or SCREENSHOTS_WANTED):
            return None
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / (re.sub(r"[^A-Za-z0-9_.-]+", "-", name) + ".png")
        page.screenshot(path=str(path), full_page=full_page)
        return path

    def settle(self, page: Any) -> Any:
        """End `page`'s running CSS transitions and animations now, and return it. Material
        eases colours (links: 125 ms) when the colour scheme or the media changes, and a page
        from a warm context loads soon enough to be read midway: read colours after a change of
        `emulate_media`, or of the palette, from a settled page. Endless animations (a spinner)
        keep running: they have no end to jump to."""
        page.evaluate(SETTLE)
        return page

    def assert_no_problems(self) -> None:
        """Fail when any page opened so far logged an error or got an HTTP error."""
        assert not self.problems, "problems in the browser:\n" + "\n".join(self.problems)

    def problems_of(self, page: Any) -> list[str]:
        """The problems `page` had so far."""
        return self.page_problems.get(id(page), [])

    def close(self) -> None:
        """Close every context opened by this test and give the leased ones back."""
        for context in self.contexts:
            context.close()
        self.contexts.clear()
        if not isinstance(self.browser, Missing):
            for lease in self.leases:
                self.browser.give_back(lease)
        self.leases.clear()


@pytest.fixture
def browsing(browser: Chromium | Missing, base_url: str) -> Iterator[Browsing]:
    """Pages of the example site, each a new page (`Browsing.open`: in a warm context;
    `Browsing.context()`: in a fresh one), closed after the test."""
    session = Browsing(browser, base_url)
    try:
        yield session
    finally:
        session.close()


@dataclass
class Views:
    """Pages of the example site that several tests of a module read, each loaded once for
    them all (its clock started at the example's build moment, and running), in warm contexts
    held until the module ends. A test that acts on a page (a click, a hover, typing, a
    navigation, `page.clock`) opens its own with `browsing.open`: tests that read a view must
    not change it."""

    browsing: Browsing
    pages: dict[tuple[str, int, int, str], Any] = field(default_factory=dict)

    def open(self, path: str, *, size: dict[str, int] | None = None, scheme: str = "light") -> Any:
        """The page at `path` in `size` and colour `scheme` (as `Browsing.open` loads it),
        loaded by the first test that asks for it."""
        size = size or DESKTOP
        key = (path, size["width"], size["height"], scheme)
        if key not in self.pages:
            self.pages[key] = self.browsing.open(path, size=size, scheme=scheme)
        return self.pages[key]

    def assert_no_problems(self, page: Any) -> None:
        """Fail when `page` logged an error or got an HTTP error since it loaded."""
        problems = self.browsing.problems_of(page)
        assert not problems, "problems in the browser:\n" + "\n".join(problems)


@pytest.fixture(scope="module")
def views(browser: Chromium | Missing, base_url: str) -> Iterator[Views]:
    """Read-only pages of the example site shared by a module's tests (`Views`)."""
    session = Browsing(browser, base_url)
    try:
        yield Views(session)
    finally:
        session.close()


@pytest.fixture
def run_axe(axe_source: str | Missing) -> Callable[[Any], list[dict[str, Any]]]:
    """Runs axe-core on a page with the default rules and returns every violation. axe-core
    (half a megabyte of script) goes into each loaded document once: checking the same page
    again, after it changed, reuses it. `resultTypes` trims only the lists the tests do not
    read (passes, incomplete, inapplicable) to one node per rule."""

    def run(page: Any) -> list[dict[str, Any]]:
        if isinstance(axe_source, Missing):
            axe_source.fail()
        if not page.evaluate("typeof window.axe === 'object' && typeof axe.run === 'function'"):
            page.add_script_tag(content=axe_source)
        violations: list[dict[str, Any]] = page.evaluate(
            """async () => {
                // Violations in full; of what passed or does not apply, axe keeps one node
                // each instead of every node it checked (the tests read violations only).
                const result = await axe.run(document, {resultTypes: ['violations']});
                return result.violations.map(v => ({
                    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                    nodes: v.nodes.map(n => ({
                        target: n.target, html: n.html, summary: n.failureSummary,
                    })),
                }));
            }"""
        )
        return violations

    return run
