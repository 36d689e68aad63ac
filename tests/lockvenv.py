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
import sys
from pathlib import Path

from clocks import installs_on_real_clock
from sitebuild import shared_build
from venvs import fresh_venv, venv_environment

#: The first install line of every workflow and of a new site's CI files and README.
LOCK_LINE = "python -m pip install --require-hashes -r requirements.lock"
#: Where a virtualenv keeps its packages, below its folder.
SITE_PACKAGES = Path("lib") / f"python{sys.version_info[0]}.{sys.version_info[1]}" / "site-packages"


def requirements(lock: Path) -> str:
    """A lock's requirements, its comments left out: what pip reads of it."""
    lines = lock.read_text().splitlines()
    return "\n".join(line for line in lines if line.strip() and not line.startswith("#"))


def with_lock(folder: Path, lock: Path, basetemp: Path) -> dict[str, str]:
    """A virtualenv at `folder` holding what `LOCK_LINE` installs from `lock` (run once per
    run, in `lock`'s folder, on the real clock), and the environment that runs commands in it
    (`venvs.venv_environment`)."""
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
    return venv_environment(folder)


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
            os.link(Path(parent, name), target / name)
    shebang = f"#!{source / 'bin' / 'python'}\n".encode()
    for script in sorted((source / "bin").iterdir()):
        copy = folder / "bin" / script.name
        if copy.exists() or copy.is_symlink():  # the virtualenv's own: python, activate
            continue
        text = script.read_bytes()
        assert text.startswith(shebang), script
        copy.write_bytes(f"#!{folder / 'bin' / 'python'}\n".encode() + text[len(shebang) :])
        copy.chmod(script.stat().st_mode)
