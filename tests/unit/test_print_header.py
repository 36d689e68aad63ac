"""The site's name in the print header (render/printheader.page_rule): a CSS string that no
name can end, nor the rule around it."""

from __future__ import annotations

import re

import pytest

from statusgen.render.printheader import page_rule


def test_a_plain_name_is_written_as_it_is() -> None:
    assert 'content: "Acme Cloud Status";' in page_rule("Acme Cloud Status")


@pytest.mark.parametrize(
    "name", ['Acme "Cloud"', "a</style><script>alert(1)</script>", "back\\slash\nnew", "Café €"]
)
def test_every_other_character_is_an_escape(name: str) -> None:
    rule = page_rule(name)
    content = re.search(r'content: "([^"]*)";', rule)
    assert content is not None, rule
    assert rule.count("{") == 2 and rule.count("}") == 2, rule  # @page and @top-left only
    assert "<" not in rule and "\n" not in rule.strip(), rule
    # The escapes read back as the name (each \HHHHHH is one character).
    read = re.sub(r"\\([0-9a-f]{6})", lambda m: chr(int(m.group(1), 16)), content.group(1))
    assert read == name
