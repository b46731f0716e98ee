"""``python -m disk_faults FAULT FOLDER -- ARGS``: ``python -m proceedings ARGS`` on a disk
that fails under FOLDER the way a real one does, where a test cannot make a real one
(a full disk needs a small file system of its own; root writes through a folder's
permissions).  Python's own calls are made to fail with the kernel's error:

    full:N     a write into a file under FOLDER fails with ENOSPC once N bytes in all have
               gone into such files (0: the first write)
    readonly   creating, opening for writing, renaming or removing anything under FOLDER
               fails with EROFS
    killed:N   the process is killed (SIGKILL: nothing can clean up) as it makes the
               (N+1)th rename onto a file under FOLDER, after N of them

Everything else (reading, writing elsewhere) is untouched.  Run with ``tests/`` on
PYTHONPATH, as :mod:`test_volume_disk_faults` does.
"""

from __future__ import annotations

import builtins
import errno
import io
import os
import runpy
import signal
import sys
import tempfile


def _under(folder: str, path: object) -> bool:
    if isinstance(path, int):
        return False
    full = os.path.abspath(os.fsdecode(path))
    return full == folder or full.startswith(folder + os.sep)


class _Full:
    """A file whose writes fail once the disk is full."""

    written = 0

    def __init__(self, handle, budget: int) -> None:
        self._handle, self._budget = handle, budget

    def write(self, data) -> int:
        _Full.written += len(data)
        if _Full.written > self._budget:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return self._handle.write(data)

    def __getattr__(self, name):
        return getattr(self._handle, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self._handle.close()

    def __iter__(self):
        return iter(self._handle)


def install(fault: str, folder: str) -> None:
    folder = os.path.abspath(folder)
    if fault.startswith("full:"):
        _full(int(fault.split(":")[1]), folder)
    elif fault == "readonly":
        _readonly(folder)
    elif fault.startswith("killed:"):
        _killed(int(fault.split(":")[1]), folder)
    else:
        raise SystemExit(f"unknown fault {fault!r}")


def _refuse(path: object) -> None:
    raise OSError(errno.EROFS, os.strerror(errno.EROFS), os.fsdecode(path))


def _full(budget: int, folder: str) -> None:
    real_open, real_fdopen, real_mkstemp = io.open, os.fdopen, tempfile.mkstemp
    temporary: dict[int, str] = {}  # descriptors from mkstemp, and their paths

    def full_open(file, mode="r", *args, **kwargs):
        handle = real_open(file, mode, *args, **kwargs)
        return _Full(handle, budget) if set(mode) & set("wax+") and _under(folder, file) else handle

    def full_fdopen(fd, mode="r", *args, **kwargs):
        handle = real_fdopen(fd, mode, *args, **kwargs)
        return (
            _Full(handle, budget)
            if set(mode) & set("wax+") and _under(folder, temporary.get(fd, ""))
            else handle
        )

    def mkstemp(*args, **kwargs):
        fd, path = real_mkstemp(*args, **kwargs)
        temporary[fd] = path
        return fd, path

    builtins.open = io.open = full_open
    os.fdopen, tempfile.mkstemp = full_fdopen, mkstemp


def _readonly(folder: str) -> None:
    real_open = io.open
    real = {name: getattr(os, name) for name in ("open", "mkdir", "rename", "replace", "unlink", "rmdir")}

    def guarded(name):
        def call(path, *args, **kwargs):
            flags = args[0] if name == "open" and args else kwargs.get("flags", 0)
            if _under(folder, path) and (name != "open" or flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT)):
                if name == "mkdir" and os.path.exists(path):  # the kernel says so before "read-only"
                    raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), os.fsdecode(path))
                _refuse(path)
            if name in ("rename", "replace") and _under(folder, args[0] if args else kwargs.get("dst", "")):
                _refuse(args[0] if args else "")
            return real[name](path, *args, **kwargs)

        return call

    for name in real:
        setattr(os, name, guarded(name))

    def ro_open(file, mode="r", *args, **kwargs):
        if set(mode) & set("wax+") and _under(folder, file):
            _refuse(file)
        return real_open(file, mode, *args, **kwargs)

    builtins.open = io.open = ro_open


def _killed(renames_left: int, folder: str) -> None:
    renames, real_replace = [renames_left], os.replace

    def replace(src, dst, *args, **kwargs):
        if _under(folder, dst):
            if renames[0] == 0:
                os.kill(os.getpid(), signal.SIGKILL)
            renames[0] -= 1
        return real_replace(src, dst, *args, **kwargs)

    os.replace = replace


def main() -> None:
    fault, folder, separator, *args = sys.argv[1:]
    assert separator == "--", "python -m disk_faults FAULT FOLDER -- ARGS"
    install(fault, folder)
    sys.argv = ["python -m proceedings", *args]
    runpy.run_module("proceedings", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
