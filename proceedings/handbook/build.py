"""``python -m proceedings handbook``: the program as a printed booklet, beside the volume.

    python -m proceedings handbook [--data DIR] [--out DIR]

Writes ``handbook.pdf`` and ``handbook.json`` (which data it was made from:
:mod:`workshop.core.booklet`; the site offers the booklet only when it was made from the
data the site is built from) into ``_build/proceedings/`` (``--out DIR`` elsewhere), both
or neither, each only when its bytes change; ``python -m proceedings build`` makes them too
when there is a program.  The same data gives the same bytes (PDF dates: the dating rule of
:mod:`workshop.core.epoch`).  A name or an abstract with a character no bundled font has
stops it naming the file and the field; nothing is written.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from proceedings.handbook.layout import typeset
from proceedings.handbook.texts import check_printable
from workshop.core import epoch
from workshop.core.booklet import HANDBOOK, MANIFEST, Booklet, digest
from workshop.core.load import Loaded
from workshop.core.outputs import cannot_write, replace_all
from workshop.core.problems import WorkshopError, shown_path, terminal

#: Where the booklet goes by default, relative to the repository: beside the volume.
HANDBOOK_DIR = Path("_build/proceedings")


def build_handbook(loaded: Loaded, out_dir: Path) -> Booklet:
    """Lay out the booklet and put it (and its manifest) into ``out_dir``, both or neither;
    :class:`WorkshopError` for data it cannot print or a folder that takes no file."""
    workshop = loaded.workshop
    if workshop.schedule is None or workshop.info is None:
        raise WorkshopError(
            "has no program (schedule.yaml): the handbook is the program as a booklet",
            file=shown_path(loaded.data_dir),
        )
    texts = check_printable(loaded)
    laid = typeset(workshop, texts, epoch.build_moment(workshop.info))
    booklet = Booklet(HANDBOOK, laid.pages, digest(workshop), laid.talks, laid.boards)
    try:
        replace_all([(out_dir / HANDBOOK, laid.pdf), (out_dir / MANIFEST, booklet.to_json().encode())])
    except OSError as error:
        words = cannot_write(error, again="run the command again", elsewhere="--out DIR")
        raise WorkshopError(words, file=shown_path(out_dir)) from None
    return booklet


def said(booklet: Booklet, out_dir: Path) -> str:
    boards = f", {booklet.boards} poster board{'s' if booklet.boards != 1 else ''}" if booklet.boards else ""
    return f"handbook: {out_dir / HANDBOOK} ({booklet.pages} pages: {booklet.talks} slots{boards})"


def add_handbook(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "handbook",
        help="the program as a printed booklet (handbook.pdf), beside the volume",
        description="Lay out the program as a booklet: per day and room each talk with its authors and "
        "abstract, the poster boards, the venue and its rooms, the committees; in the volume's fonts.",
    )
    parser.add_argument("--data", default="docs/data", type=Path, help="the data folder (default: docs/data)")
    parser.add_argument(
        "--out",
        type=Path,
        metavar="DIR",
        help=f"where to write it (default: {HANDBOOK_DIR} in the repository)",
    )
    parser.set_defaults(run=run_handbook)


def run_handbook(args: argparse.Namespace) -> int:
    from proceedings.data import load_for_proceedings

    loaded = load_for_proceedings(args.data, require_papers=False)
    out = args.out or loaded.root / HANDBOOK_DIR
    print(terminal(said(build_handbook(loaded, out), out)))
    return 0
