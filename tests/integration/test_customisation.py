"""A site's own customisations: theme overrides from `custom_dir`, and options checked alike by
the plugin and the command line."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest
from sitebuild import FIXTURE_EPOCH, fixture_site, mkdocs_build, parse_page

from statusgen.cli import main

#: Material's own way to customise every page: a main.html in custom_dir extending base.html.
MAIN_OVERRIDE = """{% extends "base.html" %}
{% block extrahead %}<meta name="x-team" content="ours">{% endblock %}
"""


def with_custom_dir(root: Path, files: dict[str, str]) -> Path:
    """Point the site's theme at `overrides/` and write files into it."""
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  font: false", "  font: false\n  custom_dir: overrides"))
    for name, content in files.items():
        path = root / "overrides" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    return root


def feed_links(html: str) -> list[str]:
    return re.findall(r'<link rel="alternate feed" type="[^"]+" title="([^"]+)"', html)


def test_a_main_html_override_keeps_the_feed_links(tmp_path: Path) -> None:
    root = with_custom_dir(fixture_site(tmp_path / "src"), {"main.html": MAIN_OVERRIDE})
    out = tmp_path / "site"
    result = mkdocs_build(root, out, FIXTURE_EPOCH)
    assert result.returncode == 0, result.stderr
    component = (out / "components/api/index.html").read_text()
    assert '<meta name="x-team" content="ours">' in component  # the override is in force
    assert feed_links(component) == [
        "Test Status (RSS)",
        "Test Status (Atom)",
        "Public API (RSS)",
        "Public API (Atom)",
    ]
    head, _, _ = component.partition("</head>")
    assert 'href="feed.rss"' in head and 'href="../../feed.rss"' in head
    # Hand-written and generated pages alike.
    for page in ("index.html", "history/index.html", "404.html"):
        assert feed_links((out / page).read_text())[:2] == [
            "Test Status (RSS)",
            "Test Status (Atom)",
        ], page


def test_a_site_overrides_a_statusgen_template(tmp_path: Path) -> None:
    overview = '<h1 class="team-banner">{{ t("indicator." ~ site.state.banner) }} (our words)</h1>'
    root = with_custom_dir(fixture_site(tmp_path / "src"), {"statusgen/overview.html": overview})
    out = tmp_path / "site"
    result = mkdocs_build(root, out, FIXTURE_EPOCH)
    assert result.returncode == 0, result.stderr
    page = parse_page(out / "index.html")
    assert "Minor service outage (our words)" in page.text
    assert "sg-banner" not in (out / "index.html").read_text()
    # The other templates are still statusgen's own.
    assert (
        "Resolved after 1 h 30 min"
        in parse_page(out / "incidents/2026-03-09-api-errors/index.html").text
    )


def test_a_theme_override_of_statusgens_css_wins(tmp_path: Path) -> None:
    ours = "/* the team's own */\n.sg-banner { border-radius: 0; }\n"
    root = with_custom_dir(fixture_site(tmp_path / "src"), {"assets/statusgen/statusgen.css": ours})
    out = tmp_path / "site"
    result = mkdocs_build(root, out, FIXTURE_EPOCH)
    assert result.returncode == 0, result.stderr
    assert (out / "assets/statusgen/statusgen.css").read_text(encoding="utf-8") == ours
    # The script is not overridden: it is statusgen's own, and both are still linked.
    shipped = resources.files("statusgen") / "render" / "assets" / "statusgen.js"
    assert (out / "assets/statusgen/statusgen.js").read_bytes() == shipped.read_bytes()
    head = (out / "index.html").read_text(encoding="utf-8").partition("</head>")[0]
    assert 'href="assets/statusgen/statusgen.css"' in head


@pytest.mark.parametrize(
    ("where", "name"),
    [
        ("docs", "assets/statusgen/statusgen.css"),  # a hand-written file, not an override
        ("overrides", "feed.rss"),  # a theme file where statusgen publishes its feed
    ],
)
def test_a_file_where_statusgen_publishes_names_its_real_source(
    tmp_path: Path, where: str, name: str
) -> None:
    root = with_custom_dir(fixture_site(tmp_path / "src"), {"main.html": MAIN_OVERRIDE})
    path = root / where / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("ours\n", encoding="utf-8")
    result = mkdocs_build(root, tmp_path / "site", FIXTURE_EPOCH)
    assert result.returncode != 0
    assert f"statusgen: {where}/{name} (published as {name}) is where statusgen publishes" in (
        result.stderr
    )


@pytest.mark.parametrize(
    ("option", "expected"),
    [
        ("history_days: 0", "expected a whole number of at least 1"),
        ("feed_entries: -5", "expected a whole number of at least 1"),
        ("timezone: Mars/Olympus", "expected an IANA time zone name"),
        ("contact: {url: 'javascript:alert(1)'}", "expected an http(s) URL or an e-mail address"),
        ("audience: everyone", "expected public or internal"),
        ("remind_channel: [ops]", "expected a channel's name"),
        ("remind_after: soon", "expected int"),
        ("incidents_dir: []", "expected a folder name or a list of folder names"),
    ],
)
def test_plugin_and_command_line_refuse_the_same_options(
    tmp_path: Path, option: str, expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    root = fixture_site(tmp_path / "src")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace(
        "contact: {url: help@status.test, text: Ask us}", ""
    )
    config.write_text(text.replace("timezone: UTC", "timezone: UTC\n      " + option))
    result = mkdocs_build(root, tmp_path / "site", FIXTURE_EPOCH)
    assert result.returncode == 1 and expected in result.stderr, result.stderr
    assert main(["-C", str(root), "--now", "2026-03-10T12:00:00Z", "check"]) == 2
    assert expected in capsys.readouterr().err


def test_incidents_from_several_folders(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An internal site in a private repository: its own folder first, the public
    repository's incidents (checked out beside them, here `public/incidents`) second."""
    root = fixture_site(tmp_path / "private")
    (root / "public").mkdir()
    (root / "incidents").rename(root / "public" / "incidents")
    (root / "incidents").mkdir()
    private = (root / "public" / "incidents" / "2026-03-10-slow-website.md").read_text()
    (root / "incidents" / "2026-03-08-private-note.md").write_text(
        private.replace("Slow website", "Private note").replace("minor", "none", 1)
    )
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "timezone: UTC", "timezone: UTC\n      incidents_dir: [incidents, public/incidents]"
        )
    )
    out = tmp_path / "site"
    result = mkdocs_build(root, out, FIXTURE_EPOCH)
    assert result.returncode == 0, result.stderr
    assert (out / "incidents/2026-03-08-private-note/index.html").is_file()
    assert (out / "incidents/2026-03-09-api-errors/index.html").is_file()
    assert main(["-C", str(root), "--now", "2026-03-10T12:00:00Z", "check"]) == 0
    assert "3 incident files are valid" in capsys.readouterr().out
    # New files go to the first folder.
    assert (
        main(
            [
                "-C",
                str(root),
                "--now",
                "2026-03-10T12:00:00Z",
                "new",
                "Third",
                "--impact",
                "none",
                "--component",
                "api=degraded_performance",
                "--message",
                "m",
            ]
        )
        == 0
    )
    assert (root / "incidents" / "2026" / "2026-03-10-third.md").is_file()
