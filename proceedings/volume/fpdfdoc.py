"""fpdf2 as the volume's typesetter uses it: one :class:`Document` class, and every reach
into fpdf2's internals kept here (its fonts' character maps and advance widths, the
page's "font already set" flag, the subset tag it writes), so that an fpdf2 upgrade
is checked in one place.

fpdf2 embeds subsets of the bundled TrueType fonts: DejaVu Serif, and for the characters
it lacks the fallback fonts of :mod:`~proceedings.volume.typefaces` (Arabic and Hebrew in
DejaVu Sans, Chinese and Japanese in Droid Sans Fallback, Korean in NanumSquare).  Text
in a right-to-left script, or with combining marks, is shaped by HarfBuzz (fpdf2's text
shaping): Arabic letters joined, right-to-left runs in reading order within the page's
left-to-right lines.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import unicodedata
from collections.abc import Hashable, Sequence

from fpdf import FPDF
from fpdf.fonts import TTFFont

from proceedings.volume.typefaces import FALLBACKS, SERIF, SERIF_BOLD, characters, fallback_for
from workshop.core.rules import STAMP_BAND

MARGIN = 72.0
BOTTOM = STAMP_BAND + 36.0  # text stays clear of the band the stamp is drawn in


@dataclasses.dataclass(frozen=True)
class LinkBox:
    """A link to add: on ``page`` (0-based, in this document), the rectangle ``rect``
    (PDF user space: x0, y0, x1, y1), going to ``target`` (the caller's key)."""

    page: int
    rect: tuple[float, float, float, float]
    target: Hashable


@dataclasses.dataclass(frozen=True)
class Typeset:
    """The laid-out pages: the front matter, then the author index, in one PDF (so the fonts
    are loaded and embedded once); its links, and the page each bookmark goes to."""

    pdf: bytes
    pages: int
    front_pages: int  # the first pages are the front matter, the rest the index
    links: tuple[LinkBox, ...]
    marks: tuple[tuple[str, int], ...]  # (bookmark title, 0-based page)


class _MissingGlyphs(logging.Filter):
    """fpdf2 logs each glyph a font lacks: the volume refuses such names before it lays out
    anything (:mod:`proceedings.volume.printable`), so what is left is invisible formatting
    characters, which no font needs to draw."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "is missing the following glyphs" not in record.getMessage()


#: Zero-width joiner and non-joiner: they change how neighbouring letters join.
_JOINERS = frozenset("\u200c\u200d")
#: Bidirectional classes that make a run read right to left.
_RIGHT_TO_LEFT = frozenset({"R", "AL", "AN", "RLE", "RLO", "RLI"})


def needs_shaping(text: str) -> bool:
    """Whether ``text`` needs a shaper (HarfBuzz, through fpdf2's text shaping): a
    right-to-left letter (its run reordered, Arabic letters joined), a combining mark (set
    on its letter), a joiner, or a conjoining Hangul letter.  Other text -- Latin, Greek,
    Cyrillic, Chinese, Japanese, Korean syllables -- is each character's own glyph at its
    own advance width either way, and is set without it: four times faster per line, and
    the same bytes as ever."""
    for char in text:
        if char < "\u0300":  # Basic Latin to the IPA letters: no marks, nothing right to left
            continue
        if (
            unicodedata.bidirectional(char) in _RIGHT_TO_LEFT
            or unicodedata.category(char).startswith("M")
            or char in _JOINERS
            or "\u1100" <= char <= "\u11ff"
        ):
            return True
    return False


def _ttf(font: object) -> TTFFont:
    """``font`` as what every font of a :class:`Document` is: a TrueType font of the bundle
    (fpdf2's own types allow its core fonts too, which a document never sets)."""
    if not isinstance(font, TTFFont):
        raise TypeError(f"{font!r} is not one of the bundled TrueType fonts")
    return font


class Document(FPDF):
    """An fpdf2 document in the bundled fonts: US Letter, in points, with fallbacks for the
    characters of ``texts`` that the main font lacks; it records links and bookmarks for
    the volume to add (:meth:`link_box`, :meth:`mark`) and measures text quickly."""

    def __init__(self, texts: Sequence[str], moment: dt.datetime) -> None:
        super().__init__(format="letter", unit="pt")
        self.add_font("Serif", "", SERIF)
        self.add_font("Serif", "B", SERIF_BOLD)
        serif = characters(SERIF) & characters(SERIF_BOLD)
        needed = {fallback_for(c) for text in texts for c in text if ord(c) not in serif and not c.isspace()}
        # Only the fallbacks these names need are loaded: the Chinese and Japanese one is 4 MB.
        loaded = [font for font in FALLBACKS if font in needed]
        for font in loaded:
            self.add_font(font.family, "", font.regular)
            if font.bold:
                self.add_font(font.family, "B", font.bold)
        if loaded:
            self.set_fallback_fonts([font.family for font in loaded], exact_match=False)
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=BOTTOM)
        self.set_creation_date(moment)
        self.set_producer("proceedings (fpdf2)")
        self.links_out: list[LinkBox] = []
        self.marks: list[tuple[str, int]] = []
        self._widths: dict[tuple[str, str], float] = {}

    def get_fallback_font(self, char: str, style: str = "") -> str | None:
        """The fallback that :func:`~proceedings.volume.typefaces.fallback_for` names (Korean
        to NanumSquare though Droid Sans Fallback has a few syllables), bold for bold
        text where it has a bold face."""
        font = fallback_for(char)
        if font is None:
            return None
        key = font.family.lower() + ("B" if "B" in style and font.bold else "")
        return key if key in self.fonts else None

    def _prepare(self, text: str) -> str:
        """``text`` composed (NFC: "u" and a combining diaeresis become one "ü"), with
        text shaping switched on for it only if it needs it."""
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        shaping = needs_shaping(text)
        if shaping != bool(self.text_shaping):
            # Lines are left to right (an English volume); runs in them may be right to left.
            self.set_text_shaping(shaping, direction="ltr" if shaping else None)
        return text

    def _drawn(self, text: str) -> None:
        # fpdf2 2.8.9 sets a line that begins in a fallback font in a local graphics state
        # (q ... Q) yet records the main font as set on the page, so the next line in the
        # main font would be drawn in whatever font the page had before, or in none (a
        # sequel to fpdf2 issue #1772): after text that needed a fallback, the next line
        # sets its font again.
        if any(ord(c) not in self._font().cmap for c in text if not c.isspace()):
            self.current_font_is_set_on_page = False

    def cell(self, w=None, h=None, text="", *args, **kwargs):
        text = self._prepare(text)
        result = super().cell(w, h, text, *args, **kwargs)
        self._drawn(text)
        return result

    def multi_cell(self, w, h=None, text="", *args, **kwargs):
        text = self._prepare(text)
        result = super().multi_cell(w, h, text, *args, **kwargs)
        self._drawn(text)
        return result

    def measure(self, text: str) -> float:
        """Width of ``text`` in the current font and size, as :meth:`cell` sets it.

        Unshaped text: each character's advance width (in thousandths of an em, as fpdf2
        read them) in the font that draws it, the main font or its fallback -- a lookup
        per character and a cache per word, where fpdf2's ``get_string_width`` runs its
        whole text pipeline (the author index measures thousands of words).  Shaped text
        (:func:`needs_shaping`: joined letters take other widths) through that pipeline."""
        key = (text, self.font_style)
        width = self._widths.get(key)
        if width is None:
            prepared = self._prepare(text)
            if self.text_shaping:
                width = self.get_string_width(prepared) / self.font_size_pt
            else:
                font = self._font()
                width = (
                    sum(font.cw[ord(c)] if ord(c) in font.cmap else self._fallback_width(c) for c in prepared)
                    / 1000
                )
            self._widths[key] = width
        return width * self.font_size_pt

    def _fallback_width(self, char: str) -> float:
        key = self.get_fallback_font(char, self.font_style)
        return _ttf(self.fonts[key]).cw[ord(char)] if key else 0.0

    def _font(self) -> TTFFont:
        return _ttf(self.current_font)

    @property
    def text_width(self) -> float:
        return self.w - self.l_margin - self.r_margin

    def mark(self, title: str) -> None:
        self.marks.append((title, self.page - 1))

    def link_box(self, x: float, y: float, w: float, h: float, target: Hashable) -> None:
        """Record a link over the box at (x, y) from the top left, w wide and h high."""
        self.links_out.append(LinkBox(self.page - 1, (x, self.h - y - h, x + w, self.h - y), target))

    def section(self, title: str) -> None:
        """Open a part of the front matter (or the index) on a new page: its bookmark and
        its heading."""
        self.add_page()
        self.mark(title)
        self.heading(title)

    def heading(self, text: str, size: float = 18) -> None:
        self.set_font("Serif", "B", size)
        self.multi_cell(0, size * 1.3, text, align="L", new_x="LMARGIN", new_y="NEXT")
        self.ln(size * 0.6)

    def space_left(self) -> float:
        return self.h - BOTTOM - self.get_y()

    def lines(self, text: str, width: float) -> list[str]:
        """``text`` broken at spaces into lines at most ``width`` wide in the current font
        (a word wider than that gets a line of its own).  Greedy, word by word: fpdf2's
        own breaker re-measures the line at every character, which is slow on long lines."""
        space = self.measure(" ")
        lines: list[str] = []
        words: list[str] = []
        used = 0.0
        for word in text.split():
            size = self.measure(word)
            if words and used + space + size > width:
                lines.append(" ".join(words))
                words, used = [], 0.0
            used += (space if words else 0.0) + size
            words.append(word)
        if words:
            lines.append(" ".join(words))
        return lines

    def result(self, front_pages: int) -> Typeset:
        quiet = _MissingGlyphs()
        logger = logging.getLogger("fpdf.output")
        logger.addFilter(quiet)
        try:
            pdf = bytes(self.output())
        finally:
            logger.removeFilter(quiet)
        # fpdf2 tags every font subset "MPDFAA"; in the volume, beside papers made with
        # fpdf2, a subset's tag should name it alone.  Same length: the file's offsets hold.
        pdf = pdf.replace(b"/MPDFAA+", b"/VOLUME+")
        return Typeset(pdf, self.page, front_pages, tuple(self.links_out), tuple(self.marks))
