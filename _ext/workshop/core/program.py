"""The program as readers and apps see it: each slot resolved against the papers.

``schedule.yaml`` says when a slot is and what kind it is; a paper talk names its
paper, whose title and authors live in ``papers.yaml``.  :func:`program` joins the
two once, so the program table and every export (iCalendar, frab XML, c3voc JSON)
print the same title, the same people and the same instants, and agree on the one
stable key of each slot (which anchors, UIDs and GUIDs are made from).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from workshop.core.load import WithSchedule
from workshop.core.materials import Item, items
from workshop.core.model import Paper, Person, Poster, ProgramSession, Room, Slot
from workshop.core.presenting import presenter

#: How a reader is told what kind of slot this is.
KIND_LABELS = {
    "opening": "Opening",
    "invited": "Invited talk",
    "paper": "Paper talk",
    "break": "Break",
    "lunch": "Lunch",
    "panel": "Panel",
    "closing": "Closing",
    "poster": "Posters",
}


@dataclasses.dataclass(frozen=True)
class Session:
    """One slot of the program, with everything a renderer needs resolved."""

    slot: Slot
    #: Stable within the program: the slot's ``id``, else its paper's id, else
    #: ``<yyyymmdd>-<hhmm>`` (so inserting a slot renumbers nothing).
    key: str
    start: dt.datetime
    end: dt.datetime
    title: str
    paper: Paper | None
    #: Who gives it: the slot's speakers, or for a paper talk without any, the paper's presenter.
    speakers: list[Person]
    panelists: list[Person]
    #: The room it is held in; ``None``: the whole event's (a plenary, or a program without rooms).
    room: Room | None = None
    #: The session of ``sessions`` it belongs to.
    group: ProgramSession | None = None
    #: For a poster slot: each paper shown (``None`` where ``papers.yaml`` lacks it) with its entry.
    posters: list[tuple[Paper | None, Poster]] = dataclasses.field(default_factory=list)
    #: The talk's materials: the slot's, then (a paper talk's) its paper's for the kinds the slot lacks.
    materials: list[Item] = dataclasses.field(default_factory=list)

    @property
    def presenter(self) -> Person | None:
        """A paper talk's presenter, when the slot names no speakers of its own."""
        return self.speakers[0] if self.paper is not None and not self.slot.speakers else None

    @property
    def kind(self) -> str:
        return self.slot.kind

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.slot.kind]

    @property
    def is_break(self) -> bool:
        return self.slot.is_break

    @property
    def minutes(self) -> int:
        return self.slot.end - self.slot.start

    @property
    def people(self) -> list[Person]:
        """Everyone on stage: speakers, then panelists."""
        return [*self.speakers, *self.panelists]


@dataclasses.dataclass(frozen=True)
class ProgramDay:
    date: dt.date
    #: In time order; slots starting together in the order of ``rooms``.
    sessions: list[Session]
    #: The rooms this day's slots name, in the order of ``rooms``.
    rooms: list[Room] = dataclasses.field(default_factory=list)

    @property
    def parallel(self) -> bool:
        """Whether two slots of the day run at the same time (in different rooms)."""
        return any(
            a.start < b.end and b.start < a.end
            for i, a in enumerate(self.sessions)
            for b in self.sessions[i + 1 :]
        )

    @property
    def start(self) -> dt.datetime:
        return self.sessions[0].start

    @property
    def end(self) -> dt.datetime:
        return max(s.end for s in self.sessions)


def program(workshop: WithSchedule) -> list[ProgramDay]:
    """The days of ``schedule.yaml`` with every slot resolved."""
    tz = workshop.info.tz
    schedule = workshop.schedule
    papers = workshop.papers
    rooms = {room.id: i for i, room in enumerate(schedule.rooms)}
    used: set[str] = set()
    days = []
    for day in schedule.days:
        sessions = []
        for slot in day.slots:
            start, end = slot.interval(day.date, tz)
            paper = papers.paper(slot.paper) if slot.paper and papers else None
            room = schedule.room(slot.room)
            at = f"{day.date:%Y%m%d}-{start:%H%M}" + (f"-{room.id}" if room else "")
            key = slot.id or slot.paper or at
            if key in used:  # the same paper twice, or an id that is also a paper's
                key = f"{key}-{at}"
            taken, number = key, 2
            while key in used:  # still taken: the same paper twice at one time, in two rooms
                key, number = f"{taken}-{number}", number + 1
            used.add(key)
            sessions.append(
                Session(
                    slot=slot,
                    key=key,
                    start=start,
                    end=end,
                    title=paper.title if paper else (slot.title or KIND_LABELS[slot.kind]),
                    paper=paper,
                    # A paper talk is given by its presenter unless the slot names its speakers.
                    speakers=list(slot.speakers or ([presenter(paper, [slot.presenter])] if paper else [])),
                    panelists=list(slot.panelists),
                    room=room,
                    group=schedule.session(slot.session),
                    posters=[(papers.paper(p.paper) if papers else None, p) for p in slot.posters],
                    materials=items(
                        [(slot.links, f"slot-{key}"), (paper.links if paper else None, f"paper-{slot.paper}")]
                    ),
                )
            )
        # Time order (the file lists each room's slots in order, not the rooms' together).
        sessions.sort(key=lambda s: (s.start, rooms.get(s.room.id, -1) if s.room else -1))
        used_rooms = {s.room.id for s in sessions if s.room}
        days.append(ProgramDay(day.date, sessions, [r for r in schedule.rooms if r.id in used_rooms]))
    return days
