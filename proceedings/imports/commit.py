"""The import's one way to write: every file staged, then put in place together or not at
all, under a lock on the data folder.

* :func:`locked`: one import at a time in a data folder.  The lock is the operating
  system's (``fcntl.flock`` on ``DATA/.import.lock``), so the kernel lets go of it when
  its import ends, however it ends (killed too): a stale lock never blocks.  A second
  import waits :data:`WAIT` seconds for it, then stops with one line.
* :class:`Commit`: every file an import writes (the PDFs, ``papers.yaml``, any file a
  later import adds) is first written whole into a staging folder inside the data folder
  (hidden, on the same file system, so that putting it in place is a rename), and only
  when all are written are they renamed into place, in the order given.  Before the first
  rename, each file about to be replaced is kept (a hard link in the staging folder, which
  costs no copy) and a journal says what goes where; should a rename fail halfway, those
  already made are undone from the kept files, so the data is as it was.  Should the
  import be killed halfway (nothing can undo then), the next import, once it holds the
  lock, finds the journal and undoes the rest first (:func:`recover`).  Renames are atomic
  each; between them, a reader that does not take the lock (a site build) can see some
  files new and others old for the moment the renames take.
* What an import will not replace, said before anything is written: a file that is a
  symbolic link (it would replace the link, not what it leads to), a file that is not
  writable (``chmod 444``, immutable), anything that is not a regular file, a folder it
  cannot write in.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from workshop.core.outputs import DISK_ERRORS, OUTPUT_MODE, cannot_write
from workshop.core.problems import WorkshopError, shown_path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]  # no module there: the lock takes msvcrt's
    import msvcrt
_NOFOLLOW, _CLOEXEC = getattr(os, "O_NOFOLLOW", 0), getattr(os, "O_CLOEXEC", 0)

LOCK_NAME = ".import.lock"
#: Staging folders: ``DATA/.import-<pid>-<random>``.
STAGING_PREFIX = ".import-"
#: How long a second import waits for the first to finish.
WAIT = 5.0
_JOURNAL, _DONE, _KEPT = "journal.json", "committed", "kept"
_AGAIN, _ELSEWHERE = "import again", "--data DIR (a copy of the data folder)"


def _refusal(error: OSError, where: Path, what: str = "cannot be written") -> WorkshopError:
    return WorkshopError(
        cannot_write(error, again=_AGAIN, elsewhere=_ELSEWHERE, otherwise=what) + "; nothing was changed",
        file=shown_path(where),
    )


def _try_lock(handle: int) -> bool:
    """Take the operating system's exclusive lock on ``handle`` without waiting; whether it was taken."""
    try:
        if fcntl is not None:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:  # Windows: a lock on the file's first byte, released as flock's is
            msvcrt.locking(handle, msvcrt.LK_NBLCK, 1)
    except (BlockingIOError, PermissionError):
        return False
    return True


def _acquire(path: Path, data_dir: Path, deadline: float, wait: float) -> int | None:
    """A descriptor of the lock file ``path`` holding its lock; None when the data folder
    takes no file at all (read-only): then no import can write it either, and one that
    would is stopped, in one line, by the first file it stages."""
    while True:
        try:
            handle = os.open(path, os.O_RDWR | os.O_CREAT | _NOFOLLOW | _CLOEXEC, 0o644)
        except OSError as error:
            if error.errno == errno.ELOOP:
                raise WorkshopError(
                    "is a symbolic link: delete it (the import makes its own lock file there)",
                    file=shown_path(path),
                ) from None
            if error.errno in DISK_ERRORS and not path.exists():
                return None
            raise _refusal(error, data_dir) from None
        if not _try_lock(handle):
            os.close(handle)
            if time.monotonic() >= deadline:
                raise WorkshopError(
                    f"another import into this data folder is running (it holds {LOCK_NAME}; waited "
                    f"{wait:g} s): let it finish, then import again",
                    file=shown_path(data_dir),
                ) from None
            time.sleep(0.05)
            continue
        # The import before may have removed the file as it let go: hold the lock of the file
        # that is there now, or try again.
        try:
            if os.path.samestat(os.fstat(handle), os.stat(path)):
                return handle
        except FileNotFoundError:
            pass
        os.close(handle)


@contextlib.contextmanager
def locked(data_dir: Path, wait: float = WAIT) -> Iterator[list[str]]:
    """Hold the data folder's import lock (waiting up to ``wait`` seconds for another
    import); yields the notes of :func:`recover` (an import killed halfway, undone)."""
    path = data_dir / LOCK_NAME
    handle = _acquire(path, data_dir, time.monotonic() + wait, wait)
    if handle is None:
        yield []
        return
    try:
        yield recover(data_dir)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)  # before letting go: whoever waits finds it gone, and makes its own
        os.close(handle)


def recover(data_dir: Path) -> list[str]:
    """Undo what an import killed halfway through its renames left (its journal says what
    it was putting where), and remove the staging folders of imports that were killed
    before or after them; a note for each undone.  Called with the lock held."""
    notes = []
    for folder in sorted(data_dir.glob(f"{STAGING_PREFIX}*")):
        if not folder.is_dir() or folder.is_symlink():
            continue
        journal = folder / _JOURNAL
        if journal.is_file() and not (folder / _DONE).exists():
            try:
                _undo(data_dir, folder, json.loads(journal.read_text(encoding="utf-8")))
            except (OSError, ValueError, KeyError, TypeError) as error:
                raise WorkshopError(
                    f"holds an import that was stopped halfway and cannot be undone ({error}): the files it "
                    f"replaced are kept in {folder.name}/{_KEPT}; put them back by hand, then delete it",
                    file=shown_path(folder),
                ) from None
            notes.append(
                f"an import stopped halfway through writing was undone: {shown_path(data_dir)} is as it was "
                "before it"
            )
        shutil.rmtree(folder, ignore_errors=True)
    return notes


def _undo(data_dir: Path, folder: Path, journal: list[dict[str, str | None]]) -> None:
    """Each target of ``journal`` as it was: its kept file put back, or a new one removed."""
    for item in reversed(journal):
        target = data_dir / str(item["target"])
        if item["kept"] is not None:
            kept = folder / str(item["kept"])
            if kept.exists():
                os.replace(kept, target)
        elif not (folder / str(item["staged"])).exists():  # it was moved in: take it out
            target.unlink(missing_ok=True)


class Commit:
    """Files staged in ``DATA/.import-<pid>-<random>/``, then put in place together
    (:meth:`apply`) or not at all (:meth:`discard`, also when the import fails)."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.items: list[tuple[Path, Path]] = []  # (target, staged)
        self._folder: Path | None = None  # made when the first file is staged
        self.keep = False  # a commit stopped halfway that could not be undone: left for recover()
        self.made: list[Path] = []  # folders made for targets (removed again when nothing is put there)

    @property
    def folder(self) -> Path:
        if self._folder is None:
            try:
                prefix = f"{STAGING_PREFIX}{os.getpid()}-"
                self._folder = Path(tempfile.mkdtemp(prefix=prefix, dir=self.data_dir))
            except OSError as error:
                raise _refusal(error, self.data_dir) from None
        return self._folder

    def stage(self, target: Path, write: Callable[[BinaryIO], None] | bytes) -> None:
        """Stage the new bytes of ``target`` (bytes, or a function writing them to a file),
        refusing a target the import must not replace (see the module's docstring)."""
        refuse_target(target)
        staged = self.folder / f"{len(self.items)}-{target.name}"
        try:
            with open(staged, "xb") as out:
                if isinstance(write, bytes):
                    out.write(write)
                else:
                    write(out)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(staged, OUTPUT_MODE)
        except OSError as error:
            staged.unlink(missing_ok=True)
            raise _refusal(error, target.parent) from None
        if _same(target, staged):
            staged.unlink()
        else:
            self.items.append((target, staged))

    @property
    def targets(self) -> list[Path]:
        """What :meth:`apply` will write: the targets whose bytes change."""
        return [target for target, _ in self.items]

    def apply(self) -> list[Path]:
        """Put every staged file in place, all or none; the targets written."""
        if not self.items:
            return []
        where = self.data_dir  # what a message names: the folder, not a temporary file in it
        try:
            for where in sorted({target.parent for target, _ in self.items}):
                self._writable(where)
            where = self.data_dir
            journal = [self._keep(i, target) for i, (target, _) in enumerate(self.items)]
            _write_journal(self.folder, journal)
        except OSError as error:
            raise _refusal(error, where) from None
        moved: list[int] = []
        try:
            for i, (target, staged) in enumerate(self.items):
                os.replace(staged, target)
                moved.append(i)
            (self.folder / _DONE).touch()
        except BaseException as error:  # a disk error, or Ctrl-C: undo what was done
            try:
                _undo(self.data_dir, self.folder, [journal[i] for i in moved])
            except OSError:
                self.keep = True  # the journal and the kept files, for the next import to undo
                raise WorkshopError(
                    f"the import stopped halfway ({error}) and could not be undone: run the import "
                    "again, which undoes it first",
                    file=shown_path(self.data_dir),
                ) from None
            if isinstance(error, OSError):
                raise _refusal(error, self.items[len(moved)][0]) from None
            raise
        return self.targets

    def _keep(self, index: int, target: Path) -> dict[str, str | None]:
        """A journal entry for ``target``, keeping the file it replaces (a hard link)."""
        staged = self.items[index][1]
        entry: dict[str, str | None] = {
            "target": target.relative_to(self.data_dir).as_posix(),
            "staged": staged.name,
            "kept": None,
        }
        if os.path.lexists(target):
            (self.folder / _KEPT).mkdir(exist_ok=True)
            kept = self.folder / _KEPT / staged.name
            try:
                os.link(target, kept, follow_symlinks=False)
            except OSError:  # a file system without hard links
                shutil.copy2(target, kept)
            entry["kept"] = f"{_KEPT}/{staged.name}"
        return entry

    def _writable(self, folder: Path) -> None:
        """Make ``folder`` (noted, to be removed should nothing be put there) and make sure
        it takes a file, before any target is replaced."""
        if not folder.is_dir():
            folder.mkdir(parents=True)
            self.made.append(folder)
        handle, probe = tempfile.mkstemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-probe-", dir=folder)
        os.close(handle)
        os.unlink(probe)

    def discard(self) -> None:
        """Remove the staging folder (what :meth:`apply` did not put in place, and the kept
        files), and any folder made that holds nothing."""
        if self._folder is not None and not self.keep:
            shutil.rmtree(self._folder, ignore_errors=True)
        for folder in reversed(self.made):
            with contextlib.suppress(OSError):
                folder.rmdir()


def _write_journal(folder: Path, journal: list[dict[str, str | None]]) -> None:
    path = folder / _JOURNAL
    with open(path, "w", encoding="utf-8") as out:
        json.dump(journal, out)
        out.flush()
        os.fsync(out.fileno())
    with contextlib.suppress(OSError):  # the folder's entry too, where the system can (not Windows)
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def _same(target: Path, staged: Path) -> bool:
    """Whether ``target`` already holds the staged bytes (then nothing is written)."""
    try:
        if not stat.S_ISREG(os.lstat(target).st_mode):
            return False
        if os.path.getsize(target) != os.path.getsize(staged):
            return False
        with open(target, "rb") as a, open(staged, "rb") as b:
            while chunk := a.read(2**20):
                if chunk != b.read(len(chunk)):
                    return False
        return True
    except OSError:
        return False


def refuse_target(target: Path) -> None:
    """One line when ``target`` is a file the import must not replace: a symbolic link, a
    file without write permission (or immutable), anything but a regular file."""
    try:
        mode = os.lstat(target).st_mode
    except FileNotFoundError:
        return
    except OSError as error:
        raise WorkshopError(
            f"cannot be looked up ({error.strerror or error}): check the path", file=shown_path(target)
        ) from None
    if stat.S_ISLNK(mode):
        raise WorkshopError(
            f"is a symbolic link (to {os.readlink(target)}): the import replaces files, never what a link "
            "leads to; put the file itself there (or import into the data folder it leads to, with --data)",
            file=shown_path(target),
        )
    if not stat.S_ISREG(mode):
        raise WorkshopError(
            "is not a regular file (a folder, a pipe or a device): move it away, then import again",
            file=shown_path(target),
        )
    if not mode & stat.S_IWUSR or not os.access(target, os.W_OK):
        raise WorkshopError(
            "is read-only: the import would replace it; make it writable (chmod u+w) and import again, "
            "or leave it as it is and import into a copy of the data folder with --data",
            file=shown_path(target),
        )
