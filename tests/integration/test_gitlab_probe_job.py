"""The `probe` job of a new GitLab site's .gitlab-ci.yml, its script as the runner runs it
(bash, set -eo pipefail, the job's variables) against a local server that answers 503: it
opens the monitor's incident, saves the history to `statusgen-probes`, and pushes only
`incidents/` to the default branch, or, where a branch rule refuses that push, to a branch of
its own with the push options that make GitLab open a merge request that merges itself when
its pipeline succeeds. Its pushes to https://gitlab.test/... go, through git's `insteadOf`, to
a local bare repository whose hooks play GitLab's part. (Only `--allow-private` is added to
the probe's line, for the local server: test_probe.py shows the default refusing it.)"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml
from test_alert_workflow import (
    RECORD_PUSH_OPTIONS,
    gitlab_runner_environment,
    new_origin,
    run,
)

COMPONENTS = """monitors:
  failures: 1
groups:
  - name: Core
    components:
      - id: api
        name: Public API
        monitors:
          - {{type: http, url: "http://127.0.0.1:{port}/health", timeout: 1}}
"""
PROTECTED = """#!/bin/sh
while read -r old new ref; do
  if [ "$ref" = refs/heads/main ]; then
    echo "GitLab: You are not allowed to push code to protected branches on this project." >&2
    exit 1
  fi
done
"""


class Down(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(503)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def down() -> Iterator[int]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Down)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield int(server.server_address[1])
    server.shutdown()
    server.server_close()


def monitored_origin(tmp_path: Path, port: int, protected: bool) -> Path:
    """A new GitLab site whose component `api` is monitored at the local server."""
    origin = new_origin(tmp_path, "gitlab")
    clone = tmp_path / "ops"
    run("git", "clone", "-q", str(origin), str(clone), cwd=tmp_path)
    (clone / "components.yml").write_text(COMPONENTS.format(port=port))
    identity = ("-c", "user.name=Ops", "-c", "user.email=ops@globex.test")
    run("git", *identity, "commit", "-qam", "monitor the API", cwd=clone)
    run("git", "push", "-q", "origin", "HEAD:main", cwd=clone)
    run("git", "config", "receive.advertisePushOptions", "true", cwd=origin)
    for name, text in (("post-receive", RECORD_PUSH_OPTIONS), ("pre-receive", PROTECTED)):
        if name == "post-receive" or protected:
            (origin / "hooks" / name).write_text(text)
            (origin / "hooks" / name).chmod(0o755)
    return origin


def scheduled_probe(origin: Path, now: str) -> str:
    """One pipeline of the probe's schedule (STATUSGEN_PROBE=true): the runner's checkout of
    main, then the `probe` job's script; its output."""
    work = origin.parent / "pipeline"
    run("git", "clone", "-q", str(origin), str(work), cwd=origin.parent)
    run("git", "checkout", "-q", "--detach", "HEAD", cwd=work)
    job = yaml.safe_load((work / ".gitlab-ci.yml").read_text())["probe"]
    environment = gitlab_runner_environment(
        origin,
        "schedule",
        STATUSGEN_PROBE="true",
        CI_PIPELINE_ID="77",
        STATUSGEN_PROBE_TOKEN="glpat-secret",
    )
    script = "\n".join(job["script"])
    assert "statusgen probe || " in script
    script = script.replace(
        "statusgen probe || ", f"statusgen --now {now} probe --allow-private || "
    )
    return run("bash", "-c", "set -eo pipefail\n" + script, cwd=work, env=environment)


def incidents_on(origin: Path, ref: str) -> list[str]:
    files = run("git", "ls-tree", "-r", "--name-only", ref, cwd=origin).split()
    return [name for name in files if name.startswith("incidents/") and name.endswith(".md")]


def test_the_probe_job_pushes_the_monitors_incident_to_the_default_branch(
    tmp_path: Path, down: int
) -> None:
    origin = monitored_origin(tmp_path, down, protected=False)
    said = scheduled_probe(origin, "2026-11-23T12:00:00Z")
    assert "opened: incidents/2026/" in said
    [name] = incidents_on(origin, "main")
    assert "opened_by: monitor" in run("git", "show", f"main:{name}", cwd=origin)
    subject = run("git", "log", "-1", "--format=%s", "main", cwd=origin).strip()
    assert subject == "statusgen probe: incident opened or resolved by the monitor"
    changed = run("git", "show", "--name-only", "--format=", "main", cwd=origin).split()
    assert changed == [name]  # only the monitor's file
    assert "probe-history.json" in run("git", "ls-tree", "statusgen-probes", cwd=origin)
    assert not (origin / "push-options.log").exists()
    assert "glpat-secret" not in said


def test_where_the_default_branch_is_protected_a_merge_request_merges_itself(
    tmp_path: Path, down: int
) -> None:
    origin = monitored_origin(tmp_path, down, protected=True)
    before = run("git", "rev-parse", "main", cwd=origin)
    said = scheduled_probe(origin, "2026-11-23T12:00:00Z")
    assert run("git", "rev-parse", "main", cwd=origin) == before  # refused, as GitLab would
    [name] = incidents_on(origin, "statusgen-probe/77")
    assert "opened_by: monitor" in run("git", "show", f"statusgen-probe/77:{name}", cwd=origin)
    options = (origin / "push-options.log").read_text().splitlines()
    assert options[:4] == [
        "merge_request.create",
        "merge_request.target=main",
        "merge_request.merge_when_pipeline_succeeds",
        "merge_request.remove_source_branch",
    ]
    assert "probe-history.json" in run("git", "ls-tree", "statusgen-probes", cwd=origin)
    assert "glpat-secret" not in said
