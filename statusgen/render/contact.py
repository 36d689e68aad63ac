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

    @classmethod
    def of(cls, options: ContactOptions, t: Translator) -> Contact | None:
        """The contact line a site's options ask for, if any."""
        if not options.url:
            return None
        return cls(options.text or t("contact.default"), options.url)

    @property
    def href(self) -> str:
        """mailto: for an e-mail address, else the URL."""
        return (
            self.url
            if "://" in self.url or self.url.startswith("mailto:")
            else "mailto:" + self.url
        )
