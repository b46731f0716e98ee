"""The front matter's pages made from data between the title page and the contents: the
organizers' preface (``proceedings.preface`` in ``workshop.yaml``), the committees
(``people.yaml``), the invited talks (the program's ``invited`` slots, when there is a
program) and the sponsors (``sponsors``, each with its logo when given), laid out by
:class:`~proceedings.volume.fpdfdoc.Document`.

Logos are PNG or JPEG files inside the repository, checked by the loader
(:func:`workshop.core.validate.check_sponsors`); one that cannot be decoded even so (a
truncated file, a broken data stream, an image larger than Pillow's limits) stops the build
naming it.  Only the errors a bad image raises are caught: anything else is a bug.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Sequence
from pathlib import Path

from fpdf.errors import FPDFException

from proceedings.volume.fpdfdoc import Document
from workshop.core import wording
from workshop.core.load import Complete, WithInfo, WithSchedule, narrowed
from workshop.core.model import Committee, WorkshopInfo
from workshop.core.problems import WorkshopError
from workshop.core.program import program
from workshop.core.volumefacts import VolumeFacts

GREY = (90, 90, 90)
LOGO_HEIGHT, LOGO_WIDTH = 40.0, 150.0
#: The most pixels a logo may have: a logo is printed 150 pt wide; decoding a larger image
#: costs memory for nothing (Pillow's own limit lets through half a gigabyte).
LOGO_PIXELS = 4000 * 4000
#: What decoding a broken image raises: Pillow's OSError (a truncated file, a broken data
#: stream), SyntaxError and ValueError (its format plugins on a malformed chunk or marker),
#: EOFError, struct.error and zlib.error (a header or stream cut short); fpdf2's
#: FPDFException (an image it cannot embed).
IMAGE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, struct.error, zlib.error, FPDFException)


def _check_size(logo: Path) -> None:
    """Refuse a logo too large to decode for a 150 pt box, reading only its header."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(logo) as image:
            width, height = image.size
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError) as error:
        raise WorkshopError(
            f"cannot be read as an image ({error}): save it again as PNG", file=logo
        ) from None
    if width * height > LOGO_PIXELS:
        raise WorkshopError(
            f"is {width} x {height} pixels, more than a logo printed {LOGO_WIDTH:.0f} pt wide needs: "
            "save it at most 4000 x 4000 pixels (1000 wide is plenty)",
            file=logo,
        )


def committees(pdf: Document, committees: Sequence[Committee]) -> None:
    """Every committee with its members."""
    if not committees:
        return
    pdf.section("Committees")
    for committee in committees:
        if pdf.space_left() < 60:
            pdf.add_page()
        pdf.set_font("Serif", "B", 13)
        pdf.cell(0, 18, committee.title, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
        pdf.set_font("Serif", "", 11)
        for person in committee.members:
            pdf.multi_cell(0, 15, person.display, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(14)


def pages(pdf: Document, workshop: Complete, facts: VolumeFacts, logos: Sequence[Path | None]) -> None:
    """The preface, the committees, the invited talks and the sponsors (with ``logos``: the
    file of each sponsor's, in order), each on pages of its own when the data has it."""
    preface(pdf, facts)
    committees(pdf, workshop.people.committees)
    invited_talks(pdf, workshop)
    sponsors(pdf, workshop.info, logos)


def preface(pdf: Document, facts: VolumeFacts) -> None:
    """The organizers' message, signed by the editors."""
    proceedings = facts.info.proceedings
    text = proceedings.preface if proceedings else None
    if not text:
        return
    pdf.section("Preface")
    pdf.set_font("Serif", "", 11)
    for paragraph in text.split("\n\n"):
        if paragraph.strip():
            pdf.multi_cell(0, 15, " ".join(paragraph.split()), align="J", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(7)
    if facts.editors:
        pdf.ln(7)
        pdf.set_font("Serif", "", 11)
        for person in facts.editors:
            pdf.multi_cell(0, 15, person.display, align="R", new_x="LMARGIN", new_y="NEXT")


def invited_talks(pdf: Document, workshop: WithInfo) -> None:
    """The program's invited talks (when there is a program): title, speakers, when."""
    with_program = narrowed(workshop, WithSchedule)
    if with_program is None:
        return
    sessions = [s for day in program(with_program) for s in day.sessions if s.kind == "invited"]
    if not sessions:
        return
    pdf.section("Invited Talks")
    for session in sessions:
        if pdf.space_left() < 60:
            pdf.add_page()
        pdf.set_font("Serif", "B", 12)
        pdf.multi_cell(0, 16, session.title, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Serif", "", 11)
        for person in session.speakers:
            pdf.multi_cell(0, 15, person.display, align="L", new_x="LMARGIN", new_y="NEXT")
        first, second = wording.time_range(session.start, session.end)
        pdf.set_text_color(*GREY)
        pdf.set_font("Serif", "", 10)
        when = f"{wording.date(session.start.date())}, {first}\u2013{second}"
        pdf.multi_cell(0, 14, when, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0)
        pdf.ln(12)


def sponsors(pdf: Document, info: WorkshopInfo, logos: Sequence[Path | None]) -> None:
    """The sponsors, each with its logo (``logos``: the file of each, in order) or its name."""
    if not info.sponsors:
        return
    pdf.section("Sponsors")
    pdf.set_font("Serif", "", 11)
    for sponsor, logo in zip(info.sponsors, logos, strict=True):
        if pdf.space_left() < LOGO_HEIGHT + 30:
            pdf.add_page()
        top = pdf.get_y()
        if logo is not None:
            _check_size(logo)
            try:
                pdf.image(
                    str(logo), x=pdf.l_margin, y=top, h=LOGO_HEIGHT, keep_aspect_ratio=True, w=LOGO_WIDTH
                )
            except IMAGE_ERRORS as error:
                raise WorkshopError(
                    f"cannot be used as a logo ({type(error).__name__}: {error}): save it again as PNG",
                    file=logo,
                ) from None
            pdf.set_xy(pdf.l_margin + LOGO_WIDTH + 18, top + LOGO_HEIGHT / 2 - 8)
        pdf.set_font("Serif", "B", 11)
        pdf.multi_cell(0, 16, sponsor.name, align="L", new_x="LMARGIN", new_y="NEXT")
        if sponsor.url:
            pdf.set_x(pdf.l_margin + (LOGO_WIDTH + 18 if logo is not None else 0))
            pdf.set_font("Serif", "", 9.5)
            pdf.set_text_color(*GREY)
            pdf.multi_cell(0, 13, sponsor.url, align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.set_text_color(0)
        pdf.set_y(max(pdf.get_y(), top + (LOGO_HEIGHT if logo is not None else 0)) + 16)
