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
import subprocess
import sys
from pathlib import Path


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
