"""The ACL Anthology: the layout aclpub2 delivers and the Anthology ingests.

``inputs/conference_details.yml`` (the keys ingest requires: ``book_title``, ``event_name``,
``anthology_venue_id``, ``volume_name``, ``start_date`` and ``end_date`` as YAML dates,
``location``, ``editors``, ``publisher``; ``isbn`` when there is one), ``inputs/papers.yml``
(a list: ``id``, ``title``, ``authors`` with ``first_name``, ``last_name``, ``institution``
and ``orcid``, ``file``, ``abstract``, ``archival``), ``watermarked_pdfs/0.pdf`` (the front
matter), ``watermarked_pdfs/<id>.pdf`` (each paper's stamped PDF) and ``proceedings.pdf``
(the whole volume).  Papers are numbered from 1 in the volume's order, as the Anthology
numbers them (0 is the front matter).  YAML is written by PyYAML's safe dumper, which
quotes whatever YAML would read otherwise.
"""

from __future__ import annotations

import re

import yaml

from workshop.core import bibtex
from workshop.core.manifest import VOLUME
from workshop.core.model import Person
from workshop.core.packages.common import BuiltPaper, Package, Refused, Volume, name_parts, one_line

TARGET = "acl"


def _dump(value: object) -> bytes:
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=1 << 20).encode()


def _name(person: Person) -> dict[str, str]:
    given, family = name_parts(person)
    return {"first_name": given, "last_name": family}


def render(volume: Volume) -> Package:
    info, proceedings = volume.info, volume.proceedings
    acl = proceedings.acl
    venue = volume.require(
        TARGET,
        acl.venue_id,
        "info",
        "proceedings.acl.venue_id",
        "is required: the Anthology's venue id (mlbench)",
    )
    if str(info.year) in venue or re.search(rf"{info.year % 100:02d}$", venue):
        raise Refused(
            TARGET,
            f"{venue!r} holds the year: the Anthology's venue id names the venue of every year (mlbench)",
            volume.files.get("info"),
            "proceedings.acl.venue_id",
        )
    volume_name = volume.require(
        TARGET,
        acl.volume_name,
        "info",
        "proceedings.acl.volume_name",
        "is required: the volume's name in the Anthology (\"1\" for a workshop's volume)",
    )
    publisher = volume.require(
        TARGET,
        acl.publisher or proceedings.publisher,
        "info",
        "proceedings.acl.publisher",
        "is required (or proceedings.publisher): usually Association for Computational Linguistics",
    )
    editors = volume.require(
        TARGET, volume.editors, "info", "proceedings.editors", "names a committee with no members"
    )
    venue_place = volume.require(
        TARGET, info.venue, "info", "venue", "is required: the Anthology prints the volume's location"
    )
    details: dict[str, object] = {
        "book_title": volume.title,
        "event_name": info.name,
        "anthology_venue_id": venue,
        "volume_name": volume_name,
        "start_date": min(info.workshop_dates),
        "end_date": max(info.workshop_dates),
        "location": f"{venue_place.city}, {venue_place.country}",
        "editors": [_name(person) for person in editors],
        "publisher": publisher,
    }
    if proceedings.isbn:
        details["isbn"] = proceedings.isbn
    package: Package = {
        "inputs/conference_details.yml": _dump(details),
        "inputs/papers.yml": _dump([_paper(n, b) for n, b in enumerate(volume.papers, start=1)]),
        "watermarked_pdfs/0.pdf": volume.frontmatter,
        "proceedings.pdf": volume.folder / VOLUME,
    }
    for number, built in enumerate(volume.papers, start=1):
        package[f"watermarked_pdfs/{number}.pdf"] = built.pdf
    return package


def _paper(number: int, built: BuiltPaper) -> dict[str, object]:
    paper = built.paper
    authors = []
    for person in paper.authors:
        author: dict[str, object] = dict(_name(person))
        if person.affiliation:
            author["institution"] = person.affiliation
        if person.orcid:
            author["orcid"] = person.orcid
        authors.append(author)
    entry: dict[str, object] = {"id": number, "title": paper.title, "authors": authors}
    if paper.abstract:
        # Ingest reads an abstract as LaTeX: the data's "%" or "&" is text, so escaped.
        entry["abstract"] = bibtex.escape(one_line(paper.abstract))
    entry["file"] = f"{number}.pdf"
    entry["archival"] = True
    return entry
