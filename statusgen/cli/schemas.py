"""The site's copies of the content schemas, for editors (`schemas/` beside mkdocs.yml, as
`statusgen init` writes them): `statusgen schemas` rewrites them as the site publishes them
(`content/fieldregistry.published_schema`, in the site's languages), and `statusgen check`
warns of a copy that differs (a site that added `languages` after `init`, or an older
statusgen's schema), since the editor then flags texts the check accepts."""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from pathlib import Path

from statusgen.cli.arguments import EXIT_OK, UsageError
from statusgen.cli.translations import print_warning
from statusgen.content import SiteLayout
from statusgen.content.fieldregistry import published_schema
from statusgen.content.files import write_whole
from statusgen.options import Options
from statusgen.problems import Problem, printable
from statusgen.render import urls

#: The command that rewrites the copies (named in the check's warning).
REFRESH = "statusgen schemas"


def schema_path(layout: SiteLayout, name: str) -> Path:
    """Where the site keeps its copy of schema `name`."""
    return layout.root / urls.schema(name)


def is_current(path: Path, published: bytes) -> bool:
    """True when the copy at `path` says what `published` says (as JSON: its layout and line
    endings do not matter)."""
    try:
        return bool(json.loads(path.read_bytes()) == json.loads(published))
    except (OSError, ValueError):
        return False


def stale_schemas(layout: SiteLayout) -> list[Problem]:
    """A warning for each copy in the site's `schemas/` that is not the schema the site
    publishes; none for a copy the site does not have."""
    found = []
    for name in urls.SCHEMAS:
        path = schema_path(layout, name)
        if not path.is_file() or is_current(path, published_schema(name, layout.languages)):
            continue
        languages = ", ".join(layout.languages) or "one language"
        found.append(
            Problem(
                layout.label(path),
                0,
                f"out of date: not the schema this site publishes (its languages: {languages}; "
                "this statusgen's fields), so editors flag what `statusgen check` accepts; "
                f"expected the current one: run `{REFRESH}` to rewrite the site's schemas/",
            )
        )
    return found


def print_stale_schemas(layout: SiteLayout) -> None:
    """`statusgen check`'s warnings of stale copies, on stderr (and as GitHub annotations in
    Actions); they never change the exit status."""
    for warning in stale_schemas(layout):
        print_warning(warning)


def command_schemas(
    args: argparse.Namespace, layout: SiteLayout, options: Options, now: datetime
) -> int:
    """Write the site's `schemas/` copies as the site publishes them, in its languages."""
    for name in urls.SCHEMAS:
        path = schema_path(layout, name)
        label = printable(layout.label(path))
        published = published_schema(name, layout.languages)
        if path.is_file() and path.read_bytes() == published:
            print(f"statusgen: {label} is up to date")
            continue
        try:
            path.parent.mkdir(exist_ok=True)
            write_whole(path, published)
        except OSError as error:
            raise UsageError(
                f"{label}: cannot be written ({error.strerror}); expected a folder you may write"
            ) from None
        print(f"statusgen: wrote {label}")
    return EXIT_OK
