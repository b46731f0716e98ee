"""What the volume is published as, from ``proceedings:`` of ``workshop.yaml``: the DOIs it
mints (a prefix, and a pattern for the volume's and for each paper's), its license, its ISBN
and ISSN, and under one key per archive what that archive needs of its own.

Each identifier is checked as its registry checks it (:mod:`workshop.core.identifiers`), so
a wrong check digit is a problem at its line.  What an archive's package needs but the data
leaves out is no problem here (a workshop that deposits nowhere needs none of it): the
package for that archive says so (:mod:`workshop.core.packages`).  What the DOIs resolve to,
minted or a paper's own, is :mod:`workshop.core.dois`.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, Field

from workshop.core import identifiers
from workshop.core.fields import Email, Line, Model, NonEmpty

#: The fields a DOI pattern may name: the edition's acronym (``mlbench24``), its year, and
#: for a paper its id (stable: a DOI must never change, so no position in the volume).
VOLUME_FIELDS = ("acronym", "year")
PAPER_FIELDS = ("acronym", "year", "id")


def _paper_pattern(value: str) -> str:
    identifiers.doi_pattern(value, PAPER_FIELDS)
    if "{id}" not in value:
        raise ValueError(f"{value!r} does not hold {{id}}: each paper needs a DOI of its own")
    return value


DoiPrefix = Annotated[Line, AfterValidator(identifiers.doi_prefix)]
VolumePattern = Annotated[NonEmpty, AfterValidator(lambda v: identifiers.doi_pattern(v, VOLUME_FIELDS))]
PaperPattern = Annotated[NonEmpty, AfterValidator(_paper_pattern)]
#: An SPDX license id (``CC-BY-4.0``), as the SPDX License List spells it.
License = Annotated[Line, AfterValidator(identifiers.spdx_license)]
Isbn = Annotated[Line, AfterValidator(identifiers.isbn)]
Issn = Annotated[Line, AfterValidator(identifiers.issn)]


class DoiPlan(Model):
    """How DOIs are minted: ``<prefix>/<pattern filled in>``.  A paper's own ``doi`` wins."""

    prefix: DoiPrefix
    volume: VolumePattern = "{acronym}"
    paper: PaperPattern = "{acronym}.{id}"


class Depositor(Model):
    """Who deposits with Crossref, and where its answers about the deposit are sent."""

    name: NonEmpty
    email: Email


class CrossrefInfo(Model):
    depositor: Depositor | None = None
    #: The organization responsible for the metadata (the member that owns the prefix).
    registrant: NonEmpty | None = None


def _ceur_acronym(value: str) -> str:
    if not re.fullmatch(r"\S.*[ -][0-9]{4}", value):
        raise ValueError(
            f"{value!r} is not CEUR's volume acronym: the workshop's acronym, a space or '-', and the "
            "year (MLBench 2024)"
        )
    return value


def _language(value: str) -> str:
    if not re.fullmatch(r"[a-z]{3}", value):
        raise ValueError(f"{value!r} is not an ISO 639-2/T language code (eng, deu, fra, spa, ...)")
    return value


class CeurInfo(Model):
    """CEUR-WS.org's volume acronym (``MLBench 2024``) and main language (ISO 639-2/T)."""

    acronym: Annotated[NonEmpty, AfterValidator(_ceur_acronym)] | None = None
    language: Annotated[Line, AfterValidator(_language)] = "eng"


def _volume_name(value: str) -> str:
    if not re.fullmatch(r"[a-z0-9]+", value):
        raise ValueError(
            f"{value!r} is not an Anthology volume name: lower-case letters and digits (1, main)"
        )
    return value


def _venue_id(value: str) -> str:
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9-]*", value):
        raise ValueError(f"{value!r} is not an Anthology venue id: letters, digits and '-' (mlbench)")
    return value


class AclInfo(Model):
    """The ACL Anthology's venue id (``mlbench``), the volume's name (``1`` for a workshop)
    and the publisher it prints (``proceedings.publisher`` when not given)."""

    venue_id: Annotated[NonEmpty, AfterValidator(_venue_id)] | None = None
    volume_name: Annotated[NonEmpty, AfterValidator(_volume_name)] | None = None
    publisher: NonEmpty | None = None


class PmlrInfo(Model):
    """PMLR's volume number (it assigns one when it accepts the volume) and the short name
    without the year (``MLBench``)."""

    volume: int | None = Field(default=None, ge=1)
    short_name: NonEmpty | None = None


class Publication(Model):
    """The ``proceedings:`` fields of publishing (:class:`~workshop.core.model.ProceedingsInfo`
    adds the volume's editors, title and preface)."""

    doi: DoiPlan | None = None
    #: The volume's license; a paper's own ``license`` wins for it.
    license: License | None = None
    isbn: Isbn | None = None
    issn: Issn | None = None
    crossref: CrossrefInfo = CrossrefInfo()
    ceur: CeurInfo = CeurInfo()
    acl: AclInfo = AclInfo()
    pmlr: PmlrInfo = PmlrInfo()
