"""Every output goes into place the same way: whole, only when its bytes change, and only
once the build that made it succeeded.

:func:`replace_if_changed` is the rule for one file: the site's exports, the check's
report and the volume's files are all written through it.  :func:`staging` and
:func:`publish` apply it to a folder: a build writes into a staging folder, and its
files are put in place only when all of them are complete, so a failed or interrupted
build leaves the previous outputs as they were.  A file whose bytes did not change is
left alone, so whatever depends on it (the site on the volume, a web server's caches)
sees nothing new.

``nox -s docs`` has Sphinx write into a staging folder beside the site, kept between
runs so that rebuilds stay incremental, and runs ``python -m workshop.core.outputs
STAGING SITE`` only when the build passed (Sphinx with ``--keep-going`` writes every page
before it fails): the volume build's staging folder is its own, made and removed by
:func:`staging`.
"""

from __future__ import annotations

import contextlib
import errno
import filecmp
import hashlib
import os
import re
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

#: What an output file is: readable by everyone (a web server serving the site, another
#: user), whatever the temporary file it was written to started as (mkstemp makes 0600).
OUTPUT_MODE = 0o644
#: Staging folders a build makes inside its output folder: ``.staging-<pid>-<random>``.
STAGING_PREFIX = ".staging-"


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
        os.chmod(new, OUTPUT_MODE)
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


def read_output(path: Path, limit: int) -> bytes:
    """The bytes of an output read back (a cache, a manifest): whoever can write the output
    folder can put anything there, so only a regular file is read, opened without
    following a link and without waiting (a named pipe in its place would hold ``open()``
    until something writes to it), and at most ``limit`` bytes.  :class:`OSError` otherwise:
    ``errno.EINVAL`` for something other than a regular file, its ``strerror`` saying what."""
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise OSError(errno.EINVAL, "a symbolic link, not a regular file", str(path)) from None
        raise
    with os.fdopen(handle, "rb") as stream:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, "not a regular file (a named pipe, a device, a folder)", str(path))
        if info.st_size > limit:
            raise OSError(errno.EFBIG, f"larger than {limit:,} bytes", str(path))
        return stream.read(limit + 1)[:limit]


#: The list of the files a site build made from the data (a paper's page and files, a slot's
#: calendar, a material), at the root of the site, each with the SHA-256 of the bytes the
#: build wrote: what a later build may remove once the data no longer has it, and only while
#: it still holds those bytes (a file someone replaced is theirs).  Nothing else is ever
#: removed from a site.
OWNED = ".workshop-files"
#: The names such a list may hold: anything else in it is ignored, never removed.
_OWNED_NAME = re.compile(
    r"papers/[a-z0-9][a-z0-9_-]*(\.html|\.pdf|\.bib|\.ris|\.csl\.json|/index\.html)"
    r"|calendar/[a-z0-9][a-z0-9_-]*\.(ics|json)"
    r"|materials/[a-z0-9][a-z0-9_-]*/[a-z]+(\.[a-z0-9]+)+"
    r"|[a-z]+\.(ics|xml|json)"
)
_OWNED_LINE = re.compile(r"(?P<digest>[0-9a-f]{64})  (?P<name>\S+)")
#: The largest list read back: a line per file.
MAX_OWNED = 16 * 2**20


def _sha256(path: Path) -> str | None:
    """The SHA-256 of a regular file (not a link), or None."""
    if path.is_symlink() or not path.is_file():
        return None
    hasher = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            hasher.update(block)
    return hasher.hexdigest()


def read_owned(folder: Path) -> dict[str, str]:
    """The files :data:`OWNED` in ``folder`` says a build made, each with the SHA-256 of what
    it wrote (none when the list is absent, unreadable or not a regular file); only names
    of the kinds a build makes."""
    try:
        text = read_output(folder / OWNED, MAX_OWNED).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    found = {}
    for line in text.splitlines():
        match = _OWNED_LINE.fullmatch(line)
        if match and _OWNED_NAME.fullmatch(match["name"]):
            found[match["name"]] = match["digest"]
    return found


def owned_text(folder: Path, names: Iterable[str]) -> bytes:
    """:data:`OWNED`'s bytes for the files ``names`` of ``folder`` (sorted, a line each:
    the SHA-256 of its bytes, two spaces, its name, as ``sha256sum`` writes them)."""
    lines = []
    for name in sorted(set(names)):
        digest = _sha256(folder / name)
        if digest is not None:
            lines.append(f"{digest}  {name}\n")
    return "".join(lines).encode("utf-8")


def remove_owned(folder: Path, owned: dict[str, str]) -> list[str]:
    """Remove from ``folder`` each file of ``owned`` (name -> the SHA-256 a build wrote,
    :func:`read_owned`) that still holds those bytes, and the folders of materials they
    leave empty; the names removed.  Only regular files inside ``folder``."""
    removed = []
    base = folder.resolve()
    for name, digest in sorted(owned.items()):
        path = folder / name
        if not _OWNED_NAME.fullmatch(name) or not path.resolve().is_relative_to(base):
            continue
        if _sha256(path) == digest:
            path.unlink()
            removed.append(name)
            if name.startswith("materials/"):
                with contextlib.suppress(OSError):
                    path.parent.rmdir()  # only when empty
    return removed


#: What a failed write means, by the error's number (a disk that is full or refuses it).
_WRITE_ERRORS = {
    errno.ENOSPC: "no space left on device",
    errno.EDQUOT: "disk quota exceeded",
    errno.EFBIG: "a file would be larger than this system lets a process write (ulimit -f)",
    errno.EROFS: "read-only file system",
    errno.EACCES: "permission denied",
    errno.EPERM: "not permitted",
}
#: The error numbers of a disk that is full or refuses to be written.
DISK_ERRORS = frozenset(_WRITE_ERRORS)
#: What the site's messages say to do (:func:`cannot_write`): the site is built by nox -s docs.
SITE_AGAIN, SITE_ELSEWHERE = "run nox -s docs again", "nox -s docs -- DIR"


def cannot_write(error: OSError, *, again: str, elsewhere: str, otherwise: str = "cannot be written") -> str:
    """``no space left on device: free some space and run the build again``: a failed write
    in words, and what to do -- ``again`` (``run the build again``) once there is room, or
    write elsewhere with ``elsewhere`` (``--out DIR``); ``otherwise`` leads any other error.
    The caller names the folder: the error's own file name may be a temporary file's."""
    what = _WRITE_ERRORS.get(error.errno) if error.errno is not None else None
    if what is None:
        return f"{otherwise}: {error.strerror or error}"
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"{what}: free some space and {again}"
    if error.errno == errno.EFBIG:
        return f"{what}: raise the limit, or write elsewhere with {elsewhere}"
    if error.errno == errno.EROFS:
        return f"{what}: write elsewhere with {elsewhere}"
    return f"{what}: make it writable for this user, or write elsewhere with {elsewhere}"


@contextlib.contextmanager
def staging(out_dir: Path) -> Iterator[Path]:
    """A fresh staging folder inside ``out_dir`` (same file system: moves are renames),
    removed when the build is done, whichever way it ends; those of builds that were
    killed go too."""
    out_dir.mkdir(parents=True, exist_ok=True)
    _clear_stale(out_dir)
    folder = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=out_dir))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def publish(
    staged: Path, out_dir: Path, *, move: bool = False, last: Iterable[str] = (), gone: Iterable[str] = ()
) -> list[str]:
    """Put every file of ``staged`` whose bytes differ into ``out_dir`` (same relative paths);
    the names written.  Assets go before the pages that use them (``.html`` last), the names
    in ``last`` after everything, in that order.  ``move`` renames the files in (``staged``
    is used up; every folder is first found writable, so a read-only one stops it before
    any output is replaced); otherwise they are copied all or none (:func:`replace_all`: a
    staging folder kept between builds).  Then the outputs named in ``gone`` that
    ``staged`` does not hold are deleted; nothing else is."""
    last = list(last)
    names = sorted(p.relative_to(staged).as_posix() for p in staged.rglob("*") if p.is_file())
    names.sort(key=lambda name: name.endswith(".html"))  # stable: assets first, then pages
    ordered = [n for n in names if n not in last] + [n for n in last if n in names]
    if move:
        _writable({(out_dir / name).parent for name in names})
        written = [name for name in ordered if replace_if_changed(out_dir / name, staged / name, move=True)]
    else:
        targets = replace_all((out_dir / name, staged / name) for name in ordered)
        written = [target.relative_to(out_dir).as_posix() for target in targets]
    for name in gone:
        path = (out_dir / name).resolve()
        if path.is_relative_to(out_dir.resolve()) and name not in names:
            path.unlink(missing_ok=True)
    return written


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


def main(argv: list[str] | None = None) -> int:
    """``python -m workshop.core.outputs BUILT_SITE SITE``: publish a site Sphinx built."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: python -m workshop.core.outputs BUILT_SITE SITE", file=sys.stderr)
        return 2
    built, site = map(Path, args)
    if not (built / "index.html").is_file():
        print(f"error: {built} holds no built site (no index.html): nothing published", file=sys.stderr)
        return 1
    # The files the last publication made from the data that this build no longer makes (a
    # paper or a slot gone from the data) go; nothing else in the site is removed.
    gone = {name: digest for name, digest in read_owned(site).items() if not (built / name).is_file()}
    try:
        written = publish(built, site)
        removed = remove_owned(site, gone)
    except OSError as error:
        words = cannot_write(error, again=SITE_AGAIN, elsewhere=SITE_ELSEWHERE)
        print(
            f"error: cannot update the site in {site}: {words}; the site was left as it was", file=sys.stderr
        )
        return 1
    said = [f"{len(written)} file(s) updated"] if written else []
    said += [f"{len(removed)} removed (gone from the data)"] if removed else []
    print(f"{site}: {', '.join(said)}" if said else f"{site}: up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
