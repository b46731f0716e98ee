"""How a paper is cited and found: where its web page is, the line its first page prints,
and the facts indexers read (Google Scholar's ``citation_*`` tags, schema.org's
``ScholarlyArticle``).  The one place these are decided: the site's paper pages, BibTeX and
the volume's stamp all ask here, so that they agree.

A paper's page is ``papers/<id>.html`` on the site, its stamped PDF and BibTeX beside it
(``papers/<id>.pdf``, ``papers/<id>.bib``).  Absolute addresses come from the site's one
address (:mod:`workshop.core.address`: ``site_url`` in ``workshop.yaml``, else Read the
Docs'); where there is none, BibTeX carries no ``url``.  Pages come only from a built volume
(:class:`~workshop.core.plan.Placement`): without one there are none to cite.  What the
volume says of itself (its title, the conference and days it was held with) comes from its
:class:`~workshop.core.volumefacts.VolumeFacts`.
"""

from __future__ import annotations

from workshop.core import dois
from workshop.core.model import Paper, Person
from workshop.core.plan import Placement
from workshop.core.volumefacts import VolumeFacts

#: The site's folder of paper pages (and of the files beside them).
FOLDER = "papers"


def page_path(paper_id: str) -> str:
    """``papers/<id>.html``: a paper's page, relative to the site's root."""
    return f"{FOLDER}/{paper_id}.html"


def pdf_path(paper_id: str) -> str:
    return f"{FOLDER}/{paper_id}.pdf"


def bib_path(paper_id: str) -> str:
    return f"{FOLDER}/{paper_id}.bib"


def ris_path(paper_id: str) -> str:
    return f"{FOLDER}/{paper_id}.ris"


def csl_path(paper_id: str) -> str:
    return f"{FOLDER}/{paper_id}.csl.json"


def paper_url(facts: VolumeFacts, paper: Paper) -> str | None:
    """The absolute address of a paper's page, when the site's address is known."""
    return f"{facts.site}{page_path(paper.id)}" if facts.site else None


def pages_phrase(placement: Placement) -> str:
    """``pages 11-20`` (``page 5`` for a one-page paper)."""
    return f"page {placement.page_range}" if placement.pages == 1 else f"pages {placement.page_range}"


def citation_line(facts: VolumeFacts, placement: Placement) -> str:
    """What the first page of a paper prints, as archives print it: ``Proceedings of the
    Workshop on ... (MLBench'23), pages 11-20, held with MLSys 2023, June 8, 2023`` (the
    workshop's days as one span)."""
    return f"{facts.title}, {pages_phrase(placement)}, {facts.held_with}"


def stamp_parts(facts: VolumeFacts, placement: Placement) -> tuple[str, ...]:
    """What a paper's first page prints: :func:`citation_line`, then the paper's DOI as a
    link a reader can follow, ``https://doi.org/10.5555/...`` (as Crossref asks DOIs to be
    shown), when it has one; a line that must wrap breaks between them first."""
    line = citation_line(facts, placement)
    doi = dois.paper_doi(facts.info, placement.paper)
    return (f"{line}.", f"https://doi.org/{doi}") if doi else (line,)


def stamp_line(facts: VolumeFacts, placement: Placement) -> str:
    """:func:`stamp_parts` as one line (a PDF's Subject)."""
    return " ".join(stamp_parts(facts, placement))


def publication_date(facts: VolumeFacts) -> str:
    """The workshop's day as Google Scholar reads ``citation_publication_date``: ``2023/06/08``."""
    return f"{facts.date:%Y/%m/%d}"


def scholar_tags(
    facts: VolumeFacts, paper: Paper, placement: Placement | None, pdf_url: str | None
) -> list[tuple[str, str]]:
    """Google Scholar's tags (Highwire Press ``citation_*``) of a paper, in order: one
    ``citation_author`` per author in the paper's order, each followed by its
    ``citation_author_institution``; pages only with a volume; the PDF when known."""
    tags = [("citation_title", paper.title)]
    for author in paper.authors:
        tags.append(("citation_author", author.name))
        if author.affiliation:
            tags.append(("citation_author_institution", author.affiliation))
        if author.orcid:
            tags.append(("citation_author_orcid", author.orcid))
    tags += [
        ("citation_publication_date", publication_date(facts)),
        ("citation_conference_title", facts.title),
    ]
    if facts.publisher:
        tags.append(("citation_publisher", facts.publisher))
    if placement is not None:
        tags += [("citation_firstpage", str(placement.first)), ("citation_lastpage", str(placement.last))]
    doi = dois.paper_doi(facts.info, paper)
    if doi:
        tags.append(("citation_doi", doi))
    if pdf_url:
        tags.append(("citation_pdf_url", pdf_url))
    if paper.abstract:
        tags.append(("citation_abstract", " ".join(paper.abstract.split())))
    return tags


def _person(person: Person) -> dict:
    found: dict = {"@type": "Person", "name": person.name}
    if person.affiliation:
        found["affiliation"] = {"@type": "Organization", "name": person.affiliation}
    if person.orcid:
        found["sameAs"] = f"https://orcid.org/{person.orcid}"
    return found


def scholarly_article(
    facts: VolumeFacts,
    paper: Paper,
    placement: Placement | None,
    page_url: str | None,
    pdf_url: str | None,
) -> dict:
    """The same facts as schema.org ``ScholarlyArticle`` (JSON-LD), part of the volume."""
    volume: dict = {"@type": "Book", "name": facts.title}
    if facts.publisher:
        volume["publisher"] = {"@type": "Organization", "name": facts.publisher}
    article: dict = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "headline": paper.title,
        "name": paper.title,
        "author": [_person(a) for a in paper.authors],
        "datePublished": facts.date.isoformat(),
        "isPartOf": volume,
    }
    if paper.abstract:
        article["abstract"] = " ".join(paper.abstract.split())
    if placement is not None:
        article["pageStart"] = str(placement.first)
        article["pageEnd"] = str(placement.last)
        article["pagination"] = placement.page_range
    if page_url:
        article["url"] = page_url
    if pdf_url:
        article["encoding"] = {
            "@type": "MediaObject",
            "contentUrl": pdf_url,
            "encodingFormat": "application/pdf",
        }
    doi = dois.paper_doi(facts.info, paper)
    if doi:
        article["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI", "value": doi}
        article["sameAs"] = f"https://doi.org/{doi}"
    return article
