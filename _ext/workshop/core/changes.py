"""What changed in the program since it was published (``published.yaml``).

Each slot is known by its stable key (:mod:`workshop.core.program`), so a slot that moves
or is retitled is the same event before and after.  :func:`history` compares the program
with the last record (moved, room changed, added, cancelled, retitled: what the program
page shows at its top and marks on each slot) and follows every slot through all the
records and the current data, for the calendars: ``SEQUENCE`` is how often its event
changed after it was first published (a cancellation and a return count), and
``LAST-MODIFIED`` the record that gave it its present state, or the build's own date
(``SOURCE_DATE_EPOCH``) for a change not yet recorded.  Same data, same answer.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from workshop.core import wording
from workshop.core.program import ProgramDay, Session
from workshop.core.published import Published, Record, RecordedSlot


def said(moment: dt.datetime) -> str:
    """``June 1, 2023``: a record's date as a page says it (its day in UTC)."""
    return wording.date(moment.astimezone(dt.UTC).date())


#: What a change to a slot may be, in the order a page says them.
WHAT = ("added", "moved", "room", "retitled", "cancelled")


def recorded(session: Session) -> RecordedSlot:
    """A slot as a record keeps it."""
    slot = session.slot
    return RecordedSlot(
        key=session.key,
        day=session.start.date(),
        start=slot.start,
        end=slot.end,
        room=session.room.id if session.room else None,
        kind=slot.kind,
        title=session.title,
    )


def snapshot(days: list[ProgramDay]) -> list[RecordedSlot]:
    """The program as a record keeps it, slot by slot in time order."""
    return [recorded(session) for day in days for session in day.sessions]


@dataclasses.dataclass(frozen=True)
class SlotChange:
    """How one slot differs from the last record: ``what`` (of :data:`WHAT`), the slot as
    recorded (None for one added) and as it is now (None for one cancelled), and the day it
    is about (where the slot is now, else where it was)."""

    key: str
    what: tuple[str, ...]
    before: RecordedSlot | None
    now: Session | None
    day: dt.date


@dataclasses.dataclass(frozen=True)
class Event:
    """A slot's calendar event across the records: ``sequence`` (RFC 5545's SEQUENCE) and
    ``modified`` (LAST-MODIFIED; None: changed since the last record, so the build's date)."""

    sequence: int = 0
    modified: dt.datetime | None = None


@dataclasses.dataclass(frozen=True)
class History:
    """The program against its records; empty (``since`` None) without ``published.yaml``."""

    since: dt.datetime | None = None
    changes: tuple[SlotChange, ...] = ()
    events: dict[str, Event] = dataclasses.field(default_factory=dict)
    #: Slots of the last record that are gone: their calendar events are cancelled.
    cancelled: tuple[RecordedSlot, ...] = ()

    def change(self, key: str) -> SlotChange | None:
        return next((c for c in self.changes if c.key == key), None)

    def event(self, key: str) -> Event:
        return self.events.get(key, Event())


def _what(before: RecordedSlot | None, now: RecordedSlot) -> tuple[str, ...]:
    if before is None:
        return ("added",)
    found = []
    if (before.day, before.start, before.end) != (now.day, now.start, now.end):
        found.append("moved")
    if before.room != now.room:
        found.append("room")
    if before.title != now.title:
        found.append("retitled")
    return tuple(found)


def _event(key: str, records: list[Record], now: RecordedSlot | None) -> Event:
    """Follow a slot from record to record, then to the data."""
    sequence, modified, seen = 0, None, False
    previous: tuple | None = None
    states = [(r.published, (s.state if (s := r.slot(key)) else None)) for r in records]
    for moment, state in [*states, (None, now.state if now else None)]:
        if state != previous:
            sequence += seen  # a change after the event was first published
            modified = moment
        seen = seen or state is not None
        previous = state
    return Event(sequence, modified)


def history(published: Published | None, days: list[ProgramDay]) -> History:
    """The program ``days`` against ``published``'s records."""
    if published is None:
        return History()
    last = published.last
    sessions = [session for day in days for session in day.sessions]
    now = {session.key: recorded(session) for session in sessions}
    changes = []
    for session in sessions:
        what = _what(last.slot(session.key), now[session.key])
        if what:
            changes.append(
                SlotChange(session.key, what, last.slot(session.key), session, session.start.date())
            )
    cancelled = tuple(slot for slot in last.slots if slot.key not in now)
    changes += [SlotChange(slot.key, ("cancelled",), slot, None, slot.day) for slot in cancelled]
    keys = [*now, *(slot.key for slot in cancelled)]
    events = {key: _event(key, published.records, now.get(key)) for key in keys}
    return History(last.published, tuple(changes), events, cancelled)
