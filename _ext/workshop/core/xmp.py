"""What each PDF the volume build writes says of itself: its document information (the
Info dictionary) and its XMP packet, from one :class:`DocumentMetadata` so that the two
agree.  A paper's own PDF and its pages in the volume carry the paper's title, its authors
in order, its DOI and license, and the volume it is part of (its title, DOI, ISBN and
ISSN, the pages); the volume and its front matter carry the volume's, its editors as
creators.

:func:`packet` renders the XMP (ISO 16684-1) as UTF-8 bytes: well-formed XML whatever the
data holds (every text escaped, so a title with ``<``, ``&``, ``]]>`` or ``?>`` stays text;
a character XML cannot hold is written as U+FFFD), and the same data and moment give the
same bytes.  A pure renderer: the volume's writer (:mod:`proceedings.volume.docinfo`) puts
the bytes in the PDF.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from xml.sax.saxutils import escape

from workshop.core import citation, dois
from workshop.core.plan import Placement
from workshop.core.volumefacts import VolumeFacts

#: The XMP packet's wrapper id (ISO 16684-1, 7.3.2): the same in every packet.
PACKET_ID = "W5M0MpCehiHzreSzNTczkc9d"
NAMESPACES = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "prism": "http://prismstandard.org/namespaces/basic/2.0/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "xmpRights": "http://ns.adobe.com/xap/1.0/rights/",
}
#: What XML 1.0 cannot hold (its ``Char`` production): written as U+FFFD.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
#: The Creative Commons licenses by their SPDX ids: their deeds' addresses.
_CREATIVE_COMMONS = re.compile(r"CC-(BY(?:-NC)?(?:-ND|-SA)?)-(\d\.\d)")


@dataclasses.dataclass(frozen=True)
class DocumentMetadata:
    """What one PDF says of itself."""

    title: str
    #: The authors (a paper) or editors (the volume), in order.
    creators: tuple[str, ...]
    #: The Info dictionary's Subject and XMP's dc:description: a paper's citation line.
    description: str
    date: dt.date
    doi: str | None = None
    #: An SPDX license id.
    license: str | None = None
    publisher: str | None = None
    #: The volume a paper is part of: its title and DOI (none for the volume itself).
    part_of: str | None = None
    part_of_doi: str | None = None
    isbn: str | None = None
    issn: str | None = None
    #: A paper's first and last page in the volume.
    pages: tuple[int, int] | None = None
    #: The document's page on the site, when its address is known.
    url: str | None = None


def paper_metadata(facts: VolumeFacts, placement: Placement) -> DocumentMetadata:
    """A paper's: its title, authors, DOI and license, its place in the volume."""
    paper, proceedings = placement.paper, facts.info.proceedings
    return DocumentMetadata(
        title=paper.title,
        creators=tuple(a.name for a in paper.authors),
        description=citation.stamp_line(facts, placement),
        date=facts.date,
        doi=dois.paper_doi(facts.info, paper),
        license=dois.paper_license(facts.info, paper),
        publisher=facts.publisher,
        part_of=facts.title,
        part_of_doi=facts.doi,
        isbn=proceedings.isbn if proceedings else None,
        issn=proceedings.issn if proceedings else None,
        pages=(placement.first, placement.last),
        url=citation.paper_url(facts, paper),
    )


def volume_metadata(facts: VolumeFacts, title: str | None = None) -> DocumentMetadata:
    """The volume's (or a part of it printed on its own, ``title``: its front matter)."""
    proceedings = facts.info.proceedings
    return DocumentMetadata(
        title=title or facts.title,
        creators=tuple(p.name for p in facts.editors),
        description=facts.subject,
        date=facts.date,
        doi=facts.doi,
        license=proceedings.license if proceedings else None,
        publisher=facts.publisher,
        isbn=proceedings.isbn if proceedings else None,
        issn=proceedings.issn if proceedings else None,
        url=facts.site,
    )


def license_url(spdx: str) -> str:
    """The license's own page: a Creative Commons deed, else the SPDX License List's page."""
    found = _CREATIVE_COMMONS.fullmatch(spdx)
    if found:
        return f"https://creativecommons.org/licenses/{found[1].lower()}/{found[2]}/"
    if spdx == "CC0-1.0":
        return "https://creativecommons.org/publicdomain/zero/1.0/"
    return f"https://spdx.org/licenses/{spdx}.html"


def rights(meta: DocumentMetadata) -> str | None:
    """dc:rights: who holds the work and under which license (none without a license)."""
    if meta.license is None:
        return None
    holder = "its authors" if meta.part_of else "its editors"
    return f"Copyright {meta.date.year} by {holder}. Licensed under {meta.license} ({license_url(meta.license)})."


def xmp_date(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _text(value: str) -> str:
    return escape(_NOT_XML.sub("\ufffd", value), {'"': "&quot;"})


def _alt(tag: str, value: str) -> str:
    return f'<{tag}><rdf:Alt><rdf:li xml:lang="x-default">{_text(value)}</rdf:li></rdf:Alt></{tag}>'


def _list(tag: str, kind: str, values: tuple[str, ...]) -> str:
    items = "".join(f"<rdf:li>{_text(v)}</rdf:li>" for v in values)
    return f"<{tag}><rdf:{kind}>{items}</rdf:{kind}></{tag}>"


def _properties(meta: DocumentMetadata, moment: dt.datetime, producer: str, tool: str) -> list[str]:
    """The packet's properties, in a fixed order; a fact the data lacks is left out."""
    when = xmp_date(moment)
    found = ["<dc:format>application/pdf</dc:format>", _alt("dc:title", meta.title)]
    if meta.creators:
        found.append(_list("dc:creator", "Seq", meta.creators))
    found += [_alt("dc:description", meta.description), _list("dc:date", "Seq", (meta.date.isoformat(),))]
    if meta.publisher:
        found.append(_list("dc:publisher", "Bag", (meta.publisher,)))
    statement = rights(meta)
    if meta.license and statement:
        found += [
            _alt("dc:rights", statement),
            "<xmpRights:Marked>True</xmpRights:Marked>",
            f"<xmpRights:WebStatement>{_text(license_url(meta.license))}</xmpRights:WebStatement>",
            _alt("xmpRights:UsageTerms", statement),
        ]
    if meta.doi:
        found += [
            f"<dc:identifier>doi:{_text(meta.doi)}</dc:identifier>",
            f"<prism:doi>{_text(meta.doi)}</prism:doi>",
            f"<prism:url>https://doi.org/{_text(meta.doi)}</prism:url>",
        ]
    elif meta.url:
        found.append(f"<prism:url>{_text(meta.url)}</prism:url>")
    if meta.part_of:
        found.append(f"<prism:publicationName>{_text(meta.part_of)}</prism:publicationName>")
        part = f"doi:{meta.part_of_doi}" if meta.part_of_doi else meta.part_of
        found.append(f"<dcterms:isPartOf>{_text(part)}</dcterms:isPartOf>")
    for tag, value in (("prism:isbn", meta.isbn), ("prism:issn", meta.issn)):
        if value:
            found.append(f"<{tag}>{_text(value)}</{tag}>")
    if meta.pages:
        first, last = meta.pages
        found += [
            f"<prism:startingPage>{first}</prism:startingPage>",
            f"<prism:endingPage>{last}</prism:endingPage>",
            f"<prism:pageRange>{first}-{last}</prism:pageRange>",
        ]
    found += [
        f"<pdf:Producer>{_text(producer)}</pdf:Producer>",
        f"<xmp:CreatorTool>{_text(tool)}</xmp:CreatorTool>",
        f"<xmp:CreateDate>{when}</xmp:CreateDate>",
        f"<xmp:ModifyDate>{when}</xmp:ModifyDate>",
        f"<xmp:MetadataDate>{when}</xmp:MetadataDate>",
    ]
    return found


def packet(meta: DocumentMetadata, moment: dt.datetime, producer: str, tool: str) -> bytes:
    """The XMP packet of ``meta``, dated ``moment``, made by ``tool`` with ``producer``."""
    namespaces = "".join(f' xmlns:{prefix}="{uri}"' for prefix, uri in NAMESPACES.items())
    body = "\n".join(f"   {p}" for p in _properties(meta, moment, producer, tool))
    return (
        f'<?xpacket begin="\ufeff" id="{PACKET_ID}"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        f'  <rdf:Description rdf:about=""{namespaces}>\n{body}\n  </rdf:Description>\n'
        " </rdf:RDF>\n</x:xmpmeta>\n"
        '<?xpacket end="r"?>'
    ).encode()
