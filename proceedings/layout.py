"""What the volume holds and where: the order of the papers, their pages, its title and
editors.  The one place these are decided; the volume build and the site's
accepted-papers page both ask here, so the pages the site prints are the pages the
volume has.

Papers come in program order (the paper talks of the schedule, day by day), then any
accepted paper that is not on the program, in the order of ``papers.yaml``.  Papers are
paged in arabic numerals from 1, one after another; the front matter before them is
paged in roman numerals and does not move them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path

from workshop.model import Paper, Person, Workshop, WorkshopInfo


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


def count_pages(path: Path) -> int:
    """The number of pages of a paper's PDF as the volume build opens it, or
    :class:`ProceedingsError` naming the file."""
    from .pdffile import open_paper  # the site imports this module; pypdf is only needed here

    return len(open_paper(path).pages)


# --- the volume's identity -----------------------------------------------------------------


def volume_title(info: WorkshopInfo) -> str:
    if info.proceedings and info.proceedings.title:
        return info.proceedings.title
    return f"Proceedings of the Workshop on {info.name} ({info.short_name})"


def editors(workshop: Workshop) -> list[Person]:
    """The members of the committee that ``proceedings.editors`` names (none without it)."""
    info, people = workshop.info, workshop.people
    if info is None or info.proceedings is None or people is None:
        return []
    committee = people.committee(info.proceedings.editors)
    return list(committee.members) if committee else []


def footer_text(info: WorkshopInfo) -> str:
    """The short footer on every page: the workshop and its year."""
    conference = info.conference.short_name
    if str(info.year) in conference:
        return f"{info.short_name} \u00b7 {conference}"
    return f"{info.short_name} \u00b7 {info.year}"
