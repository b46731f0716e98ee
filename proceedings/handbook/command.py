"""``proceedings handbook``: the program as a printed booklet, beside the volume.

    proceedings handbook [--data DIR] [--out DIR]

Its arguments and what it says; the booklet is made by :mod:`proceedings.handbook.build`,
imported only when the command runs (the CLI loads no PDF library before it must).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from workshop.core.booklet import HANDBOOK, Booklet
from workshop.core.problems import terminal

#: Where the booklet goes by default, relative to the repository: beside the volume.
HANDBOOK_DIR = Path("_build/proceedings")


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
    from proceedings.data import load_edition
    from proceedings.handbook.build import build_handbook, with_program

    loaded = with_program(load_edition(args.data))
    out = args.out or loaded.root / HANDBOOK_DIR
    print(terminal(said(build_handbook(loaded, out), out)))
    return 0
