"""No double-booked people: the program's checks of who is where.

Everyone the program puts somewhere is in a slot: its speakers, a paper talk's presenter
(:mod:`workshop.core.presenting`: not every author, so co-authors may be elsewhere), its
panelists, the presenter at each poster's board, and the chair of the slot's session.
The data check refuses, each at its line in ``schedule.yaml`` (``papers.yaml`` for a
paper's presenter):

* ``double-booking``: a person in two slots at once (two rooms: slots in one room cannot
  overlap), among them a chair chairing two sessions that overlap;
* ``chair-speaks``: a chair speaking or presenting in their own session, unless the
  session says ``chair_may_speak: true``;
* ``presented-twice``: a paper on two slots (a talk, a poster) unless all but one are
  marked ``again: true``;
* ``unknown-reference``: a presenter who is not one of the paper's authors.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator

from workshop.core import wording
from workshop.core.model import Paper, Papers, ProgramSession, Schedule, Slot
from workshop.core.presenting import author_named, person_key, presenter
from workshop.core.problems import Problem
from workshop.core.yamlfile import Path_, Source


@dataclasses.dataclass(frozen=True)
class Part:
    """One person's part in one slot: who (their key and name), what they do there, and
    where the data says so."""

    key: str
    name: str
    role: str
    path: Path_
    chair: ProgramSession | None = None  # the session they chair (a chair's part)


@dataclasses.dataclass(frozen=True)
class Placed:
    """A slot of the program with when and where it is, and who is in it."""

    slot: Slot
    date: dt.date
    path: Path_
    room: str | None
    parts: tuple[Part, ...]

    def meets(self, other: Placed) -> bool:
        """Whether the two run at the same time in two rooms (slots sharing a room, or one for
        the whole event, must not overlap at all: ``slot-order`` says so)."""
        return (
            self.room is not None
            and other.room is not None
            and self.room != other.room
            and self.date == other.date
            and self.slot.start < other.slot.end
            and other.slot.start < self.slot.end
        )

    def when(self, schedule: Schedule) -> str:
        """``May 17, 2024, 10:00 AM in Room 209``: when and where, as a message says it."""
        room = schedule.room(self.room)
        where = f" in {room.name}" if room else (" (for the whole event)" if schedule.rooms else "")
        return f"{wording.date(self.date)}, {wording.clock(self.slot.start)}{where}"


def _title(slot: Slot, papers: Papers | None) -> str:
    paper = papers.paper(slot.paper) if papers and slot.paper else None
    return paper.title if paper else (slot.title or slot.kind)


def _parts(schedule: Schedule, slot: Slot, here: Path_, papers: Papers | None) -> Iterator[Part]:
    for i, person in enumerate(slot.speakers):
        yield Part(person_key(person.name), person.name, "speaks", (*here, "speakers", i))
    paper = papers.paper(slot.paper) if papers and slot.paper else None
    if paper is not None and not slot.speakers:
        path = (*here, "presenter") if slot.presenter else (*here, "paper")
        who = presenter(paper, [slot.presenter])
        yield Part(person_key(who.name), who.name, f"presents {paper.title!r}", path)
    for i, person in enumerate(slot.panelists):
        yield Part(person_key(person.name), person.name, "is on the panel", (*here, "panelists", i))
    for i, poster in enumerate(slot.posters):
        shown = papers.paper(poster.paper) if papers else None
        if shown is not None:
            who = presenter(shown, [poster.presenter])
            path = (*here, "posters", i, "presenter" if poster.presenter else "paper")
            yield Part(person_key(who.name), who.name, f"presents the poster {shown.title!r}", path)
    session = schedule.session(slot.session)
    if session is not None and session.chair is not None:
        role = f"chairs the session {session.title!r}"
        yield Part(person_key(session.chair.name), session.chair.name, role, (*here, "session"), session)


def placed(schedule: Schedule, papers: Papers | None) -> list[Placed]:
    """Every slot of the program with its people, in the file's order."""
    found = []
    for d, day in enumerate(schedule.days):
        for s, slot in enumerate(day.slots):
            here: Path_ = ("days", d, "slots", s)
            parts = tuple(_parts(schedule, slot, here, papers))
            found.append(Placed(slot, day.date, here, slot.room, parts))
    return found


def check(schedule: Schedule, source: Source, papers: Papers | None) -> Iterator[Problem]:
    slots = placed(schedule, papers)
    yield from _presenters(schedule, source, papers)
    yield from _double_bookings(schedule, source, slots)
    yield from _chairs_speaking(schedule, source, slots)
    yield from _presented_twice(schedule, source, papers, slots)


def _double_bookings(schedule: Schedule, source: Source, slots: list[Placed]) -> Iterator[Problem]:
    """Each person's slots in time order, each compared with those it overlaps: one problem
    per pair of slots (per pair of sessions for a chair)."""
    by_person: dict[str, list[tuple[Placed, Part]]] = {}
    for where in slots:
        for part in where.parts:
            by_person.setdefault(part.key, []).append((where, part))
    said: set[tuple] = set()
    for entries in by_person.values():
        for i, (first, one) in enumerate(entries):
            for second, other in entries[i + 1 :]:
                if first is second or not first.meets(second):
                    continue
                if one.chair is not None and other.chair is not None:
                    pair: tuple = (one.key, one.chair.id, other.chair.id)
                else:
                    pair = (one.key, id(first), id(second))
                if pair in said:
                    continue
                said.add(pair)
                yield _booked_twice(schedule, source, (first, one), (second, other))


def _booked_twice(
    schedule: Schedule, source: Source, earlier: tuple[Placed, Part], later: tuple[Placed, Part]
) -> Problem:
    (first, one), (second, other) = earlier, later
    line = source.line(one.path)
    if one.chair is not None and other.chair is not None:
        return source.problem(
            other.path,
            f"{other.name} {other.role} here ({second.when(schedule)}) and {one.role}, which runs at the "
            f"same time ({first.when(schedule)}, line {line}): a chair chairs one session at a time; name "
            "another chair for one of them, or move a slot",
            "double-booking",
        )
    return source.problem(
        other.path,
        f"{other.name} {other.role} here ({second.when(schedule)}) and {one.role} at the same time "
        f"({first.when(schedule)}, line {line}): nobody can be in two rooms at once; move one of the slots, "
        "or name someone else (a paper's presenter: presenter: <one of its authors>)",
        "double-booking",
    )


def _chairs_speaking(schedule: Schedule, source: Source, slots: list[Placed]) -> Iterator[Problem]:
    for where in slots:
        session = schedule.session(where.slot.session)
        if session is None or session.chair is None or session.chair_may_speak:
            continue
        chair = person_key(session.chair.name)
        for part in where.parts:
            if part.key == chair and part.chair is None:
                index = schedule.sessions.index(session)
                yield source.problem(
                    part.path,
                    f"{part.name} chairs the session {session.title!r} and {part.role} in it: a chair "
                    "introduces the speakers and keeps the time; name another chair, or, if the chair "
                    f"speaks on purpose, write chair_may_speak: true under the session (line "
                    f"{source.line(('sessions', index, 'id'))})",
                    "chair-speaks",
                )


def _presented_twice(
    schedule: Schedule, source: Source, papers: Papers | None, slots: list[Placed]
) -> Iterator[Problem]:
    """A paper on several slots: all but one marked ``again: true``."""
    shown: dict[str, list[tuple[Placed, Path_, bool]]] = {}
    for where in slots:
        slot = where.slot
        if slot.paper is not None:
            shown.setdefault(slot.paper, []).append((where, (*where.path, "paper"), slot.again))
        for i, poster in enumerate(slot.posters):
            shown.setdefault(poster.paper, []).append(
                (where, (*where.path, "posters", i, "paper"), poster.again)
            )
    for paper_id, places in shown.items():
        places.sort(key=lambda entry: (entry[0].date, entry[0].slot.start))
        unmarked = [entry for entry in places if not entry[2]]
        paper = papers.paper(paper_id) if papers else None
        title = repr(paper.title) if paper else repr(paper_id)
        for where, path, _ in unmarked[1:]:
            first, first_path, _ = unmarked[0]
            yield source.problem(
                path,
                f"{title} is presented here ({where.when(schedule)}) and already at {first.when(schedule)} "
                f"(line {source.line(first_path)}): a paper is presented once; if it is presented twice on "
                "purpose (a talk and a poster), write again: true on one of them",
                "presented-twice",
            )


def _presenters(schedule: Schedule, source: Source, papers: Papers | None) -> Iterator[Problem]:
    """A slot's or a poster entry's presenter: one of the paper's authors, on a paper talk."""
    for d, day in enumerate(schedule.days):
        for s, slot in enumerate(day.slots):
            here: Path_ = ("days", d, "slots", s)
            if slot.presenter and (slot.kind != "paper" or slot.speakers):
                yield source.problem(
                    (*here, "presenter"),
                    "names the presenter of a paper talk (one of its paper's authors): on a slot with "
                    "speakers, or of another kind, name who gives it under speakers instead",
                )
            elif slot.presenter and papers and slot.paper and (paper := papers.paper(slot.paper)):
                yield from _author_check(source, (*here, "presenter"), slot.presenter, paper)
            if slot.again and slot.kind != "paper":
                yield source.problem(
                    (*here, "again"),
                    "marks a paper presented again: only a paper talk or a poster's entry (under posters) has it",
                )
            for i, poster in enumerate(slot.posters):
                paper = papers.paper(poster.paper) if papers else None
                if poster.presenter and paper is not None:
                    yield from _author_check(
                        source, (*here, "posters", i, "presenter"), poster.presenter, paper
                    )


def check_papers(papers: Papers, source: Source) -> Iterator[Problem]:
    """A paper's own presenter: one of its authors."""
    for i, paper in enumerate(papers.papers):
        if paper.presenter:
            yield from _author_check(source, ("papers", i, "presenter"), paper.presenter, paper)


def _author_check(source: Source, path: Path_, name: str, paper: Paper) -> Iterator[Problem]:
    if author_named(paper, name) is None:
        names = ", ".join(author.name for author in paper.authors)
        yield source.problem(
            path,
            f"{name!r} is not an author of {paper.title!r} ({names}): name one of them as written there, "
            "or name who gives the talk under the slot's speakers",
            "unknown-reference",
        )
