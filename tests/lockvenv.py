"""requirements.lock installed once per run, for every virtualenv that needs it.

The workflows (test_gitops.py's clean clone) and a new site (test_init_install.py) install
statusgen in two lines: `LOCK_LINE`, the same packages with the same hashes in both
(statusgen's requirements.lock and the site's hold the same requirements, asserted here, only
their comments differ), then statusgen itself, each its own way (`-e .`, a git commit). The
first line runs once per run, as written, in a fresh virtualenv (`venvs.fresh_venv`) for every
pytest-xdist worker (`sitebuild.shared_build`): about 8 CPU s. Each virtualenv that needs it
is then a copy of that one (`copy_venv`: a new virtualenv, the installed files linked, pip's
scripts written again for its Python), which runs its own second line for real.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path

from clocks import installs_on_real_clock
from sitebuild import shared_build
from venvs import LOCK_LINE, LOCK_VENV, copy_venv, fresh_venv, requirements, venv_environment


def with_lock(folder: Path, lock: Path, basetemp: Path) -> dict[str, str]:
    """A virtualenv at `folder` holding what `LOCK_LINE` installs from `lock` (run once per
    run, in `lock`'s folder, on the real clock), and the environment that runs commands in it
    (`venvs.venv_environment`), with `LOCK_VENV` naming the virtualenv it copied."""
    text = requirements(lock)
    digest = hashlib.sha256(text.encode()).hexdigest()[:16]

    def install(dest: Path) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, **fresh_venv(dest)}
        env.pop("PYTHONPATH", None)
        (dest / "requirements.lock").write_text(text)  # what it installed, for the copies
        command = ["bash", "-c", installs_on_real_clock(LOCK_LINE)]
        return subprocess.run(command, cwd=lock.parent, env=env, capture_output=True, text=True)

    source = shared_build(basetemp, f"lock-venv-{digest}", install)
    assert (source / "requirements.lock").read_text() == text
    copy_venv(source, folder)
    return {**venv_environment(folder), LOCK_VENV: str(source)}
