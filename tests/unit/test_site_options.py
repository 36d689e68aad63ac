"""The command line reads the plugin's options from mkdocs.yml as MkDocs does: what the build
refuses, `statusgen check` refuses too."""

from __future__ import annotations

from pathlib import Path

import pytest

from statusgen.options import Options
from statusgen.options.mkdocs_yml import SiteConfigError, read_site_options
from statusgen.render.contact import Contact
from statusgen.render.locale import Translator

MKDOCS = """site_name: Test
plugins:
  - statusgen:
      timezone: UTC
{contact}"""


def options_with(tmp_path: Path, contact: str) -> Options:
    (tmp_path / "mkdocs.yml").write_text(MKDOCS.format(contact=contact), encoding="utf-8")
    return read_site_options(tmp_path)


def test_a_contact_written_empty_is_refused_as_the_build_refuses_it(tmp_path: Path) -> None:
    with pytest.raises(SiteConfigError, match="option contact is None; expected"):
        options_with(tmp_path, "      contact:\n")


def test_a_contact_mapping_is_read(tmp_path: Path) -> None:
    contact = "      contact: {url: 'https://help.example.com', text: Ask}\n"
    assert options_with(tmp_path, contact).contact.url == "https://help.example.com"


def test_a_contact_text_per_language_is_read_and_each_page_gets_its_own(tmp_path: Path) -> None:
    contact = options_with(
        tmp_path,
        "      contact:\n        url: mailto:help@example.com\n"
        "        text: {en: Ask us, fr: Écrivez-nous}\n",
    ).contact
    assert contact.text == (("en", "Ask us"), ("fr", "Écrivez-nous"))
    assert Contact.of(contact, Translator("fr"), "en") == Contact(
        "Écrivez-nous", "mailto:help@example.com"
    )
    assert Contact.of(contact, Translator("en"), "en") == Contact(
        "Ask us", "mailto:help@example.com"
    )
    # No Dutch text: the default language's, marked with its language for screen readers.
    assert Contact.of(contact, Translator("nl"), "en") == Contact(
        "Ask us", "mailto:help@example.com", lang="en"
    )
    # Neither the page's language nor the default: statusgen's own words in the page's.
    dutch = Contact.of(contact, Translator("nl"), "de")
    assert dutch is not None and dutch.text == Translator("nl")("contact.default")
    assert dutch.lang is None


@pytest.mark.parametrize("text", ["{fr: 3}", "{French: Écrivez-nous}", "{fr: ''}", "[a, b]"])
def test_a_contact_text_that_is_no_text_per_language_is_refused(tmp_path: Path, text: str) -> None:
    with pytest.raises(SiteConfigError, match="a mapping of language codes to texts"):
        options_with(tmp_path, f"      contact: {{url: mailto:help@example.com, text: {text}}}\n")


def test_no_contact_is_the_default(tmp_path: Path) -> None:
    assert options_with(tmp_path, "").contact.url is None


@pytest.mark.parametrize("secret", ["*x", "@x", "&anchor", "{a: b}", "[1, 2]", "a: b", "!tag"])
def test_an_env_value_is_read_as_one_scalar_as_mkdocs_reads_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, secret: str
) -> None:
    """A secret is text, whatever YAML syntax it starts with (MkDocs' pyyaml_env_tag)."""
    monkeypatch.setenv("HOOK_SECRET", secret)
    (tmp_path / "mkdocs.yml").write_text(
        MKDOCS.format(contact="")
        + "      notify:\n"
        + "        - type: webhook\n"
        + "          url: https://hooks.test/x\n"
        + "          secret: !ENV HOOK_SECRET\n",
        encoding="utf-8",
    )
    (channel,) = read_site_options(tmp_path).notify
    assert channel.secret == secret
