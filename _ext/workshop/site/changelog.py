"""What changed since the program was published, on the program page
(:mod:`workshop.core.changes`): a box above the tables with the record's date and each
change (a slot moved, in another room, added, cancelled, retitled), each linking its slot's
row; and on each changed slot a badge and what it was.  Without ``published.yaml`` there is
neither.  Everything is docutils nodes, so the data's text is escaped by the writer.
"""

from __future__ import annotations

import datetime as dt

from docutils import nodes
from sphinx import addnodes

from workshop.core import wording
from workshop.core.changes import History, SlotChange, said
from workshop.core.program import Session
from workshop.core.published import RecordedSlot


def _span(start: dt.datetime, end: dt.datetime, day: bool) -> str:
    first, second = wording.time_range(start, end)
    when = f"{first}\u2013{second}"
    return f"{wording.short_date(start)}, {when}" if day else when


def _room(slot: RecordedSlot, rooms: dict[str, str]) -> str:
    return rooms.get(slot.room, slot.room) if slot.room else "no room (the whole event)"


def what_changed(change: SlotChange, tz: dt.tzinfo, rooms: dict[str, str]) -> str:
    """``moved to June 8, 10:00–10:25 AM EDT (was 9:20–9:45 AM EDT); now in Ballroom E
    (was Room 209)``: a change in words."""
    before, now = change.before, change.now
    if now is None:
        assert before is not None
        start, end = before.interval(tz)
        return f"cancelled (was {_span(start, end, True)}" + (
            f", {_room(before, rooms)})" if before.room else ")"
        )
    if before is None:
        where = f", {now.room.name}" if now.room else ""
        return f"added: {_span(now.start, now.end, True)}{where}"
    parts = []
    start, end = before.interval(tz)
    if "moved" in change.what:
        other_day = start.date() != now.start.date()
        parts.append(f"moved to {_span(now.start, now.end, True)} (was {_span(start, end, other_day)})")
    if "room" in change.what:
        parts.append(
            f"now in {now.room.name if now.room else 'no room (the whole event)'} (was {_room(before, rooms)})"
        )
    if "retitled" in change.what:
        parts.append(f"retitled (was \u201c{before.title}\u201d)")
    return "; ".join(parts)


def changes_box(history: History, tz: dt.tzinfo, rooms: dict[str, str]) -> list[nodes.Node]:
    """The box above the program: the changes since the last record, or that there is none."""
    if history.since is None:
        return []
    box = nodes.container(classes=["workshop-changes"])
    date = said(history.since)
    if not history.changes:
        box += nodes.paragraph("", f"No change since the program was published on {date}.")
        return [box]
    count = len(history.changes)
    box += nodes.paragraph(
        "",
        f"{count} change{'s' if count > 1 else ''} since the program was published on {date}:",
        classes=["workshop-changes-title"],
    )
    items = nodes.bullet_list()
    for change in history.changes:
        para = nodes.paragraph()
        title = change.now.title if change.now else (change.before.title if change.before else change.key)
        if change.now is not None:
            para += addnodes.pending_xref(
                "",
                nodes.inline("", title),
                refdomain="workshop",
                reftype="slot",
                reftarget=change.key,
                refexplicit=True,
            )
        else:
            para += nodes.inline("", title)
        para += nodes.Text(f": {what_changed(change, tz, rooms)}")
        items += nodes.list_item("", para)
    box += items
    return [box]


def slot_mark(change: SlotChange | None, tz: dt.tzinfo, rooms: dict[str, str]) -> list[nodes.Node]:
    """A changed slot's badge ("New", "Changed") and what it was, for its row."""
    if change is None or change.now is None:
        return []
    word = "New" if change.before is None else "Changed"
    mark = nodes.inline("", "", classes=["workshop-change-mark"])
    mark += nodes.strong("", word, classes=["workshop-badge", "workshop-badge-changed"])
    if change.before is not None:
        mark += nodes.Text(f" {what_changed(change, tz, rooms)}")
    return [mark, nodes.Text(" ")]


def marked(session: Session, history: History) -> bool:
    change = history.change(session.key)
    return change is not None and change.now is not None
