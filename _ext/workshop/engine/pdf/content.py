"""Where a page puts things: one pass over its content stream, for the text and the margins.

pypdf gives the page's objects and decodes its streams; this module reads the operators
itself, which costs a fraction of pypdf's text extraction (a compiled tokenizer, and only
the operators that move or paint something interpreted).  What comes out
(:class:`Scan`) is

* each run of text shown (:class:`Show`): its font, size, where its baseline starts and
  where its advance ends on the page, and its bytes (decoded into characters only when
  the page-limit rule asks: :mod:`workshop.engine.pdf.text`);
* each painted path, image and shading as a box on the page (:class:`Mark`), cut to the
  clipping path in force (a figure's overhang that a clip hides is not on the page), white
  fills left out (a page-sized white background is not a drawing in the margin).

Form XObjects (included figures) are read once per page with their matrix and clipped to
their /BBox.  The work is bounded: at most :data:`MAX_BYTES` of content per page and
:data:`MAX_DEPTH` nested forms; a page beyond that is read in part and says so
(:attr:`Scan.complete`).
"""

from __future__ import annotations

import math

from pypdf.generic import ArrayObject, DictionaryObject, StreamObject

from workshop.engine.pdf.fonts import Faces
from workshop.engine.pdf.interpret import Interpreter
from workshop.engine.pdf.marks import Mark, Scan, Show
from workshop.engine.pdf.objects import real, resolve
from workshop.engine.pdf.operands import (
    IDENTITY,
    TOKEN,
    Box,
    Matrix,
    box_through,
    inline_images,
    meet,
    mult,
    string_bytes,
)

__all__ = ["Box", "Mark", "Scan", "Show", "scan_page", "string_bytes"]

#: The most bytes of content (the page's streams and its forms') read for one page.
MAX_BYTES = 8_000_000
#: How deep forms may nest inside forms.
MAX_DEPTH = 8
#: The most runs of text and marks kept of one page (a paper's page has a few hundred; a
#: plot of a hundred thousand points drawn one by one is read that far).
MAX_ITEMS = 200_000


class _Scanner:
    def __init__(self, faces: Faces, page_box: Box) -> None:
        self.faces = faces
        self.shows: list[Show] = []
        self.marks: list[Mark] = []
        self.budget = MAX_BYTES
        self.room = MAX_ITEMS  # how many more runs and marks are kept
        self.complete = True
        self.page_box = page_box

    # --- streams -----------------------------------------------------------------------

    def run(self, data: bytes, resources: object, ctm: Matrix, clip: Box, depth: int) -> None:
        if len(data) > self.budget:
            data, self.complete = data[: max(0, self.budget)], False
        self.budget -= len(data)
        images = inline_images(data) if b"BI" in data else []
        pieces: list[tuple[bytes, bool]] = []
        start = 0
        for begin, end in images:
            pieces.append((data[start:begin], False))
            pieces.append((b"", True))
            start = end
        pieces.append((data[start:], False))
        interpreter = Interpreter(self, resources, ctm, clip, depth)
        for piece, image in pieces:
            if image:
                interpreter.image()
            else:
                interpreter.feed(TOKEN.findall(piece))

    def form(self, stream: StreamObject, resources: object, ctm: Matrix, clip: Box, depth: int) -> None:
        if depth >= MAX_DEPTH:
            self.complete = False
            return
        matrix = resolve(stream.get("/Matrix"))
        m: Matrix = IDENTITY
        if isinstance(matrix, ArrayObject) and len(matrix) == 6:
            try:
                a, b, c, d, e, f = (real(v) for v in matrix)
                m = (a, b, c, d, e, f)
            except (TypeError, ValueError):
                m = IDENTITY
        ctm = mult(m, ctm)
        bbox = resolve(stream.get("/BBox"))
        if isinstance(bbox, ArrayObject) and len(bbox) == 4:
            try:
                x0, y0, x1, y1 = (real(v) for v in bbox)
                met = meet(clip, box_through((min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)), ctm))
            except (TypeError, ValueError):
                met = clip
            if met is None:
                return
            clip = met
        own = resolve(stream.get("/Resources"))
        self.run(
            stream.get_data(), own if isinstance(own, DictionaryObject) else resources, ctm, clip, depth + 1
        )


def scan_page(page: object, faces: Faces) -> Scan:
    """Read ``page`` (a pypdf page) for its text runs and marks, in the page's own space
    (the media box's origin as pypdf gives it)."""
    media = page.mediabox  # type: ignore[attr-defined]
    page_box: Box = (float(media.left), float(media.bottom), float(media.right), float(media.top))
    scanner = _Scanner(faces, page_box)
    contents = page.get_contents()  # type: ignore[attr-defined]
    if contents is not None:
        scanner.run(contents.get_data(), page.get("/Resources"), IDENTITY, _whole(page_box), 0)  # type: ignore[attr-defined]
    return Scan(scanner.shows, scanner.marks, scanner.complete)


def _whole(page_box: Box) -> Box:
    """The clip a page starts with: no clip at all (what lies off the page is for the
    margin check to see: it is cut by the page's edge when drawn)."""
    return (-math.inf, -math.inf, math.inf, math.inf)
