"""Page 1s as real templates set them, written by a real PDF writer (fpdf2 with DejaVu, the
fonts the samples use): a title in a large bold face (over one or more lines, broken with a
hyphen where a test asks), the authors' names with superscript affiliation numbers and
footnote signs, the affiliations under them, a footnote at the foot of the page, an
abstract and a body in two columns, and where a test asks, what a review mode leaves: line
numbers in the margin, "Anonymous Author(s)", a banner, a footer.

    path = front_page(tmp_path / "p.pdf", title="...", authors=["Ana Ruiz", "Bo Li"])
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from fpdf import FPDF

from proceedings.volume.typefaces import SERIF, SERIF_BOLD
from tools.samples import EPOCH, WORDS


@dataclasses.dataclass
class Front:
    title: str | list[str] = "Benchmarking Sparse Training on Emerging Accelerators"
    authors: list[str] = dataclasses.field(default_factory=lambda: ["Ana Ruiz", "Bo Li", "Chen Wei"])
    #: How the names stand: "line" (one line, commas), "grid" (three a row, affiliation under each).
    layout: str = "line"
    title_size: float = 17
    names_bold: bool = False
    #: A footnote sign after the title, and superscript numbers after each name.
    marks: bool = True
    #: Printed lines above the title (a banner), and at the foot of page 1 (a footer).
    banner: str | None = None
    footer: str | None = None
    line_numbers: bool = False
    pages: int = 2
    #: No text at all: page 1 is a drawing (as a scanned page would be).
    no_text: bool = False
    #: A line of running text set in page 1's right column (its fifth line).
    sentence: str | None = None


def front_page(path: Path, **kwargs) -> Path:
    """Write a paper whose page 1 is laid out as ``Front(**kwargs)`` says; its path."""
    front = Front(**kwargs)
    pdf = FPDF(format="letter", unit="pt")
    pdf.add_font("Serif", "", SERIF)
    pdf.add_font("Serif", "B", SERIF_BOLD)
    pdf.set_creation_date(EPOCH)
    pdf.set_auto_page_break(False)
    pdf.add_page()
    if front.no_text:
        pdf.set_fill_color(90, 90, 90)
        for row in range(80, 700, 14):
            pdf.rect(60, row, 490, 6, style="F")
    else:
        _body(pdf, front, top=_head(pdf, front) + 12)
    for _ in range(front.pages - 1):
        pdf.add_page()
        if front.banner:
            _centred(pdf, front.banner, 7, 30)
        _body(pdf, front, top=72)
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(path))
    return path


def _centred(pdf: FPDF, text: str, size: float, y: float, style: str = "") -> None:
    pdf.set_font("Serif", style, size)
    pdf.set_xy(54, y)
    pdf.cell(pdf.w - 108, size * 1.2, text, align="C")


def _head(pdf: FPDF, front: Front) -> float:
    """Write page 1's head; where it ends (points from the top)."""
    if front.banner:
        _centred(pdf, front.banner, 7, 30)
    lines = front.title if isinstance(front.title, list) else [front.title]
    y = 72.0
    for n, line in enumerate(lines):
        pdf.set_font("Serif", "B", front.title_size)
        width = pdf.get_string_width(line)
        x = (pdf.w - width) / 2
        pdf.text(x, y + front.title_size, line)
        if front.marks and n == len(lines) - 1:
            pdf.set_font("Serif", "", front.title_size * 0.55)
            pdf.text(x + width + 1, y + front.title_size * 0.55, "\u2217")
        y += front.title_size * 1.25
    y += 10
    y = _grid(pdf, front, y) if front.layout == "grid" else _one_line(pdf, front, y)
    pdf.set_font("Serif", "", 9)
    for text in ("1 University of Somewhere, Boston, USA   2 Another Lab, Zurich, Switzerland",):
        _centred(pdf, text, 9, y)
        y += 12
    if front.footer:
        _centred(pdf, front.footer, 8, pdf.h - 50)
    if front.marks:
        pdf.set_font("Serif", "", 7)
        pdf.text(54, pdf.h - 64, "\u2217 Preliminary results appeared at an earlier workshop.")
    return y + 8


def _name_runs(pdf: FPDF, front: Front, name: str, n: int, x: float, y: float) -> float:
    """Write a name and its superscript number at ``x``; where it ends."""
    pdf.set_font("Serif", "B" if front.names_bold else "", 11)
    pdf.text(x, y, name)
    x += pdf.get_string_width(name)
    if front.marks:
        pdf.set_font("Serif", "", 6.5)
        mark = f"{n % 2 + 1}" + (",\u2020" if n == 0 else "")
        pdf.text(x + 0.5, y - 4.5, mark)
        x += pdf.get_string_width(mark) + 0.5
    return x


def _one_line(pdf: FPDF, front: Front, y: float) -> float:
    pdf.set_font("Serif", "B" if front.names_bold else "", 11)
    total = sum(pdf.get_string_width(a) + 12 for a in front.authors)
    x = (pdf.w - total) / 2
    for n, name in enumerate(front.authors):
        x = _name_runs(pdf, front, name, n, x, y + 11)
        if n < len(front.authors) - 1:
            pdf.set_font("Serif", "", 11)
            pdf.text(x, y + 11, ",")
            x += 8
    return y + 26


def _grid(pdf: FPDF, front: Front, y: float) -> float:
    """Three authors a row, each centred in a third of the width with an affiliation under it."""
    third = (pdf.w - 108) / 3
    for row in range(0, len(front.authors), 3):
        for column, name in enumerate(front.authors[row : row + 3]):
            pdf.set_font("Serif", "B" if front.names_bold else "", 11)
            x = 54 + column * third + (third - pdf.get_string_width(name)) / 2
            _name_runs(pdf, front, name, row + column, x, y + 11)
            pdf.set_font("Serif", "", 9)
            pdf.text(54 + column * third + 20, y + 24, "University of Somewhere")
            pdf.text(54 + column * third + 20, y + 35, "someone@example.org")
        y += 46
    return y


def _body(pdf: FPDF, front: Front, top: float) -> None:
    """Two columns of running text (an Abstract heading first on page 1), with line numbers
    in both margins when the front asks for them."""
    width = (pdf.w - 108 - 18) / 2
    number = 1 + (pdf.page_no() - 1) * 100
    for column in (0, 1):
        x = 54 + column * (width + 18)
        y = top
        if pdf.page_no() == 1 and column == 0:
            pdf.set_font("Serif", "B", 11)
            pdf.text(x, y + 11, "Abstract")
            y += 16
        pdf.set_font("Serif", "", 9)
        k = 0
        while y < pdf.h - 80:
            k += 1
            words = " ".join(WORDS[(k * 7 + i * 3 + column) % len(WORDS)] for i in range(5))
            pdf.set_font("Serif", "", 9)
            if front.sentence and pdf.page_no() == 1 and column == 1 and k == 5:
                words = front.sentence
            pdf.text(x, y + 9, words.capitalize())
            if front.line_numbers:
                pdf.set_font("Serif", "", 6)
                pdf.text(30 if column == 0 else pdf.w - 42, y + 9, f"{number:03d}")
                number += 1
            y += 11
