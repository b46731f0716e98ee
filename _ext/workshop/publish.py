"""Putting a built site in place only when its build succeeded.

``nox -s docs`` has Sphinx write into a staging folder beside the site, kept between
runs so that rebuilds stay incremental, and runs ``python -m workshop.publish STAGING
SITE`` only when the build passed.  A build that stops on a warning (Sphinx with
``--keep-going`` writes every page before it fails) or is interrupted therefore leaves
the last good site as it was.  Each file is replaced whole (a reader never gets half a
page), assets before the pages that use them, and a file whose bytes did not change is
left alone.
"""

from __future__ import annotations

import filecmp
import os
import shutil
import sys
import tempfile
from pathlib import Path


def publish(built: Path, site: Path) -> list[str]:
    """Copy every file of ``built`` whose bytes differ into ``site`` (same relative paths);
    the names written, pages last.  Nothing is deleted: Sphinx never removes an output
    either, and ``site`` may hold files of its own."""
    names = sorted(p.relative_to(built).as_posix() for p in built.rglob("*") if p.is_file())
    names.sort(key=lambda name: name.endswith(".html"))  # stable: assets first, then pages
    written = []
    for name in names:
        source, target = built / name, site / name
        if target.is_file() and filecmp.cmp(source, target, shallow=False):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".publish-", dir=target.parent)
        os.close(handle)
        try:
            shutil.copyfile(source, temporary)
            os.replace(temporary, target)
        finally:
            Path(temporary).unlink(missing_ok=True)
        written.append(name)
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: python -m workshop.publish BUILT_SITE SITE", file=sys.stderr)
        return 2
    built, site = map(Path, args)
    if not (built / "index.html").is_file():
        print(f"error: {built} holds no built site (no index.html): nothing published", file=sys.stderr)
        return 1
    written = publish(built, site)
    print(f"{site}: {len(written)} file(s) updated" if written else f"{site}: up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
