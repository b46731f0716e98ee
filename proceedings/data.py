"""The workshop data as the proceedings need it: the shared loader, or one clear error.

The chairs' tool works only on data without a problem, so what it loads is typed by what
that guarantees: :func:`load_edition` a workshop with its ``workshop.yaml``, and
:func:`load_for_proceedings` one with its accepted papers too."""

from __future__ import annotations

from pathlib import Path

from workshop.core.load import Loaded, WithInfo, WithPapers, load
from workshop.core.problems import WorkshopError

DEFAULT_DATA = Path("docs/data")


def load_edition(data_dir: Path | str = DEFAULT_DATA) -> Loaded[WithInfo]:
    """Load and validate the data folder; any problem raises :class:`WorkshopError` (the
    first one; all of them are in the message).  ``workshop.yaml`` is required, so a folder
    without a problem has it."""
    loaded = load(data_dir)
    if loaded.problems:
        first = loaded.problems[0]
        more = "".join(f"\n  {p}" for p in loaded.problems[1:])
        raise WorkshopError(
            first.message + (f"\n{len(loaded.problems) - 1} more problem(s):{more}" if more else ""),
            file=first.shown_file,
            field=first.field or None,
            line=first.line,
        )
    edition = loaded.narrowed(WithInfo)
    if edition is None:  # the loader reports a missing or broken workshop.yaml as a problem
        raise RuntimeError(f"{loaded.files['info']} did not load, and the loader said nothing")
    return edition


def load_for_proceedings(data_dir: Path | str = DEFAULT_DATA) -> Loaded[WithPapers]:
    """:func:`load_edition`, and a folder without ``papers.yaml`` raises
    :class:`WorkshopError` too."""
    loaded = load_edition(data_dir)
    accepted = loaded.narrowed(WithPapers)
    if accepted is None:
        raise WorkshopError(
            "has no accepted papers: add papers.yaml to the data folder", file=loaded.data_dir
        )
    return accepted
