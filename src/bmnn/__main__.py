"""``python -m bmnn`` is the same as the ``bmnn`` command."""

import sys

from bmnn.cli import main

sys.exit(main())
