"""The check's verdicts (`render/verdicts.py`): an incident page made without failure is not
made again by the next `statusgen check` while its inputs are the same, and a kept pass never
hides a failure: a changed incident, a damaged or foreign file, another statusgen, another
time for an open incident, all make the page again and report what fails."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from checkruns import NOW_ARG, check, check_in_full  # noqa: F401 (a fixture)
from sitebuild import FIXTURE_BUILT, MAINTENANCE_INCIDENTS, bilingual_fixture_site, fixture_site
from test_check_renders import FAILING_INCIDENT
from test_customisation import with_custom_dir

from statusgen.content import budgets, check_site
from statusgen.derive.snapshot import IncidentView, build_snapshot
from statusgen.options.mkdocs_yml import read_site_options
from statusgen.render import outputs, preflight, verdicts
from statusgen.render.checkverdict import CHECK_FILE
from statusgen.render.feeds import FeedInfo
from statusgen.render.pages import YEAR_PAGE, GeneratedPage, PageRenderer
from statusgen.render.verdicts import VERDICTS_FILE, Verdicts, view_digest

pytestmark = pytest.mark.usefixtures("check_in_full")
OUTAGE = "incidents/2026-03-09-api-errors.md"
OPEN = "incidents/2026-03-10-slow-website.md"
PROBLEM = (
    f"{OUTAGE}:1: the public site's page incidents/2026-03-09-api-errors/index.html cannot be "
    "rendered (RuntimeError: planted failure)"
)


@pytest.fixture
def made(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The source path of every page made from now on."""
    seen: list[str] = []
    render = PageRenderer.render

    def counting(self: PageRenderer, page: GeneratedPage) -> str:
        seen.append(page.src)
        return render(self, page)

    monkeypatch.setattr(PageRenderer, "render", counting)
    return seen


def plant_failure(monkeypatch: pytest.MonkeyPatch, title: str) -> None:
    """Make the page of the incident titled `title` fail, as a bug in a template would."""
    render = PageRenderer.render

    def failing(self: PageRenderer, page: GeneratedPage) -> str:
        view = page.context.get("incident")
        if isinstance(view, IncidentView) and view.incident.title.startswith(title):
            raise RuntimeError("planted failure")
        return render(self, page)

    monkeypatch.setattr(PageRenderer, "render", failing)


def incident_pages(srcs: list[str]) -> list[str]:
    return sorted({src for src in srcs if src.startswith("incidents/")})


def test_an_unchanged_incident_page_is_not_made_again(tmp_path: Path, made: list[str]) -> None:
    root = fixture_site(tmp_path / "site")
    assert check(root)[0] == 0
    assert incident_pages(made) == [
        "incidents/2026-03-09-api-errors.md",
        "incidents/2026-03-10-slow-website.md",
    ]
    assert (root / VERDICTS_FILE).is_file()
    made.clear()
    assert check(root)[0] == 0
    assert incident_pages(made) == [], "both incident pages were kept"
    assert "history/2026.md" not in made, "the year's page was kept"
    assert "index.md" in made, "the other pages are still made"


def test_a_changed_incident_makes_its_year_page_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = fixture_site(tmp_path / "site")
    assert check(root)[0] == 0
    render = PageRenderer.render

    def failing(self: PageRenderer, page: GeneratedPage) -> str:
        listed = self.snapshot.incidents_of_year(2026)
        if page.kind is YEAR_PAGE and any(
            "for good" in v.incident.phases[-1].message for v in listed
        ):
            raise RuntimeError("planted failure")
        return render(self, page)

    monkeypatch.setattr(PageRenderer, "render", failing)
    incident = root / OUTAGE
    incident.write_text(incident.read_text().replace("Fixed.", "Fixed for good."))
    code, output = check(root)
    assert code == 1, output
    assert "the public site's page history/2026/index.html cannot be rendered" in output


def test_a_changed_incident_is_made_again_and_its_failure_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = fixture_site(tmp_path / "site")
    assert check(root)[0] == 0
    plant_failure(monkeypatch, "API errors")
    code, output = check(root)
    assert code == 0, "unchanged inputs: the kept pass stands (the planted bug is not an input)"
    incident = root / OUTAGE
    incident.write_text(incident.read_text().replace("Fixed.", "Fixed for good."))
    code, output = check(root)
    assert code == 1, output
    assert PROBLEM in output, output
    code, output = check(root)
    assert (code, PROBLEM in output) == (1, True), "a failure is never kept as a pass"


def test_an_incidents_own_feed_is_kept_until_the_incident_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = fixture_site(tmp_path / "site")
    assert check(root)[0] == 0
    made: list[str] = []
    render = outputs.render_feeds

    def failing(entries: Any, info: FeedInfo, *args: Any) -> tuple[bytes, bytes]:
        made.append(info.title)
        phases = [phase for entry in entries for phase in entry.incident.incident.phases]
        if info.title.endswith("after</b> deploy") and "for good" in phases[-1].message:
            raise RuntimeError("planted failure")
        return render(entries, info, *args)

    monkeypatch.setattr(outputs, "render_feeds", failing)
    assert check(root)[0] == 0
    own = [title for title in made if "API errors" in title or "Slow website" in title]
    assert own == [], f"both incidents' own feeds were kept: {own}"
    assert made == [], f"the site's and the components' feeds were kept too: {made}"
    incident = root / OUTAGE
    incident.write_text(incident.read_text().replace("Fixed.", "Fixed for good."))
    code, output = check(root)
    assert code == 1, output
    assert (
        "incidents/2026-03-09-api-errors/feed.rss: the public site's file "
        "incidents/2026-03-09-api-errors/feed.rss cannot be rendered" in output
    ), output


def test_the_whole_site_s_feeds_and_calendar_are_kept_until_their_incidents_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = fixture_site(tmp_path / "site", incidents=MAINTENANCE_INCIDENTS)
    assert check(root)[0] == 0
    titles: list[str] = []
    calendars: list[int] = []
    render, calendar = outputs.render_feeds, outputs.render_maintenance_calendar

    def said(views: Any, words: str) -> bool:
        return any(words in phase.message for view in views for phase in view.incident.phases)

    def failing(entries: Any, info: FeedInfo, *args: Any) -> tuple[bytes, bytes]:
        titles.append(info.title)
        views = [entry.incident for entry in entries]
        if info.title == "Test Status: Public API" and said(views, "for good"):
            raise RuntimeError("planted failure")
        return render(entries, info, *args)

    def failing_calendar(view: Any, *args: Any) -> bytes:
        calendars.append(1)
        if said(view.incidents, "moved"):
            raise RuntimeError("planted failure")
        return calendar(view, *args)

    monkeypatch.setattr(outputs, "render_feeds", failing)
    monkeypatch.setattr(outputs, "render_maintenance_calendar", failing_calendar)
    assert check(root)[0] == 0
    assert (titles, calendars) == ([], []), "every feed and the calendar were kept"
    incident = root / OUTAGE
    incident.write_text(incident.read_text().replace("Fixed.", "Fixed for good."))
    code, output = check(root)
    assert code == 1, output
    assert "the public site's file components/api/feed.rss cannot be rendered" in output, output
    assert "Test Status" in titles, "the site's feed shows the changed incident: made again"
    assert "Test Status: Website" not in titles, "a component it does not touch: kept"
    assert calendars == [], "no maintenance changed: the calendar is kept"
    incident.write_text(incident.read_text().replace("Fixed for good.", "Fixed."))
    upgrade = root / "incidents/2026-03-20-database-upgrade.md"
    upgrade.write_text(upgrade.read_text().replace("upgrade the database", "upgrade it (moved)"))
    code, output = check(root)
    assert code == 1, output
    assert "the public site's file maintenance.ics cannot be rendered" in output, output


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],
        lambda data: b"",
        lambda data: bytes(range(256)),
        lambda data: data.replace(b'"passed":[', b'"passed":["x",'),
        lambda data: data.replace(b'"fingerprint":"', b'"fingerprint":"0'),
        lambda data: json.dumps({"fingerprint": verdicts.FINGERPRINT, "passed": 1}).encode(),
    ],
    ids=["truncated", "empty", "garbage", "odd entry", "other fingerprint", "wrong shape"],
)
def test_a_damaged_file_makes_every_page_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: Callable[[bytes], bytes]
) -> None:
    root = fixture_site(tmp_path / "site")
    assert check(root)[0] == 0
    path = root / VERDICTS_FILE
    damaged = damage(path.read_bytes())
    path.write_bytes(damaged)
    plant_failure(monkeypatch, "API errors")
    code, output = check(root)
    if b'"passed":["x",' in damaged:  # the entries that are whole still count; "x" is no key
        assert code == 0, output
        assert "x" not in Verdicts(path).old
        return
    assert code == 1, output
    assert PROBLEM in output, output


def test_another_statusgen_makes_every_page_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = fixture_site(tmp_path / "site")
    assert check(root)[0] == 0
    monkeypatch.setattr(verdicts, "FINGERPRINT", "another statusgen")
    plant_failure(monkeypatch, "API errors")
    code, output = check(root)
    assert code == 1 and PROBLEM in output, output


def test_the_fingerprint_holds_the_source_and_the_budgets(monkeypatch: pytest.MonkeyPatch) -> None:
    assert verdicts._fingerprint() == verdicts.FINGERPRINT
    monkeypatch.setattr(budgets, "RENDERED_BYTES", replace(budgets.RENDERED_BYTES, limit=1))
    assert verdicts._fingerprint() != verdicts.FINGERPRINT


def test_an_open_incident_is_made_again_at_another_time(tmp_path: Path, made: list[str]) -> None:
    root = fixture_site(tmp_path / "site")
    assert check(root)[0] == 0
    made.clear()
    later = (FIXTURE_BUILT + timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert check(root, later)[0] == 0
    # The open incident's duration and next update read the time; the resolved one's do not.
    assert incident_pages(made) == [OPEN]


def test_overridden_templates_keep_no_verdicts(tmp_path: Path) -> None:
    root = with_custom_dir(
        fixture_site(tmp_path / "site"), {"statusgen/incident.html": FAILING_INCIDENT}
    )
    for _ in range(2):
        code, output = check(root)
        assert code == 1 and "slow-website" in output, output
    # Only the incidents' texts (held to the budgets without templates), no page or file.
    assert len(Verdicts(root / VERDICTS_FILE).old) == 2


def test_the_cache_switch_turns_them_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = fixture_site(tmp_path / "site")
    monkeypatch.setenv("STATUSGEN_CACHE", "off")
    assert check(root)[0] == 0
    assert not (root / VERDICTS_FILE).exists()


def test_the_file_is_the_same_whatever_the_hash_seed(tmp_path: Path) -> None:
    root = fixture_site(tmp_path / "site")
    written = []
    for seed in ("1", "2"):
        (root / VERDICTS_FILE).unlink(missing_ok=True)
        (root / CHECK_FILE).unlink(missing_ok=True)  # the check runs in full
        subprocess.run(
            [sys.executable, "-m", "statusgen", "-C", str(root), "--now", NOW_ARG, "check"],
            check=True,
            capture_output=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        written.append((root / VERDICTS_FILE).read_bytes())
    assert written[0] == written[1]
    # Two incidents' texts, their pages and their year (the same to both audiences), and each
    # incident's RSS and Atom feeds in each audience (titled with its site's name); in each
    # audience too, the site's and its 3 components' RSS and Atom feeds, and the calendar.
    assert len(json.loads(written[0])["passed"]) == 2 + 3 + 2 * 2 * 2 + 2 * (2 * (1 + 3) + 1)


def test_a_view_digest_sees_every_field(tmp_path: Path) -> None:
    root = fixture_site(tmp_path / "site")
    site, problems = check_site(read_site_options(root).layout(root), FIXTURE_BUILT)
    assert problems == []
    view = build_snapshot(site, FIXTURE_BUILT, 90).incidents[-1]
    digest = view_digest(view)
    assert digest is not None and digest == view_digest(replace(view))
    phase = view.incident.phases[-1]
    changes: list[dict[str, Any]] = [
        {"duration": view.duration + timedelta(seconds=1)},
        {"incident": replace(view.incident, fallbacks=frozenset({"title"}))},
        {
            "incident": replace(
                view.incident,
                phases=(*view.incident.phases[:-1], replace(phase, message=phase.message + " ")),
            )
        },
        {"affected": view.affected[:-1]},
    ]
    for change in changes:
        assert view_digest(replace(view, **change)) != digest, change
    assert view_digest(
        replace(view, incident=replace(view.incident, fallbacks=frozenset({"title", "body"})))
    ) == view_digest(
        replace(view, incident=replace(view.incident, fallbacks=frozenset({"body", "title"})))
    )


def test_an_incidents_texts_are_held_to_the_budgets_again_when_it_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = fixture_site(tmp_path / "site")
    assert check(root)[0] == 0
    size_problem = preflight.size_problem

    def over_budget(rendered: str, text: str, what: str) -> str | None:
        if "for good" in text:
            return f"the {what} is over a planted budget"
        return size_problem(rendered, text, what)

    monkeypatch.setattr(preflight, "size_problem", over_budget)
    incident = root / OUTAGE
    incident.write_text(incident.read_text().replace("Fixed.", "Fixed for good."))
    code, output = check(root)
    assert code == 1, output
    assert f"{OUTAGE}:" in output and "is over a planted budget" in output, output


def test_another_time_limit_holds_every_text_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = fixture_site(tmp_path / "site")
    site, problems = check_site(read_site_options(root).layout(root), FIXTURE_BUILT)
    assert problems == []
    path = tmp_path / "verdicts.json"
    first = Verdicts(path)
    assert preflight.check_rendering(site, 1.0, verdicts=first) == []
    first.save()
    held: list[str] = []
    render = preflight.render_within_budgets

    def counting(markdown: Any, text: str, *args: Any) -> tuple[str, str | None]:
        held.append(text)
        return render(markdown, text, *args)

    monkeypatch.setattr(preflight, "render_within_budgets", counting)
    assert preflight.check_rendering(site, 1.0, verdicts=Verdicts(path)) == []
    assert held == [], "the same incidents under the same limit were kept"
    assert preflight.check_rendering(site, 0.5, verdicts=Verdicts(path)) == []
    assert "We see errors." in held, "a new limit holds every text again"


def test_a_check_stopped_by_a_problem_keeps_the_verdicts(tmp_path: Path, made: list[str]) -> None:
    root = fixture_site(tmp_path / "site")
    assert check(root)[0] == 0
    kept = Verdicts(root / VERDICTS_FILE).old
    broken = root / "incidents/2026-03-11-broken.md"
    broken.write_text("---\ntitle: Broken\n---\n")
    assert check(root)[0] == 1
    assert Verdicts(root / VERDICTS_FILE).old >= kept
    broken.unlink()
    made.clear()
    assert check(root)[0] == 0
    assert incident_pages(made) == [], "the incident pages were still kept"


def test_a_changed_translation_makes_its_language_s_page_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, made: list[str]
) -> None:
    root = bilingual_fixture_site(tmp_path / "site")
    assert check(root)[0] == 0
    made.clear()
    assert check(root)[0] == 0
    assert incident_pages(made) == [], "every language's incident pages were kept (same src)"
    plant_failure(monkeypatch, "Échecs de connexion")
    incident = root / "incidents/2026-03-08-login-failures.md"
    incident.write_text(incident.read_text().replace("fr: Corrigé.", "fr: Corrigé, enfin."))
    code, output = check(root)
    assert code == 1, output
    assert "incidents/2026-03-08-login-failures.md:1: the public site's page" in output
    assert "planted failure" in output and "fr/incidents/" in output, output
