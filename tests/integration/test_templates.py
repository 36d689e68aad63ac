"""Message templates end to end: every template statusgen ships, in every language, filled by
the real commands in a site `statusgen init` wrote, then checked and built; and a team's own
templates, with blanks to write in, broken files and unknown names."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sitebuild import mkdocs_build, parse_page

from statusgen.cli import main
from statusgen.cli.templates import BUILT_IN
from statusgen.clock import parse_time
from statusgen.content import SiteLayout, load_site
from statusgen.render.locale import Translator

NOW = "2026-11-23T12:00:00Z"
#: After every update below: when the site is checked and built.
BUILT = "2026-11-24T06:00:00Z"
BUILT_EPOCH = str(int(datetime.fromisoformat(BUILT).timestamp()))
WORKAROUND = "Use the EU endpoint at eu.api.globex.test."
#: Written by hand from each language's words: "and", and a November day as its CLDR medium
#: date writes it.
AND = {"en": "and", "fr": "et", "nl": "en", "de": "und"}
NOVEMBER_DAY = {"en": "Nov {}, 2026", "fr": "{} nov. 2026", "nl": "{} nov 2026", "de": "{}.11.2026"}
INCIDENT = ("investigating", "identified", "monitoring", "resolved")
MAINTENANCE = ("scheduled", "in_progress", "verifying", "completed")
#: When each update is posted: twenty minutes apart, the maintenance's during its window.
TIMES = {
    "investigating": "2026-11-23T12:00:00Z",
    "identified": "2026-11-23T12:20:00Z",
    "monitoring": "2026-11-23T12:40:00Z",
    "resolved": "2026-11-23T13:00:00Z",
    "scheduled": "2026-11-23T12:00:00Z",
    "in_progress": "2026-11-24T02:05:00Z",
    "verifying": "2026-11-24T03:50:00Z",
    "completed": "2026-11-24T04:00:00Z",
}
WINDOW = ["--start", "2026-11-24T02:00:00Z", "--end", "2026-11-24T04:00:00Z"]
PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}")


def run(*args: str, now: str = NOW) -> int:
    return main(["--now", now, *args])


@pytest.fixture
def quiet_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def init_site(root: Path, language: str) -> Path:
    options = ["--no-input", "--name", "Globex", "--url", "https://status.globex.test"]
    options += ["--timezone", "Europe/Paris", "--language", language]
    options += ["--component", "api=Public API", "--component", "db=Database"]
    assert run("init", str(root), *options) == 0
    return root


def paris(language: str, moment: datetime) -> str:
    """A time as templates must show it, worked out by hand: Paris is UTC+1 in November."""
    shown = moment + timedelta(hours=1)
    return f"{NOVEMBER_DAY[language].format(shown.day)}, {shown:%H:%M} CET (UTC+01:00)"


def template_used(templates: Path, kind: str | None, status: str) -> Path:
    """The kind's own template, else the plain one (a kind falls back)."""
    own = templates / (kind or "") / f"{status}.md"
    return own if kind and own.is_file() else templates / f"{status}.md"


def post_all(
    site: Path, templates: Path, kind: str | None, statuses: tuple[str, ...]
) -> tuple[str, list[Path]]:
    """One incident or maintenance through its four statuses, with every value each template
    uses; its id and the template of each update."""
    chosen = ["--template", kind] if kind else []
    incident_id, used = "", []
    for status in statuses:
        template = template_used(templates, kind, status)
        names = set(n.strip() for n in PLACEHOLDER.findall(template.read_text("utf-8")))
        values = ["--next-update", "30m"] if status not in ("resolved", "completed") else []
        values += ["--estimate", "2h"] if "estimate" in names else []
        values += ["--workaround", WORKAROUND] if "workaround" in names else []
        at = TIMES[status]
        if status in ("investigating", "scheduled"):
            what = ["--component", "api=partial_outage", "--component", "db=major_outage"]
            what += ["--impact", "major"]
            if status == "scheduled":
                what = ["--maintenance", "--component", "api", "--component", "db", *WINDOW]
            incident_id = f"{kind or 'plain'}-{status}"
            args = ["new", f"{kind or 'plain'} {status}", "--id", incident_id, *what]
        elif status in ("resolved", "completed"):
            args = ["resolve", incident_id]
        else:
            args = ["update", incident_id, "--status", status]
        assert run("-C", str(site), *args, *chosen, *values, now=at) == 0, args
        used.append(template)
    return incident_id, used


def expected_values(language: str, status: str) -> dict[str, str]:
    at = parse_time(TIMES[status])[0]
    assert at is not None
    impact = "none" if status in MAINTENANCE else "major"
    return {
        "components": f"Public API {AND[language]} Database",
        "impact": Translator(language)(f"template.impact.{impact}"),
        "next_update": paris(language, at + timedelta(minutes=30)),
        "estimate": paris(language, at + timedelta(hours=2)),
        "workaround": WORKAROUND,
        "start": paris(language, datetime.fromisoformat("2026-11-24T02:00:00")),
        "end": paris(language, datetime.fromisoformat("2026-11-24T04:00:00")),
    }


@pytest.mark.parametrize(
    "language", sorted(entry.name for entry in BUILT_IN.iterdir() if entry.is_dir())
)
def test_every_shipped_template_fills_checks_and_builds(
    language: str, tmp_path: Path, quiet_env: None, capsys: pytest.CaptureFixture[str]
) -> None:
    site = init_site(tmp_path / "site", language)
    templates = site / "templates"
    shipped = sorted(p.relative_to(templates) for p in templates.rglob("*.md"))
    assert len(shipped) == 14, shipped
    if language == "de":  # the option moves the folder, for the commands and the build alike
        templates = templates.rename(site / "messages")
        mkdocs = site / "mkdocs.yml"
        option = "      templates_dir: messages\n      timezone:"
        mkdocs.write_text(mkdocs.read_text("utf-8").replace("      timezone:", option), "utf-8")

    posted: dict[str, tuple[str, ...]] = {}
    used: set[Path] = set()
    kinds = sorted(p.name for p in templates.iterdir() if p.is_dir())
    assert kinds == ["database-outage", "third-party-provider"]
    for kind in (None, *kinds):
        incident_id, files = post_all(site, templates, kind, INCIDENT)
        posted[incident_id] = INCIDENT
        used.update(files)
    incident_id, files = post_all(site, templates, None, MAINTENANCE)
    posted[incident_id] = MAINTENANCE
    used.update(files)
    assert sorted(p.relative_to(templates) for p in used) == shipped  # every one of them

    out = capsys.readouterr().out
    assert "next: write your own words" not in out  # nothing left to fill in by hand
    assert run("-C", str(site), "check", now=BUILT) == 0, capsys.readouterr().err
    built = load_site(SiteLayout(site), datetime.fromisoformat(BUILT))
    for incident_id, statuses in posted.items():
        incident = built.incident(incident_id)
        assert incident is not None and incident.is_closed
        kind = incident_id.rsplit("-", 1)[0].removeprefix("plain")
        for phase, status in zip(incident.phases, statuses, strict=True):
            assert phase.status.value == status
            template = template_used(templates, kind or None, status).read_text("utf-8")
            assert "{{" not in phase.message and "}}" not in phase.message
            for words in PLACEHOLDER.split(template)[::2]:  # the template's own words
                assert words.strip() in phase.message, (incident_id, status, words)
            values = expected_values(language, status)
            for name in PLACEHOLDER.findall(template):
                assert values[name] in phase.message, (incident_id, status, name)
                assert "template." not in phase.message  # a translated word, not its key

    result = mkdocs_build(site, tmp_path / "out", BUILT_EPOCH)
    assert result.returncode == 0, result.stderr
    pages = tmp_path / "out" / "incidents"
    page = parse_page(pages / "database-outage-investigating" / "index.html").text
    assert expected_values(language, "investigating")["next_update"] in page
    assert WORKAROUND in parse_page(pages / "plain-investigating" / "index.html").text


COMPONENTS = """\
groups:
  - name: Core
    components:
      - id: api
        name: Public API
      - id: ops
        name: Ops console
        audience: internal
"""


@pytest.fixture
def team_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, quiet_env: None) -> Path:
    """A site without mkdocs.yml whose team wrote one kind of incident, with blanks."""
    (tmp_path / "components.yml").write_text(COMPONENTS)
    (tmp_path / "incidents").mkdir()
    kind = tmp_path / "templates" / "login-trouble"
    kind.mkdir(parents=True)
    (kind / "investigating.md").write_text(
        "Signing in to {{components}} fails for some of you.\n\n"
        "What you see: {{ describe the error message }}\n\n"
        "Config such as `{{ .Values.sso }}` is not a blank.\n\nNext update by {{next_update}}.\n"
    )
    (tmp_path / "templates" / "identified.md").write_text("Found it: {{title}}.\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_blank_is_written_named_and_refused_until_replaced(
    team_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["new", "Login fails", "--id", "login", "--impact", "minor", "--template"]
    args += ["login-trouble", "--component", "api=partial_outage", "--component"]
    assert run(*args, "ops=major_outage") == 0
    out = capsys.readouterr().out
    path = team_site / "incidents" / "2026" / "login.md"
    text = path.read_text()
    # A `|` block: the blank is on its own line of the file, and `check` names that line.
    line = text.splitlines().index("      What you see: {{ describe the error message }}") + 1
    where = f"incidents/2026/login.md:{line}"
    assert f'{where}: a template placeholder "{{{{ describe the error message }}}}"' in out
    # A line whose placeholders have no value (no --next-update) is left out.
    assert "{{next_update}}" not in text and "Next update by" not in text
    # A public incident never names an internal component.
    assert "Signing in to Public API fails" in text and "Ops console" not in text
    assert "`{{ .Values.sso }}`" in text

    assert run("check") == 1
    err = capsys.readouterr().err
    expected = f'{where}: a template placeholder "{{{{ describe the error message }}}}" is left; '
    assert expected + "expected your own words" in err
    assert "{{ .Values.sso }}" not in err  # code is never a placeholder
    assert err.count("template placeholder") == 1

    path.write_text(
        text.replace("{{ describe the error message }}", "“Session expired”.").replace(
            "{{next_update}}", "14:00 UTC"
        )
    )
    assert run("check") == 0

    # A kind falls back to the plain template for a status it lacks (identified.md).
    assert run("update", "login", "--status", "identified", "--template", "login-trouble") == 0
    assert 'message: "Found it: Login fails."' in path.read_text()
    # And to statusgen's own for a status the site has no template for.
    assert run("resolve", "login", now="2026-11-23T12:30:00Z") == 0
    assert "The problem with Public API is resolved" in path.read_text()
    assert run("check", now="2026-11-23T12:30:00Z") == 0


def test_unknown_kinds_and_broken_templates_are_named(
    team_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["new", "Down", "--impact", "major", "--component", "api=major_outage"]
    assert run(*base, "--template", "database-outage") == 2
    err = capsys.readouterr().err
    assert "--template 'database-outage': no such kind of incident; expected one of " in err
    assert "login-trouble (folders of templates/)" in err
    assert run(*base, "--template", "../../etc") == 2
    assert "no such kind" in capsys.readouterr().err

    broken = team_site / "templates" / "login-trouble" / "investigating.md"
    broken.write_text("\nFine line.\nBroken {{ components here.\nUnknown {{componets}}.\n")
    (team_site / "templates" / "investigatng.md").write_text("Typo in the name.\n")
    assert run(*base, "--template", "login-trouble") == 1
    err = capsys.readouterr().err
    label = "templates/login-trouble/investigating.md"
    assert f"{label}:3: a {{{{ without its }}}} on the same line" in err
    assert (
        f'{label}:4: unknown placeholder "{{{{componets}}}}"; expected one of {{{{title}}}}' in err
    )
    assert not (team_site / "incidents" / "2026").exists()  # nothing written

    assert run("check") == 1
    err = capsys.readouterr().err
    assert f"{label}:3: a {{{{ without its }}}}" in err
    assert "templates/investigatng.md: is not a template; expected investigating.md" in err


def test_values_nothing_would_use_are_refused(
    team_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["new", "Down", "--impact", "major", "--component", "api=major_outage"]
    assert run(*base, "--message", "Down.", "--template", "login-trouble") == 2
    assert "--message and --template exclude each other" in capsys.readouterr().err
    assert run(*base, "--message", "Down.", "--workaround", "Wait.") == 2
    assert "--workaround fill a template's placeholders" in capsys.readouterr().err
    assert run(*base, "--template", "login-trouble", "--workaround", "Wait.") == 2
    err = capsys.readouterr().err
    assert "--workaround is not used: templates/login-trouble/investigating.md" in err
    assert run(*base, "--estimate", "soon") == 2
    assert "--estimate 'soon' is not a valid time" in capsys.readouterr().err
    assert not (team_site / "incidents" / "2026").exists()


def test_a_site_without_templates_gets_statusgens_in_its_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, quiet_env: None
) -> None:
    (tmp_path / "components.yml").write_text(COMPONENTS)
    (tmp_path / "mkdocs.yml").write_text("site_name: S\ntheme:\n  name: material\n  language: nl\n")
    monkeypatch.chdir(tmp_path)
    args = ["new", "Traag", "--id", "traag", "--impact", "minor", "--next-update", "1h"]
    assert (
        run(*args, "--component", "api=degraded_performance", "--template", "third-party-provider")
        == 0
    )
    text = (tmp_path / "incidents" / "2026" / "traag.md").read_text()
    assert "Een storing bij een van onze leveranciers raakt Public API." in text
    assert "Uiterlijk 23 nov 2026, 13:00 UTC volgt de volgende update." in text
    assert run("check") == 0


def test_an_estimate_is_the_updates_own_field_whatever_the_template(
    team_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--estimate sets the update's `estimate` (shown beside the message) even when the
    template has no {{estimate}}; where a template has one, its line is filled."""
    args = ["new", "Down", "--id", "down", "--impact", "major", "--component", "api=major_outage"]
    assert run(*args, "--template", "login-trouble", "--estimate", "2h") == 0
    text = (team_site / "incidents" / "2026" / "down.md").read_text()
    assert "estimate: 2026-11-23T14:00:00Z" in text
    (team_site / "templates" / "monitoring.md").write_text(
        "A fix is live on {{components}}.\n\nWe expect all clear by {{estimate}}.\n"
    )
    assert run("update", "down", "--status", "monitoring", "--estimate", "30m") == 0
    text = (team_site / "incidents" / "2026" / "down.md").read_text()
    assert "We expect all clear by Nov 23, 2026, 12:30 UTC." in text
    assert run("update", "down", "--status", "monitoring") == 0
    text = (team_site / "incidents" / "2026" / "down.md").read_text()
    assert text.count("We expect all clear by") == 1  # no estimate given: the line is left out
