"""What the volume holds and where: the order of the papers, their pages, and the texts it
prints from the data.  The one place these are decided; the volume build and the site's
accepted-papers page both ask here, so the pages the site prints are the pages the
volume has (what the volume says of itself, its title and editors, is
:mod:`workshop.core.volumefacts`).

Papers come in program order (the paper talks of the schedule, day by day), then any
accepted paper that is not on the program, in the order of ``papers.yaml``.  Papers are
paged in arabic numerals from 1, one after another; the front matter before them is
paged in roman numerals and does not move them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator

from workshop.core.model import Paper, Person, Schedule, Workshop, WorkshopInfo


def paper_order(workshop: Workshop) -> list[Paper]:
    """The accepted papers in the order the volume prints them."""
    papers = workshop.papers.papers if workshop.papers else []
    by_id = {paper.id: paper for paper in papers}
    ordered: dict[str, Paper] = {}
    for day in workshop.schedule.days if workshop.schedule else []:
        for slot in day.slots:
            if slot.paper in by_id:
                ordered.setdefault(slot.paper, by_id[slot.paper])
    for paper in papers:
        ordered.setdefault(paper.id, paper)
    return list(ordered.values())


@dataclasses.dataclass(frozen=True)
class Placement:
    """Where a paper sits in the volume: its printed (arabic) page numbers."""

    paper: Paper
    first: int
    pages: int

    @property
    def last(self) -> int:
        return self.first + self.pages - 1

    @property
    def page_range(self) -> str:
        """As printed and cited: ``1-10`` (``5`` for a one-page paper)."""
        return str(self.first) if self.pages == 1 else f"{self.first}-{self.last}"


class Pagination:
    """Places papers one after another from page 1.  The volume feeds it each paper as it
    opens the PDF; the site feeds it the page counts of the same PDFs."""

    def __init__(self) -> None:
        self.placements: list[Placement] = []
        self.next_page = 1

    def place(self, paper: Paper, pages: int) -> Placement:
        placement = Placement(paper, self.next_page, pages)
        self.placements.append(placement)
        self.next_page += pages
        return placement

    @classmethod
    def of(cls, papers: Iterable[Paper], page_counts: dict[str, int]) -> Pagination:
        pagination = cls()
        for paper in papers:
            pagination.place(paper, page_counts[paper.id])
        return pagination

    def __iter__(self):
        return iter(self.placements)


#: What the volume prints of a person.
PERSON_FIELDS = ("name", "affiliation", "sort_as")


#: A text the volume prints: (part of the model, field path in its file, text).
Printed = tuple[str, tuple[str | int, ...], str]


def printed_texts(workshop: Workshop) -> Iterator[Printed]:
    """Every text of the data that the volume prints in its front matter and author index,
    as (part of the model, field path in its file, text): the workshop's names and the
    volume's title, the committees, the papers' titles and authors, the preface, the sponsors,
    the invited talks.  The one list: what is checked for printable characters is what is set."""
    info = workshop.info
    if info is not None:
        yield from _names(info)
    for i, committee in enumerate(workshop.people.committees if workshop.people else []):
        yield "people", ("committees", i, "title"), committee.title
        for j, member in enumerate(committee.members):
            yield from _person("people", ("committees", i, "members", j), member)
    for i, paper in enumerate(workshop.papers.papers if workshop.papers else []):
        yield "papers", ("papers", i, "title"), paper.title
        for j, author in enumerate(paper.authors):
            yield from _person("papers", ("papers", i, "authors", j), author)
    # The front matter's pages from data (proceedings/volume/frontmatter.py).
    if info is not None:
        if info.proceedings is not None and info.proceedings.preface:
            yield "info", ("proceedings", "preface"), info.proceedings.preface
        for i, sponsor in enumerate(info.sponsors):
            yield "info", ("sponsors", i, "name"), sponsor.name
    if workshop.schedule is not None:
        yield from _invited(workshop.schedule)


def _names(info: WorkshopInfo) -> Iterator[Printed]:
    """The workshop's and the conference's names, and the volume's own title."""
    yield "info", ("name",), info.name
    yield "info", ("short_name",), info.short_name
    yield "info", ("conference", "name"), info.conference.name
    yield "info", ("conference", "short_name"), info.conference.short_name
    if info.proceedings is not None and info.proceedings.title:
        yield "info", ("proceedings", "title"), info.proceedings.title


def _invited(schedule: Schedule) -> Iterator[Printed]:
    """The invited talks' titles and speakers (the front matter lists them)."""
    for d, day in enumerate(schedule.days):
        for s, slot in enumerate(day.slots):
            if slot.kind == "invited":
                yield "schedule", ("days", d, "slots", s, "title"), slot.title or ""
                for j, speaker in enumerate(slot.speakers):
                    yield from _person("schedule", ("days", d, "slots", s, "speakers", j), speaker)


def _person(part: str, path: tuple[str | int, ...], person: Person) -> Iterator[Printed]:
    for field in PERSON_FIELDS:
        value = getattr(person, field)
        if value:
            yield part, (*path, field), value
