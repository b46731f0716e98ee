"""A stamped PDF being written: the volume, or one paper's own PDF.  Each holds the objects
every stamped file shares -- the catalog, the page tree's root, the ``q`` stream that
opens each page, the stamp font -- and gives :class:`~proceedings.volume.copy.PaperCopy`
a :class:`~proceedings.volume.copy.Target` to copy pages into."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Hashable
from pathlib import Path

import pypdf

from proceedings.volume.copy import PaperCopy, Target
from proceedings.volume.docinfo import write_metadata
from proceedings.volume.pdfout import PdfOut, array
from proceedings.volume.stamps import StampFont
from proceedings.volume.structure import from_paper, outline_root, write_leaves, write_name_tree
from workshop.core.xmp import DocumentMetadata


def catalog_extra(
    labels: bytes, outline: int | None, names: int | None, mode: bytes = b" /PageMode /UseOutlines"
) -> bytes:
    """What a stamped file's catalog adds: its page labels, bookmarks and named destinations."""
    extra = b" /PageLabels " + labels
    if outline:
        extra += b" /Outlines %d 0 R%b" % (outline, mode)
    if names:
        extra += b" /Names << /Dests %d 0 R >>" % names
    return extra


class StampedFile:
    """A PDF being written with the objects every stamped file shares: the catalog, the
    page tree's root, the ``q`` stream that opens each page, the stamp font."""

    def __init__(self, path: Path, font_objects: dict[str, tuple[bytes, list[str], bytes | None]]) -> None:
        self.handle = path.open("wb")
        self.out = PdfOut(self.handle)
        self.catalog, self.pages = self.out.reserve(), self.out.reserve()
        self.shared: dict[Hashable, int] = {"q-stream": self.out.reserve()}
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


def write_first_pages(
    path: Path,
    pdf: bytes,
    labels: list[str | None],
    stamp: tuple[StampFont, str, dict],
    catalog_extra: bytes,
    metadata: Callable[[PdfOut], tuple[int, bytes]],
) -> None:
    """Write the first ``len(labels)`` pages of ``pdf`` (pages the volume laid out itself) as
    a stamped file of their own at ``path``: stamped with ``labels``, with the catalog's
    ``catalog_extra`` and the Info dictionary and XMP that ``metadata`` writes
    (:func:`proceedings.volume.docinfo.write_metadata`)."""
    font, footer, font_objects = stamp
    whole = pypdf.PdfReader(io.BytesIO(pdf))
    writer = pypdf.PdfWriter()
    for page in whole.pages[: len(labels)]:
        writer.add_page(page)
    buffer = io.BytesIO()
    writer.write(buffer)
    own = StampedFile(path, font_objects)
    target = own.target(own.pages)
    copy = PaperCopy(pypdf.PdfReader(buffer), Path(path.name), path.stem, font, footer)
    try:
        copy.copy([target], labels)
    except BaseException:
        own.handle.close()
        raise
    own.out.next_number = target.base + copy.count
    count = len(labels)
    own.out.put(
        own.pages,
        b"<< /Type /Pages /Kids %b /Count %d >>" % (array(range(target.base, target.base + count)), count),
    )
    info, more = metadata(own.out)
    own.close(catalog_extra + more, info)


def close_paper_file(
    own: StampedFile, target: Target, copy: PaperCopy, meta: DocumentMetadata, moment: dt.datetime
) -> None:
    """Finish a paper's own PDF once ``copy`` has copied its pages into ``target``: its page
    tree, bookmarks, destinations, labels with the volume's page numbers (from
    ``meta.pages``), Info dictionary and XMP."""
    assert meta.pages is not None, "a paper's own PDF is numbered as in the volume"
    first, last = meta.pages
    count = last - first + 1
    own.out.next_number = target.base + copy.count
    own.out.put(
        own.pages,
        b"<< /Type /Pages /Kids %b /Count %d >>" % (array(range(target.base, target.base + count)), count),
    )
    outline = outline_root(own.out, from_paper(copy.outline, target.number))
    leaves = write_leaves(own.out, [(k, t.render(target.number)) for k, t in copy.dests])
    names = write_name_tree(own.out, leaves)
    labels = b"<< /Nums [0 << /S /D /St %d >>] >>" % first
    info, metadata = write_metadata(own.out, meta, moment)
    own.close(catalog_extra(labels, outline, names) + metadata, info)
