"""What every export shares: where the site puts things, and ids that stay put.

Conference apps and calendars remember events by id: a reader's starred talk or
imported calendar entry must survive the organizers inserting a slot or fixing a
title.  So every id here is derived from the slot's stable key (see
:mod:`workshop.core.program`) with :func:`uuid.uuid5`, never from a position, a clock
or a random number, and the same data always gives the same bytes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import math
import re
import uuid
from collections.abc import Mapping

from workshop.core import wording
from workshop.core.load import WithSchedule
from workshop.core.model import Person, Room, WorkshopInfo
from workshop.core.program import ProgramDay, Session, program

#: frab/c3voc event ``type`` of each slot kind (their examples: talk, discussion, other...).
EVENT_TYPES = {
    "opening": "other",
    "invited": "talk",
    "paper": "talk",
    "break": "break",
    "lunch": "break",
    "panel": "discussion",
    "closing": "other",
    "poster": "other",
}

#: The c3voc link type (frab's ``type``) of each kind of a talk's materials.
LINK_TYPES = {
    "slides": "slides",
    "poster": "related",
    "video": "media",
    "code": "web",
    "data": "related",
    "supplementary": "related",
}


@dataclasses.dataclass(frozen=True)
class Site:
    """Where the built site puts the pages an export links to, and when it was made."""

    #: DTSTAMP of calendar entries: when the feed was made (aware, any zone).
    stamp: dt.datetime
    #: The site's public address ending in ``/`` (Sphinx's ``html_baseurl``), or
    #: ``None``: links are then relative to the folder the exports sit in.
    base_url: str | None = None
    #: Program day -> the page showing it, relative to the site's root.
    program_pages: Mapping[dt.date, str] = dataclasses.field(default_factory=dict)
    #: Paper id -> its entry on the accepted-papers page (``papers.html#paper-x``).
    paper_pages: Mapping[str, str] = dataclasses.field(default_factory=dict)
    #: The language talks are given in (Sphinx's ``language``).
    language: str = "en"
    #: Page for a day no page shows (the site's home).
    home: str = "index.html"

    def url(self, path: str) -> str:
        """``path`` (relative to the site's root) as the exports write it."""
        return f"{self.base_url}{path}" if self.base_url else path

    def absolute(self, path: str) -> str | None:
        """``path`` as an absolute URL, or ``None`` when the site's address is unknown."""
        return f"{self.base_url}{path}" if self.base_url else None

    def slot_page(self, session: Session) -> str:
        """The program row of ``session``: ``program.html#slot-<key>``."""
        page = self.program_pages.get(session.start.date())
        return f"{page}#slot-{session.key}" if page else self.home


def namespace(info: WorkshopInfo) -> uuid.UUID:
    """The UUID namespace of one edition's ids (its acronym carries the year)."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"workshop:{info.acronym}")


def slot_guid(info: WorkshopInfo, key: str) -> uuid.UUID:
    """The id of the slot ``key`` in every export: a calendar's UID, an app's GUID."""
    return uuid.uuid5(namespace(info), f"slot:{key}")


def session_guid(info: WorkshopInfo, session: Session) -> uuid.UUID:
    return slot_guid(info, session.key)


def person_guid(info: WorkshopInfo, person: Person) -> uuid.UUID:
    """By e-mail as the c3voc schema asks (``uuid5(NAMESPACE_URL, 'acct:' + email)``),
    else by name within the edition."""
    if person.email:
        return uuid.uuid5(uuid.NAMESPACE_URL, f"acct:{person.email}")
    return uuid.uuid5(namespace(info), f"person:{person.name}")


def room(info: WorkshopInfo, place: Room | None = None) -> tuple[str, uuid.UUID]:
    """The apps' room of a slot: its room of ``rooms``, or for a slot without one (a plenary,
    or a program without rooms) the whole event's, named after the venue (after the
    workshop when no venue is given)."""
    if place is not None:
        return place.name, uuid.uuid5(namespace(info), f"room:{place.id}")
    return (info.venue.name if info.venue else info.short_name), uuid.uuid5(namespace(info), "room")


def day_rooms(info: WorkshopInfo, day: ProgramDay) -> list[tuple[str, uuid.UUID, list[Session]]]:
    """The rooms of a day with their slots (name, GUID, slots): the whole event's first when a
    slot has no room, then the day's rooms in the order of ``rooms``."""
    found = []
    if any(session.room is None for session in day.sessions):
        found.append((*room(info), [s for s in day.sessions if s.room is None]))
    for place in day.rooms:
        found.append((*room(info, place), [s for s in day.sessions if s.room == place]))
    return found


def where(info: WorkshopInfo, session: Session) -> str:
    """The place of a slot as calendars name it: ``Room 2001, Moscone Center West, ...``."""
    return wording.location(info.venue, session.room)


def slug(info: WorkshopInfo, session: Session) -> str:
    """``mlbench23-liu-time-variations``: both formats' slug rules (a part of four or
    more on each side of the first ``-``; ends in a letter or digit)."""
    key = re.sub(r"[^a-z0-9_-]", "", session.key.lower()).strip("-_") or "slot"
    if len(key) < 4:
        key = f"slot-{key}"
    return f"{info.acronym}-{key}"


def hhmm(minutes: int) -> str:
    """Minutes as ``01:30``, the formats' duration and start notation."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def timeslot_minutes(days: list[ProgramDay]) -> int:
    """The grid every slot sits on: the largest step dividing every start and length."""
    step = 0
    for day in days:
        for session in day.sessions:
            step = math.gcd(step, session.slot.start, session.minutes)
    return step or 5


def version(workshop: WithSchedule) -> str:
    """Changes whenever anything the schedule shows may have (apps compare it)."""
    digest = hashlib.sha256()
    for part in (workshop.info, workshop.schedule, workshop.papers):
        digest.update(part.model_dump_json().encode() if part is not None else b"-")
    return digest.hexdigest()[:12]


def tracks(days: list[ProgramDay]) -> dict[str, str]:
    """The kinds of slot the program has, in order of appearance: the formats' tracks."""
    return {session.kind: session.kind_label for day in days for session in day.sessions}


def description(session: Session, place: str = "") -> str:
    """The session it belongs to and its chair, who is on stage with affiliations (the
    formats' person lists carry names only), the posters, and ``place`` (for the apps,
    whose rooms carry no address)."""
    lines = []
    if session.group is not None:
        chair = f" (chair: {session.group.chair.display})" if session.group.chair else ""
        lines.append(f"Session: {session.group.title}{chair}")
    if session.presenter is not None and session.paper is not None:
        lines.append(f"Presenter: {session.presenter.display}")
        lines.append("Authors: " + ", ".join(p.display for p in session.paper.authors))
    elif session.speakers:
        lines.append("Speakers: " + ", ".join(p.display for p in session.speakers))
    if session.panelists:
        lines.append("Panelists: " + ", ".join(p.display for p in session.panelists))
    for paper, poster in session.posters:
        board = f"Board {poster.board}: " if poster.board else ""
        shown = f"{paper.title} ({', '.join(a.name for a in paper.authors)})" if paper else poster.paper
        lines.append(f"Poster: {board}{shown}")
    if place:
        lines.append(f"Where: {place}")
    return "\n".join(lines)


@dataclasses.dataclass(frozen=True)
class Event:
    """A session with the ids and links both schedule formats need."""

    session: Session
    guid: uuid.UUID
    id: int
    slug: str
    url: str
    paper_url: str | None
    #: (c3voc type, address, title) of the talk's materials (a file at its place in the site).
    materials: tuple[tuple[str, str, str], ...] = ()

    @property
    def links(self) -> list[tuple[str, str, str]]:
        """(c3voc type, address, title) of the talk's links: its paper's entry on the site,
        then its materials."""
        found = [("paper", self.paper_url, "Paper")] if self.paper_url else []
        return found + list(self.materials)


def events(workshop: WithSchedule, site: Site) -> list[tuple[ProgramDay, list[Event]]]:
    """The program with ids: integer ids (frab's legacy ``id``, which apps keep in 32
    bits) are taken from the GUID, stepping past the rare collision in program order."""
    info = workshop.info
    taken: set[int] = set()
    result = []
    for day in program(workshop):
        day_events = []
        for session in day.sessions:
            guid = session_guid(info, session)
            number = guid.int % (2**31 - 1) + 1
            while number in taken:
                number = number % (2**31 - 1) + 1
            taken.add(number)
            paper_page = site.paper_pages.get(session.paper.id) if session.paper else None
            day_events.append(
                Event(
                    session=session,
                    guid=guid,
                    id=number,
                    slug=slug(info, session),
                    url=site.url(site.slot_page(session)),
                    paper_url=site.url(paper_page) if paper_page else None,
                    materials=tuple(
                        (LINK_TYPES[m.kind], site.url(m.site_path) if m.site_path else m.value, m.label)
                        for m in session.materials
                    ),
                )
            )
        result.append((day, day_events))
    return result
