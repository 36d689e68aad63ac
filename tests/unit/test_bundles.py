"""`render/bundles.Bundle`: files made together, made once for all of them, each let go once
taken; one asked for again is made again, the same."""

from __future__ import annotations

import gc
import weakref

import pytest

from statusgen.render.bundles import Bundle


class Text(str):
    """A str that a weak reference can follow (to see whether anything still holds it)."""


def test_parts_are_made_together_once_and_let_go_when_taken() -> None:
    calls: list[int] = []

    def make() -> dict[str, Text]:
        calls.append(1)
        return {"rss": Text("<rss/>"), "atom": Text("<feed/>")}

    bundle = Bundle(make)
    rss = bundle.take("rss")
    held = weakref.ref(rss)
    assert rss == "<rss/>" and len(calls) == 1
    del rss
    gc.collect()
    assert held() is None  # taken: the bundle no longer holds it
    assert bundle.take("atom") == "<feed/>" and len(calls) == 1  # made with the first
    assert bundle.take("rss") == "<rss/>" and len(calls) == 2  # asked again: made again


def test_a_part_that_does_not_exist_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        Bundle(lambda: {"a": 1}).take("b")
