"""The probe history end to end: `statusgen probe` appends to it, `statusgen probe-history`
keeps it on its branch (a real bare repository standing in for GitHub), and a real
`mkdocs build` draws it on component pages and in api/v2/response-times.json, for the
components the audience sees only. Clocks pinned (`--now`, SOURCE_DATE_EPOCH)."""

from __future__ import annotations

import gzip
import json
import os
import re
import socket
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sitebuild import MKDOCS_YML, mkdocs_build, parse_html, parse_page, write_site

from statusgen.cli import main
from statusgen.content.probehistory import Probe, ProbeHistory, load_history, save_history
from statusgen.monitors.history_branch import BRANCH, FILE, MESSAGE
from statusgen.render import plan, probes

NOW = datetime(2026, 3, 10, 12, tzinfo=UTC)
EPOCH = str(int(NOW.timestamp()))
STEP = timedelta(minutes=5)

COMPONENTS = """
groups:
  - name: Core
    components:
      - id: api
        name: Public API
      - id: web
        name: Website
      - id: runners
        name: CI runners
        audience: internal
"""


def site_with(root: Path, components: str = COMPONENTS, extra: str = "") -> Path:
    return write_site(
        root,
        {
            "mkdocs.yml": MKDOCS_YML.format(language="en", timezone="UTC", extra=extra),
            "components.yml": components,
            "incidents/.keep": "",
        },
    )


def measured(root: Path, components: tuple[str, ...] = ("api", "runners")) -> ProbeHistory:
    """Ten days of 5-minute probes: 100 ms to 400 ms, one failure an hour; a slow hour today."""
    history = ProbeHistory()
    start = NOW - timedelta(days=10)
    probes: dict[str, list[Probe]] = {cid: [] for cid in components}
    moment = start
    while moment <= NOW:
        slow = moment.date() == NOW.date() and moment.hour == 3
        for cid in components:
            ms = 100 + (moment.minute * 5) + (2000 if slow else 0)
            probes[cid].append(Probe(moment, moment.minute != 30, ms))
        moment += STEP
    history.append(probes, NOW)
    save_history(root / ".statusgen" / "probe-history.json", history)
    return history


def table_rows(html: str, caption: str) -> list[list[str]]:
    """The text of each body row's cells of the table with this caption, spaces as one."""
    start = html.index(f"<caption>{caption}</caption>")
    body = html[html.index("<tbody>", start) : html.index("</tbody>", start)]
    rows = []
    for row in body.split("<tr>")[1:]:
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        rows.append([" ".join(parse_html(cell).text.split()) for cell in cells])
    return rows


def test_a_build_with_a_history_draws_charts_tables_and_measured_availability(
    tmp_path: Path,
) -> None:
    root = site_with(tmp_path / "site")
    measured(root)
    out = tmp_path / "out"
    result = mkdocs_build(root, out, EPOCH)
    assert result.returncode == 0, result.stderr
    page = out / "components" / "api" / "index.html"
    html = page.read_text(encoding="utf-8")
    text = parse_page(page).text
    assert "Response time and measured availability" in text
    # Two figures, each an SVG with a title and a description, captioned.
    assert html.count('<figure class="sg-figure"><svg class="sg-chart"') == 2
    title = '<title id="sg-probes-api-days-title">Response time per day over the last 90 days'
    assert title in html
    assert 'aria-labelledby="sg-probes-api-recent-title sg-probes-api-recent-desc"' in html
    # Measured beside declared, each labelled; one probe in twelve failed.
    availability = table_rows(
        html, "Availability measured by probes, beside the uptime declared in incidents"
    )
    assert availability[0] == ["30 days", "91.66 %", "100.00 %"]
    # Every day with probes in the day table, newest first: 11 days, today from raw probes.
    days = table_rows(html, "Response time per day over the last 90 days")
    assert [row[0] for row in days] == [
        (NOW.date() - timedelta(days=n)).isoformat() for n in range(11)
    ]
    yesterday = days[1]
    # 288 probes, 24 failed; the passed ones' times are 100 + 5 * minute (minute 0..55, not 30).
    assert yesterday == ["2026-03-09", "288", "24", "91.66 %", "225 ms", "375 ms"]
    assert days[0][1] == "145"  # today: midnight to noon, both included
    # The last 24 hours, each probe, newest first; the slow hour shows.
    recent = table_rows(html, "Response time over the last 24 hours")
    assert len(recent) == 288  # younger than 24 hours
    assert recent[0] == ["2026-03-10T12:00:00Z", "passed", "100 ms"]
    assert ["2026-03-10T03:05:00Z", "passed", "2125 ms"] in recent
    assert ["2026-03-10T11:30:00Z", "failed", "250 ms"] in recent
    # A component never probed shows nothing; the internal one is not published at all.
    assert "Response time" not in parse_page(out / "components" / "web" / "index.html").text
    assert not (out / "components" / "runners").exists()
    document = json.loads((out / "api" / "v2" / "response-times.json").read_text())
    assert document["generated_at"] == "2026-03-10T12:00:00Z"
    [api] = document["components"]
    assert api["id"] == "api"
    assert api["days"][-2] == {
        "date": "2026-03-09",
        "checks": 288,
        "failures": 24,
        "p50_ms": 225,
        "p95_ms": 375,
    }
    assert api["recent"][-1] == {"at": "2026-03-10T12:00:00Z", "passed": True, "ms": 100}
    assert "runners" not in json.dumps(document)
    # Statuspage's files are as they were.
    summary = json.loads((out / "api" / "v2" / "summary.json").read_text())
    assert "response_time" not in json.dumps(summary)


def test_the_charts_and_tables_keep_the_page_light(tmp_path: Path) -> None:
    root = site_with(tmp_path / "site")
    history = ProbeHistory()
    start = NOW - timedelta(days=400)
    every = [Probe(start + STEP * n, n % 50 != 0, 80 + (n * 37) % 900) for n in range(400 * 288)]
    history.append({"api": every, "web": every[-1:]}, NOW)
    save_history(root / ".statusgen" / "probe-history.json", history)
    out = tmp_path / "out"
    assert mkdocs_build(root, out, EPOCH).returncode == 0
    api = gzip.compress((out / "components" / "api" / "index.html").read_bytes())
    web = gzip.compress((out / "components" / "web" / "index.html").read_bytes())
    # A year of probes: the section stays the page's 90 days and the last 24 hours.
    assert len(api) - len(web) < 12_000
    assert len(api) < 100_000


def test_the_check_makes_the_response_times_of_both_audiences(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = site_with(tmp_path / "site")
    measured(root)
    monkeypatch.chdir(root)
    made: list[str] = []
    real = probes.response_times_file

    def spy(charts: probes.ProbeCharts) -> str:
        made.append(",".join(charts.components))
        return real(charts)

    monkeypatch.setattr(probes, "response_times_file", spy)
    monkeypatch.setattr(plan, "response_times_file", spy)
    assert main(["--now", NOW.isoformat(), "check"]) == 0
    assert sorted(made) == ["api,web", "api,web,runners"]  # public, internal


def test_the_internal_build_shows_the_internal_component(tmp_path: Path) -> None:
    root = site_with(tmp_path / "site", extra="      audience: internal")
    measured(root)
    out = tmp_path / "out"
    result = mkdocs_build(root, out, EPOCH)
    assert result.returncode == 0, result.stderr
    assert "Response time" in parse_page(out / "components" / "runners" / "index.html").text
    document = json.loads((out / "api" / "v2" / "response-times.json").read_text())
    assert [c["id"] for c in document["components"]] == ["api", "runners"]


def test_without_a_history_nothing_is_drawn_nor_published(tmp_path: Path) -> None:
    root = site_with(tmp_path / "site")
    out = tmp_path / "out"
    result = mkdocs_build(root, out, EPOCH)
    assert result.returncode == 0, result.stderr
    assert "sg-probes" not in (out / "components" / "api" / "index.html").read_text()
    assert not (out / "api" / "v2" / "response-times.json").exists()


def test_a_damaged_history_stops_the_build_and_the_check_at_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = site_with(tmp_path / "site", extra="      probe_history: probes.json")
    (root / "probes.json").write_text('{"version": 1,\n "components": {"api": 3}}\n')
    result = mkdocs_build(root, tmp_path / "out", EPOCH)
    assert result.returncode != 0
    assert "probes.json: components.api: expected an object with days and recent" in (result.stderr)
    monkeypatch.chdir(root)
    assert main(["--now", NOW.isoformat(), "check"]) != 0
    assert "probes.json: components.api: expected an object" in capsys.readouterr().err


def tcp_monitored_site(root: Path) -> tuple[socket.socket, Path]:
    """A listening local TCP port, and a site in `root` whose API is monitored on it (close the
    socket to take the API down)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    port = listener.getsockname()[1]
    components = COMPONENTS.replace(
        "        name: Public API\n",
        "        name: Public API\n        monitors:\n"
        f"          - {{type: tcp, host: 127.0.0.1, port: {port}, timeout: 1}}\n",
    )
    return listener, site_with(root, components)


def test_probe_appends_each_run_to_the_history(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    listener, root = tcp_monitored_site(tmp_path / "site")
    monkeypatch.chdir(root)
    probe = ["probe", "--allow-private", "--all"]
    assert main(["--now", NOW.isoformat(), *probe]) == 0
    listener.close()
    assert main(["--now", (NOW + STEP).isoformat(), *probe]) == 1
    history = load_history(root / ".statusgen" / "probe-history.json")
    [(cid, api)] = history.components.items()
    assert cid == "api"
    assert [(p.at, p.passed) for p in api.recent] == [(NOW, True), (NOW + STEP, False)]
    assert all(0 <= p.ms < 1000 for p in api.recent)


def test_a_damaged_history_never_keeps_the_probe_from_its_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    listener, root = tcp_monitored_site(tmp_path / "site")
    damaged = root / ".statusgen" / "probe-history.json"
    damaged.parent.mkdir()
    damaged.write_text("[]")
    monkeypatch.chdir(root)
    listener.close()
    probe = ["probe", "--allow-private", "--all"]
    assert main(["--now", NOW.isoformat(), *probe]) == 1  # down, and said so
    assert main(["--now", (NOW + STEP).isoformat(), *probe]) == 1
    assert len(list((root / "incidents").rglob("*.md"))) == 1  # the monitor still opened it
    err = capsys.readouterr().err
    assert "probe-history.json: expected an object with version 1" in err
    assert "this run's probes are not recorded" in err
    assert damaged.read_text() == "[]"  # left for the operator to look at


# -- the branch ------------------------------------------------------------------------------
IDENTITY = {
    "GIT_AUTHOR_NAME": "R",
    "GIT_AUTHOR_EMAIL": "r@example.com",
    "GIT_COMMITTER_NAME": "R",
    "GIT_COMMITTER_EMAIL": "r@example.com",
}


def git(*args: str, cwd: Path) -> str:
    result = subprocess.run(
        ["git", *args], cwd=cwd, env={**os.environ, **IDENTITY}, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_probe_history_fetch_and_save_keep_it_on_its_branch_merged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("TOKEN", raising=False)
    bare = tmp_path / "remote.git"
    git("init", "--quiet", "--bare", "-b", "main", str(bare), cwd=tmp_path)
    seed = site_with(tmp_path / "seed")
    git("init", "--quiet", "-b", "main", cwd=seed)
    git("add", ".", cwd=seed)
    git("commit", "--quiet", "-m", "site", cwd=seed)
    git("push", "--quiet", str(bare), "main", cwd=seed)

    def job(name: str) -> Path:
        folder = tmp_path / name
        git("clone", "--quiet", "--depth=1", f"file://{bare}", str(folder), cwd=tmp_path)
        return folder

    def run(folder: Path, *args: str, at: datetime = NOW) -> int:
        monkeypatch.chdir(folder)
        return main(["--now", at.isoformat(), "probe-history", *args])

    one = job("one")
    assert run(one, "fetch") == 0
    assert "no statusgen-probes branch yet" in capsys.readouterr().out
    path = one / ".statusgen" / "probe-history.json"
    first = ProbeHistory()
    first.append({"api": [Probe(NOW, True, 120)]}, NOW)
    save_history(path, first)
    assert run(one, "save") == 0
    assert f"saved to the {BRANCH} branch" in capsys.readouterr().out
    assert git("ls-tree", "--name-only", BRANCH, cwd=bare).split() == [FILE]
    assert git("log", "--format=%s", BRANCH, cwd=bare).split("\n")[0] == MESSAGE
    assert git("log", "--format=%s", "main", cwd=bare).split() == ["site"]  # untouched

    # The next job, in a fresh clone, gets it back and adds its own probe.
    two = job("two")
    later = NOW + STEP
    assert run(two, "fetch", at=later) == 0
    second = load_history(two / ".statusgen" / "probe-history.json")
    second.append({"api": [Probe(later, False, 900)]}, later)
    save_history(two / ".statusgen" / "probe-history.json", second)
    assert run(two, "save", at=later) == 0
    saved = git("show", f"{BRANCH}:{FILE}", cwd=bare)
    assert '["2026-03-10T12:00:00Z", 1, 120]' in saved
    assert '["2026-03-10T12:05:00Z", 0, 900]' in saved

    # A job that never fetched still merges what the branch holds when it saves.
    three = job("three")
    third = ProbeHistory()
    third.append({"web": [Probe(later, True, 80)]}, later)
    save_history(three / ".statusgen" / "probe-history.json", third)
    assert run(three, "save", at=later) == 0
    merged = load_history(three / ".statusgen" / "probe-history.json")
    assert sorted(merged.components) == ["api", "web"]
    assert git("show", f"{BRANCH}:{FILE}", cwd=bare) == merged.text()

    # A damaged file is refused with its name, not pushed.
    (three / ".statusgen" / "probe-history.json").write_text("[]")
    assert run(three, "save", at=later) == 2
    assert "probe-history.json: expected an object with version 1" in capsys.readouterr().err
