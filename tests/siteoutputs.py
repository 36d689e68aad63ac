"""What a build renders, in-process in milliseconds and without `mkdocs build`: every file it
publishes besides its pages (feeds, calendar, JSON API, badges, archive and search indexes,
report CSV files), and the bodies of its generated pages. The renderers' unit tests read these.

`render` takes a model snapshot as the plugin does (`render.outputs.output_files` and
`render.pages.PageRenderer` with the plugin's settings); `render_folder` first loads a site's
folder with the real loader and its mkdocs.yml's options. `write_outputs` puts the files where
a build would, so the helpers of tests/sitebuild.py that read a built site
(`statuspage_errors`) read them too. The plugin's own wiring (MkDocs' page URLs, site_url, the
theme) is checked by one real build per output family.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from statusgen.clock import load_zone
from statusgen.content import load_site
from statusgen.derive.audience import for_audience
from statusgen.derive.snapshot import Snapshot, build_snapshot
from statusgen.model import StatusSite
from statusgen.options import DEFAULTS, Options
from statusgen.options.mkdocs_yml import read_site_language, read_site_options, read_site_settings
from statusgen.render import urls
from statusgen.render.contact import Contact
from statusgen.render.locale import TimeFormatter, Translator
from statusgen.render.markers import fill_markers
from statusgen.render.markup import MarkdownRenderer
from statusgen.render.outputs import PublishSettings, output_files
from statusgen.render.pages import PageRenderer, generated_pages

Outputs = dict[str, str | bytes]

#: The fixture sites' name and address (tests/sitebuild.py's MKDOCS_YML).
NAME = "Test Status"
BASE = "https://status.test/"


@dataclass(frozen=True)
class Render:
    """One build's snapshot and settings, rendered as the plugin renders them."""

    snapshot: Snapshot
    settings: PublishSettings

    def outputs(self) -> Outputs:
        """What the build publishes besides pages, by path in the site."""
        return {path: make() for path, make in output_files(self.snapshot, self.settings)}

    def pages(self) -> dict[str, str]:
        """Each generated page's body (what the theme puts in its content area), by source
        path ("index.md", "components/api/report.md")."""
        renderer = self.renderer()
        return {p.src: renderer.render(p) for p in generated_pages(self.snapshot, self.settings.t)}

    def hand_written(self, html: str, page_url: str = "subscribe/") -> str:
        """A hand-written page's body at `page_url` with statusgen's markers filled in."""
        return fill_markers(html, self.renderer(), page_url, self.settings.options)

    def renderer(self) -> PageRenderer:
        """The page renderer the plan gives this build."""
        settings = self.settings
        return PageRenderer(
            self.snapshot,
            settings.t,
            TimeFormatter(self.snapshot.zone, settings.t),
            settings.urls,
            settings.markdown,
            Contact.of(settings.options.contact, settings.t, settings.t.language),
            past_days=settings.options.past_days,
        )


def render(
    site: StatusSite,
    now: datetime,
    *,
    options: Options = DEFAULTS,
    name: str = NAME,
    base: str = BASE,
    language: str = "en",
    directory_urls: bool = True,
) -> Render:
    """A build of `site` at `now`, for its audience (`options.audience`)."""
    zone = load_zone(options.timezone)
    snapshot = build_snapshot(for_audience(site, options.audience), now, options.history_days, zone)
    settings = PublishSettings(
        name,
        options,
        urls.SiteUrls.without_build(base, directory_urls),
        Translator(language),
        MarkdownRenderer(),
    )
    return Render(snapshot, settings)


def outputs_of(site: StatusSite, now: datetime, **settings: Any) -> Outputs:
    """What a build of `site` at `now` publishes besides pages (`render`'s settings)."""
    return render(site, now, **settings).outputs()


def render_folder(root: Path, now: datetime) -> Render:
    """A build of the site in `root` (mkdocs.yml, components.yml, incidents/) at `now`: its
    content loaded and checked as the plugin loads it, with mkdocs.yml's options, name, address
    and language."""
    options = read_site_options(root)
    settings = read_site_settings(root)
    return render(
        load_site(options.layout(root), now),
        now,
        options=options,
        name=settings["site_name"],
        base=settings["site_url"].rstrip("/") + "/",
        language=read_site_language(root),
        directory_urls=settings.get("use_directory_urls", True),
    )


def site_outputs(root: Path, now: datetime) -> Outputs:
    """What a build of the site in `root` at `now` publishes besides pages."""
    return render_folder(root, now).outputs()


def write_outputs(files: Outputs, dest: Path) -> Path:
    """Write the files under `dest` as a build would; `dest` back."""
    for path, content in files.items():
        target = dest / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return dest


@contextmanager
def machine_zone(zone: str) -> Iterator[None]:
    """The process's local time zone set to `zone` (and a C locale), as on a machine elsewhere:
    what a build renders must not change with it."""
    saved = {name: os.environ.get(name) for name in ("TZ", "LC_ALL")}
    os.environ.update(TZ=zone, LC_ALL="C.UTF-8")
    time.tzset()
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        time.tzset()


def archive_texts(read: Callable[[str], str | bytes]) -> list[str]:
    """The archive's search texts in the index's order, as `read(path)` gives its files, read
    part by part of each year as the archive's script reads them."""
    index = json.loads(read(urls.ARCHIVE_INDEX))
    per_file = index["texts_per_file"]
    texts: list[str] = []
    for year, count in index["years"]:
        for part in range(1, -(-count // per_file) + 1):
            data = json.loads(read(urls.archive_texts(year, part)))
            assert (data["version"], data["year"], data["part"]) == (2, year, part)
            assert len(data["texts"]) == min(per_file, count - (part - 1) * per_file), (year, part)
            texts.extend(data["texts"])
    assert len(texts) == len(index["flags"])
    return texts


def archive_rows(read: Callable[[str], str | bytes]) -> dict[str, dict[str, Any]]:
    """The archive's incidents as `read(path)` gives its files (an outputs dict's `__getitem__`,
    or a built site's reader), decoded from the index's columns and each year's rows as the
    archive's script decodes them: id -> fields, newest first."""
    index = json.loads(read(urls.ARCHIVE_INDEX))
    assert index["version"] == 2
    shown: list[list[str]] = []
    for year, count in index["years"]:
        rows = json.loads(read(urls.archive_year_rows(year)))["rows"]
        assert len(rows) == count, year
        shown.extend(rows)
    assert len(shown) == len(index["flags"]) == len(index["set"]) == len(index["start"])
    decoded: dict[str, dict[str, Any]] = {}
    at = 0
    for n, (flags, members, row) in enumerate(
        zip(index["flags"], index["set"], shown, strict=True)
    ):
        at = index["start"][0] if n == 0 else at - index["start"][n]
        decoded[row[0]] = {
            "title": row[1],
            "started_at": datetime.fromtimestamp(at, UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "maintenance": flags & 1,
            "active": flags >> 1 & 1,
            "internal": flags >> 2 & 1,
            "postmortem": flags >> 3 & 1,
            "impact": index["impacts"][flags >> 4 & 3],
            "state": index["states"][flags >> 6],
            "components": [index["components"][c][0] for c in index["sets"][members]],
            "duration": row[2],
            "ends_at": row[3] if len(row) > 3 else None,
        }
    return decoded
