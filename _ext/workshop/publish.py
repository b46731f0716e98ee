"""Putting a built site in place only when its build succeeded.

``nox -s docs`` has Sphinx write into a staging folder beside the site
(:mod:`workshop.sitebuild`), kept between runs so that rebuilds stay incremental, and
runs ``python -m workshop.publish STAGING SITE`` only when the build passed.  A build that
stops on a warning (Sphinx with ``--keep-going`` writes every page before it fails) or is
interrupted therefore leaves the last good site as it was.  A file whose bytes did not
change is left alone, and the changed ones are put in place all or none
(:func:`replace_all`): a disk that fills up, or refuses to be written, halfway through
leaves the site as it was too, with one line saying which folder and what to do
(:func:`cannot_write`).

:func:`replace_if_changed` is that rule for one file, and every writer of outputs uses
it or :func:`replace_all`: this site publisher, the exports written with the site
(:mod:`workshop.sphinxext.exports`), the proceedings volume (:mod:`proceedings.publish`) and
the page-limit check's report (:func:`proceedings.report.write_report`).
"""

from __future__ import annotations

import contextlib
import errno
import filecmp
import os
import shutil
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

#: What an output file is: readable by everyone (a web server serving the site, another
#: user), whatever the temporary file it was written to started as (mkstemp makes 0600).
OUTPUT_MODE = 0o644


def _unchanged(target: Path, new: Path | bytes) -> bool:
    return target.is_file() and (
        target.read_bytes() == new if isinstance(new, bytes) else filecmp.cmp(new, target, shallow=False)
    )


def replace_if_changed(target: Path, new: Path | bytes, *, move: bool = False) -> bool:
    """Put ``new`` (a file, or bytes) at ``target`` unless ``target`` already holds the same
    bytes; whether it did.  Whole or not at all: a file is moved in by a rename (``move``:
    it must be on the same file system), anything else is written to a temporary file beside
    ``target`` and renamed over it (:class:`OSError` when it cannot be: ``target`` is then
    as it was)."""
    if _unchanged(target, new):
        return False
    if move and isinstance(new, Path):
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(new, target)
        return True
    return bool(replace_all([(target, new)]))


def replace_all(items: Iterable[tuple[Path, Path | bytes]]) -> list[Path]:
    """Put each ``new`` (a file, or bytes) at its ``target`` where the bytes differ, all or
    none; the targets written.  Every changed file is first written to a temporary file
    beside its target, and only once all are written are they renamed into place, in the
    order given: a disk that fills up or refuses a file (:class:`OSError`, raised) leaves
    every target as it was, the temporary files and any folder made for them removed."""
    staged: list[tuple[Path, Path]] = []
    made: list[Path] = []
    try:
        for target, new in items:
            if not _unchanged(target, new):
                staged.append((target, _stage(target, new, made)))
        for i, (target, temporary) in enumerate(staged):
            os.replace(temporary, target)
            staged[i] = (target, target)  # in place: nothing left to remove
    except BaseException:
        for target, temporary in staged:
            if temporary != target:
                temporary.unlink(missing_ok=True)
        for folder in reversed(made):
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    return [target for target, _ in staged]


def _stage(target: Path, new: Path | bytes, made: list[Path]) -> Path:
    """``new`` in a temporary file beside ``target`` (folders made for it noted in ``made``)."""
    missing = []
    folder = target.parent
    while not folder.is_dir() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for folder in reversed(missing):
        folder.mkdir()
        made.append(folder)
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as out:
            if isinstance(new, bytes):
                out.write(new)
            else:
                with new.open("rb") as source:
                    shutil.copyfileobj(source, out)
        os.chmod(temporary, OUTPUT_MODE)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


#: Why a write failed, and what to do, by the error's number.
_WRITE_ERRORS = {
    errno.ENOSPC: ("the disk is full", "free some space on it"),
    errno.EDQUOT: ("the disk quota is used up", "free some space, or raise the quota"),
    errno.EFBIG: ("a file would be larger than this process may write",
                  "raise the limit (ulimit -f), or free some space"),
    errno.EROFS: ("the file system is read-only", "write to a folder on a writable disk instead"),
    errno.EACCES: ("permission denied", "make the folder writable for this user, or write elsewhere"),
    errno.EPERM: ("not permitted", "make the folder writable for this user, or write elsewhere"),
}
#: The error numbers of a disk that is full or refuses to be written.
DISK_ERRORS = frozenset(_WRITE_ERRORS)


def cannot_write(error: OSError) -> str:
    """``the disk is full: free some space on it``: a failed write in words, and what to do.
    The caller names the folder: the error's file name may be a temporary file's, or the
    source of a copy."""
    what, todo = _WRITE_ERRORS.get(error.errno, (error.strerror or str(error), "check the folder"))
    return f"{what}: {todo}"


def publish(built: Path, site: Path) -> list[str]:
    """Copy every file of ``built`` whose bytes differ into ``site`` (same relative paths),
    all or none (:func:`replace_all`); the names written, pages last.  Nothing is deleted:
    Sphinx never removes an output either, and ``site`` may hold files of its own."""
    names = sorted(p.relative_to(built).as_posix() for p in built.rglob("*") if p.is_file())
    names.sort(key=lambda name: name.endswith(".html"))  # stable: assets first, then pages
    written = replace_all((site / name, built / name) for name in names)
    return [target.relative_to(site).as_posix() for target in written]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: python -m workshop.publish BUILT_SITE SITE", file=sys.stderr)
        return 2
    built, site = map(Path, args)
    if not (built / "index.html").is_file():
        print(f"error: {built} holds no built site (no index.html): nothing published", file=sys.stderr)
        return 1
    try:
        written = publish(built, site)
    except OSError as error:
        print(f"error: cannot update the site in {site}: {cannot_write(error)}; the site was left as it was",
              file=sys.stderr)
        return 1
    print(f"{site}: {len(written)} file(s) updated" if written else f"{site}: up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
