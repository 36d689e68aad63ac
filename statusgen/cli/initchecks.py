"""The checks of `statusgen init`'s answers, each raising a `UsageError` that says what was
expected: a wrong option stops init, a wrong reply in a terminal is explained and asked again.
The same rules the plugin applies to these options, and the name's and language's own."""

from __future__ import annotations

import re
from collections.abc import Sequence
from importlib import resources

from statusgen.cli.arguments import UsageError
from statusgen.cli.defaults import PRIVATE_PLANS
from statusgen.content.rules import ID_EXPECTED, is_id
from statusgen.options import check_contact_url, check_time_zone
from statusgen.problems import printable

#: The interface languages statusgen ships (`render/locales/<language>.yml`).
LANGUAGES = tuple(
    sorted(
        entry.name.removesuffix(".yml")
        for entry in (resources.files("statusgen.render") / "locales").iterdir()
        if entry.name.endswith(".yml")
    )
)
#: Characters a page's name may not hold: MkDocs themes put `site_name` into HTML as it is
#: (Material's `<title>` and header), and a line break would add keys to mkdocs.yml.
NAME_REFUSED = re.compile(r'[<>"\n\r\u0085\u2028\u2029]')
#: A contact's address: the characters of a URL or e-mail address, nothing that ends a
#: Markdown link or an HTML attribute (no brackets, parentheses, quotes or spaces).
CONTACT_SAFE = re.compile(r"[A-Za-z0-9._~:/?#@!$&*+,;=%-]+")


def check_private(plan: str) -> None:
    """A plan that publishes a private repository's site."""
    if plan == "free":
        raise UsageError(
            "--private free: GitHub Free cannot publish a private repository with GitHub "
            "Pages; expected pro, team or enterprise (or a public repository: no --private)"
        )
    if plan not in PRIVATE_PLANS:
        raise UsageError(
            f"--private {printable(plan)!r}: expected pro, team or enterprise (GitHub Free "
            "cannot publish a private repository)"
        )


def parse_component(text: str) -> tuple[str, str]:
    """`api=Public API` -> ("api", "Public API")."""
    component_id, _, name = text.partition("=")
    component_id, name = component_id.strip(), name.strip()
    if not is_id(component_id) or not name:
        raise UsageError(f"--component {text!r}: expected id=Name, the id being {ID_EXPECTED}")
    return component_id, name


def check_name(name: str) -> None:
    """One line of plain words: themes show the name as HTML."""
    if found := NAME_REFUSED.search(name):
        raise UsageError(
            f"--name {printable(name)!r} holds {printable(found.group())!r}; expected "
            'one line of plain words without <, > or " (themes show the name as HTML)'
        )


def check_language(language: str) -> None:
    """One of the shipped interface languages."""
    if language not in LANGUAGES:
        raise UsageError(
            f"--language {printable(language)!r}: expected one of {', '.join(LANGUAGES)}"
        )


def check_url(url: str) -> None:
    """An http(s) address."""
    if not url.startswith(("https://", "http://")):
        raise UsageError(f"--url {printable(url)!r}: expected an http(s) address")


def check_timezone(timezone: str) -> None:
    """An IANA time zone, as the plugin's option wants it."""
    if expected := check_time_zone(timezone):
        raise UsageError(f"--timezone {printable(timezone)!r}: expected {expected}")


def check_contact(contact: str) -> None:
    """None (empty), or an address that ends no Markdown link or attribute."""
    if contact and (
        (expected := check_contact_url(contact)) or not CONTACT_SAFE.fullmatch(contact)
    ):
        raise UsageError(
            f"--contact {printable(contact)!r}: expected "
            f"{expected or 'an address without spaces, quotes, brackets or parentheses'}"
        )


def check_components(components: Sequence[str]) -> None:
    """Each `id=Name`, each id once."""
    ids = [parse_component(c)[0] for c in components]
    if len(set(ids)) != len(ids):
        raise UsageError(f"--component ids repeat: {', '.join(ids)}; expected each once")


def check_component_list(reply: str) -> None:
    """A comma-separated reply of `id=Name` components."""
    check_components([c.strip() for c in reply.split(",") if c.strip()])
