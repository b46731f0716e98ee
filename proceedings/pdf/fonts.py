"""What a PDF says of its fonts, as the check's findings and the volume's warnings both
ask it: whether a font is embedded (one test, so the two cannot disagree)."""

from __future__ import annotations

from pypdf.generic import ArrayObject, DictionaryObject

from proceedings.pdf.objects import resolve

#: Where a font descriptor holds the font program itself.
FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")


def embedded(font: DictionaryObject) -> bool:
    """Whether ``font`` carries its glyphs: a Type 3 font draws them itself; a composite
    (Type 0) font is embedded when its descendant is; any other needs a font file in its
    descriptor.  A broken font dictionary counts as not embedded."""
    if font.get("/Subtype") == "/Type3":
        return True
    if "/DescendantFonts" in font:
        descendants = resolve(font.get("/DescendantFonts"))
        font = resolve(descendants[0]) if isinstance(descendants, ArrayObject) and descendants else None
        if not isinstance(font, DictionaryObject):
            return False
    descriptor = resolve(font.get("/FontDescriptor"))
    return isinstance(descriptor, DictionaryObject) and any(key in descriptor for key in FONT_FILES)


def base_name(font: DictionaryObject) -> str:
    """The font's name as a reader knows it: ``/ABCDEF+Times-Roman`` -> ``Times-Roman``."""
    return str(font.get("/BaseFont", "unnamed")).lstrip("/").split("+", 1)[-1]
