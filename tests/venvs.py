"""Fresh virtualenvs for the tests that install statusgen as a team or CI does.

`python -m venv` spends about 3 CPU seconds in each new virtualenv unpacking and compiling the
pip and setuptools that Python bundles (ensurepip). No test here proves that bootstrap: a CI
runner's Python comes with pip. So a fresh virtualenv gets the same bundled pip wheel, put there
by the pip running the tests (`pip --python`), without compiling it (about 0.6 CPU seconds),
and no setuptools: the installs under test bring their own (requirements.lock pins it). Its
`python -m pip` is then a real pip in a real virtualenv, as in CI.

Its pip compiles nothing it installs (`PIP_COMPILE=0` in the environment, so the install lines
stay as CI and the documents show them): pip byte-compiles every module of every package it
installs (about 2 CPU seconds for requirements.lock) and ignores a module that fails to compile,
so the compile cannot fail an install and proves nothing; the commands run afterwards compile
what they import, as anywhere.

Only the standard library: the release workflow runs tests/integration/test_release.py, which
uses this module, with pytest alone installed.
"""

from __future__ import annotations

import ensurepip
import os
import shutil
import subprocess
import sys
from pathlib import Path

#: The first install line of every workflow and of a new site's CI files and README.
LOCK_LINE = "python -m pip install --require-hashes -r requirements.lock"
#: A virtualenv in which `LOCK_LINE` ran in this run of the tests (tests/lockvenv.py), with the
#: requirements it installed in its `requirements.lock`, for a run of tests that test_gitops.py
#: starts (release.yml runs tests/integration/test_release.py).
LOCK_VENV = "STATUSGEN_TEST_LOCK_VENV"
#: Where a virtualenv keeps its packages, below its folder.
SITE_PACKAGES = Path("lib") / f"python{sys.version_info[0]}.{sys.version_info[1]}" / "site-packages"


def bundled_pip() -> Path | None:
    """The pip wheel this Python bundles for `python -m venv`, if it has one (a Linux
    distribution's Python may keep it elsewhere)."""
    found = sorted((Path(ensurepip.__file__).parent / "_bundled").glob("pip-*.whl"))
    return found[-1] if found else None


#: pip's environment for the tests' installs: no byte-compiling (the module's docstring). (pip
#: reads PIP_COMPILE=0 as `--no-compile`; PIP_NO_COMPILE=1 would turn compiling on.)
NO_COMPILE = {"PIP_COMPILE": "0"}


def fresh_venv(folder: Path) -> dict[str, str]:
    """A new virtualenv of the Python running the tests, with pip, and the environment that
    runs commands in it: its bin/ first on PATH, VIRTUAL_ENV, no PYTHONPYCACHEPREFIX (an
    empty value is none): what it compiles stays in the virtualenv and goes with it, not into
    `make suite`'s .venv/pycache (about 40 MB for each run of the files that use this); and
    `NO_COMPILE` for its pip."""
    wheel = bundled_pip()
    create = [sys.executable, "-m", "venv", str(folder)]
    steps = [create]
    if wheel is not None:
        install = [sys.executable, "-m", "pip", "--python", str(folder / "bin" / "python")]
        install += ["install", "--quiet", "--no-compile", "--no-deps", "--no-index", str(wheel)]
        steps = [[*create, "--without-pip"], install]
    for step in steps:
        done = subprocess.run(step, capture_output=True, text=True)
        assert done.returncode == 0, f"{step}\n{done.stdout}\n{done.stderr}"
    return venv_environment(folder)


def venv_environment(folder: Path) -> dict[str, str]:
    """The environment that runs commands in the virtualenv `folder` (`fresh_venv`'s)."""
    bin_first = f"{folder / 'bin'}:/usr/bin:/bin"
    return {"PATH": bin_first, "VIRTUAL_ENV": str(folder), "PYTHONPYCACHEPREFIX": "", **NO_COMPILE}


def requirements(lock: Path) -> str:
    """A lock's requirements, its comments left out: what pip reads of it."""
    lines = lock.read_text().splitlines()
    return "\n".join(line for line in lines if line.strip() and not line.startswith("#"))


def copy_venv(source: Path, folder: Path) -> None:
    """A new virtualenv at `folder` with `source`'s installed packages and scripts: its
    site-packages hard-linked (pip never writes an installed file in place; new files, such
    as compiled modules, go into the copy's own folders), and each script pip wrote into
    `source`'s bin/ written into the copy's with the copy's Python, as pip writes it."""
    create = [sys.executable, "-m", "venv", "--without-pip", str(folder)]
    done = subprocess.run(create, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    for parent, _, files in os.walk(source / SITE_PACKAGES):
        target = folder / SITE_PACKAGES / Path(parent).relative_to(source / SITE_PACKAGES)
        target.mkdir(exist_ok=True)
        for name in files:
            try:
                os.link(Path(parent, name), target / name)
            except OSError:  # another file system (a --basetemp elsewhere): a copy then
                shutil.copy2(Path(parent, name), target / name)
    shebang = f"#!{source / 'bin' / 'python'}\n".encode()
    for script in sorted((source / "bin").iterdir()):
        copy = folder / "bin" / script.name
        if copy.exists() or copy.is_symlink():  # the virtualenv's own: python, activate
            continue
        text = script.read_bytes()
        assert text.startswith(shebang), script
        copy.write_bytes(f"#!{folder / 'bin' / 'python'}\n".encode() + text[len(shebang) :])
        copy.chmod(script.stat().st_mode)
