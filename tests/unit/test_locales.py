"""Interface strings of every language: numbers stay with their units, and the day bars' words
are translated (not left to the English fallback)."""

from __future__ import annotations

import re
from datetime import UTC, timedelta
from pathlib import Path

import pytest
import yaml

from statusgen.render.locale import TimeFormatter, Translator

LOCALES = Path(__file__).resolve().parents[2] / "statusgen" / "render" / "locales"
LANGUAGES = sorted(p.stem for p in LOCALES.glob("*.yml"))
#: Keys the day bars and their legend use, besides the status words.
BAR_KEYS = (
    "bars.label",
    "bars.no_data",
    "bars.no_incidents",
    "bars.more",
    "bars.incidents",
    "bars.status_for",
    "bars.under_a_minute",
    "bars.legend_title",
    "bars.legend_no_data",
)


def _strings(language: str) -> dict[str, object]:
    data: dict[str, object] = yaml.safe_load((LOCALES / f"{language}.yml").read_text("utf-8"))
    return data


def test_the_four_languages_are_there() -> None:
    assert LANGUAGES == ["de", "en", "fr", "nl"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_durations_and_percentages_never_break_inside(language: str) -> None:
    """A duration ("2 h 20 min") is one unbreakable run: U+00A0 between number and unit, and
    between its parts; a percentage keeps its sign ("99.87 %")."""
    t = Translator(language)
    fmt = TimeFormatter(UTC, t)
    spans = [timedelta(minutes=45), timedelta(hours=2, minutes=20), timedelta(hours=3)]
    for span in [*spans, timedelta(days=1, hours=2)]:
        text = fmt.duration(span)
        assert " " not in text and "\u00a0" in text, (language, text)
    assert re.search(r"1\u00a0\S", t("bars.under_a_minute")), language
    uptime = t("overview.uptime_days", percent="99.87", days=90)
    assert "99.87\u00a0%" in uptime and not re.search(r"\d %", uptime), (language, uptime)


@pytest.mark.parametrize("language", LANGUAGES)
def test_bar_words_are_translated_and_the_old_legend_is_gone(language: str) -> None:
    strings = _strings(language)
    missing = [key for key in BAR_KEYS if key not in strings]
    assert not missing, f"{language}: missing {missing}"
    assert "bars.legend" not in strings, f"{language}: the one-sentence legend is back"
    assert {"{status}", "{duration}"} <= set(
        re.findall(r"\{\w+\}", str(strings["bars.status_for"]))
    )
    # The new keys follow the other bars.* keys, as one block.
    keys = list(strings)
    bars = [i for i, key in enumerate(keys) if key.startswith("bars.")]
    assert bars == list(range(bars[0], bars[0] + len(bars))), f"{language}: bars.* keys apart"
