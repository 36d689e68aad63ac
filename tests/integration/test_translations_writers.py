"""Every command that writes an incident file writes it in every site language (issue #28):
`statusgen probe` and `statusgen alert` fill each language's phase template (and title) at once,
as `statusgen new` does; `--FLAG-LANG` for every registered text field and for `--workaround`;
`{{workaround}}` in each language's template gets that language's workaround. Every file written
passes `statusgen check` without a missing-translation warning; a site of one language writes
the very bytes it wrote before."""

from __future__ import annotations

import json
import re
import socket
from datetime import UTC, datetime
from pathlib import Path
from textwrap import dedent, indent

import jsonschema
import pytest

from statusgen.cli import main
from statusgen.cli.arguments import INTERFACE_LANGUAGES
from statusgen.content import parse_incident
from statusgen.content.components import load_catalog
from statusgen.content.fieldregistry import published_schema
from statusgen.content.files import SiteLayout
from statusgen.content.monitorconfig import DEFAULT_TITLES
from statusgen.model import Incident
from statusgen.problems import Problem
from tests.sitebuild import (
    MKDOCS_YML,
    REPO,
    SLOW_RESOLVED,
    fixture_site,
    named_in_french,
    write_site,
)

FIXTURES = REPO / "tests" / "fixtures" / "alerts"
LANGUAGES = ("en", "fr")
#: After every update the tests post.
LATER = datetime(2026, 12, 1, tzinfo=UTC)
RULES = """
      alerts:
        - match: {alertname: ProbeFailure, severity: [critical, page]}
          component: api
"""
COMPONENTS = """
monitors:
  failures: 1
  passes: 1
  {title}
groups:
  - name: Core
    components:
      - id: api
        name: Public API
        monitors:
          - type: tcp
            host: 127.0.0.1
            port: {port}
            timeout: 0.5
      - id: web
        name: Website
"""
FIRED, RESOLVED = "2023-02-06T13:15:00Z", "2023-02-06T13:40:00Z"
#: What `statusgen alert` wrote for the firing and resolving pair before sites had languages.
ONE_LANGUAGE_FILE = """\
---
title: "Problems with Public API"
impact: critical
started: 2023-02-06T13:08:45Z
opened_by: alert
alert:
  key: "alertmanager:1a30ba71cca2921f@20230206T130845Z"
  digest: dcde85fc1c325b6943a2d5ca3ac73e06157ffaf6904700c5e2fb407fa6f72dad
components:
  api: major_outage
# Updates, oldest first. Add one with: statusgen update <id> --status ... --message ...
phases:
  - at: 2023-02-06T13:15:00Z
    status: investigating
    message: "We are investigating a problem with Public API. Most users cannot use the service."
  - at: 2023-02-06T13:40:00Z
    status: resolved
    message: "The problem with Public API is resolved, and everything works normally again. \
We are sorry for the disruption."
---
"""


def make_site(
    root: Path,
    languages: str = "",
    port: int = 9,
    title: str = "",
    files: dict[str, str] | None = None,
) -> Path:
    extra = RULES + (indent(f"languages: [{languages}]", " " * 6) if languages else "")
    site = write_site(
        root,
        {
            "mkdocs.yml": MKDOCS_YML.format(language="en", timezone="UTC", extra=extra),
            "components.yml": COMPONENTS.format(port=port, title=title),
            "incidents/.keep": "",
            **(files or {}),
        },
    )
    return named_in_french(site) if "fr" in languages else site


@pytest.fixture(autouse=True)
def _environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setenv("STATUSGEN_CACHE", "off")


def incident_files(root: Path) -> list[Path]:
    return sorted((root / "incidents").rglob("*.md"))


def read(root: Path, path: Path) -> Incident:
    problems: list[Problem] = []
    layout = SiteLayout(root, languages=LANGUAGES)
    catalog = load_catalog(layout, problems)
    text = path.read_text("utf-8")
    found = parse_incident(
        text, path.stem, str(path), catalog, LATER, problems, draft=True, languages=LANGUAGES
    )
    assert found is not None and not problems, problems
    return found


def alert(now: str, payload: str) -> int:
    return main(["--now", now, "alert", "alertmanager", str(FIXTURES / payload)])


def checked_without_warnings(
    now: str, capsys: pytest.CaptureFixture[str], path: Path | None = None
) -> None:
    """`statusgen check` passes, without a warning (of `path`, on a site with others)."""
    capsys.readouterr()
    assert main(["--now", now, "check"]) == 0
    err = capsys.readouterr().err
    assert ("warning" if path is None else f"{path.name}:") not in err, err


def test_a_site_of_one_language_writes_the_same_file_as_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(make_site(tmp_path))
    assert alert(FIRED, "alertmanager-firing.json") == 0
    assert alert(RESOLVED, "alertmanager-resolved.json") == 0
    [path] = incident_files(tmp_path)
    assert path.read_text("utf-8") == ONE_LANGUAGE_FILE


def test_an_alert_opens_and_resolves_its_incident_in_every_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The site's own French template, with the French title: each language's own is used.
    own = {"templates/fr/investigating.md": "Nous regardons : {{title}} ({{components}}).\n"}
    monkeypatch.chdir(make_site(tmp_path, "en, fr", files=own))
    assert alert(FIRED, "alertmanager-firing.json") == 0
    [path] = incident_files(tmp_path)
    text = path.read_text("utf-8")
    assert 'title:\n  en: "Problems with Public API"\n  fr: "Problèmes avec API publique"\n' in text
    incident = read(tmp_path, path)
    first = incident.phases[0]
    assert first.message.startswith("We are investigating a problem with Public API.")
    assert first.translations["fr"]["message"] == (
        "Nous regardons : Problèmes avec API publique (API publique)."
    )
    checked_without_warnings(FIRED, capsys)

    assert alert(RESOLVED, "alertmanager-resolved.json") == 0
    assert "resolved: " in capsys.readouterr().out
    last = read(tmp_path, path).last_phase
    assert last.status.value == "resolved"
    assert last.translations["fr"]["message"].startswith("Le problème qui touchait API publique")
    checked_without_warnings(RESOLVED, capsys)
    # The alert still owns its file: its digest follows the updates in both languages.
    assert alert(RESOLVED, "alertmanager-resolved.json") == 0
    assert "is resolved already" in capsys.readouterr().out


def test_the_probe_opens_and_resolves_its_incident_in_every_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    monkeypatch.chdir(make_site(tmp_path, "en, fr", port=port))
    probe = ["probe", "--allow-private", "--all"]
    assert main(["--now", "2026-11-23T12:00:00Z", *probe]) == 1  # nothing listens: down
    [path] = incident_files(tmp_path)
    incident = read(tmp_path, path)
    assert incident.opened_by_monitor
    assert (incident.title, incident.translations["fr"]["title"]) == (
        "Problems with Public API",
        "Problèmes avec API publique",
    )
    assert (
        incident.phases[0]
        .translations["fr"]["message"]
        .startswith("Nous analysons un problème qui touche API publique.")
    )
    checked_without_warnings("2026-11-23T12:00:00Z", capsys)

    listener.listen(8)
    try:
        assert main(["--now", "2026-11-23T12:10:00Z", *probe]) == 0
    finally:
        listener.close()
    assert "resolved: " in capsys.readouterr().out
    last = read(tmp_path, path).last_phase
    assert last.status.value == "resolved" and "fr" in last.translations
    checked_without_warnings("2026-11-23T12:10:00Z", capsys)


def test_a_sites_own_monitor_title_is_its_default_languages_and_check_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(make_site(tmp_path, "en, fr", title='title: "{{components}} is down"'))
    assert alert(FIRED, "alertmanager-firing.json") == 0
    [path] = incident_files(tmp_path)
    incident = read(tmp_path, path)
    assert incident.title == "Public API is down" and "fr" not in incident.translations
    assert "fr" in incident.phases[0].translations  # the messages are every language's still
    capsys.readouterr()
    assert main(["--now", FIRED, "check"]) == 0
    assert "the title has no fr translation" in capsys.readouterr().err


def test_a_sites_own_monitor_title_may_be_written_in_each_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    title = 'title: {en: "{{components}} is down", fr: "{{components}} est en panne"}'
    monkeypatch.chdir(make_site(tmp_path, "en, fr", title=title))
    assert alert(FIRED, "alertmanager-firing.json") == 0
    [path] = incident_files(tmp_path)
    incident = read(tmp_path, path)
    assert incident.title == "Public API is down"
    assert incident.translations["fr"]["title"] == "API publique est en panne"
    checked_without_warnings(FIRED, capsys)


@pytest.mark.parametrize(
    ("languages", "title", "expected"),
    [
        ("", "title: {en: Down, fr: En panne}", "the title is a mapping of languages; expected"),
        ("en, fr", "title: {en: Down, nl: Kapot}", "unknown language 'nl' in the title"),
        ("en, fr", "title: {fr: En panne}", "the title has no en text"),
        ("en, fr", f"title: {{en: Down, fr: {'x' * 201}}}", "title (fr) is too long"),
    ],
)
def test_a_wrong_monitor_title_is_refused_at_its_line(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    languages: str,
    title: str,
    expected: str,
) -> None:
    monkeypatch.chdir(make_site(tmp_path, languages, title=title))
    assert main(["--now", FIRED, "check"]) == 1
    assert f"components.yml:4: {expected}" in capsys.readouterr().err


def test_the_components_schema_takes_the_monitor_title_in_each_language() -> None:
    schema = json.loads(published_schema("components.schema.json", ("en", "fr")))
    groups = {"groups": [{"name": "Core", "components": [{"id": "api", "name": "API"}]}]}
    validator = jsonschema.Draft202012Validator(schema)
    for title in ("Down", {"en": "Down", "fr": "En panne"}):
        assert not list(validator.iter_errors({"monitors": {"title": title}, **groups}))
    for title in ("", {}, {"en": ""}, {"EN!": "Down"}, {"en": 3}, {"fr": "En panne"}):
        assert list(validator.iter_errors({"monitors": {"title": title}, **groups})), title


def test_the_monitors_default_title_has_every_interface_language() -> None:
    assert tuple(DEFAULT_TITLES) == INTERFACE_LANGUAGES
    assert all("{{components}}" in title for title in DEFAULT_TITLES.values())


# -- every text field per language on the command line ---------------------------------------


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = fixture_site(
        tmp_path,
        extra=indent(dedent("languages: [en, fr]"), " " * 6),
        incidents={"incidents/2026-03-10-slow-website.md": SLOW_RESOLVED},
    )
    monkeypatch.chdir(named_in_french(root))
    return root


def run(*args: str, now: str = "2026-11-23T12:00:00Z") -> int:
    return main(["--now", now, *args])


def written(out: str) -> Path:
    match = re.search(r"^wrote (\S+)$", out, re.M)
    assert match, out
    return Path(match.group(1))


NEW = ["new", "Slow API", "--title-fr", "API lente", "--component", "api=degraded_performance"]


def test_affected_is_written_in_each_language_given(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile = 'Clients « UE » <b>#1</b>\u2028"tous"'
    args = [*NEW, "--impact", "minor", "--affected", "EU customers", "--affected-fr", hostile]
    assert run(*args) == 0
    path = written(capsys.readouterr().out)
    assert '    affected:\n      en: "EU customers"\n      fr: ' in path.read_text()
    first = read(site, path).phases[0]
    assert first.stated["affected"] == "EU customers"
    assert first.translations["fr"]["affected"] == hostile
    update = ["update", path.stem, "--status", "identified"]
    assert run(*update, "--affected-en", "All", "--affected-fr", "Tous") == 0
    last = read(site, path).last_phase
    assert (last.stated["affected"], last.translations["fr"]["affected"]) == ("All", "Tous")
    checked_without_warnings("2026-11-23T12:00:00Z", capsys, path)


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (["--affected-fr", "Tous"], "--affected-fr without --affected: expected --affected too"),
        (["--affected", "All", "--affected-nl", "Alle"], "--affected-nl: nl is not one of"),
        (["--affected", "All", "--affected-en", "All"], "--affected-en and --affected both"),
        (
            ["--message", "Hi", "--message-fr", "Salut", "--workaround-fr", "Appli"],
            "--workaround-fr fills the fr template's {{workaround}}, which --message-fr leaves",
        ),
        (["--message", "Hi", "--workaround-fr", "Appli"], "which --message leaves unused"),
    ],
)
def test_a_text_in_a_language_that_would_be_dropped_is_refused(
    site: Path, capsys: pytest.CaptureFixture[str], extra: list[str], expected: str
) -> None:
    assert run(*NEW, "--impact", "minor", *extra) == 2
    assert expected in capsys.readouterr().err
    assert not (site / "incidents" / "2026").exists()


WORKAROUND_TEMPLATES = {
    "templates/investigating.md": "We look into {{title}}. Meanwhile: {{workaround}}\n",
    "templates/identified.md": "Found it. Meanwhile: {{workaround}}\n",
    "templates/fr/investigating.md": "Nous cherchons : {{title}}. En attendant : {{workaround}}\n",
    "templates/fr/identified.md": "Trouvé. En attendant : {{workaround}}\n",
}


def test_each_languages_template_gets_its_own_workaround(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name, text in WORKAROUND_TEMPLATES.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, "utf-8")
    args = [*NEW, "--impact", "minor", "--workaround", "Use the app"]
    assert run(*args, "--workaround-fr", "Utilisez l'appli") == 0
    path = written(capsys.readouterr().out)
    first = read(site, path).phases[0]
    assert first.message == "We look into Slow API. Meanwhile: Use the app"
    assert first.translations["fr"]["message"] == (
        "Nous cherchons : API lente. En attendant : Utilisez l'appli"
    )
    # The file's workaround, in each language, fills an update's template.
    text = path.read_text("utf-8").replace(
        "components:", 'workaround:\n  en: "Reload"\n  fr: "Rechargez"\ncomponents:', 1
    )
    path.write_text(text, "utf-8")
    assert run("update", path.stem, "--status", "identified") == 0
    last = read(site, path).last_phase
    assert (last.message, last.translations["fr"]["message"]) == (
        "Found it. Meanwhile: Reload",
        "Trouvé. En attendant : Rechargez",
    )
    # --workaround alone replaces the file's in every language (it is the newer word).
    assert run("update", path.stem, "--status", "identified", "--workaround", "Wait") == 0
    last = read(site, path).last_phase
    assert last.translations["fr"]["message"] == "Trouvé. En attendant : Wait"
    checked_without_warnings("2026-11-23T12:00:00Z", capsys, path)


def test_component_names_are_each_language_s_among_its_words(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [*NEW, "--component", "web=degraded_performance", "--impact", "minor"]
    assert run(*args) == 0
    first = read(site, written(capsys.readouterr().out)).phases[0]
    assert first.message.startswith("We are investigating a problem with Public API and Website.")
    assert first.translations["fr"]["message"].startswith(
        "Nous analysons un problème qui touche API publique et Site web."
    )
