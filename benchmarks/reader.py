"""The reader's side of a built site, measured in headless Chromium.

- `page_weight`: everything the browser requests for one page (the page, its CSS, JS, fonts,
  images, and what scripts fetch afterwards, e.g. Material's search worker and index), each
  file's size gzipped (level 6, as a web server would send it), and every request that is not
  to the local server (third-party).
- `archive_timings`: the archive page (`/history/`) with its JavaScript: time from navigation
  start until `#sg-results` holds its first list, then filter changes and text searches, timed
  with `performance.now()` inside the page around a synchronous `dispatchEvent`.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import os
import shutil
import statistics
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

CHROMIUM = (
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
GZIP_LEVEL = 6


def gzipped_size(data: bytes) -> int:
    """Bytes after gzip at level 6 (a typical server setting)."""
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base signature
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve a built site on 127.0.0.1 (a random port) in a thread; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium() -> Iterator[Any]:
    """Debian's Chromium, headless, through Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def _kind(path: str) -> str:
    suffix = Path(path).suffix.lower()
    if path.endswith("/") or suffix in (".html", ""):
        return "html"
    if suffix == ".css":
        return "css"
    if suffix in (".js", ".mjs"):
        return "js"
    if suffix in (".woff", ".woff2", ".ttf", ".otf", ".eot"):
        return "font"
    if suffix in (".png", ".svg", ".ico", ".jpg", ".jpeg", ".gif", ".webp", ".avif"):
        return "image"
    if path.endswith("search/search_index.json"):
        return "search_index"
    if suffix in (".json", ".xml", ".gz"):
        return "data"
    return "other"


#: The kinds the 90 KB target counts: what renders the page.
PAGE_KINDS = ("html", "css", "js", "font", "image")


@dataclass
class PageWeight:
    """What one page load fetched."""

    url: str
    #: Gzipped bytes per kind (html, css, js, font, image, search_index, data, other).
    by_kind: dict[str, int] = field(default_factory=dict)
    #: Same-site files fetched, with their gzipped sizes.
    files: dict[str, int] = field(default_factory=dict)
    third_party: list[str] = field(default_factory=list)

    @property
    def page_bytes(self) -> int:
        """HTML, CSS, JS, fonts and images: what the page needs to render."""
        return sum(self.by_kind.get(k, 0) for k in PAGE_KINDS)

    @property
    def total_bytes(self) -> int:
        """Everything the browser fetched, including the search index and the sitemap."""
        return sum(self.by_kind.values())


def _file_for(site: Path, url_path: str) -> Path | None:
    path = unquote(url_path).lstrip("/")
    candidate = site / path
    if url_path.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def page_weight(
    browser: Any, base: str, path: str, site: Path, settle_ms: int = 1500
) -> PageWeight:
    """Load one page in a fresh context (cold cache) and add up what it fetched."""
    origin = urlsplit(base).netloc
    context = browser.new_context()
    requested: list[str] = []
    third: list[str] = []

    def on_request(request: Any) -> None:
        requested.append(request.url)

    def route(route_: Any) -> None:
        if urlsplit(route_.request.url).netloc != origin:
            third.append(route_.request.url)
            route_.abort()
        else:
            route_.continue_()

    context.on("request", on_request)
    context.route("**/*", route)
    page = context.new_page()
    page.goto(base + path, wait_until="load")
    try:
        page.wait_for_load_state("networkidle", timeout=60_000)
    except Exception:  # noqa: BLE001 - a page that keeps polling still gets measured
        pass
    page.wait_for_timeout(settle_ms)
    context.close()
    weight = PageWeight(url=path)
    for url in requested:
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob"):
            continue
        if parts.netloc != origin:
            if url not in third:
                third.append(url)
            continue
        if parts.path in weight.files:
            continue
        file = _file_for(site, parts.path)
        size = gzipped_size(file.read_bytes()) if file is not None else 0
        weight.files[parts.path] = size
        kind = _kind(parts.path)
        weight.by_kind[kind] = weight.by_kind.get(kind, 0) + size
    weight.third_party = sorted(set(third))
    return weight


_FIRST_RENDER_SCRIPT = """
window.__sgFirstRender = null;
new MutationObserver(function (records, observer) {
  var results = document.getElementById("sg-results");
  if (results && results.querySelector("ul.sg-list")) {
    window.__sgFirstRender = performance.now();
    observer.disconnect();
  }
}).observe(document, {childList: true, subtree: true});
"""

_FILTER_SCRIPT = """
async ([value, repeats]) => {
  const select = document.querySelector("select[name=impact]");
  const results = document.getElementById("sg-results");
  const frame = () => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  const dom = [], layout = [];
  let wrong = 0, rows = 0;
  for (let i = 0; i < repeats; i++) {
    select.value = "";
    select.dispatchEvent(new Event("change", {bubbles: true}));
    await frame();
    select.value = value;
    const t0 = performance.now();
    select.dispatchEvent(new Event("change", {bubbles: true}));
    const t1 = performance.now();
    void document.body.offsetHeight;          // force style and layout of the new list
    const t2 = performance.now();
    dom.push(t1 - t0); layout.push(t2 - t0);
    rows = results.querySelectorAll("li.sg-row").length;
    wrong += results.querySelectorAll("li.sg-row:not(.sg-i-" + value + ")").length;
    await frame();
  }
  select.value = "";
  select.dispatchEvent(new Event("change", {bubbles: true}));
  return {dom, layout, wrong, rows};
}
"""

#: The archive's free-text filter (its name changed once; find it by type).
TEXT_INPUT = "#sg-filters input[type=search]"

_FIRST_SEARCH_SCRIPT = """
async (word) => {
  const input = document.querySelector(TEXT_INPUT);
  const results = document.getElementById("sg-results");
  const count = document.getElementById("sg-count");
  const before = results.innerHTML;
  const t0 = performance.now();
  input.value = word;
  input.dispatchEvent(new Event("input", {bubbles: true}));
  const changed = await new Promise((resolve) => {
    const check = () => {
      // Done when every part of the texts is searched: the count no longer says "Searching".
      if (results.innerHTML !== before && / match$/.test(count.textContent)) resolve(true);
      else if (performance.now() - t0 > 60000) resolve(false);
      else setTimeout(check, 1);
    };
    check();
  });
  return changed ? performance.now() - t0 : -1;
}
"""

_SEARCH_SCRIPT = """
async (words) => {
  const input = document.querySelector(TEXT_INPUT);
  const results = document.getElementById("sg-results");
  const frame = () => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  const dom = [], counts = [];
  for (const word of words) {
    const before = results.innerHTML;
    input.value = word;
    const t0 = performance.now();
    input.dispatchEvent(new Event("input", {bubbles: true}));
    const t1 = performance.now();
    dom.push(t1 - t0);
    counts.push(document.getElementById("sg-count").textContent);
    await frame();
  }
  input.value = "";
  input.dispatchEvent(new Event("input", {bubbles: true}));
  return {dom, counts};
}
"""

SEARCH_WORDS = [
    "database",
    "timeout",
    "eu-west",
    "rolled back",
    "certificate",
    "latency",
    "failover",
    "backlog",
    "dns",
    "capacity",
    "webhooks",
    "maintenance",
]


@dataclass
class ArchiveTimings:
    """Milliseconds, medians over repeats; lists hold every sample."""

    first_render: list[float]
    filter_dom: list[float]
    filter_layout: list[float]
    filter_rows: int
    first_search: float
    search_dom: list[float]

    def summary(self) -> dict[str, float]:
        """Medians."""
        return {
            "first_render_ms": statistics.median(self.first_render),
            "filter_change_ms": statistics.median(self.filter_dom),
            "filter_change_layout_ms": statistics.median(self.filter_layout),
            "first_search_ms": self.first_search,
            "search_ms": statistics.median(self.search_dom),
        }


def archive_timings(browser: Any, base: str, loads: int = 5, changes: int = 9) -> ArchiveTimings:
    """Time the archive: `loads` cold page loads for the first render, then on the last one
    `changes` filter changes (impact "major") and one text search per word of SEARCH_WORDS
    after the search texts have loaded."""
    first: list[float] = []
    context = page = None
    for _ in range(loads):
        if context is not None:
            context.close()
        context = browser.new_context()
        page = context.new_page()
        page.add_init_script(_FIRST_RENDER_SCRIPT)
        page.goto(base + "/history/", wait_until="commit")
        page.wait_for_function(
            "window.__sgFirstRender !== null && window.__sgFirstRender !== undefined",
            timeout=120_000,
            polling=10,
        )
        first.append(float(page.evaluate("window.__sgFirstRender")))
    assert page is not None and context is not None
    page.wait_for_load_state("load")
    page.wait_for_timeout(500)
    if page.query_selector("select[name=impact]") is None:
        raise RuntimeError("the archive has no impact filter (select[name=impact])")
    # The archive fetches its index on the first filter change: wait for that one, then time
    # the changes that follow (each redraws within its own event).
    page.select_option("select[name=impact]", "major")
    page.wait_for_function(
        "!document.querySelector('#sg-results li.sg-row:not(.sg-i-major)')", timeout=120_000
    )
    filtered = page.evaluate(_FILTER_SCRIPT, ["major", changes])
    if filtered["wrong"]:
        raise RuntimeError(f"the impact filter left {filtered['wrong']} rows of another impact")
    if page.query_selector(TEXT_INPUT) is None:
        raise RuntimeError(f"the archive has no text filter ({TEXT_INPUT})")
    first_search = float(
        page.evaluate(_FIRST_SEARCH_SCRIPT.replace("TEXT_INPUT", repr(TEXT_INPUT)), "database")
    )
    if first_search < 0:
        raise RuntimeError("the first text search did not change the list within 60 s")
    searched = page.evaluate(_SEARCH_SCRIPT.replace("TEXT_INPUT", repr(TEXT_INPUT)), SEARCH_WORDS)
    context.close()
    return ArchiveTimings(
        first_render=first,
        filter_dom=filtered["dom"],
        filter_layout=filtered["layout"],
        filter_rows=filtered["rows"],
        first_search=first_search,
        search_dom=searched["dom"],
    )


def reader_measurements(
    site: Path, incident_path: str, loads: int = 5, changes: int = 9
) -> dict[str, Any]:
    """Page weights of the overview, one incident page and the archive, and the archive's
    timings."""
    started = time.perf_counter()
    with serve(site) as base, chromium() as browser:
        overview = page_weight(browser, base, "/", site)
        incident = page_weight(browser, base, incident_path, site)
        archive_page = page_weight(browser, base, "/history/", site)
        archive = archive_timings(browser, base, loads=loads, changes=changes)
    return {
        "overview": overview,
        "incident": incident,
        "archive_page": archive_page,
        "archive": archive,
        "elapsed_s": time.perf_counter() - started,
    }
