"""``python -m proceedings``: see :mod:`proceedings.cli`."""

import sys

from .cli import main

sys.exit(main())
