"""The handbook's pages, set by the volume's typesetter
(:class:`~proceedings.volume.fpdfdoc.Document`: US Letter, DejaVu Serif with the fallback
fonts for every script of the names, embedded): a title page; the venue and its rooms;
a part per day of the program, in time order, each slot for the whole event on its own and
the parallel sessions between them room by room, each talk with its time, session and
chair, title, presenter, authors and abstract, each poster on its board; the poster boards
on one page, to find a poster by its board; the committees.  Each day, the boards and the
committees are bookmarks.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence

from proceedings.volume.fpdfdoc import Document
from proceedings.volume.typeset import rtl_safe_list
from workshop.core import wording
from workshop.core.load import WithSchedule
from workshop.core.model import Paper, Person, Poster
from workshop.core.presenting import presenter
from workshop.core.program import ProgramDay, Session, program

GREY = (90, 90, 90)


@dataclasses.dataclass(frozen=True)
class Laid:
    """The laid-out booklet: its bytes, pages, and what it holds."""

    pdf: bytes
    pages: int
    talks: int
    boards: int


def typeset(workshop: WithSchedule, texts: Sequence[str], moment: dt.datetime) -> Laid:
    info = workshop.info
    days = program(workshop)
    pdf = Document(texts, moment)
    pdf.set_title(f"{info.name}: program")
    pdf.set_author(info.short_name)
    _title_page(pdf, workshop)
    _venue(pdf, workshop, days)
    for day in days:
        _day(pdf, day)
    boards = _boards(pdf, days)
    _committees(pdf, workshop)
    talks = sum(1 for day in days for session in day.sessions if not session.is_break)
    laid = pdf.result(pdf.page)
    return Laid(laid.pdf, laid.pages, talks, boards)


def _line(
    pdf: Document, text: str, size: float, style: str = "", grey: bool = False, align: str = "L"
) -> None:
    pdf.set_font("Serif", style, size)
    if grey:
        pdf.set_text_color(*GREY)
    pdf.multi_cell(0, size * 1.3, text, align=align, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0)


def _part(pdf: Document, title: str) -> None:
    """A new page under a heading that is also a bookmark."""
    pdf.add_page()
    pdf.start_section(title)
    pdf.heading(title)


def _title_page(pdf: Document, workshop: WithSchedule) -> None:
    info = workshop.info
    pdf.add_page()
    pdf.set_y(170)
    _line(pdf, info.name, 24, "B", align="C")
    pdf.ln(10)
    _line(pdf, "Program", 18, align="C")
    pdf.ln(24)
    _line(pdf, f"Held with the {wording.conference(info)}", 12, align="C")
    _line(pdf, wording.date_span(info.workshop_dates), 12, align="C")
    if info.venue is not None:
        _line(pdf, wording.location(info.venue), 12, align="C")


def _venue(pdf: Document, workshop: WithSchedule, days: list[ProgramDay]) -> None:
    info = workshop.info
    _part(pdf, "Venue and rooms")
    if info.venue is not None:
        _line(pdf, info.venue.name, 13, "B")
        _line(pdf, wording.location(info.venue).removeprefix(f"{info.venue.name}, "), 11)
        _line(pdf, info.venue.url, 10, grey=True)
        pdf.ln(10)
    rooms = workshop.schedule.rooms
    if rooms:
        _line(pdf, "Rooms", 13, "B")
        for room in rooms:
            _line(pdf, room.name, 11)
        pdf.ln(10)
    zone = days[0].start.tzname() if days else ""
    _line(pdf, f"All times are the venue's: {info.timezone} ({zone}).", 11)


def _blocks(day: ProgramDay) -> list[tuple[str | None, list[Session]]]:
    """The day as it is printed: each slot for the whole event on its own; the slots in
    rooms between two of those room by room (a room's name, then its slots)."""
    blocks: list[tuple[str | None, list[Session]]] = []
    pending: list[Session] = []

    def flush() -> None:
        rooms = [room for room in day.rooms if any(s.room == room for s in pending)]
        if len(rooms) > 1:
            blocks.extend((room.name, [s for s in pending if s.room == room]) for room in rooms)
        elif pending:
            blocks.append((None, list(pending)))
        pending.clear()

    for session in day.sessions:
        if session.room is None:
            flush()
            blocks.append((None, [session]))
        else:
            pending.append(session)
    flush()
    return blocks


def _day(pdf: Document, day: ProgramDay) -> None:
    _part(pdf, wording.day_heading(day.date))
    for room, sessions in _blocks(day):
        if room is not None:
            if pdf.space_left() < 120:
                pdf.add_page()
            pdf.ln(4)
            _line(pdf, room, 14, "B")
            pdf.ln(4)
        group = None
        for session in sessions:
            opens = session.group is not None and session.group is not group
            group = session.group
            _entry(pdf, session, room_shown=room is None, opens=opens)


def _when(session: Session, room_shown: bool) -> str:
    first, second = wording.time_range(session.start, session.end)
    parts = [f"{first}\u2013{second}", session.kind_label]
    if room_shown and session.room is not None:
        parts.append(session.room.name)
    return " \u00b7 ".join(parts)


def _people(pdf: Document, label: str, people: Sequence[Person], size: float, grey: bool = False) -> None:
    if people:
        _line(pdf, f"{label}{rtl_safe_list([p.display for p in people])}", size, grey=grey)


def _abstract(pdf: Document, text: str | None, size: float = 9.5) -> None:
    for paragraph in (text or "").split("\n\n"):
        if paragraph.strip():
            _line(pdf, " ".join(paragraph.split()), size, align="J")
            pdf.ln(2)


def _entry(pdf: Document, session: Session, *, room_shown: bool, opens: bool) -> None:
    if session.is_break:
        if pdf.space_left() < 20:
            pdf.add_page()
        first, second = wording.time_range(session.start, session.end)
        _line(pdf, f"{first}\u2013{second} \u00b7 {session.title}", 10, grey=True)
        pdf.ln(6)
        return
    if pdf.space_left() < 90:
        pdf.add_page()
    if opens and session.group is not None:
        chair = f" \u00b7 Chair: {session.group.chair.display}" if session.group.chair else ""
        _line(pdf, f"Session: {session.group.title}{chair}", 10, "B", grey=True)
    _line(pdf, _when(session, room_shown), 9.5, grey=True)
    _line(pdf, session.title, 12, "B")
    if session.presenter is not None and session.paper is not None:
        _people(pdf, "Presented by ", [session.presenter], 10.5)
        _people(pdf, "Authors: ", session.paper.authors, 9.5, grey=True)
    else:
        _people(pdf, "", session.speakers, 10.5)
    _people(pdf, "Panelists: ", session.panelists, 10.5)
    if session.paper is not None:
        pdf.ln(2)
        _abstract(pdf, session.paper.abstract)
    for paper, poster in session.posters:
        if paper is not None:
            _poster(pdf, paper, poster)
    pdf.ln(8)


def _poster(pdf: Document, paper: Paper, poster: Poster) -> None:
    if pdf.space_left() < 70:
        pdf.add_page()
    pdf.ln(4)
    board = f"Board {poster.board}: " if poster.board else ""
    _line(pdf, f"{board}{paper.title}", 10.5, "B")
    _people(pdf, "Presented by ", [presenter(paper, [poster.presenter])], 10)
    _people(pdf, "Authors: ", paper.authors, 9, grey=True)
    _abstract(pdf, paper.abstract, 9)


def _board_order(board: str) -> tuple:
    """Boards in the order a reader walks them: ``2`` before ``10``, ``A3`` before ``B1``."""
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.findall(r"\d+|\D+", board)
    )


def _boards(pdf: Document, days: list[ProgramDay]) -> int:
    """The poster boards of every poster slot, each with its paper and presenter; how many."""
    slots = [s for day in days for s in day.sessions if any(p.board for _, p in s.posters)]
    if not slots:
        return 0
    _part(pdf, "Poster boards")
    count = 0
    for session in slots:
        first, second = wording.time_range(session.start, session.end)
        where = f", {session.room.name}" if session.room else ""
        _line(
            pdf,
            f"{session.title}: {wording.date(session.start.date())}, {first}\u2013{second}{where}",
            12,
            "B",
        )
        pdf.ln(3)
        shown = [
            (paper, poster, poster.board)
            for paper, poster in session.posters
            if poster.board and paper is not None
        ]
        for paper, poster, board in sorted(shown, key=lambda entry: _board_order(entry[2])):
            if pdf.space_left() < 30:
                pdf.add_page()
            top = pdf.get_y()
            pdf.set_font("Serif", "B", 11)
            pdf.cell(70, 14, f"Board {board}")
            pdf.set_xy(pdf.l_margin + 70, top)
            who = presenter(paper, [poster.presenter]).name
            pdf.set_font("Serif", "", 10.5)
            pdf.multi_cell(0, 14, f"{paper.title} \u2014 {who}", align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
            count += 1
        pdf.ln(10)
    return count


def _committees(pdf: Document, workshop: WithSchedule) -> None:
    committees = workshop.people.committees if workshop.people else []
    if not committees:
        return
    _part(pdf, "Committees")
    for committee in committees:
        if pdf.space_left() < 60:
            pdf.add_page()
        _line(pdf, committee.title, 13, "B")
        pdf.ln(3)
        for person in committee.members:
            _line(pdf, person.display, 11)
        pdf.ln(12)
