"""What the content scan finds on a page (:mod:`proceedings.pdf.content`): each run of
text shown (:class:`Show`), each path, image and shading painted (:class:`Mark`), as
boxes in the page's space."""

from __future__ import annotations

import dataclasses

from proceedings.pdf.fonts import Face
from proceedings.pdf.operands import Box


@dataclasses.dataclass(slots=True)
class Show:
    """One run of text shown (a Tj, TJ, ' or "), on the page."""

    face: Face | None
    x: float  # where the baseline starts
    y: float
    end: float  # where the advance ends (x for upright text)
    size: float  # the font size as printed
    upright: bool  # horizontal, left to right, not mirrored
    parts: list[bytes]  # the operands as written: string tokens and (TJ) the numbers between them
    box: Box  # the run's box: baseline less descenders to capitals
    invisible: bool = False  # rendering mode 3 (the text layer of a scan): on no print
    glyphs: int = 0  # how many glyphs it shows


@dataclasses.dataclass(slots=True)
class Mark:
    kind: str  # "path", "image", "shading"
    box: Box


@dataclasses.dataclass
class Scan:
    shows: list[Show]
    marks: list[Mark]
    complete: bool = True  # False when the page held more than the scan reads

    @property
    def images(self) -> bool:
        return any(m.kind == "image" for m in self.marks)
