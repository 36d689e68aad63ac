"""What the argument parser names and the commands use: default file places and the choices
of `init`. A module of its own so that the parser loads no command (start-up stays quick)."""

from __future__ import annotations

from pathlib import Path

#: Where `statusgen import` writes its report, in the site (unless --report): beside the
#: notify ledger, in the folder the .gitignore of `statusgen init` leaves out of git.
DEFAULT_REPORT = ".statusgen/import-report.json"
#: Where `statusgen notify` keeps the record of what it sent, in the site (unless --ledger).
DEFAULT_LEDGER = Path(".statusgen") / "notify-ledger.json"
#: The hosts `statusgen init --host` writes CI files for.
HOSTS = ("github", "gitlab")
#: GitHub's plans that publish a private repository's site with GitHub Pages, and the Actions
#: minutes each includes a month (docs/operators.md, "Private repositories"). GitHub Free
#: publishes public repositories only.
PRIVATE_PLANS = {"pro": 3000, "team": 3000, "enterprise": 50000}
