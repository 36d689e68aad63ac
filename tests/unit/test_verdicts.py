"""The check's verdicts write an incident's view out one way only: every field by its type,
sets sorted; a type they do not know keeps nothing rather than guessing."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from statusgen.model import Audience
from statusgen.render.verdicts import writer


@dataclass(frozen=True)
class Inner:
    at: datetime
    took: timedelta | None


@dataclass(frozen=True)
class Outer:
    name: str
    audience: Audience
    names: frozenset[str]
    texts: Mapping[str, str]
    inner: tuple[Inner, ...]
    pair: tuple[Inner, Audience]


@dataclass(frozen=True)
class Unknown:
    things: set[int]


AT = datetime(2026, 3, 10, 12, tzinfo=UTC)
INNER = Inner(AT, timedelta(minutes=5))


def outer(**changes: object) -> Outer:
    values: dict[str, object] = {
        "name": "x",
        "audience": Audience.PUBLIC,
        "names": frozenset({"b", "a"}),
        "texts": {"one": "1", "two": "2"},
        "inner": (INNER, Inner(AT, None)),
        "pair": (INNER, Audience.INTERNAL),
    }
    values.update(changes)
    return Outer(**values)  # type: ignore[arg-type]


def test_every_field_is_written_by_its_type() -> None:
    write = writer(Outer)
    inner = [AT.isoformat(), (0, 300, 0)]
    assert write(outer()) == [
        "x",
        "public",
        ["a", "b"],
        [["one", "1"], ["two", "2"]],
        [inner, [AT.isoformat(), None]],
        [inner, "internal"],
    ]


def test_sets_are_sorted_and_mappings_keep_their_order() -> None:
    write = writer(Outer)
    assert write(outer(names=frozenset({"a", "b"}))) == write(outer(names=frozenset({"b", "a"})))
    assert write(outer(texts={"two": "2", "one": "1"})) != write(outer())


def test_a_value_of_another_type_is_refused() -> None:
    with pytest.raises(TypeError):
        writer(Outer)(outer(inner=("not an Inner",)))
    with pytest.raises(TypeError):
        writer(Outer)(INNER)


def test_a_type_it_does_not_know_is_refused() -> None:
    with pytest.raises(TypeError):
        writer(Unknown)
    with pytest.raises(TypeError):
        writer(int)
