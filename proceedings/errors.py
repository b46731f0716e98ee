"""The one error type of the proceedings tool: what went wrong, in which file and field."""

from __future__ import annotations

from pathlib import Path


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
