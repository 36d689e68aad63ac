"""The parse cache (`content/parsecache.py`): a load that takes incidents from it gives exactly
what reading every file gives, and anything that could change what a file loads to (its
bytes, components.yml, an earlier `now`, statusgen's code) makes statusgen read it again."""

from __future__ import annotations

import json
import os
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

import statusgen.content.site as site_module
from benchmarks.corpus import NOW as CORPUS_NOW
from benchmarks.corpus import write_corpus
from statusgen.content import SiteLayout, check_site, parse_incident, parsecache
from statusgen.content.parsecache import CACHE_ENV, CACHE_FILE, decode_incident, encode_incident
from statusgen.model import Incident, StatusSite
from statusgen.options.mkdocs_yml import read_site_layout
from statusgen.problems import Problem

REPO_ROOT = Path(__file__).parents[2]
NOW = datetime(2026, 11, 23, 12, tzinfo=UTC)

COMPONENTS = """\
groups:
  - name: Core platform
    components:
      - id: api
        name: Public API
      - id: dashboard
        name: Dashboard
"""
INCIDENT = """\
---
title: Elevated error rates on the API
impact: major
components:
  api: partial_outage
phases:
  - at: 2026-11-22T14:03:00Z
    status: investigating
    message: We are investigating elevated error rates.
  - at: 2026-11-22T15:10:00Z
    status: resolved
    message: Error rates are back to normal.
---
Body.
"""
PATH = "incidents/2026-11-22-api-errors.md"
#: Every optional field of an incident and an update set.
EVERY_FIELD = """\
---
title: "Sign-ins fail: \\"quoted\\" words, \u00e9t\u00e9 \U0001f600"
impact: critical
started: 2026-11-22T13:40:00+02:00
opened_by: monitor
audience: public
components:
  api: major_outage
workaround: Use the dashboard.
postmortem:
  at: 2026-11-22T18:00:00Z
phases:
  - at: 2026-11-22T14:03:00.250000+01:00
    status: investigating
    message: We are looking.
    next_update: 2026-11-22T14:30:00Z
    estimate: 2026-11-22T17:00:00Z
    affected: Everyone in Europe
  - at: 2026-11-22T14:03:00.250000+01:00
    status: identified
    audience: internal
    message: The cause is a bad deploy.
    components:
      api: partial_outage
      dashboard: degraded_performance
  - at: 2026-11-22T15:10:00Z
    status: resolved
    estimate: none
    message: Fixed.
---
## What happened

Body.
"""


@pytest.fixture(autouse=True)
def _not_racy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files written by a test are seconds old at most, often of the file system's current
    tick: keep them anyway (-1 s: even a file of the same tick counts as settled; one test below
    restores the two seconds)."""
    monkeypatch.setattr(parsecache, "RACY_SECONDS", -1.0)
    monkeypatch.delenv(CACHE_ENV, raising=False)


class Reads:
    """Counts the files a load reads and validates (cache misses)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.labels: list[str] = []
        parse = parse_incident

        def counted(
            text: str, incident_id: str, label: str, *args: object, **options: object
        ) -> Incident | None:
            self.labels.append(label)
            return parse(text, incident_id, label, *args, **options)  # type: ignore[arg-type]

        monkeypatch.setattr(site_module, "parse_incident", counted)

    def load(
        self, root: Path, now: datetime = NOW, languages: tuple[str, ...] = ()
    ) -> tuple[StatusSite, list[Problem], list[str]]:
        self.labels.clear()
        site, problems = check_site(SiteLayout(root, languages=languages), now)
        return site, problems, sorted(self.labels)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Reads:
    return Reads(monkeypatch)


def make_site(root: Path, incidents: dict[str, str] | None = None) -> Path:
    (root / "incidents").mkdir(parents=True)
    (root / "components.yml").write_text(COMPONENTS, encoding="utf-8")
    for path, text in (incidents or {PATH: INCIDENT}).items():
        (root / path).write_text(text, encoding="utf-8")
    return root


def test_every_incident_of_the_example_and_a_corpus_is_kept_and_read_back_equal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CACHE_ENV, "off")  # nothing written into the repository
    write_corpus(tmp_path / "corpus", 300)
    every = make_site(tmp_path / "every", {PATH: EVERY_FIELD})
    loaded = [
        check_site(read_site_layout(REPO_ROOT)[1], NOW),
        check_site(SiteLayout(tmp_path / "corpus"), CORPUS_NOW),
        check_site(SiteLayout(every), NOW),
    ]
    assert [problems for _, problems in loaded] == [[], [], []]
    incidents = [i for site, _ in loaded for i in site.incidents]
    assert len(incidents) > 300
    optional = ("workaround", "scheduled", "postmortem_at", "started", "opened_by_monitor")
    for name in (*optional, "title_line"):
        assert any(getattr(i, name) for i in incidents), name  # the optional fields are set
    phases = [p for i in incidents for p in i.phases]
    for name in ("next_update_at", "estimate_at", "withdraws_estimate", "affected", "audience"):
        assert any(getattr(p, name) for p in phases), name
    for incident in incidents:
        data = json.loads(json.dumps(encode_incident(incident)))
        back = decode_incident(data)
        assert back == incident
        assert repr(back) == repr(incident), "the same types (enums, UTC times), not only equal"


def test_the_model_has_a_codec() -> None:
    """Every type the model's incidents hold is one the cache can keep (else it keeps
    nothing, correct but slow): a new field of a new type needs a line in `codec`."""
    assert parsecache.codec(Incident)
    assert parsecache.encode_incident is not parsecache._unkept  # noqa: SLF001


def test_a_second_load_reads_no_unchanged_file_and_loads_the_same(
    tmp_path: Path, reads: Reads
) -> None:
    root = tmp_path / "corpus"
    write_corpus(root, 60)
    cold, cold_problems, cold_read = reads.load(root, CORPUS_NOW)
    assert (root / CACHE_FILE).is_file() and len(cold_read) == 60
    warm, warm_problems, warm_read = reads.load(root, CORPUS_NOW)
    assert warm_read == [] and warm == cold and warm_problems == cold_problems == []
    assert repr(warm) == repr(cold)


def test_a_changed_file_is_read_again_even_with_its_size_and_time_kept(
    tmp_path: Path, reads: Reads
) -> None:
    root = make_site(tmp_path / "site")
    reads.load(root)
    path = root / PATH
    before = path.stat()
    path.write_text(INCIDENT.replace("API\n", "APX\n", 1), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # as `touch -r` or rsync -t do
    assert path.stat().st_size == before.st_size
    assert path.stat().st_mtime_ns == before.st_mtime_ns
    site, problems, read = reads.load(root)
    assert read == [PATH] and problems == []
    assert site.incidents[0].title == "Elevated error rates on the APX"


def test_a_file_with_a_problem_is_never_kept_and_a_fixed_one_is_read(
    tmp_path: Path, reads: Reads
) -> None:
    root = make_site(tmp_path / "site", {PATH: INCIDENT.replace("impact: major", "impact: huge")})
    first = reads.load(root)
    second = reads.load(root)
    assert first[2] == second[2] == [PATH]
    assert first[1] == second[1] and "unknown impact 'huge'" in first[1][0].message
    (root / PATH).write_text(INCIDENT, encoding="utf-8")
    assert reads.load(root)[1:] == ([], [PATH])
    assert reads.load(root)[1:] == ([], [])


def test_new_renamed_and_removed_files_are_followed(tmp_path: Path, reads: Reads) -> None:
    root = make_site(tmp_path / "site")
    reads.load(root)
    other = "incidents/2026-11-22-dashboard-errors.md"
    (root / other).write_text(INCIDENT.replace("api:", "dashboard:"), encoding="utf-8")
    site, _, read = reads.load(root)
    assert read == [other] and len(site.incidents) == 2
    renamed = "incidents/2026-11-22-renamed.md"
    (root / other).rename(root / renamed)
    site, _, read = reads.load(root)
    assert read == [renamed] and sorted(i.id for i in site.incidents) == [
        "2026-11-22-api-errors",
        "2026-11-22-renamed",
    ]
    (root / renamed).unlink()
    site, _, read = reads.load(root)
    assert read == [] and [i.id for i in site.incidents] == ["2026-11-22-api-errors"]
    kept = json.loads((root / CACHE_FILE).read_text(encoding="utf-8"))["entries"]
    assert list(kept) == [PATH], "entries of files that are gone are dropped"


def test_changed_components_read_every_file_again(tmp_path: Path, reads: Reads) -> None:
    root = make_site(tmp_path / "site")
    reads.load(root)
    (root / "components.yml").write_text(COMPONENTS.replace("id: api", "id: apis"), "utf-8")
    _, problems, read = reads.load(root)
    assert read == [PATH]
    assert [(p.path, p.line) for p in problems] == [(PATH, 5)]
    assert "unknown component 'api'" in problems[0].message


def test_other_languages_read_every_file_again(tmp_path: Path, reads: Reads) -> None:
    """A file's texts are read against the site's languages (a mapping of languages is a
    problem on a site of one), so the languages are part of the key."""
    root = make_site(tmp_path / "site")
    assert reads.load(root, languages=("en",))[2] == [PATH]
    assert reads.load(root, languages=("en",))[2] == []
    assert reads.load(root, languages=("en", "fr"))[2] == [PATH]
    assert reads.load(root, languages=("en", "fr"))[2] == []


def test_an_earlier_now_checks_every_time_again(tmp_path: Path, reads: Reads) -> None:
    root = make_site(tmp_path / "site")
    reads.load(root)
    assert reads.load(root, NOW + timedelta(days=1))[2] == [], "a later now keeps the entries"
    _, problems, read = reads.load(root, datetime(2026, 11, 22, 15, tzinfo=UTC))
    assert read == [PATH]
    assert [p.line for p in problems] == [10] and "in the future" in problems[0].message


def test_a_file_changed_just_before_the_run_is_read_but_not_kept(
    tmp_path: Path, reads: Reads, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parsecache, "RACY_SECONDS", 2.0)
    root = make_site(tmp_path / "site")
    assert reads.load(root)[2] == [PATH]
    assert reads.load(root)[2] == [PATH]
    assert not (root / CACHE_FILE).exists()


def test_another_code_fingerprint_is_not_used(
    tmp_path: Path, reads: Reads, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_site(tmp_path / "site")
    reads.load(root)
    monkeypatch.setattr(parsecache, "FINGERPRINT", "another statusgen")
    assert reads.load(root)[2] == [PATH]
    assert reads.load(root)[2] == []


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"\x00\xff garbage",
        b"[]",
        b'{"entries": 5}',
        "fingerprint entries: one of the wrong shape",
        "fingerprint entries: a forged incident for another stat",
        "fingerprint entries: an unknown enum value",
    ],
)
def test_a_damaged_or_foreign_cache_is_a_miss_never_an_error(
    tmp_path: Path, reads: Reads, damage: bytes | str
) -> None:
    root = make_site(tmp_path / "site")
    expected = reads.load(root)[:2]
    cache = root / CACHE_FILE
    if isinstance(damage, bytes):
        cache.write_bytes(damage)
    else:
        data = json.loads(cache.read_text(encoding="utf-8"))
        entry = data["entries"][PATH]
        if "wrong shape" in damage:
            entry[2] = {"title": "x"}
        elif "forged" in damage:
            entry[0] = [1, 2, 3]
        else:
            entry[2][3] = "catastrophic"
        cache.write_text(json.dumps(data), encoding="utf-8")
    assert reads.load(root) == (*expected, [PATH])
    assert reads.load(root) == (*expected, []), "written again whole"


def test_a_copied_site_reads_every_file_again(tmp_path: Path, reads: Reads) -> None:
    """A cache that came with the files (committed, restored by CI) matches none of them: the
    change time of a file is set by the system when it is written, never by its writer."""
    root = make_site(tmp_path / "site")
    reads.load(root)
    copy = tmp_path / "copy"
    shutil.copytree(root, copy, copy_function=shutil.copy2)  # times kept, as far as possible
    assert reads.load(copy)[2] == [PATH]


def test_turned_off_it_writes_nothing(
    tmp_path: Path, reads: Reads, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CACHE_ENV, "off")
    root = make_site(tmp_path / "site")
    assert reads.load(root)[2] == [PATH]
    assert reads.load(root)[2] == [PATH]
    assert not (root / ".cache").exists()
