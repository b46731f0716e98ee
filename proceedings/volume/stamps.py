"""The stamp on every page of the volume: its page number and a short footer, in an
embedded font, drawn in the band at the foot of the page that the check keeps clear, and
never nearer the page's edge than :data:`EDGE` (a quarter inch, where office printers
still print).  The first page of each paper prints, in the number's and the footer's
place, the paper's citation line with its DOI (:func:`workshop.core.citation.stamp_line`:
its pages are the page's number), and in a CEUR-WS package CEUR's copyright footnote below
it: as archives print them, each on one line when it fits the page's width, else wrapped
and set smaller, always within the band, never over the paper's text.

The stamp is a few text operators appended to the page's content, so the paper's own
content streams are copied untouched (not decoded, not re-compressed).  The font is a
subset of DejaVu Sans (and of a fallback font for characters in Chinese, Japanese or
Korean) made with fontTools, embedded once and shared by every page: a Type 0 font with a
ToUnicode map, so the numbers and the citation can be searched and extracted as text.
"""

from __future__ import annotations

import hashlib
import io
import zlib
from collections.abc import Sequence
from pathlib import Path

from proceedings.volume.pdfout import decimal
from proceedings.volume.typefaces import CJK, HANGUL, SANS, characters, covers
from workshop.core.rules import STAMP_BAND

#: Fonts tried in turn for the stamp's characters: the first that has them all is used.
STAMP_FONTS = (SANS, CJK, HANGUL)
#: Every character a page number can need (arabic and roman).
NUMERALS = "0123456789ivxlcdm"

#: Points from the page's edge that nothing stamped comes nearer: a quarter inch.
EDGE = 18.0
#: How far the stamp font's letters reach below the baseline and above it, in ems.
DESCENT, ASCENT = 0.24, 0.76
NUMBER_SIZE = 8.0
FOOTER_SIZE = 6.5
NUMBER_BASELINE = 27.5  # points above the foot of the page
FOOTER_BASELINE = EDGE + DESCENT * FOOTER_SIZE
# The stamp stays in the band the check keeps clear, the footer below the number.
assert FOOTER_BASELINE + ASCENT * FOOTER_SIZE < NUMBER_BASELINE
assert NUMBER_BASELINE + NUMBER_SIZE < STAMP_BAND

#: The first page's lines (the citation line, a footnote): the sizes tried in turn (the
#: footer's first), at most how many lines each may take, from :data:`EDGE` up to the
#: band's top; their side margins.
CITATION_SIZES = ((FOOTER_SIZE, 2), (6.0, 2), (5.5, 2), (5.0, 3), (4.5, 3), (4.0, 3))
CITATION_BOTTOM, CITATION_TOP = EDGE, STAMP_BAND - 1.0
CITATION_MARGIN = 36.0
LEADING = 1.2  # times the size
assert all(
    (most - 1) * LEADING * size + size <= CITATION_TOP - CITATION_BOTTOM for size, most in CITATION_SIZES
)


class CitationTooLong(ValueError):
    """The first page's lines do not fit the footer band at the smallest size."""


class Face:
    """A subset of one bundled font for the stamps, as PDF objects (their keys start with
    ``key``), with what is needed to lay text out in it."""

    def __init__(self, path: Path, chars: list[str], key: str) -> None:
        from fontTools import subset
        from fontTools.ttLib import TTFont

        self.key = key
        font = TTFont(path, recalcTimestamp=False)
        options = subset.Options()
        options.layout_features, options.hinting, options.name_IDs = [], False, ["*"]
        options.notdef_outline = True
        options.drop_tables += ["FFTM", "GDEF", "GPOS", "GSUB", "kern", "MATH", "BASE", "JSTF"]
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=[ord(c) for c in chars])
        subsetter.subset(font)
        out = io.BytesIO()
        font.save(out)
        self.program = out.getvalue()

        scale = 1000 / font["head"].unitsPerEm
        cmap = font.getBestCmap()
        self.gid = {chr(u): font.getGlyphID(name) for u, name in cmap.items()}
        hmtx = font["hmtx"]
        self.width = {c: round(hmtx[cmap[ord(c)]][0] * scale) for c in self.gid}
        head, hhea, os2 = font["head"], font["hhea"], font["OS/2"]
        self.bbox = [round(v * scale) for v in (head.xMin, head.yMin, head.xMax, head.yMax)]
        self.ascent, self.descent = round(hhea.ascent * scale), round(hhea.descent * scale)
        self.cap_height = round(getattr(os2, "sCapHeight", hhea.ascent) * scale) or self.ascent
        # The subset tag: six capitals from the characters, so the same text gives the same name.
        digest = hashlib.sha256("".join(chars).encode()).digest()
        tag = "".join(chr(65 + b % 26) for b in digest[:6])
        self.base_font = f"{tag}+{font['name'].getDebugName(6) or path.stem}"

    def encode(self, text: str) -> bytes:
        """``text`` as a PDF hex string of glyph ids (characters the font lacks are left out)."""
        return b"<" + "".join(f"{self.gid[c]:04X}" for c in text if c in self.gid).encode() + b">"

    def text_width(self, text: str, size: float) -> float:
        return sum(self.width.get(c, 0) for c in text) * size / 1000

    def objects(self) -> dict[str, tuple[bytes, list[str], bytes | None]]:
        """The font as PDF objects: key -> (dictionary with ``%d`` for each reference, the
        keys it references, stream data).  The key ``stamp-font`` is the font itself."""
        widths = " ".join(
            f"{gid} [{self.width[c]}]" for c, gid in sorted(self.gid.items(), key=lambda i: i[1])
        )
        unicode_map = "\n".join(
            f"<{gid:04X}> <{ord(c):04X}>" for c, gid in sorted(self.gid.items(), key=lambda i: i[1])
        )
        to_unicode = (
            "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
            "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
            f"{len(self.gid)} beginbfchar\n{unicode_map}\nendbfchar\n"
            "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
        ).encode()
        name = self.base_font.replace(" ", "")
        program = zlib.compress(self.program, 9)
        cmap = zlib.compress(to_unicode, 9)
        return {
            self.key: (
                f"<< /Type /Font /Subtype /Type0 /BaseFont /{name} /Encoding /Identity-H "
                "/DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>".encode(),
                [f"{self.key}-cid", f"{self.key}-unicode"],
                None,
            ),
            f"{self.key}-cid": (
                f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{name} "
                "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
                f"/FontDescriptor %d 0 R /CIDToGIDMap /Identity /DW 1000 /W [{widths}] >>".encode(),
                [f"{self.key}-descriptor"],
                None,
            ),
            f"{self.key}-descriptor": (
                f"<< /Type /FontDescriptor /FontName /{name} /Flags 32 "
                f"/FontBBox [{' '.join(map(str, self.bbox))}] /ItalicAngle 0 /Ascent {self.ascent} "
                f"/Descent {self.descent} /CapHeight {self.cap_height} /StemV 80 /FontFile2 %d 0 R >>".encode(),
                [f"{self.key}-file"],
                None,
            ),
            f"{self.key}-file": (
                f"<< /Length {len(program)} /Length1 {len(self.program)} /Filter /FlateDecode >>".encode(),
                [],
                program,
            ),
            f"{self.key}-unicode": (f"<< /Length {len(cmap)} /Filter /FlateDecode >>".encode(), [], cmap),
        }


class StampFont:
    """The stamps' fonts: one subset of a bundled font when one has every character of
    ``text`` (the footer, the citation lines), else a subset of each font needed, each
    character set in the first of :data:`STAMP_FONTS` that has it (Latin in DejaVu Sans,
    Chinese and Japanese in Droid Sans Fallback, Korean in NanumSquare)."""

    def __init__(self, text: str) -> None:
        chars = sorted(set(text + NUMERALS + " "))
        whole = next((path for path in STAMP_FONTS if covers(path, "".join(chars))), None)
        chosen: dict[Path, list[str]] = {}
        for char in chars:
            have = [p for p in STAMP_FONTS if not char.strip() or ord(char) in characters(p)]
            path = whole or (have[0] if have else STAMP_FONTS[0])  # none: refused before (printable)
            chosen.setdefault(path, []).append(char)
        ordered = [path for path in STAMP_FONTS if path in chosen]
        self.faces = [
            Face(path, chosen[path], "stamp-font" if i == 0 else f"stamp-font{i}")
            for i, path in enumerate(ordered)
        ]
        self.face_of = {c: i for i, face in enumerate(self.faces) for c in chosen[ordered[i]]}
        # Every page measures the same footer and numbers: each (text, size) measured once.
        self._widths: dict[tuple[str, float], float] = {}

    @property
    def keys(self) -> list[str]:
        """The key of each face's font object (``stamp-font`` the first)."""
        return [face.key for face in self.faces]

    def runs(self, text: str) -> list[tuple[int, str]]:
        """``text`` as runs of (face index, characters), a space staying in the run it is in
        when that face has one."""
        runs: list[tuple[int, str]] = []
        for char in text:
            face = self.face_of.get(char)
            if face is None:
                continue  # no font has it: refused before the build (printable)
            if runs and (runs[-1][0] == face or (not char.strip() and char in self.faces[runs[-1][0]].gid)):
                runs[-1] = (runs[-1][0], runs[-1][1] + char)
            else:
                runs.append((face, char))
        return runs

    def text_width(self, text: str, size: float) -> float:
        width = self._widths.get((text, size))
        if width is None:
            width = sum(self.faces[face].text_width(run, size) for face, run in self.runs(text))
            if len(self._widths) < 65536:
                self._widths[text, size] = width
        return width

    def objects(self) -> dict[str, tuple[bytes, list[str], bytes | None]]:
        """Every face as PDF objects: key -> (dictionary with ``%d`` for each reference, the
        keys it references, stream data); :attr:`keys` name the fonts themselves."""
        return {key: value for face in self.faces for key, value in face.objects().items()}


def placement_matrix(box: tuple[float, float, float, float], rotate: int) -> tuple[float, float, str]:
    """The page as the reader sees it (width, height) and the matrix from that view, origin
    at its lower left, to the page's user space, for a page turned by ``/Rotate``."""
    width, height, matrix = view_matrix(box, rotate)
    return width, height, " ".join(decimal(v, 2) for v in matrix)


def view_matrix(
    box: tuple[float, float, float, float], rotate: int
) -> tuple[float, float, tuple[float, float, float, float, float, float]]:
    """:func:`placement_matrix` with the matrix as numbers."""
    x0, y0, x1, y1 = box
    rotate %= 360
    if rotate == 90:
        matrix = (0, 1, -1, 0, x1, y0)
    elif rotate == 180:
        matrix = (-1, 0, 0, -1, x1, y1)
    elif rotate == 270:
        matrix = (0, -1, 1, 0, x0, y1)
    else:
        matrix = (1, 0, 0, 1, x0, y0)
    width, height = (y1 - y0, x1 - x0) if rotate in (90, 270) else (x1 - x0, y1 - y0)
    return width, height, matrix


def wrap(font: StampFont, text: str, size: float, width: float) -> list[str]:
    """``text`` broken at spaces into lines at most ``width`` wide (a longer word alone)."""
    # A line's width is the sum of its words' and spaces' (measured once each), not the
    # line measured again for every word it gains; citation_lines measures each line whole.
    lines: list[str] = []
    space = font.text_width(" ", size)
    filled = 0.0
    for word in text.split():
        advance = font.text_width(word, size)
        if lines and filled + space + advance <= width:
            lines[-1] = f"{lines[-1]} {word}"
            filled += space + advance
        else:
            lines.append(word)
            filled = advance
    return lines


def paragraph(font: StampFont, text: str, size: float, width: float) -> list[str]:
    """``text`` on one line when it fits, else broken first at its line feeds (between the
    citation and its DOI), each part wrapped at spaces (:func:`wrap`)."""
    whole = wrap(font, text, size, width)
    if len(whole) == 1:
        return whole
    return [line for part in text.split("\n") for line in wrap(font, part, size, width)]


def citation_lines(font: StampFont, texts: Sequence[str], width: float) -> list[tuple[str, float, float]]:
    """The first page's ``texts`` (the citation line, a footnote: each begins a line,
    :func:`paragraph`) laid
    out in the band for a page ``width`` wide: (text, size, baseline) per line, at the first
    size of :data:`CITATION_SIZES` whose lines fit, the last line's descenders on
    :data:`EDGE`."""
    room = width - 2 * CITATION_MARGIN
    for size, most in CITATION_SIZES:
        lines = [line for text in texts for line in paragraph(font, text, size, room)]
        if len(lines) > most or any(font.text_width(line, size) > room for line in lines):
            continue
        leading = size * LEADING
        last = CITATION_BOTTOM + DESCENT * size
        assert last + (len(lines) - 1) * leading + ASCENT * size <= CITATION_TOP + 0.01, (size, len(lines))
        return [(line, size, last + (len(lines) - 1 - i) * leading) for i, line in enumerate(lines)]
    text = " ".join(texts)
    raise CitationTooLong(
        f"the citation line of its first page ({text!r}, {len(text)} characters) does not fit the "
        f"footer of a page {width:.0f} pt wide even at {CITATION_SIZES[-1][0]:g} pt: shorten "
        "proceedings.title (or the conference's short_name) in workshop.yaml"
    )


def stamp_content(
    font: StampFont,
    font_names: list[str],
    label: str | None,
    footer: str,
    box: tuple[float, float, float, float],
    rotate: int = 0,
    citation: Sequence[str] | None = None,
) -> bytes:
    """The operators that draw ``label`` and ``footer`` (or, on a paper's first page, the
    lines of ``citation``: its citation line, a footnote) centred at the foot of the page.

    The page's own content runs between a ``q`` before it and the ``Q`` this begins with,
    so whatever state it leaves behind does not move or recolour the stamp."""
    width, _, matrix = placement_matrix(box, rotate)
    parts = [f"\nQ\nq {matrix} cm 0 g BT".encode()]
    texts: list[tuple[str | None, float, float]]
    if citation:
        texts = list(citation_lines(font, citation, width))
    else:
        texts = [(label, NUMBER_SIZE, NUMBER_BASELINE), (footer, FOOTER_SIZE, FOOTER_BASELINE)]
    for text, size, baseline in texts:
        if text:
            x = (width - font.text_width(text, size)) / 2
            parts.append(f" 1 0 0 1 {decimal(x, 2)} {decimal(baseline, 2)} Tm".encode())
            for face, run in font.runs(text):  # each run moves the text position on by its width
                parts.append(
                    f" /{font_names[face]} {decimal(size, 2)} Tf ".encode()
                    + font.faces[face].encode(run)
                    + b" Tj"
                )
    parts.append(b" ET Q\n")
    return b"".join(parts)
