"""The `statusgen schemas` sub-command's arguments (its handler in `schemas.py`)."""

from __future__ import annotations

import argparse


def add_schemas_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`statusgen schemas`: rewrite the site's copies of the content schemas."""
    schemas = commands.add_parser(
        "schemas",
        help="rewrite the editors' JSON Schemas in schemas/ for the site's languages",
        description="Write schemas/components.schema.json and schemas/incident.schema.json "
        "as the site publishes them: in its languages (the languages option) and with this "
        "statusgen's fields, so an editor flags what statusgen check flags. Run it after "
        "adding languages or upgrading statusgen; check warns while the copies are stale.",
    )
    schemas.set_defaults(handler="schemas:command_schemas")
