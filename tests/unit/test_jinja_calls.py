"""Templates call through `KnownCalls` (render/jinjacalls.py) exactly as through Jinja's own
`Context.call`: the same callables, with the same first argument, the same output; each
callable inspected once per environment."""

from __future__ import annotations

from typing import Any

import jinja2
import pytest
from markupsafe import Markup

from statusgen.render import jinjacalls
from statusgen.render.jinjacalls import KnownCallsEnvironment


class Words:
    """A callable object and methods, as the renderer's `t` and `fmt` are."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, key: str, **values: object) -> str:
        self.calls += 1
        return f"<{key}>" + "".join(f"{k}={v}" for k, v in sorted(values.items()))

    def upper(self, text: str) -> str:
        return text.upper()


class WantsContext:
    """A callable object whose `__call__` wants the context (Jinja passes it, not the object)."""

    @jinja2.pass_context
    def __call__(self, context: Any, name: str) -> str:
        return f"{name}={context.get(name)}"


@jinja2.pass_context
def loop_name(context: Any, name: str) -> str:
    """Reads a name set inside a loop: Jinja passes `_loop_vars` for it."""
    return str(context.resolve(name))


@jinja2.pass_eval_context
def escaping(eval_ctx: Any) -> str:
    return f"autoescape={eval_ctx.autoescape}"


@jinja2.pass_environment
def environment_kind(environment: jinja2.Environment) -> str:
    return f"trim={environment.trim_blocks}"


def stops() -> str:
    raise StopIteration


SOURCE = """\
{%- macro row(x, y="d") -%}
<li>{{ x }}|{{ y }}|{{ caller() if caller is defined else "" }}</li>
{%- endmacro -%}
{{ t("a", n=1) }} {{ t("<b>") }} {{ words.upper("x&y") }} {{ plain("<i>") }} {{ safe("<u>") }}
{{ row("<r>") }} {{ row(1, y=2) }}
{% call row(3) %}called {{ t("c") }}{% endcall %}
{{ ctx_obj("who") }} {{ escaping() }} {{ environment_kind() }}
{% for item in items %}{% set inner = item * 2 %}
{{- loop_name("inner") }}{{ row(item) }}{{ t("k", i=item) }}{% endfor %}
[{{ stops() is undefined }}]
"""


def render(environment: jinja2.Environment, words: Words) -> str:
    return environment.from_string(SOURCE).render(
        t=words,
        words=words,
        plain=lambda text: f"plain {text}",
        safe=Markup,
        ctx_obj=WantsContext(),
        loop_name=loop_name,
        escaping=escaping,
        environment_kind=environment_kind,
        stops=stops,
        who="<me>",
        items=[1, 2, 3],
    )


@pytest.mark.parametrize("autoescape", [True, False])
def test_renders_as_jinja_does(autoescape: bool) -> None:
    options: dict[str, Any] = {"autoescape": autoescape, "trim_blocks": True}
    expected = render(jinja2.Environment(**options), Words())
    known = KnownCallsEnvironment(**options)
    assert render(known, Words()) == expected
    assert render(known, Words()) == expected  # again, every callable known
    # The loop's own names reached the callable that wants the context (2, 4, 6).
    assert "\n2<li>1|d|</li>" in expected and "4<li>2|d|</li>" in expected
    assert ("&lt;b&gt;" in expected) == autoescape
    assert "[True]" in expected


def test_each_callable_is_inspected_once(monkeypatch: pytest.MonkeyPatch) -> None:
    inspected: list[Any] = []
    how_called = jinjacalls.how_called

    def counting(obj: Any) -> Any:
        inspected.append(obj)
        return how_called(obj)

    monkeypatch.setattr(jinjacalls, "how_called", counting)
    environment = KnownCallsEnvironment()
    template = environment.from_string(
        "{% for i in range(50) %}{{ t('x') }}{{ w.upper('y') }}{% endfor %}"
    )
    words = Words()
    assert template.render(t=words, w=words) == "<x>Y" * 50
    assert words.calls == 50
    # range, t and w.upper: each once (w.upper is a new bound method on every look-up).
    assert len(inspected) == 3
    template.render(t=words, w=words)
    assert len(inspected) == 3


def test_an_object_is_never_taken_for_another_with_its_id() -> None:
    environment = KnownCallsEnvironment()
    template = environment.from_string("{{ f() }}")
    assert template.render(f=lambda: "plain") == "plain"

    @jinja2.pass_environment
    def wants(environment: jinja2.Environment) -> str:
        return "environment passed"

    # The first lambda is kept (with a reference), so the new function has another id.
    assert template.render(f=wants) == "environment passed"
    assert all(entry[0] is not None for entry in environment.known_calls.values())
