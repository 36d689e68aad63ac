"""Compiled page templates kept between processes (Jinja's bytecode cache), so a build or
`statusgen check` does not compile statusgen's templates again (about 0.15 s CPU a process).

- **Place**: Jinja's own per-user folder in the system's temporary folder
  (`FileSystemBytecodeCache()`: created private, refused if another user owns it), never the
  site's folder: compiled code is loaded as code, so it must not be in a pull request's reach.
- **Key**: the template's name and file, statusgen's version and the environment's settings
  that change the compiled code; an entry holds the digest of the source it was compiled from
  and Jinja's and Python's bytecode version, so an edited template (statusgen's or a site's
  override) is compiled again. A damaged entry is compiled again, never an error.
- `STATUSGEN_CACHE=off` turns it off, as it does statusgen's other caches.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, MutableMapping
from functools import cache
from typing import Any

import jinja2

from statusgen import __version__
from statusgen.content.parsecache import cache_off


@cache
def _store() -> jinja2.BytecodeCache | None:
    if cache_off():
        return None
    try:
        return jinja2.FileSystemBytecodeCache()
    except (OSError, RuntimeError):  # no safe temporary folder: compile every time
        return None


def _settings(environment: jinja2.Environment) -> str:
    """What besides a template's source decides its compiled code."""
    parts = [
        __version__,
        jinja2.__version__,
        environment.block_start_string,
        environment.block_end_string,
        environment.variable_start_string,
        environment.variable_end_string,
        environment.comment_start_string,
        environment.comment_end_string,
        repr(environment.line_statement_prefix),
        repr(environment.line_comment_prefix),
        repr(environment.trim_blocks),
        repr(environment.lstrip_blocks),
        repr(environment.newline_sequence),
        repr(environment.keep_trailing_newline),
        repr(environment.autoescape),
        repr(environment.optimized),
        repr(sorted(environment.filters)),
        repr(sorted(environment.tests)),
        repr(sorted(environment.extensions)),
    ]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def compile_template(
    environment: jinja2.Environment, source: str, name: str, filename: str | None
) -> Any:
    """`environment.compile(source, name, filename)`, read from the bytecode cache when it
    holds the code of this very source."""
    store = _store()
    if store is None:
        return environment.compile(source, name, filename)
    try:
        bucket = store.get_bucket(
            environment, f"statusgen|{_settings(environment)}|{name}", filename, source
        )
    except OSError:
        return environment.compile(source, name, filename)
    if bucket.code is not None:
        return bucket.code
    code = environment.compile(source, name, filename)
    bucket.code = code
    try:
        store.set_bucket(bucket)
    except OSError:
        pass  # a full or read-only disk: compiled again next time
    return code


class _ThemeCache(jinja2.BytecodeCache):
    """The bytecode cache of another environment (MkDocs' theme's): `_store()`'s entries, keyed
    as `compile_template` keys them."""

    def __init__(self, environment: jinja2.Environment, store: jinja2.BytecodeCache) -> None:
        self.environment = environment
        self.store = store

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            self.store.load_bytecode(bucket)
        except Exception:  # noqa: BLE001 - a damaged entry (pickle's errors too) is compiled again
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            self.store.dump_bytecode(bucket)
        except OSError:
            pass  # a full or read-only disk: compiled again next time

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return super().get_cache_key(f"theme|{_settings(self.environment)}|{name}", filename)


def keep_compiled(environment: jinja2.Environment) -> None:
    """Keep the compiled templates of `environment` (MkDocs' theme's: Material's templates,
    about a tenth of a build with nothing changed) between processes as statusgen's own
    are, unless it has a bytecode cache of its own or `STATUSGEN_CACHE` is off."""
    store = _store()
    if store is not None and environment.bytecode_cache is None:
        environment.bytecode_cache = _ThemeCache(environment, store)


#: Templates compiled in this process, by name, file and source: every renderer's environment
#: has the same settings, so the check's two audiences (and a `mkdocs serve` rebuild) compile
#: each template once. Kept in memory only: compiled code is never read from disk.
_COMPILED: dict[tuple[str, str | None, str], Any] = {}


class CompiledOnce(jinja2.BaseLoader):
    """A loader that compiles each template source once per process (`_COMPILED`)."""

    def __init__(self, loader: jinja2.BaseLoader) -> None:
        self.loader = loader

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        """The source of `template`, from the loader it wraps."""
        return self.loader.get_source(environment, template)

    def load(
        self,
        environment: jinja2.Environment,
        name: str,
        globals: MutableMapping[str, Any] | None = None,
    ) -> jinja2.Template:
        """The template, its code compiled on first use of this source."""
        source, filename, uptodate = self.get_source(environment, name)
        key = (name, filename, source)
        code = _COMPILED.get(key)
        if code is None:
            code = _COMPILED[key] = compile_template(environment, source, name, filename)
        # The globals as one dict, not make_globals' ChainMap: Jinja sets them apart from a
        # render's names on every render and every import (a set difference that walks a
        # ChainMap of 50 names: 1.5 % of a build). Copied, so a template's globals never
        # change the environment's; those are complete before the first template loads.
        return environment.template_class.from_code(
            environment, code, dict(environment.make_globals(globals)), uptodate
        )
