"""How a new site's CI installs statusgen: what `statusgen init` writes into requirements.txt
and, for a release, at the end of requirements.lock too, with its wheel's hash in both.

A requirement CI can install and verify, or none at all. Read from how the statusgen running
`init` was installed (PEP 610's `direct_url.json` of the installed distribution):

- from a package index (no `direct_url.json`): that version, with the hashes of its wheel on
  the index as pip finds it (`pip download`), the wheel first compared file by file with what
  is installed here, so a different package under the same name and version is refused;
- from a git URL (`pip install git+https://…@COMMIT`): the same repository at the same commit;
- from a folder that is a git checkout (`pip install .`): the checkout's remote (as https) at
  its commit, if the checkout is clean, a remote branch holds the commit and the installed
  files are the checkout's;
- from an https archive with its sha256: the same URL and hash.

Anything else (a folder that is not a clean, pushed checkout; a local file; a source tree that
is not installed) is refused with the two ways out: install a release, or say how CI installs
statusgen with `--statusgen-requirement` (or the environment variable `STATUSGEN_REQUIREMENT`),
a single PEP 508 requirement for statusgen that pins it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlsplit

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

from statusgen.cli.arguments import UsageError
from statusgen.problems import printable

NAME = "statusgen"
OPTION = "--statusgen-requirement"
#: The environment variable that stands for OPTION when it is not given.
ENVIRONMENT = "STATUSGEN_REQUIREMENT"
WAYS_OUT = (
    "either install a release of statusgen (python -m pip install statusgen==VERSION, from "
    f"your package index) and run init again, or pass {OPTION} (or set {ENVIRONMENT}) with "
    "how CI installs statusgen, e.g. "
    "'statusgen @ git+https://github.com/OWNER/statusgen@COMMIT'"
)
#: A full git commit id: a branch or tag name can move.
COMMIT = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")
#: What pip reads in a requirements file beyond the requirement: an option (`-e`, `--hash`,
#: `-r`), a comment, `${VARIABLE}` expansion, a trailing `\` joining the next line.
PIP_SYNTAX = (
    (re.compile(r"(^|\s)-"), "a pip option (-e, -r, --hash, ...)"),
    (re.compile(r"(^|\s)#"), "a comment"),
    (re.compile(r"\$\{"), "a ${VARIABLE}, which pip expands"),
    (re.compile(r"\\\s*$"), "a trailing backslash, which joins the next line"),
)


@dataclass(frozen=True)
class InstallLine:
    """How CI installs statusgen: a requirement, and for a release the sha256 hashes of its
    files on the package index."""

    line: str
    hashes: tuple[str, ...] = ()

    @property
    def pinned(self) -> str:
        """The requirement as a requirements file holds it, with its hashes (pip then checks
        them: a file with a hash is installed in pip's hash-checking mode)."""
        return "".join([self.line, *(f" \\\n    --hash=sha256:{h}" for h in self.hashes)])


class Refused(UsageError):
    """init cannot tell how CI would install statusgen."""


def refuse(source: str) -> Refused:
    """The refusal, naming where statusgen came from (shown printable: it is read from files)
    and the two ways out."""
    return Refused(
        "cannot tell how CI would install statusgen: it was installed from "
        f"{printable(source)}; {WAYS_OUT}"
    )


def install_line(given: str | None, environ: Mapping[str, str] = os.environ) -> InstallLine:
    """OPTION (else ENVIRONMENT) when given, checked; else what the running install says."""
    origin = OPTION
    if given is None and environ.get(ENVIRONMENT) is not None:
        given, origin = environ[ENVIRONMENT], ENVIRONMENT
    if given is not None:
        requirement = checked(given, origin)
        if requirement.url is None:  # an exact version: its hashes from the index
            return released(exact_version(requirement), None)
        return InstallLine(given.strip())
    try:
        distribution = metadata.distribution(NAME)
    except metadata.PackageNotFoundError:
        raise refuse("a source tree that is not installed") from None
    return from_installed(distribution)


def checked(text: str, origin: str = OPTION) -> Requirement:
    """One PEP 508 requirement for statusgen that pins it, or a UsageError saying what is
    expected: an exact version, a git URL at a commit, or an archive URL with its sha256."""

    def wrong(expected: str) -> UsageError:
        return UsageError(f"{origin} {printable(text)!r}: {expected}")

    example = (
        "e.g. 'statusgen==1.2.0' or 'statusgen @ git+https://github.com/OWNER/statusgen@COMMIT'"
    )
    if not text.isprintable():
        raise wrong("expected one line: it holds a line break or another control character")
    for pattern, what in PIP_SYNTAX:
        if pattern.search(text):
            raise wrong(f"expected one requirement and nothing else, not {what}; {example}")
    try:
        requirement = Requirement(text)
    except InvalidRequirement as error:
        raise wrong(f"expected one requirement (PEP 508), {example}: {error}") from None
    if canonicalize_name(requirement.name) != NAME:
        raise wrong(f"expected a requirement for statusgen, not {requirement.name}; {example}")
    if requirement.marker is not None:
        raise wrong("expected no environment marker (after ;): it can make pip skip statusgen")
    if requirement.url is None:
        exact_version(requirement, wrong)
    elif not pinned_url(requirement.url):
        raise wrong(
            "expected a URL that pins what CI installs: git+…@COMMIT (the full commit id) or "
            "an archive with #sha256=…"
        )
    return requirement


def exact_version(
    requirement: Requirement, wrong: Callable[[str], UsageError] | None = None
) -> str:
    """The version of `statusgen==VERSION`; anything else is refused."""
    specifiers = list(requirement.specifier)
    if len(specifiers) == 1 and specifiers[0].operator == "==" and "*" not in specifiers[0].version:
        return specifiers[0].version
    message = "expected an exact version (statusgen==1.2.0) or a URL: a range lets pip pick"
    raise (wrong or UsageError)(message)


def pinned_url(url: str) -> bool:
    """A git URL at a full commit id, or an archive URL with its sha256."""
    parts = urlsplit(url)
    if parts.scheme.startswith("git+"):
        return bool(COMMIT.fullmatch(parts.path.rpartition("@")[2]))
    return bool(re.fullmatch(r"sha256=[0-9a-f]{64}", parts.fragment))


def from_installed(distribution: metadata.Distribution) -> InstallLine:
    """The line for the installed `distribution`, as its `direct_url.json` describes it."""
    text = distribution.read_text("direct_url.json")
    if not text:  # installed from an index
        return released(distribution.version, distribution)
    try:
        info = json.loads(text)
    except ValueError:
        info = None
    if not isinstance(info, dict):
        raise refuse("an install whose direct_url.json cannot be read")
    url = str(info.get("url", ""))
    vcs, archive = info.get("vcs_info"), info.get("archive_info")
    if isinstance(vcs, dict):
        commit = str(vcs.get("commit_id", ""))
        if vcs.get("vcs") == "git" and url.startswith("https://") and COMMIT.fullmatch(commit):
            return readable(f"{NAME} @ git+{url}@{commit}")
        raise refuse(f"{url} at {commit or 'no commit'}, a repository CI cannot reach")
    if isinstance(archive, dict):
        hashes = archive.get("hashes")
        sha256 = hashes.get("sha256") if isinstance(hashes, dict) else None
        if url.startswith("https://") and isinstance(sha256, str):
            return readable(f"{NAME} @ {url}#sha256={sha256}")
        raise refuse(f"{url}, an archive CI cannot reach or verify")
    if url.startswith("file:"):
        return from_checkout(Path(unquote(urlsplit(url).path)), distribution)
    raise refuse(url or "an unknown place")


def from_checkout(folder: Path, distribution: metadata.Distribution) -> InstallLine:
    """`statusgen @ git+https://…@COMMIT` for a clean checkout whose commit a remote holds."""

    def git(*args: str) -> str | None:
        try:
            result = subprocess.run(
                ["git", "-C", str(folder), *args], capture_output=True, text=True, check=False
            )
        except OSError:
            return None
        return result.stdout.strip() if result.returncode == 0 else None

    top = git("rev-parse", "--show-toplevel")
    commit = git("rev-parse", "HEAD")
    if top is None or commit is None:
        raise refuse(f"{folder}, a folder that is not a git checkout")
    if git("status", "--porcelain", "--untracked-files=no"):
        raise refuse(f"{folder}, a checkout with uncommitted changes (not commit {commit})")
    held = git("for-each-ref", "--contains", "HEAD", "--format=%(refname)", "refs/remotes") or ""
    remotes = (git("remote") or "").split()
    holders = [
        r for r in remotes if any(ref.startswith(f"refs/remotes/{r}/") for ref in held.split())
    ]
    if not holders:
        raise refuse(f"{folder} at commit {commit}, which no remote branch holds (push it)")
    remote_url = git("remote", "get-url", holders[0]) or ""
    url = web_url(remote_url)
    if url is None:
        raise refuse(f"{folder}, whose remote {remote_url} CI cannot reach by https")
    if changed := differing(distribution, lambda name: read_file(folder / name)):
        raise refuse(f"{folder}, whose files are not the installed ones ({changed[0]} differs)")
    subdirectory = Path(folder).resolve().relative_to(Path(top).resolve()).as_posix()
    where = f"#subdirectory={subdirectory}" if subdirectory != "." else ""
    return readable(f"{NAME} @ git+{url}@{commit}{where}")


def readable(line: str) -> InstallLine:
    """A line made from an install record or a git remote, if it passes the check a given
    requirement passes (a URL with a space or a `#` would not reach pip as written)."""
    try:
        checked(line, "the requirement")
    except UsageError as error:
        raise refuse(f"a place this requirement cannot name: {error}") from None
    return InstallLine(line)


def web_url(remote: str) -> str | None:
    """The https URL of a git remote (`https://`, `ssh://` or scp-like `git@host:path`), with
    no user name or password in it; None for a local path or another scheme."""
    scp = re.fullmatch(r"(?:[^@/:]+@)?([^/:]+):(?!//)(.+)", remote)
    if scp:
        host, path = scp.groups()
    else:
        parts = urlsplit(remote)
        if parts.scheme not in ("https", "ssh") or not parts.hostname:
            return None
        host, path = parts.hostname, parts.path
    path = path.lstrip("/")
    return f"https://{host}/{path}" if path and re.fullmatch(r"[\w.-]+", host) else None


def released(version: str, distribution: metadata.Distribution | None) -> InstallLine:
    """`statusgen==VERSION`, and its wheel's hash as the package index has it. With the
    installed `distribution`, the wheel must hold the installed files."""
    with tempfile.TemporaryDirectory() as folder:
        wheel = download(version, Path(folder))
        if distribution is not None and distribution.version == version:
            with zipfile.ZipFile(wheel) as archive:
                names = set(archive.namelist())
                changed = differing(
                    distribution, lambda name: archive.read(name) if name in names else None
                )
            if changed:
                raise refuse(
                    f"a package index whose statusgen {version} is not the one installed here "
                    f"({changed[0]} differs)"
                )
        sha256 = hashlib.sha256(wheel.read_bytes()).hexdigest()
    return InstallLine(f"{NAME}=={version}", (sha256,))


def download(version: str, folder: Path) -> Path:
    """The wheel of statusgen VERSION that pip finds on its package index (pip's own
    configuration: index URL, find-links, certificates)."""
    command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps"]
    command += ["--only-binary=:all:", "--dest", str(folder), f"{NAME}=={version}"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    wheels = sorted(folder.glob("*.whl"))
    if result.returncode != 0 or len(wheels) != 1:
        said = (result.stderr.strip().splitlines() or ["no wheel"])[-1]
        raise Refused(
            f"cannot find the hashes of statusgen {version}: `pip download` of its wheel from "
            f"your package index failed ({printable(said)}); {WAYS_OUT}"
        )
    return wheels[0]


def read_file(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def differing(
    distribution: metadata.Distribution, read: Callable[[str], bytes | None]
) -> list[str]:
    """The installed files of the package (its RECORD, `.dist-info` aside) whose content
    `read` gives differently or not at all. An editable install records none of them."""
    changed = []
    for file in distribution.files or ():
        name = file.as_posix()
        if file.hash is None or file.hash.mode != "sha256" or not name.startswith(f"{NAME}/"):
            continue
        if "/__pycache__/" in name:
            continue
        data = read(name)
        if data is None or record_hash(data) != file.hash.value:
            changed.append(name)
    return changed


def record_hash(data: bytes) -> str:
    """A file's hash as RECORD writes it (urlsafe base64 of the sha256, no padding)."""
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
