"""Property tests: whatever arrives in a pull request, `statusgen check` and `mkdocs build` end
with `path:line` problems and exit 1, or succeed; never with a traceback.

Hypothesis generates arbitrary text and bytes, and almost-valid incident front matter and
components files (valid documents, then mutated: keys dropped or added, types swapped, enums
misspelt, times without offsets or out of range, phases reordered, YAML special characters,
deep nesting, unicode). Runs are reproducible (`derandomize=True`, no example database) and
bounded (`max_examples`), so CI runs the same examples every time.
"""

from __future__ import annotations

import copy
import io
import re
import tempfile
from collections.abc import Callable, Iterator
from contextlib import redirect_stderr, redirect_stdout
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from textwrap import dedent
from typing import Any
from unittest import mock

import pytest
import yaml
from checkruns import statusgen_main
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from sitebuild import COMPONENTS, FIXTURE_EPOCH, fixture_site, mkdocs_build

from statusgen.cli import checkfull
from statusgen.content import SiteLayout, check_site
from statusgen.model import StatusSite
from statusgen.problems import Problem

#: The fixture sites' build date, FIXTURE_EPOCH.
NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
NOW_ARG = "2026-03-10T12:00:00Z"
assert int(NOW.timestamp()) == int(FIXTURE_EPOCH)

#: Fixed examples, no example database, and no shrinking: a failing run costs no more time
#: than a passing one, and prints its example as drawn.
SETTINGS = dict(
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=False,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)
#: What every problem says: what was expected (or why the YAML cannot be read at all).
MESSAGE = re.compile(r"expected|invalid YAML|duplicate .* \(first on line \d+\)")
INCIDENT = "incidents/2026-03-09-generated.md"

# -- valid documents, and the pieces mutations are made of ----------------------------------------

VALID_INCIDENT: dict[str, Any] = {
    "title": "API errors",
    "impact": "major",
    "started": "2026-03-09T09:52:00Z",
    "components": {"api": "partial_outage", "web": "degraded_performance"},
    "workaround": "Retry with backoff.",
    "phases": [
        {
            "at": "2026-03-09T10:00:00Z",
            "status": "investigating",
            "message": "We see errors.",
            "next_update": "2026-03-09T10:30:00Z",
        },
        {
            "at": "2026-03-09T11:00:00+01:00",
            "status": "identified",
            "message": "A bad deploy.",
            "components": {"api": "major_outage"},
            "audience": "internal",
        },
        {
            "at": "2026-03-09T11:30:00Z",
            "status": "monitoring",
            "message": "Rolled back.",
            "components": {"api": "operational"},
        },
        {"at": "2026-03-09T12:00:00Z", "status": "resolved", "message": "Fixed."},
    ],
}
VALID_MAINTENANCE: dict[str, Any] = {
    "title": "Database upgrade",
    "type": "maintenance",
    "components": {"payments": "under_maintenance"},
    "scheduled": {"start": "2026-03-20T02:00:00Z", "end": "2026-03-20T04:00:00Z"},
    "audience": "public",
    "phases": [
        {"at": "2026-03-01T09:00:00Z", "status": "scheduled", "message": "We will upgrade."},
        {"at": "2026-03-20T02:00:00Z", "status": "in_progress", "message": "Started."},
    ],
}
VALID_COMPONENTS: dict[str, Any] = yaml.safe_load(dedent(COMPONENTS))
VALID_COMPONENTS["groups"][0]["components"][1].update(since="2025-01-01", audience="public")
VALID_COMPONENTS["groups"].append(
    {
        "name": "Internal",
        "description": "Ours",
        "components": [
            {
                "id": "db",
                "name": "Database",
                "audience": "internal",
                "since": "2026-01-01T00:00:00+01:00",
            }
        ],
    }
)

KEY_NAMES = [
    "title",
    "impact",
    "started",
    "type",
    "components",
    "workaround",
    "phases",
    "scheduled",
    "audience",
    "at",
    "status",
    "message",
    "next_update",
    "start",
    "end",
    "groups",
    "name",
    "id",
    "description",
    "sla",
    "upstream",
    "since",
    "Title",
    "phase",
    "at ",
    " status",
    "componets",
    "<<",
    "?",
    "-",
    "",
    "null",
    "~",
    "true",
    "1",
]
ENUM_VALUES = [
    "none",
    "minor",
    "major",
    "critical",
    "Major",
    "MINOR",
    "huge",
    "investigating",
    "identified",
    "monitoring",
    "resolved",
    "Resolved",
    "resolved ",
    "scheduled",
    "in_progress",
    "verifying",
    "completed",
    "operational",
    "degraded_performance",
    "partial_outage",
    "major_outage",
    "under_maintenance",
    "partial-outage",
    "incident",
    "maintenance",
    "public",
    "internal",
    "Internal",
    "everyone",
    "",
    "~",
    "null",
    "yes",
    "no",
    "0",
    "1.5",
]
TIMES = [
    "2026-03-09T10:00:00Z",
    "2026-03-09T10:00:00",
    "2026-03-09 10:00:00",
    "2026-03-09",
    "2026-03-09T10:00Z",
    "2026-03-09T10:00:00+0100",
    "2026-03-09T10:00:00+14:00",
    "2026-03-09T10:00:00-12:00",
    "2026-03-09T25:00:00Z",
    "2026-02-30T10:00:00Z",
    "2026-13-01T10:00:00Z",
    "10:00",
    "yesterday",
    "",
    "0001-01-01T00:00:00Z",
    "0001-01-01T00:00:00+01:00",
    "9999-12-31T23:59:59Z",
    "9999-12-31T23:59:59-01:00",
    "2026-03-09T10:00:00.123456789Z",
    "20260309T100000Z",
    "2026-W10-1T10:00Z",
    "2030-01-01T00:00:00Z",
    "1970-01-01T00:00:00Z",
    "2026-03-09T10:00:00Z\n",
    "+2026-03-09",
]
SPECIAL = [
    ": ",
    " #",
    "#",
    "&anchor",
    "*alias",
    "!!python/object/apply:os.system",
    "!tag",
    "---",
    "...",
    "%YAML 1.1",
    "@",
    "`",
    "{",
    "}",
    "[",
    "]",
    "|",
    ">",
    "\t",
    "\x85",
    "\u2028",
    "\ufeff",
    "\\",
    '"',
    "'",
    "? ",
    "- ",
    ",",
    "<script>",
    "\u202e",
    "\U0001f525",
    "\r",
]


@cache  # a strategy made once is validated and labelled once, not at every draw
def plain_text(max_size: int = 30) -> st.SearchStrategy[str]:
    return st.text(max_size=max_size)


SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(10**20), 10**20)
    | st.floats()
    | plain_text()
    | st.sampled_from(ENUM_VALUES + TIMES + SPECIAL)
    | st.dates()
    | st.datetimes()
    | st.datetimes(timezones=st.just(UTC))
    | st.binary(max_size=6)
)
VALUES = st.recursive(
    SCALARS,
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(
            st.sampled_from(KEY_NAMES) | plain_text(8) | st.integers(), children, max_size=3
        )
    ),
    max_leaves=8,
)


# -- mutations -------------------------------------------------------------------------------------

# What the mutations draw from, made once (see `plain_text`).
KEYS = st.sampled_from(KEY_NAMES) | plain_text(10)
ENUMS = st.sampled_from(ENUM_VALUES) | plain_text(12)
TIME_VALUES = (
    st.sampled_from(TIMES)
    | st.datetimes()
    | st.datetimes(timezones=st.just(UTC))
    | st.dates()
    | st.integers()
)
SPECIAL_RUNS = st.lists(st.sampled_from(SPECIAL), min_size=1, max_size=3)
UNICODE_TEXT = st.text(min_size=0, max_size=40)
UNKNOWN_IDS = st.sampled_from(["API", "nope", "db", "api ", "", "a--b"])
STYLES = st.sampled_from(["block", "flow", "unicode", "canonical-ish"])
WIDTHS = st.sampled_from([80, 10**6])
DAMAGE = st.sampled_from(SPECIAL) | plain_text(4)
PHASES_REPLACED = st.sampled_from([[], {}, "investigating", None, [None], [[]]])
DOC_AUDIENCES = st.sampled_from(["internal", "public"])
SHAPES = st.sampled_from(["normal", "normal", "normal", "no-close", "crlf", "bom", "spaces"])

Path_ = tuple[Any, ...]


def paths(value: Any, prefix: Path_ = ()) -> Iterator[Path_]:
    """Every place in a document, outermost first."""
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from paths(item, (*prefix, index))


def get(doc: Any, path: Path_) -> Any:
    for part in path:
        doc = doc[part]
    return doc


def put(doc: Any, path: Path_, value: Any) -> Any:
    if not path:
        return value
    get(doc, path[:-1])[path[-1]] = value
    return doc


def where(doc: Any, data: st.DataObject, test: Callable[[Path_, Any], bool]) -> Path_ | None:
    places = [p for p in paths(doc) if p and test(p, get(doc, p))]
    return data.draw(st.sampled_from(places)) if places else None


def drop_key(doc: Any, data: st.DataObject) -> Any:
    path = where(doc, data, lambda p, v: True)
    if path is not None:
        del get(doc, path[:-1])[path[-1]]
    return doc


def add_key(doc: Any, data: st.DataObject) -> Any:
    dicts = [p for p in paths(doc) if isinstance(get(doc, p), dict)]
    if dicts:
        target = get(doc, data.draw(st.sampled_from(dicts)))
        target[data.draw(KEYS)] = data.draw(VALUES)
    return doc


def swap_type(doc: Any, data: st.DataObject) -> Any:
    path = where(doc, data, lambda p, v: True)
    return doc if path is None else put(doc, path, data.draw(VALUES))


def wrong_enum(doc: Any, data: st.DataObject) -> Any:
    path = where(doc, data, lambda p, v: isinstance(v, str) and p[-1] != "message")
    if path is None:
        return doc
    return put(doc, path, data.draw(ENUMS))


def bad_time(doc: Any, data: st.DataObject) -> Any:
    keys = {"at", "next_update", "start", "end", "since"}
    path = where(doc, data, lambda p, v: p[-1] in keys)
    if path is None:
        return doc
    return put(doc, path, data.draw(TIME_VALUES))


def reorder_phases(doc: Any, data: st.DataObject) -> Any:
    if isinstance(doc, dict) and isinstance(doc.get("phases"), list):
        doc["phases"] = data.draw(st.permutations(doc["phases"]))
    return doc


def reshape_phases(doc: Any, data: st.DataObject) -> Any:
    if not isinstance(doc, dict) or not isinstance(doc.get("phases"), list) or not doc["phases"]:
        return doc
    phases = doc["phases"]
    choice = data.draw(st.integers(0, 4))
    if choice == 0:
        phases.append(copy.deepcopy(phases[-1]))  # a second final update, or a duplicate
    elif choice == 1:
        phases.insert(0, copy.deepcopy(phases[-1]))
    elif choice == 2:
        doc["phases"] = copy.deepcopy(data.draw(PHASES_REPLACED))  # later mutations edit it
    elif choice == 3:
        phases[data.draw(st.integers(0, len(phases) - 1))]["audience"] = "internal"
    else:
        doc["audience"] = data.draw(DOC_AUDIENCES)
    return doc


def special_chars(doc: Any, data: st.DataObject) -> Any:
    path = where(doc, data, lambda p, v: isinstance(v, str))
    if path is None:
        return doc
    value: str = get(doc, path)
    insert = "".join(data.draw(SPECIAL_RUNS))
    at = data.draw(st.integers(0, len(value)))
    return put(doc, path, value[:at] + insert + value[at:])


def deep_nesting(doc: Any, data: st.DataObject) -> Any:
    path = where(doc, data, lambda p, v: True)
    if path is None:
        return doc
    value = get(doc, path)
    for _ in range(data.draw(st.integers(1, 80))):
        value = [value] if data.draw(st.booleans()) else {"k": value}
    return put(doc, path, value)


def unicode_text(doc: Any, data: st.DataObject) -> Any:
    path = where(doc, data, lambda p, v: isinstance(v, str))
    if path is None:
        return doc
    return put(doc, path, data.draw(UNICODE_TEXT))


def unknown_component(doc: Any, data: st.DataObject) -> Any:
    path = where(doc, data, lambda p, v: p[-1] == "components" and isinstance(v, dict))
    if path is not None:
        get(doc, path)[data.draw(UNKNOWN_IDS)] = "major_outage"
    return doc


def duplicate_component(doc: Any, data: st.DataObject) -> Any:
    path = where(doc, data, lambda p, v: p[-1] == "components" and isinstance(v, list) and bool(v))
    if path is not None:
        items = get(doc, path)
        items.append(copy.deepcopy(items[data.draw(st.integers(0, len(items) - 1))]))
    return doc


MUTATIONS = [
    drop_key,
    add_key,
    swap_type,
    wrong_enum,
    bad_time,
    reorder_phases,
    reshape_phases,
    special_chars,
    deep_nesting,
    unicode_text,
    unknown_component,
    duplicate_component,
]


@cache
def mutation_lists(most: int) -> st.SearchStrategy[list[Callable[[Any, st.DataObject], Any]]]:
    return st.lists(st.sampled_from(MUTATIONS), min_size=0, max_size=most)


def mutate(base: Any, data: st.DataObject, most: int = 3) -> Any:
    doc = copy.deepcopy(base)
    for mutation in data.draw(mutation_lists(most)):
        doc = mutation(doc, data)
    return doc


def render_yaml(doc: Any, data: st.DataObject) -> str:
    """The document as YAML, the way a person or a tool might have written it, sometimes
    damaged by hand afterwards."""
    style = data.draw(STYLES)
    try:
        text = yaml.safe_dump(
            doc,
            sort_keys=False,
            allow_unicode=style == "unicode",
            default_flow_style=style == "flow",
            explicit_start=style == "canonical-ish",
            width=data.draw(WIDTHS),
        )
    except yaml.YAMLError:
        text = repr(doc)
    if style == "canonical-ish":
        text = text.removeprefix("---").lstrip("\n")
    lines = text.split("\n")
    for _ in range(data.draw(st.integers(0, 2))):
        edit = data.draw(st.integers(0, 5))
        n = data.draw(st.integers(0, max(len(lines) - 1, 0)))
        if edit == 0 and lines:
            del lines[n]
        elif edit == 1 and lines:
            lines.insert(n, lines[n])  # a duplicated line: duplicate keys, duplicate phases
        elif edit == 2 and lines:
            lines[n] = "\t" + lines[n]
        elif edit == 3 and lines:
            cut = data.draw(st.integers(0, len(lines[n])))
            lines[n] = lines[n][:cut] + data.draw(DAMAGE) + lines[n][cut:]
        elif edit == 4 and lines:
            lines[n] = lines[n].replace(": ", ":", 1)
        else:
            lines = lines[: n + 1]
    return "\n".join(lines)


def front_matter_file(yaml_text: str, body: str, data: st.DataObject) -> str:
    shape = data.draw(SHAPES)
    if shape == "no-close":
        return f"---\n{yaml_text}\n{body}"
    text = f"---\n{yaml_text}\n---\n{body}"
    if shape == "crlf":
        return text.replace("\n", "\r\n")
    if shape == "bom":
        return "\ufeff" + text
    if shape == "spaces":
        return text.replace("---\n", "--- \n", 1)
    return text


# -- the contract ----------------------------------------------------------------------------------


def write(root: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode("utf-8", "surrogatepass"))


def line_count(path: Path) -> int:
    return path.read_bytes().count(b"\n") + 1


def assert_check_contract(root: Path) -> list[Problem]:
    """`check_site` never raises; each problem names an existing file, a line in it and what
    was expected; the CLI prints them and exits 1, or exits 0 when there are none. The problems
    are those of the CLI's own `check_site` (recorded as the check runs: the same function on
    the same files, which the test called a second time before)."""
    found: list[list[Problem]] = []

    def recorded(layout: SiteLayout, now: datetime) -> tuple[StatusSite, list[Problem]]:
        site, problems = check_site(layout, now)
        found.append(list(problems))  # a copy: the check adds its own problems to the list
        return site, problems

    out, err = io.StringIO(), io.StringIO()
    with (
        mock.patch.object(checkfull, "check_site", recorded),
        redirect_stdout(out),
        redirect_stderr(err),
    ):
        code = statusgen_main(["-C", str(root), "--now", NOW_ARG, "check"])
    assert len(found) == 1, (code, err.getvalue())
    (problems,) = found
    for problem in problems:
        assert isinstance(problem.path, str) and problem.path, problem
        file = root / problem.path
        assert file.exists() or file.is_symlink(), problem
        assert isinstance(problem.line, int) and problem.line >= 0, problem
        if file.is_file():
            assert problem.line <= line_count(file), (problem, file.read_bytes())
        assert MESSAGE.search(problem.message), problem
    assert code == (1 if problems else 0), (code, problems, err.getvalue())
    for problem in problems:
        assert problem.message in err.getvalue()
    if problems:
        assert re.search(rf"^{re.escape(str(root))}/.+?(:\d+)?: ", err.getvalue(), re.M), (
            err.getvalue()
        )
    return problems


def site_files(files: dict[str, str | bytes]) -> dict[str, str | bytes]:
    """`files`, with the fixture's components.yml unless they have their own."""
    return {"components.yml": dedent(COMPONENTS).lstrip("\n"), **files}


def site_with(files: dict[str, str | bytes]) -> tempfile.TemporaryDirectory[str]:
    folder = tempfile.TemporaryDirectory(prefix="statusgen-prop-")
    write(Path(folder.name), site_files(files))
    return folder


#: The problems of each site (its files, as `site_with` writes them) checked so far in this
#: process, for the almost-valid properties: their drawn mutations are often no-ops, so they
#: draw the same document again and again (the unmutated components file in about 1 of 17
#: examples); a check is a function of the files and `--now` (fixed), so a repeat proves
#: nothing that its first check did not, and is not checked again. About a third of their
#: checks that render a site were repeats.
_CHECKED: dict[tuple[tuple[str, bytes], ...], list[Problem]] = {}


def checked(files: dict[str, str | bytes]) -> list[Problem]:
    """`assert_check_contract` on `site_with(files)`, once per distinct site in a process:
    its problems."""
    key = tuple(
        sorted(
            (name, text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
            for name, text in site_files(files).items()
        )
    )
    if key not in _CHECKED:
        with site_with(files) as folder:
            _CHECKED[key] = assert_check_contract(Path(folder))
    return _CHECKED[key]


# -- (a) arbitrary text and bytes as an incident file ----------------------------------------------


@settings(max_examples=200, **SETTINGS)
@given(st.text())
@example("")
@example("---\n---\n")
@example("---\ntitle: x\n")
@example("\ufeff---\ntitle: [unclosed\n---\n")
def test_any_text_as_an_incident_file(text: str) -> None:
    with site_with({INCIDENT: text}) as folder:
        problems = assert_check_contract(Path(folder))
        assert problems  # no text without front matter is a valid incident


@settings(max_examples=200, **SETTINGS)
@given(yaml_text=st.text(), body=st.text(max_size=50))
@example(yaml_text="a: &a [*a]", body="")
@example(yaml_text="title: !!python/object/apply:os.system ['true']", body="")
@example(yaml_text="title: x\ntitle: y", body="")
@example(yaml_text="[" * 200, body="")
@example(yaml_text="\x00", body="")
def test_any_text_as_front_matter(yaml_text: str, body: str) -> None:
    with site_with({INCIDENT: f"---\n{yaml_text}\n---\n{body}"}) as folder:
        assert_check_contract(Path(folder))


@settings(max_examples=150, **SETTINGS)
@given(st.binary(max_size=300))
@example(b"\xff\xfe---\n")
@example(b"---\ntitle: caf\xe9\n---\n")
@example(b"---\ntitle: x\x00\n---\n")
def test_any_bytes_as_an_incident_file(data: bytes) -> None:
    with site_with({INCIDENT: data}) as folder:
        assert_check_contract(Path(folder))


@settings(max_examples=40, **SETTINGS)
@given(
    name=st.from_regex(r"[A-Za-z0-9_.\- ]{1,24}", fullmatch=True),
    suffix=st.sampled_from([".md", ".MD", ".txt", "", ".md.bak"]),
)
def test_any_file_name_in_incidents(name: str, suffix: str) -> None:
    valid = "---\n" + yaml.safe_dump(VALID_INCIDENT, sort_keys=False) + "---\n"
    with site_with({f"incidents/{name}{suffix}": valid}) as folder:
        assert_check_contract(Path(folder))


# -- (b) almost-valid front matter -----------------------------------------------------------------


def test_the_unmutated_documents_are_valid() -> None:
    """The starting points are valid, so every problem below comes from a mutation."""
    files = {
        INCIDENT: "---\n" + yaml.safe_dump(VALID_INCIDENT, sort_keys=False) + "---\nBody.\n",
        "incidents/2026-03-20-maintenance.md": "---\n"
        + yaml.safe_dump(VALID_MAINTENANCE)
        + "---\n",
        "components.yml": yaml.safe_dump(VALID_COMPONENTS, sort_keys=False),
    }
    with site_with(files) as folder:
        assert assert_check_contract(Path(folder)) == []


@pytest.mark.long(seconds=13)
@settings(max_examples=500, **SETTINGS)
@given(
    base=st.sampled_from([VALID_INCIDENT, VALID_MAINTENANCE]),
    body=st.text(max_size=40),
    data=st.data(),
)
def test_almost_valid_front_matter(base: dict[str, Any], body: str, data: st.DataObject) -> None:
    doc = mutate(base, data)
    text = front_matter_file(render_yaml(doc, data), body, data)
    checked({INCIDENT: text, "components.yml": valid_components_yml()})


@pytest.mark.parametrize("time", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00"])
@pytest.mark.parametrize("place", ["at", "next_update", "scheduled", "since"])
def test_times_at_the_edge_of_the_calendar(time: str, place: str) -> None:
    """A time whose offset moves it out of Python's calendar (year 1 written east of UTC,
    year 9999 west of it) is a problem on its line, like any other invalid time."""
    incident = copy.deepcopy(VALID_MAINTENANCE if place == "scheduled" else VALID_INCIDENT)
    components = copy.deepcopy(VALID_COMPONENTS)
    if place == "scheduled":
        incident["scheduled"]["start"] = time
    elif place == "since":
        components["groups"][0]["components"][0]["since"] = time
    else:
        incident["phases"][0][place] = time
    files = {
        INCIDENT: "---\n" + yaml.safe_dump(incident, sort_keys=False) + "---\n",
        "components.yml": yaml.safe_dump(components, sort_keys=False),
    }
    with site_with(files) as folder:
        problems = assert_check_contract(Path(folder))
        assert any(time in p.message for p in problems), problems


# -- (c) arbitrary and almost-valid components files -----------------------------------------------


@cache  # the same text for every example: dumped once (PyYAML's emitter is pure Python)
def incident_for_components() -> str:
    return "---\n" + yaml.safe_dump(VALID_INCIDENT, sort_keys=False) + "---\n"


@cache  # as above
def valid_components_yml() -> str:
    return yaml.safe_dump(VALID_COMPONENTS, sort_keys=False)


@settings(max_examples=150, **SETTINGS)
@given(st.text() | st.binary(max_size=200))
@example("")
@example("groups:\n- &g {name: a, components: [*g]}\n")
@example("groups: !!set {a, b}\n")
def test_any_components_file(content: str | bytes) -> None:
    with site_with({"components.yml": content, INCIDENT: incident_for_components()}) as folder:
        problems = assert_check_contract(Path(folder))
        assert problems  # the incident needs `api` and `web`


@pytest.mark.long(seconds=14)
@settings(max_examples=400, **SETTINGS)
@given(data=st.data())
def test_almost_valid_components_file(data: st.DataObject) -> None:
    text = render_yaml(mutate(VALID_COMPONENTS, data), data)
    checked({"components.yml": text, INCIDENT: incident_for_components()})


def test_numbers_and_dates_of_the_wrong_kind_in_components() -> None:
    doc = copy.deepcopy(VALID_COMPONENTS)
    doc["groups"][0]["components"][0].update(sla=float("nan"), since=date(2026, 2, 28))
    doc["groups"][0]["components"][1].update(sla=float("inf"), since="2026-01-01T00:00:00")
    text = yaml.safe_dump(doc).replace("2026-02-28", "2026-02-30")
    with site_with({"components.yml": text, INCIDENT: incident_for_components()}) as folder:
        assert len(assert_check_contract(Path(folder))) >= 4


# -- (d) real builds of almost-valid sites ---------------------------------------------------------

PROBLEM_LINE = re.compile(
    r"^(?:components\.yml|incidents/\S+)(?::\d+)?: .*(?:expected|invalid YAML|duplicate)", re.M
)


def build_and_check(root: Path, folder: Path) -> None:
    """`mkdocs build --strict`: exit 0, or exit 1 with `path:line` problems (the same as
    `check` finds); never a traceback."""
    _, problems = check_site(SiteLayout(root), NOW)
    result = mkdocs_build(root, folder / "site", FIXTURE_EPOCH)
    assert "Traceback (most recent call last)" not in result.stderr, result.stderr[-3000:]
    assert result.returncode in (0, 1), result.stderr[-3000:]
    if result.returncode == 1:
        assert PROBLEM_LINE.search(result.stderr), result.stderr[-3000:]
    assert (result.returncode == 1) == bool(problems), (problems, result.stderr[-3000:])


@settings(max_examples=10, **SETTINGS)
@given(
    data=st.data(),
    timezone=st.sampled_from(["UTC", "America/New_York", "Pacific/Kiritimati"]),
    which=st.sampled_from(["incident", "maintenance", "components"]),
)
def test_mkdocs_build_ends_with_problems_or_a_site(
    data: st.DataObject, timezone: str, which: str
) -> None:
    files: dict[str, str] = {"components.yml": yaml.safe_dump(VALID_COMPONENTS, sort_keys=False)}
    if which == "components":
        files["components.yml"] = render_yaml(mutate(VALID_COMPONENTS, data), data)
        files[INCIDENT] = incident_for_components()
    else:
        base = VALID_INCIDENT if which == "incident" else VALID_MAINTENANCE
        files[INCIDENT] = front_matter_file(render_yaml(mutate(base, data), data), "Body.\n", data)
    with tempfile.TemporaryDirectory(prefix="statusgen-build-") as folder:
        root = fixture_site(Path(folder) / "src", timezone=timezone)
        write(root, files)
        build_and_check(root, Path(folder))


@pytest.mark.parametrize(
    ("timezone", "which"), [("America/New_York", "incident"), ("Pacific/Kiritimati", "maintenance")]
)
def test_mkdocs_build_of_times_at_the_edge_of_the_calendar(
    tmp_path: Path, timezone: str, which: str
) -> None:
    """Updates in year 1 (UTC) on a site west of UTC, or a maintenance window at the end of
    year 9999 (UTC) on a site east of it, once crashed the build while converting to the site's
    zone. Times outside 1970-2999 are now refused, with their line, by check and build alike."""
    if which == "incident":
        doc = copy.deepcopy(VALID_INCIDENT)
        for phase in doc["phases"]:
            phase["at"] = "0001-01-01T00:00:00Z"
        del doc["phases"][0]["next_update"]
    else:
        doc = copy.deepcopy(VALID_MAINTENANCE)
        doc["scheduled"] = {"start": "9999-12-31T20:00:00Z", "end": "9999-12-31T23:59:59Z"}
        del doc["phases"][1]
    root = fixture_site(tmp_path / "src", timezone=timezone)
    write(
        root,
        {
            INCIDENT: "---\n" + yaml.safe_dump(doc, sort_keys=False) + "---\n",
            "components.yml": yaml.safe_dump(VALID_COMPONENTS, sort_keys=False),
        },
    )
    problems = check_site(SiteLayout(root), NOW)[1]
    assert problems and all("out of range" in p.message and p.line > 0 for p in problems)
    build_and_check(root, tmp_path)
