"""DataCite (Zenodo, institutional repositories): a metadata record per paper and one for
the volume, DataCite Metadata Schema 4.6.

``papers/<id>.xml``: a ``ConferencePaper`` (its DOI, authors with affiliation and ORCID iD,
title, publisher, year, license as an SPDX id, abstract) with the volume as its
``relatedItem`` (``IsPublishedIn`` a ``ConferenceProceeding``: its DOI, title, editors,
year, publisher and the paper's first and last page).  ``volume.xml``: the
``ConferenceProceeding``, its editors as creators, each paper's DOI as a part.  A DOI's
address is not part of a DataCite record (it is given when the DOI is registered):
``urls.tsv`` lists each DOI with its page, to register them with.
"""

from __future__ import annotations

from lxml import etree

from workshop.core import identifiers
from workshop.core.model import Person
from workshop.core.packages.common import BuiltPaper, Package, Volume, name_parts, one_line

TARGET = "datacite"
NS = "http://datacite.org/schema/kernel-4"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML = "http://www.w3.org/XML/1998/namespace"
SCHEMA = f"{NS} https://schema.datacite.org/meta/kernel-4.6/metadata.xsd"


def _add(parent: etree._Element, tag: str, text: str | None = None, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{NS}}}{tag}", attributes)
    if text is not None:
        element.text = text
    return element


def render(volume: Volume) -> Package:
    info = volume.info
    publisher = volume.require(
        TARGET,
        volume.proceedings.publisher,
        "info",
        "proceedings.publisher",
        "is required: the volume's publisher",
    )
    doi = volume.require(
        TARGET,
        volume.doi,
        "info",
        "proceedings.doi",
        'is required: DataCite registers DOIs; give your prefix, {prefix: "10.NNNN"}, to mint the volume\'s and '
        "each paper's",
    )
    volume.require(
        TARGET,
        volume.editors,
        "info",
        "proceedings.editors",
        "names a committee with no members: the volume's editors are its creators",
    )
    site = volume.require(
        TARGET,
        info.site_url,
        "info",
        "site_url",
        "is required: each DOI is registered with its page's address",
    )
    package: Package = {"volume.xml": _record(_volume(volume, doi, publisher))}
    urls = [f"{doi}\t{site}"]
    for built in volume.papers:
        paper_doi = volume.paper_doi(built.paper) or ""
        package[f"papers/{built.paper.id}.xml"] = _record(_paper(volume, built, paper_doi, doi, publisher))
        urls.append(f"{paper_doi}\t{volume.paper_url(built.paper)}")
    package["urls.tsv"] = ("DOI\tURL\n" + "".join(f"{line}\n" for line in urls)).encode()
    return package


def _record(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _resource(doi: str, title: str, publisher: str, year: int, kind: str, label: str) -> etree._Element:
    root = etree.Element(f"{{{NS}}}resource", nsmap={None: NS, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA)
    _add(root, "identifier", doi, identifierType="DOI")
    root.append(etree.Element(f"{{{NS}}}creators"))
    _add(_add(root, "titles"), "title", title)
    _add(root, "publisher", publisher)
    _add(root, "publicationYear", str(year))
    _add(root, "resourceType", label, resourceTypeGeneral=kind)
    return root


def _person(parent: etree._Element, tag: str, person: Person, **attributes: str) -> None:
    element = _add(parent, tag, **attributes)
    given, family = name_parts(person)
    _add(element, f"{tag}Name", f"{family}, {given}" if given else family, nameType="Personal")
    if given:
        _add(element, "givenName", given)
    _add(element, "familyName", family)
    if person.orcid:
        _add(
            element,
            "nameIdentifier",
            f"https://orcid.org/{person.orcid}",
            nameIdentifierScheme="ORCID",
            schemeURI="https://orcid.org",
        )
    if person.affiliation:
        _add(element, "affiliation", person.affiliation)


def _rights(root: etree._Element, license_id: str | None) -> None:
    if license_id:
        _add(
            _add(root, "rightsList"),
            "rights",
            license_id,
            rightsURI=identifiers.license_url(license_id),
            rightsIdentifier=license_id,
            rightsIdentifierScheme="SPDX",
            schemeURI="https://spdx.org/licenses/",
        )


def _dates(root: etree._Element, volume: Volume) -> None:
    _add(_add(root, "dates"), "date", volume.info.date.isoformat(), dateType="Issued")
    _add(root, "language", "en")


def _volume(volume: Volume, doi: str, publisher: str) -> etree._Element:
    info = volume.info
    root = _resource(doi, volume.title, publisher, info.date.year, "ConferenceProceeding", "Proceedings")
    creators = root.find(f"{{{NS}}}creators")
    for editor in volume.editors:
        _person(creators, "creator", editor)
    _dates(root, volume)
    proceedings = volume.proceedings
    if proceedings.isbn:  # another identifier of the volume itself
        alternates = _add(root, "alternateIdentifiers")
        _add(alternates, "alternateIdentifier", proceedings.isbn, alternateIdentifierType="ISBN")
    related = _add(root, "relatedIdentifiers")
    for built in volume.papers:
        doi = volume.paper_doi(built.paper) or ""
        _add(related, "relatedIdentifier", doi, relatedIdentifierType="DOI", relationType="HasPart")
    if proceedings.issn:  # the series the volume is part of
        _add(
            related,
            "relatedIdentifier",
            proceedings.issn,
            relatedIdentifierType="ISSN",
            relationType="IsPartOf",
        )
    _rights(root, volume.proceedings.license)
    return root


def _paper(volume: Volume, built: BuiltPaper, doi: str, volume_doi: str, publisher: str) -> etree._Element:
    paper, placement = built.paper, built.placement
    year = volume.info.date.year
    root = _resource(doi, paper.title, publisher, year, "ConferencePaper", "Conference paper")
    creators = root.find(f"{{{NS}}}creators")
    for author in paper.authors:
        _person(creators, "creator", author)
    _dates(root, volume)
    _rights(root, volume.paper_license(paper))
    if paper.abstract:
        _add(_add(root, "descriptions"), "description", one_line(paper.abstract), descriptionType="Abstract")
    item = _add(
        _add(root, "relatedItems"),
        "relatedItem",
        relationType="IsPublishedIn",
        relatedItemType="ConferenceProceeding",
    )
    _add(item, "relatedItemIdentifier", volume_doi, relatedItemIdentifierType="DOI")
    _add(_add(item, "titles"), "title", volume.title)
    _add(item, "publicationYear", str(year))
    _add(item, "firstPage", str(placement.first))
    _add(item, "lastPage", str(placement.last))
    _add(item, "publisher", publisher)
    editors = _add(item, "contributors")
    for editor in volume.editors:
        _related_editor(editors, editor)
    return root


def _related_editor(parent: etree._Element, person: Person) -> None:
    """A relatedItem's contributor: a name and its parts only (no identifiers there)."""
    element = _add(parent, "contributor", contributorType="Editor")
    given, family = name_parts(person)
    _add(element, "contributorName", f"{family}, {given}" if given else family, nameType="Personal")
    if given:
        _add(element, "givenName", given)
    _add(element, "familyName", family)
