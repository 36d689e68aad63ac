"""The one incident-file writer (`content.writing`): what it writes reads back as the same
incident, whatever the incident holds, and a file written as text never changes its values."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from models import without_places
from strategies import CATALOG, NOW, incidents

from statusgen.content import parse_incident
from statusgen.content.writing import quote, render_incident_file, text_lines
from statusgen.model import Incident
from statusgen.problems import Problem


@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(incidents())
def test_what_the_writer_writes_reads_back_as_the_same_incident(incident: Incident) -> None:
    text = render_incident_file(incident, comments=["Written by a test."])
    problems: list[Problem] = []
    read = parse_incident(text, incident.id, incident.path, CATALOG, NOW, problems)
    assert problems == [], "\n".join(map(str, problems)) + "\n" + text
    assert read is not None
    assert without_places(read) == without_places(incident)


def test_texts_with_yaml_line_breaks_are_written_so_they_read_back() -> None:
    for text in ["a\u2028b", "x\x85y", "\ufeffstart", 'quote " and \\ backslash']:
        assert yaml.safe_load(f"k: {quote(text)}") == {"k": text}
    # Several lines become a block only where the block reads back as the same text.
    assert text_lines("message", "one\ntwo", "    ") == [
        "    message: |-",
        "      one",
        "      two",
    ]
    assert text_lines("message", "one\u2028two\nthree", "") == ['message: "one\\u2028two\\nthree"']
    assert text_lines("message", " leading\nx", "") == ['message: " leading\\nx"']
