"""The one error type of the proceedings tool: what went wrong, in which file and field;
how an output that cannot be written is said; and text made safe to print."""

from __future__ import annotations

import errno
import re
from pathlib import Path

#: Control characters (but tab and newline): text from a PDF (a font's name, a heading) can
#: hold a terminal's escape sequences, and the summary and errors print such text.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def terminal(text: str) -> str:
    """Text as it is safe to print: control characters written as ``\\x1b``."""
    return _CONTROLS.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


class ProceedingsError(Exception):
    """A problem the chair can fix: printed as one line, exit status 1, no traceback.

    ``file`` and ``field`` say where (a data file and its field, or a PDF); the message
    says what is wrong and what to do.
    """

    def __init__(self, message: str, file: Path | str | None = None, field: str | None = None,
                 line: int | None = None) -> None:
        super().__init__(message)
        self.message, self.file, self.field, self.line = message, file, field, line

    def __str__(self) -> str:
        where = ""
        if self.file is not None:
            where = f"{self.file}:{self.line}: " if self.line else f"{self.file}: "
        if self.field:
            where += f"{self.field}: "
        return where + self.message


def cannot_write(error: OSError, where: Path | str, *, command: str, elsewhere: str,
                 otherwise: str = "cannot be written") -> ProceedingsError:
    """An output that could not be written (the disk full, the folder read-only ...), as
    one line naming ``where`` and what to do: run ``command`` again once there is room,
    or write elsewhere with the option ``elsewhere``; ``otherwise`` leads any other error."""
    code = error.errno
    if code in (errno.ENOSPC, errno.EDQUOT):
        what = "no space left on device" if code == errno.ENOSPC else "disk quota exceeded"
        message = f"{what}: free some space and run the {command} again"
    elif code == errno.EFBIG:
        message = (f"file too large for this system's limit on a file (ulimit -f, or the file system's): "
                   f"raise it, or write elsewhere with {elsewhere}")
    elif code == errno.EROFS:
        message = f"is on a read-only file system: write elsewhere with {elsewhere}"
    elif code in (errno.EACCES, errno.EPERM):
        message = f"cannot be written (permission denied): make it writable, or write elsewhere with {elsewhere}"
    else:
        message = f"{otherwise}: {error.strerror or error}"
    return ProceedingsError(message, file=where)
