"""PMLR: the volume's BibTeX as papersite reads it, and the papers named by their keys.

``<short name><yy>.bib`` holds one ``@Proceedings`` with every field PMLR's specification
(v1.3) and its checker require (``booktitle``, ``name``, ``shortname``, ``year``,
``editor``, ``volume`` in braces, ``start``, ``end``, ``published``, ``conference_url``,
``address``, and ``conference_number`` for an edition of a series), then one
``@InProceedings`` per paper (``title``, ``author``, ``pages``, ``abstract``) in the volume's
order; ``<key>.pdf`` beside it is the paper's stamped PDF.

PMLR wants ASCII: keys are the first author's family name and the year's two digits
(``lefevre24``, then ``a``, ``b``... where two collide), names "Family, Given" joined by
"and", and accented letters as LaTeX writes them (``Lef{\\`e}vre``).  A name in a script
LaTeX cannot write in ASCII needs a romanised ``sort_as``; PMLR also refuses ``\\$``,
``\\{``, ``\\}`` and ``\\_`` in titles and abstracts, so those are written as
``\\textdollar{}`` and the like.
"""

from __future__ import annotations

import re
import unicodedata

from workshop.core import epoch
from workshop.core.model import Person
from workshop.core.packages.common import BuiltPaper, Package, Refused, Volume, name_parts, one_line

TARGET = "pmlr"
_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "$": r"\textdollar{}",
    "_": r"\textunderscore{}",
    "#": r"\#",
    "%": r"\%",
    "&": r"\&",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    # PMLR's pages show abstracts as HTML (a few tags allowed): a "<" of the data is text.
    "<": r"\textless{}",
    ">": r"\textgreater{}",
}
#: Combining accents and the LaTeX command that sets each over a letter.
_ACCENTS = {
    "\u0300": "`", "\u0301": "'", "\u0302": "^", "\u0303": "~", "\u0304": "=", "\u0306": "u",
    "\u0307": ".", "\u0308": '"', "\u030a": "r", "\u030b": "H", "\u030c": "v", "\u0327": "c",
    "\u0328": "k", "\u0323": "d", "\u0331": "b",
}  # fmt: skip
#: Letters that do not decompose, as LaTeX writes them.
_LETTERS = {
    "ß": r"{\ss}", "æ": r"{\ae}", "Æ": r"{\AE}", "ø": r"{\o}", "Ø": r"{\O}", "œ": r"{\oe}", "Œ": r"{\OE}",
    "ł": r"{\l}", "Ł": r"{\L}", "å": r"{\aa}", "Å": r"{\AA}", "þ": r"{\th}", "Þ": r"{\TH}", "ð": r"{\dh}",
    "Ð": r"{\DH}", "đ": r"{\dj}", "Đ": r"{\DJ}", "ı": r"{\i}",
    "\u2013": "--", "\u2014": "---", "\u2018": "`", "\u2019": "'", "\u201c": "``", "\u201d": "''",
    "\u00a0": "~", "\u2026": r"\ldots{}",
}  # fmt: skip


def latex_ascii(text: str) -> str | None:
    """``Françoise Lefèvre`` -> ``Fran{\\c{c}}oise Lef{\\`{e}}vre``; None when a character has
    no LaTeX form in ASCII (a letter of another script)."""
    out = []
    for char in " ".join(text.split()):
        if char in _SPECIAL:
            out.append(_SPECIAL[char])
        elif char.isascii():
            out.append(char)
        elif char in _LETTERS:
            out.append(_LETTERS[char])
        else:
            decomposed = unicodedata.normalize("NFD", char)
            base, marks = decomposed[0], decomposed[1:]
            if not base.isascii() or not marks or any(m not in _ACCENTS for m in marks):
                return None
            for mark in marks:
                base = f"\\{_ACCENTS[mark]}{{{base}}}"
            out.append("{" + base + "}")
    return "".join(out)


def _key_name(family: str) -> str:
    """``Lefèvre`` -> ``lefevre``, ``O'Connor`` -> ``oconnor``: ASCII letters (and '-')."""
    plain = unicodedata.normalize("NFKD", family.replace("ß", "ss").replace("þ", "th").replace("Þ", "th"))
    plain = plain.replace("ø", "o").replace("Ø", "o").replace("æ", "ae").replace("ł", "l").replace("đ", "d")
    return re.sub(r"[^a-z-]", "", plain.lower().replace(" ", "-")).strip("-")


def keys(volume: Volume) -> list[str]:
    """Each paper's key, in the volume's order: ``lefevre24``, or ``lefevre24a`` and
    ``lefevre24b`` when two collide (``paper`` and the id where a name has no ASCII form)."""
    year = f"{volume.info.year % 100:02d}"
    stems = []
    for built in volume.papers:
        stem = _key_name(name_parts(built.paper.authors[0])[1])
        if not stem or not stem[0].isalpha():
            stem = _key_name(built.paper.id.split("-")[0]) or "paper"
        stems.append(stem + year)
    result = []
    for i, stem in enumerate(stems):
        same = [j for j, other in enumerate(stems) if other == stem]
        result.append(stem if len(same) == 1 else stem + "abcdefghijklmnopqrstuvwxyz"[same.index(i) % 26])
    return result


def _entry(kind: str, key: str, fields: list[tuple[str, str]]) -> str:
    width = max(len(name) for name, _ in fields)
    body = ",\n".join(f"  {name.ljust(width)} = {{{value}}}" for name, value in fields)
    return f"@{kind}{{{key},\n{body}\n}}\n"


def _text(volume: Volume, text: str, part: str, field: str) -> str:
    found = latex_ascii(text)
    if found is None:
        raise Refused(
            TARGET,
            f"{text[:60]!r} holds letters LaTeX cannot write in ASCII, which PMLR asks for: write it in Latin letters",
            volume.files.get(part),
            field,
        )
    return found


def _names(volume: Volume, people: list[Person], part: str, path: str) -> str:
    names = []
    for i, person in enumerate(people):
        given, family = name_parts(person)
        written = latex_ascii(f"{family}, {given}" if given else family)
        if written is None:
            raise Refused(
                TARGET,
                f"PMLR's BibTeX is ASCII, and {person.name} has no Latin form: give it a romanised sort_as "
                "('Family, Given')",
                volume.files.get(part),
                f"{path}[{i}].sort_as",
            )
        names.append(written)
    return " and ".join(names)


def _editors_path(volume: Volume) -> str:
    """``committees[0].members``: where the editors are in people.yaml."""
    people = volume.workshop.people.committees if volume.workshop.people else []
    found = [i for i, c in enumerate(people) if c.id == volume.proceedings.editors]
    return f"committees[{found[0] if found else 0}].members"


def render(volume: Volume) -> Package:
    info = volume.info
    pmlr = volume.proceedings.pmlr
    papers = [_paper(volume, built) for built in volume.papers]  # what the authors gave first
    number = volume.require(
        TARGET, pmlr.volume, "info", "proceedings.pmlr.volume", "is required: the volume number PMLR assigned"
    )
    short = volume.require(
        TARGET,
        pmlr.short_name,
        "info",
        "proceedings.pmlr.short_name",
        "is required: the workshop's short name without the year (MLBench)",
    )
    venue = volume.require(TARGET, info.venue, "info", "venue", "is required: PMLR prints the address")
    site = volume.require(TARGET, info.site_url, "info", "site_url", "is required: PMLR's conference_url")
    editors = volume.require(TARGET, volume.editors, "info", "proceedings.editors", "names no members")
    place = ", ".join(p for p in (venue.name, venue.city, venue.country) if p)
    fields = [
        ("booktitle", _text(volume, volume.title, "info", "proceedings.title")),
        ("name", _text(volume, info.name, "info", "name")),
        ("shortname", _text(volume, short, "info", "proceedings.pmlr.short_name")),
        ("year", str(info.year)),
        ("editor", _names(volume, editors, "people", _editors_path(volume))),
        ("volume", str(number)),
        ("start", min(info.workshop_dates).isoformat()),
        ("end", max(info.workshop_dates).isoformat()),
        ("published", epoch.build_moment(info).date().isoformat()),
        ("conference_url", site),
        ("address", _text(volume, place, "info", "venue")),
    ]
    if info.edition:
        fields.append(("conference_number", str(info.edition)))
    key_base = re.sub(r"[^A-Za-z0-9]", "", short) or "PMLR"
    entries = [_entry("Proceedings", f"{key_base}-{info.year}", fields)]
    package: Package = {}
    for key, built, fields_of_paper in zip(keys(volume), volume.papers, papers, strict=True):
        entries.append(_entry("InProceedings", key, fields_of_paper))
        package[f"{key}.pdf"] = built.pdf
    package[f"{key_base.lower()}{info.year % 100:02d}.bib"] = "\n".join(entries).encode("ascii")
    return package


def _paper(volume: Volume, built: BuiltPaper) -> list[tuple[str, str]]:
    paper, placement, here = built.paper, built.placement, f"papers[{built.index}]"
    abstract = volume.require(
        TARGET, paper.abstract, "papers", f"{here}.abstract", "is required: every PMLR paper has its abstract"
    )
    return [
        ("title", _text(volume, paper.title, "papers", f"{here}.title")),
        ("author", _names(volume, list(paper.authors), "papers", f"{here}.authors")),
        ("pages", f"{placement.first}--{placement.last}"),
        ("abstract", _text(volume, one_line(abstract), "papers", f"{here}.abstract")),
    ]
