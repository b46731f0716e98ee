"""What goes wrong in a data file, said once, with the file, the line and the field."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

#: The Sphinx warning type of every data problem; the subtype is :attr:`Problem.code`
#: (so ``suppress_warnings = ["workshop.slot-order"]`` silences one kind).
WARNING_TYPE = "workshop"

#: Every code a problem can carry, with what it means; README documents the same list.
CODES = {
    "missing-file": "a data file, or a file it names, does not exist",
    "syntax": "the file is not valid YAML",
    "duplicate-key": "the same key appears twice in one mapping",
    "schema": "a field is missing, unknown or of the wrong type or form (a bad time, slot kind, no name)",
    "duplicate-id": "two entries share an id",
    "unknown-reference": "an id that names nothing (a paper, a track, a committee)",
    "dates-order": "important dates out of order",
    "slot-time": "a slot that ends before (or when) it starts, or runs past midnight",
    "slot-order": "slots out of order, or one starting before an earlier one ends",
    "schedule-date": "a program day that is not a workshop date",
    "path-escape": "a path that leads outside the repository",
    "not-a-file": "a path that names a folder, a device, a pipe or a symbolic link loop instead of a file",
    "character": "a control character, noncharacter or lone surrogate in a value, or a line break in a one-line field",
    "alias": "a YAML alias (*name): data files write every value out",
    "nesting": "lists and mappings nested deeper than a data file needs",
    "page-limits": "a track whose minimum exceeds its maximum",
    # Raised by pages rather than data files:
    "fact": "a {fact} role names nothing in the data",
    "directive": "a directive's argument names nothing in the data",
    "proceedings": "a paper's PDF cannot be read, or workshop_proceedings names no volume or a stale one",
    # Raised by the build's environment:
    "source-date-epoch": "SOURCE_DATE_EPOCH is set but is not a date (see workshop.epoch); no export is written",
    "output": "the exports cannot be written (a full or read-only disk); the last ones are left as they were",
}


def shown_path(path: Path | str) -> str:
    """``docs/data/schedule.yaml``: a file as a message names it, relative to the working
    folder when it is inside it (what the reader can paste into a command), else absolute.
    Every message of the extension and the proceedings names files so; records written to
    disk name them relative to the repository instead (:func:`proceedings.data.shown`), so
    that their bytes do not depend on where the command ran."""
    # Absolute, but not resolved: a data file that is a link is named as the link.
    resolved = Path(os.path.abspath(path))
    try:
        return str(resolved.relative_to(Path.cwd()))
    except ValueError:
        return str(resolved)


@dataclasses.dataclass(frozen=True)
class Problem:
    file: Path
    line: int | None
    field: str
    message: str
    code: str = "schema"

    def __post_init__(self) -> None:
        assert self.code in CODES, self.code

    @property
    def shown_file(self) -> str:
        """``docs/data/schedule.yaml``: relative to the working folder where possible."""
        return shown_path(self.file)

    @property
    def location(self) -> str:
        """``docs/data/schedule.yaml:12``: the file, and the line when known."""
        return f"{self.shown_file}:{self.line}" if self.line else self.shown_file

    def __str__(self) -> str:
        where = f"{self.field}: " if self.field else ""
        return f"{self.location}: {where}{self.message}"
