"""The ``camera-ready`` finding: what a review-mode template leaves in a paper that should
have been set in its final mode.

* Line numbers in the margins: the ruler of the review modes of NeurIPS, ICML, ACL, CVPR
  (a column of numbers beside the text, one per line): a page with at least
  :data:`_RULER` numbers standing in one column outside the text area, rising down the page.
* Words of review mode: "Anonymous Author(s)", "Anonymous ACL submission", "Under review"
  (and "Preprint. Under review."), "Submitted to", "Do not distribute", "Confidential review
  copy", "double-blind review", "Submission #123".  Looked for where templates print them:
  page 1 above its abstract, and the head and foot of every page (text in running prose is
  not read: "submitted to the leaderboard" is no leftover).

Each is said with its page and the words found.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict

from workshop.engine.front import FrontLine, front_lines
from workshop.engine.pdf.content import Box, Scan
from workshop.engine.pdf.marks import Frame
from workshop.engine.pdf.text import show_text
from workshop.engine.records import Finding, marks_of, pages_phrase

#: Numbers in one column beside the text that make a ruler.
_RULER = 10
#: The head and foot of a page: this share of its height from either edge.
_BAND = 0.1
_WORDS = re.compile(
    r"(?i)\b(anonymous\s+authors?(?:\s*\(s\))?|anonymous\s+[a-z]+\s+submission|preprint\.?\s+under\s+review"
    r"|under\s+review|submitted\s+to|do\s+not\s+distribute|confidential\s+review\s+copy"
    r"|double[-\s]blind\s+review|submission\s*(?:#|no\.?|number)\s*\d+)"
)
_NUMBER = re.compile(r"\d{1,4}")
_ABSTRACT = re.compile(r"(?i)^\W*a\s*b\s*s\s*t\s*r\s*a\s*c\s*t\b")
#: Page 1's head: this share of its height from the top (the title, the authors).
_FRONT = 0.45
#: Pages whose head and foot are read (review banners repeat on every page).
_PAGES = 3

TODO = (
    "set the template in its final (camera-ready) mode: no line numbers, the authors' names, no "
    "review banner or footer (in LaTeX, e.g. \\usepackage[final]{...} or without [review])"
)


def camera_ready_findings(
    scans: dict[int, Scan],
    frames: dict[int, Frame],
    areas: dict[int, Box],
    first: list[FrontLine] | None = None,
) -> list[Finding]:
    """One finding for the paper's leftovers: each page and what was found there (``first``:
    page 1's lines, when they have been read)."""
    said: dict[int, list[str]] = defaultdict(list)
    boxes: dict[int, list[Box]] = defaultdict(list)
    for number in sorted(scans):
        ruler = _ruler(scans[number], frames[number], areas[number])
        if ruler:
            said[number].append(f"line numbers in the margin ({len(ruler)} of them)")
            boxes[number] += ruler
        if number <= _PAGES:
            lines = (
                first if number == 1 and first is not None else _lines(number, scans[number], frames[number])
            )
            for words, box in _phrases(number, lines, frames[number].size[1]):
                said[number].append(f'"{words}"')
                boxes[number].append(box)
    if not said:
        return []
    pages = sorted(said)
    listed = "; ".join(f"page {n}: {', '.join(dict.fromkeys(said[n]))}" for n in pages)
    message = f"review-mode leftovers on {pages_phrase(pages)}: {listed}"
    marks = tuple(marks_of(n, frames[n].size, areas[n], boxes[n]) for n in pages)
    return [Finding("camera-ready", message, tuple(pages), todo=TODO, marks=marks)]


def _ruler(scan: Scan, frame: Frame, area: Box) -> list[Box]:
    """The boxes of a ruler's numbers on the page (empty: no ruler)."""
    columns: dict[int, list[tuple[float, int, Box]]] = defaultdict(list)
    for show in scan.shows:
        if show.invisible or not show.upright or show.glyphs > 4:
            continue
        box = frame.seen(show.box)
        if area[0] <= box[0] and box[2] <= area[2]:  # inside the area's width: not a ruler
            continue
        text = show_text(show).strip()
        if _NUMBER.fullmatch(text):
            columns[round(box[2] / 6)].append((box[3], int(text), box))
    for numbers in columns.values():
        if len(numbers) < _RULER:
            continue
        numbers.sort(key=lambda n: -n[0])  # top to bottom
        values = [value for _, value, _ in numbers]
        rising = sum(1 for a, b in itertools.pairwise(values) if b > a)
        if rising >= 0.8 * (len(values) - 1):
            return [box for _, _, box in numbers]
    return []


def _lines(number: int, scan: Scan, frame: Frame) -> list[FrontLine]:
    """The lines of the page that may hold review mode's words (page 1's head, above the
    abstract, and every page's head and foot): only those runs are read."""
    height = frame.size[1]
    low, high = _BAND * height, (1 - (_FRONT if number == 1 else _BAND)) * height
    return front_lines(scan, frame, keep=lambda box: box[1] >= high or box[3] <= low)


def _phrases(number: int, lines: list[FrontLine], height: float) -> list[tuple[str, Box]]:
    """Review mode's words in the head and foot of the page (and on page 1 above its abstract)."""
    found = []
    front = number == 1
    for line in lines:
        if front and (_ABSTRACT.match(line.text) or line.box[1] < (1 - _FRONT) * height):
            front = False
        in_band = line.box[1] >= (1 - _BAND) * height or line.box[3] <= _BAND * height
        if not (front or in_band):
            continue
        for match in _WORDS.finditer(line.text):
            found.append((" ".join(match.group(0).split()), line.box))
    return found
