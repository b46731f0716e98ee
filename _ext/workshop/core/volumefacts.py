"""The volume's printed facts, decided once: its title, editors, the footer of every page,
the parts of each paper's citation line, the subject its PDFs carry, the BibTeX note, its
DOI and the site's address.  The volume build (its pages, stamps and front matter), BibTeX,
RIS, CSL-JSON, the paper pages' citations and tags, and every archive's package read one
:class:`VolumeFacts`, made by :func:`volume_facts` from the data, so that they agree and
none works them out again.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from workshop.core import address, dois, wording
from workshop.core.load import WithInfo
from workshop.core.model import Person, WorkshopInfo


def volume_title(info: WorkshopInfo) -> str:
    """``proceedings.title`` when set, else made from the data: "Proceedings of the Workshop
    on <name> (<short name>)" (a name that begins with "Workshop" is not given a second)."""
    if info.proceedings and info.proceedings.title:
        return info.proceedings.title
    name = info.name if info.name.lower().startswith("workshop") else f"Workshop on {info.name}"
    return f"Proceedings of the {name} ({info.short_name})"


def editors(workshop: WithInfo) -> tuple[Person, ...]:
    """The members of the committee that ``proceedings.editors`` names (none without it)."""
    info, people = workshop.info, workshop.people
    if info.proceedings is None or people is None:
        return ()
    committee = people.committee(info.proceedings.editors)
    return tuple(committee.members) if committee else ()


def footer_text(info: WorkshopInfo) -> str:
    """The short footer on every page: the workshop and its year."""
    conference = info.conference.short_name
    if str(info.year) in conference:
        return f"{info.short_name} \u00b7 {conference}"
    return f"{info.short_name} \u00b7 {info.year}"


@dataclasses.dataclass(frozen=True)
class VolumeFacts:
    """What the volume prints of itself and its citations repeat."""

    #: ``workshop.yaml``, for what is decided per paper (its DOI, license and page address).
    info: WorkshopInfo
    title: str
    editors: tuple[Person, ...]
    #: The editors' names, as a PDF's Author field lists them.
    editor_names: str
    #: On every page of the volume: ``MLBench'23 · MLSys 2023``.
    footer: str
    #: A PDF's Subject: ``MLBench'23, MLSys 2023``.
    subject: str
    #: The workshop's days as one span: ``June 8, 2023``.
    days: str
    #: The conference with its short name once (the title page).
    conference: str
    #: The end of a paper's citation line: ``held with MLSys 2023, June 8, 2023``.
    held_with: str
    #: BibTeX's ``note`` (not yet escaped): ``Held with the <conference's name>, <days>``.
    note: str
    #: The (first) day of the workshop: the volume's date.
    date: dt.date
    #: The edition's key (BibTeX's keys, CSL-JSON's ids).
    acronym: str
    publisher: str | None
    address: str | None
    #: The volume's DOI, minted from ``proceedings.doi`` (none without it).
    doi: str | None
    #: The site's address ending in ``/`` (:func:`workshop.core.address.site_address`), or none.
    site: str | None


def volume_facts(workshop: WithInfo) -> VolumeFacts:
    """The facts of the volume of ``workshop``."""
    info = workshop.info
    people = editors(workshop)
    days = wording.date_span(info.workshop_dates)
    proceedings = info.proceedings
    return VolumeFacts(
        info=info,
        title=volume_title(info),
        editors=people,
        editor_names=", ".join(p.name for p in people),
        footer=footer_text(info),
        subject=f"{info.short_name}, {info.conference.short_name}",
        days=days,
        conference=wording.conference(info),
        held_with=f"held with {info.conference.short_name}, {days}",
        note=f"Held with the {info.conference.name}, {days}",
        date=info.date,
        acronym=info.acronym,
        publisher=proceedings.publisher if proceedings else None,
        address=proceedings.address if proceedings else None,
        doi=dois.volume_doi(info),
        site=address.site_address(info.site_url),
    )
