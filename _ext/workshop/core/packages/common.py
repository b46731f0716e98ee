"""What every archive's package is made from, and how a package refuses.

A package is made from the data and the built volume (:class:`Volume`: each paper's pages and
its stamped PDF, as ``volume.json`` lists them), never from a PDF read here: the renderers
are pure, returning a :data:`Package` (a file name -> its bytes, the volume's file to copy,
or a paper's PDF to stamp again: :class:`StampedPaper`), and :mod:`proceedings.package`
writes it.  What an archive needs and the data lacks,
or a rule of the archive the volume does not meet, is a :class:`Refused`: one line that
names the archive, then the file and the field (or the rule).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import TypeVar

from workshop.core import citation, dois, plan
from workshop.core.load import WithPapers
from workshop.core.manifest import PaperResult
from workshop.core.model import Paper, Person, ProceedingsInfo, WorkshopInfo
from workshop.core.names import FiledName, split_name
from workshop.core.problems import WorkshopError, shown_path
from workshop.core.volumefacts import VolumeFacts

T = TypeVar("T")


class Refused(WorkshopError):
    """An archive's package that cannot be made: ``crossref: docs/data/workshop.yaml:
    proceedings.crossref.depositor: ...`` (the archive first, then where, then what to do)."""

    def __init__(self, target: str, message: str, file: Path | str | None = None, field: str | None = None):
        super().__init__(message, file=shown_path(file) if file is not None else None, field=field)
        self.target = target

    def __str__(self) -> str:
        return f"{self.target}: {super().__str__()}"


@dataclasses.dataclass(frozen=True)
class BuiltPaper:
    """A paper of the built volume: the data's paper, its place, and its stamped PDF."""

    paper: Paper
    placement: plan.Placement
    pdf: Path
    #: Where the paper is in papers.yaml (for messages about its fields).
    index: int


@dataclasses.dataclass(frozen=True)
class StampedPaper:
    """A paper's own PDF as the volume build makes it, made again from its camera-ready
    with ``footnote`` printed below the citation line on its first page (CEUR's copyright),
    stamped as the citation line is."""

    built: BuiltPaper
    footnote: str


#: A package: each file's path inside the package folder -> its bytes, a file of the built
#: volume to copy there unchanged, or a paper's PDF to stamp again (:class:`StampedPaper`).
Package = dict[str, bytes | Path | StampedPaper]


@dataclasses.dataclass(frozen=True)
class Volume:
    """The data and the built volume a package is made from."""

    workshop: WithPapers
    #: The data files (keys of :data:`workshop.core.load.FILES`), for messages.
    files: Mapping[str, Path]
    #: The built volume's folder, its papers in the volume's order, and its front matter.
    folder: Path
    papers: tuple[BuiltPaper, ...]
    frontmatter: Path
    #: When the package is made: Crossref's timestamp (SOURCE_DATE_EPOCH, else now).
    moment: dt.datetime
    #: What the volume says of itself (:func:`workshop.core.volumefacts.volume_facts`), as its
    #: pages and BibTeX say it.
    facts: VolumeFacts

    @property
    def info(self) -> WorkshopInfo:
        return self.workshop.info

    @property
    def proceedings(self) -> ProceedingsInfo:
        """``proceedings:`` of workshop.yaml (the volume was built, so it is there)."""
        if self.info.proceedings is None:
            raise ValueError("a volume was built without proceedings in workshop.yaml")
        return self.info.proceedings

    @property
    def editors(self) -> list[Person]:
        return list(self.facts.editors)

    @property
    def title(self) -> str:
        return self.facts.title

    @property
    def doi(self) -> str | None:
        """The volume's DOI, minted from ``proceedings.doi`` (none without it)."""
        return self.facts.doi

    def paper_doi(self, paper: Paper) -> str | None:
        return dois.paper_doi(self.info, paper)

    def paper_license(self, paper: Paper) -> str | None:
        return dois.paper_license(self.info, paper)

    def paper_url(self, paper: Paper) -> str | None:
        return citation.paper_url(self.facts, paper)

    def require(self, target: str, value: T | None, part: str, field: str, what: str) -> T:
        """``value``, or :class:`Refused` naming ``part``'s file and ``field``: ``what`` says
        why the archive needs it and what to write."""
        if value is None or value in ("", []):
            raise Refused(target, what, self.files.get(part), field)
        return value


def built(workshop: WithPapers, results: list[PaperResult], folder: Path) -> tuple[BuiltPaper, ...]:
    """The volume's papers (from its manifest) joined to the data's, in the volume's order."""
    papers = workshop.papers.papers
    index = {paper.id: i for i, paper in enumerate(papers)}
    return tuple(
        BuiltPaper(
            papers[index[r.id]],
            plan.Placement(papers[index[r.id]], r.first, r.last - r.first + 1),
            folder / r.pdf,
            index[r.id],
        )
        for r in results
    )


def name_parts(person: Person) -> tuple[str, str]:
    """(given names, family name) as archives ask for them: a particle stays with the family
    name ("van Gogh"), a suffix after the given names; a name in a script written family
    name first, with no romanised ``sort_as``, is all family name."""
    filed: FiledName = split_name(person)
    if filed.as_written is not None:
        return "", filed.as_written
    family = f"{filed.particle} {filed.family}" if filed.particle else filed.family
    given = f"{filed.given} {filed.suffix}".strip() if filed.suffix else filed.given
    return given, family


def one_line(text: str) -> str:
    """An abstract (or any text) on one line, runs of white space one space."""
    return " ".join(text.split())
