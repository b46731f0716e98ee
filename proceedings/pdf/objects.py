"""Reading pypdf's objects defensively: a reference that leads nowhere (or round in a
circle), a name that is written as a string, a name tree with a broken branch.  What a
damaged or hostile file gives is ``None`` or less, never an exception."""

from __future__ import annotations

from collections.abc import Iterator

from pypdf.errors import PdfReadError
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NullObject,
    TextStringObject,
)


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
