"""``python -m proceedings``: see :mod:`proceedings.cli`."""

import sys

from proceedings.cli import main

sys.exit(main())
