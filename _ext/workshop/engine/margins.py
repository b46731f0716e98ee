"""The margin finding: text or drawings outside the template's text area, on any page.

The text area comes from the data (:class:`~workshop.core.rules.Format`: the
margins in points from each edge of the page as it is seen, its crop box turned by its
/Rotate).  A page of another size than the format's is measured from its own edges: the
margins are what a template keeps clear.  Every run of visible text (its advance from
where it starts to where it ends, and from its baseline to the height of capitals:
descenders may hang below the last line, as TeX sets them) and every painted path, image
and shading (as clipped) is compared with the area; what lies off the page is not seen
and not counted.  Anything past an edge by more than :data:`TOLERANCE` is a finding, with
its page, its side and how far past it is.

**A template's running head and page number are allowed.**  A line of text (or a thin
rule) that lies wholly in the top or bottom margin, inside the area's width, is the page's
furniture when it is no larger than the body text and either

* recurs: something stands as far from the page's edge (within 3 pt, 6 at most: heights
  are compared in bands of 3 pt) in the same margin on at least a third of the pages, and
  on two at least (a running head, a footer, a page number; what it says may change from
  page to page), or
* reads as a page number (``3``, ``iv``, ``Page 3``, ``3 of 10``).

Everything else in a margin is reported: a figure or a table that sticks out, a line of
text set past the column, a footnote below the area, a title above it.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter, defaultdict

from workshop.core.rules import MARGIN_TOLERANCE as TOLERANCE
from workshop.engine.pdf.content import Box, Scan, Show
from workshop.engine.pdf.marks import Frame
from workshop.engine.pdf.text import show_text
from workshop.engine.records import Finding

#: How close (pt) in height furniture on two pages must stand to count as the same.
_SAME_HEIGHT = 3.0
_PAGE_NUMBER = re.compile(r"(?i)(?:page\s*)?(?:\d{1,4}|[ivxlc]{1,7})(?:\s*(?:of|/)\s*\d{1,4})?")
#: Pages listed by name in the finding's message before "and N more".
_LISTED = 6


@dataclasses.dataclass(frozen=True)
class Overrun:
    """One thing past the area's edge."""

    page: int
    side: str  # top, bottom, left, right
    distance: float  # pt past the edge
    kind: str  # text, path, image, shading
    box: Box  # as seen
    text: str = ""

    def to_json(self) -> dict[str, object]:
        return {
            "page": self.page,
            "side": self.side,
            "distance": round(self.distance, 1),
            "kind": self.kind,
            "box": [round(v, 1) for v in self.box],
            **({"text": self.text} if self.text else {}),
        }


@dataclasses.dataclass
class _Item:
    page: int
    kind: str
    box: Box  # as seen, cut to the page
    show: Show | None = None  # the run of a text item
    size: float = 0.0


def _cut(box: Box, width: float, height: float) -> Box | None:
    x0, y0 = max(box[0], 0.0), max(box[1], 0.0)
    x1, y1 = min(box[2], width), min(box[3], height)
    return (x0, y0, x1, y1) if x0 <= x1 and y0 <= y1 else None


def area_of(margins: tuple[float, float, float, float], size: tuple[float, float]) -> Box:
    """The text area on a page of ``size`` for margins (top, bottom, left, right)."""
    top, bottom, left, right = margins
    return (left, bottom, size[0] - right, size[1] - top)


def _items(number: int, scan: Scan, frame: Frame, area: Box) -> list[_Item]:
    """What on the page passes the area's edge (the rest concerns neither the finding nor
    the furniture, which lies wholly in a margin)."""
    width, height = frame.size
    # Most of a page is well inside: in page space, where its boxes are, it needs no more.
    x0, y0 = frame.box[0], frame.box[1]
    inner = (
        area[0] + x0 + TOLERANCE,
        area[1] + y0 + TOLERANCE,
        area[2] + x0 - TOLERANCE,
        area[3] + y0 - TOLERANCE,
    )
    plain = frame.rotate % 360 == 0
    items = []
    for show in scan.shows:
        b = show.box
        bottom = show.y if show.upright else b[1]  # upright text from its baseline: descenders may hang
        if plain and b[0] >= inner[0] and b[2] <= inner[2] and b[3] <= inner[3] and bottom >= inner[1]:
            continue
        if show.invisible:
            continue
        box = frame.seen(show.box)
        if show.upright and plain:
            box = (box[0], max(box[1], show.y - frame.box[1]), box[2], box[3])
        cut = _cut(box, width, height)
        if cut is not None and (cut[2] - cut[0] > 0.01 or cut[3] - cut[1] > 0.01):
            items.append(_Item(number, "text", cut, show, show.size))
    for mark in scan.marks:
        b = mark.box
        if plain and b[0] >= inner[0] and b[1] >= inner[1] and b[2] <= inner[2] and b[3] <= inner[3]:
            continue
        cut = _cut(frame.seen(mark.box), width, height)
        if cut is not None:
            items.append(_Item(number, mark.kind, cut))
    return items


def _past(box: Box, area: Box) -> list[tuple[str, float]]:
    x0, y0, x1, y1 = box
    a0, b0, a1, b1 = area
    sides = [("left", a0 - x0), ("right", x1 - a1), ("bottom", b0 - y0), ("top", y1 - b1)]
    return [(side, distance) for side, distance in sides if distance > TOLERANCE]


def body_size(scans: dict[int, Scan]) -> float:
    """The size (to half a point) most of the visible text is printed in."""
    sizes: Counter[float] = Counter()
    for scan in scans.values():
        for show in scan.shows:
            if not show.invisible:
                sizes[round(show.size * 2) / 2] += show.glyphs
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _band(item: _Item, area: Box) -> str | None:
    """``top`` or ``bottom`` when the item lies wholly in that margin, within the area's width."""
    x0, y0, x1, y1 = item.box
    if x0 < area[0] - TOLERANCE or x1 > area[2] + TOLERANCE:
        return None
    if y0 >= area[3] - TOLERANCE:
        return "top"
    if y1 <= area[1] + TOLERANCE:
        return "bottom"
    return None


def _furniture(
    items: list[_Item], areas: dict[int, Box], heights: dict[int, float], pages: int, body: float
) -> set[int]:
    """The ids of the items that are a template's running heads, footers and page numbers
    (their height measured from the edge of their margin: pages may differ in size)."""
    candidates: list[tuple[_Item, str]] = []
    for item in items:
        side = _band(item, areas[item.page])
        if side is None:
            continue
        if item.kind == "text" and item.size > 1.1 * body:
            continue
        if item.kind != "text" and item.box[3] - item.box[1] > 2.0:  # a rule, not a figure
            continue
        candidates.append((item, side))

    def from_edge(item: _Item, side: str) -> float:
        return heights[item.page] - item.box[1] if side == "top" else item.box[1]

    # Heights in bands of 3 pt: what stands within 3 pt of a thing is in its band or the
    # next (6 pt at most); the pages of each band and its neighbours counted once.
    bands: dict[tuple[str, int], set[int]] = defaultdict(set)
    for item, side in candidates:
        bands[side, math.floor(from_edge(item, side) / _SAME_HEIGHT)].add(item.page)
    near: dict[tuple[str, int], int] = {}
    needed = max(2, math.ceil(pages / 3))
    allowed: set[int] = set()
    for item, side in candidates:
        band = math.floor(from_edge(item, side) / _SAME_HEIGHT)
        if (side, band) not in near:
            near[side, band] = len(bands[side, band - 1] | bands[side, band] | bands[side, band + 1])
        if near[side, band] >= needed or (
            item.show is not None and _PAGE_NUMBER.fullmatch(show_text(item.show).strip())
        ):
            allowed.add(id(item))
    return allowed


def overruns(
    scans: dict[int, Scan], frames: dict[int, Frame], margins: tuple[float, float, float, float]
) -> list[Overrun]:
    """Everything past the text area on every page, the template's furniture aside; for
    each thing the side it is furthest past."""
    items: list[_Item] = []
    areas: dict[int, Box] = {}
    for number in sorted(scans):
        frame = frames[number]
        areas[number] = area_of(margins, frame.size)
        items.extend(_items(number, scans[number], frame, areas[number]))
    heights = {number: frames[number].size[1] for number in scans}
    furniture = _furniture(items, areas, heights, len(scans), body_size(scans))
    found = []
    for item in items:
        if id(item) in furniture:
            continue
        past = _past(item.box, areas[item.page])
        if past:
            side, distance = max(past, key=lambda p: p[1])
            text = show_text(item.show).strip()[:40] if item.show is not None else ""
            found.append(Overrun(item.page, side, distance, item.kind, item.box, text))
    return found


def _what(kind: str) -> str:
    return {"text": "text", "path": "a drawing", "image": "an image", "shading": "a shading"}[kind]


def margin_findings(found: list[Overrun], images: dict[int, str]) -> list[Finding]:
    """One finding for the paper: per page, each side and the furthest thing past it."""
    if not found:
        return []
    by_page: dict[int, dict[str, Overrun]] = defaultdict(dict)
    for overrun in found:
        worst = by_page[overrun.page].get(overrun.side)
        if worst is None or overrun.distance > worst.distance:
            by_page[overrun.page][overrun.side] = overrun
    parts = []
    for page in sorted(by_page)[:_LISTED]:
        sides = []
        for side in ("top", "bottom", "left", "right"):
            furthest = by_page[page].get(side)
            if furthest is not None:
                said = f' ("{furthest.text}")' if furthest.text else ""
                sides.append(
                    f"{_what(furthest.kind)}{said} {furthest.distance:.1f} pt into the {side} margin"
                )
        parts.append(f"page {page}: {', '.join(sides)}")
    more = len(by_page) - _LISTED
    listed = "; ".join(parts) + (f"; and {more} more page{'s' if more > 1 else ''}" if more > 0 else "")
    pictures = f" (pictures: {', '.join(images[p] for p in sorted(images))})" if images else ""
    pages = sorted(by_page)
    return [
        Finding(
            "margin",
            f"outside the text area: {listed}{pictures}: keep text, figures and tables within the "
            "template's margins",
            tuple(pages),
            details=tuple(o.to_json() for page in pages for o in by_page[page].values()),
            files=tuple(images[p] for p in sorted(images)),
        )
    ]
