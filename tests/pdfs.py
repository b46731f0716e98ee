"""Test PDFs made at test time by a real PDF writer (fpdf2): two-column papers laid out
the way the templates lay them out, with whatever a test needs where it needs it.

    paper = TestPaper()
    paper.body_until(page=5, fraction=0.5)      # body text down to the middle of page 5
    paper.heading("References")                  # bold, larger than the text
    paper.references(30)
    path = paper.save(tmp_path / "paper.pdf")

The flow is :class:`tools.samples.Columns` (the same two-column flow as the
example papers) with a running head on every page; what a test varies is the
content, the fonts, the page size, page numbers, images and encryption.
"""

from __future__ import annotations

import io
import random
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import EncryptionMethod

from proceedings.volume.typefaces import SANS, SANS_BOLD, SERIF, SERIF_BOLD
from tools.samples import EPOCH, WORDS, Columns

BODY = 9.0  # the text size; headings are 11 pt bold unless a test says otherwise


class _Pdf(FPDF):
    def __init__(
        self, page_format: str | tuple[float, float], running_head: str | None, page_numbers: bool
    ) -> None:
        super().__init__(format=page_format, unit="pt")
        self.running_head, self.page_numbers = running_head, page_numbers
        for family, regular, bold in (("Serif", SERIF, SERIF_BOLD), ("Sans", SANS, SANS_BOLD)):
            self.add_font(family, "", regular)
            self.add_font(family, "B", bold)
        self.set_margins(54, 72, 54)
        self.set_auto_page_break(False, margin=72)
        self.set_creation_date(EPOCH)

    #: Running head: size, style and where its cell starts (points from the top).
    head_style: tuple[float, str, float] = (7, "", 40)

    def header(self) -> None:
        if self.running_head:
            size, style, top = self.head_style
            self.set_font("Sans", style, size)
            self.set_xy(54, top)
            self.cell(0, size * 1.2, self.running_head, align="C")

    def footer(self) -> None:
        if self.page_numbers:
            self.set_font("Serif", "", 9)
            self.set_xy(54, self.h - 30)
            self.cell(0, 10, str(self.page_no()), align="C")


class TestPaper(Columns):
    """A two-column paper under construction."""

    __test__ = False  # not a pytest test class

    def __init__(
        self,
        *,
        page_format: str | tuple[float, float] = "letter",
        running_head: str | None = "MLBench'23, June 8, 2023, Boston, MA, USA",
        page_numbers: bool = False,
        title: str = "A Test Paper on Benchmarking",
        seed: int = 7,
    ) -> None:
        pdf = _Pdf(page_format, running_head, page_numbers)
        pdf.add_page()
        pdf.set_font("Serif", "B", 16)
        pdf.set_xy(54, 76)
        pdf.multi_cell(0, 20, title, align="C")
        pdf.ln(4)
        pdf.set_font("Serif", "", 10)
        pdf.multi_cell(0, 13, "Ada Author (Some University), Bo Builder (Another Lab)", align="C")
        super().__init__(pdf, pdf.get_y() + 14)
        self.start(pdf.get_y() + 14)
        self.rng = random.Random(seed)
        self.entry = 0

    # --- where the flow is ---------------------------------------------------------

    def at_or_past(self, page: int, column: int = 0, fraction: float = 0.0) -> bool:
        return (self.page, self.column, self.fraction) >= (page, column, fraction)

    def new_page(self) -> None:
        """Continue at the top of the left column of a new page."""
        self.pdf.add_page()
        self.column, self._column_top, self.y = 0, self.pdf.t_margin, self.pdf.t_margin

    def new_column(self) -> None:
        if self.column == 0:
            self.column, self.y = 1, self._column_top
        else:
            self.new_page()

    # --- content ---------------------------------------------------------------------

    def sentence(self, words: int | None = None) -> str:
        n = words or self.rng.randint(8, 16)
        return " ".join(self.rng.choice(WORDS) for _ in range(n)).capitalize() + "."

    def paragraph(self, text: str | None = None) -> None:
        self.write(
            text or " ".join(self.sentence() for _ in range(self.rng.randint(3, 6))),
            size=BODY,
            space_before=3,
        )

    def body_until(self, page: int, column: int = 0, fraction: float = 0.0) -> None:
        """Body text, a line at a time, until the flow reaches ``page``/``column`` at
        ``fraction`` of the page's height (0.5 = the middle)."""
        while not self.at_or_past(page, column, fraction):
            self.write(self.sentence(6), size=BODY)

    def heading(self, text: str, *, size: float = 11, style: str = "B", space_before: float = 10) -> None:
        self.write(text, size=size, style=style, space_before=space_before)

    def runs(
        self, runs: list[tuple[str, float, str, float]], space_before: float = 10, family: str = "Serif"
    ) -> None:
        """One line of several runs: (text, size, style, character spacing)."""
        height = max(size for _, size, _, _ in runs) * 1.2
        self.y += space_before
        self._advance(height)
        x = self.pdf.l_margin + self.column * (self.width + self.gap)
        baseline = self.y + height
        for text, size, style, spacing in runs:
            self.pdf.set_font(family, style, size)
            self.pdf.set_char_spacing(spacing)
            self.pdf.text(x, baseline - 0.2 * height, text)
            x += self.pdf.get_string_width(text)
        self.pdf.set_char_spacing(0)
        self.y += height

    def references(self, count: int, size: float = 8) -> None:
        for _ in range(count):
            self.entry += 1
            self.write(
                f"[{self.entry}] A. Author and B. Builder. {self.sentence()} In Proc. MLSys, "
                f"{2010 + self.entry % 13}.",
                size=size,
                space_before=2,
            )

    def references_until(self, page: int, column: int = 0, fraction: float = 0.0, size: float = 8) -> None:
        while not self.at_or_past(page, column, fraction):
            self.references(1, size)

    def caption(self, text: str) -> None:
        """A figure: a grey box and its caption below it."""
        self._advance(60)
        x = self.pdf.l_margin + self.column * (self.width + self.gap)
        self.pdf.set_fill_color(200, 200, 200)
        self.pdf.rect(x, self.y + 4, self.width, 50, style="F")
        self.y += 60
        self.write(text, size=8, style="B")

    def image_page(self, color: tuple[int, int, int] = (120, 120, 120)) -> None:
        """A page that is one image and no text (a scanned page)."""
        from PIL import Image, ImageDraw

        image = Image.new("RGB", (612, 792), "white")
        draw = ImageDraw.Draw(image)
        for row in range(80, 700, 14):
            draw.line((60, row, 550, row), fill=color, width=6)
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        previous, self.pdf.running_head = self.pdf.running_head, None
        self.pdf.add_page()
        self.pdf.running_head = previous
        self.pdf.image(buffer, x=0, y=0, w=self.pdf.w, h=self.pdf.h)
        self.column, self._column_top, self.y = 0, self.pdf.t_margin, self.bottom + 1  # next write: new page

    def add_font(self, family: str, path: Path) -> None:
        self.pdf.add_font(family, "", path)

    # --- output ----------------------------------------------------------------------

    def encrypt(self, owner: str = "chair", user: str = "", method: str = "RC4") -> None:
        self.pdf.set_encryption(
            owner_password=owner, user_password=user, encryption_method=EncryptionMethod[method]
        )

    def save(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.pdf.output(str(path))
        return path


def small_caps_font(folder: Path) -> Path:
    """The text font under the name a small-capitals face goes by ("DejaVu Serif Small
    Caps", as "Latin Modern Roman Caps"), written with fontTools (fpdf2 is built on it)."""
    from fontTools.ttLib import TTFont

    font = TTFont(SERIF)
    for record in font["name"].names:
        if record.nameID in (2, 17):
            record.string = "Small Caps"
        elif record.nameID == 4:
            record.string = "DejaVu Serif Small Caps"
        elif record.nameID == 6:
            record.string = "DejaVuSerif-SmallCaps"
    path = folder / "DejaVuSerif-SmallCaps.ttf"
    font.save(path)
    return path


def image_only_pdf(path: Path, pages: int = 5) -> Path:
    """A scan: every page one image, no text layer at all."""
    paper = TestPaper(running_head=None)
    # The title page of a TestPaper has text: start from a bare document instead.
    pdf = _Pdf("letter", None, False)
    paper.pdf = pdf
    for _ in range(pages):
        paper.image_page()
    return paper.save(path)


def with_type3_text(source: Path, out: Path, *, page: int = 2, bitmap: bool = True) -> Path:
    """``source`` with a line set in a Type 3 font on ``page`` (1-based), written by pypdf: a
    font of two glyphs, each drawn as a 1-bit image (what dvips makes of a font it only has
    as bitmaps) or, with ``bitmap=False``, as a filled outline (matplotlib's Type 3 fonts)."""
    from pypdf import PdfWriter
    from pypdf.generic import (
        ArrayObject,
        DecodedStreamObject,
        DictionaryObject,
        FloatObject,
        NameObject,
        NumberObject,
    )

    writer = PdfWriter(clone_from=source)
    procs = DictionaryObject()
    for name, rows in (
        ("a", b"\x18\x24\x42\x7e\x42\x42\x42\x00"),
        ("b", b"\x7c\x42\x7c\x42\x42\x7c\x00\x00"),
    ):
        glyph = DecodedStreamObject()
        if bitmap:
            data = (
                b"8 0 0 0 8 8 d1 q 8 0 0 8 0 0 cm BI /W 8 /H 8 /BPC 1 /IM true /D [1 0] ID " + rows + b" EI Q"
            )
        else:
            data = b"8 0 0 0 8 8 d1 1 0 m 7 0 l 7 8 l 1 8 l h f"
        glyph.set_data(data)
        procs[NameObject(f"/{name}")] = writer._add_object(glyph)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type3"),
            NameObject("/FontBBox"): ArrayObject(
                [NumberObject(0), NumberObject(0), NumberObject(8), NumberObject(8)]
            ),
            NameObject("/FontMatrix"): ArrayObject(
                [
                    FloatObject(0.125),
                    NumberObject(0),
                    NumberObject(0),
                    FloatObject(0.125),
                    NumberObject(0),
                    NumberObject(0),
                ]
            ),
            NameObject("/CharProcs"): procs,
            NameObject("/Encoding"): DictionaryObject(
                {
                    NameObject("/Type"): NameObject("/Encoding"),
                    NameObject("/Differences"): ArrayObject(
                        [NumberObject(97), NameObject("/a"), NameObject("/b")]
                    ),
                }
            ),
            NameObject("/FirstChar"): NumberObject(97),
            NameObject("/LastChar"): NumberObject(98),
            NameObject("/Widths"): ArrayObject([NumberObject(8), NumberObject(8)]),
            NameObject("/Resources"): DictionaryObject(),
        }
    )
    target = writer.pages[page - 1]
    resources = target["/Resources"].get_object()
    fonts = resources["/Font"].get_object()
    fonts[NameObject("/T3")] = writer._add_object(font)
    line = DecodedStreamObject()
    line.set_data(b"BT /T3 9 Tf 60 100 Td (abba abba abba abba) Tj ET")
    contents = target["/Contents"]
    existing = contents.get_object()
    parts = list(existing) if isinstance(existing, ArrayObject) else [contents]
    target[NameObject("/Contents")] = ArrayObject([*parts, writer._add_object(line)])
    with open(out, "wb") as handle:
        writer.write(handle)
    return out


def with_content(source: Path, out: Path, content: bytes, *, page: int = 2) -> Path:
    """``source`` with ``content`` (raw operators) drawn after page ``page``'s own, written by
    pypdf: what no PDF library's drawing calls make (inline images, hostile streams)."""
    from pypdf import PdfWriter
    from pypdf.generic import ArrayObject, DecodedStreamObject, NameObject

    writer = PdfWriter(clone_from=source)
    target = writer.pages[page - 1]
    stream = DecodedStreamObject()
    stream.set_data(content)
    contents = target["/Contents"]
    existing = contents.get_object()
    parts = list(existing) if isinstance(existing, ArrayObject) else [contents]
    target[NameObject("/Contents")] = ArrayObject([*parts, writer._add_object(stream)])
    with open(out, "wb") as handle:
        writer.write(handle)
    return out
