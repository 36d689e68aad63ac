"""`set_impact`: `statusgen update --impact` changes the one `impact:` value of a file, as
written (a BOM, CRLF line ends, comments and quoting stay), or refuses."""

from __future__ import annotations

import pytest

from statusgen.content.writing import AuthoringError, set_impact
from statusgen.model import Impact

FILE = (
    "---\n"
    "# posted by the on-call\n"
    'title: "API errors"\n'
    "impact: minor   # first guess\n"
    "components: {api: degraded_performance}\n"
    "phases:\n"
    "  - at: 2026-11-23T11:00:00Z\n"
    "    status: investigating\n"
    "    message: Slow.\n"
    "---\n"
    "\nimpact: minor is also a line of the body.\n"
)


def test_only_the_impact_value_changes() -> None:
    changed = set_impact(FILE, Impact.CRITICAL)
    assert changed == FILE.replace("impact: minor   #", "impact: critical   #")


def test_a_bom_and_crlf_line_ends_stay() -> None:
    text = "\ufeff" + FILE.replace("\n", "\r\n")
    changed = set_impact(text, Impact.MAJOR)
    assert changed == text.replace("impact: minor   #", "impact: major   #")


def test_a_file_without_impact_gets_one_before_its_updates() -> None:
    text = FILE.replace("impact: minor   # first guess\n", "type: maintenance\n")
    changed = set_impact(text, Impact.MAJOR)
    assert changed == text.replace("phases:\n", "impact: major\nphases:\n")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("no front matter\n", "no front matter"),
        ("---\ntitle: [\n---\n", "not valid YAML"),
        ("---\ntitle: x\n---\n", "no `impact:` or `phases:` key"),
        # An alias: changing the anchor's node would change another value too.
        ("---\nx: &i minor\nimpact: *i\nphases: []\n---\n", "would change other values"),
    ],
)
def test_what_it_cannot_change_safely_is_refused(text: str, words: str) -> None:
    with pytest.raises(AuthoringError, match=words):
        set_impact(text, Impact.MAJOR)
