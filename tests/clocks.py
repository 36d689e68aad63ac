"""The machine's clock in the tests.

`make test` runs every test under libfaketime (`faketime -m -f +400d`):
pytest and everything it starts (builds, statusgen, git, openssl, Chromium) see the machine's
clock a year ahead, which shows that no test depends on the day it runs. Commands that reach the
package index are the exception: TLS certificates and the index carry real dates (a clock a
year ahead finds the index's certificate expired), so they run on the real clock, as the
Makefile's own installs do.
"""

from __future__ import annotations

import re

#: A command that reaches the package index.
INSTALL = re.compile(r"\bpip install\b")


def installs_on_real_clock(command: str) -> str:
    """`command`, a line of bash; or, when it installs from the package index, the same line
    in a subshell on the real clock (`FAKETIME=+0`, libfaketime's offset of nothing; without
    libfaketime the variable means nothing). An install's failure still stops a `set -e`
    script."""
    return f"(export FAKETIME=+0; {command})" if INSTALL.search(command) else command
