"""How a new site's CI installs statusgen: the line `statusgen init` writes to requirements.txt.

It is read from how the statusgen running `init` was installed (PEP 610's `direct_url.json` of
the installed distribution): from a git repository, the same repository at the same commit;
from an index (no `direct_url.json`), the same version; from a local folder or file, which a
CI runner cannot reach, the version, with a warning saying what to write instead.
`--statusgen-requirement` sets the line outright.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import metadata

from statusgen.cli.arguments import UsageError

NAME = "statusgen"
#: The name, then a version specifier, a URL (`@`), extras, a marker, or nothing (PEP 508).
FOR_STATUSGEN = re.compile(r"statusgen\s*(?:[=<>~!@\[;]|$)", re.I)


@dataclass(frozen=True)
class InstallLine:
    """The requirement line, and a warning when CI cannot install it as it is."""

    line: str
    warning: str | None = None


def install_line(given: str | None) -> InstallLine:
    """`--statusgen-requirement` when given (checked), else what the running install says."""
    if given is not None:
        return InstallLine(checked(given))
    try:
        distribution = metadata.distribution(NAME)
    except metadata.PackageNotFoundError:  # run from a source tree without installing it
        from statusgen import __version__

        return unreachable(f"{NAME}=={__version__}", "a source tree that is not installed")
    return from_direct_url(distribution.read_text("direct_url.json"), distribution.version)


def checked(line: str) -> str:
    """A requirement for statusgen itself, or a UsageError saying what is expected."""
    if "\n" in line or not FOR_STATUSGEN.match(line.strip()):
        raise UsageError(
            f"--statusgen-requirement {line!r}: expected a requirement for statusgen, e.g. "
            "'statusgen==1.2.0' or 'statusgen @ git+https://github.com/OWNER/statusgen@COMMIT'"
        )
    return line.strip()


def from_direct_url(text: str | None, version: str) -> InstallLine:
    """The line for an install described by `direct_url.json` (None: from an index)."""
    pinned = f"{NAME}=={version}"
    if not text:
        return InstallLine(pinned)
    try:
        info = json.loads(text)
    except ValueError:
        info = None
    if not isinstance(info, dict):  # a broken record: say so rather than guess
        return unreachable(pinned, "an install whose direct_url.json cannot be read")
    url = str(info.get("url", ""))
    vcs = info.get("vcs_info")
    if isinstance(vcs, dict) and vcs.get("commit_id") and not url.startswith("file:"):
        return InstallLine(f"{NAME} @ {vcs.get('vcs', 'git')}+{url}@{vcs['commit_id']}")
    archive = info.get("archive_info")
    if isinstance(archive, dict) and url.startswith(("https://", "http://")):
        hashes = archive.get("hashes")
        sha256 = hashes.get("sha256") if isinstance(hashes, dict) else None
        fragment = f"#sha256={sha256}" if isinstance(sha256, str) else ""
        return InstallLine(f"{NAME} @ {url}{fragment}")
    return unreachable(pinned, url or "a local path")


def unreachable(pinned: str, source: str) -> InstallLine:
    """The version pin, with the warning that CI cannot install statusgen as it was here."""
    return InstallLine(
        pinned,
        f"statusgen was installed from {source}, which CI cannot reach; "
        f"requirements.txt says {pinned!r}, which pip finds only if that version is on your "
        "package index. Write there how CI installs statusgen, e.g. 'statusgen @ "
        "git+https://github.com/OWNER/statusgen@COMMIT' (or run init again with "
        "--statusgen-requirement). The site's README.md says more.",
    )
