"""Each paper's DOI and license, and the volume's: a paper's own ``doi`` (one registered
elsewhere) or the one minted from ``proceedings.doi``; a paper's own ``license`` or the
volume's.  The one place these are decided: BibTeX, the paper pages, RIS, CSL-JSON and
every archive's package ask here.  Two papers with one DOI are refused (:func:`check`):
a DOI names one thing.
"""

from __future__ import annotations

from collections.abc import Iterator

from workshop.core import identifiers
from workshop.core.model import Paper, Papers, WorkshopInfo
from workshop.core.problems import Problem
from workshop.core.yamlfile import Source


def _fields(info: WorkshopInfo) -> dict[str, str]:
    return {"acronym": info.acronym, "year": str(info.year)}


def volume_doi(info: WorkshopInfo) -> str | None:
    """The volume's DOI, minted from ``proceedings.doi`` (none without it)."""
    plan = info.proceedings.doi if info.proceedings else None
    return identifiers.mint(plan.prefix, plan.volume, **_fields(info)) if plan else None


def paper_doi(info: WorkshopInfo | None, paper: Paper) -> str | None:
    """A paper's own DOI, else the one minted from ``proceedings.doi`` (none without either)."""
    if paper.doi or info is None:
        return paper.doi
    plan = info.proceedings.doi if info.proceedings else None
    return identifiers.mint(plan.prefix, plan.paper, **_fields(info), id=paper.id) if plan else None


def paper_license(info: WorkshopInfo | None, paper: Paper) -> str | None:
    """A paper's own SPDX license id, else the volume's."""
    if paper.license or info is None or info.proceedings is None:
        return paper.license
    return info.proceedings.license


def check(info: WorkshopInfo | None, papers: Papers, source: Source) -> Iterator[Problem]:
    """Two papers with one DOI (their own, or minted), or a paper with the volume's."""
    seen: dict[str, int] = {}
    volume = volume_doi(info) if info else None
    for i, paper in enumerate(papers.papers):
        found = paper_doi(info, paper)
        if found is None:
            continue
        where = ("papers", i, "doi") if paper.doi else ("papers", i, "id")
        how = "" if paper.doi else " (minted from its id by proceedings.doi.paper)"
        key = found.lower()  # DOIs are matched without regard to case
        if key in seen:
            first = papers.papers[seen[key]]
            yield source.problem(
                where,
                f"DOI {found}{how} is also paper {first.id!r}'s (line {source.line(('papers', seen[key]))}): "
                "a DOI names one paper; correct the doi, or remove it to mint one",
                "duplicate-id",
            )
        elif volume is not None and key == volume.lower():
            yield source.problem(
                where,
                f"DOI {found} is the volume's (proceedings.doi.volume): give the paper its own",
                "duplicate-id",
            )
        else:
            seen[key] = i
