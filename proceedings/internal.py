"""What the tool does with an error no command handles.  A missing package of the
``[proceedings]`` extra is said with how to install it.  Anything else is a bug: it is no problem of the data or of a paper, so it is not
said as one (see the policy in :mod:`workshop.core.problems`).  One line names the paper
being read (or the command) and says it is an internal error; the traceback goes to a log
file under ``_build/`` whose path the line gives; the exit status is :data:`EXIT_STATUS`,
which neither a verdict (0, 1) nor a usage error (2) gives."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import traceback
from pathlib import Path

from workshop.core.load import find_root
from workshop.core.problems import shown_path, terminal

#: The exit status of a command that met a bug.
EXIT_STATUS = 3
#: The log of the last bug met, under the repository's ``_build/``.
LOG = Path("_build/internal-error.log")
#: What ``pip install 'mlbench-workshop[proceedings]'`` brings (each top-level module, and
#: the package it comes in): a command that misses one says how to install them, not a traceback.
EXTRA = {
    "pypdf": "pypdf",
    "fpdf": "fpdf2",
    "cryptography": "cryptography",
    "rich": "rich",
    "fontTools": "fonttools",
    "uharfbuzz": "uharfbuzz",
    "ruamel": "ruamel.yaml",
}


class InternalError(Exception):
    """A bug met while working on one paper: ``subject`` (the paper's id, or its file),
    ``doing`` (``checking it``, ``copying it into the volume``) and the ``trace`` (its traceback,
    as text: the exception crosses from a worker process, where its own traceback stays)."""

    def __init__(self, subject: str, doing: str, trace: str) -> None:
        super().__init__(subject, doing, trace)
        self.subject, self.doing, self.trace = subject, doing, trace

    @classmethod
    def of(cls, subject: str, doing: str, error: BaseException) -> InternalError:
        """``error``, being handled, as met while ``doing`` ``subject``."""
        return cls(subject, doing, "".join(traceback.format_exception(error)))


def escaped(error: Exception, args: argparse.Namespace, prog: str) -> int:
    """What the command does with ``error``, which no command handled: the exit status."""
    package = (
        EXTRA.get((error.name or "").partition(".")[0]) if isinstance(error, ModuleNotFoundError) else None
    )
    if package is None:
        return said(error, args)
    print(
        f"error: {prog} {args.command} needs {package}, which is not installed: "
        "pip install 'mlbench-workshop[proceedings]' (or run it in nox -s proceedings)",
        file=sys.stderr,
    )
    return 1


def said(error: BaseException, args: argparse.Namespace) -> int:
    """What the command does with ``error``, a bug: the one line on standard error, the
    traceback in the log of the repository of its data folder; the exit status."""
    root = find_root(Path(getattr(args, "data", None) or "docs/data").resolve())
    print(report(error, root, str(getattr(args, "command", "proceedings"))), file=sys.stderr)
    return EXIT_STATUS


def report(error: BaseException, root: Path, command: str) -> str:
    """Write the traceback of ``error`` (an :class:`InternalError`, or any exception a
    command let escape) to the log under ``root`` (a temporary file where that cannot be
    written); the line that says so."""
    if isinstance(error, InternalError):
        what, trace = f"{error.subject}: internal error while {error.doing}", error.trace
    else:
        what, trace = f"{command}: internal error", "".join(traceback.format_exception(error))
    log = _write(root / LOG, f"proceedings {command}\n{trace}")
    kept = (
        f"the traceback is in {shown_path(log)}" if log is not None else "the traceback could not be written"
    )
    return terminal(
        f"error: {what} (a bug of the tool, not of the paper or the data): {kept}; please report it"
    )


def _write(path: Path, text: str) -> Path | None:
    """``text`` in ``path`` (replacing a log there), else in a new temporary file; None when
    neither can be written."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_symlink():  # never written through a link, which may lead anywhere
            raise OSError("a symbolic link")
        path.write_text(text, encoding="utf-8")
        return path
    except OSError:
        pass
    try:
        descriptor, name = tempfile.mkstemp(prefix="proceedings-internal-error-", suffix=".log")
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
        return Path(name)
    except OSError:
        return None
