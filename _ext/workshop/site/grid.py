"""A day with parallel sessions as one table whose columns are its rooms.

The first column is the time (a row header); then a column per room the day uses, in
the order of ``rooms``.  A row starts wherever a slot starts: each slot sits in its
room's column at the row where it begins and spans the rows until it ends (so talks of
different lengths stand side by side as they happen), and a slot without a room -- for
the whole event: a keynote, lunch -- is a row of its own across every room.  A room with
nothing on at that time has an empty cell.  Each slot's cell carries its own times,
calendar link and anchor (``#slot-<key>``), and its room's name for a phone, where the
stylesheet stands the columns one under another in time order (screen readers hear the
room from the column's header instead).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from docutils import nodes

from workshop.core import wording
from workshop.core.program import ProgramDay, Session
from workshop.site import slots
from workshop.site.domain import slot_anchor

#: The time column's share of the width (percent); the rooms share the rest.
TIME_WIDTH = 14


#: What changed of a slot since the program was published, as its cell shows it.
Mark = Callable[[Session], list[nodes.Node]]


def rooms_table(day: ProgramDay, mark: Mark) -> nodes.table:
    rooms = day.rooms
    table = nodes.table(classes=["workshop-schedule", "workshop-rooms", "colwidths-given"])
    table += nodes.title("", f"Program, {wording.date(day.date)}")
    group = nodes.tgroup(cols=1 + len(rooms))
    table += group
    group += nodes.colspec(colwidth=TIME_WIDTH, stub=1)
    for _ in rooms:
        group += nodes.colspec(colwidth=(100 - TIME_WIDTH) // len(rooms))
    head = nodes.thead()
    group += head
    header = nodes.row()
    for text in ["Time", *(room.name for room in rooms)]:
        header += nodes.entry("", nodes.paragraph("", text))
    head += header
    body = nodes.tbody()
    group += body

    # The rows: each time a room's slot starts (one row for all rooms), and each slot for
    # the whole event (a row of its own).
    rows: list[tuple[dt.datetime, Session | None]] = []
    for session in day.sessions:
        if session.room is None:
            rows.append((session.start, session))
        elif not any(start == session.start and whole is None for start, whole in rows):
            rows.append((session.start, None))
    openers = slots.session_openers(day.sessions)
    for index, (start, whole) in enumerate(rows):
        if whole is not None:
            body += _whole_event_row(whole, len(rooms), id(whole) in openers, mark(whole))
            continue
        row = nodes.row(classes=["workshop-rooms-row"])
        row += nodes.entry("", nodes.paragraph("", "", _start_node(start)), classes=["workshop-time"])
        later = [row_start for row_start, _ in rows[index + 1 :]]
        for room in rooms:
            here = next((s for s in day.sessions if s.room == room and s.start == start), None)
            if here is not None:
                row += _room_cell(here, room.name, later, id(here) in openers, mark(here))
            elif not any(s.room == room and s.start < start < s.end for s in day.sessions):
                row += nodes.entry("", classes=["workshop-empty"])  # nothing on in this room
        body += row
    return table


def _start_node(start: dt.datetime) -> nodes.Node:
    clock = wording.clock(start.hour * 60 + start.minute)
    return slots.slot_time("", f"{clock} {start.tzname()}", datetime=start.isoformat())


def _room_cell(
    session: Session, room: str, later: list[dt.datetime], opens_session: bool, mark: list[nodes.Node]
) -> nodes.entry:
    """A slot in its room's column, spanning the rows that start before it ends."""
    classes = [f"workshop-slot-{session.kind}", "workshop-room-slot"] + (["workshop-changed"] if mark else [])
    if session.group:
        classes.append("workshop-in-session")
    entry = nodes.entry(classes=classes, ids=[slot_anchor(session.key)])
    spans = sum(1 for start in later if start < session.end)
    if spans:
        entry["morerows"] = spans
    when = nodes.paragraph("", "", classes=["workshop-slot-time"])
    when += slots.room_label("", room, classes=["workshop-room-label"])
    when += slots.time_nodes(session)
    when += slots.calendar_nodes(session)
    entry += when
    what = slots.what_nodes(session, opens_session=opens_session, room_shown=False, mark=mark)
    entry += nodes.paragraph("", "", *what, classes=["workshop-slot-what"])
    who = slots.who_nodes(session)
    if who:
        entry += nodes.paragraph("", "", *who, classes=["workshop-speakers"])
    return entry


def _whole_event_row(session: Session, rooms: int, opens_session: bool, mark: list[nodes.Node]) -> nodes.row:
    """A slot for the whole event: its time, then what it is and who gives it across every room."""
    classes = [f"workshop-slot-{session.kind}", "workshop-whole-event"] + (
        ["workshop-changed"] if mark else []
    )
    if session.group:
        classes.append("workshop-in-session")
    row = nodes.row(classes=classes, ids=[slot_anchor(session.key)])
    row += nodes.entry(
        "",
        nodes.paragraph("", "", *slots.time_nodes(session), *slots.calendar_nodes(session)),
        classes=["workshop-time"],
    )
    cell = nodes.entry(classes=["workshop-session"])
    if rooms > 1:
        cell["morecols"] = rooms - 1
    what = slots.what_nodes(session, opens_session=opens_session, room_shown=False, mark=mark)
    cell += nodes.paragraph("", "", *what)
    who = slots.who_nodes(session)
    if who:
        cell += nodes.paragraph("", "", *who, classes=["workshop-speakers"])
    row += cell
    return row
