"""The pages the volume lays out itself, with fpdf2: the front matter (title page,
committees, table of contents) and the author index.

fpdf2 embeds subsets of the bundled TrueType fonts: DejaVu Serif, and for the characters
it lacks the fallback fonts of :mod:`~proceedings.volume.typefaces` (Arabic and Hebrew in
DejaVu Sans, Chinese and Japanese in Droid Sans Fallback, Korean in NanumSquare).  Text
in a right-to-left script, or with combining marks, is shaped by HarfBuzz (fpdf2's text
shaping): Arabic letters joined, right-to-left runs in reading order within the page's
left-to-right lines.  These pages carry no page numbers of their own: the volume stamps
them like every other page.  Their links go to pages of the volume that this document does not contain, so
each link is returned as a :class:`LinkBox` (page, rectangle, target) and the volume
adds it when it knows where the target is.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import unicodedata
from collections.abc import Hashable, Sequence

from fpdf import FPDF
from workshop.core import wording
from workshop.core.model import Person, Workshop

from workshop.core.plan import editors, volume_title
from proceedings.check.findings import STAMP_BAND
from proceedings.volume.typefaces import FALLBACKS, SERIF, SERIF_BOLD, characters, fallback_for

MARGIN = 72.0
BOTTOM = STAMP_BAND + 36.0  # text stays clear of the band the stamp is drawn in
GREY = (90, 90, 90)


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


@dataclasses.dataclass(frozen=True)
class ContentsEntry:
    title: str
    authors: tuple[str, ...]
    page: str  # as printed
    target: Hashable


@dataclasses.dataclass(frozen=True)
class IndexEntry:
    name: str  # as filed: "Family, Given"
    pages: tuple[tuple[str, Hashable], ...]  # (page as printed, target)
    letter: str  # the heading it files under


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
        if (unicodedata.bidirectional(char) in _RIGHT_TO_LEFT or unicodedata.category(char).startswith("M")
                or char in _JOINERS or "\u1100" <= char <= "\u11ff"):
            return True
    return False


def rtl_safe_list(items: Sequence[str]) -> str:
    """``items`` joined with commas, each in its place in a left-to-right line.

    Two right-to-left names in a row would otherwise swallow the comma between them
    and swap places (the Unicode bidirectional algorithm makes one right-to-left run of
    "محمد علي, דוד כהן"): a left-to-right mark after the comma keeps them apart."""
    joined = []
    for i, item in enumerate(items):
        if i:
            joined.append(", \u200e" if _ends_right_to_left(items[i - 1]) else ", ")
        joined.append(item)
    return "".join(joined)


def _ends_right_to_left(text: str) -> bool:
    for char in reversed(text):
        kind = unicodedata.bidirectional(char)
        if kind in ("L", "R", "AL"):
            return kind != "L"
    return False


class _Document(FPDF):
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
        if any(ord(c) not in self.current_font.cmap for c in text if not c.isspace()):
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
                font = self.current_font
                width = sum(font.cw[ord(c)] if ord(c) in font.cmap else self._fallback_width(c)
                            for c in prepared) / 1000
            self._widths[key] = width
        return width * self.font_size_pt

    def _fallback_width(self, char: str) -> float:
        key = self.get_fallback_font(char, self.font_style)
        return self.fonts[key].cw[ord(char)] if key else 0.0

    @property
    def text_width(self) -> float:
        return self.w - self.l_margin - self.r_margin

    def mark(self, title: str) -> None:
        self.marks.append((title, self.page - 1))

    def link_box(self, x: float, y: float, w: float, h: float, target: Hashable) -> None:
        """Record a link over the box at (x, y) from the top left, w wide and h high."""
        self.links_out.append(LinkBox(self.page - 1, (x, self.h - y - h, x + w, self.h - y), target))

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


def _person(person: Person) -> str:
    return f"{person.name}, {person.affiliation}" if person.affiliation else person.name


def typeset(workshop: Workshop, contents: Sequence[ContentsEntry], index: Sequence[IndexEntry],
            moment: dt.datetime) -> Typeset:
    """The front matter (title page, committees, contents), then the author index."""
    info, people = workshop.info, workshop.people
    edited_by = editors(workshop)
    committees = people.committees if people else []
    texts = [info.name, volume_title(info), *(_person(p) for p in edited_by),
             *(c.title for c in committees), *(_person(p) for c in committees for p in c.members),
             *(e.title for e in contents), *(a for e in contents for a in e.authors),
             *(e.name for e in index), *(e.letter for e in index)]
    pdf = _Document(texts, moment)
    pdf.set_title(volume_title(info))
    pdf.set_author(", ".join(p.name for p in edited_by))
    _front_matter(pdf, workshop, contents)
    front_pages = pdf.page
    _author_index(pdf, index)
    return pdf.result(front_pages)


def _front_matter(pdf: _Document, workshop: Workshop, contents: Sequence[ContentsEntry]) -> None:
    info, people = workshop.info, workshop.people
    edited_by = editors(workshop)
    committees = people.committees if people else []

    # --- title page
    pdf.add_page()
    pdf.mark("Title page")
    pdf.set_y(150)
    pdf.set_font("Serif", "B", 24)
    pdf.multi_cell(0, 31, info.name, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(14)
    pdf.set_font("Serif", "", 15)
    pdf.multi_cell(0, 20, volume_title(info), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(26)
    pdf.set_font("Serif", "", 12)
    conference = f"Held with the {info.conference.name} ({info.conference.short_name})"
    pdf.multi_cell(0, 16, conference, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 16, wording.date(info.date), align="C", new_x="LMARGIN", new_y="NEXT")
    if edited_by:
        pdf.set_y(max(pdf.get_y() + 40, pdf.h - BOTTOM - 30 - 16 * len(edited_by)))
        pdf.set_font("Serif", "B", 12)
        pdf.cell(0, 18, "Edited by", align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Serif", "", 11)
        for person in edited_by:
            pdf.multi_cell(0, 15, _person(person), align="C", new_x="LMARGIN", new_y="NEXT")

    # --- committees
    if committees:
        pdf.add_page()
        pdf.mark("Committees")
        pdf.heading("Committees")
        for committee in committees:
            if pdf.space_left() < 60:
                pdf.add_page()
            pdf.set_font("Serif", "B", 13)
            pdf.cell(0, 18, committee.title, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
            pdf.set_font("Serif", "", 11)
            for person in committee.members:
                pdf.multi_cell(0, 15, _person(person), align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(14)

    # --- contents
    pdf.add_page()
    pdf.mark("Contents")
    pdf.heading("Contents")
    number_width = 40.0
    width = pdf.text_width - number_width
    for entry in contents:
        pdf.set_font("Serif", "B", 11)
        title_lines = pdf.lines(entry.title, width)
        pdf.set_font("Serif", "", 9.5)
        author_lines = pdf.lines(rtl_safe_list(entry.authors), width) if entry.authors else []
        height = 14 * len(title_lines) + 12.5 * len(author_lines)
        if pdf.space_left() < height:
            pdf.add_page()
        top = pdf.get_y()
        pdf.set_font("Serif", "B", 11)
        for i, line in enumerate(title_lines):
            pdf.set_xy(pdf.l_margin, top + 14 * i)
            pdf.cell(width, 14, line)
        pdf.set_font("Serif", "", 9.5)
        pdf.set_text_color(*GREY)
        for i, line in enumerate(author_lines):
            pdf.set_xy(pdf.l_margin, top + 14 * len(title_lines) + 12.5 * i)
            pdf.cell(width, 12.5, line)
        pdf.set_text_color(0)
        pdf.set_font("Serif", "B" if not entry.authors else "", 11)
        pdf.set_xy(pdf.l_margin + width, top)
        pdf.cell(number_width, 14, entry.page, align="R")
        pdf.link_box(pdf.l_margin, top, pdf.text_width, height, entry.target)
        pdf.set_xy(pdf.l_margin, top + height + 9)


#: A placed piece of an index entry: its offset from the column's left, its text, its link.
Piece = tuple[float, str, Hashable]
INDENT = 12.0  # of an entry's continuation lines


def _index_lines(pdf: _Document, entry: IndexEntry, width: float) -> list[list[Piece]]:
    """An entry laid out in a column: the name, then its pages, each a link.  When all
    fits on one line the pages are set flush right; otherwise words and pages flow onto
    indented lines, the name's words on a line set as one piece (so that a right-to-left
    name reads in its own order)."""
    space = pdf.measure(" ")
    pages = [(label + ("," if i + 1 < len(entry.pages) else ""), target)
             for i, (label, target) in enumerate(entry.pages)]
    name_width = pdf.measure(entry.name)
    pages_width = sum(pdf.measure(text) for text, _ in pages) + space * (len(pages) - 1)
    if name_width + 2 * space + pages_width <= width:
        line: list[Piece] = [(0.0, entry.name, None)]
        right = width
        for text, target in reversed(pages):
            right -= pdf.measure(text)
            line.append((right, text, target))
            right -= space
        return [line]
    lines: list[list[Piece]] = [[]]
    x = 0.0
    for text, target in [(word, None) for word in entry.name.split()] + pages:
        word_width = pdf.measure(text)
        if lines[-1] and x + word_width > width:
            lines.append([])
            x = INDENT
        line = lines[-1]
        if line and target is None and line[-1][2] is None:
            line[-1] = (line[-1][0], f"{line[-1][1]} {text}", None)
        else:
            line.append((x, text, target))
        x += word_width + space
    return lines


def _author_index(pdf: _Document, entries: Sequence[IndexEntry]) -> None:
    """Every author once, filed by family name, in two columns, with the pages of their
    papers as links."""
    pdf.add_page()
    pdf.mark("Author Index")
    pdf.heading("Author Index")
    gap = 24.0
    column_width = (pdf.text_width - gap) / 2
    top, column = pdf.get_y(), 0
    y = top
    size, leading = 9.5, 12.5
    letter = None

    def room(height: float) -> None:
        nonlocal y, column, top
        if y + height <= pdf.h - BOTTOM:
            return
        if column == 0:
            column, y = 1, top
        else:
            pdf.add_page()
            top = y = pdf.t_margin
            column = 0

    for entry in entries:
        x = pdf.l_margin + column * (column_width + gap)
        if entry.letter != letter:
            letter = entry.letter
            room(leading * 3)
            y += leading * 0.5 if y > top else 0
            x = pdf.l_margin + column * (column_width + gap)
            pdf.set_font("Serif", "B", 11)
            pdf.set_xy(x, y)
            pdf.cell(column_width, leading + 2, letter)
            y += leading + 4
        pdf.set_font("Serif", "", size)
        lines = _index_lines(pdf, entry, column_width)
        room(leading * len(lines))
        x = pdf.l_margin + column * (column_width + gap)
        for row, line in enumerate(lines):
            for offset, text, target in line:
                pdf.set_xy(x + offset, y + row * leading)
                pdf.cell(pdf.measure(text), leading, text)
                if target is not None:
                    pdf.link_box(x + offset, y + row * leading, pdf.measure(text.rstrip(",")), leading, target)
        y += leading * len(lines)
