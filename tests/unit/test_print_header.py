"""The site's name in the print header (render/head.print_header): a CSS string that no name
can end, nor the style element around it."""

from __future__ import annotations

import re

import pytest

from statusgen.render.head import print_header


def test_a_plain_name_is_written_as_it_is() -> None:
    assert 'content:"Acme Cloud Status"' in print_header("Acme Cloud Status")


@pytest.mark.parametrize(
    "name", ['Acme "Cloud"', "a</style><script>alert(1)</script>", "back\\slash\nnew", "Café €"]
)
def test_every_other_character_is_an_escape(name: str) -> None:
    style = print_header(name)
    content = re.search(r'content:"([^"]*)";', style)
    assert content is not None, style
    assert style.count("<") == 2 and style.count(">") == 2, style  # <style> and </style> only
    # The escapes read back as the name (each \HHHHHH is one character).
    read = re.sub(r"\\([0-9a-f]{6})", lambda m: chr(int(m.group(1), 16)), content.group(1))
    assert read == name
