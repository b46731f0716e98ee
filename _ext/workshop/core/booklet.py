"""What the handbook build leaves beside the volume: ``handbook.pdf`` (the program as a
printed booklet, made by ``python -m proceedings handbook`` or ``build``) and
``handbook.json``, which says which data it was made from.  The site reads the latter, as it
reads the volume's manifest, to offer the booklet without opening a PDF: only a booklet
made from the data the site is built from is offered.  Standard library only.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path

from workshop.core.model import Workshop
from workshop.core.outputs import read_output

HANDBOOK = "handbook.pdf"
MANIFEST = "handbook.json"
MAX_MANIFEST = 64 * 1024


def digest(workshop: Workshop) -> str:
    """The SHA-256 of everything the booklet prints from: the workshop, the committees, the
    program and the papers, as the loader read them."""
    hasher = hashlib.sha256()
    for part in (workshop.info, workshop.people, workshop.schedule, workshop.papers):
        hasher.update(part.model_dump_json().encode() if part is not None else b"-")
        hasher.update(b"\n")
    return hasher.hexdigest()


@dataclasses.dataclass(frozen=True)
class Booklet:
    """A booklet as its manifest describes it."""

    pdf: str  # relative to its folder
    pages: int
    digest: str  # of the data it was made from (:func:`digest`)
    talks: int  # slots printed (breaks aside)
    boards: int  # posters printed with their board

    def to_json(self) -> str:
        return json.dumps(dataclasses.asdict(self), indent=2) + "\n"


def read(folder: Path) -> Booklet | None:
    """The booklet in ``folder`` as its manifest says (None: no manifest, or not one of ours)."""
    try:
        found = json.loads(read_output(folder / MANIFEST, MAX_MANIFEST).decode("utf-8"))
        booklet = Booklet(**found)
    except (OSError, ValueError, TypeError):
        return None
    return booklet if booklet.pdf == HANDBOOK else None
