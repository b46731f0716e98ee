"""The pages the volume lays out itself, with fpdf2: the front matter (title page,
committees, table of contents) and the author index.

fpdf2 embeds subsets of the bundled TrueType fonts (DejaVu Serif; Droid Sans Fallback
for the characters DejaVu lacks, such as Chinese, Japanese and Korean names).  These
pages carry no page numbers of their own: the volume stamps them like every other
page.  Their links go to pages of the volume that this document does not contain, so
each link is returned as a :class:`LinkBox` (page, rectangle, target) and the volume
adds it when it knows where the target is.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Hashable, Sequence
from pathlib import Path

from fpdf import FPDF

from workshop import fmt
from workshop.model import Person, Workshop

from .layout import editors, volume_title
from .stamps import STAMP_BAND

FONTS = Path(__file__).parent / "fonts"
FALLBACK = FONTS / "DroidSansFallbackFull.ttf"

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
    """A laid-out document: the PDF, its links, and the page each bookmark goes to."""

    pdf: bytes
    pages: int
    links: tuple[LinkBox, ...]
    marks: tuple[tuple[str, int], ...]  # (bookmark title, 0-based page)


@dataclasses.dataclass(frozen=True)
class ContentsEntry:
    title: str
    authors: str
    page: str  # as printed
    target: Hashable


@dataclasses.dataclass(frozen=True)
class IndexEntry:
    name: str  # as filed: "Family, Given"
    pages: tuple[tuple[str, Hashable], ...]  # (page as printed, target)
    letter: str  # the heading it files under


@functools.lru_cache(maxsize=4)
def _dejavu_chars(path: Path) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap())


class _Document(FPDF):
    def __init__(self, texts: Sequence[str], moment: dt.datetime) -> None:
        super().__init__(format="letter", unit="pt")
        self.add_font("Serif", "", FONTS / "DejaVuSerif.ttf")
        self.add_font("Serif", "B", FONTS / "DejaVuSerif-Bold.ttf")
        covered = _dejavu_chars(FONTS / "DejaVuSerif.ttf")
        if any(ord(c) not in covered for text in texts for c in text if not c.isspace()):
            # Loaded only when needed: the fallback is a 4 MB font.
            self.add_font("Fallback", "", FALLBACK)
            self.set_fallback_fonts(["Fallback"], exact_match=False)
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=BOTTOM)
        self.set_creation_date(moment)
        self.set_producer("proceedings (fpdf2)")
        self.links_out: list[LinkBox] = []
        self.marks: list[tuple[str, int]] = []

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

    def result(self, tag: bytes) -> Typeset:
        # fpdf2 tags every font subset "MPDFAA"; the volume holds several documents' subsets,
        # and a subset's tag should name it alone.  Same length: the file's offsets hold.
        assert len(tag) == 6 and tag.isupper()
        pdf = bytes(self.output()).replace(b"/MPDFAA+", b"/" + tag + b"+")
        return Typeset(pdf, self.page, tuple(self.links_out), tuple(self.marks))


def _person(person: Person) -> str:
    return f"{person.name}, {person.affiliation}" if person.affiliation else person.name


def front_matter(workshop: Workshop, contents: Sequence[ContentsEntry], moment: dt.datetime) -> Typeset:
    """Title page, committees and table of contents."""
    info, people = workshop.info, workshop.people
    edited_by = editors(workshop)
    committees = people.committees if people else []
    texts = [info.name, volume_title(info), *(_person(p) for p in edited_by),
             *(c.title for c in committees), *(_person(p) for c in committees for p in c.members),
             *(e.title for e in contents), *(e.authors for e in contents)]
    pdf = _Document(texts, moment)
    pdf.set_title(volume_title(info))
    pdf.set_author(", ".join(p.name for p in edited_by))

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
    pdf.multi_cell(0, 16, fmt.date(info.date), align="C", new_x="LMARGIN", new_y="NEXT")
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
        title_lines = pdf.multi_cell(width, 14, entry.title, dry_run=True, output="LINES")
        pdf.set_font("Serif", "", 9.5)
        author_lines = pdf.multi_cell(width, 12.5, entry.authors, dry_run=True, output="LINES") if entry.authors else []
        height = 14 * len(title_lines) + 12.5 * len(author_lines)
        if pdf.space_left() < height:
            pdf.add_page()
        top = pdf.get_y()
        pdf.set_font("Serif", "B", 11)
        pdf.multi_cell(width, 14, entry.title, align="L", new_x="LMARGIN", new_y="NEXT")
        if entry.authors:
            pdf.set_font("Serif", "", 9.5)
            pdf.set_text_color(*GREY)
            pdf.multi_cell(width, 12.5, entry.authors, align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.set_text_color(0)
        pdf.set_font("Serif", "B" if not entry.authors else "", 11)
        pdf.set_xy(pdf.l_margin + width, top)
        pdf.cell(number_width, 14, entry.page, align="R")
        pdf.link_box(pdf.l_margin, top, pdf.text_width, height, entry.target)
        pdf.set_xy(pdf.l_margin, top + height + 9)
    return pdf.result(b"VOLFMT")


def author_index(entries: Sequence[IndexEntry], moment: dt.datetime) -> Typeset:
    """Every author once, filed by family name, in two columns, with the pages of their
    papers as links."""
    pdf = _Document([e.name for e in entries], moment)
    pdf.set_title("Author Index")
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
        labels = [label for label, _ in entry.pages]
        numbers = ", ".join(labels)
        numbers_width = pdf.get_string_width(numbers) + 4
        lines = pdf.multi_cell(column_width - numbers_width - 6, leading, entry.name, dry_run=True, output="LINES")
        room(leading * len(lines))
        x = pdf.l_margin + column * (column_width + gap)
        for i, line in enumerate(lines):
            pdf.set_xy(x + (8 if i else 0), y + i * leading)
            pdf.cell(column_width - numbers_width - 6, leading, line)
        # Page numbers right-aligned on the name's first line, each its own link.
        right = x + column_width
        for i in range(len(labels) - 1, -1, -1):
            text = labels[i] + ("" if i == len(labels) - 1 else ",")
            width = pdf.get_string_width(text)
            pdf.set_xy(right - width, y)
            pdf.cell(width, leading, text)
            pdf.link_box(right - width, y, pdf.get_string_width(labels[i]), leading, entry.pages[i][1])
            right -= width + pdf.get_string_width(" ")
        y += leading * len(lines)
    return pdf.result(b"VOLIDX")
