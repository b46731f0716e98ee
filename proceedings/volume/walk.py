"""The walk that copies a paper's objects: each value written out as bytes, each object
it references numbered in the copy and queued (once, however often it is referenced),
each stream copied as it is stored in the file (still compressed; a stream stored
uncompressed is compressed), never decoded and re-encoded.

:class:`Walk` is one part of :class:`~proceedings.volume.copy.PaperCopy`: it asks
:meth:`~proceedings.volume.clean.Clean.cleaned` what of a dictionary may be carried in,
and writes only that.
"""

from __future__ import annotations

import collections
import io
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import cast

from pypdf.generic import (
    BooleanObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NullObject,
    NumberObject,
    PdfObject,
    StreamObject,
)

from proceedings.volume.pdfout import Key, Template, literal
from workshop.core.problems import WorkshopError
from workshop.engine.pdf.objects import BROKEN_FILE

#: Nesting deeper than this in one object is a broken or hostile file.
MAX_DEPTH = 200

_NAME_CACHE: dict[str, bytes] = {}
#: What reading an object of a damaged file raises (see BROKEN_FILE).
_UNREADABLE: tuple[type[BaseException], ...] = (*BROKEN_FILE, OSError)


def name(value: str) -> bytes:
    """A name (``/Font``) as written in the file, escaped as the syntax asks."""
    cached = _NAME_CACHE.get(value)
    if cached is None:
        buffer = io.BytesIO()
        NameObject(value).write_to_stream(buffer)
        cached = _NAME_CACHE[value] = literal(buffer.getvalue())
    return cached


def scalar(obj: object) -> bytes:
    """A value that is neither a reference nor a container, as written in the file."""
    if isinstance(obj, NameObject):
        return name(obj)
    if isinstance(obj, BooleanObject):
        return b"true" if obj.value else b"false"
    if isinstance(obj, NumberObject):
        return b"%d" % obj
    if isinstance(obj, NullObject) or obj is None:
        return b"null"
    buffer = io.BytesIO()  # strings and reals: pypdf writes them (escaping strings)
    cast(PdfObject, obj).write_to_stream(buffer)
    return literal(buffer.getvalue())


def template(out: list[bytes | None], refs: list[Key], stream: bytes | None = None) -> Template:
    """The pieces of an object (``None`` where a reference goes) as a template."""
    body = b"".join(b"%d 0 R" if part is None else part for part in out)
    if not refs:
        body = body.replace(b"%%", b"%")
    return Template(body, tuple(refs), stream)


class Walk:
    """Serialises a paper's objects; keys are numbers from 0 (``count`` used so far).  A
    mixin: the class it is mixed into provides ``cleaned`` (the cleaner's)."""

    cleaned: Callable[..., list[tuple[str, object]] | None]

    path: Path
    _page_index: dict[int, int]

    def __init__(self) -> None:
        self._local: dict[int, int | None] = {}
        self._queue: collections.deque[tuple[int, object]] = collections.deque()
        self.count = 0

    def _allocate(self) -> int:
        self.count += 1
        return self.count - 1

    def ref(self, reference: IndirectObject) -> int | None:
        """The key of a referenced object in the copy (queued on first sight), or None
        when it is not carried (missing, refused, or a page of the page tree itself)."""
        idnum = reference.idnum
        page = self._page_index.get(idnum)
        if page is not None:
            return page
        if idnum in self._local:
            return self._local[idnum]
        try:
            target = reference.get_object()
        except _UNREADABLE:  # a reference into a damaged part of the file: left out
            target = None
        key = None
        if (
            target is not None
            and not isinstance(target, NullObject)
            and (not isinstance(target, DictionaryObject) or self.cleaned(target) is not None)
        ):
            key = self._allocate()
            self._queue.append((key, target))
        self._local[idnum] = key
        return key

    def value(self, obj: object, out: list, refs: list, depth: int = 0) -> None:
        """Append the bytes of a direct value to ``out`` (``None`` for a reference, whose
        key goes to ``refs``)."""
        if depth > MAX_DEPTH:
            raise WorkshopError("nests objects too deeply to copy: export it again", file=self.path)
        if type(obj) is IndirectObject:
            key = self.ref(obj)
            if key is None:
                out.append(b"null")
            else:
                out.append(None)
                refs.append(key)
        elif isinstance(obj, DictionaryObject):
            cleaned = self.cleaned(obj)
            if cleaned is None:
                out.append(b"null")
                return
            out.append(b"<<")
            for entry, item in cleaned:
                out.append(name(entry))
                out.append(b" ")
                self.value(item, out, refs, depth + 1)
                out.append(b" ")
            out.append(b">>")
        elif isinstance(obj, list):
            out.append(b"[")
            for item in obj:
                self.value(item, out, refs, depth + 1)
                out.append(b" ")
            out.append(b"]")
        else:
            out.append(scalar(obj))

    def template(self, obj: object, stream: bytes | None = None) -> Template:
        """A direct value (and its stream data) as a template."""
        out: list[bytes | None] = []
        refs: list[Key] = []
        self.value(obj, out, refs)
        return template(out, refs, stream)

    def stream_or_value(self, obj: object) -> Template:
        """An object queued by :meth:`ref`, as its template (a stream with its data)."""
        if not isinstance(obj, StreamObject):
            return self.template(obj)
        data = obj._data  # the bytes as stored in the file: copied, not decoded
        entries = [(k, v) for k, v in self.cleaned(obj) or () if k != "/Length"]
        if len(data) > 64 and not any(k in ("/Filter", "/DecodeParms") for k, _ in entries):
            data = zlib.compress(data, 6)
            entries.append(("/Filter", NameObject("/FlateDecode")))
        out: list[bytes | None] = [b"<<"]
        refs: list[Key] = []
        for key, item in entries:
            out.append(name(key) + b" ")
            self.value(item, out, refs)
            out.append(b" ")
        out.append(b"/Length %d >>" % len(data))
        return template(out, refs, data)
