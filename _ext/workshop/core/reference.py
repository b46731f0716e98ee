"""The data reference, read from the model itself: every file, every key, what its value
must look like, whether it is required or what it defaults to, and what it means.

The keys, their kinds, their nesting and their defaults come from the pydantic models of
:mod:`workshop.core.model`; what a key means from the ``#:`` comment above it in the model
or, where the model has none, from :data:`MEANINGS` (the tests hold that every key has a
meaning and that no meaning names a key that is not there).  The site renders it
(``workshop-data-reference``), so the organizers' reference cannot drift from the code.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import inspect
import re
import types
import typing
from typing import Annotated, Any, Literal

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from workshop.core import fields, model, paperformat, publication

#: The data files, each with the model of its whole.
FILES: tuple[tuple[str, type[BaseModel], bool], ...] = (
    ("workshop.yaml", model.WorkshopInfo, True),
    ("people.yaml", model.People, False),
    ("schedule.yaml", model.Schedule, False),
    ("papers.yaml", model.Papers, False),
)

#: How a value of each of the fields' types is written, most particular first.
KINDS: tuple[tuple[Any, str], ...] = (
    (fields.Identifier, "id: lower-case letters, digits, - and _"),
    (fields.WebUrl, "web address: http:// or https://"),
    (fields.Url, "web address: https://... (or mailto:)"),
    (fields.Email, "e-mail address"),
    (fields.Orcid, "ORCID iD: 0000-0002-1825-0097"),
    (fields.TimeZone, "IANA time zone: America/New_York"),
    (fields.DeadlineZone, "AoE, or an IANA time zone"),
    (fields.Clock, "time: 8:55 AM or 08:55"),
    (fields.RelativePath, "path relative to the data folder, with /"),
    (fields.Doi, "DOI: 10.1145/3578356.3592577"),
    (fields.Board, "number or label: 12, A3"),
    (fields.NonEmpty, "text on one line"),
    (fields.Line, "text on one line"),
    (fields.Text, "text, paragraphs separated by a blank line"),
    (publication.DoiPrefix, "DOI prefix: 10.5555"),
    (publication.VolumePattern, "pattern: {acronym}, {year}"),
    (publication.PaperPattern, "pattern: {acronym}, {year}, {id}"),
    (publication.License, "SPDX license id: CC-BY-4.0"),
    (publication.Isbn, "ISBN: 978-3-16-148410-0"),
    (publication.Issn, "ISSN: 2049-3630"),
    (paperformat.PageSize, "letter, a4, or [width, height] in points"),
    (paperformat.Points, "points (1/72 inch)"),
    (bool, "true or false"),
    (int, "whole number"),
    (float, "number"),
    (dt.date, "date: 2023-06-08"),
)

#: What a key means, where the model has no ``#:`` comment above it: ``Model.key``.
MEANINGS = {
    "Person.name": "the name as it is printed, given name first",
    "Person.affiliation": "printed after the name, in brackets",
    "Person.email": "printed only where the committee has show_contact",
    "Person.orcid": "the person's ORCID iD (Scholar's tags, JSON-LD)",
    "Person.url": "a web page of the person",
    "Committee.id": "what directives and proceedings.editors name it by",
    "Committee.title": "its heading on the committees page",
    "Committee.members": "in the order they are listed",
    "People.committees": "in the order the site lists them",
    "Conference.name": "the conference the workshop is held with, in full",
    "Conference.short_name": "its short name, with the year, as citations print it",
    "Conference.url": "its web site",
    "Link.label": "the link's text",
    "Link.url": "where it leads",
    "Track.id": "what papers name their track by",
    "Track.name": "as printed",
    "Track.min_pages": "the fewest counted pages (references out)",
    "Track.max_pages": "the most counted pages (references out)",
    "ImportantDate.id": "what {fact}`dates.<id>.date` names it by",
    "ImportantDate.label": "as printed",
    "ImportantDate.date": "the day (a deadline falls due at 23:59 of it, in deadline_zone)",
    "ImportantDate.kind": "a deadline, a notification, or a day of the workshop (one entry per day)",
    "Edition.name": "as printed",
    "Edition.year": "its year",
    "Edition.url": "its site",
    "ProceedingsInfo.title": "the volume's title, when not the one made from the name",
    "ProceedingsInfo.address": "BibTeX's address of every entry (the publisher's city), when given",
    "Sponsor.name": "as printed in the front matter",
    "Sponsor.url": "its web site",
    "Venue.name": "the venue's name, linked to its url",
    "Venue.city": "its city",
    "Venue.country": "its country",
    "Venue.url": "its web site (or a map)",
    "WorkshopInfo.name": "the workshop's full name",
    "WorkshopInfo.short_name": "its short name, with the year (the navigation bar's title)",
    "WorkshopInfo.year": "the edition's year",
    "WorkshopInfo.edition": "the edition's number (4 prints as 4th)",
    "WorkshopInfo.conference": "the conference it is held with",
    "WorkshopInfo.dates": "the important dates, in the order they happen",
    "WorkshopInfo.tracks": "the paper categories and their page limits",
    "WorkshopInfo.links": "links pages name by their key: {workshop-link}`submission`",
    "WorkshopInfo.editions": "earlier editions",
    "WorkshopInfo.proceedings": "the volume: its editors, publisher, preface",
    "WorkshopInfo.venue": "where the workshop is held",
    "WorkshopInfo.sponsors": "thanked in the volume's front matter",
    "Room.id": "what slots name it by",
    "Room.name": "as printed",
    "ProgramSession.id": "what slots name it by",
    "ProgramSession.title": "as printed above its first slot in a room",
    "ProgramSession.chair": "the session's chair",
    "Poster.paper": "an id of papers.yaml",
    "Poster.board": "where it hangs, when boards are numbered (not twice in a slot)",
    "Slot.id": "a stable id: calendars and apps know the slot by it (keep it when the slot moves)",
    "Slot.start": "when it starts, in the venue's zone",
    "Slot.end": "when it ends (after it starts, the same day)",
    "Slot.kind": "what it is (a poster slot's title defaults to Posters)",
    "Slot.title": "as printed (a paper talk's comes from its paper)",
    "Slot.speakers": "who gives it (a paper talk's authors unless given)",
    "Slot.panelists": "a panel's members",
    "Day.date": "one of the workshop's days (kind: workshop)",
    "Day.slots": "room by room between plenary slots, in time order within a room",
    "Schedule.days": "one per day of the program",
    "Schedule.rooms": "the venue's rooms, for parallel sessions",
    "Schedule.sessions": "the sessions slots belong to",
    "PageException.pages": "the counted pages the paper may have",
    "PageException.reason": "why",
    "PageException.approved_by": "who approved it",
    "Decision.references_start_page": "the page where the references begin, for a paper in review",
    "Decision.exception": "limits stretched for this paper",
    "PaperSource.system": "the submission system",
    "PaperSource.number": "the paper's number there",
    "Paper.id": "its page's address (papers/<id>.html) and what the program names it by",
    "Paper.title": "as printed",
    "Paper.authors": "in the byline's order",
    "Paper.track": "an id of tracks in workshop.yaml",
    "Paper.abstract": "paragraphs separated by a blank line",
    "Paper.decision": "a chair's decision on the page-limit check",
    "Paper.doi": "the paper's DOI, when it has one",
    "Papers.papers": "the accepted papers, in the volume's order (after the program's)",
    "Margins.top": "from the top edge",
    "Margins.bottom": "from the bottom edge",
    "Margins.left": "from the left edge",
    "Margins.right": "from the right edge",
    "FormatOverride.page_size": "the track's page size",
    "FormatOverride.margins": "the track's margins (all four)",
    "FormatOverride.font_family": "the track's main text font",
    "ProceedingsInfo.doi": "how the volume's and each paper's DOI are minted (see Archives)",
    "ProceedingsInfo.isbn": "the volume's ISBN, when it has one (its check digit is checked)",
    "ProceedingsInfo.issn": "the series' ISSN, when it has one (its check digit is checked)",
    "ProceedingsInfo.crossref": "what a Crossref deposit needs of its own",
    "ProceedingsInfo.ceur": "what a CEUR-WS volume needs of its own",
    "ProceedingsInfo.acl": "what the ACL Anthology needs of its own",
    "ProceedingsInfo.pmlr": "what PMLR needs of its own",
    "Paper.license": "the paper's own license, where it differs from the volume's",
    "DoiPlan.prefix": "the DOI prefix your registration agency gave you (10.5555 is for tests)",
    "DoiPlan.volume": "the volume's DOI after the prefix",
    "DoiPlan.paper": "each paper's DOI after the prefix ({id} required: a DOI never changes)",
    "CrossrefInfo.depositor": "who deposits: the name and e-mail address Crossref answers",
    "CeurInfo.acronym": "the volume's acronym on CEUR-WS: the workshop's acronym and year (MLBench 2023)",
    "CeurInfo.language": "the papers' language, as an ISO 639-2 code (eng)",
    "AclInfo.venue_id": "the Anthology's id of the venue (mlbench)",
    "AclInfo.volume_name": "the volume's name (1 for a workshop's one volume)",
    "AclInfo.publisher": "the publisher the Anthology prints (proceedings.publisher when not given)",
    "PmlrInfo.volume": "the volume number PMLR assigns when it accepts the volume",
    "PmlrInfo.short_name": "the short name without the year (MLBench)",
    "Depositor.name": "the depositor's name",
    "Depositor.email": "where Crossref sends the deposit's outcome",
    "PaperFormat.page_size": "the page's size",
    "PaperFormat.margins": "the text area's margins",
    "PaperFormat.font_family": "the template's main text font, such as Linux Libertine (not checked when absent)",
    "PaperFormat.tolerance": "how far (pt) past each side of the text area is a warning, not a finding",
    "FormatOverride.tolerance": "the track's tolerance per side (all four)",
    "FindingsPolicy.metadata": "page 1's title or authors not the data's: fail, review (a chair looks) or warn",
    "FindingsPolicy.camera-ready": "review-mode leftovers (line numbers, Anonymous Author(s), Under review): fail, review or warn",
    "Acceptance.finding": "metadata or camera-ready",
    "Acceptance.reason": "why it is accepted",
    "Acceptance.approved_by": "who accepted it",
}


@dataclasses.dataclass(frozen=True)
class Key:
    name: str
    kind: str
    #: "required", or what it is when left out.
    presence: str
    meaning: str
    #: The section that lists the keys of its value, when it holds keys of its own: its
    #: title, and the model it describes (the section's anchor).
    section: str | None = None
    target: str | None = None


@dataclasses.dataclass(frozen=True)
class Section:
    #: ``workshop.yaml``, or where the mapping is first met: ``workshop.yaml › tracks``.
    title: str
    #: The model's name (``Track``): the section's anchor.
    model: str
    about: str
    keys: tuple[Key, ...]


def plain(text: str) -> str:
    """A docstring or comment as prose: one line, ````literal```` marks off."""
    return re.sub(r"``(.+?)``", r"\1", " ".join(text.split()))


def comments(cls: type) -> dict[str, str]:
    """The ``#:`` comments above each field in the sources of the class and of the models it
    inherits fields from (a subclass's own comment wins)."""
    found: dict[str, str] = {}
    for base in reversed(cls.__mro__):
        if isinstance(base, type) and issubclass(base, BaseModel) and base is not BaseModel:
            found.update(_own_comments(base))
    return found


def _own_comments(cls: type) -> dict[str, str]:
    found, pending = {}, []
    for line in inspect.getsource(cls).splitlines():
        text = line.strip()
        if text.startswith("#:"):
            pending.append(text[2:].strip())
            continue
        field = re.match(r"(\w+)\s*:", text)
        if field and pending:
            found[field[1]] = plain(" ".join(pending))
        pending = []
    return found


def _strip_optional(hint: Any) -> tuple[Any, bool]:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        rest = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(rest) == 1:
            return rest[0], True
    return hint, False


def kind_of(hint: Any) -> tuple[str, type[BaseModel] | None]:
    """How a value of ``hint`` is written, and the model whose keys it holds (if any)."""
    hint, _ = _strip_optional(hint)
    for known, words in KINDS:
        if hint == known:
            return words, None
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is Annotated:
        if args[0] is str:  # a line checked by a rule of its own (its message says the rule)
            return "text on one line", None
        return kind_of(args[0])
    if origin is Literal:
        return "one of " + ", ".join(str(a) for a in args), None
    if origin is list:
        inner, nested = kind_of(args[0])
        return (f"list of {inner}" if nested is None else "list of mappings"), nested
    if origin is dict:
        inner, nested = kind_of(args[1])
        return (f"mapping of ids to {inner if nested is None else 'mappings'}"), nested
    if isinstance(hint, type) and issubclass(hint, BaseModel):
        return "mapping", hint
    raise ValueError(f"no words for the type {hint!r}: add them to KINDS")


def _presence(info: Any, required: bool) -> str:
    if required:
        return "required"
    default = info.default if info.default is not PydanticUndefined else None
    if default in (None, [], {}) or isinstance(default, BaseModel):
        return "optional"
    if isinstance(default, bool):
        return f"default: {str(default).lower()}"
    if isinstance(default, tuple):
        return "default: [" + ", ".join(f"{v:g}" for v in default) + "]"
    return f"default: {default}"


def keys(cls: type[BaseModel]) -> list[tuple[Key, type[BaseModel] | None]]:
    """Each key of ``cls`` (in the model's order) and the model of its value, if any."""
    hints = typing.get_type_hints(cls, include_extras=True)
    noted = comments(cls)
    found = []
    for name, info in cls.model_fields.items():
        kind, nested = kind_of(hints[name])
        minimum = next((m.min_length for m in info.metadata if getattr(m, "min_length", None)), None)
        if minimum and kind.startswith("list"):
            kind += f" (at least {minimum})"
        lowest = next((m.ge for m in info.metadata if getattr(m, "ge", None) is not None), None)
        if lowest is not None and kind == "whole number":
            kind += f", at least {lowest}"
        written = info.alias or name  # the key as the data file writes it (MEANINGS' keys too)
        meaning = (noted.get(name) or MEANINGS.get(f"{cls.__name__}.{written}", "")).rstrip(".")
        key = Key(written, kind, _presence(info, info.is_required()), meaning)
        found.append((key, nested))
    return found


def sections() -> list[Section]:
    """Every file, then every mapping inside one, each once, in the order they are reached."""
    named: dict[type, str] = {cls: name for name, cls, _ in FILES}  # each model's section, once
    result: list[Section] = []
    todo: list[type[BaseModel]] = [cls for _, cls, _ in FILES]
    while todo:
        cls = todo.pop(0)
        title = named[cls]
        listed = []
        for key, nested in keys(cls):
            if nested is not None:
                if nested not in named:
                    named[nested] = f"{title} › {key.name}"
                    todo.append(nested)
                key = dataclasses.replace(key, section=named[nested], target=nested.__name__)
            listed.append(key)
        about = plain(cls.__doc__ or "")
        result.append(Section(title, cls.__name__, about, tuple(listed)))
    return result
