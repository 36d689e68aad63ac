"""YAML's limits (`YamlSource._within_limits`): the quick walk that every valid file takes
accepts exactly what the full walk accepts, and leaves everything else to the full walk, which
says what is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from benchmarks.corpus import write_corpus
from statusgen.content.files import split_front_matter
from statusgen.content.yamlsource import (
    COMPOSER,
    MAX_DEPTH,
    MAX_NODES,
    YamlSource,
    _plainly_within_limits,
)
from statusgen.problems import Problem

REPO_ROOT = Path(__file__).parents[2]

REFUSED = {
    "an anchor and its alias": "a: &x [1, 2]\nb: *x\n",
    "a Python tag": "a: !!python/object:os.system x\n",
    "a local tag": "a: !secret x\n",
    "a merge key": "base: {x: 1}\n<<: {y: 2}\n",
    "a value key": "=: 1\n",
    "nesting one level too deep": "a: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n",
    "one node too many": "a: ["
    + ",".join(["1"] * (MAX_NODES // 2))
    + "]\n"
    + "b: ["
    + ",".join(["1"] * (MAX_NODES // 2))
    + "]\n",
    "an unclean character written as an escape": 'a: "x\\u0007y"\n',
}


def compose(text: str) -> yaml.Node:
    node = yaml.compose(text, Loader=COMPOSER)
    assert node is not None
    return node


def full_walk(text: str, node: yaml.Node | None = None) -> tuple[bool, list[Problem]]:
    """The full walk of `text`, composed here or given as `node` (the walks only read it)."""
    problems: list[Problem] = []
    src = YamlSource("f.yml", problems)
    src.source = text
    accepted = src._within_limits(compose(text) if node is None else node)  # noqa: SLF001
    return accepted, problems


def test_the_example_and_a_corpus_take_the_quick_walk(tmp_path: Path) -> None:
    write_corpus(tmp_path, 200)
    files = sorted(REPO_ROOT.glob("incidents/**/*.md")) + sorted(tmp_path.glob("incidents/**/*.md"))
    texts = [(REPO_ROOT / "components.yml").read_text(encoding="utf-8")]
    for path in files:
        split = split_front_matter(path.read_text(encoding="utf-8"))
        assert split is not None
        texts.append(split.yaml)
    assert len(texts) > 200
    for text in texts:
        node = compose(text)
        assert _plainly_within_limits(node, check_scalars=True)
        assert full_walk(text, node) == (True, [])


@pytest.mark.parametrize("text", REFUSED.values(), ids=REFUSED.keys())
def test_what_the_full_walk_refuses_is_left_to_it(text: str) -> None:
    node = compose(text)  # once: "one node too many" takes seconds to compose
    accepted, problems = full_walk(text, node)
    assert not accepted and len(problems) == 1, problems
    if "&" not in text:  # with an anchor the full walk runs anyway
        assert not _plainly_within_limits(node, check_scalars=True)


def test_at_the_limits_both_walks_accept() -> None:
    deepest = "a: " + "[" * (MAX_DEPTH - 2) + "]" * (MAX_DEPTH - 2) + "\n"
    assert full_walk(deepest) == (True, [])
    assert _plainly_within_limits(compose(deepest), check_scalars=True)
