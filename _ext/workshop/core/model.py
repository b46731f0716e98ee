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
from pathlib import PurePosixPath
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from . import characters

#: Anywhere on Earth: the academic convention for deadlines, a fixed UTC-12.
AOE = dt.timezone(dt.timedelta(hours=-12), "AoE")


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


# --- field types ---------------------------------------------------------------------

# Checked by functions rather than Field(pattern=...): a pattern's message is the regular
# expression itself ("String should match pattern '^[a-z0-9]...'").


#: Text on one line: names, titles, labels, addresses (every text field but an abstract):
#: no control character, no line break (see :mod:`workshop.core.characters`).
Line = Annotated[str, AfterValidator(characters.check_line)]
#: Text of several lines (a paper's abstract): line breaks and tabs, no other control character.
Text = Annotated[str, AfterValidator(characters.check_text)]


def _check_identifier(value: str) -> str:
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", value):
        raise ValueError(f"{value!r} is not an id: use lower-case letters, digits, '-' and '_' "
                         "(ids go into web addresses, anchors and calendar UIDs)")
    return value


def _check_url(value: str) -> str:
    if not re.fullmatch(r"(https?://|mailto:)\S+", value):
        raise ValueError(f"{value!r} is not a web address: write it whole, starting with https:// (or mailto:)")
    return value


NonEmpty = Annotated[Line, Field(min_length=1)]
Identifier = Annotated[Line, AfterValidator(_check_identifier)]
Url = Annotated[Line, AfterValidator(_check_url)]


def _check_email(value: str) -> str:
    if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value):
        raise ValueError(f"{value!r} is not an e-mail address (name@example.org)")
    return value


def _check_orcid(value: str) -> str:
    value = value.removeprefix("https://orcid.org/")
    if not re.fullmatch(r"\d{4}-\d{4}-\d{4}-\d{3}[\dX]", value):
        raise ValueError(f"{value!r} is not an ORCID iD (0000-0002-1825-0097)")
    return value


def _check_zone(value: str) -> str:
    try:
        zoneinfo.ZoneInfo(value)
    # OSError: zoneinfo opens the name as a file (``America`` is a folder of zones, a name
    # of 300 letters too long for the file system).
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        raise ValueError(
            f"{value!r} is not an IANA time zone (for example America/New_York)"
        ) from None
    return value


_TIME = re.compile(r"(?P<h>\d{1,2}):(?P<m>\d{2})\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?")


def parse_clock(value: object) -> int:
    """A wall-clock time as minutes after midnight: ``8:55 AM``, ``08:55`` or ``20:55``.

    Minutes rather than :class:`datetime.time` so that a slot running past midnight
    (``24:30``) can be represented and refused with a clear message by validation.
    """
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = str(value).strip()
    match = _TIME.fullmatch(text)
    if not match:
        raise ValueError(f"{text!r} is not a time: write it like 8:55 AM or 08:55")
    hour, minute, ampm = int(match["h"]), int(match["m"]), match["ampm"]
    if minute > 59:
        raise ValueError(f"{text!r} is not a time: minutes run from 00 to 59")
    if ampm:
        if not 1 <= hour <= 12:
            raise ValueError(f"{text!r} is not a time: with AM/PM the hour runs from 1 to 12")
        hour = hour % 12 + (12 if ampm[0] in "Pp" else 0)
    elif hour > 47:
        raise ValueError(f"{text!r} is not a time: the hour runs from 0 to 23")
    return hour * 60 + minute


def _check_deadline_zone(value: str) -> str:
    """One type, not ``Literal["AoE"] | TimeZone``: a union reports each of its members'
    failures, named in pydantic's words ("literal['AoE']", "function-after[...]")."""
    if value == "AoE":
        return value
    try:
        return _check_zone(value)
    except ValueError:
        raise ValueError(
            f"{value!r} is neither AoE nor an IANA time zone (for example America/New_York)"
        ) from None


Clock = Annotated[int, BeforeValidator(parse_clock)]
Email = Annotated[Line, AfterValidator(_check_email)]
Orcid = Annotated[Line, AfterValidator(_check_orcid)]
TimeZone = Annotated[Line, AfterValidator(_check_zone)]
DeadlineZone = Annotated[Line, AfterValidator(_check_deadline_zone)]


def _check_relative_path(value: str) -> str:
    path = PurePosixPath(value)
    if path.is_absolute() or "\\" in value:
        raise ValueError(f"{value!r} must be a relative path with '/' separators")
    return value


RelativePath = Annotated[Line, AfterValidator(_check_relative_path)]


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


class ProceedingsInfo(Model):
    title: NonEmpty | None = None
    #: Id of the committee whose members edit the volume.
    editors: Identifier
    #: Whether a paper's format findings (page size, fonts, footer band) fail it.
    strict_format: bool = False


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

    def deadline_instant(self, item: ImportantDate) -> dt.datetime:
        """The aware instant a deadline falls due: 23:59 of its date in the deadline zone."""
        return dt.datetime.combine(item.date, dt.time(23, 59), self.deadline_tz)


# --- the program -----------------------------------------------------------------------

SlotKind = Literal["opening", "invited", "paper", "break", "lunch", "panel", "closing"]


class Slot(Model):
    id: Identifier | None = None
    start: Clock
    end: Clock
    kind: SlotKind
    title: Line | None = None
    speakers: list[Person] = []
    panelists: list[Person] = []
    #: For a paper talk: the id of the paper in ``papers.yaml`` (title and authors come from there).
    paper: Identifier | None = None

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
    number: int = Field(ge=1)


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


class Papers(Model):
    """``papers.yaml``: the accepted papers."""

    papers: list[Paper] = []

    def paper(self, paper_id: str) -> Paper | None:
        return next((p for p in self.papers if p.id == paper_id), None)


# --- the whole ---------------------------------------------------------------------------------


class Workshop(Model):
    """Everything the data folder says.  A part is ``None`` when its file failed to load,
    so that one broken file does not take the rest of the site down with it."""

    info: WorkshopInfo | None = None
    people: People | None = None
    schedule: Schedule | None = None
    papers: Papers | None = None

    @property
    def required_info(self) -> WorkshopInfo:
        """``info``, for what cannot be made without ``workshop.yaml`` (every export, every
        citation): those are made only from data that loaded, so its absence is a bug."""
        if self.info is None:
            raise ValueError("workshop.yaml did not load: nothing can be made without it")
        return self.info
