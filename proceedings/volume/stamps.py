"""The stamp on every page of the volume: its page number and a short footer, in an
embedded font, drawn in the band at the foot of the page that the check keeps clear.

The stamp is a few text operators appended to the page's content, so the paper's own
content streams are copied untouched (not decoded, not re-compressed).  The font is a
subset of DejaVu Sans (or of a fallback font, for a footer in Chinese, Japanese or Korean)
made with fontTools, embedded once and shared by every page: a Type 0 font with a
ToUnicode map, so the numbers can be searched and extracted as text.
"""

from __future__ import annotations

import hashlib
import io
import zlib

from proceedings.check.findings import STAMP_BAND
from proceedings.volume.pdfout import decimal
from proceedings.volume.typefaces import CJK, HANGUL, SANS, covers

#: Fonts tried in turn for the stamp's characters: the first that has them all is used.
STAMP_FONTS = (SANS, CJK, HANGUL)
#: Every character a page number can need (arabic and roman).
NUMERALS = "0123456789ivxlcdm"

NUMBER_SIZE = 8.0
FOOTER_SIZE = 6.5
NUMBER_BASELINE = 20.0  # points above the foot of the page
FOOTER_BASELINE = 10.0
assert NUMBER_BASELINE + NUMBER_SIZE < STAMP_BAND  # the stamp stays in the band the check keeps clear


class StampFont:
    """A subset font for the stamps, as PDF objects, with what is needed to lay text out in it."""

    def __init__(self, text: str) -> None:
        from fontTools import subset
        from fontTools.ttLib import TTFont

        chars = sorted(set(text + NUMERALS + " "))
        path = next((path for path in STAMP_FONTS if covers(path, "".join(chars))), STAMP_FONTS[0])
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
            "stamp-font": (
                f"<< /Type /Font /Subtype /Type0 /BaseFont /{name} /Encoding /Identity-H "
                "/DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>".encode(),
                ["stamp-font-cid", "stamp-font-unicode"],
                None,
            ),
            "stamp-font-cid": (
                f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{name} "
                "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
                f"/FontDescriptor %d 0 R /CIDToGIDMap /Identity /DW 1000 /W [{widths}] >>".encode(),
                ["stamp-font-descriptor"],
                None,
            ),
            "stamp-font-descriptor": (
                f"<< /Type /FontDescriptor /FontName /{name} /Flags 32 "
                f"/FontBBox [{' '.join(map(str, self.bbox))}] /ItalicAngle 0 /Ascent {self.ascent} "
                f"/Descent {self.descent} /CapHeight {self.cap_height} /StemV 80 /FontFile2 %d 0 R >>".encode(),
                ["stamp-font-file"],
                None,
            ),
            "stamp-font-file": (
                f"<< /Length {len(program)} /Length1 {len(self.program)} /Filter /FlateDecode >>".encode(),
                [],
                program,
            ),
            "stamp-font-unicode": (f"<< /Length {len(cmap)} /Filter /FlateDecode >>".encode(), [], cmap),
        }


def placement_matrix(box: tuple[float, float, float, float], rotate: int) -> tuple[float, float, str]:
    """The page as the reader sees it (width, height) and the matrix from that view, origin
    at its lower left, to the page's user space, for a page turned by ``/Rotate``."""
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
    return width, height, " ".join(decimal(v, 2) for v in matrix)


def stamp_content(
    font: StampFont,
    font_name: str,
    label: str | None,
    footer: str,
    box: tuple[float, float, float, float],
    rotate: int = 0,
) -> bytes:
    """The operators that draw ``label`` and ``footer`` centred at the foot of the page.

    The page's own content runs between a ``q`` before it and the ``Q`` this begins with,
    so whatever state it leaves behind does not move or recolour the stamp."""
    width, _, matrix = placement_matrix(box, rotate)
    parts = [f"\nQ\nq {matrix} cm 0 g BT".encode()]
    for text, size, baseline in (
        (label, NUMBER_SIZE, NUMBER_BASELINE),
        (footer, FOOTER_SIZE, FOOTER_BASELINE),
    ):
        if text:
            x = (width - font.text_width(text, size)) / 2
            position = f"1 0 0 1 {decimal(x, 2)} {decimal(baseline, 2)} Tm"
            parts.append(
                f" /{font_name} {decimal(size, 2)} Tf {position} ".encode() + font.encode(text) + b" Tj"
            )
    parts.append(b" ET Q\n")
    return b"".join(parts)
