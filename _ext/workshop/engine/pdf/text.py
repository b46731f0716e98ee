"""Read a page of a paper's PDF as lines of text that know their type and place.

The page-limit rule needs more than the words: whether a line stands alone, how big
and how bold it is, where it sits.  The page's content scan (:mod:`workshop.engine.pdf.content`)
gives each run of text shown with its font, size and place; this module decodes the runs
the rule asks for (the font's map, :mod:`workshop.engine.pdf.fonts`) and turns them into
:class:`Line` objects (one per baseline and column) in reading order.  Nothing here knows
about references; see :mod:`workshop.engine.rule`.  The file is opened by
:mod:`workshop.engine.pdf.opener`.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections import Counter

from workshop.engine.pdf.content import Scan, Show, string_bytes

_NOT_LETTERS = re.compile(r"[\W\d_]+")
#: Spaces, and the format characters extraction leaves in words (soft hyphen, zero-width
#: spaces and joiners, word joiner, byte order mark).
_UNSEEN = re.compile(r"[\s\u00ad\u200b-\u200f\u2060-\u2064\ufeff]+")


@dataclasses.dataclass(frozen=True, slots=True)
class Run:
    """One run of text as pypdf reports it: one font, one baseline."""

    text: str
    x: float
    y: float
    size: float
    font: str
    bold: bool
    small_caps: bool


@dataclasses.dataclass(slots=True)
class Line:
    """The runs on one baseline within one column, left to right (numbered in place
    once the page's margins are set apart)."""

    text: str
    x: float
    y: float  # the baseline, in PDF user space (0 at the bottom)
    size: float  # the largest run's size, as printed
    font: str  # the largest run's font
    bold: bool  # every run with letters is bold
    small_caps: bool
    column: int
    number: int = 0  # 1-based position in reading order on the page
    gap_above: float | None = None  # baseline distance to the line above in the column

    @property
    def key(self) -> str:
        return normalise(self.text)


@dataclasses.dataclass(frozen=True)
class PageText:
    number: int  # 1-based
    width: float
    height: float
    lines: tuple[Line, ...]  # reading order, running heads and page numbers excluded
    margin_lines: tuple[Line, ...]  # running heads, page numbers, footers
    has_images: bool  # the page draws an image XObject (or a form that may hold one)
    graphics: bool  # the page draws something other than text
    letters: int  # letters in the text layer
    chars: int  # characters in the text layer
    body_size: float | None  # the size most of the page's text is printed in

    @property
    def blank(self) -> bool:
        return self.chars == 0 and not self.has_images and not self.graphics

    @property
    def image_only(self) -> bool:
        return self.chars == 0 and (self.has_images or self.graphics)


def normalise(text: str) -> str:
    """Text as a key for matching: ligatures and compatibility forms unfolded
    (NFKC), invisible format characters and every space dropped (letter-spaced
    headings, spaces lost or added by extraction), case folded."""
    return _UNSEEN.sub("", unicodedata.normalize("NFKC", text)).casefold()


# --- one page ------------------------------------------------------------------------------

#: A TJ adjustment wider than this (thousandths of an em, negative: a move right) is a
#: space between words: pdfTeX sets word spaces as -333 or so, kerning as -20 to -80.
_WORD_GAP = -200.0


def show_text(show: Show) -> str:
    """The characters a run shows, a space where a TJ adjustment leaves a word's gap."""
    face = show.face
    text = face.text if face is not None else (lambda token: string_bytes(token).decode("latin-1"))
    pieces = []
    for part in show.parts:
        if part[0] == 0x28 or part[0] == 0x3C:  # ( or <: a string
            pieces.append(text(part))
        elif float(part) <= _WORD_GAP and pieces and not pieces[-1].endswith(" "):
            pieces.append(" ")
    return "".join(pieces)


def read_runs(scan: Scan, left: float = 0.0, bottom: float = 0.0) -> tuple[list[Run], int]:
    """Every upright run of text of a scanned page (runs in one font and size that
    continue one another on a baseline joined: some writers set each glyph apart), and the count of characters in
    runs that are not upright (rotated stamps, vertical labels), which are content all
    the same.  Positions relative to the page's lower left corner (``left``, ``bottom``)."""
    runs: list[Run] = []
    rotated = 0
    last: Show | None = None
    for show in scan.shows:
        text = show_text(show).strip()
        if not text:
            continue
        if not show.upright:
            rotated += len(text)
            last = None
            continue
        face = show.face
        if (
            last is not None
            and runs
            and last.face is face
            and abs(last.size - show.size) < 0.05
            and abs(last.y - show.y) < 0.5
            and -0.5 < show.x - last.end < 0.2 * show.size
        ):
            previous = runs[-1]
            runs[-1] = dataclasses.replace(previous, text=previous.text + text)
        else:
            name, bold, small_caps = (
                (face.name, face.bold, face.small_caps) if face else ("unknown", False, False)
            )
            runs.append(Run(text, show.x - left, show.y - bottom, show.size, name, bold, small_caps))
        last = show
    return runs, rotated


def page_text(scan: Scan, number: int, box: tuple[float, float, float, float]) -> PageText:
    """The text of a scanned page (``number`` 1-based, ``box`` its media box) as lines
    in reading order."""
    left, bottom, right, top = box
    width, height = right - left, top - bottom
    runs, rotated = read_runs(scan, left, bottom)
    lines = _lines(runs, width)
    body, margin = _split_margins(lines, height)
    text = "".join(r.text for r in runs)
    letters = len(_NOT_LETTERS.sub("", text))
    chars = len(text) + rotated
    return PageText(
        number,
        width,
        height,
        tuple(body),
        tuple(margin),
        scan.images,
        bool(scan.marks),
        letters,
        chars,
        _body_size(body),
    )


def _body_size(lines: list[Line]) -> float | None:
    """The size (to half a point) that most of the characters on the page have."""
    sizes: Counter[float] = Counter()
    for line in lines:
        sizes[round(line.size * 2) / 2] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else None


def _two_columns(runs: list[Run], width: float) -> bool:
    """A page is set in two columns when many runs start at one left edge in its right half."""
    starts = Counter(round(r.x) for r in runs if width / 2 <= r.x < width * 0.8)
    return bool(starts) and starts.most_common(1)[0][1] >= 5


def _lines(runs: list[Run], width: float) -> list[Line]:
    middle = width / 2 if _two_columns(runs, width) else float("inf")
    ordered = sorted(((int(r.x >= middle), -r.y, r.x, r) for r in runs), key=lambda t: t[:3])
    groups: list[tuple[int, list[Run]]] = []
    for column, _, _, run in ordered:
        if groups:
            last_column, group = groups[-1]
            first = group[0]
            if last_column == column and abs(first.y - run.y) <= 0.3 * max(first.size, run.size):
                group.append(run)
                continue
        groups.append((column, [run]))
    lines = []
    for column, group in groups:
        if len(group) == 1:
            run = group[0]
            lines.append(Line(run.text, run.x, run.y, run.size, run.font, run.bold, run.small_caps, column))
            continue
        group.sort(key=lambda r: r.x)
        main = max(group, key=lambda r: (r.size, len(r.text)))
        lettered = [r for r in group if not _NOT_LETTERS.fullmatch(r.text)] or group
        text = " ".join(r.text for r in group)
        small_caps = any(r.small_caps for r in lettered) or (len(text) <= 60 and _caps_run(group))
        lines.append(
            Line(
                text,
                group[0].x,
                main.y,
                main.size,
                main.font,
                all(r.bold for r in lettered),
                small_caps,
                column,
            )
        )
    return lines


def _caps_run(group: list[Run]) -> bool:
    """Small capitals faked with two sizes of capitals: "R" then "EFERENCES" smaller."""
    letters = "".join(r.text for r in group)
    sizes = {round(r.size, 1) for r in group}
    return len(sizes) > 1 and letters.replace(" ", "").isupper()


def _split_margins(lines: list[Line], height: float) -> tuple[list[Line], list[Line]]:
    """Running heads, page numbers and footers apart from the page's content.

    A margin line sits in the outer band of the page (the top or bottom 12%), is not
    larger than the text below it, and is set apart from the rest by a gap wider
    than ordinary line spacing: the layout of every template's head and foot.
    """
    if not lines:
        return [], []
    by_height = sorted(lines, key=lambda ln: -ln.y)
    margin: set[int] = set()
    band = 0.12 * height

    def peel(ordered: list[Line], outer: bool) -> None:
        for i, line in enumerate(ordered[:3]):
            inside = (height - line.y) <= band if outer else line.y <= band
            if not inside:
                return
            rest = ordered[i + 1 :]
            if not rest:
                return
            gap = abs(line.y - rest[0].y)
            if gap < 1.6 * max(line.size, rest[0].size) or line.size > 1.15 * rest[0].size:
                return
            margin.add(id(line))

    peel(by_height, outer=True)
    peel(by_height[::-1], outer=False)
    body = [ln for ln in lines if id(ln) not in margin]
    previous: dict[int, Line] = {}
    for n, line in enumerate(body, start=1):
        above = previous.get(line.column)
        line.number = n
        line.gap_above = (above.y - line.y) if above is not None else None
        previous[line.column] = line
    return body, [ln for ln in lines if id(ln) in margin]
