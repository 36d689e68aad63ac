"""The compiled templates' cache (`render/jinjacache.py`): a template is compiled once across
processes, an edited one again, a damaged entry is compiled again, and the cache can be off;
the same for a theme's templates (`keep_compiled`)."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from statusgen.render import jinjacache
from statusgen.render.jinjacache import compile_template, keep_compiled

SOURCE = "{% for x in items %}<b>{{ x }}</b>{% endfor %}"


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "bytecode"
    folder.mkdir()
    monkeypatch.setattr(jinjacache, "_store", lambda: jinja2.FileSystemBytecodeCache(str(folder)))
    return folder


class Counting(jinja2.Environment):
    compiled = 0

    def compile(self, *args: object, **kwargs: object) -> object:  # type: ignore[override]
        Counting.compiled += 1
        return super().compile(*args, **kwargs)  # type: ignore[call-overload]


def render(environment: jinja2.Environment, source: str, name: str = "page.html") -> str:
    code = compile_template(environment, source, name, f"/templates/{name}")
    template = environment.template_class.from_code(
        environment, code, environment.make_globals(None), None
    )
    return template.render(items=["a", "<c>"])


def fresh() -> Counting:
    Counting.compiled = 0
    return Counting(autoescape=True, trim_blocks=True, lstrip_blocks=True)


def test_a_template_is_compiled_once_then_read_back(store: Path) -> None:
    first = render(fresh(), SOURCE)
    assert Counting.compiled == 1 and len(list(store.iterdir())) == 1
    assert render(fresh(), SOURCE) == first == "<b>a</b><b>&lt;c&gt;</b>"
    assert Counting.compiled == 0, "a new environment (a new process) reads the compiled code"


def test_an_edited_template_is_compiled_again(store: Path) -> None:
    render(fresh(), SOURCE)
    assert render(fresh(), SOURCE.replace("<b>", "<i>").replace("</b>", "</i>")) == (
        "<i>a</i><i>&lt;c&gt;</i>"
    )
    assert Counting.compiled == 1


def test_other_settings_do_not_share_compiled_code(store: Path) -> None:
    render(fresh(), SOURCE)
    Counting.compiled = 0
    plain = Counting(autoescape=False)
    assert render(plain, SOURCE) == "<b>a</b><b><c></b>"
    assert Counting.compiled == 1


def test_a_damaged_entry_is_compiled_again(store: Path) -> None:
    expected = render(fresh(), SOURCE)
    (entry,) = store.iterdir()
    data = entry.read_bytes()
    for damage in (b"", data[: len(data) // 2], b"garbage" * 10):
        entry.write_bytes(damage)
        assert render(fresh(), SOURCE) == expected
        assert Counting.compiled == 1


def test_turned_off_there_is_no_store(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STATUSGEN_CACHE", "off")
    jinjacache._store.cache_clear()
    try:
        assert jinjacache._store() is None
        assert render(fresh(), SOURCE) == "<b>a</b><b>&lt;c&gt;</b>"
        assert Counting.compiled == 1
    finally:
        jinjacache._store.cache_clear()


def theme(folder: Path) -> Counting:
    """A theme's environment, as MkDocs makes it (a loader over its folder), kept compiled."""
    environment = fresh()
    environment.loader = jinja2.FileSystemLoader(folder)
    keep_compiled(environment)
    return environment


def test_a_themes_templates_are_compiled_once_then_read_back(store: Path, tmp_path: Path) -> None:
    folder = tmp_path / "theme"
    folder.mkdir()
    (folder / "main.html").write_text(SOURCE, encoding="utf-8")
    expected = "<b>a</b><b>&lt;c&gt;</b>"
    assert theme(folder).get_template("main.html").render(items=["a", "<c>"]) == expected
    assert Counting.compiled == 1
    assert theme(folder).get_template("main.html").render(items=["a", "<c>"]) == expected
    assert Counting.compiled == 0, "a new environment (a new process) reads the compiled code"
    (folder / "main.html").write_text(SOURCE.replace("b>", "i>"), encoding="utf-8")
    assert theme(folder).get_template("main.html").render(items=["a"]) == "<i>a</i>"
    assert Counting.compiled == 1
    for entry in store.iterdir():
        entry.write_bytes(b"garbage")
    assert theme(folder).get_template("main.html").render(items=["a"]) == "<i>a</i>"
    assert Counting.compiled == 1, "a damaged entry is compiled again"


def test_a_theme_with_its_own_bytecode_cache_keeps_it(store: Path, tmp_path: Path) -> None:
    own = jinja2.FileSystemBytecodeCache(str(tmp_path))
    environment = jinja2.Environment(bytecode_cache=own)
    keep_compiled(environment)
    assert environment.bytecode_cache is own
