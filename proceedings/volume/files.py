"""A stamped PDF being written: the volume, or one paper's own PDF.  Each holds the objects
every stamped file shares -- the catalog, the page tree's root, the ``q`` stream that
opens each page, the stamp font -- and gives :class:`~proceedings.volume.copy.PaperCopy`
a :class:`~proceedings.volume.copy.Target` to copy pages into."""

from __future__ import annotations

from pathlib import Path

from proceedings.volume.copy import Target
from proceedings.volume.pdfout import PdfOut


class StampedFile:
    """A PDF being written with the objects every stamped file shares: the catalog, the
    page tree's root, the ``q`` stream that opens each page, the stamp font."""

    def __init__(self, path: Path, font_objects: dict[str, tuple[bytes, list[str], bytes | None]]) -> None:
        self.handle = path.open("wb")
        self.out = PdfOut(self.handle)
        self.catalog, self.pages = self.out.reserve(), self.out.reserve()
        self.shared = {"q-stream": self.out.reserve()}
        self.shared.update({key: self.out.reserve() for key in font_objects})
        self.out.put(self.shared["q-stream"], b"<< /Length 2 >>", b"q\n")
        for key, (body, refs, stream) in font_objects.items():
            self.out.put(self.shared[key], body % tuple(self.shared[r] for r in refs), stream)

    def target(self, parent: int) -> Target:
        return Target(self.out.put_template, self.out.next_number, {**self.shared, "parent": parent})

    def close(self, catalog_extra: bytes, info: int) -> None:
        self.out.put(self.catalog, b"<< /Type /Catalog /Pages %d 0 R%b >>" % (self.pages, catalog_extra))
        self.out.finish(self.catalog, info)
        self.handle.close()
