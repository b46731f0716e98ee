"""Format findings: what a camera-ready PDF gets wrong besides its length.

Each finding is reported with every verdict; it fails the paper only when the data
says so (``proceedings.strict_format`` in workshop.yaml).  The findings are those
that would spoil the volume: pages not of the format's size (``format.page_size`` in
the data, US Letter by default) or not all one size, text or drawings outside the text
area (:mod:`.margins`), fonts that are not embedded, Type 3 bitmap fonts and a main text
font other than the template's (:mod:`.fontfindings`), text in the band at the foot of the page
where the volume stamps its page numbers, and encryption (a file that opens without a
password is read and judged all the same).  Every page is looked at: the content scan
(:mod:`workshop.engine.pdf.content`) reads each page once for all of them.

The margin finding names a picture of each page it concerns when the caller draws them
(a :data:`Draw`: the chairs' tool writes PNGs, :mod:`proceedings.check.picture`; the
self-check page keeps what its own drawing needs): the engine draws nothing itself.
"""

from __future__ import annotations

from collections.abc import Callable

from pypdf import PdfReader

from workshop.core.rules import SIZE_TOLERANCE, STAMP_BAND, Format
from workshop.engine.fontfindings import font_findings
from workshop.engine.margins import Overrun, area_of, margin_findings, overruns
from workshop.engine.pdf.content import Box, Scan
from workshop.engine.pdf.marks import Frame
from workshop.engine.pdf.text import show_text
from workshop.engine.records import Finding, pages_phrase

#: Draws the pictures of a margin finding: given the PDF's bytes, what lies past the text
#: area, each page's frame, its text area and its scan, the name of each page's picture
#: (by page number) as the finding's message and ``files`` give it.
Draw = Callable[[bytes, list[Overrun], dict[int, Frame], dict[int, Box], dict[int, Scan]], dict[int, str]]

_NAMED_SIZES = {(595.0, 842.0): "A4", (612.0, 792.0): "US Letter", (612.0, 1008.0): "US Legal"}


def _size_name(size: tuple[float, float]) -> str:
    for (w, h), name in _NAMED_SIZES.items():
        if abs(size[0] - w) <= SIZE_TOLERANCE and abs(size[1] - h) <= SIZE_TOLERANCE:
            return f"{name} ({size[0]:.0f} x {size[1]:.0f} pt)"
    return f"{size[0]:.0f} x {size[1]:.0f} pt"


def _same(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return abs(a[0] - b[0]) <= SIZE_TOLERANCE and abs(a[1] - b[1]) <= SIZE_TOLERANCE


def size_findings(frames: dict[int, Frame], wanted: tuple[float, float]) -> list[Finding]:
    """Pages not of the ``wanted`` size (portrait: a landscape page of the same paper is
    another size), and pages not all of one size."""
    sizes = [frames[n].size for n in sorted(frames)]
    findings = []
    groups: dict[tuple[float, float], list[int]] = {}
    for number, size in enumerate(sizes, start=1):
        key = next((k for k in groups if _same(k, size)), size)
        groups.setdefault(key, []).append(number)
    off = sorted(n for size, pages in groups.items() if not _same(size, wanted) for n in pages)
    if off:
        names = ", ".join(sorted({_size_name(sizes[n - 1]) for n in off}))
        name = _size_name(wanted)
        findings.append(
            Finding(
                "page-size",
                f"{pages_phrase(off)}: {names}, not {name} as the workshop's format: export the paper on "
                f"{name.split(' (')[0]} paper",
                tuple(off),
            )
        )
    if len(groups) > 1:
        listed = "; ".join(f"{_size_name(size)} on {pages_phrase(pages)}" for size, pages in groups.items())
        minority = sorted(n for pages in sorted(groups.values(), key=len)[:-1] for n in pages)
        findings.append(Finding("mixed-sizes", f"pages differ in size: {listed}", tuple(minority)))
    return findings


def band_findings(scans: dict[int, Scan], frames: dict[int, Frame]) -> list[Finding]:
    """Visible text printed in the band the volume stamps, on any page."""
    hits = []
    example = ""
    for number in sorted(scans):
        frame = frames[number]
        for show in scan_shows(scans[number]):
            if frame.seen(show.box)[1] < STAMP_BAND - 0.22 * show.size and (text := show_text(show).strip()):
                hits.append(number)
                example = example or text[:40]
                break
    if not hits:
        return []
    return [
        Finding(
            "footer-band",
            f'text in the bottom {STAMP_BAND:.0f} pt of {pages_phrase(hits)} ("{example}"), where the '
            "volume stamps page numbers: remove page numbers and footers from the camera-ready file",
            tuple(hits),
        )
    ]


def scan_shows(scan: Scan) -> list:
    return [show for show in scan.shows if not show.invisible]


def encryption_findings(encryption: str | None) -> list[Finding]:
    if encryption is None:
        return []
    return [
        Finding(
            "encrypted",
            f"encrypted ({encryption}) but opens without a password: read and judged; "
            "ask for an unencrypted file for the volume",
        )
    ]


def format_findings(
    reader: PdfReader,
    scans: dict[int, Scan],
    frames: dict[int, Frame],
    fmt: Format,
    encryption: str | None,
    draw: Draw | None = None,
    pdf: bytes = b"",
) -> tuple[list[Finding], list[tuple[str, float]]]:
    """Every format finding of a document whose pages were scanned, and the share of its
    text in each font family; ``draw`` draws the margin finding's pictures of ``pdf``."""
    m = fmt.margins
    margins = (m.top, m.bottom, m.left, m.right)
    found = overruns(scans, frames, margins)
    images: dict[int, str] = {}
    if found and draw is not None:
        areas = {n: area_of(margins, frames[n].size) for n in frames}
        images = draw(pdf, found, frames, areas, scans)
    fonts, shares = font_findings(reader, scans, fmt.font_family)
    findings = [
        *size_findings(frames, fmt.page_size),
        *margin_findings(found, images),
        *fonts,
        *band_findings(scans, frames),
        *encryption_findings(encryption),
    ]
    return findings, shares
