"""The program as a printed booklet, beside the volume (the command: :mod:`.command`).

Writes ``handbook.pdf`` and ``handbook.json`` (which data it was made from:
:mod:`workshop.core.booklet`; the site offers the booklet only when it was made from the
data the site is built from) into ``_build/proceedings/`` (``--out DIR`` elsewhere), both
or neither, each only when its bytes change; ``python -m proceedings build`` makes them too
when there is a program.  The same data gives the same bytes (PDF dates: the dating rule of
:mod:`workshop.core.epoch`).  A name or an abstract with a character no bundled font has
stops it naming the file and the field; nothing is written.
"""

from __future__ import annotations

from pathlib import Path

from proceedings.handbook.layout import typeset
from proceedings.handbook.texts import check_printable
from workshop.core import epoch
from workshop.core.booklet import HANDBOOK, MANIFEST, Booklet, digest
from workshop.core.load import Loaded, WithInfo, WithSchedule
from workshop.core.outputs import cannot_write, replace_all
from workshop.core.problems import WorkshopError, shown_path


def with_program(loaded: Loaded[WithInfo]) -> Loaded[WithSchedule]:
    """``loaded`` with its program; :class:`WorkshopError` for a data folder without one."""
    program = loaded.narrowed(WithSchedule)
    if program is None:
        raise WorkshopError(
            "has no program (schedule.yaml): the handbook is the program as a booklet",
            file=shown_path(loaded.data_dir),
        )
    return program


def build_handbook(loaded: Loaded[WithSchedule], out_dir: Path) -> Booklet:
    """Lay out the booklet and put it (and its manifest) into ``out_dir``, both or neither;
    :class:`WorkshopError` for data it cannot print or a folder that takes no file."""
    workshop = loaded.workshop
    texts = check_printable(loaded)
    laid = typeset(workshop, texts, epoch.build_moment(workshop.info))
    booklet = Booklet(HANDBOOK, laid.pages, digest(workshop), laid.talks, laid.boards)
    try:
        replace_all([(out_dir / HANDBOOK, laid.pdf), (out_dir / MANIFEST, booklet.to_json().encode())])
    except OSError as error:
        words = cannot_write(error, again="run the command again", elsewhere="--out DIR")
        raise WorkshopError(words, file=shown_path(out_dir)) from None
    return booklet
