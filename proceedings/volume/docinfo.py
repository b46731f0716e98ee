"""What a PDF the volume build writes says of itself: its document information (the Info
dictionary) and its XMP packet (:func:`workshop.core.xmp.packet`), both from one
:class:`~workshop.core.xmp.DocumentMetadata`, dated by the build's moment.  Nothing of a
paper's own Info dictionary or XMP is read: both are made anew from the data."""

from __future__ import annotations

import datetime as dt

import pypdf

from proceedings.volume.pdfout import PdfOut, pdf_date, pdf_string
from workshop.core import xmp
from workshop.core.xmp import DocumentMetadata

#: The Info dictionary's Creator and XMP's CreatorTool.
CREATOR = "python -m proceedings build"


def producer() -> str:
    """The Info dictionary's Producer and XMP's pdf:Producer."""
    return f"proceedings (pypdf {pypdf.__version__})"


def write_info(out: PdfOut, meta: DocumentMetadata, moment: dt.datetime) -> int:
    """The Info dictionary; returns its number."""
    num = out.reserve()
    date = pdf_date(moment)
    out.put(
        num,
        b"<< /Title %b /Author %b /Subject %b /Creator %b /Producer %b /CreationDate %b /ModDate %b >>"
        % (
            pdf_string(meta.title),
            pdf_string(", ".join(meta.creators)),
            pdf_string(meta.description),
            pdf_string(CREATOR),
            pdf_string(producer()),
            date,
            date,
        ),
    )
    return num


def write_metadata(out: PdfOut, meta: DocumentMetadata, moment: dt.datetime) -> tuple[int, bytes]:
    """The Info dictionary and the XMP stream (uncompressed, as PDF/A asks, so that tools
    that scan for the packet find it); returns the Info's number and what the catalog adds
    (``/Metadata``)."""
    info = write_info(out, meta, moment)
    data = xmp.packet(meta, moment, producer(), CREATOR)
    stream = out.reserve()
    out.put(stream, b"<< /Type /Metadata /Subtype /XML /Length %d >>" % len(data), data)
    return info, b" /Metadata %d 0 R" % stream
