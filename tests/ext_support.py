"""Helpers of the extension's tests (test_ext_*.py): test roots copied to edit, warnings read
as a user sees them, data files edited in place."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from sphinx.testing.util import SphinxTestApp

ROOTS = Path(__file__).resolve().parent / "roots"


def copy_root(name: str, dest: Path) -> Path:
    """A private copy of ``tests/roots/test-<name>`` to edit (the ``app`` fixture's copy is
    shared by every test of the same root)."""
    srcdir = dest / f"test-{name}"
    shutil.copytree(ROOTS / f"test-{name}", srcdir)
    return srcdir


def warnings_of(app: SphinxTestApp) -> list[str]:
    """The warnings of a build, one per line, without terminal colours."""
    text = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
    return [line for line in text.splitlines() if line.strip()]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert text.count(old) == 1, f"{old!r} is not once in {path}"
    path.write_text(text.replace(old, new))


def line_of(path: Path, needle: str) -> int:
    """The 1-based line of ``path`` holding ``needle`` (exactly one must)."""
    found = [i for i, line in enumerate(path.read_text().splitlines(), 1) if needle in line]
    assert len(found) == 1, f"{needle!r} is on lines {found} of {path}"
    return found[0]


def built(make_app, srcdir: Path, **kwargs) -> SphinxTestApp:
    """A finished build of ``srcdir`` (sphinx.testing's ``make_app``), its global
    registrations undone so that the next app in the same test starts clean."""
    app = make_app(kwargs.pop("buildername", "html"), srcdir=srcdir, **kwargs)
    try:
        app.build()
    finally:
        app.cleanup()
    return app
