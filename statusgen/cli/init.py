"""`statusgen init`: a new status site of a team's own, from the templates in
`statusgen/scaffold/site/` filled with the team's answers, and the message templates of
`statusgen/scaffold/templates/<language>/` in its `templates/` folder. No example company, no
guides in the public navigation; it builds with `mkdocs build --strict` right away, and so does
a fresh clone (every folder it needs holds a file, since git keeps no empty folder)."""

from __future__ import annotations

import argparse
import html
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from string import Template

from statusgen.cli.arguments import EXIT_OK, UsageError
from statusgen.cli.defaults import PRIVATE_PLANS
from statusgen.cli.initchecks import (
    check_component_list,
    check_components,
    check_contact,
    check_language,
    check_name,
    check_private,
    check_timezone,
    check_url,
    parse_component,
)
from statusgen.cli.requirement import InstallLine, install_line
from statusgen.cli.schedules import (
    RUN_MINUTES,
    WEEKLY_MINUTES,
    probe_schedule_for,
    schedule_for,
)
from statusgen.cli.templates import built_in
from statusgen.content.fieldregistry import published_schema
from statusgen.content.writing import quote
from statusgen.problems import printable
from statusgen.render import urls
from statusgen.render.locale import Translator

#: Template files and where they go in the new site (most keep their name).
RENAMED = {
    "gitignore": ".gitignore",
    "pre-commit-config.yaml": ".pre-commit-config.yaml",
    "vscode/settings.json": ".vscode/settings.json",
}
#: Copied as they are (no `$` placeholders): the lock is made by `make lock`.
VERBATIM = {"requirements.lock"}
#: Before statusgen's own pin, for a release, at the end of a site's requirements.lock.
LOCKED_STATUSGEN = b"""\
# statusgen itself, the release requirements.txt names, with the hash of its wheel on the
# package index (written by `statusgen init`; requirements.txt holds the same hash, so that
# raising the version there alone still installs a hash-checked statusgen):
"""
#: Where the site is hosted: its CI files. GitLab gets .gitlab-ci.yml instead of .github/.
DEFAULT_COMPONENTS = ("website=Website",)


@dataclass(frozen=True)
class Answers:
    """What a team tells `init` about its site."""

    name: str
    url: str
    timezone: str
    language: str
    contact: str | None
    #: (id, name) pairs, in order.
    components: tuple[tuple[str, str], ...]
    #: How CI installs statusgen (requirements.txt, and requirements.lock for a release).
    install: InstallLine = InstallLine("statusgen")
    #: One of HOSTS.
    host: str = "github"
    #: The GitHub plan of a private repository (one of PRIVATE_PLANS); None: public.
    private: str | None = None


def command_init(args: argparse.Namespace, now: datetime) -> int:
    """Write a new site into DIR (default: here); refuse to overwrite unless --force."""
    target = Path(args.target)
    answers = gather(args)
    files = scaffold(answers, now)
    clashes = [name for name in files if (target / name).exists()]
    if clashes and not args.force:
        shown = ", ".join(printable(name) for name in clashes[:5])
        more = f" and {len(clashes) - 5} more" if len(clashes) > 5 else ""
        raise UsageError(
            f"{target} already has {shown}{more}; expected an empty folder (or --force)"
        )
    for name, content in files.items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    print(f"statusgen: wrote {len(files)} files for {printable(answers.name)} into {target}/")
    if answers.install.hashes:
        print(f"requirements.txt and .lock install {answers.install.line}, hash-checked")
    else:
        print(f"requirements.txt installs {answers.install.line}")
    schedule = schedule_for(answers.private)
    if answers.private is not None:
        worst = schedule.runs * RUN_MINUTES + WEEKLY_MINUTES
        quiet = schedule.runs + WEEKLY_MINUTES
        print(
            f"schedule: every {schedule.words}; at most {worst:,} of the "
            f"{PRIVATE_PLANS[answers.private]:,} Actions minutes of GitHub "
            f"{answers.private.capitalize()} a month (about {quiet:,} in a quiet month)"
        )
        probe = probe_schedule_for(answers.private)
        print(
            f"probe: every {probe.words}, about {probe.runs:,} Actions minutes a month once a "
            "component has monitors"
        )
    if answers.host == "gitlab":
        print("next: git init, commit, push to GitLab; set site_url to the address under")
        print("      Deploy -> Pages; post an incident with `statusgen new`")
    else:
        print("next: git init, commit, push to GitHub, then enable Pages (Settings -> Pages ->")
        print("      Source: GitHub Actions); post an incident with `statusgen new`")
    return EXIT_OK


def gather(args: argparse.Namespace) -> Answers:
    """The answers from the options, asking in a terminal for those not given. Each answer is
    checked as it comes: a wrong option stops init; a wrong reply is explained and asked again."""
    ask = sys.stdin.isatty() and not args.no_input

    def value(
        given: str | None, question: str, default: str | None, check: Callable[[str], None]
    ) -> str | None:
        if given is not None:
            check(given)
            return given
        while ask:
            reply = input(f"{question}{f' [{default}]' if default else ''}: ").strip()
            try:
                if reply or default is None:
                    check(reply)
                return reply or default
            except UsageError as error:
                print(f"statusgen: {error}; try again", file=sys.stderr)
        return default

    name = str(value(args.name, "Name of the page", "Status", check_name))
    url = value(args.url, "Address of the site (its site_url)", None, check_url)
    if not url:
        raise UsageError("--url is required: the site's address, e.g. https://status.example.com/")
    timezone = str(value(args.timezone, "Time zone (IANA)", "UTC", check_timezone))
    language = str(value(args.language, "Language (en, fr, nl, de)", "en", check_language))
    contact = value(args.contact, "Contact (URL or e-mail; empty for none)", None, check_contact)
    private = args.private
    if private is not None and args.host != "github":
        raise UsageError("--private is for GitHub sites; expected no --private with --host gitlab")
    if private is None and ask and args.host == "github":
        question = "Private repository? Its GitHub plan (pro, team, enterprise; empty: public)"
        private = (
            value(None, question, None, lambda reply: check_private(reply) if reply else None)
            or None
        )
    if private is not None:
        check_private(private)
    components = args.component or None
    if components is not None:
        check_components(components)
    if components is None and ask:
        question = f"Components as id=Name, comma-separated [{DEFAULT_COMPONENTS[0]}]"
        reply = value(None, question, ",".join(DEFAULT_COMPONENTS), check_component_list)
        components = [c.strip() for c in str(reply).split(",") if c.strip()] or None
    answers = Answers(
        name=name,
        url=url if url.endswith("/") else url + "/",
        timezone=timezone,
        language=language,
        contact=contact or None,
        components=tuple(parse_component(c) for c in components or DEFAULT_COMPONENTS),
        install=install_line(args.statusgen_requirement),
        host=args.host,
        private=private,
    )
    validate(answers)
    return answers


#: Markdown's punctuation that a backslash makes literal (Python-Markdown's escapes).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def markdown_text(text: str) -> str:
    """Plain text for a Markdown page: HTML's `&`, `<`, `>` as entities and Markdown's
    punctuation escaped, so it reads as written and can open no tag or link."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def validate(answers: Answers) -> None:
    """The same rules the plugin applies to these options, and the language's and name's own."""
    check_name(answers.name)
    check_language(answers.language)
    check_url(answers.url)
    check_timezone(answers.timezone)
    check_contact(answers.contact or "")
    check_components([f"{i}={name}" for i, name in answers.components])


def scaffold(answers: Answers, now: datetime) -> dict[str, bytes]:
    """Every file of the new site, by path."""
    root = resources.files("statusgen") / "scaffold" / "site"
    values = substitutions(answers, now)
    files: dict[str, bytes] = {}
    for source, name in walk(root):
        if name.startswith("github/") and answers.host != "github":
            continue
        target = RENAMED.get(name, name.replace("github/", ".github/", 1))
        localized = resources.files("statusgen") / "scaffold" / "localized" / answers.language
        if name in LOCALIZED and (localized / name).is_file():
            source = localized / name
        if name in VERBATIM:
            files[target] = source.read_bytes()
            if name == "requirements.lock" and answers.install.hashes:
                files[target] += LOCKED_STATUSGEN + answers.install.pinned.encode() + b"\n"
        else:
            text = Template(source.read_text(encoding="utf-8")).substitute(values)
            files[target] = for_host(text, answers.host).encode()
    package = resources.files("statusgen")
    if answers.host == "gitlab":  # the same code owners; GitLab reads them in .gitlab/
        files[".gitlab-ci.yml"] = (package / "scaffold" / "gitlab-ci.yml").read_bytes()
        files[".gitlab/CODEOWNERS"] = (root / "github" / "CODEOWNERS").read_bytes()
    for schema in urls.SCHEMAS:  # for editors (docs/reference.md, "Editor support")
        files[urls.schema(schema)] = published_schema(schema, (answers.language,))
    for source, name in walk(built_in(answers.language)):  # as they are: no `$` placeholders
        files[f"templates/{name}"] = source.read_bytes()
    files[f"incidents/{now:%Y}/.gitkeep"] = b""
    return files


HOST_BLOCK = re.compile(r"^<!-- host: (\w+) -->\n(.*?)^<!-- /host -->\n", re.S | re.M)


def for_host(text: str, host: str) -> str:
    """The text with its `<!-- host: NAME -->` … `<!-- /host -->` blocks kept for the site's
    host (markers removed) and dropped for the others."""
    return HOST_BLOCK.sub(lambda m: m.group(2) if m.group(1) == host else "", text)


def walk(folder: Traversable, prefix: str = "") -> list[tuple[Traversable, str]]:
    """Every template file below `folder`, with its path relative to it."""
    found = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.is_dir():
            found += walk(entry, f"{prefix}{entry.name}/")
        elif not entry.name.startswith((".", "__")):
            found.append((entry, prefix + entry.name))
    return found


#: The words of a new site's mkdocs.yml in its language (`scaffold.<key>` in the locales).
SCAFFOLD_WORDS = (
    "nav_status",
    "nav_history",
    "nav_report",
    "nav_subscribe",
    "nav_about",
    "dark_mode",
    "light_mode",
)
#: Where the hand-written pages of a new site are, per language; English is in `site/docs/`.
LOCALIZED = ("docs/about.md", "docs/subscribe.md")


def substitutions(answers: Answers, now: datetime) -> dict[str, str]:
    """The placeholders of the templates, each escaped for where it lands. Each component's
    history starts today (`since`): a new site claims no uptime nobody recorded."""
    t = Translator(answers.language)
    contact_block = ""
    contact_line = ""
    if answers.contact:
        contact_block = (
            f"      contact:\n        url: {quote(answers.contact)}\n"
            f"        text: {quote(t('contact.default'))}\n"
        )
        href = answers.contact if ":" in answers.contact else "mailto:" + answers.contact
        contact_line = "\n" + t("scaffold.contact_line", href=href) + "\n"
    groups = f"  - name: {quote(t('scaffold.group'))}\n    components:\n" + "".join(
        f"      - id: {component_id}\n        name: {quote(name)}\n"
        f"        since: {now.astimezone(UTC):%Y-%m-%d}\n"
        for component_id, name in answers.components
    )
    schedule = schedule_for(answers.private)
    return {
        "schedule_words": schedule.words,
        "schedule_cron": schedule.cron,
        "schedule_within": schedule.within,
        "probe_cron": probe_schedule_for(answers.private).cron,
        "probe_words": probe_schedule_for(answers.private).words,
        "name": markdown_text(answers.name),
        "name_plain": answers.name,
        "name_yaml": quote(answers.name),
        "url_yaml": quote(answers.url),
        "description_yaml": quote(t("scaffold.description", name=answers.name)),
        **{f"{key}_yaml": quote(t(f"scaffold.{key}")) for key in SCAFFOLD_WORDS},
        "language": answers.language,
        "timezone": answers.timezone,
        "contact_block": contact_block,
        "contact_line": contact_line,
        "groups": groups.rstrip("\n"),
        "statusgen_requirement": answers.install.pinned,
    }
