"""What goes wrong, said once, with the file, the line and the field: the project's one
error root and its registry of problem codes.

Policy (after pypdf's own, in its ``errors.py``: one root, and what else may escape said):

* Bad input -- bad data, a PDF that cannot be used, a mistaken command line, an output that
  cannot be written -- is a :class:`WorkshopError` (raised; its subclasses say which kind:
  :class:`UsageError`, the PDF reader's ``UnreadablePdf``) or a :class:`Problem`
  (collected: the loader reports every problem of a data folder at once).  Both are said as
  one line by :func:`locate` -- ``file:line: field: what is wrong: what to do`` -- and
  never as a traceback.
* A damaged PDF makes pypdf raise more than its own errors ("broken PDF files might cause
  other Exceptions": a ``KeyError``, a ``TypeError``, an assertion of its own).  Those are
  caught only in the PDF-reading layer (``workshop.engine.pdf``: the opener, the page
  scan, the fonts, the objects read defensively; ``BROKEN_FILE`` in its ``objects.py``
  lists them), where a bad file is their only cause, and turned into the file's
  "cannot be read" error: a check's ``error`` record, the volume's refusal of the paper.
* Anything else that escapes is a bug, never passed off as the file's fault: the command
  says in one line which paper it was reading (or which command it ran) and that it is an
  internal error, writes the traceback to ``_build/internal-error.log`` and gives that
  path, and exits with status 3 (``proceedings.internal``).  The self-check page says the
  same of its engine, without the traceback.

Every :attr:`Problem.code` is registered in :data:`CODES` (and documented in the README),
so that a Sphinx warning's subtype, and what ``suppress_warnings`` can silence, is known.
"""

from __future__ import annotations

import dataclasses
import os
import re
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
    "unknown-reference": "an id that names nothing (a paper, a track, a committee, a room, a session)",
    "dates-order": "important dates out of order",
    "slot-time": "a slot that ends before (or when) it starts, or runs past midnight",
    "slot-order": "slots out of order, or one starting before an earlier one ends, in the same room",
    "schedule-date": "a program day that is not a workshop date",
    "duplicate-day": "two program days with the same date",
    "path-escape": "a path that leads outside the repository",
    "not-a-file": "a path that names a folder, a device, a pipe or a symbolic link loop instead of a file",
    "character": "a control character, noncharacter or lone surrogate in a value, or a line break in a one-line field",
    "alias": "a YAML alias (*name): data files write every value out",
    "nesting": "lists and mappings nested deeper than a data file needs",
    "page-limits": "a track whose minimum exceeds its maximum",
    "format": "a page format whose margins leave no text area",
    "image": "a sponsor's logo that is not a PNG or JPEG image",
    "double-booking": "a person in two slots at once (two rooms), or a chair chairing two sessions that overlap",
    "chair-speaks": "a session's chair speaking or presenting in it, unless the session says chair_may_speak",
    "presented-twice": "a paper on two slots (a talk, a poster) unless all but one say again: true",
    "material": "a material file the site does not publish (not what its name says, a program, too large) "
    "or a video that cannot be embedded",
    # Raised by pages rather than data files:
    "fact": "a {fact} role names nothing in the data",
    "directive": "a directive's argument names nothing in the data",
    "proceedings": "a paper's PDF cannot be read, or workshop_proceedings names no volume or a stale one",
    # Raised by the build's environment:
    "source-date-epoch": "SOURCE_DATE_EPOCH is set but is not a date (see workshop.core.epoch); no export is written",
    "selfcheck": "the self-check page cannot offer the check (no runtime: offline, a tarball not the pinned one; or its Python)",
    "output": "the exports cannot be written (a full or read-only disk); the last ones are left as they were",
    "site-address": "site_url and Read the Docs' address differ, or a build for publication has no address",
}


def shown_path(path: Path | str) -> str:
    """``docs/data/schedule.yaml``: a file as a message names it, relative to the working
    folder when it is inside it (what the reader can paste into a command), else absolute.
    Every message of the extension and the proceedings names files so; records written to
    disk name them relative to the repository instead (:func:`in_repository`), so that
    their bytes do not depend on where the command ran."""
    # Absolute, but not resolved: a data file that is a link is named as the link.
    resolved = Path(os.path.abspath(path))
    try:
        return str(resolved.relative_to(Path.cwd()))
    except ValueError:
        return str(resolved)


def in_repository(path: Path, root: Path) -> str:
    """``docs/data/papers/a.pdf``: how reports and the volume's manifest name a file,
    relative to the repository when inside it (absolute otherwise)."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def locate(file: Path | str | None, line: int | None = None, field: str | None = None) -> str:
    """``docs/data/schedule.yaml:12: days[0].slots[2].end: ``: where a message is about,
    as every message of the project begins (empty when it is about nothing in particular)."""
    where = ""
    if file is not None:
        where = f"{file}:{line}: " if line else f"{file}: "
    return where + (f"{field}: " if field else "")


#: Control characters (but tab and newline), and the bidirectional controls that reorder
#: what follows them: text from a PDF (a font's name, a heading), a file's or a zip
#: member's name and an export's fields can hold a terminal's escape sequences (clear the
#: screen, retitle the window), and the summaries and errors print such text.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal(text: str) -> str:
    """Text as it is safe to print: control characters written as ``\\x1b`` (bidirectional
    controls as ``\\u202e``).  The one cleaner: everything the tools print from data, file
    names or exports goes through it."""
    return _CONTROLS.sub(_escaped, text)


def terminal_json(text: str) -> str:
    """JSON text (``json.dumps(..., ensure_ascii=False)``) as it is safe to print: the same
    characters as :func:`terminal`, written as JSON's ``\\u009b`` (JSON escapes control
    characters below U+0020 itself, and these stand only inside strings), so the value
    read back is the same."""
    return _CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def excerpt(value: object, limit: int = 40) -> str:
    """``'abc'``: a value as a message quotes it, cut short past ``limit`` characters (a
    field of an export can hold thousands)."""
    text = str(value)
    if len(text) <= limit:
        return repr(text)
    return f"{text[: limit - 3]!r}... ({len(text):,} characters)"


class WorkshopError(Exception):
    """A problem someone can fix, raised: ``str()`` is the one line (:func:`locate`, then the
    message, which says what is wrong and what to do).  The root of every error the
    project raises on purpose; commands print it and exit with status 1."""

    def __init__(
        self, message: str, file: Path | str | None = None, field: str | None = None, line: int | None = None
    ) -> None:
        super().__init__(message)
        self.message, self.file, self.field, self.line = message, file, field, line

    def __str__(self) -> str:
        return locate(self.file, self.line, self.field) + self.message


class UsageError(WorkshopError):
    """A mistake in how a command was called rather than in the data or a file: commands
    print their usage with it and exit with status 2."""


@dataclasses.dataclass(frozen=True)
class Problem:
    file: Path
    line: int | None
    field: str
    message: str
    code: str = "schema"

    def __post_init__(self) -> None:
        if self.code not in CODES:  # a bug: every code is registered (and documented)
            raise ValueError(f"unregistered problem code {self.code!r}: add it to CODES and the README")

    @property
    def shown_file(self) -> str:
        """``docs/data/schedule.yaml``: relative to the working folder where possible."""
        return shown_path(self.file)

    @property
    def location(self) -> str:
        """``docs/data/schedule.yaml:12``: the file, and the line when known."""
        return locate(self.shown_file, self.line).removesuffix(": ")

    def __str__(self) -> str:
        return locate(self.shown_file, self.line, self.field) + self.message
