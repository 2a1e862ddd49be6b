"""``python -m symflat``: the ``symflat`` command."""

import sys

from symflat.cli.main import main

sys.exit(main())
