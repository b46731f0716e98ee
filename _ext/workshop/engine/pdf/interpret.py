"""The operators of a content stream, interpreted for where they put things: the graphics
state (the matrix, the clip, white fills), paths, images, forms and every text operator
(the text matrix, the font and its size, spacing, each string's advance from the font's
widths).  Driven by :mod:`workshop.engine.pdf.content`, which owns the page and its budget."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Protocol

from pypdf.generic import DictionaryObject, StreamObject

from workshop.engine.pdf.fonts import Face, Faces
from workshop.engine.pdf.marks import Mark, Show
from workshop.engine.pdf.objects import resolve
from workshop.engine.pdf.operands import (
    IDENTITY,
    PIECE,
    Box,
    Matrix,
    box_through,
    meet,
    mult,
    numbers,
    string,
    white,
)

#: What a run in no font has measured already: nothing.
_NOTHING: dict[bytes, tuple[float, int, int]] = {}
#: How high above and below its baseline a run of text reaches, in ems: most fonts'
#: capitals and descenders (a font's own figures vary a little; the margin check allows for it).
ASCENT, DESCENT = 0.72, 0.22


class Scanner(Protocol):
    """What an interpreter reports to and asks of the page's scan
    (:class:`workshop.engine.pdf.content._Scanner`): its budget, its findings, its fonts and forms."""

    faces: Faces
    shows: list[Show]
    marks: list[Mark]
    room: int
    complete: bool
    page_box: Box

    def form(self, stream: StreamObject, resources: object, ctm: Matrix, clip: Box, depth: int) -> None: ...


class Interpreter:
    """The operators of one stream, with the graphics state they change."""

    def __init__(self, scanner: Scanner, resources: object, ctm: Matrix, clip: Box, depth: int) -> None:
        self.scanner, self.depth = scanner, depth
        resources = resolve(resources)
        self.resources = resources if isinstance(resources, DictionaryObject) else DictionaryObject()
        # The graphics state the scan follows, saved and restored whole by q and Q.
        self.fill: list = []
        self.ctm, self.clip_box, self.width = ctm, clip, 1.0
        self.stack: list[tuple[Matrix, Box, list, float]] = []
        self.x0 = self.y0 = math.inf  # the current path's box, in user space
        self.x1 = self.y1 = -math.inf
        self.clip_next = False
        # text state
        self.tm: Matrix = IDENTITY
        self.tlm: Matrix = IDENTITY
        self.face: Face | None = None
        self.size = 0.0
        self.leading = self.char_space = self.word_space = self.rise = 0.0
        self.scale = 1.0
        self.mode = 0
        self._fonts: dict[bytes, Face | None] = {}

    def feed(self, tokens: list[bytes]) -> None:
        operands: list = []
        arrays: list[list] = []
        get = _HANDLERS.get
        for token in tokens:
            handler = get(token)
            if handler is None:  # an operand (or an operator nothing here needs: reset by the next one)
                operands.append(token)
            elif handler is _open_array:
                arrays.append(operands)
                operands = []
            elif handler is _close_array:
                if arrays:
                    inner, operands = operands, arrays.pop()
                    operands.append(inner)
            else:
                if arrays:  # an operator inside an array: the array was never closed
                    operands, arrays = arrays[0], []
                try:  # noqa: SIM105 - the hot loop: suppress() would cost a call per operator
                    handler(self, operands)
                except (ValueError, TypeError, IndexError, AttributeError, ZeroDivisionError, OverflowError):
                    pass  # a malformed operator is skipped, as viewers do
                operands = []

    # --- graphics state ------------------------------------------------------------------

    def push(self, _: list) -> None:
        if len(self.stack) < 64:
            self.stack.append((self.ctm, self.clip_box, self.fill, self.width))

    def pop(self, _: list) -> None:
        if self.stack:
            self.ctm, self.clip_box, self.fill, self.width = self.stack.pop()

    def concat(self, operands: list) -> None:
        m = numbers(operands, 6)
        if m is not None:
            self.ctm = mult(tuple(m), self.ctm)  # type: ignore[arg-type]

    def line_width(self, operands: list) -> None:
        self.width = float(operands[-1])

    def fill_color(self, operands: list) -> None:
        self.fill = operands  # judged white or not only when a path is filled with it

    # --- paths --------------------------------------------------------------------------

    def point(self, operands: list) -> None:
        x, y = float(operands[-2]), float(operands[-1])
        self.x0 = min(self.x0, x)
        self.x1 = max(self.x1, x)
        self.y0 = min(self.y0, y)
        self.y1 = max(self.y1, y)

    def curve(self, operands: list) -> None:
        for i in range(-len(operands[-6:]), 0, 2):
            self.point(operands[i : i + 2 or None])

    def rect(self, operands: list) -> None:
        x, y, w, h = (float(v) for v in operands[-4:])
        self.point([x, y])
        self.point([x + w, y + h])

    def paint(self, operator: bytes) -> None:
        if self.x0 <= self.x1:
            ctm = self.ctm
            box = box_through((self.x0, self.y0, self.x1, self.y1), ctm)
            if self.clip_next:
                self.clip_box = meet(self.clip_box, box) or (0.0, 0.0, 0.0, 0.0)
            if operator != b"n":
                stroke = operator in (b"S", b"s", b"B", b"B*", b"b", b"b*")
                if stroke or not white(self.fill):
                    if stroke:
                        scale = math.sqrt(abs(ctm[0] * ctm[3] - ctm[1] * ctm[2]))
                        half = max(self.width, 0.0) * scale / 2
                        box = (box[0] - half, box[1] - half, box[2] + half, box[3] + half)
                    self._mark("path", box)
        self.x0 = self.y0 = math.inf
        self.x1 = self.y1 = -math.inf
        self.clip_next = False

    def clip(self, _: list) -> None:
        self.clip_next = True

    def _mark(self, kind: str, box: Box) -> None:
        met = meet(box, self.clip_box)
        if met is not None:
            scanner = self.scanner
            scanner.room -= 1
            if scanner.room >= 0:
                scanner.marks.append(Mark(kind, met))
            else:
                scanner.complete = False

    # --- images, forms, shadings ---------------------------------------------------------------

    def image(self) -> None:
        self._mark("image", box_through((0.0, 0.0, 1.0, 1.0), self.ctm))

    def draw(self, operands: list) -> None:
        xobjects = resolve(self.resources.get("/XObject"))
        if not operands or not isinstance(xobjects, DictionaryObject):
            return
        xobject = resolve(xobjects.get(operands[-1].decode("latin-1")))
        if not isinstance(xobject, StreamObject):
            return
        subtype = xobject.get("/Subtype")
        if subtype == "/Image":
            self.image()
        elif subtype == "/Form":
            self.scanner.form(xobject, self.resources, self.ctm, self.clip_box, self.depth)

    def shade(self, _: list) -> None:
        clip = self.clip_box
        self._mark("shading", clip if math.isfinite(clip[0]) else self.scanner.page_box)

    # --- text ---------------------------------------------------------------------------

    def begin_text(self, _: list) -> None:
        self.tm = self.tlm = IDENTITY

    def font(self, operands: list) -> None:
        name, size = operands[-2], float(operands[-1])
        if name not in self._fonts:
            fonts = resolve(self.resources.get("/Font"))
            ref = fonts.get(name.decode("latin-1")) if isinstance(fonts, DictionaryObject) else None
            self._fonts[name] = self.scanner.faces(ref) if ref is not None else None
        self.face, self.size = self._fonts[name], size

    def move(self, operands: list) -> None:
        tx, ty = float(operands[-2]), float(operands[-1])
        a, b, c, d, e, f = self.tlm
        self.tlm = self.tm = (a, b, c, d, tx * a + ty * c + e, tx * b + ty * d + f)

    def move_leading(self, operands: list) -> None:
        self.move(operands)
        self.leading = -float(operands[-1])

    def matrix(self, operands: list) -> None:
        m = numbers(operands, 6)
        if m is not None:
            self.tlm = self.tm = (m[0], m[1], m[2], m[3], m[4], m[5])

    def next_line(self, _: list | None = None) -> None:
        self.move([0.0, -self.leading])

    def set_leading(self, operands: list) -> None:
        self.leading = float(operands[-1])

    def set_char_space(self, operands: list) -> None:
        self.char_space = float(operands[-1])

    def set_word_space(self, operands: list) -> None:
        self.word_space = float(operands[-1])

    def set_scale(self, operands: list) -> None:
        self.scale = float(operands[-1]) / 100

    def set_rise(self, operands: list) -> None:
        self.rise = float(operands[-1])

    def set_mode(self, operands: list) -> None:
        self.mode = int(float(operands[-1]))

    def show(self, operands: list) -> None:
        token = operands[-1]
        if token[:1] in b"(<":
            self._show([token], *self._measure(token), 0.0)

    def show_array(self, operands: list) -> None:
        token = operands[-1]
        if token[:1] != b"[":
            return
        pieces = PIECE.findall(token)
        width = 0.0
        glyphs = spaces = 0
        kerning = 0.0
        known: Callable[[bytes], tuple[float, int, int] | None] = (
            self.face.measured.get if self.face is not None else _NOTHING.get
        )
        for piece in pieces:
            if piece[0] == 40 or piece[0] == 60:  # ( or <: a string
                w, n, s = known(piece) or self._measure(piece)
                width += w
                glyphs += n
                spaces += s
            else:
                kerning += float(piece)
        self._show(pieces, width, glyphs, spaces, kerning)

    def _measure(self, token: bytes) -> tuple[float, int, int]:
        """The advance of a string token in the current font (in ems), its glyphs and
        single-byte spaces.  Words recur: each face remembers the tokens it measured."""
        face = self.face
        if face is None:
            raw = string(token) or b""
            return 0.5 * len(raw), len(raw), raw.count(32)
        known = face.measured.get(token)
        if known is None:
            known = face.width(string(token) or b"")
            if len(face.measured) < 65536:
                face.measured[token] = known
        return known

    def next_show(self, operands: list) -> None:
        self.next_line()
        self.show(operands)

    def spaced_show(self, operands: list) -> None:
        self.word_space, self.char_space = float(operands[-3]), float(operands[-2])
        self.next_show(operands)

    def _show(self, parts: list[bytes], width: float, glyphs: int, spaces: int, kerning: float) -> None:
        face, size, scale = self.face, self.size, self.scale
        advance = (
            width * size + self.char_space * glyphs + self.word_space * spaces - kerning / 1000 * size
        ) * scale
        tm, ctm = self.tm, self.ctm
        m = tm if ctm == IDENTITY else mult(tm, ctm)
        a, b, c, d = m[0], m[1], m[2], m[3]
        x, y = m[4] + self.rise * c, m[5] + self.rise * d
        upright = abs(b) <= 1e-3 * abs(a) + 1e-6 and a > 0 and d > 0
        printed = abs(size) * math.hypot(c, d)
        if upright:
            end = x + advance * a
            low, high = (x, end) if end >= x else (end, x)
            box: Box = (low, y - DESCENT * printed, high, y + ASCENT * printed)
        else:
            height = abs(size)
            trm = (a, b, c, d, x, y)
            box = box_through((min(0.0, advance), -DESCENT * height, max(0.0, advance), ASCENT * height), trm)
            end = advance * a + x
        clip = self.clip_box
        invisible = self.mode in {3, 7}
        if clip[0] != -math.inf:
            met = meet(box, clip)
            if met is None and not invisible:
                self.tm = (tm[0], tm[1], tm[2], tm[3], tm[4] + advance * tm[0], tm[5] + advance * tm[1])
                return
            box = met or box
        scanner = self.scanner
        scanner.room -= 1
        if scanner.room >= 0:
            scanner.shows.append(Show(face, x, y, end, printed, upright, parts, box, invisible, glyphs))
        else:
            scanner.complete = False
        self.tm = (tm[0], tm[1], tm[2], tm[3], tm[4] + advance * tm[0], tm[5] + advance * tm[1])


def _open_array(_: Interpreter, __: list) -> None:
    """``[``: a marker in the handler table (the loop opens the array)."""


def _close_array(_: Interpreter, __: list) -> None:
    """``]``: a marker in the handler table (the loop closes the array)."""


_HANDLERS: dict[bytes, Callable[[Interpreter, list], None]] = {
    b"q": Interpreter.push,
    b"Q": Interpreter.pop,
    b"cm": Interpreter.concat,
    b"w": Interpreter.line_width,
    b"g": Interpreter.fill_color,
    b"rg": Interpreter.fill_color,
    b"k": Interpreter.fill_color,
    b"sc": Interpreter.fill_color,
    b"scn": Interpreter.fill_color,
    b"m": Interpreter.point,
    b"l": Interpreter.point,
    b"c": Interpreter.curve,
    b"v": Interpreter.curve,
    b"y": Interpreter.curve,
    b"re": Interpreter.rect,
    b"W": Interpreter.clip,
    b"W*": Interpreter.clip,
    b"Do": Interpreter.draw,
    b"sh": Interpreter.shade,
    b"BT": Interpreter.begin_text,
    b"Tf": Interpreter.font,
    b"Td": Interpreter.move,
    b"TD": Interpreter.move_leading,
    b"Tm": Interpreter.matrix,
    b"T*": Interpreter.next_line,
    b"TL": Interpreter.set_leading,
    b"Tc": Interpreter.set_char_space,
    b"Tw": Interpreter.set_word_space,
    b"Tz": Interpreter.set_scale,
    b"Ts": Interpreter.set_rise,
    b"Tr": Interpreter.set_mode,
    b"Tj": Interpreter.show,
    b"TJ": Interpreter.show_array,
    b"'": Interpreter.next_show,
    b'"': Interpreter.spaced_show,
}
for _operator in (b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*", b"n"):
    _HANDLERS[_operator] = lambda self, _, operator=_operator: self.paint(operator)  # type: ignore[misc]  # a default binds each operator
#: Operators that change nothing the scan follows: they only end their operands.
for _operator in b"ET d J j M ri i gs G RG K CS cs SC SCN h BMC BDC EMC MP DP BX EX d0 d1 ID EI BI".split():
    _HANDLERS[_operator] = lambda self, _: None
_HANDLERS[b"["] = _open_array
_HANDLERS[b"]"] = _close_array
