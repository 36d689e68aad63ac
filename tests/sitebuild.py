"""Helpers for tests that build real sites with `mkdocs build` and read what they wrote."""

from __future__ import annotations

import csv
import fcntl
import io
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import chdir, contextmanager
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from textwrap import dedent

import pytest

REPO = Path(__file__).resolve().parents[1]
SCHEMAS = Path(__file__).resolve().parent / "schemas"
#: The example site's fixed build date, 2026-11-23T12:00:00Z (see the Makefile).
EXAMPLE_EPOCH = "1795435200"
#: The same moment as a time: what the example's pages say "now" is.
EXAMPLE_BUILT = datetime.fromtimestamp(int(EXAMPLE_EPOCH), UTC)


def mkdocs_build(
    root: Path,
    dest: Path,
    epoch: str = EXAMPLE_EPOCH,
    *extra: str,
    env: dict[str, str] | None = None,
    config: str = "mkdocs.yml",
    process: bool = False,
    verbose: bool = False,
) -> subprocess.CompletedProcess[str]:
    """A real `mkdocs build --strict -f root/config -d dest` (`-v` with `verbose`), at `epoch`
    (`SOURCE_DATE_EPOCH`) with `env` added to the environment: its exit status and what it
    printed.

    It runs in this process (`build_here`), as `mkdocs build` runs once it has read its command
    line: a new process costs about 0.4 CPU s more (Python, MkDocs and Material imported
    again). `process=True` runs the command itself, `python -m mkdocs build`, for a test about
    what only a process shows (its command line, its output as printed, a fresh
    interpreter's hash seed)."""
    if not process:
        assert not extra, "command-line arguments need process=True"
        return build_here(
            root / config, dest, {"SOURCE_DATE_EPOCH": epoch, **(env or {})}, verbose=verbose
        )
    environment = {
        **os.environ,
        "SOURCE_DATE_EPOCH": epoch,
        "NO_MKDOCS_2_WARNING": "1",
        **(env or {}),
    }
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(root / config),
            "-d",
            str(dest),
            *(["-v"] if verbose else []),
            *extra,
        ],
        capture_output=True,
        text=True,
        env=environment,
        cwd=root,
    )


@contextmanager
def environment(**values: str) -> Iterator[None]:
    """Environment variables set for the block, restored after it."""
    before = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def build_here(
    config: Path, dest: Path, env: dict[str, str], *, verbose: bool = False
) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict -f config -d dest` (`-v` with `verbose`) in this process, in the
    config's folder, with `env` added to the environment: what `mkdocs build` runs after reading
    its command line (the config loaded strict, the plugins' startup, the build, their
    shutdown). MkDocs' log lines go to `stderr` as the command prints them (`LEVEL - message`,
    uncoloured), and its end as the command ends: exit status 1 and MkDocs' message after the
    log for a refusal (`Error: ...` for a configuration or build error), the traceback for a
    crash."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    printed = io.StringIO()
    handler = logging.StreamHandler(printed)
    handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)
    code = 1
    try:
        with environment(NO_MKDOCS_2_WARNING="1", **env), chdir(config.parent):
            loaded = load_config(str(config), site_dir=str(dest), strict=True)
            loaded.plugins.on_startup(command="build", dirty=False)
            try:
                build(loaded)
            finally:
                loaded.plugins.on_shutdown()
        code = 0
    except Abort as refusal:
        printed.write(f"\n{refusal.format_message()}\n")
    except MkDocsException as error:
        printed.write(f"Error: {error.format_message()}\n")
    except Exception:
        printed.write(traceback.format_exc())
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    command = ["mkdocs", "build", "--strict", "-f", str(config), "-d", str(dest)]
    command += ["-v"] if verbose else []
    return subprocess.CompletedProcess(command, code, "", printed.getvalue())


def shared_build(
    basetemp: Path, name: str, build: Callable[[Path], subprocess.CompletedProcess[str]]
) -> Path:
    """A built site that every test of a run reads, built once for all pytest-xdist workers:
    the first worker to ask runs `build(dest)` under a lock, the others wait for it and read
    the same folder, `shared/<name>` in the run's temporary folder (`basetemp`:
    `TempPathFactory.getbasetemp`). Tests must not write into the site."""
    # Workers' folders are popen-gw<n> in the run's folder; without xdist, the run's own.
    run = basetemp.parent if os.environ.get("PYTEST_XDIST_WORKER") else basetemp
    dest = run / "shared" / name
    done = dest.with_name(dest.name + ".done")
    dest.parent.mkdir(parents=True, exist_ok=True)
    with dest.with_name(dest.name + ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not done.exists():
            shutil.rmtree(dest, ignore_errors=True)
            result = build(dest)
            assert result.returncode == 0, result.stderr
            done.touch()
    return dest


def shared_fixture_site(
    factory: pytest.TempPathFactory,
    name: str,
    incidents: dict[str, str] | None = None,
    *,
    timezone: str = "UTC",
) -> Path:
    """`fixture_site` with `incidents` (and `timezone`), built at `FIXTURE_EPOCH` once per run
    (`shared_build`). Read-only."""

    def build(out: Path) -> subprocess.CompletedProcess[str]:
        root = fixture_site(
            out.with_name(out.name + "-src"), timezone=timezone, incidents=incidents
        )
        return mkdocs_build(root, out, FIXTURE_EPOCH)

    return shared_build(factory.getbasetemp(), name, build)


def write_site(root: Path, files: dict[str, str]) -> Path:
    """Write a small site: each key a path under `root`, each value dedented text."""
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dedent(text).lstrip("\n"), encoding="utf-8")
    (root / "docs").mkdir(exist_ok=True)
    return root


class PageParser(HTMLParser):
    """Collects links, ids, the text and elements by class of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.text_parts: list[str] = []
        self.times: list[dict[str, str]] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "href" in values:
            self.links.append(values["href"])
        if tag == "time":
            self.times.append(values)
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.text_parts.append(data)

    @property
    def text(self) -> str:
        """The visible text, whitespace folded."""
        return " ".join(" ".join(self.text_parts).split())


def parse_page(path: Path) -> PageParser:
    """Parse one built HTML file."""
    return parse_html(path.read_text(encoding="utf-8"))


def parse_html(html: str) -> PageParser:
    """Parse HTML text (a page, or a page's body)."""
    parser = PageParser()
    parser.feed(html)
    return parser


def read_csv(raw: bytes | str | Path) -> list[dict[str, str]]:
    """A CSV file's rows (a built file's path, or the file's content), after checking RFC 4180's
    line ends: every record ends with CRLF, no bare LF."""
    if isinstance(raw, Path):
        raw = raw.read_bytes()
    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    assert data.endswith(b"\r\n") and data.count(b"\n") == data.count(b"\r\n")
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def report_summary(html: str) -> dict[str, str]:
    """A report page's summary table: each row's heading and value."""
    table = html[html.index('class="sg-report-summary"') :]
    table = table[: table.index("</table>")]
    return dict(re.findall(r'<th scope="row">([^<]+)</th><td>([^<]+)</td>', table))


def resolve_link(site: Path, page: Path, href: str) -> tuple[Path, str] | None:
    """The file a relative link points to (and its fragment), or None for external links."""
    if (
        href.startswith(("http://", "https://", "mailto:", "//"))
        or href.startswith("#")
        and not href[1:]
    ):
        return None
    path, _, fragment = href.partition("#")
    if path.startswith("/"):  # root-relative, as in 404.html
        target = (site / path.lstrip("/")).resolve()
    else:
        target = page if not path else (page.parent / path).resolve()
    if target.is_dir():
        target = target / "index.html"
    return target, fragment


def broken_links(site: Path, pages: list[Path]) -> list[str]:
    """Every internal link (with fragment) of `pages` that does not resolve, as text."""
    broken = []
    parsed: dict[Path, PageParser] = {}
    for page in pages:
        for href in parse_page(page).links:
            resolved = resolve_link(site, page, href)
            if resolved is None:
                continue
            target, fragment = resolved
            if not target.is_file():
                broken.append(f"{page.relative_to(site)}: {href} (no file)")
                continue
            if fragment and target.suffix == ".html":
                ids = parsed.setdefault(target, parse_page(target)).ids
                if fragment not in ids:
                    broken.append(f"{page.relative_to(site)}: {href} (no #{fragment})")
    return broken


#: 2026-03-10T12:00:00Z, the build date of the fixture sites.
FIXTURE_EPOCH = "1773144000"
FIXTURE_BUILT = datetime.fromtimestamp(int(FIXTURE_EPOCH), UTC)

MKDOCS_YML = """
site_name: Test Status
site_url: https://status.test/
theme:
  name: material
  language: {language}
  font: false
plugins:
  - search
  - statusgen:
      timezone: {timezone}
      contact: {{url: help@status.test, text: Ask us}}
{extra}
"""

COMPONENTS = """
groups:
  - name: Core
    components:
      - id: api
        name: Public API
        sla: 99.9
      - id: web
        name: Website
        description: The marketing site
  - name: Providers
    components:
      - id: payments
        name: Payments
        upstream: https://status.payments.test
"""

# api: partial 10:00-11:00 then major 11:00-11:30 on 2026-03-09 -> 60*0.3 + 30 = 48 min down.
#   Day: 100 - 48/1440*100 = 96.6666 -> "96.66".
#   30 days up to 2026-03-10T12:00: 29.5 days = 42480 min
#   -> 100 - 48/42480*100 = 99.8870 -> "99.88".
OUTAGE = """
---
title: API errors <b>after</b> deploy
impact: major
components:
  api: partial_outage
workaround: Retry failed calls.
phases:
  - at: 2026-03-09T10:00:00Z
    status: investigating
    message: We see errors.
  - at: 2026-03-09T11:00:00Z
    status: identified
    components: {api: major_outage}
    message: A **bad deploy**; rolling back.
  - at: 2026-03-09T11:30:00+00:00
    status: resolved
    message: Fixed.
---
## Root cause
A config change.
"""

# Open at build time: degraded web since 2026-03-10T11:00Z.
OPEN = """
---
title: Slow website
impact: minor
components: {web: degraded_performance}
phases:
  - at: 2026-03-10T11:00:00Z
    status: investigating
    message: Pages load slowly.
    next_update: 2026-03-10T12:30:00Z
---
"""


#: The fixture's slow website, resolved before the build: a site with nothing open.
SLOW_RESOLVED = """
---
title: Slow website
impact: minor
components: {web: degraded_performance}
phases:
  - at: 2026-03-10T09:00:00Z
    status: investigating
    message: Pages load slowly.
  - at: 2026-03-10T10:00:00Z
    status: resolved
    message: Fixed.
---
"""


def fixture_site(
    root: Path,
    *,
    language: str = "en",
    timezone: str = "UTC",
    extra: str = "",
    incidents: dict[str, str] | None = None,
) -> Path:
    files = {
        "mkdocs.yml": MKDOCS_YML.format(language=language, timezone=timezone, extra=extra),
        "components.yml": COMPONENTS,
        "incidents/2026-03-09-api-errors.md": OUTAGE,
        "incidents/2026-03-10-slow-website.md": OPEN,
    }
    files.update(incidents or {})
    return write_site(root, files)


#: Every file of the Statuspage v2 API, with its definition in statuspage-v2.schema.json.
API_FILES = {
    "summary.json": "summary.json",
    "status.json": "status.json",
    "components.json": "components.json",
    "incidents.json": "incidents.json",
    "incidents/unresolved.json": "incidents.json",
    "scheduled-maintenances.json": "scheduled-maintenances.json",
    "scheduled-maintenances/upcoming.json": "scheduled-maintenances.json",
    "scheduled-maintenances/active.json": "scheduled-maintenances.json",
}


def statuspage_errors(site: Path, path: str) -> list[str]:
    """What tests/schemas/statuspage-v2.schema.json finds wrong in one built API file."""
    import jsonschema

    schema = json.loads((SCHEMAS / "statuspage-v2.schema.json").read_text())
    document = json.loads((site / "api/v2" / path).read_text())
    validator = jsonschema.Draft202012Validator(
        {"$ref": f"#/$defs/{API_FILES[path]}", "$defs": schema["$defs"]},
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]


#: A two-hour maintenance of the fixture's `api` on 2026-03-20 (02:00-04:00 UTC), announced
#: on 2026-03-10; `{more}` takes further updates (format it with more="" for none).
MAINTENANCE = """---
title: Database upgrade
type: maintenance
components: {{api: under_maintenance}}
scheduled: {{start: 2026-03-20T02:00:00Z, end: 2026-03-20T04:00:00Z}}
phases:
  - {{at: 2026-03-10T09:00:00Z, status: scheduled, message: "Planned."}}
{more}---
"""

UPCOMING_MAINTENANCE = """
---
title: Database upgrade
type: maintenance
components: {api: under_maintenance}
scheduled: {start: 2026-03-20T02:00:00Z, end: 2026-03-20T04:00:00Z}
phases:
  - at: 2026-03-01T09:00:00Z
    status: scheduled
    message: We will upgrade the database.
---
"""
DONE_MAINTENANCE = """
---
title: Network maintenance
type: maintenance
components: {web: under_maintenance}
scheduled: {start: 2026-02-10T01:00:00Z, end: 2026-02-10T03:00:00Z}
phases:
  - at: 2026-02-01T09:00:00Z
    status: scheduled
    message: Planned network work.
  - at: 2026-02-10T00:55:00Z
    status: in_progress
    message: Started early.
  - at: 2026-02-10T02:10:00Z
    status: completed
    message: Done.
---
"""
#: The fixture site's maintenance: one upcoming, one done (started early).
MAINTENANCE_INCIDENTS = {
    "incidents/2026-03-20-database-upgrade.md": UPCOMING_MAINTENANCE,
    "incidents/2026-02-10-network-maintenance.md": DONE_MAINTENANCE,
}
#: Every update of the fixture site: 3 (outage) + 1 (open) + 1 + 3 (maintenance).
ALL_UPDATES = 8


#: An incident written in English and French in full (issue 28's format).
TRANSLATED = """
---
title:
  en: Login failures
  fr: Échecs de connexion
impact: minor
components:
  web: partial_outage
workaround:
  en: Sign in again.
  fr: Reconnectez-vous.
phases:
  - at: 2026-03-08T08:00:00Z
    status: investigating
    message:
      en: Some logins fail.
      fr: Certaines connexions échouent.
  - at: 2026-03-08T09:00:00Z
    status: resolved
    message:
      en: Fixed.
      fr: Corrigé.
---
## What happened
A certificate expired.

<!-- lang: fr -->
## Ce qui s'est passé
Un certificat avait expiré.
"""


#: French names of the fixture's groups and components (`named_in_french`).
FRENCH_NAMES = {
    "Core": "Cœur",
    "Public API": "API publique",
    "Website": "Site web",
    "Providers": "Fournisseurs",
    "Payments": "Paiements",
}


def named_in_french(root: Path) -> Path:
    """The site's components.yml with each of the fixture's names also in French (a site of
    English and French warns of a name without its French, as of any text)."""
    path = root / "components.yml"
    text = path.read_text(encoding="utf-8")
    for english, french in FRENCH_NAMES.items():
        text = text.replace(f"name: {english}\n", f"name: {{en: {english}, fr: {french}}}\n")
    path.write_text(text, encoding="utf-8")
    return root


def shared_bilingual_site(factory: pytest.TempPathFactory) -> Path:
    """`bilingual_fixture_site` built at `FIXTURE_EPOCH`, once per run for every test that
    reads it (`shared_build`). Read-only."""

    def build(out: Path) -> subprocess.CompletedProcess[str]:
        return mkdocs_build(
            bilingual_fixture_site(out.with_name(out.name + "-src")), out, FIXTURE_EPOCH
        )

    return shared_build(factory.getbasetemp(), "bilingual", build)


def bilingual_fixture_site(root: Path) -> Path:
    """`fixture_site` in English and French (`languages: [en, fr]`): its incidents in English
    only (every French text a marked fallback) and one in both (`TRANSLATED`), with an About
    page in both (`about.md`, `about.fr.md`)."""
    site = fixture_site(
        root,
        extra="      languages: [en, fr]",
        incidents={"incidents/2026-03-08-login-failures.md": TRANSLATED},
    )
    (site / "docs/about.md").write_text("# About\n\nWho we are.\n", encoding="utf-8")
    (site / "docs/about.fr.md").write_text("# À propos\n\nQui nous sommes.\n", encoding="utf-8")
    return site
