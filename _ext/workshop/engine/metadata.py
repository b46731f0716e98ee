"""The ``metadata`` finding: page 1 against what the site publishes of the paper (its title
and its authors in order), since indexes (Google Scholar, DBLP, Semantic Scholar) match a
paper by its page 1 against the page's ``citation_*`` tags.

The title is page 1's largest text near the top (:mod:`.front`); each author's name is
looked for, in the data's order, in the author block under it.  Texts are compared as a
reader compares them (:mod:`.readerlike`).  Said exactly: a changed, missing or extra word
of the title; an author whose name is printed otherwise ("page 1 has 'Mller', the data
'Müller'"), missing, extra (a name set as the others are that the data lacks) or in another
place.  A page 1 with no text to read (an image) is a warning, not a finding.
"""

from __future__ import annotations

import dataclasses
import re

from workshop.core.rules import PaperFacts
from workshop.engine.front import Front, FrontLine, read_front, union
from workshop.engine.pdf.content import Box
from workshop.engine.pdf.marks import Frame
from workshop.engine.readerlike import differences, key, similarity, tidy, words
from workshop.engine.records import Finding, marks_of

#: How alike a printed name must be to the data's to be taken as that author misprinted.
_ALIKE = 0.6
#: Words that say an institution, not a person (an extra author is never one of these).
_INSTITUTION = re.compile(
    r"(?i)\b(universit|institut|college|school|department|dept|laborator|lab|labs|inc|corp|ltd|gmbh|"
    r"research|center|centre|faculty|academy|google|microsoft|meta|nvidia|amazon|ibm|intel|email|abstract)"
)
_NAME_WORD = re.compile(r"(?:[A-Z\u00c0-\u024f][\w'\u2019.\-]*|van|von|der|de|da|del|di|la|le|bin|al)")
_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&|\u2003|\s{3,})\s*")

TODO = (
    "make page 1 and the data say the same: correct the PDF's title or author block, or tell the "
    "chair what the data should say (indexes match a paper by its page 1)"
)


@dataclasses.dataclass(frozen=True)
class Reading:
    """What page 1 said: its title and the authors' names found in it (page order)."""

    title: str
    authors: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        return {"title": self.title, "authors": list(self.authors)}


def check_metadata(
    lines: list[FrontLine], frame: Frame, area: Box, facts: PaperFacts
) -> tuple[list[Finding], list[str], Reading | None]:
    """The finding (if any), the warnings and what page 1 says (its ``lines``:
    :func:`~workshop.engine.front.front_lines`), for the paper of ``facts``."""
    front = read_front(lines, frame)
    if front is None or not key(front.title_text):
        warning = (
            "page 1 has no text to compare with the data's title and authors (an image, no text "
            "layer, or no title set larger than the text): compare them by eye"
        )
        return [], [warning], None
    said = [f"title: {d}" for d in differences(front.title_text, facts.title)]
    boxes = [front.title_box] if said else []
    found, author_said, author_boxes = _authors(front, facts.authors)
    said += author_said
    boxes += author_boxes
    reading = Reading(tidy(front.title_text), tuple(found))
    if not said:
        return [], [], reading
    message = "page 1 does not say what the data says: " + "; ".join(said)
    finding = Finding("metadata", message, (1,), todo=TODO, marks=(marks_of(1, frame.size, area, boxes),))
    return [finding], [], reading


def _authors(front: Front, names: tuple[str, ...]) -> tuple[list[str], list[str], list[Box]]:
    """The names page 1 prints (page order), what differs, and where."""
    tokens: list[tuple[str, FrontLine]] = [(w, line) for line in front.block for w in words(line.text)]
    keys = [key(w) for w, _ in tokens]
    said: list[str] = []
    boxes: list[Box] = []
    places: list[tuple[int, str, int]] = []  # (where, as printed, data's index)
    used: set[int] = set()
    for index, name in enumerate(names):
        wanted = [key(w) for w in words(name)]
        at = _find(keys, wanted, used)
        if at is not None:
            used.update(range(at, at + len(wanted)))
            places.append((at, name, index))
            continue
        near = _nearest(tokens, name, used)
        if near is not None:
            at, printed = near
            used.update(range(at, at + len(words(name))))
            places.append((at, printed, index))
            said.append(f"author {index + 1}: page 1 has '{printed}', the data '{tidy(name)}'")
            boxes.append(tokens[at][1].box)
        else:
            said.append(f"author {index + 1}, '{tidy(name)}', is not on page 1")
    extras = _extras(front, tokens, used)
    if extras:
        listed = ", ".join(f"'{e}'" for e, _ in extras)
        said.append(
            f"page 1 lists {len(places) + len(extras)} authors, the data {len(names)}: {listed} not in the data"
        )
        boxes += [box for _, box in extras]
    order = [index for _, _, index in sorted(places)]
    if order != sorted(order):
        printed = ", ".join(tidy(names[i]) for i in order)
        said.append(f"the authors are in another order on page 1: {printed}")
        boxes.append(union([line.box for line in front.block]))
    return [printed for _, printed, _ in sorted(places)], said, boxes


def _find(keys: list[str], wanted: list[str], used: set[int]) -> int | None:
    for at in range(len(keys) - len(wanted) + 1):
        if keys[at : at + len(wanted)] == wanted and not used.intersection(range(at, at + len(wanted))):
            return at
    return None


def _nearest(tokens: list[tuple[str, FrontLine]], name: str, used: set[int]) -> tuple[int, str] | None:
    """The run of as many words as ``name`` most like it, when alike enough."""
    size = len(words(name))
    best: tuple[float, int, str] | None = None
    for at in range(len(tokens) - size + 1):
        if used.intersection(range(at, at + size)):
            continue
        printed = " ".join(w for w, _ in tokens[at : at + size])
        score = similarity(printed, name)
        if score >= _ALIKE and (best is None or score > best[0]):
            best = (score, at, printed)
    return (best[1], best[2]) if best is not None else None


def _extras(front: Front, tokens: list[tuple[str, FrontLine]], used: set[int]) -> list[tuple[str, Box]]:
    """Names set in the style of the data's authors on page 1 that are none of them."""
    styles = {(tokens[i][1].font, round(tokens[i][1].size, 1)) for i in used}
    extras = []
    for line in front.block:
        if (line.font, round(line.size, 1)) not in styles:
            continue
        for part in _SPLIT.split(line.text):
            part = part.strip(" *\u2217\u2020\u2021\u00a7\u00b6")
            part = re.sub(r"[\d,*\u2020\u2021]+$", "", part).strip()
            if _person(part) and not _taken(part, tokens, used):
                extras.append((tidy(part), line.box))
    return extras


def _person(text: str) -> bool:
    parts = text.split()
    return (
        2 <= len(parts) <= 4
        and all(_NAME_WORD.fullmatch(p) for p in parts)
        and not _INSTITUTION.search(text)
        and not any(c.isdigit() or c == "@" for c in text)
    )


def _taken(part: str, tokens: list[tuple[str, FrontLine]], used: set[int]) -> bool:
    """Whether every word of ``part`` is a word of an author already found."""
    taken = {key(tokens[i][0]) for i in used}
    return all(key(w) in taken for w in words(part))
