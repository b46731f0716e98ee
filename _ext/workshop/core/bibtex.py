"""Citation data: a BibTeX ``@inproceedings`` entry per paper, with its pages in the volume,
and the volume's ``@proceedings`` entry.  The build writes them to files; the site shows
the same text (both call these functions).

Text stays UTF-8 (biber and modern BibTeX read it); LaTeX's special characters are
escaped (braces as ``\\textbraceleft{}``: BibTeX counts ``\\{`` as a brace, so a lone one
would end or swallow the field), control characters go, and words with capitals after
their first letter (DNN, AR/VR, LLMs) are braced so that a bibliography style does not
lower-case them.  A name is written so that BibTeX reads back the parts it was split into
(:meth:`proceedings.names.FiledName.bibtex_form`): "Alice X and Bob Y" stays one author.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from workshop.core import citation, dois
from workshop.core.model import Paper, Person
from workshop.core.names import split_name
from workshop.core.plan import Placement
from workshop.core.volumefacts import VolumeFacts

_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "#": r"\#",
    "$": r"\$",
    "%": r"\%",
    "&": r"\&",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_SPECIAL_RE = re.compile(r"[\\{}#$%&_~^]")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def escape(text: str) -> str:
    """Text as a BibTeX field holds it: LaTeX's special characters escaped, control
    characters and runs of white space one space; braces balanced, whatever the text."""
    return _SPECIAL_RE.sub(lambda m: _SPECIAL[m.group()], " ".join(_CONTROLS.sub(" ", text).split()))


def protect_case(text: str) -> str:
    """``Time Variations of DNN Inference`` -> ``Time Variations of {DNN} Inference``."""
    return " ".join(
        "{" + word + "}" if any(c.isupper() for c in word[1:]) else word for word in escape(text).split(" ")
    )


def _names(people: Sequence[Person]) -> str:
    return " and ".join(split_name(p).bibtex_form(escape) for p in people)


def _entry(kind: str, key: str, fields: list[tuple[str, str | None]]) -> str:
    width = max(len(name) for name, value in fields if value is not None)
    lines = [f"@{kind}{{{key},"]
    for name, value in fields:
        if value is not None:
            lines.append(f"  {name.ljust(width)} = {value},")
    lines.append("}")
    return "\n".join(lines) + "\n"


def verbatim(text: str | None) -> str | None:
    """An address or a DOI as a braced field, which styles print verbatim (``\\url``): its
    braces and backslashes percent-encoded, so that no value can end the field early."""
    if text is None:
        return None
    return "{" + text.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D") + "}"


def _braced(text: str | None) -> str | None:
    return "{" + escape(text) + "}" if text else None


def _common(facts: VolumeFacts) -> list[tuple[str, str | None]]:
    return [
        ("editor", "{" + _names(facts.editors) + "}" if facts.editors else None),
        ("publisher", _braced(facts.publisher)),
        ("address", _braced(facts.address)),
        ("year", f"{{{facts.date.year}}}"),
        ("month", _MONTHS[facts.date.month - 1]),
        ("note", "{" + escape(facts.note) + "}"),
    ]


def paper_key(facts: VolumeFacts, paper: Paper) -> str:
    return f"{facts.acronym}:{paper.id}"


def paper_entry(facts: VolumeFacts, paper: Paper, placement: Placement | None = None) -> str:
    """The ``@inproceedings`` entry of one paper, with its pages in the volume when known."""
    fields = [
        ("author", "{" + _names(paper.authors) + "}"),
        ("title", "{" + protect_case(paper.title) + "}"),
        ("booktitle", "{" + protect_case(facts.title) + "}"),
        ("pages", "{" + placement.page_range.replace("-", "--") + "}" if placement else None),
        *_common(facts),
        ("doi", verbatim(dois.paper_doi(facts.info, paper))),
        ("url", verbatim(citation.paper_url(facts, paper))),
    ]
    return _entry("inproceedings", paper_key(facts, paper), fields)


def volume_entry(facts: VolumeFacts) -> str:
    """The ``@proceedings`` entry of the whole volume."""
    fields = [
        ("title", "{" + protect_case(facts.title) + "}"),
        *_common(facts),
        ("doi", verbatim(facts.doi)),
        ("url", verbatim(facts.site)),
    ]
    return _entry("proceedings", facts.acronym, fields)
