"""A paper's citation as RIS (``papers/<id>.ris``), which EndNote, Zotero, Mendeley and
RefWorks import: a ``CPAPER`` record with its authors, title, the volume's title and
editors, the workshop's day, pages, DOI, address, publisher and abstract.

RIS has no escaping: a record is lines of ``TAG  - value``, so every value is put on one
line (control characters and line breaks become spaces) and nothing in the data can start
a tag of its own.  Lines end with CR LF, as the format's specification writes them.
"""

from __future__ import annotations

import re

from workshop.core import citation, dois
from workshop.core.model import Paper, Person
from workshop.core.names import split_name
from workshop.core.plan import Placement
from workshop.core.volumefacts import VolumeFacts

_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _value(text: str) -> str:
    return " ".join(_CONTROLS.sub(" ", text).split())


def _name(person: Person) -> str:
    """``Family, Given``: RIS's form of a name (a name written family name first, as written)."""
    filed = split_name(person)
    if filed.as_written is not None:
        return filed.as_written
    family = f"{filed.particle} {filed.family}" if filed.particle else filed.family
    rest = ", ".join(p for p in (filed.given, filed.suffix) if p)
    return f"{family}, {rest}" if rest else family


def paper(facts: VolumeFacts, item: Paper, placement: Placement | None) -> bytes:
    """The RIS record of one paper (pages only with a volume)."""
    lines: list[tuple[str, str | None]] = [("TY", "CPAPER")]
    lines += [("AU", _name(a)) for a in item.authors]
    lines += [("TI", item.title), ("T2", facts.title)]
    lines += [("ED", _name(e)) for e in facts.editors]
    lines += [("PY", str(facts.date.year)), ("DA", f"{facts.date:%Y/%m/%d}")]
    if placement is not None:
        lines += [("SP", str(placement.first)), ("EP", str(placement.last))]
    lines += [
        ("PB", facts.publisher),
        ("CY", facts.address),
        ("DO", dois.paper_doi(facts.info, item)),
        ("UR", citation.paper_url(facts, item)),
        ("AB", item.abstract),
        ("ER", ""),
    ]
    text = "".join(
        f"{tag}  - {_value(value)}".rstrip(" ") + "\r\n" for tag, value in lines if value is not None
    )
    return text.replace("ER  -\r\n", "ER  - \r\n").encode()
