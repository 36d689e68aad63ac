"""`python -m statusgen` runs the command line."""

import sys

from statusgen.cli import main

sys.exit(main())
