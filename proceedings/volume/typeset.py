"""The pages the volume lays out itself: the front matter (title page, the pages of
:mod:`proceedings.volume.frontmatter`, table of contents) and the author index, set by :class:`~proceedings.volume.fpdfdoc.Document`
(fpdf2).  These pages carry no page numbers of their own: the volume stamps them like
every other page.  Their links go to pages of the volume that this document does not
contain, so each link is returned as a :class:`~proceedings.volume.fpdfdoc.LinkBox`
(page, rectangle, target) and the volume adds it when it knows where the target is.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import unicodedata
from collections.abc import Hashable, Sequence
from pathlib import Path

from proceedings.volume import frontmatter
from proceedings.volume.fpdfdoc import BOTTOM, Document, Typeset
from workshop.core.load import Complete
from workshop.core.volumefacts import VolumeFacts
from workshop.core.xmp import license_url

GREY = (90, 90, 90)


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


def typeset(
    workshop: Complete,
    facts: VolumeFacts,
    printed: Sequence[str],
    contents: Sequence[ContentsEntry],
    index: Sequence[IndexEntry],
    moment: dt.datetime,
    logos: Sequence[Path | None] = (),
) -> Typeset:
    """The front matter (title page, preface, committees, invited talks, sponsors with
    ``logos``, contents), then the author index; ``printed`` is every text the data gives
    them (:func:`workshop.core.plan.printed_texts`), whose characters the fonts must have."""
    # The fonts for every character the data gives the volume, and the index's headings.
    pdf = Document([*printed, *(e.letter for e in index)], moment)
    pdf.set_title(facts.title)
    pdf.set_author(facts.editor_names)
    _title_page(pdf, facts)
    frontmatter.pages(pdf, workshop, facts, logos or [None] * len(workshop.info.sponsors))
    _contents(pdf, contents)
    front_pages = pdf.page
    _author_index(pdf, index)
    return pdf.result(front_pages)


def _title_page(pdf: Document, facts: VolumeFacts) -> None:
    """The workshop, the volume's title, the conference and days, and the editors."""
    pdf.add_page()
    pdf.mark("Title page")
    pdf.set_y(150)
    pdf.set_font("Serif", "B", 24)
    pdf.multi_cell(0, 31, facts.info.name, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(14)
    pdf.set_font("Serif", "", 15)
    pdf.multi_cell(0, 20, facts.title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(26)
    pdf.set_font("Serif", "", 12)
    pdf.multi_cell(0, 16, f"Held with the {facts.conference}", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 16, facts.days, align="C", new_x="LMARGIN", new_y="NEXT")
    identifiers = title_page_identifiers(facts)
    if identifiers:
        pdf.ln(18)
        pdf.set_font("Serif", "", 10)
        for line, link in identifiers:
            pdf.multi_cell(0, 14, line, align="C", new_x="LMARGIN", new_y="NEXT", link=link)
    if facts.editors:
        pdf.set_y(max(pdf.get_y() + 40, pdf.h - BOTTOM - 30 - 16 * len(facts.editors)))
        pdf.set_font("Serif", "B", 12)
        pdf.cell(0, 18, "Edited by", align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Serif", "", 11)
        for person in facts.editors:
            pdf.multi_cell(0, 15, person.display, align="C", new_x="LMARGIN", new_y="NEXT")


def title_page_identifiers(facts: VolumeFacts) -> list[tuple[str, str]]:
    """The title page's lines of what identifies the volume, each with the address it links
    to (or ""): its DOI (as Crossref asks DOIs to be shown), ISBN, ISSN and license, those
    the data gives."""
    proceedings = facts.info.proceedings
    lines = [(f"DOI: https://doi.org/{facts.doi}", f"https://doi.org/{facts.doi}")] if facts.doi else []
    if proceedings is not None:
        lines += [
            (f"{name} {value}", "")
            for name, value in (("ISBN", proceedings.isbn), ("ISSN", proceedings.issn))
            if value
        ]
        if proceedings.license:
            url = license_url(proceedings.license)
            lines.append((f"License: {proceedings.license} ({url})", url))
    return lines


def _contents(pdf: Document, contents: Sequence[ContentsEntry]) -> None:
    """The table of contents: each paper's title and authors, its first page, a link to it."""
    pdf.section("Contents")
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


def _index_lines(pdf: Document, entry: IndexEntry, width: float) -> list[list[Piece]]:
    """An entry laid out in a column: the name, then its pages, each a link.  When all
    fits on one line the pages are set flush right; otherwise words and pages flow onto
    indented lines, the name's words on a line set as one piece (so that a right-to-left
    name reads in its own order)."""
    space = pdf.measure(" ")
    pages = [
        (label + ("," if i + 1 < len(entry.pages) else ""), target)
        for i, (label, target) in enumerate(entry.pages)
    ]
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


def _author_index(pdf: Document, entries: Sequence[IndexEntry]) -> None:
    """Every author once, filed by family name, in two columns, with the pages of their
    papers as links."""
    pdf.section("Author Index")
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
                    pdf.link_box(
                        x + offset, y + row * leading, pdf.measure(text.rstrip(",")), leading, target
                    )
        y += leading * len(lines)
