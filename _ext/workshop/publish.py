"""Putting a built site in place only when its build succeeded.

``nox -s docs`` has Sphinx write into a staging folder beside the site, kept between
runs so that rebuilds stay incremental, and runs ``python -m workshop.publish STAGING
SITE`` only when the build passed.  A build that stops on a warning (Sphinx with
``--keep-going`` writes every page before it fails) or is interrupted therefore leaves
the last good site as it was.  Each file is replaced whole (a reader never gets half a
page), assets before the pages that use them, and a file whose bytes did not change is
left alone.

:func:`replace_if_changed` is that rule for one file, and every writer of outputs uses
it: this site publisher, the exports written with the site
(:mod:`workshop.sphinxext.exports`), the proceedings volume (:mod:`proceedings.publish`) and
the page-limit check's report (:func:`proceedings.report.write_report`).
"""

from __future__ import annotations

import filecmp
import os
import shutil
import sys
import tempfile
from pathlib import Path

#: What an output file is: readable by everyone (a web server serving the site, another
#: user), whatever the temporary file it was written to started as (mkstemp makes 0600).
OUTPUT_MODE = 0o644


def replace_if_changed(target: Path, new: Path | bytes, *, move: bool = False) -> bool:
    """Put ``new`` (a file, or bytes) at ``target`` unless ``target`` already holds the same
    bytes; whether it did.  Whole or not at all: a file is moved in by a rename (``move``:
    it must be on the same file system), anything else is written to a temporary file beside
    ``target`` and renamed over it."""
    if target.is_file() and (
        target.read_bytes() == new if isinstance(new, bytes) else filecmp.cmp(new, target, shallow=False)
    ):
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    if move and isinstance(new, Path):
        os.replace(new, target)
        return True
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            if isinstance(new, bytes):
                out.write(new)
            else:
                with new.open("rb") as source:
                    shutil.copyfileobj(source, out)
        os.chmod(temporary, OUTPUT_MODE)
        os.replace(temporary, target)
    finally:
        Path(temporary).unlink(missing_ok=True)
    return True


def publish(built: Path, site: Path) -> list[str]:
    """Copy every file of ``built`` whose bytes differ into ``site`` (same relative paths);
    the names written, pages last.  Nothing is deleted: Sphinx never removes an output
    either, and ``site`` may hold files of its own."""
    names = sorted(p.relative_to(built).as_posix() for p in built.rglob("*") if p.is_file())
    names.sort(key=lambda name: name.endswith(".html"))  # stable: assets first, then pages
    return [name for name in names if replace_if_changed(site / name, built / name)]


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
