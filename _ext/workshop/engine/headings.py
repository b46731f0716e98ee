"""What a line of a page is to the page-limit rule: the references heading (strong, or
weak when only its place sets it apart), the heading that ends the references, a caption;
and whether a page could hold nothing but references.  The rule that counts pages from
these is :mod:`workshop.engine.rule`."""

from __future__ import annotations

import re

from workshop.engine.pdf.marks import Scan
from workshop.engine.pdf.text import Line, PageText, normalise, show_text
from workshop.engine.records import Heading

_NUMBER = r"(?:\d{1,2}(?:\.\d{1,2})*\.?|[ivx]{1,5}\.?)?"
_TITLES = (
    r"references?|bibliography|referencesandnotes|notesandreferences|literaturecited|workscited|"
    r"citedliterature|referencelist|références|referencias|literaturverzeichnis"
)
REFERENCES = re.compile(rf"^{_NUMBER}(?:{_TITLES}):?$")
APPENDIX = re.compile(
    r"^(?:[a-z](?:\.\d+)*\.?)?(?:appendix|appendices|supplementary|supplemental|supplement)"
)
#: A lettered section: "A Proofs", "B.2 Setup", "A. Additional results".
LETTERED = re.compile(r"^[A-Z](?:\.\d+)*\.?\s+\S")
CAPTION = re.compile(r"^(?:figure|fig\.|table|tab\.|algorithm|listing)\s*[a-z]?\d+[a-z]?[:.]", re.IGNORECASE)


def evidence(line: Line, page: int) -> Heading:
    return Heading(page, line.number, line.text, line.font, round(line.size, 1), line.bold, line.small_caps)


def _larger(line: Line, before: Line | None, after: Line | None) -> bool:
    """Larger than the text on either side of it (a paragraph's last line is not)."""
    neighbours = [n.size for n in (before, after) if n is not None]
    return bool(neighbours) and line.size >= 1.08 * max(neighbours)


def _set_apart(line: Line) -> bool:
    """Space above it (or first in its column): a paragraph's last line has none."""
    return line.gap_above is None or line.gap_above >= 1.5 * line.size


def _styled(line: Line, before: Line | None, after: Line | None) -> bool:
    """Set like a heading: bold, capitals or small capitals, or larger than the text
    around it with space above."""
    letters = [c for c in line.text if c.isalpha()]
    capitals = len(letters) > 3 and all(c.isupper() for c in letters)
    return line.bold or line.small_caps or capitals or (_larger(line, before, after) and _set_apart(line))


def heading_candidates(page: PageText) -> tuple[list[Line], list[Line]]:
    """The strong and the weak references headings on ``page``, in reading order."""
    strong, weak = [], []
    lines = page.lines
    for i, line in enumerate(lines):
        if len(line.text) > 40 or not REFERENCES.match(line.key):
            continue
        before = lines[i - 1] if i > 0 else None
        after = lines[i + 1] if i + 1 < len(lines) else None
        if _styled(line, before, after):
            strong.append(line)
        elif _set_apart(line):
            weak.append(line)
    return strong, weak


def ends_references(line: Line, page: PageText, heading: Line | None) -> bool:
    """Whether ``line`` is the heading that follows the references."""
    body = page.body_size or line.size
    prominent = line.bold or line.small_caps or line.size >= 1.08 * body
    if not prominent or len(line.text) > 120:
        return False
    words = line.text.split()
    if not words or len(words) > 14 or CAPTION.match(line.text):
        return False
    key = line.key
    if REFERENCES.match(key):
        return False
    if APPENDIX.match(key) or LETTERED.match(line.text):
        return True
    if heading is not None:  # a heading of the same rank as "References"
        same = line.bold == heading.bold and line.size >= heading.size - 0.3
        return (same or line.size >= 1.08 * heading.size) and (
            line.text[0].isupper() or line.text[0].isdigit()
        )
    return False


def could_be_references(page: PageText) -> bool:
    """Whether a page could hold nothing but references: text with no line set as a
    heading (bold, or larger than the page's text) and no caption."""
    if page.blank or page.image_only:
        return False
    body = page.body_size or 0.0
    for line in page.lines:
        if CAPTION.match(line.text):
            return False
        if (line.bold or (body and line.size >= 1.08 * body)) and len(line.text.split()) <= 14:
            return False
    return True


_TITLE_WORDS = re.compile(_TITLES)
#: A heading is short: runs longer than this are lines of text, not "References".
_SHORT = 45


def might_hold_heading(scan: Scan) -> bool:
    """Whether a scanned page could hold a references heading: its short runs of text
    (read in the order the page sets them, so that a heading set letter by letter reads
    whole) say one of the titles somewhere.  Cheap: the runs of body text, the long ones,
    are not decoded.  A page that says no title cannot hold the heading; one that does is
    read in full by the rule."""
    short = [show_text(show) for show in scan.shows if show.glyphs <= _SHORT and not show.invisible]
    return bool(_TITLE_WORDS.search(normalise("".join(short))))
