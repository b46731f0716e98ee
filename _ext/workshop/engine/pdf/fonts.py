"""What a PDF says of its fonts: the one place the check, the volume's warnings and the
content scanner ask it.  Whether a font is embedded (one test, so that the check and the
volume cannot disagree), its name, weight and small capitals, how wide its glyphs are and
which characters its codes stand for (:class:`Face`), and whether it is a Type 3 font
drawn from bitmaps (blurry in print).

A face is made once per font object of a document (:class:`Faces`); what it cannot read
of a broken font dictionary it guesses (widths of half an em, codes as Latin-1), so that a
damaged font costs the text that uses it its precision, never the check.
"""

from __future__ import annotations

import math
import re
import sys
from array import array
from typing import Any

from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject

from workshop.engine.pdf.objects import BROKEN_FILE, BROKEN_OR_NESTED, resolve


def _pypdf_font() -> Any:
    """pypdf's reading of a font's encoding and /ToUnicode map, a private class of it
    (``pypdf.generic._font.Font``): the one place that reaches for it; None in a pypdf
    without it (text then reads as Latin-1, see :meth:`Face.decoder`)."""
    try:
        from pypdf.generic._font import Font
    except ImportError:
        return None
    return Font


_PYPDF_FONT = _pypdf_font()

#: Where a font descriptor holds the font program itself.
FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")
_SUBSET = re.compile(r"^[A-Z]{6}\+")
#: Font names of bold faces: the common words, and the TeX and ACM template fonts
#: whose names only hint at it (CMBX, LinLibertineTB, NimbusRomNo9L-Medi, ptmb, ...).
_BOLD = re.compile(
    r"bold|black|heavy|demi|semibold|extrabold|medi(um)?\b|[-,_]bd\b|[-,]b$|cmbx|cmssbx|cmb\d|"
    r"ecbx|ecsx|sfbx|sfsx|\bbx\d|(libertine|biolinum)[a-z]*tb|ptmb|phvb|pplb|pagd",
    re.IGNORECASE,
)
_SMALL_CAPS = re.compile(r"csc|smallcaps|\bsc\b|-sc$|caps", re.IGNORECASE)
#: Words of a font's name that say its style, not its family.
_STYLES = (
    r"(?:Semi|Demi|Extra|Ultra)?(?:Bold|Light)|Regular|Book|Medium|Italic|Oblique|Slanted|Black|Heavy|"
    r"Condensed|Narrow|MT|PS|Std|Pro|LF|SC|Caps|SmallCaps"
)
#: Words at the end of a font's name that say its style, not its family: capitalised
#: (``DejaVuSerifBook``, ``TimesNewRomanPSMT``; Linux Libertine's ``T``, ``TB``, ``TI``),
#: or in any case after a space or underscore.
_STYLE_WORDS = re.compile(rf"(?:{_STYLES}|(?<=[a-z])T[BI]{{0,2}})$|[_ ](?i:{_STYLES})$")
#: The most characters one font's map may hold (a Type 0 font has at most 65536 codes).
_MAX_CODES = 65536


def embedded(font: DictionaryObject) -> bool:
    """Whether ``font`` carries its glyphs: a Type 3 font draws them itself; a composite
    (Type 0) font is embedded when its descendant is; any other needs a font file in its
    descriptor.  A broken font dictionary counts as not embedded."""
    if font.get("/Subtype") == "/Type3":
        return True
    if "/DescendantFonts" in font:
        descendants = resolve(font.get("/DescendantFonts"))
        descendant = resolve(descendants[0]) if isinstance(descendants, ArrayObject) and descendants else None
        if not isinstance(descendant, DictionaryObject):
            return False
        font = descendant
    descriptor = resolve(font.get("/FontDescriptor"))
    return isinstance(descriptor, DictionaryObject) and any(key in descriptor for key in FONT_FILES)


def base_name(font: DictionaryObject) -> str:
    """The font's name as a reader knows it: ``/ABCDEF+Times-Roman`` -> ``Times-Roman``."""
    name = font.get("/BaseFont")
    if name is None and font.get("/Subtype") == "/Type3":
        name = font.get("/Name", "Type3")
    return _SUBSET.sub("", str(name if name is not None else "unnamed").lstrip("/"))


def family_name(name: str) -> str:
    """A font's family as its name says it: ``Times-Bold`` -> ``Times``,
    ``TimesNewRomanPS-BoldMT`` -> ``TimesNewRoman``, ``LinLibertineTB`` ->
    ``LinLibertine``, ``DejaVuSerif-Bold`` -> ``DejaVuSerif``, ``CMR10`` -> ``CMR``."""
    word = re.split(r"[-,+]", _SUBSET.sub("", name), maxsplit=1)[0] or name
    for _ in range(3):
        stripped = _STYLE_WORDS.sub("", word)
        if stripped == word or not stripped:
            break
        word = stripped
    if word.lower().startswith(("linlibertine", "linbiolinum")):
        word = word[:12]
    return word.rstrip("0123456789") or word


def family_matches(name: str, wanted: str) -> bool:
    """Whether a font named ``name`` belongs to the family the data names (``Linux
    Libertine``, ``Times``): the one key begins with the other, case and spaces aside
    (``timesnewroman`` is a Times, ``linlibertine`` a Linux Libertine ``LinLibertine``)."""
    have = re.sub(r"[^a-z0-9]", "", family_name(name).lower())
    want = re.sub(r"[^a-z0-9]", "", wanted.lower())
    want = {"linuxlibertine": "linlibertine", "linuxbiolinum": "linbiolinum"}.get(want, want)
    return bool(have and want) and (have.startswith(want) or want.startswith(have))


def _weight(font: DictionaryObject, descriptor: object) -> tuple[bool, bool]:
    try:
        weight = (
            float(descriptor.get("/FontWeight", 0) or 0) if isinstance(descriptor, DictionaryObject) else 0
        )
        flags = int(descriptor.get("/Flags", 0) or 0) if isinstance(descriptor, DictionaryObject) else 0
    except (TypeError, ValueError):
        weight, flags = 0.0, 0
    return weight >= 600, bool(flags & (1 << 18))


def _small_cap_glyphs(font: DictionaryObject) -> bool:
    """TeX's small capitals are the text font re-encoded to its ``a.sc`` glyphs (pdfTeX
    names them in the encoding's /Differences), under the text font's own name."""
    encoding = resolve(font.get("/Encoding"))
    differences = resolve(encoding.get("/Differences")) if isinstance(encoding, DictionaryObject) else None
    if not isinstance(differences, ArrayObject):
        return False
    return any(isinstance(g, str) and g.endswith((".sc", ".smcp", "small")) for g in differences)


class Widths(dict):
    """Code -> glyph width in text space; a code the font does not list has its default."""

    def __init__(self, default: float) -> None:
        super().__init__()
        self.default = default

    def __missing__(self, code: int) -> float:
        return self.default


def _number(value: object, default: float = 0.0) -> float:
    value = resolve(value)
    return float(value) if isinstance(value, (int, float)) and math.isfinite(value) else default


def _simple_widths(font: DictionaryObject, scale: float, descriptor: object) -> Widths | None:
    widths = resolve(font.get("/Widths"))
    if not isinstance(widths, ArrayObject):
        return None
    missing = (
        _number(descriptor.get("/MissingWidth"), 0.0) if isinstance(descriptor, DictionaryObject) else 0.0
    )
    table = Widths(missing * scale)
    first = int(_number(font.get("/FirstChar"), 0))
    for code, width in enumerate(widths[:256], start=max(0, first)):
        table[code] = _number(width) * scale
    return table


def _cid_widths(descendant: DictionaryObject) -> Widths:
    """A CID font's /W array: ``c [w1 w2 ...]`` and ``c_first c_last w``."""
    table = Widths(_number(descendant.get("/DW"), 1000.0) / 1000)
    w = resolve(descendant.get("/W"))
    if not isinstance(w, ArrayObject):
        return table
    items = [resolve(item) for item in w]
    i = 0
    while i < len(items) - 1 and len(table) < _MAX_CODES:
        first = items[i]
        if not isinstance(first, (int, float)):
            break
        following = items[i + 1]
        if isinstance(following, ArrayObject):
            for offset, width in enumerate(following[: _MAX_CODES - len(table)]):
                table[int(first) + offset] = _number(width) / 1000
            i += 2
        elif i + 2 < len(items) and isinstance(following, (int, float)):
            last, width = int(following), _number(items[i + 2]) / 1000
            for code in range(int(first), min(last, int(first) + _MAX_CODES - len(table)) + 1):
                table[code] = width
            i += 3
        else:
            break
    return table


class Face:
    """One font of a document as the check reads it."""

    __slots__ = (
        "_decoder",
        "bitmap",
        "bold",
        "decoded",
        "embedded",
        "family",
        "font",
        "measured",
        "name",
        "scale",
        "small_caps",
        "two_byte",
        "type3",
        "widths",
    )

    def __init__(self, font: DictionaryObject) -> None:
        self.font = font
        self._decoder: Any = None
        #: String tokens of the content already measured and decoded (words recur).
        self.measured: dict[bytes, tuple[float, int, int]] = {}
        self.decoded: dict[bytes, str] = {}
        subtype = font.get("/Subtype")
        self.name = base_name(font)
        self.family = family_name(self.name)
        self.type3 = subtype == "/Type3"
        self.two_byte = subtype == "/Type0"
        self.embedded = embedded(font)
        descendant: object = font
        if self.two_byte:
            descendants = resolve(font.get("/DescendantFonts"))
            descendant = (
                resolve(descendants[0]) if isinstance(descendants, ArrayObject) and descendants else None
            )
        descriptor = (
            resolve(descendant.get("/FontDescriptor")) if isinstance(descendant, DictionaryObject) else None
        )
        heavy, forced = _weight(font, descriptor)
        self.bold = heavy or forced or bool(_BOLD.search(self.name))
        self.small_caps = bool(_SMALL_CAPS.search(self.name)) or _small_cap_glyphs(font)
        self.scale = 0.001
        if self.type3:  # glyph space is the font's own: /FontMatrix maps it to text space
            matrix = resolve(font.get("/FontMatrix"))
            if isinstance(matrix, ArrayObject) and len(matrix) == 6:
                self.scale = abs(_number(matrix[0], 0.001)) or 0.001
        self.bitmap = self.type3 and _bitmap_glyphs(font)
        widths: Widths | None
        if self.two_byte:
            widths = _cid_widths(descendant) if isinstance(descendant, DictionaryObject) else None
        else:
            widths = _simple_widths(font, self.scale, descriptor)
        self.widths = widths if widths is not None else self._core_widths()

    def _core_widths(self) -> Widths:
        """The widths of a font that lists none (the standard 14 fonts), as pypdf knows them."""
        table = Widths(0.5)
        decoder = self.decoder()
        if decoder is not None and not self.two_byte:
            known = decoder.character_widths
            default = known.get("default", 500)
            for code in range(256):
                table[code] = known.get(chr(code), default) / 1000
        return table

    def width(self, raw: bytes) -> tuple[float, int, int]:
        """The advance of ``raw`` in text space (before the font size), how many glyphs
        it shows and how many are the single-byte space (word spacing applies to those)."""
        if self.two_byte:
            codes = array("H", raw[: len(raw) & ~1])
            if sys.byteorder == "little":
                codes.byteswap()
            return sum(map(self.widths.__getitem__, codes)), len(codes), 0
        return sum(map(self.widths.__getitem__, raw)), len(raw), raw.count(32)

    def decoder(self) -> Any:
        """pypdf's reading of the font's encoding and /ToUnicode map, made when first asked
        (parsing a map costs more than all the widths); without it text reads as Latin-1."""
        if self._decoder is None:
            try:
                self._decoder = (
                    _PYPDF_FONT.from_font_resource(self.font) if _PYPDF_FONT is not None else False
                )
            except BROKEN_OR_NESTED:  # a broken (or endless) map: its codes as Latin-1
                self._decoder = False
        return self._decoder or None

    def text(self, token: bytes) -> str:
        """The characters a string token of the content (``(...)`` or ``<...>``) stands for;
        each face remembers the tokens it decoded (words recur)."""
        known = self.decoded.get(token)
        if known is None:
            from workshop.engine.pdf.operands import string_bytes

            known = self.decode(string_bytes(token))
            if len(self.decoded) < 65536:
                self.decoded[token] = known
        return known

    def decode(self, raw: bytes) -> str:
        """The characters ``raw`` stands for."""
        decoder = self.decoder()
        if decoder is None:
            return raw.decode("latin-1")
        encoding, mapping = decoder.encoding, decoder.character_map
        if isinstance(encoding, str):
            try:
                text = raw.decode(encoding, "surrogatepass")
            except (UnicodeDecodeError, LookupError):
                text = raw.decode(encoding if encoding != "charmap" else "latin-1", "replace")
        else:
            text = "".join([encoding.get(b, chr(b)) for b in raw])
        return "".join([mapping.get(c, c) for c in text]) if mapping else text


def _bitmap_glyphs(font: DictionaryObject) -> bool:
    """A Type 3 font whose glyphs are pictures (what dvips and old pdfTeX set for fonts
    they only had as bitmaps: each glyph an image, ``BI ... ID ... EI`` or a ``Do``)."""
    procs = resolve(font.get("/CharProcs"))
    if not isinstance(procs, DictionaryObject):
        return False
    for _, proc in zip(range(8), procs.values(), strict=False):
        stream = resolve(proc)
        if not isinstance(stream, StreamObject):
            continue
        try:
            data = stream.get_data()[:4096]
        except BROKEN_FILE:
            continue
        if re.search(rb"(?:^|\s)(?:BI|Do)(?:\s|$)", data):
            return True
    resources = resolve(font.get("/Resources"))
    xobjects = resolve(resources.get("/XObject")) if isinstance(resources, DictionaryObject) else None
    return isinstance(xobjects, DictionaryObject) and any(
        isinstance(image := resolve(x), DictionaryObject) and image.get("/Subtype") == "/Image"
        for x in list(xobjects.values())[:8]
    )


class Faces:
    """The faces of one document, each made once (fonts are shared between pages)."""

    def __init__(self) -> None:
        self._made: dict[int, Face | None] = {}

    def __call__(self, ref: object) -> Face | None:
        key = ref.idnum if isinstance(ref, IndirectObject) else id(ref)
        if key not in self._made:
            font = resolve(ref)
            try:
                self._made[key] = Face(font) if isinstance(font, DictionaryObject) else None
            except BROKEN_FILE:  # a broken font dictionary: its text is read without it
                self._made[key] = None
        return self._made[key]

    def all(self) -> list[Face]:
        return [face for face in self._made.values() if face is not None]
