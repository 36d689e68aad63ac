"""What `statusgen init` writes for CI to install statusgen (statusgen/cli/requirement.py):
`--statusgen-requirement` checked as one PEP 508 requirement that pins statusgen, and the line
read from an install record (PEP 610's direct_url.json, in a real dist-info folder)."""

from __future__ import annotations

import json
from importlib.metadata import PathDistribution
from pathlib import Path

import pytest

from statusgen.cli import main
from statusgen.cli.requirement import (
    ENVIRONMENT,
    Refused,
    checked,
    from_installed,
    install_line,
    web_url,
)

COMMIT = "0123456789abcdef0123456789abcdef01234567"
SHA256 = "ab" * 32
SCAFFOLD = Path(__file__).resolve().parents[2] / "statusgen" / "scaffold" / "site"
INIT = ["init", "--no-input", "--url", "https://status.test/"]


@pytest.fixture(autouse=True)
def no_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """tests/conftest.py sets STATUSGEN_REQUIREMENT for the other tests; not here."""
    monkeypatch.delenv(ENVIRONMENT, raising=False)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (f"statusgen==1.0 --hash=sha256:{SHA256}", "not a pip option"),
        (f"-e git+https://github.com/o/statusgen@{COMMIT}#egg=statusgen", "not a pip option"),
        ("--index-url https://evil.test/simple", "not a pip option"),
        ("-r other.txt", "not a pip option"),
        ("statusgen==1.0\nevil==2.0", "expected one line"),
        ("statusgen==1.0\revil==2.0", "expected one line"),
        ("statusgen==1.0\u2028evil==2.0", "expected one line"),  # pip splits lines there too
        ("statusgen==1.0 # the release", "not a comment"),
        (f"statusgen @ git+https://${{TOKEN}}@github.com/o/statusgen@{COMMIT}", "${VARIABLE}"),
        ("statusgen==1.0 \\", "trailing backslash"),
        ("requests==2.0", "expected a requirement for statusgen, not requests"),
        ("statusgenx==1.0", "expected a requirement for statusgen, not statusgenx"),
        ("statusgen==1.0, evil", "expected one requirement (PEP 508)"),
        ("statusgen==1.0 evil==2.0", "expected one requirement (PEP 508)"),
        ("statusgen==1.0; python_version < '3'", "expected no environment marker"),
        ("statusgen>=1.0", "expected an exact version"),
        ("statusgen", "expected an exact version"),
        ("statusgen==1.*", "expected an exact version"),
        ("statusgen @ git+https://github.com/o/statusgen@main", "a URL that pins"),
        ("statusgen @ git+https://github.com/o/statusgen", "a URL that pins"),
        ("statusgen @ https://x.test/statusgen-1.0-py3-none-any.whl", "a URL that pins"),
    ],
)
def test_a_requirement_ci_cannot_install_and_verify_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], given: str, expected: str
) -> None:
    assert main([*INIT[:1], str(tmp_path), *INIT[1:], "--statusgen-requirement", given]) == 2
    error = capsys.readouterr().err
    assert "--statusgen-requirement" in error and expected in error, error
    assert "\n" not in error.strip() and "\r" not in error  # shown escaped, on one line
    assert not any(tmp_path.iterdir())  # nothing written


def test_the_environment_variable_is_checked_the_same_way(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENVIRONMENT, "-e .")
    assert main([*INIT[:1], str(tmp_path), *INIT[1:]]) == 2
    assert f"{ENVIRONMENT} '-e .': expected one requirement and nothing else" in (
        capsys.readouterr().err
    )


@pytest.mark.parametrize(
    "given",
    [
        f"statusgen @ git+https://github.com/o/statusgen@{COMMIT}",
        f"statusgen @ git+https://github.com/o/statusgen.git@{COMMIT}#subdirectory=src",
        f"statusgen @ https://x.test/statusgen-1.0-py3-none-any.whl#sha256={SHA256}",
        f"Statusgen @ git+file://localhost/srv/statusgen@{COMMIT}",  # PEP 503 names
    ],
)
def test_a_pinning_url_is_written_as_given(tmp_path: Path, given: str) -> None:
    assert main([*INIT[:1], str(tmp_path), *INIT[1:], "--statusgen-requirement", given]) == 0
    lines = (tmp_path / "requirements.txt").read_text().splitlines()
    assert [line for line in lines if not line.startswith("#")] == [given]
    lock = (tmp_path / "requirements.lock").read_bytes()
    assert lock == (SCAFFOLD / "requirements.lock").read_bytes()  # statusgen's dependencies only


def test_an_exact_version_is_accepted_by_the_check() -> None:
    assert str(checked("statusgen == 1.2.0").specifier) == "==1.2.0"


def dist_info(tmp_path: Path, record: object, files: dict[str, bytes] | None = None) -> Path:
    """A real installed distribution's folder: METADATA, RECORD, and direct_url.json."""
    from statusgen.cli.requirement import record_hash

    info = tmp_path / "statusgen-1.2.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: statusgen\nVersion: 1.2.0\n")
    rows = [
        f"{name},sha256={record_hash(data)},{len(data)}" for name, data in (files or {}).items()
    ]
    (info / "RECORD").write_text("\n".join([*rows, f"{info.name}/RECORD,,"]) + "\n")
    if record is not None:
        text = record if isinstance(record, str) else json.dumps(record)
        (info / "direct_url.json").write_text(text)
    return info


@pytest.mark.parametrize(
    ("record", "line"),
    [
        (
            {
                "url": "https://github.com/o/statusgen",
                "vcs_info": {"vcs": "git", "commit_id": COMMIT},
            },
            f"statusgen @ git+https://github.com/o/statusgen@{COMMIT}",
        ),
        (
            {"url": "https://x.test/s.whl", "archive_info": {"hashes": {"sha256": SHA256}}},
            f"statusgen @ https://x.test/s.whl#sha256={SHA256}",
        ),
    ],
)
def test_an_install_from_a_reachable_url_gives_that_url(
    tmp_path: Path, record: object, line: str
) -> None:
    found = from_installed(PathDistribution(dist_info(tmp_path, record)))
    assert found.line == found.pinned == line and found.hashes == ()


@pytest.mark.parametrize(
    ("record", "said"),
    [
        (
            {"url": "file:///srv/statusgen", "vcs_info": {"vcs": "git", "commit_id": COMMIT}},
            "a repository CI cannot reach",
        ),
        (
            {
                "url": "https://github.com/o/statusgen",
                "vcs_info": {"vcs": "git", "commit_id": "ab"},
            },
            "a repository CI cannot reach",
        ),
        ({"url": "file:///w/s.whl", "archive_info": {}}, "an archive CI cannot reach or verify"),
        (
            {"url": "https://x.test/s.whl", "archive_info": {}},
            "an archive CI cannot reach or verify",
        ),
        ('{"url": "file:///x", ', "direct_url.json cannot be read"),
        ("[]", "direct_url.json cannot be read"),
        (
            {"url": "file:///nowhere/statusgen", "dir_info": {}},
            "a folder that is not a git checkout",
        ),
    ],
)
def test_an_install_ci_cannot_repeat_is_refused_with_the_two_ways_out(
    tmp_path: Path, record: object, said: str
) -> None:
    with pytest.raises(Refused) as refused:
        from_installed(PathDistribution(dist_info(tmp_path, record)))
    message = str(refused.value)
    assert said in message
    assert "install a release of statusgen" in message and "--statusgen-requirement" in message


def test_init_from_a_source_tree_that_is_not_installed_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from importlib import metadata

    def missing(name: str) -> metadata.Distribution:
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(metadata, "distribution", missing)
    with pytest.raises(Refused, match="a source tree that is not installed"):
        install_line(None, {})


@pytest.mark.parametrize(
    ("remote", "url"),
    [
        ("https://github.com/o/statusgen.git", "https://github.com/o/statusgen.git"),
        ("https://x-access-token:ghp_secret@github.com/o/s.git", "https://github.com/o/s.git"),
        ("git@github.com:o/statusgen.git", "https://github.com/o/statusgen.git"),
        ("ssh://git@gitlab.example:2222/g/statusgen.git", "https://gitlab.example/g/statusgen.git"),
        ("/srv/git/statusgen.git", None),
        ("file:///srv/git/statusgen.git", None),
        ("http://github.com/o/statusgen.git", None),
        ("../statusgen", None),
    ],
)
def test_a_remote_becomes_an_https_url_without_credentials(remote: str, url: str | None) -> None:
    assert web_url(remote) == url


def test_a_line_from_an_install_record_passes_the_same_check(tmp_path: Path) -> None:
    record = {
        "url": "https://github.com/o/status gen #x",
        "vcs_info": {"vcs": "git", "commit_id": COMMIT},
    }
    with pytest.raises(Refused, match="a place this requirement cannot name"):
        from_installed(PathDistribution(dist_info(tmp_path, record)))
