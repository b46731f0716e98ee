"""Files the data names (a paper's PDF, the data files themselves): found, or refused
before anything reads them.

Nothing outside the repository may be read or published, whatever a path says
(``../../etc/passwd``) or wherever a symbolic link inside the repository leads; and some
paths name something no program should open as a file: a folder, a device, a pipe
(opening one waits forever), a link that leads back to itself.  :func:`locate` tells
which from the path and the file system's metadata alone (it follows links to resolve
the path, and opens nothing), so that the loader, the site and the proceedings decide
alike.  A link inside the repository to another file inside it is fine.
"""

from __future__ import annotations

import dataclasses
import errno
import os
import stat
from pathlib import Path


@dataclasses.dataclass(frozen=True)
class Located:
    """Where a path leads: ``path`` (resolved as far as it goes, links followed), and
    ``code`` and ``message`` when it must not be read: ``missing-file`` (nothing there),
    ``path-escape`` (outside the repository), ``not-a-file`` (a folder, a device, a pipe,
    a link loop)."""

    path: Path
    code: str = ""
    message: str = ""

    @property
    def ok(self) -> bool:
        """A regular file inside the repository: the one kind of path that may be read."""
        return not self.code


def locate(folder: Path, relative: str | Path, root: Path) -> Located:
    """``relative`` (to ``folder``) as :class:`Located`, never raising: a path the file
    system cannot look up (a name too long, a NUL character) is ``missing-file``."""
    given = folder / relative
    shown = repr(str(relative))
    try:
        # Not strict: a link loop or a missing file still resolves as far as it goes, so a
        # missing file outside the repository is refused as outside, without a look there.
        resolved = Path(os.path.realpath(given))
    except (OSError, ValueError) as error:
        return Located(
            given, "missing-file", f"{shown} cannot be looked up ({_reason(error)}): check the path"
        )
    if not resolved.is_relative_to(root):
        return Located(
            resolved, "path-escape", f"{shown} leads outside the repository ({root}); keep papers inside it"
        )
    try:
        mode = os.stat(given).st_mode  # follows links
    except (OSError, ValueError) as error:
        if isinstance(error, OSError) and error.errno == errno.ELOOP:
            return Located(
                resolved,
                "not-a-file",
                f"{shown} is a symbolic link that leads back to itself (a loop): point it at the file",
            )
        if isinstance(error, OSError) and error.errno in (errno.ENOENT, errno.ENOTDIR):
            return Located(resolved, "missing-file", f"{shown} does not exist")
        return Located(
            resolved, "missing-file", f"{shown} cannot be looked up ({_reason(error)}): check the path"
        )
    if stat.S_ISDIR(mode):
        return Located(resolved, "not-a-file", f"{shown} is a folder: name the file itself")
    if not stat.S_ISREG(mode):
        return Located(
            resolved,
            "not-a-file",
            f"{shown} is a device, a pipe or a socket, not a file: name the file itself",
        )
    return Located(resolved)


def _reason(error: Exception) -> str:
    return error.strerror if isinstance(error, OSError) and error.strerror else str(error)
