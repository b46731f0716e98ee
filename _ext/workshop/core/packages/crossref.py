"""Crossref: the conference-proceedings deposit, ``crossref.xml``, schema 5.3.1.

One ``doi_batch``: its ``head`` (the batch id, the timestamp, the depositor and registrant of
``proceedings.crossref``), then one ``conference`` holding the volume's editors,
``event_metadata`` (the workshop: name, acronym, number, place, days), ``proceedings_metadata``
(the volume: title, publisher, date, ISBN, DOI and the site's address) and a
``conference_paper`` per paper in the volume's order (authors with affiliation and ORCID iD,
title, abstract as JATS, date, pages, license, DOI and the paper's page).

Crossref refuses a redeposit whose ``timestamp`` is not larger than the last one's: it is
the package's moment (``SOURCE_DATE_EPOCH`` when set, else the clock), as
``yyyyMMddHHmmss`` and milliseconds, so a correction made later carries a larger one.  The
batch id is the edition's acronym and that timestamp.
"""

from __future__ import annotations

import datetime as dt

from lxml import etree

from workshop.core import identifiers, wording
from workshop.core.model import Person
from workshop.core.packages.common import BuiltPaper, Package, Refused, Volume, name_parts, one_line

TARGET = "crossref"
FILE = "crossref.xml"
VERSION = "5.3.1"
NS = f"http://www.crossref.org/schema/{VERSION}"
JATS = "http://www.ncbi.nlm.nih.gov/JATS1"
AI = "http://www.crossref.org/AccessIndicators.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
NSMAP = {None: NS, "jats": JATS, "ai": AI, "xsi": XSI}


def _add(parent: etree._Element, tag: str, text: str | None = None, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, tag if tag.startswith("{") else f"{{{NS}}}{tag}", attributes)
    if text is not None:
        element.text = text
    return element


def timestamp(moment: dt.datetime) -> str:
    """``20240517000000000``: Crossref's version of a deposit, growing with time."""
    moment = moment.astimezone(dt.UTC)
    return f"{moment:%Y%m%d%H%M%S}{moment.microsecond // 1000:03d}"


def render(volume: Volume) -> Package:
    info, proceedings = volume.info, volume.proceedings
    crossref = proceedings.crossref
    depositor = volume.require(
        TARGET,
        crossref.depositor,
        "info",
        "proceedings.crossref.depositor",
        "is required: who deposits with Crossref, {name: ..., email: ...} (Crossref mails the result there)",
    )
    registrant = volume.require(
        TARGET,
        crossref.registrant,
        "info",
        "proceedings.crossref.registrant",
        "is required: the organization responsible for the metadata (the Crossref member owning the prefix)",
    )
    publisher = volume.require(
        TARGET, proceedings.publisher, "info", "proceedings.publisher", "is required: the volume's publisher"
    )
    volume.require(
        TARGET,
        info.site_url,
        "info",
        "site_url",
        "is required: each DOI resolves to its paper's page on the site",
    )
    for built in volume.papers:
        volume.require(
            TARGET,
            volume.paper_doi(built.paper),
            "info",
            "proceedings.doi",
            f"is required: paper {built.paper.id!r} has no DOI; give the prefix Crossref gave you, "
            '{prefix: "10.NNNN"}, to mint one for every paper',
        )
    _check_names(volume)
    stamp = timestamp(volume.moment)
    root = etree.Element(f"{{{NS}}}doi_batch", nsmap=NSMAP, version=VERSION)
    root.set(f"{{{XSI}}}schemaLocation", f"{NS} https://www.crossref.org/schemas/crossref{VERSION}.xsd")
    head = _add(root, "head")
    _add(head, "doi_batch_id", f"{info.acronym}-{stamp}")
    _add(head, "timestamp", stamp)
    depositor_element = _add(head, "depositor")
    _add(depositor_element, "depositor_name", depositor.name)
    _add(depositor_element, "email_address", depositor.email)
    _add(head, "registrant", registrant)
    conference = _add(_add(root, "body"), "conference")
    _contributors(conference, volume.editors, "editor")
    _event(conference, volume)
    _proceedings(conference, volume, publisher)
    for built in volume.papers:
        _paper(conference, volume, built)
    return {FILE: etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)}


#: Crossref's schema takes a given name and a surname of at most this many characters each.
NAME_PART_MAX = 60


def _check_names(volume: Volume) -> None:
    """:class:`Refused` at the first editor or author whose given name or surname is longer
    than Crossref takes (its schema would refuse the whole deposit)."""
    info = volume.info
    people = volume.workshop.people
    if info.proceedings is not None and people is not None:
        ids = [c.id for c in people.committees]
        if info.proceedings.editors in ids:
            k = ids.index(info.proceedings.editors)
            _check_parts(volume, list(volume.editors), "people", f"committees[{k}].members")
    for built in volume.papers:
        _check_parts(volume, list(built.paper.authors), "papers", f"papers[{built.index}].authors")


def _check_parts(volume: Volume, people: list[Person], part: str, field: str) -> None:
    for i, person in enumerate(people):
        for label, value in zip(("given name", "surname"), name_parts(person), strict=True):
            if value and len(value) > NAME_PART_MAX:
                raise Refused(
                    TARGET,
                    f"{person.name!r}: its {label} has {len(value)} characters, more than the "
                    f"{NAME_PART_MAX} Crossref takes: shorten it (initials for middle names)",
                    volume.files.get(part),
                    f"{field}[{i}].name",
                )


def _contributors(parent: etree._Element, people: list[Person], role: str) -> None:
    if not people:
        return
    contributors = _add(parent, "contributors")
    for i, person in enumerate(people):
        element = _add(
            contributors, "person_name", sequence="first" if i == 0 else "additional", contributor_role=role
        )
        given, family = name_parts(person)
        if given:
            _add(element, "given_name", given)
        _add(element, "surname", family)
        if person.affiliation:
            _add(_add(_add(element, "affiliations"), "institution"), "institution_name", person.affiliation)
        if person.orcid:
            _add(element, "ORCID", f"https://orcid.org/{person.orcid}")


def _date(parent: etree._Element, tag: str, day: dt.date, **attributes: str) -> None:
    element = _add(parent, tag, **attributes)
    _add(element, "month", f"{day.month:02d}")
    _add(element, "day", f"{day.day:02d}")
    _add(element, "year", str(day.year))


def _event(parent: etree._Element, volume: Volume) -> None:
    info = volume.info
    event = _add(parent, "event_metadata")
    _add(event, "conference_name", info.name)
    _add(event, "conference_acronym", info.short_name)
    if info.edition:
        _add(event, "conference_number", str(info.edition))
    if info.venue:
        _add(event, "conference_location", f"{info.venue.city}, {info.venue.country}")
    first, last = min(info.workshop_dates), max(info.workshop_dates)
    _add(
        event,
        "conference_date",
        wording.date_span(info.workshop_dates),
        start_day=f"{first.day:02d}",
        start_month=f"{first.month:02d}",
        start_year=str(first.year),
        end_day=f"{last.day:02d}",
        end_month=f"{last.month:02d}",
        end_year=str(last.year),
    )


def _proceedings(parent: etree._Element, volume: Volume, publisher: str) -> None:
    info, proceedings = volume.info, volume.proceedings
    element = _add(parent, "proceedings_metadata", language="en")
    _add(element, "proceedings_title", volume.title)
    publisher_element = _add(element, "publisher")
    _add(publisher_element, "publisher_name", publisher)
    if proceedings.address:
        _add(publisher_element, "publisher_place", proceedings.address)
    _date(element, "publication_date", info.date, media_type="online")
    if proceedings.isbn:
        _add(element, "isbn", proceedings.isbn, media_type="electronic")
    else:
        _add(element, "noisbn", reason="monograph")
    doi = volume.doi
    if doi is not None and info.site_url:
        doi_data = _add(element, "doi_data")
        _add(doi_data, "doi", doi)
        _add(doi_data, "resource", info.site_url)


def _paper(parent: etree._Element, volume: Volume, built: BuiltPaper) -> None:
    paper, placement = built.paper, built.placement
    element = _add(parent, "conference_paper", publication_type="full_text", language="en")
    _contributors(element, list(paper.authors), "author")
    _add(_add(element, "titles"), "title", paper.title)
    if paper.abstract:
        abstract = _add(element, f"{{{JATS}}}abstract")
        for text in paper.abstract.split("\n\n"):
            if text.strip():
                _add(abstract, f"{{{JATS}}}p", one_line(text))
    _date(element, "publication_date", volume.info.date, media_type="online")
    pages = _add(element, "pages")
    _add(pages, "first_page", str(placement.first))
    _add(pages, "last_page", str(placement.last))
    license_id = volume.paper_license(paper)
    if license_id:
        program = _add(element, f"{{{AI}}}program", name="AccessIndicators")
        _add(program, f"{{{AI}}}license_ref", identifiers.license_url(license_id), applies_to="vor")
    doi_data = _add(element, "doi_data")
    _add(doi_data, "doi", volume.paper_doi(paper) or "")
    _add(doi_data, "resource", volume.paper_url(paper) or "")
