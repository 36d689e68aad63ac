"""append_phase: one table of incident files, each appended to and loaded back.

In each file `@@` marks where the new phase must be inserted (it is removed before use); a case
with an error instead expects AuthoringError. For every file, the result must load without
problems, keep the old phases (also as raw YAML values, so chomping changes show), keep every
byte around one insertion that holds only the new phase, keep the body and the line endings.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from statusgen.content import parse_incident, split_front_matter
from statusgen.content.files import read_text
from statusgen.content.writing import AuthoringError, append_phase
from statusgen.model import (
    Catalog,
    Component,
    ComponentStatus,
    Group,
    Incident,
    Phase,
    PhaseStatus,
    frozen_mapping,
)
from statusgen.problems import Problem

CATALOG = Catalog(
    groups=(
        Group(
            name="Core",
            components=(
                Component(id="api", name="Public API", group="Core"),
                Component(id="dashboard", name="Dashboard", group="Core"),
            ),
        ),
    )
)
NOW = datetime(2026, 11, 23, 12, tzinfo=UTC)
NEW = Phase(
    at=datetime(2026, 11, 22, 16, tzinfo=UTC),
    status=PhaseStatus.MONITORING,
    message='A fix is out: "v2.1".\nWe are watching # closely',
    next_update_at=datetime(2026, 11, 22, 16, 30, tzinfo=UTC),
    components=frozen_mapping({"api": ComponentStatus.OPERATIONAL}),
)

HEAD = "---\ntitle: API errors\nimpact: major\ncomponents:\n  api: partial_outage\nphases:\n"
FIRST = "  - at: 2026-11-22T14:03:00Z\n    status: investigating\n    message: Errors on the API.\n"
LAST = "  - at: 2026-11-22T15:00:00Z\n    status: identified\n"
START = HEAD + FIRST + LAST
BASIC = START + "    message: A bad deploy.\n@@---\n\nDetails.\n"


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


CASES = [
    pytest.param(BASIC, None, id="basic"),
    pytest.param(
        START + "    message: A bad deploy.\n    # paged the DB team\n@@---\n",
        None,
        id="comment-after-last-phase-at-key-indent",
    ),
    pytest.param(
        START + "    message: A bad deploy.\n@@\n# Body below.\n---\n",
        None,
        id="comment-after-last-phase-at-column-0",
    ),
    pytest.param(
        HEAD + FIRST + "  # then we found it\n" + LAST + "    message: A bad deploy.\n@@---\n",
        None,
        id="comment-between-phases",
    ),
    pytest.param(
        START + '    message: "A bad deploy."  # see #123\n@@---\n',
        None,
        id="trailing-comment-on-last-line",
    ),
    pytest.param(
        START + "    message: A bad deploy.\n@@  # add updates above\nworkaround: Retry.\n---\n",
        None,
        id="comment-at-item-indent-after-list",
    ),
    pytest.param(
        HEAD
        + "  - {at: 2026-11-22T14:03:00Z, status: investigating, message: Errors}\n"
        + '  - {at: 2026-11-22T15:00:00Z, status: identified, message: "Bad, deploy"}  # x\n'
        + "@@---\n",
        None,
        id="flow-mapping-items",
    ),
    pytest.param(
        START + "    message: A bad deploy.\n    components: {api: major_outage}\n@@---\n",
        None,
        id="flow-components-last-key",
    ),
    pytest.param(
        START + "    message: Bad.\n    components:\n      api: major_outage\n@@---\n",
        None,
        id="block-components-last-key",
    ),
    pytest.param(
        HEAD.replace("phases:\n", "phases: [{at: 2026-11-22T14:03:00Z, status: identified,\n")
        + "    message: Bad}]\n---\n",
        "inline",
        id="flow-list-phases",
    ),
    pytest.param("title: no front matter\n", "no front matter", id="no-front-matter"),
    pytest.param(crlf(BASIC), None, id="crlf"),
    pytest.param(
        crlf(START + "    message: |+\n      A bad deploy.\n\n@@---\n"),
        None,
        id="crlf-keep-block-scalar",
    ),
    pytest.param(
        START + "    message: |\n      A bad\n      deploy.\n\n\n@@---\n",
        None,
        id="literal-block-scalar",
    ),
    pytest.param(
        START + "    message: >\n      A bad\n      deploy.\n\n@@workaround: x\n---\n",
        None,
        id="folded-block-scalar",
    ),
    pytest.param(
        START + "    message: |-\n      A bad deploy.\n\n@@---\n",
        None,
        id="strip-block-scalar",
    ),
    pytest.param(
        START + "    message: |+\n      A bad deploy.\n\n\n@@---\n",
        None,
        id="keep-literal-block-scalar",
    ),
    pytest.param(
        START + "    message: >+\n      A bad\n      deploy.\n  \n\n@@---\n",
        None,
        id="keep-folded-block-scalar",
    ),
    pytest.param(
        START + "    message: |+\n      A bad deploy.\n\n@@# next key\nworkaround: x\n---\n",
        None,
        id="keep-block-scalar-then-comment",
    ),
    pytest.param(
        START + "    message: |\n      A bad deploy.\n        \n@@---\n",
        None,
        id="block-scalar-ending-in-space-line",
    ),
    pytest.param(
        START + "    message: A bad deploy.\n@@\n\n---\nBody.\n",
        None,
        id="blank-lines-before-closing",
    ),
    pytest.param(
        START + "    message: A bad deploy.\n@@---\nBody without newline",
        None,
        id="no-final-newline",
    ),
    pytest.param(START + "    message: A bad deploy.\n@@---", None, id="no-body-no-newline"),
    pytest.param(
        START + "    message: A bad deploy.\n@@---\n\n# Notes\n\n---\n\n- a: b\n",
        None,
        id="body-with-rule-and-list",
    ),
    pytest.param(
        "---\ntitle: T\nimpact: minor\nphases:\n- at: 2026-11-22T14:03:00Z\n  status: identified\n"
        "  message: Bad.\n@@workaround: Retry.\n---\n",
        None,
        id="items-at-column-0",
    ),
    pytest.param(
        "---\ntitle: T\nimpact: minor\nphases:\n    -   at: 2026-11-22T14:03:00Z\n"
        "        status: identified\n        message: Bad.\n@@---\n",
        None,
        id="four-space-indent",
    ),
    pytest.param(
        "---\ntitle: T\nimpact: minor\nphases:\n  -\n      at: 2026-11-22T14:03:00Z\n"
        "      status: identified\n      message: Bad.\n@@---\n",
        None,
        id="dash-on-its-own-line",
    ),
    pytest.param(
        START + '    message: "A bad\n      deploy, \\"quoted\\"\n\n      on two lines"\n@@---\n',
        None,
        id="quoted-multi-line-message",
    ),
    pytest.param(
        START + "    message: A bad\n      deploy on\n      three lines\n@@---\n",
        None,
        id="plain-multi-line-message",
    ),
    pytest.param(
        START + "    message: A bad deploy.\n@@workaround: Retry.\naudience: public\n---\n",
        None,
        id="phases-not-last-key",
    ),
    pytest.param("\ufeff" + BASIC, None, id="utf8-bom"),
]


def load(text: str, tmp_path: Path) -> tuple[Incident | None, list[Problem]]:
    """Load text as load_incidents does a file: through read_text (which drops a BOM)."""
    path = tmp_path / "2026-11-22-api-errors.md"
    path.write_bytes(text.encode("utf-8"))
    problems: list[Problem] = []
    read = read_text(path, path.name, problems)
    assert read is not None, problems
    return parse_incident(read, path.stem, path.name, CATALOG, NOW, problems), problems


def raw(text: str) -> Any:
    """The front matter as plain YAML values (messages exactly, before any stripping)."""
    split = split_front_matter(text.removeprefix("\ufeff"))
    assert split is not None
    return yaml.safe_load(split.yaml)


def fields(phase: Phase) -> tuple[object, ...]:
    return (
        phase.at,
        phase.status,
        phase.message,
        phase.next_update_at,
        dict(phase.components),
        phase.audience,
    )


@pytest.mark.parametrize(("marked", "error"), CASES)
def test_append_phase(marked: str, error: str | None, tmp_path: Path) -> None:
    text = marked.replace("@@", "")
    if error is not None:
        with pytest.raises(AuthoringError, match=error):
            append_phase(text, NEW)
        return
    before, problems = load(text, tmp_path)
    assert before is not None and not problems, problems

    result = append_phase(text, NEW)

    # (a) loads with no problems
    after, problems = load(result, tmp_path)
    assert after is not None and not problems, (problems, result)
    # (b) old phases unchanged, also as raw YAML values; then the new one last
    assert [fields(p) for p in after.phases] == [*map(fields, before.phases), fields(NEW)]
    old_raw, new_raw = raw(text), raw(result)
    assert new_raw["phases"][:-1] == old_raw["phases"]
    assert {**new_raw, "phases": old_raw["phases"]} == old_raw
    # (c) one insertion, where marked, holding only the new phase
    at = marked.index("@@")
    inserted = result[at : len(result) - (len(text) - at)]
    assert result == text[:at] + inserted + text[at:], result
    assert yaml.safe_load(inserted) == [
        {
            "at": NEW.at,
            "status": NEW.status.value,
            "message": NEW.message,
            "next_update": NEW.next_update_at,
            "components": {"api": "operational"},
        }
    ]
    # (d) body unchanged
    assert after.body == before.body
    # (e) line endings as the file's
    newline = "\r\n" if "\r\n" in text else "\n"
    assert inserted.endswith(newline)
    assert not re.search(r"[\r\n]", inserted.replace(newline, "")), repr(inserted)
