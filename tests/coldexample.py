"""The example site copied and built once per run with statusgen's caches empty (they fill as
it builds; every page is made, through page shells), for the tests that compare builds with
it (test_determinism.py, test_page_shells.py) and those that go on building a copy of it
(test_finished_pages.py): each reads it, or copies it (`copy_cold`) to build on, instead of
making the same cold build again."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from sitebuild import EXAMPLE_EPOCH, REPO, mkdocs_build, shared_build

from statusgen.content.parsecache import CACHE_ENV


def copy_example(site: Path) -> Path:
    """The example site's content (mkdocs.yml, components.yml, incidents, docs) in `site`."""
    site.mkdir()
    for name in ("mkdocs.yml", "components.yml"):
        shutil.copy(REPO / name, site / name)
    for name in ("incidents", "docs"):
        shutil.copytree(REPO / name, site / name)
    return site


@dataclass(frozen=True)
class ColdExample:
    """A copy of the example (`source`, its caches as the build left them), built at
    `EXAMPLE_EPOCH` into `out` with an empty cache, and what the build logged (`-v`)."""

    source: Path
    out: Path
    log: str


def cold_example(factory: pytest.TempPathFactory, audience: str = "public") -> ColdExample:
    """The cold build for `audience` (`STATUSGEN_AUDIENCE`, set only for another audience
    than the default: a build with the variable unset keeps pages of this one, since the
    finished pages' key holds the variables mkdocs.yml names), made once per run for every
    pytest-xdist worker (`shared_build`). Read-only: copy it with `copy_cold` to build on."""

    def build(out: Path) -> subprocess.CompletedProcess[str]:
        source = out.with_name(out.name + "-src")
        shutil.rmtree(source, ignore_errors=True)  # an empty cache
        copy_example(source)
        env = {CACHE_ENV: "on"}  # whatever the run's environment says
        if audience != "public":
            env["STATUSGEN_AUDIENCE"] = audience
        result = mkdocs_build(source, out, EXAMPLE_EPOCH, env=env, verbose=True)
        out.with_name(out.name + ".log").write_text(result.stderr, encoding="utf-8")
        return result

    name = "example-cold" if audience == "public" else f"example-cold-{audience}"
    out = shared_build(factory.getbasetemp(), name, build)
    log = out.with_name(out.name + ".log").read_text(encoding="utf-8")
    return ColdExample(out.with_name(out.name + "-src"), out, log)


def copy_cold(cold: ColdExample, site: Path, out: Path) -> None:
    """The cold build's source (caches included) copied to `site` and its output to `out`, as
    if it had been built there."""
    shutil.copytree(cold.source, site, symlinks=True)
    shutil.copytree(cold.out, out, symlinks=True)
