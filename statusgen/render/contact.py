"""The contact line of a site's pages (the `contact` option): a short text and where readers
ask, a URL or an e-mail address."""

from __future__ import annotations

from dataclasses import dataclass

from statusgen.options import ContactOptions
from statusgen.render.locale import Translator


@dataclass(frozen=True)
class Contact:
    """The contact line: a short text and a URL or e-mail address."""

    text: str
    url: str
    #: The text's language where it is not the page's (a site's text kept in its default
    #: language for want of the page's), for `lang`: screen readers switch voice.
    lang: str | None = None

    @classmethod
    def of(cls, options: ContactOptions, t: Translator, default: str) -> Contact | None:
        """The contact line a site's options ask for, if any, in `t`'s language: the text
        written for it, else the one for the site's `default` language (marked), else
        statusgen's own words in the page's language."""
        if not options.url:
            return None
        if isinstance(options.text, str):
            return cls(options.text or t("contact.default"), options.url)
        texts = dict(options.text)
        if t.language in texts:
            return cls(texts[t.language], options.url)
        if default in texts:
            return cls(texts[default], options.url, lang=default)
        return cls(t("contact.default"), options.url)

    @property
    def href(self) -> str:
        """mailto: for an e-mail address, else the URL."""
        return (
            self.url
            if "://" in self.url or self.url.startswith("mailto:")
            else "mailto:" + self.url
        )
