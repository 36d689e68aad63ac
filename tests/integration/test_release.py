"""A release, as a team gets it: statusgen's wheel, alone in a fresh virtualenv.

The wheel is built here with `python -m build` (or taken from STATUSGEN_DIST: the release
workflow runs this file on the files it is about to publish). A folder holding only that wheel
stands for the package index (`--find-links`): pip takes statusgen from it and its
dependencies from the real index. `statusgen init` then pins the release with its wheel's hash
in the new site's requirements.lock, and the site installs as its own workflow does (`pip
install --require-hashes`) and builds strictly. No network beyond the package index.

Only the standard library and pytest here: the release workflow runs this file with nothing
else installed.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest
from clocks import installs_on_real_clock
from venvs import LOCK_VENV, copy_venv, fresh_venv, requirements, venv_environment

REPO = Path(__file__).resolve().parents[2]
#: About 28 CPU seconds alone: the build, two fresh virtualenvs and their installs.
pytestmark = pytest.mark.long(seconds=5)
VERSION = re.search(
    r'^__version__ = "(.+)"$', (REPO / "statusgen" / "__init__.py").read_text(), re.M
)[1]  # type: ignore[index]
INIT = "statusgen init site --no-input --url https://status.initech.test/ --name 'Initech Status'"


def sh(script: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Lines of bash in a clean environment (no STATUSGEN_REQUIREMENT, no virtualenv of the
    tests), those that install from the package index on the real clock (tests/clocks.py)."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("STATUSGEN_REQUIREMENT", "VIRTUAL_ENV", "PYTHONPATH", "SOURCE_DATE_EPOCH")
    }
    environment["NO_MKDOCS_2_WARNING"] = "1"
    environment.update(env)
    lines = "\n".join(map(installs_on_real_clock, script.splitlines()))
    return subprocess.run(
        ["bash", "-c", "set -euo pipefail\n" + lines],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
    )


def ok(result: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert result.returncode == 0, (
        f"{result.args}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    )
    return result


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sdist and the wheel: STATUSGEN_DIST's, or built now from this checkout."""
    if given := os.environ.get("STATUSGEN_DIST"):
        return Path(given).resolve()
    out = tmp_path_factory.mktemp("dist")
    # (It installs the build backend from the package index: on the real clock.)
    ok(sh(f"{sys.executable} -m build --outdir {out} {REPO}", REPO, {"FAKETIME": "+0"}))
    return out


@pytest.fixture(scope="module")
def wheel(dist: Path) -> Path:
    (found,) = dist.glob("statusgen-*.whl")
    return found


@pytest.fixture(scope="module")
def index(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The package index's statusgen: a --find-links folder with the wheel alone."""
    folder = tmp_path_factory.mktemp("index")
    shutil.copy(wheel, folder)
    return folder


@pytest.fixture(scope="module")
def team(index: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A team's machine: the release installed from the index, as README.md says."""
    env = fresh_venv(tmp_path_factory.mktemp("team") / "venv")
    # README.md's line, from the folder (its pip compiles nothing: tests/venvs.py).
    install = f"python -m pip install --quiet --find-links {index} statusgen=={VERSION}"
    ok(sh(install, index, env))
    return env


def git_files(under: str) -> set[str]:
    listed = subprocess.run(
        ["git", "ls-files", under], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.split()
    return {name for name in listed if (REPO / name).is_file()}


def test_the_wheel_holds_every_file_of_the_package_and_its_metadata(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        meta = Parser().parsestr(archive.read(f"statusgen-{VERSION}.dist-info/METADATA").decode())
    assert wheel.name == f"statusgen-{VERSION}-py3-none-any.whl"
    missing = git_files("statusgen") - names
    assert not missing, f"not in the wheel: {sorted(missing)[:10]}"
    for data in (  # package data that is no Python module: templates, locales, schemas, scaffold
        "statusgen/py.typed",
        "statusgen/render/locales/en.yml",
        "statusgen/scaffold/site/requirements.lock",
        "statusgen/scaffold/site/github/workflows/check.yml",
        "statusgen/scaffold/gitlab-ci.yml",
    ):
        assert data in names
    assert any(n.startswith("statusgen/render/templates/") for n in names)
    assert any(n.startswith("statusgen/schemas/") and n.endswith(".json") for n in names)
    assert not any(n.startswith(("tests/", "docs/", "benchmarks/")) for n in names)
    assert meta["Name"] == "statusgen" and meta["Version"] == VERSION
    assert meta["License-Expression"] == "MIT" and meta["License-File"] == "LICENSE"
    assert f"statusgen-{VERSION}.dist-info/licenses/LICENSE" in names
    assert meta["Requires-Python"] == ">=3.11"
    assert meta["Description-Content-Type"] == "text/markdown"
    assert "# statusgen" in meta.get_payload()  # README.md, PyPI's project page
    assert "Framework :: MkDocs" in meta.get_all("Classifier")
    assert any(r.startswith("packaging") for r in meta.get_all("Requires-Dist"))


def test_the_sdist_holds_the_package_and_what_builds_it(dist: Path) -> None:
    import tarfile

    (sdist,) = dist.glob("statusgen-*.tar.gz")
    assert sdist.name == f"statusgen-{VERSION}.tar.gz"
    with tarfile.open(sdist) as archive:
        names = {name.removeprefix(f"statusgen-{VERSION}/") for name in archive.getnames()}
    assert {"pyproject.toml", "README.md", "LICENSE", "PKG-INFO"} <= names
    missing = git_files("statusgen") - names
    assert not missing, f"not in the sdist: {sorted(missing)[:10]}"


def test_init_pins_the_release_by_hash_and_the_new_site_installs_it_as_ci_does(
    index: Path, wheel: Path, team: dict[str, str], tmp_path: Path
) -> None:
    record = ok(
        sh(
            'python -c "from importlib.metadata import distribution as d; '
            "print(d('statusgen').read_text('direct_url.json'))\"",
            tmp_path,
            team,
        )
    )
    assert record.stdout.strip() == "None"  # from an index: pip records no direct URL
    # init finds the release where pip finds packages: here the --find-links folder alone.
    index_only = {**team, "PIP_FIND_LINKS": str(index), "PIP_NO_INDEX": "1"}
    made = ok(sh(INIT, tmp_path, index_only))
    assert f"requirements.txt and .lock install statusgen=={VERSION}, hash-checked" in made.stdout
    site = tmp_path / "site"
    sha256 = hashlib.sha256(wheel.read_bytes()).hexdigest()
    lock = (site / "requirements.lock").read_text()
    assert lock.endswith(f"statusgen=={VERSION} \\\n    --hash=sha256:{sha256}\n")
    requirements = (site / "requirements.txt").read_text().splitlines()
    assert [line for line in requirements if not line.startswith("#")] == [
        f"statusgen=={VERSION} \\",
        f"    --hash=sha256:{sha256}",
    ]

    # The site's CI: a fresh virtualenv, its workflow's install step as written, statusgen
    # from the index (the folder) and checked against the lock's hash, then a strict build.
    workflow = (site / ".github" / "workflows" / "check.yml").read_text()
    (step,) = re.findall(r"^\s+run: (python -m pip install --require-hashes .*)$", workflow, re.M)
    ci = {**ci_venv(tmp_path / "ci", site), "PIP_FIND_LINKS": str(index)}
    ok(sh(step.replace(" && ", "\n"), site, ci))
    where = ok(sh('python -c "import statusgen; print(statusgen.__file__)"', site, ci))
    assert where.stdout.startswith(str(tmp_path / "ci")), where.stdout
    ok(sh("statusgen check\nmkdocs build --strict --site-dir site", site, ci))
    assert "Initech Status" in (site / "site" / "index.html").read_text()


def ci_venv(folder: Path, site: Path) -> dict[str, str]:
    """A fresh virtualenv for the site's CI install, and the environment that runs commands in
    it. In a run of the tests that gives one (`LOCK_VENV`: test_gitops.py's run of release.yml;
    that run of the tests ran `LOCK_LINE` once on statusgen's requirements.lock:
    tests/lockvenv.py), a copy of that virtualenv, when the site's lock holds the same
    requirements and then statusgen's: the site's install lines, run as written, then
    install statusgen alone, by its hash (about 8 CPU s less)."""
    given = os.environ.get(LOCK_VENV)
    ours = requirements(site / "requirements.lock")
    if given and ours.startswith((Path(given) / "requirements.lock").read_text() + "\n"):
        copy_venv(Path(given), folder)
        return venv_environment(folder)
    return fresh_venv(folder)


def test_init_refuses_a_release_whose_wheel_is_not_the_installed_one(
    wheel: Path, team: dict[str, str], tmp_path: Path
) -> None:
    """Someone else's statusgen under the same name and version on the index (the name is
    free on PyPI until registered): its hash is not pinned, init stops."""
    other = tmp_path / "other"
    other.mkdir()
    with zipfile.ZipFile(wheel) as source, zipfile.ZipFile(other / wheel.name, "w") as copy:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "statusgen/__init__.py":
                data += b"import os  # anything at all\n"
            copy.writestr(item, data)
    env = {**team, "PIP_FIND_LINKS": str(other), "PIP_NO_INDEX": "1"}
    refused = sh(INIT, tmp_path, env)
    assert refused.returncode == 2, refused.stderr
    assert f"statusgen {VERSION} is not the one installed here" in refused.stderr
    assert "statusgen/__init__.py differs" in refused.stderr
    assert not (tmp_path / "site").exists()


def test_init_refuses_a_release_the_index_does_not_have(
    team: dict[str, str], tmp_path: Path
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    env = {**team, "PIP_FIND_LINKS": str(empty), "PIP_NO_INDEX": "1"}
    refused = sh(INIT, tmp_path, env)
    assert refused.returncode == 2
    assert f"cannot find the hashes of statusgen {VERSION}" in refused.stderr
    assert "install a release of statusgen" in refused.stderr  # the two ways out
    assert "--statusgen-requirement" in refused.stderr
    assert not (tmp_path / "site").exists()


def test_the_readme_installs_this_version_and_tags_it() -> None:
    readme = (REPO / "README.md").read_text()
    assert f"python -m pip install statusgen=={VERSION}\n" in readme
    assert 'pip install "statusgen @ git+https://github.com/statusgen/statusgen@COMMIT"' in readme
    assert f"git tag v{VERSION} && git push origin v{VERSION}" in readme


def test_the_release_workflow_publishes_a_tag_with_trusted_publishing_only() -> None:
    import yaml  # PyYAML: a dependency of statusgen, in requirements.lock

    text = (REPO / ".github" / "workflows" / "release.yml").read_text()
    workflow = yaml.safe_load(text)
    assert workflow[True] == {"push": {"tags": ["v*"]}}  # YAML 1.1 reads `on:` as True
    assert workflow["permissions"] == {}
    jobs = workflow["jobs"]
    assert jobs["build"]["permissions"] == jobs["check"]["permissions"] == {"contents": "read"}
    publish = jobs["publish"]
    assert publish["needs"] == ["build", "check"]
    assert publish["permissions"] == {"id-token": "write"}
    assert publish["environment"]["name"] == "pypi"
    (step,) = [s for s in publish["steps"] if "pypi-publish" in s.get("uses", "")]
    assert re.fullmatch(r"pypa/gh-action-pypi-publish@[0-9a-f]{40}", step["uses"])
    assert step["with"] == {"packages-dir": "dist/", "attestations": True}  # no password
    assert "secrets." not in text
    check = " ".join(s.get("run", "") for s in jobs["check"]["steps"])
    assert "tests/integration/test_release.py" in check
