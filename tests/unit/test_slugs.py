"""Slugs of names and titles: ASCII, accented letters spelled out, whatever Unicode form the
editor stored the text in."""

from __future__ import annotations

import unicodedata

import pytest

from statusgen.slugs import name_slug, slugify


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Core platform", "core-platform"),
        ("Überprüfung", "ueberpruefung"),
        ("Données & livraison", "donnees-livraison"),
        ("Straße", "strasse"),
        ("Ærø Ø", "aero-o"),
        ("Łódź", "lodz"),
        ("データ", ""),  # other scripts: nothing to spell, the caller falls back
    ],
)
def test_name_slugs(name: str, slug: str) -> None:
    assert name_slug(name) == slug


@pytest.mark.parametrize("name", ["Über", "Données", "Ærø", "Mise à jour"])
def test_the_same_name_gives_the_same_slug_in_every_unicode_form(name: str) -> None:
    forms = {unicodedata.normalize(form, name) for form in ("NFC", "NFD", "NFKC", "NFKD")}
    assert len({name_slug(form) for form in forms}) == 1


def test_slugify_keeps_ascii_words_only() -> None:
    assert slugify("  API -- v2 / EU  ") == "api-v2-eu"
