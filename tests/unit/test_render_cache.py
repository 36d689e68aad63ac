"""The render cache: each text rendered once per build, entries that check themselves, writes
that are whole or absent, a bounded size, and no entry for a text over a budget."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import markdown
import pytest

from statusgen.content import check_site
from statusgen.model import StatusSite
from statusgen.options.mkdocs_yml import read_site_layout
from statusgen.render.markup import MarkdownRenderer, Rendered
from statusgen.render.preflight import check_rendering, render_within_budgets
from statusgen.render.rendercache import CACHE_DIR, CACHE_ENV, RenderCache, trim

REPO = Path(__file__).resolve().parents[2]
TEXT = "Some **bold** text and a [link](https://example.com/)."


@pytest.fixture(scope="module")
def example() -> StatusSite:
    site, problems = check_site(read_site_layout(REPO)[1], datetime(2026, 11, 23, 12, tzinfo=UTC))
    assert problems == []
    return site


@pytest.fixture
def conversions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every text Python-Markdown converts from now on."""
    seen: list[str] = []
    convert = markdown.Markdown.convert

    def counting(self: markdown.Markdown, source: str) -> str:
        seen.append(source)
        html: str = convert(self, source)
        return html

    monkeypatch.setattr(markdown.Markdown, "convert", counting)
    return seen


def test_an_entry_reads_back_as_written(tmp_path: Path) -> None:
    cache = RenderCache(tmp_path)
    assert cache.get(TEXT) is None
    cache.put(TEXT, Rendered("<p>html</p>", 0.25))
    assert cache.get(TEXT) == Rendered("<p>html</p>", 0.25)
    assert cache.get(TEXT + " ") is None
    leftovers = [p.name for p in tmp_path.rglob(".tmp-*")]
    assert leftovers == [], "the temporary file was moved into place"


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],
        lambda data: data + b"<script>alert(1)</script>",
        lambda data: data.replace(b"html", b"HTML"),
        lambda data: b"",
        lambda data: bytes(range(256)),
        lambda data: data.replace(b"0.25", b"nan"),
        lambda data: data.partition(b"\n")[2],
    ],
    ids=["truncated", "appended", "altered", "empty", "garbage", "bad time", "no header"],
)
def test_a_damaged_entry_is_a_miss(tmp_path: Path, damage: object) -> None:
    cache = RenderCache(tmp_path)
    cache.put(TEXT, Rendered("<p>html</p>", 0.25))
    path = cache.path(cache.key(TEXT))
    path.write_bytes(damage(path.read_bytes()))  # type: ignore[operator]
    assert cache.get(TEXT) is None


def test_another_texts_entry_under_this_name_is_a_miss(tmp_path: Path) -> None:
    cache = RenderCache(tmp_path)
    cache.put("*other*", Rendered("<p><em>other</em></p>", 0.1))
    cache.path(cache.key(TEXT)).parent.mkdir(parents=True, exist_ok=True)
    cache.path(cache.key(TEXT)).write_bytes(cache.path(cache.key("*other*")).read_bytes())
    assert cache.get(TEXT) is None


def test_an_unwritable_cache_only_costs_time(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a folder")
    cache = RenderCache(tmp_path / "file" / "cache")
    cache.put(TEXT, Rendered("<p>x</p>", 0.1))
    assert cache.get(TEXT) is None


def test_past_its_cap_the_least_recently_used_entries_go(tmp_path: Path) -> None:
    cache = RenderCache(tmp_path)
    texts = [f"*text {n}*" for n in range(10)]
    for age, text in enumerate(texts):  # text 0 the newest
        cache.put(text, Rendered("<p>" + "x" * 1000 + "</p>", 0.1))
        stamp = 1_000_000_000 - age * 60
        os.utime(cache.path(cache.key(text)), (stamp, stamp))
    stale = cache.path(cache.key(texts[0])).parent / ".tmp-crashed"
    stale.write_bytes(b"half an entry")
    os.utime(stale, (0, 0))
    size = cache.path(cache.key(texts[0])).stat().st_size
    trim(tmp_path, cap=5 * size)
    kept = [text for text in texts if cache.get(text) is not None]
    assert kept == texts[:4], "the newest stay, down to 80 % of the cap"
    assert not stale.exists()


def test_entries_share_sixteen_folders_and_the_old_layout_goes_at_the_next_trim(
    tmp_path: Path,
) -> None:
    cache = RenderCache(tmp_path)
    texts = [f"*text {n}*" for n in range(100)]
    for text in texts:
        cache.put(text, Rendered("<p>" + "x" * 1000 + "</p>", 0.1))
    folders = {path.name for path in tmp_path.iterdir() if path.is_dir()}
    assert folders <= set("0123456789abcdef"), "one folder per first digit of the keys"
    assert len(folders) == 16, "a cold build makes 16 folders, not one per two digits"
    old = tmp_path / "ab" / ("c" * 62)  # an entry of the layout of 256 folders
    old.parent.mkdir()
    old.write_bytes(b"x" * 50)
    (tmp_path / "pages").mkdir()  # another store's folder is not the old layout
    trim(tmp_path, cap=10**9)
    assert not old.parent.exists(), "never read again: gone though the cache is under its cap"
    assert (tmp_path / "pages").is_dir()
    assert all(cache.get(text) is not None for text in texts)


def test_a_read_refreshes_an_old_entrys_time(tmp_path: Path) -> None:
    cache = RenderCache(tmp_path)
    cache.put(TEXT, Rendered("<p>x</p>", 0.1))
    path = cache.path(cache.key(TEXT))
    os.utime(path, (1_000_000_000, 1_000_000_000))
    assert cache.get(TEXT) is not None
    assert path.stat().st_mtime > 1_000_000_000


def test_the_cache_lives_beside_mkdocs_yml_unless_turned_off(tmp_path: Path) -> None:
    assert RenderCache.for_site(tmp_path, {}).folder == tmp_path / CACHE_DIR
    for value in ("off", "0", "false", "NO"):
        with RenderCache.for_site(tmp_path, {CACHE_ENV: value}) as cache:
            folder = cache.folder
            assert not folder.is_relative_to(tmp_path)
            cache.put(TEXT, Rendered("<p>x</p>", 0.1))
            assert cache.get(TEXT) is not None
        assert not folder.exists(), "a temporary cache is removed with the build"


def test_each_text_is_rendered_once_per_build(
    example: StatusSite, tmp_path: Path, conversions: list[str]
) -> None:
    with RenderCache(tmp_path) as cache:
        assert check_rendering(example, cache=cache) == []
        rendered = len(conversions)
        assert rendered > 5
        pages = MarkdownRenderer(cache)
        for incident in example.incidents:
            pages.incident(incident)
        assert len(conversions) == rendered, "pages read what the pre-flight rendered"
        assert len(set(conversions)) == len(conversions), "no text was rendered twice"


def test_a_warm_check_renders_nothing_and_says_the_same(
    example: StatusSite, tmp_path: Path, conversions: list[str]
) -> None:
    with RenderCache(tmp_path) as cache:
        assert check_rendering(example, cache=cache) == []
    conversions.clear()
    with RenderCache(tmp_path) as cache:
        assert check_rendering(example, cache=cache) == []
        pages = [MarkdownRenderer(cache).incident(i) for i in example.incidents]
    assert conversions == []
    assert pages == [MarkdownRenderer().incident(i) for i in example.incidents]


#: Renders to about 29 times its size: over the EXPANSION budget.
DENSE = "# a\n\n" * 400


def test_a_text_over_a_budget_is_never_stored_and_refused_cold_and_warm(tmp_path: Path) -> None:
    renderer = MarkdownRenderer()
    cold = RenderCache(tmp_path)
    html, problem = render_within_budgets(renderer, DENSE, "message", 1.0, cold)
    assert problem is not None and "renders to 58,175 bytes" in problem
    assert cold.get(DENSE) is None, "nothing over a budget goes into the cache"
    # Even an entry that claims to be its rendering (another version's, a forged one) is held
    # to the same budgets.
    cold.put(DENSE, Rendered(html, 0.0))
    warm = RenderCache(tmp_path)
    assert render_within_budgets(renderer, DENSE, "message", 1.0, warm) == (html, problem)


def test_an_entry_slower_than_this_runs_limit_is_rendered_again_under_it(tmp_path: Path) -> None:
    text = "\n\n".join(
        f"- item *{n}* with `code` and [a link](https://example.com/{n})" for n in range(300)
    )
    renderer = MarkdownRenderer()
    cache = RenderCache(tmp_path)
    html, problem = render_within_budgets(renderer, text, "body", 5.0, cache)
    assert problem is None and cache.get(text) is not None
    cache.put(text, Rendered(html, 2.0))  # rendered by a build (5 s), slower than a check's 1 s
    assert render_within_budgets(renderer, text, "body", 5.0, cache) == (html, None)
    refused, problem = render_within_budgets(renderer, text, "body", 0.000_1, cache)
    assert refused == "" and problem is not None and "was stopped after" in problem
