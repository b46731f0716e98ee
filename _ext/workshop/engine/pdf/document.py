"""One PDF as the check reads it: opened once from its bytes (:mod:`.opener`), each page
scanned once, when first asked (:mod:`.content`: for the format and the rule alike), and
read as lines of text only when the rule asks (:mod:`.text`).

This is where what pypdf raises on a damaged page is caught
(:data:`~workshop.engine.pdf.objects.BROKEN_FILE`) and said as the page that cannot be
read (:class:`~workshop.engine.pdf.opener.UnreadablePdf`): above this layer, such an
exception is a bug.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from pypdf.errors import DependencyError, LimitReachedError

from workshop.engine.pdf.content import Scan, scan_page
from workshop.engine.pdf.fonts import Faces
from workshop.engine.pdf.marks import Frame
from workshop.engine.pdf.objects import BROKEN_FILE, rotation, visible_box
from workshop.engine.pdf.opener import TOO_MUCH, UnreadablePdf, cannot_decrypt, one_line, reader_of
from workshop.engine.pdf.text import PageText, page_text


@contextlib.contextmanager
def reading(number: int, encryption: str | None = None) -> Iterator[None]:
    """Page ``number`` is being read: what a damaged page raises becomes
    :class:`UnreadablePdf` naming it (a nesting too deep for Python goes on up, to be said
    of the whole file); a file encrypted (``encryption``) in a way pypdf cannot decrypt here
    is said to be so (AES opens with the empty password, then needs `cryptography` for
    every stream)."""
    try:
        yield
    except DependencyError as error:
        if encryption is not None:
            raise cannot_decrypt(encryption) from None
        raise UnreadablePdf(f"page {number} cannot be read here ({one_line(error)})") from None
    except LimitReachedError as error:  # pypdf's bounds on what it unpacks: kept to, and said
        raise UnreadablePdf(f"page {number} {TOO_MUCH} ({one_line(error)}): export it again") from None
    except BROKEN_FILE as error:
        raise UnreadablePdf(f"page {number} cannot be read ({one_line(error)}): export it again") from None


class Document:
    """The PDF of ``data`` (raises :class:`UnreadablePdf` when it cannot be opened): its
    pages scanned (:attr:`scans`, with each page's :attr:`frames`) and read as text
    (:attr:`texts`) as they are asked for."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.reader, self.encryption = reader_of(data)
        self.total = len(self.reader.pages)
        self.faces = Faces()
        self.scans: dict[int, Scan] = {}
        self.frames: dict[int, Frame] = {}
        self.texts: dict[int, PageText] = {}

    def scan(self, number: int) -> Scan:
        """Page ``number`` (1-based) scanned: its runs of text and its marks."""
        if number not in self.scans:
            with reading(number, self.encryption):
                page = self.reader.pages[number - 1]
                self.scans[number] = scan_page(page, self.faces)
                self.frames[number] = Frame(visible_box(page), rotation(page))
        return self.scans[number]

    def text(self, number: int) -> PageText:
        """Page ``number`` as lines of text in reading order."""
        if number not in self.texts:
            content = self.scan(number)
            with reading(number, self.encryption):
                media = self.reader.pages[number - 1].mediabox
                box = (float(media.left), float(media.bottom), float(media.right), float(media.top))
                self.texts[number] = page_text(content, number, box)
        return self.texts[number]
