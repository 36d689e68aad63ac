"""The budgets the documentation states are the constants the check applies: every budget of
`statusgen/content/budgets.py` has its row in docs/security.md with its limit, and the README's
summary repeats those rows' limits."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from statusgen.content import budgets

REPO = Path(__file__).resolve().parents[2]
_ROW = re.compile(r"^\|[^|]*\(`([A-Z_]+)`\)[^|]*\|([^|]+)\|", re.M)


def limits(path: Path) -> dict[str, str]:
    """Constant name -> the limit cell of its table row."""
    text = path.read_text(encoding="utf-8")
    return {name: cell.strip() for name, cell in _ROW.findall(text)}


BUDGETS = {n: v for n, v in vars(budgets).items() if isinstance(v, budgets.Budget)}


@pytest.mark.parametrize("name", sorted(BUDGETS))
def test_security_md_states_each_budget_as_the_code_does(name: str) -> None:
    budget = BUDGETS[name]
    assert limits(REPO / "docs" / "security.md").get(name) == f"{budget.limit:,} {budget.unit}"


def test_the_readme_summary_repeats_the_full_table() -> None:
    summary = limits(REPO / "README.md")
    assert summary, "README.md has no budgets summary"
    full = limits(REPO / "docs" / "security.md")
    assert {name: full.get(name) for name in summary} == summary


def test_the_docs_name_no_budget_the_code_lacks() -> None:
    assert set(limits(REPO / "docs" / "security.md")) <= set(BUDGETS)


def test_find_unclean_finds_what_the_full_pattern_finds() -> None:
    """The ASCII and BMP shortcuts of the clean-text scan find the same first character as
    `UNCLEAN` itself, for every code point, alone and after ASCII, BMP and astral text."""
    from statusgen.content.budgets import UNCLEAN, find_unclean

    for code in range(0x110000):
        char = chr(code)
        for text in (char, "ok " + char, "é" + char, "\U0001f600" + char + "x"):
            expected, found = UNCLEAN.search(text), find_unclean(text)
            assert (found and (found.start(), found.group())) == (
                expected and (expected.start(), expected.group())
            ), hex(code)
