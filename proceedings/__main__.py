"""``python -m proceedings``, the same as the ``proceedings`` command: see :mod:`proceedings.cli`."""

import sys

from proceedings.cli import main

sys.exit(main(prog="python -m proceedings"))
