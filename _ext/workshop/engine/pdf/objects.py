"""Reading pypdf's objects defensively: a reference that leads nowhere (or round in a
circle), a name that is written as a string, a name tree with a broken branch.  What a
damaged or hostile file gives is ``None`` or less, never an exception.

Also here, :data:`BROKEN_FILE`: what pypdf raises on a damaged file.  Only the reading layer
(this package) catches it, where a bad file is the only cause, and turns it into the
project's :class:`~workshop.engine.pdf.opener.UnreadablePdf` (or reads on without the
broken part); above it, these exceptions are bugs (see :mod:`workshop.core.problems`).
"""

from __future__ import annotations

import math
import struct
import zlib
from collections.abc import Iterator
from typing import cast

from pypdf import PdfReader
from pypdf.errors import PdfReadError, PyPdfError
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NullObject,
    TextStringObject,
)

#: What pypdf raises on a damaged or hostile file: its own errors, and (by its own account,
#: "broken PDF files might cause other Exceptions") Python's for a structure it did not
#: expect: a key or an index that is not there, an object of another type, a number that
#: overflows, an assertion of its own, a stream that does not unpack.
BROKEN_FILE: tuple[type[BaseException], ...] = (
    PyPdfError,
    ValueError,
    LookupError,
    TypeError,
    AttributeError,
    NotImplementedError,
    ArithmeticError,
    AssertionError,
    zlib.error,
    struct.error,
)
#: The same, and a structure nested deeper than Python recurses.
BROKEN_OR_NESTED: tuple[type[BaseException], ...] = (*BROKEN_FILE, RecursionError)


def resolve(value: object) -> object:
    """The object a reference leads to (through references to references, a few deep);
    ``None`` for a missing, unreadable or null object."""
    seen = 0
    while isinstance(value, IndirectObject) and seen < 32:
        try:
            value = value.get_object()
        except (PdfReadError, ValueError, KeyError, TypeError, OSError):
            return None
        seen += 1
    return None if isinstance(value, (NullObject, IndirectObject)) else value


def name_bytes(value: object) -> bytes | None:
    """The bytes of a destination name, whether written as a name or a string."""
    if isinstance(value, NameObject):
        return value[1:].encode("utf-8")
    if isinstance(value, TextStringObject):
        return value.original_bytes
    if isinstance(value, ByteStringObject):
        return bytes(value)
    return None


def name_tree(node: object, depth: int = 0) -> Iterator[tuple[bytes, object]]:
    """(key bytes, value) of a name tree, in order; a broken node ends its branch."""
    node = resolve(node)
    if not isinstance(node, DictionaryObject) or depth > 32:
        return
    names = resolve(node.get("/Names"))
    if isinstance(names, ArrayObject):
        for i in range(0, len(names) - 1, 2):
            key = name_bytes(resolve(names[i]))
            if key is not None:
                yield key, names[i + 1]
    kids = resolve(node.get("/Kids"))
    if isinstance(kids, ArrayObject):
        for kid in kids:
            yield from name_tree(kid, depth + 1)


def visible_box(page: object) -> tuple[float, float, float, float]:
    """The part of a page a reader sees and prints: its crop box within its media box
    (x0, y0, x1, y1); the media box when the crop box leaves nothing of it."""
    media, crop = page.mediabox, page.cropbox  # type: ignore[attr-defined]
    x0, y0 = max(float(media.left), float(crop.left)), max(float(media.bottom), float(crop.bottom))
    x1, y1 = min(float(media.right), float(crop.right)), min(float(media.top), float(crop.top))
    if x1 <= x0 or y1 <= y0:
        x0, y0, x1, y1 = float(media.left), float(media.bottom), float(media.right), float(media.top)
    return (x0, y0, x1, y1)


def rotation(page: DictionaryObject) -> int:
    """A page's /Rotate in degrees (a multiple of 90; anything else is no turn, as viewers take it)."""
    value = resolve(page.get("/Rotate", 0))
    if isinstance(value, (int, float)) and math.isfinite(value) and int(value) % 90 == 0:
        return int(value) % 360
    return 0


def catalog(reader: PdfReader) -> DictionaryObject:
    """The document's catalog, as the trailer's /Root leads to it (the opener refused a file
    whose catalog is no dictionary: it has no pages)."""
    return cast(DictionaryObject, reader.trailer["/Root"])


def real(value: object) -> float:
    """``float()`` of what ``value`` leads to: raises ``ValueError`` or ``TypeError`` where it
    is no number, as ``float()`` does."""
    return float(resolve(value))  # type: ignore[arg-type]  # float() itself refuses what is no number
