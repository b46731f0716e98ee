"""Font findings: fonts not embedded, Type 3 bitmap fonts, and a main text font other
than the template's.

Fonts not embedded are those every page lists in its resources (its figures' forms
included), as the volume's copy of the page carries them
(:func:`workshop.engine.pdf.resources.unembedded_fonts`: the volume's test).  Type 3
bitmaps and the text's families are read from the fonts the pages' content really sets
text in (the content scan, :mod:`workshop.engine.pdf.content`).  The share of text in each
font family counts the glyphs shown on every page (visible text only: the invisible text
layer of a scan is set in no font the reader sees).
"""

from __future__ import annotations

from collections import defaultdict

from pypdf import PdfReader

from workshop.engine.pdf.content import Scan
from workshop.engine.pdf.fonts import Face, family_matches
from workshop.engine.pdf.resources import unembedded_fonts
from workshop.engine.records import Finding, pages_phrase

#: Below this share of the text a family is not worth naming among the fonts found.
_NAMED_SHARE = 0.02


def faces_by_page(scans: dict[int, Scan]) -> dict[Face, list[int]]:
    """Each font that shows visible text, and the pages it shows it on."""
    pages: dict[Face, set[int]] = defaultdict(set)
    for number, scan in scans.items():
        for show in scan.shows:
            if show.face is not None and not show.invisible:
                pages[show.face].add(number)
    return {face: sorted(numbers) for face, numbers in pages.items()}


def text_shares(scans: dict[int, Scan]) -> list[tuple[str, float]]:
    """The font families the text is set in, each with its share of the glyphs shown
    (largest first; a share to three places)."""
    glyphs: dict[str, int] = defaultdict(int)
    for scan in scans.values():
        for show in scan.shows:
            if not show.invisible:
                glyphs[show.face.family if show.face else "unknown"] += show.glyphs
    total = sum(glyphs.values())
    if not total:
        return []
    shares = sorted(((name, count / total) for name, count in glyphs.items()), key=lambda t: (-t[1], t[0]))
    return [(name, round(share, 3)) for name, share in shares]


def embedding_findings(missing: dict[str, set[int]]) -> list[Finding]:
    if not missing:
        return []
    pages = sorted({n for ns in missing.values() for n in ns})
    names = ", ".join(sorted(missing))
    return [
        Finding(
            "fonts-not-embedded",
            f"font(s) not embedded: {names} ({pages_phrase(pages)}): export with all fonts "
            "embedded (pdflatex does; Word/LibreOffice: PDF/A or 'embed fonts')",
            tuple(pages),
        )
    ]


def bitmap_findings(used: dict[Face, list[int]]) -> list[Finding]:
    bitmaps: dict[str, set[int]] = defaultdict(set)
    for face, pages in used.items():
        if face.bitmap:
            bitmaps[face.name].update(pages)
    if not bitmaps:
        return []
    pages = sorted({n for ns in bitmaps.values() for n in ns})
    return [
        Finding(
            "type3-bitmap",
            f"Type 3 bitmap font(s): {', '.join(sorted(bitmaps))} ({pages_phrase(pages)}), blurry in print: "
            "export again with outline fonts (pdflatex, or latex with dvips -Ppdf and the cm-super or "
            "lmodern fonts; never a font rendered as bitmaps)",
            tuple(pages),
        )
    ]


def main_font_findings(shares: list[tuple[str, float]], wanted: str | None) -> list[Finding]:
    """The family most of the text is set in, against the template's (``wanted``)."""
    if wanted is None or not shares:
        return []
    main, share = shares[0]
    if family_matches(main, wanted):
        return []
    found = ", ".join(f"{name} {share:.0%}" for name, share in shares if share >= _NAMED_SHARE)
    return [
        Finding(
            "main-font",
            f"the text is set in {main} ({share:.0%} of it), not in {wanted} as the template: fonts "
            f"found: {found}; use the template's fonts (do not change its font packages)",
        )
    ]


def font_findings(
    reader: PdfReader, scans: dict[int, Scan], wanted: str | None
) -> tuple[list[Finding], list[tuple[str, float]]]:
    """The font findings of a document whose pages were scanned, and the share of its text
    in each family."""
    used = faces_by_page(scans)
    shares = text_shares(scans)
    missing = unembedded_fonts(reader, max(scans, default=0))
    findings = [*embedding_findings(missing), *bitmap_findings(used), *main_font_findings(shares, wanted)]
    return findings, shares
