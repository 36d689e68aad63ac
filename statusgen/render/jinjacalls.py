"""Calls from statusgen's page templates without Jinja's per-call inspection.

Jinja makes every call a template writes (`t("...")`, `fmt.datetime(...)`, a macro) through
`Context.call`, which asks the callable, and its `__call__`, whether it wants the context,
the evaluation context or the environment passed first (`jinja2.pass_context` and its
siblings): four attribute look-ups and two more calls, every time. A page body makes about a
hundred calls, a component page thousands (its bars and calendar), so at 1,000 incidents that
inspection was a fifth of the bodies' profiled time.

`KnownCalls` asks once per callable and build and keeps the answer (by the callable, for a
bound method by its function: `fmt.datetime` is a new object on every look-up, with the
function's attributes), then calls it as Jinja would: directly, or a macro through its
`__call__` with the evaluation context first. A callable that wants the context goes through
Jinja's own `Context.call` every time (it may read the loop's names), so what is called and
with what stays exactly as Jinja does it.
"""

from __future__ import annotations

from types import MethodType
from typing import Any

import jinja2
from jinja2.runtime import Context
from jinja2.utils import _PassArg

#: Jinja's own keyword arguments for callables that want the context (`_loop_vars`, ...).
_JINJA_KWARGS = ("_loop_vars", "_block_vars")


def how_called(obj: Any) -> tuple[bool, _PassArg | None]:
    """How Jinja calls `obj`: through its `__call__` (when that wants something passed, as
    a macro's does: its evaluation context), and what it passes first (None: nothing)."""
    call = getattr(obj, "__call__", None)  # noqa: B004 - Jinja's own test
    if call is not None and (passed := _PassArg.from_obj(call)) is not None:
        return True, passed
    return False, _PassArg.from_obj(obj)


def call_key(obj: Any) -> Any:
    """What decides whether Jinja passes `obj` anything: a bound method's function (its
    attributes are the function's; the method object is new on every look-up), else itself."""
    return obj.__func__ if type(obj) is MethodType else obj


class KnownCalls(Context):
    """A template context that inspects each callable once (`KnownCallsEnvironment`)."""

    def call(__self, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 - Jinja's
        """`Context.call`, with the inspection of a callable done once."""
        environment = __self.environment
        known = environment.known_calls if isinstance(environment, KnownCallsEnvironment) else {}
        key = call_key(__obj)
        entry = known.get(id(key))
        if entry is None or entry[0] is not key:
            entry = known[id(key)] = (key, *how_called(__obj))
        _, through_call, passed = entry
        if passed is _PassArg.context:  # it may read the loop's or block's names: Jinja's way
            return Context.call(__self, __obj, *args, **kwargs)
        if through_call:
            __obj = __obj.__call__
        if passed is _PassArg.eval_context:
            args = (__self.eval_ctx, *args)
        elif passed is _PassArg.environment:
            args = (environment, *args)
        if kwargs:
            for name in _JINJA_KWARGS:
                kwargs.pop(name, None)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:  # as Jinja: a callable's StopIteration is an undefined value
            return environment.undefined(
                "value was undefined because a callable raised a StopIteration exception"
            )


class KnownCallsEnvironment(jinja2.Environment):
    """A Jinja environment whose templates call through `KnownCalls`; it keeps how each
    callable is called (by id, with a reference to it, so an id is never taken for another
    object's) for as long as it lives: one build's renderer."""

    context_class = KnownCalls

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.known_calls: dict[int, tuple[Any, bool, _PassArg | None]] = {}
