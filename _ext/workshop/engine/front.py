"""Page 1 read as an index reads it: its lines with their size, face and box, the title (the
largest text near the top, as Google Scholar's reader takes it) and the author block (from
under the title to the abstract), for :mod:`workshop.engine.metadata`.

Superscript marks (affiliation numbers, footnote signs) are set smaller than the text they
follow: a line keeps only the runs near its largest size, and a line of nothing but marks is
dropped.  Boxes are in points from the page's lower left corner, as the page is seen.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

from workshop.engine.pdf.content import Box, Scan
from workshop.engine.pdf.marks import Frame, Show
from workshop.engine.pdf.text import show_text

#: A run smaller than this share of its line's largest is a superscript or a mark.
_MARK_SHARE = 0.8
#: A title is set at least this much larger than the page's text, on at most so many lines.
_TITLE_SHARE = 1.15
_TITLE_LINES = 4
#: Only text in the top share of page 1 may be the title.
_TITLE_BAND = 0.5
#: Lines of only marks: numbers, commas, footnote signs, a letter or two (a, b; *, dagger).
_MARKS_ONLY = re.compile(r"[\d\s,;.*\u2217\u2020\u2021\u00a7\u00b6#'\u2032a-e]{0,12}")
#: What ends the author block: the abstract's heading, or the first section's.
_ENDS_BLOCK = re.compile(r"(?i)^\W*(?:a\s*b\s*s\s*t\s*r\s*a\s*c\s*t\b|(?:1\.?|I\.)?\s*introduction\b)")
#: A column of a line longer than this (characters) may be running text (a column of two holds ~50).
_LONG = 35
#: The most runs of page 1 read for its front matter (a page of a paper has some thousands).
_MOST_SHOWS = 20000


@dataclasses.dataclass(frozen=True)
class FrontLine:
    """One line of page 1: its text (superscript marks left out), its largest size, the
    face of its largest run, whether that is bold, and its box."""

    text: str
    size: float
    font: str
    bold: bool
    box: Box
    #: The length of each stretch of the line between gaps wider than two ems (the columns
    #: of a page, or of a grid of authors).
    cells: tuple[int, ...] = ()


@dataclasses.dataclass(frozen=True)
class Front:
    """What page 1 says at its head: the title's lines and the author block's lines."""

    title: tuple[FrontLine, ...]
    block: tuple[FrontLine, ...]

    @property
    def title_text(self) -> str:
        return join_lines([line.text for line in self.title])

    @property
    def title_box(self) -> Box:
        return union([line.box for line in self.title])


def join_lines(texts: list[str]) -> str:
    """Lines as one text: a word broken with a hyphen at a line's end is joined whole
    (its hyphen kept: the comparison drops hyphens)."""
    out = ""
    for text in texts:
        if out.endswith("-"):
            out += text
        else:
            out = f"{out} {text}" if out else text
    return out


def union(boxes: list[Box]) -> Box:
    if not boxes:
        return (0.0, 0.0, 0.0, 0.0)
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def front_lines(scan: Scan, frame: Frame, keep: Callable[[Box], bool] | None = None) -> list[FrontLine]:
    """A page's upright, visible text as lines, top to bottom, left to right (only the runs
    whose box ``keep`` keeps, when given)."""
    pieces = []
    for show in scan.shows[:_MOST_SHOWS]:
        if show.invisible or not show.upright or show.size <= 0:
            continue
        box = frame.seen(show.box)
        if keep is not None and not keep(box):
            continue
        text = show_text(show)
        if text.strip():
            pieces.append((box, show, text))
    pieces.sort(key=lambda p: (-(p[0][1] + p[0][3]) / 2, p[0][0]))
    groups: list[list[tuple[Box, Show, str]]] = []
    for piece in pieces:
        box, show = piece[0], piece[1]
        middle = (box[1] + box[3]) / 2
        if groups:
            first_box, first = groups[-1][0][0], groups[-1][0][1]
            if abs((first_box[1] + first_box[3]) / 2 - middle) <= 0.3 * max(first.size, show.size):
                groups[-1].append(piece)
                continue
        groups.append([piece])
    lines = [_line(group) for group in groups]
    return [line for line in lines if line is not None]


def _line(group: list[tuple[Box, Show, str]]) -> FrontLine | None:
    largest = max(show.size for _, show, _ in group)
    kept = sorted((p for p in group if p[1].size >= _MARK_SHARE * largest), key=lambda p: p[0][0])
    text = ""
    cells = [0]
    last: tuple[Box, Show, str] | None = None
    for piece in kept:
        box, show, words = piece
        if last is not None:
            gap = box[0] - last[0][2]
            if gap > 2 * show.size:
                cells.append(0)
            if gap > 0.15 * show.size and not text.endswith(" ") and not words.startswith(" "):
                text += " "
        text += words
        cells[-1] += len(words.strip())
        last = piece
    text = " ".join(text.split())
    if not text or _MARKS_ONLY.fullmatch(text):
        return None
    main = max(kept, key=lambda p: (p[1].size, len(p[2])))[1]
    face = main.face
    box = union([p[0] for p in kept])
    return FrontLine(
        text, largest, face.name if face else "unknown", bool(face and face.bold), box, tuple(cells)
    )


def read_front(lines: list[FrontLine], frame: Frame) -> Front | None:
    """Page 1's title and author block from its ``lines`` (:func:`front_lines`), or None when
    it has no text to read them from."""
    height = frame.size[1]
    top = [line for line in lines if line.box[3] >= (1 - _TITLE_BAND) * height]
    biggest = max((line.size for line in top), default=0.0)
    if not top or biggest < _TITLE_SHARE * _body_size(lines):  # no title set apart from the text
        return None
    first = next(i for i, line in enumerate(lines) if line in top and line.size >= biggest - 0.5)
    end = first
    while (
        end + 1 < len(lines)
        and end - first < _TITLE_LINES - 1
        and lines[end + 1].size >= biggest - 0.5
        and lines[end].box[1] - lines[end + 1].box[3] < 1.2 * biggest
    ):
        end += 1
    title = tuple(lines[first : end + 1])
    rest = lines[end + 1 :]
    body = _body_size(lines)
    block: list[FrontLine] = []
    for i, line in enumerate(rest):
        if _ENDS_BLOCK.match(line.text) or len(block) >= 40 or _paragraph(line, rest[i + 1 : i + 2], body):
            break
        block.append(line)
    return Front(title, tuple(block))


def _body_size(lines: list[FrontLine]) -> float:
    sizes: dict[float, int] = {}
    for line in lines:
        sizes[round(line.size, 1)] = sizes.get(round(line.size, 1), 0) + len(line.text)
    return max(sizes, key=sizes.__getitem__)


def _paragraph(line: FrontLine, after: list[FrontLine], body: float) -> bool:
    """``line`` opens a paragraph of running text (the body, where no heading says Abstract):
    it and the next are lines of the page's body size whose every column is long (a grid
    of authors has short cells: a name, an affiliation, an address)."""
    return (
        abs(line.size - body) < 0.2
        and min(line.cells, default=0) > _LONG
        and bool(after)
        and min(after[0].cells, default=0) > _LONG
        and abs(after[0].size - line.size) < 0.2
    )
