"""Interface strings in the site's language (Material's `theme.language`), English as fallback."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

DEFAULT_LANGUAGE = "en"


@cache
def _strings(language: str) -> dict[str, Any]:
    path = resources.files("statusgen") / "locales" / f"{language}.yml"
    if not path.is_file():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else {}


class Translator:
    """Looks strings up in one language, falling back to English for missing keys."""

    def __init__(self, language: str) -> None:
        base = language.split("-")[0].lower() if language else DEFAULT_LANGUAGE
        self.language = base if _strings(base) else DEFAULT_LANGUAGE
        self._own = _strings(self.language)
        self._fallback = _strings(DEFAULT_LANGUAGE)

    def __call__(self, key: str, **values: object) -> str:
        """The string for `key`, with `{placeholders}` filled in."""
        text = self._own.get(key, self._fallback.get(key, key))
        return str(text).format(**values) if values else str(text)

    def month(self, number: int, short: bool = True) -> str:
        """A month's name, 1 = January."""
        names = (
            self._own.get("months_short" if short else "months") or self._fallback["months_short"]
        )
        return str(names[number - 1])
