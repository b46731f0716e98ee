"""The workshop's data model: one schema shared by the Sphinx extension and the proceedings.

Every fact the site or the volume prints comes from these classes, built by
:mod:`workshop.core.load` from the YAML files of the data folder.  Models are frozen
(they are shared between Sphinx processes and cached), reject unknown keys (a typo
in a key is an error, not a silently ignored fact) and keep only what the files
say; anything derived (a slot's zone-aware start, a deadline's UTC instant, a
track's page range) is a property, so it is computed in exactly one place.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from typing import Literal

from pydantic import Field

from workshop.core.fields import (
    MAX_SUBMISSION_NUMBER,
    Board,
    Clock,
    DeadlineZone,
    Doi,
    Email,
    Identifier,
    Line,
    Model,
    NonEmpty,
    Orcid,
    RelativePath,
    Text,
    TimeZone,
    Url,
)
from workshop.core.materials import Materials
from workshop.core.paperformat import FormatOverride, PaperFormat
from workshop.core.presentation import Presentation
from workshop.core.publication import License, Publication
from workshop.core.published import Published

#: Anywhere on Earth: the academic convention for deadlines, a fixed UTC-12.
AOE = dt.timezone(dt.timedelta(hours=-12), "AoE")


# --- people ---------------------------------------------------------------------------


class Person(Model):
    """Anyone the site names: organizer, reviewer, speaker, panelist or author."""

    name: NonEmpty
    affiliation: Line | None = None
    email: Email | None = None
    orcid: Orcid | None = None
    url: Url | None = None
    #: How a library files the name ("Janapa Reddi, Vijay"), when the last word of
    #: ``name`` is not the family name.
    sort_as: Line | None = None

    @property
    def display(self) -> str:
        return f"{self.name} ({self.affiliation})" if self.affiliation else self.name


class Committee(Model):
    id: Identifier
    title: NonEmpty
    #: Whether the committee page prints each member's e-mail address.
    show_contact: bool = False
    members: list[Person] = Field(min_length=1)


class People(Model):
    """``people.yaml``: the committees, in the order the site lists them."""

    committees: list[Committee] = Field(min_length=1)

    def committee(self, committee_id: str) -> Committee | None:
        return next((c for c in self.committees if c.id == committee_id), None)


# --- the workshop itself ------------------------------------------------------------------


class Conference(Model):
    name: NonEmpty
    short_name: NonEmpty
    url: Url | None = None


class Link(Model):
    label: NonEmpty
    url: Url


class Track(Model):
    """A paper category and its page limit (figures, tables, appendices in; references out)."""

    id: Identifier
    name: NonEmpty
    min_pages: int = Field(ge=1)
    max_pages: int = Field(ge=1)
    #: What of the workshop's format this track sets otherwise.
    format: FormatOverride | None = None

    @property
    def pages(self) -> str:
        return f"{self.min_pages}-{self.max_pages}"


DateKind = Literal["deadline", "notification", "workshop"]


class ImportantDate(Model):
    id: Identifier
    label: NonEmpty
    date: dt.date
    kind: DateKind = "deadline"

    @property
    def is_deadline(self) -> bool:
        return self.kind == "deadline"


class Edition(Model):
    """An earlier edition of the workshop."""

    name: NonEmpty
    year: int
    url: Url | None = None


class ProceedingsInfo(Publication):
    title: NonEmpty | None = None
    #: Id of the committee whose members edit the volume.
    editors: Identifier
    #: Whether a paper's format findings (page size, margins, fonts, footer band) fail it.
    strict_format: bool = False
    #: BibTeX's ``publisher`` and ``address`` of every entry, when given.
    publisher: Line | None = None
    address: Line | None = None
    #: The organizers' message opening the volume: paragraphs separated by a blank line.
    preface: Text | None = None


class Sponsor(Model):
    """A sponsor the volume's front matter thanks, with its logo when given."""

    name: NonEmpty
    url: Url | None = None
    #: A PNG or JPEG file inside the repository, relative to the data folder.
    logo: RelativePath | None = None


class Venue(Model):
    """Where the workshop is held: shown on the home page and the program, and the place of
    every calendar entry and conference-app room."""

    name: NonEmpty
    city: NonEmpty
    country: NonEmpty
    url: Url
    #: Street and number, as a map finds them (optional).
    address: Line | None = None


class WorkshopInfo(Model):
    """``workshop.yaml``: identity, dates, tracks, links and earlier editions."""

    name: NonEmpty
    short_name: NonEmpty
    year: int
    edition: int | None = Field(default=None, ge=1)
    conference: Conference
    #: The venue's zone: program times are wall-clock times there.
    timezone: TimeZone
    #: Deadlines fall at 23:59 of their date in this zone: "AoE" or an IANA zone.
    deadline_zone: DeadlineZone = "AoE"
    dates: list[ImportantDate] = Field(min_length=1)
    tracks: list[Track] = Field(min_length=1)
    links: dict[Identifier, Link] = {}
    editions: list[Edition] = []
    proceedings: ProceedingsInfo | None = None
    #: The camera-ready format (page size, text area, main font); ACM sigconf's by default.
    format: PaperFormat = PaperFormat()
    venue: Venue | None = None
    #: The site's public address (``https://mlbench.example.org/2023/``): the papers' web
    #: pages in BibTeX and the volume, which are made without the site's configuration.
    site_url: Url | None = None
    sponsors: list[Sponsor] = []

    @property
    def ordinal(self) -> str:
        """The edition as an English ordinal: ``4th``."""
        n = self.edition or 1
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix}"

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    @property
    def deadline_tz(self) -> dt.tzinfo:
        return AOE if self.deadline_zone == "AoE" else zoneinfo.ZoneInfo(self.deadline_zone)

    @property
    def acronym(self) -> str:
        """``MLBench'23`` -> ``mlbench23``: the edition's key wherever a tool needs one (the
        conference apps' acronym and the ids derived from it, the volume's BibTeX key).
        Lower-case ASCII letters and digits of the short name, at least four (the c3voc
        formats' rule): a shorter one is followed by the year, none at all is ``workshop``."""
        text = re.sub(r"[^a-z0-9]", "", self.short_name.lower()) or "workshop"
        return text if len(text) >= 4 else f"{text}{self.year}"

    @property
    def workshop_dates(self) -> list[dt.date]:
        return [d.date for d in self.dates if d.kind == "workshop"]

    @property
    def date(self) -> dt.date:
        """The (first) day of the workshop."""
        return min(self.workshop_dates)

    def track(self, track_id: str) -> Track | None:
        return next((t for t in self.tracks if t.id == track_id), None)

    def format_of(self, track: Track) -> PaperFormat:
        """The format a paper of ``track`` is held to: the workshop's, and the track's own settings."""
        return self.format.merged(track.format)

    def deadline_instant(self, item: ImportantDate) -> dt.datetime:
        """The aware instant a deadline falls due: 23:59 of its date in the deadline zone."""
        return dt.datetime.combine(item.date, dt.time(23, 59), self.deadline_tz)


# --- the program -----------------------------------------------------------------------

SlotKind = Literal["opening", "invited", "paper", "break", "lunch", "panel", "closing", "poster"]


class Room(Model):
    """A room of the venue: slots that name it run in it; slots at the same time in other
    rooms run in parallel."""

    id: Identifier
    name: NonEmpty


class ProgramSession(Model):
    """A session of the program (``sessions`` of ``schedule.yaml``): slots that name its id
    are shown under its title and its chair."""

    id: Identifier
    title: NonEmpty
    chair: Person | None = None
    #: The chair also speaks in the session, on purpose (else the data check refuses it).
    chair_may_speak: bool = False


class Poster(Presentation):
    """A paper shown at a poster slot, on its board when boards are numbered."""

    paper: Identifier
    board: Board | None = None


class Slot(Presentation):
    id: Identifier | None = None
    start: Clock
    end: Clock
    kind: SlotKind
    title: Line | None = None
    speakers: list[Person] = []
    panelists: list[Person] = []
    #: For a paper talk: the id of the paper in ``papers.yaml`` (title and authors come from there).
    paper: Identifier | None = None
    #: The room (an id of ``rooms``); none: the slot is for the whole event (a plenary).
    room: Identifier | None = None
    #: The session it belongs to (an id of ``sessions``).
    session: Identifier | None = None
    #: For a poster slot: the papers shown.
    posters: list[Poster] = []
    #: The talk's materials (an invited talk's; a paper talk's add to, or replace, its paper's).
    links: Materials | None = None

    @property
    def is_break(self) -> bool:
        return self.kind in ("break", "lunch")

    def interval(self, day: dt.date, tz: dt.tzinfo) -> tuple[dt.datetime, dt.datetime]:
        """The aware start and end instants of this slot on ``day`` in the venue's zone."""
        midnight = dt.datetime.combine(day, dt.time(), tz)
        return (
            midnight + dt.timedelta(minutes=self.start),
            midnight + dt.timedelta(minutes=self.end),
        )


class Day(Model):
    date: dt.date
    slots: list[Slot] = Field(min_length=1)


class Schedule(Model):
    """``schedule.yaml``: the program, day by day, in the workshop's time zone."""

    days: list[Day] = Field(min_length=1)
    rooms: list[Room] = []
    sessions: list[ProgramSession] = []

    def room(self, room_id: str | None) -> Room | None:
        return next((r for r in self.rooms if r.id == room_id), None)

    def session(self, session_id: str | None) -> ProgramSession | None:
        return next((s for s in self.sessions if s.id == session_id), None)


# --- papers --------------------------------------------------------------------------------


class PageException(Model):
    """A chair's approval of a paper outside its track's page limits."""

    pages: int = Field(ge=1)
    reason: NonEmpty
    approved_by: NonEmpty


class Decision(Model):
    """What a chair decided where the page-limit check cannot, or must not, decide alone."""

    references_start_page: int | None = Field(default=None, ge=1)
    exception: PageException | None = None


#: The submission systems ``python -m proceedings import`` reads.
SubmissionSystem = Literal["easychair", "hotcrp", "openreview"]


class PaperSource(Model):
    """Where an imported paper came from: its submission system and its number there, by
    which a later import finds the paper again (whatever its id or title has become)."""

    system: SubmissionSystem
    number: int = Field(ge=1, le=MAX_SUBMISSION_NUMBER)


class Paper(Model):
    id: Identifier
    title: NonEmpty
    authors: list[Person] = Field(min_length=1)
    track: Identifier
    #: The camera-ready PDF, relative to the data folder and inside the repository.
    pdf: RelativePath
    abstract: Text | None = None
    decision: Decision | None = None
    #: Set by ``python -m proceedings import``; absent for a paper typed by hand.
    source: PaperSource | None = None
    doi: Doi | None = None
    license: License | None = None  # the volume's when absent
    #: Who presents it at the workshop: one of its authors' names (the first author when absent).
    presenter: Line | None = None
    #: Its materials: slides, poster, video, code, data, supplementary.
    links: Materials | None = None


class Papers(Model):
    """``papers.yaml``: the accepted papers."""

    papers: list[Paper] = []

    def paper(self, paper_id: str) -> Paper | None:
        return next((p for p in self.papers if p.id == paper_id), None)


# --- the whole ---------------------------------------------------------------------------------


class Workshop(Model):
    """Everything the data folder says.  A part is ``None`` when its file failed to load,
    so that one broken file does not take the rest of the site down with it; a use that
    needs a part narrows to a type that guarantees it (:mod:`workshop.core.load`)."""

    info: WorkshopInfo | None = None
    people: People | None = None
    schedule: Schedule | None = None
    papers: Papers | None = None
    published: Published | None = None
