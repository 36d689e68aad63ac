"""The internal site of a site made by `statusgen init`: written with `--audience internal`,
built with its own `internal_site_url`, linked to by internal channels, and refused a public
address by `statusgen site-url` (the guard every publishing job runs first)."""

from __future__ import annotations

import gzip
import re
from collections.abc import Callable
from pathlib import Path

import feedparser
import pytest
from sitebuild import EXAMPLE_EPOCH, mkdocs_build

from statusgen.cli import main

PUBLIC = "https://status.globex.test/"
INTERNAL = "https://status-internal.globex.test/"
#: The public host as any link to it is written (with or without a scheme, escaped or not).
PUBLIC_HOST = re.compile(r"status\.globex\.test", re.I)
#: The build's clock: 2026-11-23T12:00:00Z, as EXAMPLE_EPOCH says.
NOW = "2026-11-23T12:00:00Z"
CHANNELS = """\
      notify:
        - type: slack
          url: !ENV SLACK_URL
        - type: slack
          name: responders
          url: !ENV RESPONDERS_URL
          audience: internal
"""


def cli(root: Path, now: str, *args: str) -> int:
    return main(["-C", str(root), "--now", now, *args])


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new site with a public incident, an internal update on it and an internal incident,
    all written by the command line, and two notify channels (one internal)."""
    root = tmp_path_factory.mktemp("internal") / "site"
    made = main(
        [
            *("--now", NOW, "init", str(root), "--no-input", "--name", "Globex Status"),
            *("--url", PUBLIC, "--component", "api=Public API", "--component", "web=Website"),
        ]
    )
    assert made == 0
    mkdocs_yml = root / "mkdocs.yml"
    text = mkdocs_yml.read_text()
    marker = "      internal_site_url: !ENV [STATUSGEN_INTERNAL_SITE_URL]\n"
    assert marker in text
    mkdocs_yml.write_text(text.replace(marker, marker + CHANNELS))
    new = ["new", "--impact", "major", "--component", "api=partial_outage"]
    assert cli(root, "2026-11-23T11:00:00Z", *new, "API errors", "--message", "Errors.") == 0
    assert (
        cli(
            root,
            "2026-11-23T11:10:00Z",
            *new,
            "Database failover SECRET-TITLE",
            "--message",
            "db-7 died SECRET-MESSAGE.",
            "--audience",
            "internal",
        )
        == 0
    )
    window = ["--start", "2026-11-24T02:00:00Z", "--end", "2026-11-24T04:00:00Z"]
    maintenance = ["new", "--maintenance", *window, "--component", "api"]
    assert cli(root, "2026-11-23T11:05:00Z", *maintenance, "Upgrade", "--message", "Soon.") == 0
    public_id = "2026-11-23-api-errors"
    update = ["update", public_id, "--status", "identified", "--audience", "internal"]
    assert cli(root, "2026-11-23T11:20:00Z", *update, "--message", "web-3 SECRET-PHASE.") == 0
    return root


def test_new_and_update_mark_what_they_write_internal(site: Path) -> None:
    internal = (site / "incidents/2026/2026-11-23-database-failover-secret-title.md").read_text()
    assert "\naudience: internal\n" in internal  # the incident, in its front matter
    public = (site / "incidents/2026/2026-11-23-api-errors.md").read_text()
    assert "\naudience: internal\n" not in public
    assert "    audience: internal\n" in public.split("SECRET-PHASE")[1]  # the update only


def output_texts(folder: Path) -> dict[str, str]:
    """Every file the build wrote, as text (gzip files unpacked: the sitemap's copy)."""
    texts = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        texts[path.relative_to(folder).as_posix()] = data.decode("utf-8", errors="replace")
    return texts


@pytest.fixture(scope="module")
def built(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """The site built for an audience with `internal_site_url` set, once per module: tests of
    both audiences' links and feeds read the same two builds. Read-only."""
    folders: dict[str, Path] = {}

    def build(audience: str) -> Path:
        if audience not in folders:
            out = tmp_path_factory.mktemp(f"built-{audience}") / "site"
            env = {"STATUSGEN_AUDIENCE": audience, "STATUSGEN_INTERNAL_SITE_URL": INTERNAL}
            result = mkdocs_build(site, out, EXAMPLE_EPOCH, env=env)
            assert result.returncode == 0, result.stderr
            folders[audience] = out
        return folders[audience]

    return build


def test_the_internal_build_links_to_the_internal_site_only(
    site: Path, built: Callable[[str], Path], tmp_path: Path
) -> None:
    texts = output_texts(built("internal"))
    assert "SECRET-TITLE" in texts["index.html"]
    # Where a page may name the public site, its link says "public page"; nowhere else.
    leaks = {
        name: PUBLIC_HOST.findall(re.sub(r"<a [^>]*>public page</a>", "", text, flags=re.I))
        for name, text in texts.items()
    }
    assert {name: found for name, found in leaks.items() if found} == {}
    # Every kind of absolute link is there, to the internal host.
    for name in ("sitemap.xml", "feed.rss", "feed.atom", "maintenance.ics", "index.html"):
        assert INTERNAL in texts[name] or INTERNAL.rstrip("/") in texts[name], name
    assert f'<link rel="canonical" href="{INTERNAL}">' in texts["index.html"]
    api = texts["api/v2/summary.json"]
    assert "status-internal.globex.test" in api
    # Without internal_site_url the same build keeps site_url (the check workflow's build,
    # never published): the guard below is what keeps it from going out.
    env = {"STATUSGEN_AUDIENCE": "internal"}
    unset = mkdocs_build(site, tmp_path / "unset", EXAMPLE_EPOCH, env=env)
    assert unset.returncode == 0, unset.stderr
    assert PUBLIC in (tmp_path / "unset" / "sitemap.xml").read_text()


def test_the_public_build_shows_nothing_internal(built: Callable[[str], Path]) -> None:
    texts = output_texts(built("public"))  # the scaffold's default audience, set outright
    assert "API errors" in texts["index.html"]
    assert not [name for name, text in texts.items() if "SECRET" in text]
    assert not [name for name, text in texts.items() if "status-internal" in text]


def by_channel(shown: str) -> dict[str, str]:
    """What a dry run shows, joined per channel (each message starts `--- NAME (type): id`)."""
    joined: dict[str, str] = {}
    for name, text in re.findall(
        r"^--- (\S+) \(\w+\): [^\n]*\n(.*?)(?=^--- |\Z)", shown, re.S | re.M
    ):
        joined[name] = joined.get(name, "") + text
    return joined


def test_internal_channels_link_to_the_internal_site(
    site: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("SLACK_URL", "https://hooks.slack.test/public")
    monkeypatch.setenv("RESPONDERS_URL", "https://hooks.slack.test/responders")
    monkeypatch.setenv("STATUSGEN_INTERNAL_SITE_URL", INTERNAL)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    ledger = str(tmp_path / "ledger.json")
    assert cli(site, "2026-11-23T11:25:00Z", "notify", "--dry-run", "--ledger", ledger) == 0
    shown = by_channel(capsys.readouterr().out)
    public, responders = shown["slack"], shown["responders"]
    assert "SECRET" in responders and INTERNAL + "incidents/" in responders
    assert not PUBLIC_HOST.search(responders)
    assert "API errors" in public and PUBLIC + "incidents/" in public
    assert "SECRET" not in public and "status-internal" not in public
    # Without an internal address, internal channels keep the site's own (as before).
    monkeypatch.delenv("STATUSGEN_INTERNAL_SITE_URL")
    assert cli(site, "2026-11-23T11:25:00Z", "notify", "--dry-run", "--ledger", ledger) == 0
    assert PUBLIC + "incidents/" in by_channel(capsys.readouterr().out)["responders"]


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        (None, "internal_site_url is not set"),
        ("", "internal_site_url is not set"),
        (PUBLIC, "is the public site_url"),
        ("HTTPS://Status.Globex.test", "is the public site_url"),
    ],
)
def test_site_url_refuses_an_internal_site_without_its_own_address(
    site: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    address: str | None,
    expected: str,
) -> None:
    if address is None:
        monkeypatch.delenv("STATUSGEN_INTERNAL_SITE_URL", raising=False)
    else:
        monkeypatch.setenv("STATUSGEN_INTERNAL_SITE_URL", address)
    assert cli(site, NOW, "site-url", "--audience", "internal") == 2
    captured = capsys.readouterr()
    assert expected in captured.err and not captured.out


def test_site_url_prints_each_audiences_address(
    site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("STATUSGEN_INTERNAL_SITE_URL", INTERNAL.rstrip("/"))
    assert cli(site, NOW, "site-url", "--audience", "internal") == 0
    assert capsys.readouterr().out == INTERNAL + "\n"
    assert cli(site, NOW, "site-url") == 0
    assert capsys.readouterr().out == PUBLIC + "\n"


def test_a_bad_internal_site_url_stops_the_build(site: Path, tmp_path: Path) -> None:
    env = {"STATUSGEN_AUDIENCE": "internal", "STATUSGEN_INTERNAL_SITE_URL": "status-internal"}
    built = mkdocs_build(site, tmp_path / "bad", EXAMPLE_EPOCH, env=env)
    assert built.returncode != 0
    assert "internal_site_url" in built.stderr and "an http(s) address" in built.stderr


def test_an_incidents_own_feed_holds_its_public_updates_only(
    built: Callable[[str], Path],
) -> None:
    feeds = {}
    for audience in ("public", "internal"):
        folder = built(audience) / "incidents" / "2026-11-23-api-errors"
        feeds[audience] = [
            feedparser.parse((folder / f"feed.{kind}").read_bytes()) for kind in ("rss", "atom")
        ]
    for rss, atom in (feeds["public"], feeds["internal"]):
        assert not rss.bozo and not atom.bozo
        assert [e.id for e in rss.entries] == [e.id for e in atom.entries]
    public = [e.summary for e in feeds["public"][1].entries]
    assert len(public) == 1 and "Errors." in public[0]
    internal = feeds["internal"][1].entries
    assert len(internal) == 2 and "SECRET-PHASE" in internal[0].summary
    assert feeds["public"][1].feed.title == "Globex Status: API errors"
