"""The workshop data as the proceedings need it: the shared loader, or one clear error."""

from __future__ import annotations

from pathlib import Path

from workshop.core.load import Loaded, load
from workshop.core.problems import WorkshopError

DEFAULT_DATA = Path("docs/data")


def load_for_proceedings(data_dir: Path | str = DEFAULT_DATA, *, require_papers: bool = True) -> Loaded:
    """Load and validate the data folder; any problem raises :class:`WorkshopError`
    (the first one; all of them are in the message), as does a folder without
    ``papers.yaml`` unless ``require_papers`` is false."""
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
    if require_papers and loaded.workshop.papers is None:
        raise WorkshopError(
            "has no accepted papers: add papers.yaml to the data folder", file=loaded.data_dir
        )
    return loaded
