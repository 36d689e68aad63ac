"""Slugs: the ASCII ids and anchors made from names and titles."""

from __future__ import annotations

import unicodedata


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens: "Core platform" -> "core-platform"."""
    out: list[str] = []
    for char in text.lower():
        if char.isascii() and char.isalnum():
            out.append(char)
        elif out and out[-1] != "-":
            out.append("-")
    return "".join(out).strip("-")


#: Letters whose ASCII spelling is not their base letter (German, Nordic, and a few more).
_SPELLED = str.maketrans(
    {
        "ä": "ae",
        "ö": "oe",
        "ü": "ue",
        "Ä": "Ae",
        "Ö": "Oe",
        "Ü": "Ue",
        "ß": "ss",
        "æ": "ae",
        "Æ": "Ae",
        "ø": "o",
        "Ø": "O",
        "å": "aa",
        "Å": "Aa",
        "œ": "oe",
        "Œ": "Oe",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "þ": "th",
        "Þ": "Th",
        "ð": "d",
    }
)


def transliterate(text: str) -> str:
    """Latin letters with accents as their ASCII spelling: "Überprüfung" -> "Ueberpruefung",
    "Mise à jour" -> "Mise a jour". Other scripts are left to the slug (which drops them)."""
    composed = unicodedata.normalize("NFC", text)  # "u" + U+0308 is "ü" too, so "ue"
    decomposed = unicodedata.normalize("NFKD", composed.translate(_SPELLED))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def name_slug(name: str) -> str:
    """The slug of a name, accented letters transliterated: "Überprüfung" -> "ueberpruefung"."""
    return slugify(transliterate(name))
