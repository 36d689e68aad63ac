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
from statusgen.content import SiteLayout, fieldregistry
from statusgen.content.translated import gathered
from statusgen.model import Catalog, PhaseStatus, Translations
from statusgen.options import Options


def given_texts(
    args: argparse.Namespace, name: str, languages: tuple[str, ...], option: str = ""
) -> dict[str, str]:
    """The `--NAME-LANG` texts given, by language (the default language's folded into
    `--NAME`, which it must not repeat); a usage error for a language not the site's.
    `option`: the option's name when it is not `name` (the argument's dest)."""
    found: dict[str, str] = {}
    default = languages[0] if languages else ""
    option = option or name
    for code in INTERFACE_LANGUAGES:
        text = getattr(args, f"{name}_{code}", None)
        if text is None:
            continue
        if code not in languages:
            listed = ", ".join(languages) or "one"
            hint = (
                f"--{option}-{languages[1]}"
                if len(languages) > 1
                else "languages: [en, fr] listed "
                "under the statusgen plugin in mkdocs.yml to write several"
            )
            raise UsageError(
                f"--{option}-{code}: {code} is not one of the site's languages ({listed}); "
                f"expected {hint}"
            )
        if code == default:
            if getattr(args, name, None) is not None:
                given = "the TITLE argument" if name == "title" else f"--{option}"
                others = ", ".join(f"--{option}-{other}" for other in languages[1:]) or "nothing"
                raise UsageError(
                    f"--{option}-{code} and {given} both give the {code} {name}, the default "
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
    for code in languages[1:]:
        if getattr(args, f"workaround_{code}", None) is None:
            continue
        given = f"--message-{code}" if code in messages else "--message"
        if args.message is not None or code in messages:
            raise UsageError(
                f"--workaround-{code} fills the {code} template's {{{{workaround}}}}, which "
                f"{given} leaves unused; expected it without {given} (or write it into "
                f"--message-{code})"
            )
    if args.message is not None:
        return messages

    def fill_one(source: TemplateSource, values: Mapping[str, str]) -> str:
        own = getattr(args, f"workaround_{source.language}", None)
        return filled_message(source, status, replace_workaround(args, own), values)

    wanted = tuple(code for code in languages[1:] if code not in messages)
    messages |= language_messages(layout, options, wanted, facts, catalog, fill_one)
    return {code: messages[code] for code in languages[1:] if code in messages}


def language_messages(
    layout: SiteLayout,
    options: Options,
    languages: tuple[str, ...],
    facts: Callable[[str], Facts],
    catalog: Catalog,
    fill_one: Callable[[TemplateSource, Mapping[str, str]], str],
) -> dict[str, str]:
    """Each of `languages`' message: `fill_one` with that language's templates and the values
    of `facts(language)` (its title, its workaround, its words for the components' list):
    `statusgen new`'s and the monitor's (`statusgen probe`, `statusgen alert`)."""
    zone = load_zone(options.timezone)
    return {
        code: fill_one(
            language_templates(layout, options, code),
            template_values(facts(code), catalog, zone, code),
        )
        for code in languages
    }


def replace_workaround(args: argparse.Namespace, workaround: str | None) -> argparse.Namespace:
    """`args` with a language's own `--workaround-LANG` as `--workaround` (for the check that
    its template uses it), or `args` itself without one."""
    if workaround is None:
        return args
    return argparse.Namespace(**{**vars(args), "workaround": workaround})


def given_fields(args: argparse.Namespace, languages: tuple[str, ...]) -> dict[str, dict[str, str]]:
    """Each registered text field's `--FLAG-LANG` texts (`content/fieldregistry.py`: field
    name -> language -> text); a usage error for one without the default language's `--FLAG`
    (the update would not state the field at all)."""
    found: dict[str, dict[str, str]] = {}
    for each in fieldregistry.common():
        if each.flag is None or not each.text:
            continue
        option = each.flag.removeprefix("--")
        texts = given_texts(args, each.name, languages, option)
        if texts and getattr(args, each.name, None) is None:
            raise UsageError(
                f"--{option}-{next(iter(texts))} without {each.flag}: expected {each.flag} "
                f"too, the {languages[0]} text (the update states the field in every language)"
            )
        if texts:
            found[each.name] = texts
    return found


def language_templates(layout: SiteLayout, options: Options, language: str) -> TemplateSource:
    """A language's templates (not the default's): the site's `templates/<lang>/`, else
    statusgen's own in that language."""
    folder = layout.root / options.templates_dir / language
    label = layout.label(folder)
    return TemplateSource(layout, folder if folder.is_dir() else None, label, language)


def translated_facts(
    facts: Facts, texts: Mapping[str, Mapping[str, str]]
) -> Callable[[str], Facts]:
    """The facts a language's template is filled with: its title and its workaround where
    `texts` (language -> field -> text, as `Incident.translations`) has them, else the default
    language's. Component names stay as components.yml writes them (one name a component)."""

    def of(code: str) -> Facts:
        own = texts.get(code, {})
        return replace(
            facts,
            title=own.get("title", facts.title),
            workaround=own.get("workaround", facts.workaround),
        )

    return of


def message_translations(
    messages: Mapping[str, str],
    languages: tuple[str, ...],
    fields: Mapping[str, Mapping[str, str]] | None = None,
) -> Translations:
    """An update's translations of its message (and of its stated text `fields`: name ->
    language -> text), for `Phase.translations`."""
    return gathered({"message": messages, **(fields or {})}, languages[1:])
