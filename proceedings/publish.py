"""Putting a build's outputs in place atomically: everything is written into a staging
folder beside the outputs, then moved in, file by file, only when all of it is complete;
a file whose bytes did not change is left alone, so whatever depends on it (the site)
sees nothing new (:func:`workshop.publish.replace_if_changed`, the rule every output of
the project is written by).  A build that fails or is interrupted leaves the previous
outputs as they were, and its staging folder is removed (by the next build, if it was killed).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from workshop.publish import replace_if_changed

STAGING_PREFIX = ".staging-"


@contextlib.contextmanager
def staging(out_dir: Path) -> Iterator[Path]:
    """A fresh staging folder inside ``out_dir`` (same file system: moves are renames),
    removed when the build is done, whichever way it ends."""
    out_dir.mkdir(parents=True, exist_ok=True)
    _clear_stale(out_dir)
    folder = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=out_dir))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def publish(staged: Path, out_dir: Path, *, last: Iterable[str] = (), gone: Iterable[str] = ()) -> None:
    """Move every file of ``staged`` into ``out_dir`` (same relative paths), those named in
    ``last`` last and in that order; then delete the outputs named in ``gone``."""
    last = list(last)
    names = sorted(p.relative_to(staged).as_posix() for p in staged.rglob("*") if p.is_file())
    _writable({(out_dir / name).parent for name in names})
    for name in [n for n in names if n not in last] + [n for n in last if n in names]:
        replace_if_changed(out_dir / name, staged / name, move=True)
    for name in gone:
        path = (out_dir / name).resolve()
        if path.is_relative_to(out_dir.resolve()) and name not in names:
            path.unlink(missing_ok=True)


def _writable(folders: Iterable[Path]) -> None:
    """Make each folder and put a file in it: one that takes none (read-only) fails here,
    before any output is replaced, not halfway through."""
    for folder in sorted(folders):
        folder.mkdir(parents=True, exist_ok=True)
        handle, probe = tempfile.mkstemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-probe-", dir=folder)
        os.close(handle)
        os.unlink(probe)


def _clear_stale(out_dir: Path) -> None:
    """Remove the staging folders (and probes) of builds that were killed (their process is gone)."""
    for folder in out_dir.glob(f"{STAGING_PREFIX}*"):
        try:
            os.kill(int(folder.name.removeprefix(STAGING_PREFIX).split("-")[0]), 0)
        except (ValueError, ProcessLookupError):
            if folder.is_dir():
                shutil.rmtree(folder, ignore_errors=True)
            else:  # a probe of _writable
                folder.unlink(missing_ok=True)
        except PermissionError:  # another user's build, still running
            pass
