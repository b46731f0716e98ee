"""The pieces of a content stream: its tokens, strings and numbers, and the arithmetic of
its matrices and boxes (:mod:`workshop.engine.pdf.content` reads the operators).

The tokenizer is one compiled pattern run over the whole stream (a C loop): numbers and
operators, names, strings (literal, nested three deep, and hex), and whole arrays, which
the text operators read item by item only when they show them.
"""

from __future__ import annotations

import re

STRING_PATTERN = rb"\((?:[^()\\]++|\\.|\((?:[^()\\]++|\\.|\((?:[^()\\]++|\\.)*\))*\))*\)"
TOKEN = re.compile(
    rb"[^\s/\[\]()<>{}%]+"  # numbers and operators, the most common
    rb"|\[(?:[^\[\]()]++|"
    + STRING_PATTERN
    + rb")*\]"  # an array (of TJ) whole: its items are read when shown
    + rb"|"
    + STRING_PATTERN  # strings, nested 3 deep
    + rb"|/[^\s/\[\]()<>{}%]*"  # names
    + rb"|[\[\]]|<[0-9A-Fa-f\s]*>|<<|>>|[{}]|%[^\r\n]*",
    re.S,
)
#: The items of an array: strings (literal or hex), and numbers.
PIECE = re.compile(STRING_PATTERN + rb"|<[0-9A-Fa-f\s]*>|[-+]?[0-9.]+", re.S)
_ESCAPE = re.compile(rb"\\([0-7]{1,3}|\r\n|.)", re.S)
_ESCAPES = {
    b"n": b"\n",
    b"r": b"\r",
    b"t": b"\t",
    b"b": b"\b",
    b"f": b"\f",
    b"\n": b"",
    b"\r": b"",
    b"\r\n": b"",
}
#: Where an inline image begins (``BI``), its data (``ID``) and its end (``EI``): its data
#: is binary, never tokens.
_BEGIN_IMAGE = re.compile(rb"(?:^|(?<=\s))BI(?=\s)")
_IMAGE_DATA = re.compile(rb"(?<=\s)ID\s")
_END_IMAGE = re.compile(rb"(?<=\s)EI(?=\s|$)")


def inline_images(data: bytes) -> list[tuple[int, int]]:
    """The (start, end) of each inline image of a content stream, found in one pass
    forward (each search starts where the last ended: a stream of a million ``BI`` costs
    one reading of it, not a million); an image never closed runs to the end."""
    found: list[tuple[int, int]] = []
    position = 0
    while (begin := _BEGIN_IMAGE.search(data, position)) is not None:
        start = _IMAGE_DATA.search(data, begin.end())
        end = _END_IMAGE.search(data, start.end()) if start is not None else None
        if end is None:
            found.append((begin.start(), len(data)))
            break
        found.append((begin.start(), end.end()))
        position = end.end()
    return found


Matrix = tuple[float, float, float, float, float, float]
Box = tuple[float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def mult(a: Matrix, b: Matrix) -> Matrix:
    """``a`` then ``b`` (row vectors, as PDF composes them)."""
    return (
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    )


def box_through(box: Box, m: Matrix) -> Box:
    """The box that holds ``box`` after ``m``."""
    x0, y0, x1, y1 = box
    xs = (x0 * m[0] + y0 * m[2], x1 * m[0] + y0 * m[2], x0 * m[0] + y1 * m[2], x1 * m[0] + y1 * m[2])
    ys = (x0 * m[1] + y0 * m[3], x1 * m[1] + y0 * m[3], x0 * m[1] + y1 * m[3], x1 * m[1] + y1 * m[3])
    return (min(xs) + m[4], min(ys) + m[5], max(xs) + m[4], max(ys) + m[5])


def meet(a: Box, b: Box) -> Box | None:
    box = (max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3]))
    return box if box[0] <= box[2] and box[1] <= box[3] else None


def unescape(token: bytes) -> bytes:
    """A literal string token's bytes: ``(a\\(b\\051)`` -> ``a(b)``."""
    body = token[1:-1]
    if b"\\" not in body:
        return body

    def one(match: re.Match[bytes]) -> bytes:
        code = match.group(1)
        if code[:1].isdigit():
            return bytes((int(code, 8) & 0xFF,))
        return _ESCAPES.get(code, code)

    return _ESCAPE.sub(one, body)


def string_bytes(token: bytes) -> bytes:
    """The bytes of a string token, literal ``(...)`` or hex ``<...>``."""
    return string(token) or b""


def string(token: bytes) -> bytes | None:
    if token[:1] == b"(":
        return unescape(token)
    if token[:1] == b"<" and token[:2] != b"<<":
        digits = bytes(c for c in token[1:-1] if c not in b" \t\r\n\f\x00")
        return bytes.fromhex((digits + b"0" if len(digits) % 2 else digits).decode("ascii"))
    return None


def numbers(operands: list, count: int) -> list[float] | None:
    if len(operands) < count:
        return None
    try:
        return [float(t) for t in operands[-count:]]
    except (ValueError, TypeError):
        return None


def white(operands: list) -> bool:
    """Whether a fill colour's operands say white (gray 1, RGB 1 1 1, CMYK 0 0 0 0); a
    pattern or a colour space of other components is not."""
    try:
        if len(operands) == 4:
            return all(float(v) <= 0.001 for v in operands)
        return len(operands) in (1, 3) and all(float(v) >= 0.999 for v in operands)
    except (ValueError, TypeError):
        return False
