"""The footer per language (the `copyright` option, issue 28): the page language's text, else
the default language's marked with its `lang`, else mkdocs.yml's own; refused on a site of
one language, where mkdocs.yml's `copyright` is the footer."""

from __future__ import annotations

from statusgen.options import Options, check_option, languages_problem
from statusgen.plugin.languages import footer

TEXTS = (("en", "© Acme · <a href='/legal/'>Legal</a>"), ("fr", "© Acme · Mentions"))


def test_a_page_s_footer_is_its_language_s_text_else_the_default_s_marked() -> None:
    assert footer(TEXTS, "fr", "en", "site's") == "© Acme · Mentions"
    assert footer(TEXTS, "en", "en", "site's") == "© Acme · <a href='/legal/'>Legal</a>"
    assert footer(TEXTS, "de", "en", "site's") == (
        "<span lang=\"en\">© Acme · <a href='/legal/'>Legal</a></span>"
    )
    assert footer(TEXTS[1:], "en", "en", "site's") == "site's"
    assert footer(TEXTS[1:], "de", "en", None) is None
    assert footer((), "fr", "en", "site's") == "site's"
    assert footer("© Acme", "fr", "en", "site's") == "© Acme"


def test_the_option_takes_texts_per_language_on_a_site_of_several_only() -> None:
    assert not check_option("copyright", {"fr": "© Acme"})
    assert check_option("copyright", {"fr": ["© Acme"]})
    assert languages_problem(Options(languages=("en", "fr"), copyright=TEXTS), "en") is None
    wrong = languages_problem(Options(copyright=TEXTS), "en")
    assert wrong is not None and wrong.startswith("copyright is set, but the site has one language")
