"""What the content scan finds on a page (:mod:`workshop.engine.pdf.content`): each run of
text shown (:class:`Show`), each path, image and shading painted (:class:`Mark`), as
boxes in the page's space; and how the page is seen (:class:`Frame`: its visible box and
its turn), which takes those boxes to the page as a reader sees it."""

from __future__ import annotations

import dataclasses

from workshop.engine.pdf.fonts import Face
from workshop.engine.pdf.operands import Box


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


@dataclasses.dataclass(frozen=True)
class Frame:
    """How a page is seen: its visible box in page space and its /Rotate."""

    box: Box
    rotate: int = 0

    @property
    def size(self) -> tuple[float, float]:
        x0, y0, x1, y1 = self.box
        w, h = x1 - x0, y1 - y0
        return (h, w) if self.rotate % 180 else (w, h)

    def seen(self, box: Box) -> Box:
        """``box`` (page space) on the page as seen: origin at its lower left corner."""
        px0, py0, px1, py1 = self.box
        x0, y0, x1, y1 = box
        turn = self.rotate % 360
        if turn == 90:
            return (y0 - py0, px1 - x1, y1 - py0, px1 - x0)
        if turn == 180:
            return (px1 - x1, py1 - y1, px1 - x0, py1 - y0)
        if turn == 270:
            return (py1 - y1, x0 - px0, py1 - y0, x1 - px0)
        return (x0 - px0, y0 - py0, x1 - px0, y1 - py0)
