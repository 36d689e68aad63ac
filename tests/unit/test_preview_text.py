"""Link previews' descriptions: plain text cut at a word."""

from __future__ import annotations

from statusgen.render.previews import cut, preview_tags


def test_short_text_stays_whole_with_folded_space() -> None:
    assert cut("Fixed.\n\n  All   good.") == "Fixed. All good."


def test_long_text_is_cut_at_a_word() -> None:
    text = "alpha beta gamma delta " * 20
    out = cut(text, 50)
    assert len(out) <= 50 and out.endswith("…")
    assert out[:-1] == text[: len(out) - 1].rstrip()
    assert text.startswith(out[:-1] + " ")


def test_one_long_word_is_cut_inside_it() -> None:
    assert cut("x" * 300, 20) == "x" * 19 + "…"


def test_tags_escape_their_values_and_skip_empty_ones() -> None:
    tags = preview_tags(
        title='"><script>x</script>', description="", url=None, site_name="S", article=False
    )
    assert "<script>" not in tags and "&quot;&gt;&lt;script&gt;" in tags
    assert "og:description" not in tags and "og:url" not in tags
    assert '<meta property="og:type" content="website">' in tags
