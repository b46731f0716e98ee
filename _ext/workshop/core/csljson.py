"""A paper's citation as CSL-JSON (``papers/<id>.csl.json``), the data citeproc styles format
(Zotero, Pandoc, the citation.js of many sites): one ``paper-conference`` item in a list,
with its authors, title, the volume (``container-title``) and its editors, the event, the
workshop's day, pages, DOI, address, publisher, abstract and license.  JSON escapes
whatever the data holds.
"""

from __future__ import annotations

import json

from workshop.core import citation, dois, identifiers
from workshop.core.model import Paper, Person
from workshop.core.names import split_name
from workshop.core.plan import Placement
from workshop.core.volumefacts import VolumeFacts


def _name(person: Person) -> dict[str, str]:
    filed = split_name(person)
    if filed.as_written is not None:
        return {"literal": filed.as_written}
    name = {"family": filed.family, "given": filed.given}
    if filed.particle:
        name["non-dropping-particle"] = filed.particle  # "van Gogh" is cited with its "van"
    if filed.suffix:
        name["suffix"] = filed.suffix
    return {k: v for k, v in name.items() if v}


def paper(facts: VolumeFacts, item: Paper, placement: Placement | None) -> bytes:
    """The CSL-JSON of one paper (pages only with a volume), as a list of one item."""
    info = facts.info
    found: dict = {
        "id": f"{facts.acronym}:{item.id}",
        "type": "paper-conference",
        "title": item.title,
        "author": [_name(a) for a in item.authors],
        "container-title": facts.title,
        "editor": [_name(e) for e in facts.editors],
        "event-title": info.name,
        "issued": {"date-parts": [[facts.date.year, facts.date.month, facts.date.day]]},
    }
    if info.venue:
        found["event-place"] = f"{info.venue.city}, {info.venue.country}"
    if placement is not None:
        found["page"] = placement.page_range
    optional = {
        "publisher": facts.publisher,
        "publisher-place": facts.address,
        "DOI": dois.paper_doi(info, item),
        "URL": citation.paper_url(facts, item),
        "abstract": " ".join(item.abstract.split()) if item.abstract else None,
    }
    found |= {k: v for k, v in optional.items() if v}
    license_id = dois.paper_license(info, item)
    if license_id:
        found["license"] = identifiers.license_url(license_id)
    if not found["editor"]:
        del found["editor"]
    return (json.dumps([found], ensure_ascii=False, indent=2) + "\n").encode()
