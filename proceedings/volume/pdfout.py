"""A PDF file written one object at a time, so that a volume of any size is never held in
memory whole: objects go to the file as soon as they are made, and only their offsets
are kept for the cross-reference table.

An object is written from a *template*: its bytes with ``%d`` where each reference goes
(a literal ``%`` doubled) and the keys of what it references.  The same template can be
written into several files with different object numbers (the volume and a paper's own
PDF): each file resolves keys to its numbers.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Callable, Hashable, Sequence
from typing import BinaryIO

Key = Hashable


@dataclasses.dataclass(frozen=True, slots=True)
class Template:
    """An object to write: ``body % numbers-of(refs)``, then the stream data if any."""

    body: bytes
    refs: tuple[Key, ...] = ()
    stream: bytes | None = None

    def render(self, number: Callable[[Key], int]) -> bytes:
        if not self.refs:
            return self.body
        return self.body % tuple(number(key) for key in self.refs)


def literal(text: bytes) -> bytes:
    """Bytes to put in a template as they are (``%`` doubled)."""
    return text.replace(b"%", b"%%")


def pdf_string(text: str) -> bytes:
    """A text string object: PDFDocEncoding (Latin-1 here) where it fits, else UTF-16BE."""
    try:
        raw = text.encode("latin-1")
        if any(b < 32 or 127 <= b < 160 for b in raw):
            raise UnicodeEncodeError("latin-1", text, 0, 1, "control characters")
    except UnicodeEncodeError:
        return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode() + b">"
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def pdf_date(moment: dt.datetime) -> bytes:
    return pdf_string(moment.astimezone(dt.UTC).strftime("D:%Y%m%d%H%M%SZ"))


class PdfOut:
    """One PDF file being written.  Numbers are handed out with :meth:`reserve` (or in
    blocks) and objects written in any order with :meth:`put`; :meth:`finish` writes
    the cross-reference table and trailer.  The file ID is a digest of every byte before
    it, so the same objects give the same file."""

    def __init__(self, file: BinaryIO, version: str = "1.7") -> None:
        self.file = file
        self.offsets: dict[int, int] = {}
        self.next_number = 1
        self.position = 0
        self.digest = hashlib.md5(usedforsecurity=False)
        self.version = version
        self._write(f"%PDF-{version}\n".encode() + b"%\xe2\xe3\xcf\xd3\n")

    def _write(self, data: bytes) -> None:
        self.file.write(data)
        self.digest.update(data)
        self.position += len(data)

    def reserve(self, count: int = 1) -> int:
        """Reserve ``count`` consecutive object numbers; returns the first."""
        first = self.next_number
        self.next_number += count
        return first

    def put(self, number: int, body: bytes, stream: bytes | None = None) -> None:
        self.offsets[number] = self.position
        if stream is None:
            self._write(b"%d 0 obj\n%b\nendobj\n" % (number, body))
        else:
            self._write(b"%d 0 obj\n%b\nstream\n" % (number, body))
            self._write(stream)
            self._write(b"\nendstream\nendobj\n")

    def put_template(self, number: int, template: Template, resolve: Callable[[Key], int]) -> None:
        self.put(number, template.render(resolve), template.stream)

    def finish(self, root: int, info: int | None = None) -> None:
        """Fill every reserved number not written with ``null`` and write the xref and trailer."""
        for number in range(1, self.next_number):
            if number not in self.offsets:
                self.put(number, b"null")
        file_id = self.digest.hexdigest().upper().encode()
        xref_at = self.position
        rows = [b"xref\n0 %d\n0000000000 65535 f \n" % self.next_number]
        rows.extend(b"%010d 00000 n \n" % self.offsets[n] for n in range(1, self.next_number))
        trailer = b"trailer\n<< /Size %d /Root %d 0 R " % (self.next_number, root)
        if info is not None:
            trailer += b"/Info %d 0 R " % info
        trailer += b"/ID [<%b> <%b>] >>\nstartxref\n%d\n%%%%EOF\n" % (file_id, file_id, xref_at)
        self._write(b"".join(rows) + trailer)


def array(numbers: Sequence[int]) -> bytes:
    return b"[" + b" ".join(b"%d 0 R" % n for n in numbers) + b"]"


def decimal(value: float, places: int = 4) -> str:
    """A number as PDF content writes it: ``places`` decimals at most, no trailing zeros,
    no exponent, and never ``-0``."""
    text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def number(value: float) -> bytes:
    return decimal(value).encode()
