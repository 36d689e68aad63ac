"""Past incidents on the overview (issue 27, item 3): the last `past_days` days of the site's zone,
every day listed, each incident with its title, impact and updates (the latest shown, older
ones folded in a <details>), the messages as every page renders them. Bodies rendered as a
build renders them (tests/siteoutputs.py) and parsed back with lxml."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest
from sitebuild import FIXTURE_BUILT, fixture_site
from siteoutputs import render_folder

from statusgen.options import check_option

#: A message that tries every way into a page: the sanitizer keeps its words, not its code.
HOSTILE = """
---
title: Login <img src=x onerror=alert(1)> failures
impact: minor
components: {web: degraded_performance}
phases:
  - at: 2026-03-01T08:00:00Z
    status: investigating
    message: "<script>alert(1)</script>Logins fail [for some](javascript:alert(1)) users."
  - at: 2026-03-01T09:00:00Z
    status: resolved
    message: <a href="https://ok.test" onclick="alert(1)">Fixed</a>.
---
"""

#: A one-update incident: nothing to fold.
SINGLE = """
---
title: Brief blip
impact: none
components: {payments: degraded_performance}
phases:
  - at: 2026-02-25T08:00:00Z
    status: resolved
    message: A short blip, over before we posted.
---
"""


def _find(element: lxml.html.HtmlElement, path: str) -> list[lxml.html.HtmlElement]:
    """Elements under `element` by an XPath where `.name` stands for a class name."""
    xpath = re.sub(r"\.([\w-]+)", r"contains(concat(' ', @class, ' '), ' \1 ')", path)
    found: list[lxml.html.HtmlElement] = element.xpath(xpath)
    return found


def _past(html: str) -> lxml.html.HtmlElement:
    body: lxml.html.HtmlElement = lxml.html.fragment_fromstring(html, create_parent="div")
    days = _find(body, "//section[@aria-labelledby='sg-past']//div[.sg-days]")
    assert len(days) == 1, "no past incidents on the overview"
    return days[0]


def _text(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def _day_headings(days: lxml.html.HtmlElement) -> list[str]:
    return [_text(h) for h in _find(days, ".//h3[.sg-day]")]


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = fixture_site(
        tmp_path_factory.mktemp("past"),
        incidents={
            "incidents/2026-03-01-login.md": HOSTILE,
            "incidents/2026-02-25-blip.md": SINGLE,
        },
    )
    return render_folder(root, FIXTURE_BUILT).pages()


def test_fifteen_days_each_listed_newest_first(pages: dict[str, str]) -> None:
    days = _past(pages["index.md"])
    headings = _day_headings(days)
    assert headings[0] == "Mar 10, 2026" and headings[-1] == "Feb 24, 2026"
    assert len(headings) == 15
    # A day without incidents says so; a day with some lists them.
    for heading in _find(days, ".//h3[.sg-day]"):
        body = heading.getnext()
        if _text(heading) in ("Mar 10, 2026", "Mar 9, 2026", "Mar 1, 2026", "Feb 25, 2026"):
            assert body.tag == "ul" and _find(body, ".//li[.sg-row]"), _text(heading)
        else:
            assert body.tag == "p" and _text(body) == "No incidents reported.", _text(heading)


def test_each_incident_has_title_impact_latest_update_and_folded_older_ones(
    pages: dict[str, str],
) -> None:
    days = _past(pages["index.md"])
    (row,) = [r for r in _find(days, ".//li[.sg-row]") if "API errors" in _text(r)]
    link = _find(row, ".//a")[0]
    assert link.get("href") == "incidents/2026-03-09-api-errors/"
    # The title is text: its markup is escaped, never parsed.
    assert _text(link) == "API errors <b>after</b> deploy" and not _find(link, ".//b")
    assert _text(_find(row, ".//*[.sg-impact]")[0]) == "Major impact"
    # The row's first time is the day it began (the script regroups rows by it).
    assert _find(row, ".//time")[0].get("datetime") == "2026-03-09T10:00:00Z"
    latest = _find(row, "./div[.sg-past-update]")
    assert len(latest) == 1
    assert _text(latest[0]) == "Resolved Mar 9, 2026, 11:30 UTC Fixed."
    assert _find(latest[0], ".//time")[0].get("datetime") == "2026-03-09T11:30:00Z"
    (details,) = _find(row, "./details[.sg-earlier]")
    assert details.get("open") is None, "older updates are folded"
    assert _text(_find(details, "./summary")[0]) == "2 earlier updates"
    older = [_text(u) for u in _find(details, "./div[.sg-past-update]")]
    assert older == [
        "Identified Mar 9, 2026, 11:00 UTC A bad deploy; rolling back.",
        "Investigating Mar 9, 2026, 10:00 UTC We see errors.",
    ]
    # The message's Markdown is rendered, as on the incident page.
    assert _find(details, ".//strong")[0].text == "bad deploy"


def test_an_incident_of_one_update_has_nothing_to_fold(pages: dict[str, str]) -> None:
    days = _past(pages["index.md"])
    (row,) = [r for r in _find(days, ".//li[.sg-row]") if "Brief blip" in _text(r)]
    assert not _find(row, ".//details")
    (latest,) = _find(row, "./div[.sg-past-update]")
    assert _text(latest).endswith("A short blip, over before we posted.")


def _messages(element: lxml.html.HtmlElement) -> list[str]:
    """Each update's message HTML (what follows its head), as serialized by lxml."""
    out = []
    for update in _find(element, ".//div[.sg-past-update] | .//li[.sg-update]"):
        parts = [lxml.html.tostring(child, encoding="unicode").strip() for child in update]
        out.append("".join(p for p in parts if 'class="sg-update-head"' not in p))
    return out


def test_messages_are_the_incident_pages_sanitized_html(pages: dict[str, str]) -> None:
    days = _past(pages["index.md"])
    (row,) = [r for r in _find(days, ".//li[.sg-row]") if "Login" in _text(r)]
    overview = _messages(row)
    incident = lxml.html.fragment_fromstring(
        pages["incidents/2026-03-01-login.md"], create_parent="div"
    )
    # The incident page lists the same updates newest first, with the same message HTML.
    assert overview == _messages(_find(incident, ".//ol[.sg-timeline]")[0])
    # No element, handler or script link of the texts reached the page; their words did.
    assert not _find(row, ".//script | .//img")
    for element in row.iter():
        assert not [a for a in element.attrib if a.startswith("on")], element.attrib
        assert not element.get("href", "").startswith("javascript:"), element.attrib
    assert "Logins fail" in _text(row) and "<img src=x onerror=alert(1)>" in _text(row)


def test_past_days_sets_how_many_days(tmp_path: Path) -> None:
    root = fixture_site(tmp_path, extra="")
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace("timezone: UTC", "timezone: UTC\n      past_days: 2")
    )
    headings = _day_headings(_past(render_folder(root, FIXTURE_BUILT).pages()["index.md"]))
    assert headings == ["Mar 10, 2026", "Mar 9, 2026"]


@pytest.mark.parametrize("value", [0, -3])
def test_past_days_below_one_is_refused(value: int) -> None:
    assert check_option("past_days", value) == "a whole number of at least 1"


#: An incident whose middle update is for the team only.
WITH_INTERNAL = """
---
title: Queue backlog
impact: minor
components: {web: degraded_performance}
phases:
  - at: 2026-03-02T08:00:00Z
    status: investigating
    message: Jobs are slow.
  - at: 2026-03-02T08:30:00Z
    status: identified
    audience: internal
    message: SECRET-PHASE the worker pool is misconfigured.
  - at: 2026-03-02T09:00:00Z
    status: resolved
    message: Jobs run on time again.
---
"""


def test_internal_updates_only_on_the_internal_site_and_marked(tmp_path: Path) -> None:
    incidents = {"incidents/2026-03-02-queue.md": WITH_INTERNAL}
    public = render_folder(fixture_site(tmp_path / "public", incidents=incidents), FIXTURE_BUILT)
    root = fixture_site(tmp_path / "internal", incidents=incidents)
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace(
            "timezone: UTC", "timezone: UTC\n      audience: internal"
        )
    )
    internal = render_folder(root, FIXTURE_BUILT)
    rows = {}
    for name, build in (("public", public), ("internal", internal)):
        days = _past(build.pages()["index.md"])
        (rows[name],) = [r for r in _find(days, ".//li[.sg-row]") if "Queue backlog" in _text(r)]
    assert "SECRET-PHASE" not in _text(rows["public"])
    assert _text(_find(rows["public"], "./details/summary")[0]) == "1 earlier update"
    (secret,) = [
        u for u in _find(rows["internal"], ".//div[.sg-past-update]") if "SECRET" in _text(u)
    ]
    assert _text(_find(secret, ".//*[.sg-internal]")[0]) == "Internal only"
