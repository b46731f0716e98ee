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

from workshop.core.model import Paper, Person, Slot, Workshop

#: How a reader is told what kind of slot this is.
KIND_LABELS = {
    "opening": "Opening",
    "invited": "Invited talk",
    "paper": "Paper talk",
    "break": "Break",
    "lunch": "Lunch",
    "panel": "Panel",
    "closing": "Closing",
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
    #: Who gives it: the slot's speakers, or for a paper talk without any, the paper's authors.
    speakers: list[Person]
    panelists: list[Person]

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
    sessions: list[Session]

    @property
    def start(self) -> dt.datetime:
        return self.sessions[0].start

    @property
    def end(self) -> dt.datetime:
        return max(s.end for s in self.sessions)


def program(workshop: Workshop) -> list[ProgramDay]:
    """The days of ``schedule.yaml`` with every slot resolved (needs info and schedule)."""
    assert workshop.info is not None and workshop.schedule is not None
    tz = workshop.info.tz
    papers = workshop.papers
    used: set[str] = set()
    days = []
    for day in workshop.schedule.days:
        sessions = []
        for slot in day.slots:
            start, end = slot.interval(day.date, tz)
            paper = papers.paper(slot.paper) if slot.paper and papers else None
            key = slot.id or slot.paper or f"{day.date:%Y%m%d}-{start:%H%M}"
            if key in used:  # the same paper twice, or an id that is also a paper's
                key = f"{key}-{day.date:%Y%m%d}-{start:%H%M}"
            used.add(key)
            sessions.append(
                Session(
                    slot=slot,
                    key=key,
                    start=start,
                    end=end,
                    title=paper.title if paper else (slot.title or KIND_LABELS[slot.kind]),
                    paper=paper,
                    # A paper talk lists its authors unless the slot names who presents.
                    speakers=list(slot.speakers or (paper.authors if paper else [])),
                    panelists=list(slot.panelists),
                )
            )
        days.append(ProgramDay(day.date, sessions))
    return days
