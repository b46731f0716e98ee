"""CEUR-WS.org: the upload folder of a volume.

``index.html`` is CEUR's template (version :data:`TEMPLATE`) filled in, every marker it
requires in place (``CEURVERSION`` and ``CEURLANG`` comments; the volume's ``CEURVOLNR``,
``CEURURN``, ``CEURPUBYEAR``, ``CEURVOLACRONYM``, ``CEURVOLTITLE``, ``CEURFULLTITLE``,
``CEURCOLOCATED``, ``CEURLOCTIME``, ``CEURVOLEDITOR``; the contents' ``CEURTOC``, and per
paper ``CEURTITLE`` linking its PDF, ``CEURAUTHOR`` per author and ``CEURPAGES``; the number
and URN stay ``XXX`` for CEUR to set).  ``paper1.pdf``, ``paper2.pdf``, ... are the volume's
stamped papers in its order, as CEUR's template names them, each with CEUR's copyright
footnote (:func:`footnote`) below the citation line on its first page; ``<acronym><year>.bib``
the volume's BibTeX (as ceur-make names it).

CEUR's rules, refused in words: at least :data:`MIN_PAPERS` papers, each of at least
:data:`MIN_PAGES` pages, and the volume and every paper under CC BY 4.0 (CEUR's license
since 2019-08-01).  The rules' page is https://ceur-ws.org/HOWTOSUBMIT.html.
"""

from __future__ import annotations

import html
import re

from workshop.core import bibtex, epoch, wording
from workshop.core.model import Person
from workshop.core.packages.common import BuiltPaper, Package, Refused, StampedPaper, Volume

TARGET = "ceur"
#: The date of CEUR's index.html template these files follow.
TEMPLATE = "2020-07-09"
MIN_PAPERS = 5
MIN_PAGES = 5
LICENSE = "CC-BY-4.0"
RULES = "https://ceur-ws.org/HOWTOSUBMIT.html"


def footnote(volume: Volume) -> str:
    """CEUR's copyright footnote of every paper (HOWTOSUBMIT: "Copyright notice"), the
    year that of the volume's publication, as ``index.html`` states it."""
    year = epoch.build_moment(volume.info).year
    return (
        f"Copyright \u00a9 {year} for this paper by its authors. Use permitted under Creative Commons "
        "License Attribution 4.0 International (CC BY 4.0)."
    )


def pdf_name(position: int) -> str:
    return f"paper{position}.pdf"


def _rules(volume: Volume) -> None:
    papers = volume.papers
    if len(papers) < MIN_PAPERS:
        raise Refused(
            TARGET,
            f"CEUR publishes volumes of at least {MIN_PAPERS} papers, and this one has {len(papers)} "
            f"(see {RULES})",
            volume.files.get("papers"),
        )
    for built in papers:
        if built.placement.pages < MIN_PAGES:
            raise Refused(
                TARGET,
                f"paper {built.paper.id!r} has {built.placement.pages} pages, fewer than the {MIN_PAGES} of "
                f"a CEUR paper (see {RULES})",
                volume.files.get("papers"),
                f"papers[{built.index}]",
            )
    if volume.proceedings.license != LICENSE:
        raise Refused(
            TARGET,
            f"CEUR publishes under CC BY 4.0 only: set license: {LICENSE}"
            + (f" (it is {volume.proceedings.license})" if volume.proceedings.license else ""),
            volume.files.get("info"),
            "proceedings.license",
        )
    for built in papers:
        if volume.paper_license(built.paper) != LICENSE:
            raise Refused(
                TARGET,
                f"CEUR publishes under CC BY 4.0 only, and paper {built.paper.id!r} is {built.paper.license}",
                volume.files.get("papers"),
                f"papers[{built.index}].license",
            )


def render(volume: Volume) -> Package:
    _rules(volume)
    ceur = volume.proceedings.ceur
    acronym = volume.require(
        TARGET,
        ceur.acronym,
        "info",
        "proceedings.ceur.acronym",
        f"is required: CEUR's volume acronym, the workshop's and the year ({_suggest(volume)})",
    )
    volume.require(
        TARGET,
        volume.editors,
        "info",
        "proceedings.editors",
        "names a committee with no members: CEUR lists the editors",
    )
    package: Package = {"index.html": _index(volume, acronym).encode()}
    note = footnote(volume)
    for position, built in enumerate(volume.papers, start=1):
        package[pdf_name(position)] = StampedPaper(built, note)
    entries = [bibtex.paper_entry(volume.facts, b.paper, b.placement) for b in volume.papers]
    bib = "\n".join([bibtex.volume_entry(volume.facts), *entries])
    name = re.sub(r"[^a-z0-9]", "", acronym.lower())
    package[f"{name}.bib"] = bib.encode()
    return package


def _suggest(volume: Volume) -> str:
    short = re.sub(r"['\u2019]?\d{2}$", "", volume.info.short_name).strip()
    return f"{short} {volume.info.year}"


def _e(text: str) -> str:
    """Text of the data as HTML text (attributes are written with ``quote=True``)."""
    return html.escape(text, quote=False)


def _editor(person: Person) -> str:
    where = f", {_e(person.affiliation)}" if person.affiliation else ""
    return f'<span class="CEURVOLEDITOR">{_e(person.name)}</span>{where}'


def _index(volume: Volume, acronym: str) -> str:
    info, ceur = volume.info, volume.proceedings.ceur
    year = epoch.build_moment(info).year
    place = f"{info.venue.city}, {info.venue.country}, " if info.venue else ""
    site = f'<a href="{html.escape(info.site_url, quote=True)}">' if info.site_url else "<a>"
    lines = [
        "<!DOCTYPE html>",
        f"<!-- CEURVERSION={TEMPLATE} -->",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<link rel="stylesheet" type="text/css" href="../ceur-ws.css">',
        f"<title>CEUR-WS.org/Vol-XXX - {_e(volume.title)}</title>",
        "</head>",
        f"<!--CEURLANG={ceur.language} -->",
        "<body>",
        '<table style="border: 0; border-spacing: 0; padding: 0"><tr>',
        '<td style="text-align: left; vertical-align: middle">',
        '<a href="https://ceur-ws.org/"><div id="CEURWSLOGO"></div></a></td>',
        '<td style="text-align: right; vertical-align: middle">',
        '<span class="CEURVOLNR">Vol-XXX</span><br>',
        '<span class="CEURURN">urn:nbn:de:0074-XXX-C</span>',
        "</td></tr></table>",
        f'<p>Copyright &copy; <span class="CEURPUBYEAR">{year}</span> for the individual papers by the',
        f"papers' authors. Copyright &copy; {year} for the volume as a collection by its editors.",
        "This volume and its papers are published under the Creative Commons License Attribution 4.0",
        "International (CC BY 4.0).</p>",
        "<hr>",
        f'<h1>{site}<span class="CEURVOLACRONYM">{_e(acronym)}</span></a><br>',
        f'<span class="CEURVOLTITLE">{_e(volume.title)}</span></h1>',
        f'<h3><span class="CEURFULLTITLE">{_e(volume.title)}</span><br>',
        f'co-located with <span class="CEURCOLOCATED">{_e(info.conference.short_name)}</span></h3>',
        f'<h3><span class="CEURLOCTIME">{_e(place)}{_e(wording.date_span(info.workshop_dates))}</span>.</h3>',
        "<br>",
        "<b>Edited by</b>",
        "<h3>",
        ",<br>\n".join(_editor(person) for person in volume.editors),
        "</h3>",
        "<hr>",
        "<h2>Table of Contents</h2>",
        '<div class="CEURTOC">',
        "<ul>",
        *(_paper(position, built) for position, built in enumerate(volume.papers, start=1)),
        "</ul>",
        "</div>",
        "<hr>",
        f"<p>Submitted by {_e(volume.editors[0].name)}.",
        'Published on CEUR-WS: <span class="CEURPUBDATE">XXXX-XX-XX</span>.</p>',
        "</body>",
        "</html>",
    ]
    return "\n".join(lines) + "\n"


def _paper(position: int, built: BuiltPaper) -> str:
    paper, placement = built.paper, built.placement
    authors = ", ".join(f'<span class="CEURAUTHOR">{_e(a.name)}</span>' for a in paper.authors)
    return (
        f'<li id="paper{position}"><a href="{pdf_name(position)}"><span class="CEURTITLE">{_e(paper.title)}'
        f'</span></a>\n<span class="CEURPAGES">{placement.first}-{placement.last}</span><br>\n{authors}</li>'
    )
