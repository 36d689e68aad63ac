"""One palette: the stylesheet's status colours are those of `statusgen/palette.py`, which
the badges, chat messages and terminal use too."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from statusgen.model import ComponentStatus, Impact
from statusgen.palette import NO_DATA, STATUS_COLOURS, Colour, impact_colour
from statusgen.render.badges import render_badge_svg

CSS = Path(__file__).resolve().parents[2] / "statusgen" / "render" / "assets" / "statusgen.css"
_TOKEN = re.compile(r"/\*.*?\*/|[{}]|[^{};]+;|[^{};]+(?=\{)", re.S)
_COLOUR = re.compile(r"\s*--sg-(bar-)?([a-z_]+)\s*:\s*(#[0-9a-fA-F]{6})\s*;")


def declared() -> dict[tuple[str, bool, bool], str]:
    """(status name, a bar's colour?, dark scheme?) -> the colour the stylesheet declares."""
    found: dict[tuple[str, bool, bool], str] = {}
    selectors: list[str] = []
    for token in _TOKEN.findall(CSS.read_text(encoding="utf-8")):
        if token.startswith("/*"):
            continue
        if token == "}":
            selectors.pop()
        elif token == "{":
            continue
        elif (match := _COLOUR.fullmatch(token)) is not None:
            dark = any('scheme="slate"' in s for s in selectors)
            key = (match[2], bool(match[1]), dark)
            assert key not in found, f"{key} declared twice"
            found[key] = match[3].lower()
        elif not token.endswith(";"):
            selectors.append(token.strip())
    return found


def expected() -> dict[tuple[str, bool, bool], str]:
    colours: dict[str, Colour] = {s.value: c for s, c in STATUS_COLOURS.items()}
    colours["none"] = NO_DATA
    table: dict[tuple[str, bool, bool], str] = {}
    for name, colour in colours.items():
        table[(name, False, False)] = colour.light
        table[(name, False, True)] = colour.dark
        table[(name, True, False)] = colour.bar_light
        table[(name, True, True)] = colour.bar_dark
    return table


def test_the_stylesheet_declares_exactly_the_palette() -> None:
    names = {name for name, _, _ in expected()}
    assert {k: v for k, v in declared().items() if k[0] in names} == expected()


def test_every_status_has_a_colour() -> None:
    assert set(STATUS_COLOURS) == set(ComponentStatus)


@pytest.mark.parametrize("status", list(ComponentStatus))
def test_badges_use_the_pages_colour(status: ComponentStatus) -> None:
    assert f'fill="{STATUS_COLOURS[status].light}"' in render_badge_svg("api", "x", status)


def test_an_impact_takes_the_colour_of_the_status_it_stands_for() -> None:
    assert impact_colour(Impact.NONE) is STATUS_COLOURS[ComponentStatus.OPERATIONAL]
    assert impact_colour(Impact.CRITICAL) is STATUS_COLOURS[ComponentStatus.MAJOR_OUTAGE]
