"""Malformed sources (issue 25): a value of the wrong type is an error naming the file and the
key (exit 2, never a traceback), or a repair the report names where the import can go on."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from importsources import edit_json, read, refused, replace, source


# -- malformed sources: an error naming the file and the key --------------------------------
def _issue(number: object) -> Callable[[Any], None]:
    def change(issues: list[dict[str, Any]]) -> None:
        issues[2]["number"] = number

    return change


MALFORMED: list[tuple[str, str, Callable[[Path], object], str]] = [
    # Upptime
    (
        "upptime-number-not-numeric",
        "upptime",
        lambda f: edit_json(f / "issues.json", _issue("x17")),
        "issues.json: item 3's number is 'x17'; expected a whole number",
    ),
    (
        "upptime-number-a-list",
        "upptime",
        lambda f: edit_json(f / "issues.json", _issue([17])),
        "issues.json: item 3's number is a list; expected a whole number",
    ),
    (
        "upptime-number-null",
        "upptime",
        lambda f: edit_json(f / "issues.json", _issue(None)),
        "issues.json: item 3's number is empty; expected a whole number",
    ),
    (
        "upptime-labels-a-number",
        "upptime",
        lambda f: edit_json(f / "issues.json", lambda d: d[2].update(labels=5)),
        "issues.json: issue #17's labels is the number 5; expected a list",
    ),
    (
        "upptime-title-a-mapping",
        "upptime",
        lambda f: edit_json(f / "issues.json", lambda d: d[2].update(title={"a": 1})),
        "issues.json: issue #17's title is a mapping; expected text",
    ),
    (
        "upptime-comment-issue-url",
        "upptime",
        lambda f: edit_json(f / "comments.json", lambda d: d[0].update(issue_url="x/issues/a")),
        "comments.json: item 1's issue_url 'x/issues/a' ends in no issue number; expected "
        "https://api.github.com/repos/OWNER/REPO/issues/NUMBER",
    ),
    (
        "upptime-comment-id",
        "upptime",
        lambda f: edit_json(f / "comments.json", lambda d: d[1].update(id="abc")),
        "comments.json: item 2's id is 'abc'; expected a whole number",
    ),
    (
        "upptime-sites-a-mapping",
        "upptime",
        lambda f: replace(f / ".upptimerc.yml", "sites:\n", "sites: {}\nx:\n"),
        ".upptimerc.yml: sites is a mapping; expected a list",
    ),
    (
        "upptime-config-a-list",
        "upptime",
        lambda f: (f / ".upptimerc.yml").write_text("- a\n", encoding="utf-8"),
        ".upptimerc.yml: the file is a list; expected a mapping of keys",
    ),
    (
        "upptime-json-too-deep",
        "upptime",
        lambda f: (f / "more.json").write_text("[" * 100_000, encoding="utf-8"),
        "more.json: JSON nested too deeply; expected GitHub's JSON of issues or comments",
    ),
    # cState
    (
        "cstate-params-a-list",
        "cstate",
        lambda f: replace(f / "config.yml", "params:\n", "params: []\nx:\n"),
        "config.yml: params is a list; expected a mapping of keys",
    ),
    (
        "cstate-systems-a-mapping",
        "cstate",
        lambda f: replace(f / "config.yml", "  systems:\n", "  systems: {}\n  x:\n"),
        "config.yml: params.systems is a mapping; expected a list",
    ),
    (
        "cstate-system-name-a-list",
        "cstate",
        lambda f: replace(f / "config.yml", "- name: Gateway", "- name: [Gateway]"),
        "config.yml: a system's name is a list; expected text",
    ),
    (
        "cstate-affected-text",
        "cstate",
        lambda f: replace(
            f / "content/issues/2025-05-25-us-east-conn-issues.md",
            "affected:\n  - API\n  - Media Proxy\n",
            "affected: API\n",
        ),
        "2025-05-25-us-east-conn-issues.md: affected is 'API'; expected a list",
    ),
    (
        "cstate-title-a-mapping",
        "cstate",
        lambda f: replace(
            f / "content/issues/2024-12-27-dns-notice.md",
            "title: DNS provider notice",
            "title: {a: 1}",
        ),
        "2024-12-27-dns-notice.md: title is a mapping; expected text",
    ),
    (
        "cstate-front-matter-a-list",
        "cstate",
        lambda f: (f / "content/issues/x.md").write_text("---\n- a\n---\n", encoding="utf-8"),
        "x.md: the front matter is a list; expected a mapping of keys",
    ),
    (
        "cstate-unhashable-key",
        "cstate",
        lambda f: (f / "content/issues/x.md").write_text("---\n? [a]\n: 1\n---\n", "utf-8"),
        "x.md:2: invalid YAML: found unhashable key; expected plain keys and values",
    ),
    (
        "cstate-not-utf-8",
        "cstate",
        lambda f: (f / "content/issues/x.md").write_bytes(b"---\ntitle: caf\xe9\n---\n"),
        "x.md:2: not UTF-8 (byte 0xe9); expected UTF-8 text",
    ),
    # Statusfy
    (
        "statusfy-affected-a-number",
        "statusfy",
        lambda f: replace(
            f / "content/2025-03-01_cdn-upgrade.md",
            "affectedsystems:\n  - cdn",
            "affectedsystems: 3",
        ),
        "2025-03-01_cdn-upgrade.md: affectedsystems is the number 3; expected a list",
    ),
    (
        "statusfy-locale-not-json",
        "statusfy",
        lambda f: (f / "locales/en.json").write_text("{", encoding="utf-8"),
        "en.json: not JSON (Expecting property name enclosed in double quotes: line 1 column 2 "
        "(char 1)); expected Statusfy's locale JSON",
    ),
    (
        "statusfy-system-title-a-list",
        "statusfy",
        lambda f: edit_json(
            f / "locales/en.json", lambda d: d["systems"]["items"]["cdn"].update(title=["CDN"])
        ),
        "en.json: systems.items.cdn.title is a list; expected text",
    ),
    (
        "statusfy-json-front-matter-too-deep",
        "statusfy",
        lambda f: (f / "content/x.md").write_text("---json\n" + "[" * 100_000 + "\n---\n", "utf-8"),
        "x.md: JSON nested too deeply; expected JSON front matter",
    ),
    (
        "statusfy-toml-front-matter-broken",
        "statusfy",
        lambda f: (f / "content/x.md").write_text("---toml\ntitle = \n---\n", "utf-8"),
        "x.md: not TOML (Invalid value (at line 1, column 9)); expected TOML front matter",
    ),
    # Statuspage
    (
        "statuspage-incidents-a-mapping",
        "statuspage",
        lambda f: edit_json(f / "incidents.json", lambda d: d.update(incidents={"a": 1})),
        "incidents.json: incidents is a mapping; expected a list",
    ),
    (
        "statuspage-updates-a-number",
        "statuspage",
        lambda f: edit_json(
            f / "incidents.json", lambda d: d["incidents"][0].update(incident_updates=5)
        ),
        "incidents.json: incident p31zjtct2jer's incident_updates is the number 5; expected a list",
    ),
    (
        "statuspage-update-body-a-mapping",
        "statuspage",
        lambda f: edit_json(
            f / "incidents.json",
            lambda d: d["incidents"][0]["incident_updates"][0].update(body={"a": 1}),
        ),
        "incidents.json: incident p31zjtct2jer's update 4's body is a mapping; expected text",
    ),
    (
        "statuspage-position-text",
        "statuspage",
        lambda f: edit_json(
            f / "components.json", lambda d: d["components"][0].update(position="a")
        ),
        "components.json: component b13yz5g2cw10's position is 'a'; expected a whole number",
    ),
    (
        "statuspage-number-too-long",
        "statuspage",
        lambda f: (f / "more.json").write_text("[" + "1" * 5000 + "]", encoding="utf-8"),
        "more.json: not JSON (Exceeds the limit (4300 digits)",
    ),
]


@pytest.mark.parametrize(
    ("fmt", "spoil", "expected"),
    [pytest.param(fmt, spoil, expected, id=name) for name, fmt, spoil, expected in MALFORMED],
)
def test_a_malformed_source_names_the_file_and_the_key(
    tmp_path: Path, fmt: str, spoil: Callable[[Path], object], expected: str
) -> None:
    folder = source(tmp_path, fmt)
    spoil(folder)
    message = refused(fmt, folder)
    assert message.startswith(str(folder)) and expected in message, message


# -- malformed values the import repairs, saying so -----------------------------------------
def test_times_beyond_what_python_holds_are_bad_times(tmp_path: Path) -> None:
    cstate = source(tmp_path, "cstate")
    (cstate / "content" / "issues" / "odd.md").write_text(
        "---\ntitle: Odd\ndate: 9999-12-31T23:59:59-05:00\nresolvedWhen: 2025-13-45\n"
        "1: a number as a key\n~: an empty key\n---\nbody\n",
        encoding="utf-8",
    )
    odd = next(i for i in read("cstate", cstate).incidents if i.id == "odd")
    assert odd.started_at is None and odd.resolved_at is None
    messages = [e.message for e in odd.entries]
    assert "date '9999-12-31 23:59:59-05:00' is not a time; left out" in messages
    assert "resolvedWhen '2025-13-45' is not a time; left out" in messages
    assert {"front matter key '1' is not kept", "front matter key '' is not kept"} <= set(messages)


def test_an_unknown_zone_folder_is_a_note(tmp_path: Path) -> None:
    cstate = source(tmp_path, "cstate")
    replace(cstate / "config.yml", "timeZone: Europe/Amsterdam", "timeZone: America")
    notes = [n.message for n in read("cstate", cstate).notes]
    assert "time zone 'America' is unknown; UTC is used" in notes


def test_a_window_beyond_the_years_is_a_bad_time(tmp_path: Path) -> None:
    statusfy = source(tmp_path, "statusfy")
    replace(statusfy / "content" / "2025-03-01_cdn-upgrade.md", "duration: 120", "duration: 1e300")
    upgrade = next(i for i in read("statusfy", statusfy).incidents if i.id == "cdnupg01")
    assert upgrade.scheduled_end is None
    assert "duration '1e300' is not minutes; left out" in [e.message for e in upgrade.entries]


def test_blank_affected_systems_are_left_out_saying_so(tmp_path: Path) -> None:
    statusfy = source(tmp_path, "statusfy")
    path = statusfy / "content" / "2025-03-01_cdn-upgrade.md"
    replace(path, "affectedsystems:\n  - cdn", 'affectedsystems:\n  - cdn\n  - ""\n  -')
    upgrade = next(i for i in read("statusfy", statusfy).incidents if i.id == "cdnupg01")
    assert list(upgrade.components) == ["cdn"]
    assert "2 blank item(s) of affectedsystems left out" in [e.message for e in upgrade.entries]


def test_escaped_control_characters_in_yaml_are_still_repaired_not_refused(
    tmp_path: Path,
) -> None:
    cstate = source(tmp_path, "cstate")
    replace(
        cstate / "content" / "issues" / "2024-12-27-dns-notice.md",
        "title: DNS provider notice",
        'title: "DNS \\e[31mprovider notice"',
    )
    notice = next(i for i in read("cstate", cstate).incidents if i.id == "2024-12-27-dns-notice")
    assert notice.title == "DNS \x1b[31mprovider notice"  # normalize removes and counts it
