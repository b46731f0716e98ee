"""Format findings: what a camera-ready PDF gets wrong besides its length.

Each finding is reported with every verdict; it fails the paper only when the data
says so (``proceedings.strict_format`` in workshop.yaml).  The findings are those
that would spoil the volume: pages that are not US Letter (the ACM templates' size)
or not all one size, fonts that are not embedded, text in the band at the foot of
the page where the volume stamps its page numbers, and encryption (a file that
opens without a password is read and judged all the same).
"""

from __future__ import annotations

from collections import defaultdict

from pypdf import PdfReader
from pypdf.generic import IndirectObject

from proceedings.check.records import Finding, pages_phrase
from proceedings.pdf.fonts import base_name, embedded
from proceedings.pdf.objects import visible_box
from proceedings.pdf.text import PageText

LETTER = (612.0, 792.0)
#: Points from the bottom edge where the volume stamps page numbers and its footer.
STAMP_BAND = 36.0
_TOLERANCE = 2.0  # points: exporters round sizes (A4 is 595.28 or 595 or 596)
_NAMED_SIZES = {(595.0, 842.0): "A4", (612.0, 792.0): "US Letter", (612.0, 1008.0): "US Legal"}


def _size_name(size: tuple[float, float]) -> str:
    for (w, h), name in _NAMED_SIZES.items():
        if abs(size[0] - w) <= _TOLERANCE and abs(size[1] - h) <= _TOLERANCE:
            return f"{name} ({size[0]:.0f} x {size[1]:.0f} pt)"
    return f"{size[0]:.0f} x {size[1]:.0f} pt"


def _same(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return abs(a[0] - b[0]) <= _TOLERANCE and abs(a[1] - b[1]) <= _TOLERANCE


def page_sizes(reader: PdfReader) -> list[tuple[float, float]]:
    """Each page's size as seen (its visible box, width x height after /Rotate)."""
    sizes = []
    for page in reader.pages:
        x0, y0, x1, y1 = visible_box(page)
        w, h = x1 - x0, y1 - y0
        if int(page.get("/Rotate", 0) or 0) % 180:
            w, h = h, w
        sizes.append((round(w, 1), round(h, 1)))
    return sizes


def size_findings(sizes: list[tuple[float, float]]) -> list[Finding]:
    findings = []
    groups: dict[tuple[float, float], list[int]] = {}
    for number, size in enumerate(sizes, start=1):
        key = next((k for k in groups if _same(k, size)), size)
        groups.setdefault(key, []).append(number)
    off = sorted(n for size, pages in groups.items() if not _same(size, LETTER) for n in pages)
    if off:
        names = ", ".join(sorted({_size_name(sizes[n - 1]) for n in off}))
        findings.append(
            Finding(
                "page-size",
                f"{pages_phrase(off)}: {names}, not US Letter (612 x 792 pt) as the ACM "
                "templates: export the paper on Letter paper",
                tuple(off),
            )
        )
    if len(groups) > 1:
        listed = "; ".join(f"{_size_name(size)} on {pages_phrase(pages)}" for size, pages in groups.items())
        minority = sorted(n for pages in sorted(groups.values(), key=len)[:-1] for n in pages)
        findings.append(Finding("mixed-sizes", f"pages differ in size: {listed}", tuple(minority)))
    return findings


def unembedded_fonts(reader: PdfReader) -> dict[str, list[int]]:
    """Font name -> pages that use it without embedding it (figures' own fonts included)."""
    found: dict[str, set[int]] = defaultdict(set)
    verdicts: dict[int, tuple[str, bool]] = {}
    seen_forms: set[tuple[int, int]] = set()

    def visit(resources: object, number: int, depth: int) -> None:
        if depth > 8 or resources is None:
            return
        resources = resources.get_object()
        fonts = resources.get("/Font")
        for ref in fonts.get_object().values() if fonts is not None else ():
            key = ref.idnum if isinstance(ref, IndirectObject) else id(ref)
            if key not in verdicts:
                font = ref.get_object()
                verdicts[key] = (base_name(font), embedded(font))
            name, carried = verdicts[key]
            if not carried:
                found[name].add(number)
        xobjects = resources.get("/XObject")
        for ref in xobjects.get_object().values() if xobjects is not None else ():
            form = ref.get_object()
            key = ref.idnum if isinstance(ref, IndirectObject) else id(form)
            if form.get("/Subtype") == "/Form" and (key, number) not in seen_forms:
                seen_forms.add((key, number))
                visit(form.get("/Resources"), number, depth + 1)

    for number, page in enumerate(reader.pages, start=1):
        try:
            visit(page.get("/Resources"), number, 0)
        except Exception:
            continue
    return {name: sorted(pages) for name, pages in sorted(found.items())}


def font_findings(reader: PdfReader) -> list[Finding]:
    missing = unembedded_fonts(reader)
    if not missing:
        return []
    pages = sorted({n for ns in missing.values() for n in ns})
    names = ", ".join(missing)
    return [
        Finding(
            "fonts-not-embedded",
            f"font(s) not embedded: {names} ({pages_phrase(pages)}): export with all fonts "
            "embedded (pdflatex does; Word/LibreOffice: PDF/A or 'embed fonts')",
            tuple(pages),
        )
    ]


def band_findings(read: dict[int, PageText]) -> list[Finding]:
    """Text printed in the band the volume stamps, on the pages that were read."""
    hits = []
    example = ""
    for number in sorted(read):
        for line in (*read[number].lines, *read[number].margin_lines):
            if line.y < STAMP_BAND:
                hits.append(number)
                example = example or line.text[:40]
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


def format_findings(reader: PdfReader, read: dict[int, PageText], encryption: str | None) -> list[Finding]:
    return [
        *size_findings(page_sizes(reader)),
        *font_findings(reader),
        *band_findings(read),
        *encryption_findings(encryption),
    ]
