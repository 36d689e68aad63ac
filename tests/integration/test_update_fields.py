"""The estimated resolution, who is affected and the published postmortem, through a real
`mkdocs build`: the overview card, the incident page, the feeds (parsed back with feedparser),
the Statuspage-compatible API, the archive index, and the command line that writes them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import feedparser
import jsonschema
import pytest
from sitebuild import (
    fixture_site,
    parse_page,
    resolve_link,
    shared_fixture_site,
)
from siteoutputs import archive_rows

from statusgen.cli import main

BASE = "https://status.test/"
SCHEMAS = Path(__file__).parents[1] / "schemas"

# Open at the build (2026-03-10T12:00Z): the estimate moved from 13:00 to 14:30 at 11:00.
OPEN = """
---
title: Slow website
impact: minor
components: {web: degraded_performance}
phases:
  - at: 2026-03-10T10:00:00Z
    status: investigating
    message: Pages load slowly.
    estimate: 2026-03-10T14:00:00+01:00
    affected: "EU customers <b>on the Pro plan</b>; checkout & invoicing"
  - at: 2026-03-10T11:00:00Z
    status: identified
    message: A slow query; we are adding an index.
    estimate: 2026-03-10T14:30:00Z
---
"""
# Resolved, with a postmortem published the next day (its body is hostile).
POSTMORTEM = """
---
title: API outage
impact: major
components: {api: major_outage}
phases:
  - at: 2026-03-05T10:00:00Z
    status: investigating
    message: The API fails.
    estimate: 2026-03-05T11:00:00Z
    affected: All API clients
  - at: 2026-03-05T11:30:00Z
    status: resolved
    message: Fixed.
postmortem:
  at: 2026-03-06T09:00:00Z
---
## Postmortem

### Root cause

A config change <script>alert(1)</script> reached every region at once.
"""
INCIDENTS = {
    "incidents/2026-03-10-slow-website.md": OPEN,
    "incidents/2026-03-05-api-outage.md": POSTMORTEM,
}


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built once per run, for every worker (read-only)."""
    return shared_fixture_site(tmp_path_factory, "update-fields", INCIDENTS)


def html_of(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def element(html: str, start: str) -> str:
    """The element that begins with `start` (an opening tag's text), up to its end tag."""
    index = html.index(start)
    tag = re.match(r"<(\w+)", start)
    assert tag is not None
    end = html.index(f"</{tag.group(1)}>", index)
    return html[index : end + len(tag.group(1)) + 3]


# -- pages -------------------------------------------------------------------------------------


def test_the_overview_card_shows_who_is_affected_and_the_moved_estimate(built: Path) -> None:
    card = element(html_of(built / "index.html"), '<article class="sg-card sg-i-minor">')
    text = " ".join(re.sub(r"<[^>]+>", " ", card).split())
    assert (
        "Who is affected: EU customers &lt;b&gt;on the Pro plan&lt;/b&gt;; checkout &amp; "
        "invoicing" in text
    )
    estimate = element(card, '<p class="sg-next sg-estimate"')
    # The script keeps "in about ..." live from data-due, as for a next update.
    assert 'data-due="2026-03-10T14:30:00Z"' in estimate
    assert '<time datetime="2026-03-10T14:30:00Z"' in estimate
    assert '<span class="sg-due-text">in about 2\u00a0h\u00a030\u00a0min</span>' in estimate
    assert "(earlier estimate: " in estimate and 'datetime="2026-03-10T13:00:00Z"' in estimate


def test_the_incident_page_says_on_which_update_the_estimate_moved(built: Path) -> None:
    html = html_of(built / "incidents/2026-03-10-slow-website/index.html")
    second = element(html, '<li class="sg-update" id="update-20260310T110000Z">')
    first = element(html, '<li class="sg-update" id="update-20260310T100000Z">')
    moved = element(second, '<p class="sg-meta sg-estimate-change">')
    assert re.sub(r"<[^>]+>", "", moved) == (
        "Estimated resolution moved from Mar 10, 2026, 13:00 UTC to Mar 10, 2026, 14:30 UTC"
    )
    assert "Estimated resolution: " in first and "Who is affected:" in first
    assert "Who is affected:" not in second  # it did not change there
    assert '<p class="sg-who"><strong>Who is affected:</strong> EU customers &lt;b&gt;' in html


def test_the_postmortem_is_the_last_step_of_the_timeline(built: Path) -> None:
    page = built / "incidents/2026-03-05-api-outage/index.html"
    html = html_of(page)
    timeline = element(html, '<ol class="sg-timeline" reversed>')
    ids = re.findall(r'<li class="sg-update[^"]*" id="([^"]+)"', timeline)
    assert ids == ["update-postmortem", "update-20260305T113000Z", "update-20260305T100000Z"]
    step = element(timeline, '<li class="sg-update sg-postmortem"')
    assert 'datetime="2026-03-06T09:00:00Z"' in step and "Read the postmortem" in step
    link = re.search(r'href="(#sg-details)"', step)
    assert link is not None and "sg-details" in parse_page(page).ids
    body = element(html, '<section class="sg-section sg-body"')
    assert "reached every region" in body and "alert(1)" not in body
    # Resolved: the estimate is over, who was affected stays on record.
    assert "sg-estimate" not in html.replace("sg-estimate-change", "")
    assert "Who is affected:</strong> All API clients" in html


# -- feeds -------------------------------------------------------------------------------------


def parse_feed(path: Path) -> feedparser.FeedParserDict:
    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo, (path, feed.get("bozo_exception"))
    return feed


def content(entry: feedparser.FeedParserDict, name: str) -> str:
    return str(entry.content[0].value if name.endswith("atom") else entry.description)


@pytest.mark.parametrize("name", ["feed.rss", "feed.atom"])
def test_the_site_feed_has_a_postmortem_entry_linking_its_step(built: Path, name: str) -> None:
    entries = parse_feed(built / name).entries
    published = [e.published_parsed for e in entries]
    assert published == sorted(published, reverse=True)
    postmortem = [e for e in entries if e.title == "[Postmortem] API outage"]
    assert len(postmortem) == 1
    entry = postmortem[0]
    assert entry.id == entry.link == f"{BASE}incidents/2026-03-05-api-outage/#update-postmortem"
    resolved = resolve_link(built, built / "index.html", entry.link.removeprefix(BASE))
    assert resolved is not None
    target, fragment = resolved
    assert fragment in parse_page(target).ids
    assert entry.published_parsed[:5] == (2026, 3, 6, 9, 0)
    body = content(entry, name)
    assert "The postmortem of this incident is published." in body
    assert "reached every region at once" in body and "alert(1)" not in body
    assert "headerlink" not in body and "¶" not in body  # page-only links stay on the page


@pytest.mark.parametrize("name", ["feed.rss", "feed.atom"])
def test_update_entries_say_who_is_affected_and_the_estimate(built: Path, name: str) -> None:
    entries = {e.link.rsplit("#", 1)[1]: e for e in parse_feed(built / name).entries}
    moved = content(entries["update-20260310T110000Z"], name)
    assert "Estimated resolution moved from 2026-03-10 13:00 UTC to 2026-03-10 14:30 UTC" in moved
    assert "EU customers &lt;b&gt;on the Pro plan&lt;/b&gt;; checkout &amp; invoicing" in moved
    first = content(entries["update-20260310T100000Z"], name)
    assert "Estimated resolution: 2026-03-10 13:00 UTC" in first
    resolved = content(entries["update-20260305T113000Z"], name)
    assert "Estimated resolution" not in resolved and "All API clients" in resolved


def test_component_feeds_announce_the_postmortem_of_their_incidents(built: Path) -> None:
    api = [e.title for e in parse_feed(built / "components/api/feed.atom").entries]
    web = [e.title for e in parse_feed(built / "components/web/feed.atom").entries]
    assert "[Postmortem] API outage" in api
    assert not any(t.startswith("[Postmortem]") for t in web)


# -- API and archive ---------------------------------------------------------------------------


def test_the_api_has_statuspages_postmortem_fields_and_nothing_else_new(built: Path) -> None:
    document = json.loads((built / "api/v2/incidents.json").read_text())
    schema = json.loads((SCHEMAS / "statuspage-v2.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(
        {"$ref": "#/$defs/incidents.json", "$defs": schema["$defs"]},
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )
    assert [e.message for e in validator.iter_errors(document)] == []
    by_id = {i["id"]: i for i in document["incidents"]}
    outage, open_one = by_id["2026-03-05-api-outage"], by_id["2026-03-10-slow-website"]
    assert outage["status"] == "resolved"  # never "postmortem": clients read it as open
    assert outage["postmortem_published_at"] == "2026-03-06T09:00:00Z"
    assert outage["updated_at"] == "2026-03-06T09:00:00Z"  # pollers see something new
    assert outage["postmortem_body"].startswith("## Postmortem\n")
    assert open_one["postmortem_published_at"] is None and open_one["postmortem_body"] is None
    # No estimate or affected statement: Statuspage has no such field.
    words = json.dumps(document)
    assert "estimate" not in words and "EU customers" not in words


def test_the_archive_can_filter_incidents_with_a_postmortem(built: Path) -> None:
    rows = archive_rows(lambda path: (built / path).read_text())
    flags = {incident_id: row["postmortem"] for incident_id, row in rows.items()}
    assert flags == {
        "2026-03-10-slow-website": 0,
        "2026-03-09-api-errors": 0,
        "2026-03-05-api-outage": 1,
    }
    form = element(html_of(built / "history/index.html"), '<form class="sg-filters"')
    assert re.search(r'<select name="postmortem">.*?<option value="published">', form, re.S)
    script = (built / "assets/statusgen/archive.js").read_text()
    assert "v.postmortem && !(flags & F_POSTMORTEM)" in script
    # Rows say which incidents have one (the year page's, as the archive's script draws them).
    year = html_of(built / "history/2026/index.html")
    rows = re.findall(r'<li class="sg-row.*?</li>', year, re.S)
    marked = [r for r in rows if "· Postmortem" in r]
    assert len(marked) == 1 and "2026-03-05-api-outage" in marked[0], rows


# -- the command line --------------------------------------------------------------------------


def run(*args: str, now: str = "2026-03-10T12:00:00Z") -> int:
    return main(["--now", now, *args])


def test_responders_write_every_field_from_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = fixture_site(tmp_path / "src", language="fr")
    monkeypatch.chdir(root)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert (
        run(
            "new",
            "Paiements lents",
            "--id",
            "2026-03-10-paiements",
            "--impact",
            "minor",
            "--component",
            "api=degraded_performance",
            "--message",
            "Les paiements sont lents.",
            "--estimate",
            "2h",
            "--affected",
            "Clients UE ; paiement",
        )
        == 0
    )
    path = root / "incidents/2026/2026-03-10-paiements.md"
    assert "    estimate: 2026-03-10T14:00:00Z\n" in path.read_text()
    assert '    affected: "Clients UE ; paiement"\n' in path.read_text()
    later = "2026-03-10T12:30:00Z"
    assert (
        run(
            "update",
            "2026-03-10-paiements",
            "--status",
            "identified",
            "--message",
            "Cause trouvée.",
            "--estimate",
            "none",
            now=later,
        )
        == 0
    )
    assert "    estimate: none\n" in path.read_text()
    # A bad estimate is a usage error that names the option.
    assert run("update", "2026-03-10-paiements", "--status", "monitoring", "--message", "x",
               "--estimate", "soon", now=later) == 2  # fmt: skip
    assert "--estimate 'soon' is not a valid time" in capsys.readouterr().err
    assert run("postmortem", "2026-03-10-paiements", now=later) == 2
    assert "expected a resolved incident" in capsys.readouterr().err
    assert run("resolve", "2026-03-10-paiements", "--message", "Réglé.", now=later) == 0
    before = path.read_text()
    assert run("postmortem", "2026-03-10-paiements", now="2026-03-11T09:00:00Z") == 0
    after = path.read_text()
    front, closing, body = before.rpartition("---\n")
    assert after.startswith(front) and "postmortem:\n  at: 2026-03-11T09:00:00Z\n---\n" in after
    for heading in ("## Post-mortem", "### Impact", "### Chronologie", "### Cause première"):
        assert f"\n{heading}\n" in after
    # The check refuses the template until it is filled in, on the placeholder's line.
    assert run("check", now="2026-03-11T10:00:00Z") == 1
    err = capsys.readouterr().err
    line = after.splitlines().index(next(x for x in after.splitlines() if x.startswith("TODO"))) + 1
    assert f"incidents/2026/2026-03-10-paiements.md:{line}: the postmortem still holds" in err
    path.write_text(re.sub(r"TODO: .*", "Rédigé.", after))
    assert run("check", now="2026-03-11T10:00:00Z") == 0
    assert run("postmortem", "2026-03-10-paiements", now="2026-03-11T10:00:00Z") == 2
    assert "already" in capsys.readouterr().err


def test_status_in_the_terminal_says_the_estimate_and_who_is_affected(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = fixture_site(tmp_path / "src", incidents=INCIDENTS)
    monkeypatch.chdir(root)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    capsys.readouterr()
    assert run("status") == 0
    out = capsys.readouterr().out
    facts = [line.strip() for line in out.splitlines() if line.startswith("      ")]
    assert any(line.startswith("estimated resolution 2026-03-10 ") for line in facts), out
    assert any(line.startswith("who is affected: ") for line in facts), out


def test_a_duration_too_far_ahead_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = fixture_site(tmp_path / "src", incidents=INCIDENTS)
    monkeypatch.chdir(root)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    update = ["update", "2026-03-10-slow-website", "--status", "identified", "--message", "x"]
    for option, value in (("--estimate", "99999999h"), ("--next-update", "9" * 22 + "m")):
        capsys.readouterr()
        assert run(*update, option, value) == 2
        err = capsys.readouterr().err
        assert f"{option} '{value}' is too far ahead" in err and "Traceback" not in err


def test_status_prints_each_message_on_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = fixture_site(tmp_path / "src", incidents=INCIDENTS)
    monkeypatch.chdir(root)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    message = ["--message", "First paragraph.\n\nSecond paragraph."]
    assert run("update", "2026-03-10-slow-website", "--status", "identified", *message) == 0
    capsys.readouterr()
    assert run("status") == 0
    out = capsys.readouterr().out
    assert "First paragraph. Second paragraph." in out and "\\n" not in out


def test_resolve_says_why_it_takes_no_estimate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = fixture_site(tmp_path / "src", incidents=INCIDENTS)
    monkeypatch.chdir(root)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    capsys.readouterr()
    assert run("resolve", "2026-03-10-slow-website", "--message", "Fixed.", "--estimate", "2h") == 2
    assert "resolving ends the estimated resolution" in capsys.readouterr().err
