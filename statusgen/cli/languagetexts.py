"""The responders' texts in the site's languages (issue #28): `--message-LANG` and
`--title-LANG` checked against the site's languages, and, where the message comes from a
template, every language's message filled at once from that language's template (the site's
`templates/<lang>/` when it has one, else statusgen's own set in that language)."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping
from dataclasses import replace

from statusgen.cli.arguments import INTERFACE_LANGUAGES, UsageError
from statusgen.cli.templates import (
    Facts,
    TemplateSource,
    filled_message,
    template_values,
)
from statusgen.clock import load_zone
from statusgen.content import SiteLayout
from statusgen.content.translated import gathered
from statusgen.model import Catalog, PhaseStatus, Translations
from statusgen.options import Options


def given_texts(args: argparse.Namespace, name: str, languages: tuple[str, ...]) -> dict[str, str]:
    """The `--NAME-LANG` texts given, by language (the default language's folded into
    `--NAME`, which it must not repeat); a usage error for a language not the site's."""
    found: dict[str, str] = {}
    default = languages[0] if languages else ""
    for code in INTERFACE_LANGUAGES:
        text = getattr(args, f"{name}_{code}", None)
        if text is None:
            continue
        if code not in languages:
            listed = ", ".join(languages) or "one"
            hint = (
                f"--{name}-{languages[1]}"
                if len(languages) > 1
                else "languages: [en, fr] listed "
                "under the statusgen plugin in mkdocs.yml to write several"
            )
            raise UsageError(
                f"--{name}-{code}: {code} is not one of the site's languages ({listed}); "
                f"expected {hint}"
            )
        if code == default:
            if getattr(args, name, None) is not None:
                given = "the TITLE argument" if name == "title" else f"--{name}"
                others = ", ".join(f"--{name}-{other}" for other in languages[1:]) or "nothing"
                raise UsageError(
                    f"--{name}-{code} and {given} both give the {code} {name}, the default "
                    f"language's; expected one of them (the other languages': {others})"
                )
            setattr(args, name, text)
            continue
        found[code] = text
    return found


def translated_messages(
    args: argparse.Namespace,
    layout: SiteLayout,
    options: Options,
    status: PhaseStatus,
    facts: Callable[[str], Facts],
    catalog: Catalog,
) -> dict[str, str]:
    """Each other language's message: its `--message-LANG`, else (when the default language's
    message comes from a template) its own template filled with `facts(language)`; nothing for
    a language when `--message` alone was given (`statusgen check` warns of it)."""
    languages = layout.languages
    messages = given_texts(args, "message", languages)
    if messages and args.template is not None:
        raise UsageError(
            f"--message-{next(iter(messages))} and --template exclude each other; expected the "
            "template to fill every language, or each language's --message-LANG"
        )
    if args.message is not None:
        return messages
    zone = load_zone(options.timezone)
    for code in languages[1:]:
        if code not in messages:
            source = language_templates(layout, options, code)
            values = template_values(facts(code), catalog, zone, code)
            messages[code] = filled_message(source, status, args, values)
    return {code: messages[code] for code in languages[1:] if code in messages}


def language_templates(layout: SiteLayout, options: Options, language: str) -> TemplateSource:
    """A language's templates (not the default's): the site's `templates/<lang>/`, else
    statusgen's own in that language."""
    folder = layout.root / options.templates_dir / language
    label = layout.label(folder)
    return TemplateSource(layout, folder if folder.is_dir() else None, label, language)


def translated_facts(facts: Facts, titles: Mapping[str, str]) -> Callable[[str], Facts]:
    """The facts a language's template is filled with: its title where it has one."""
    return lambda code: replace(facts, title=titles.get(code, facts.title))


def message_translations(messages: Mapping[str, str], languages: tuple[str, ...]) -> Translations:
    """An update's translations of its message, for `Phase.translations`."""
    return gathered({"message": messages}, languages[1:])
