"""Document-level structures of the PDFs the volume build writes: destinations,
bookmarks (outlines) and named-destination trees (the document information and XMP:
:mod:`proceedings.volume.docinfo`).

Each writer puts its objects into a :class:`~proceedings.volume.pdfout.PdfOut` and returns
the number of the object a parent refers to.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable, Hashable, Sequence

from proceedings.volume.copy import OutlineItem, PageInfo
from proceedings.volume.pdfout import PdfOut, array, number

#: Entries per leaf (and kids per node) of a named-destination tree.
NAME_TREE_FANOUT = 64


def dest(number_: int, page: PageInfo) -> bytes:
    """A destination: the top of a page, zoom unchanged (the whole page if it is turned)."""
    if page.rotate:
        return b"[%d 0 R /Fit]" % number_
    return b"[%d 0 R /XYZ %b %b null]" % (number_, number(page.box[0]), number(page.top))


@dataclasses.dataclass
class Bookmark:
    """An outline item to write: its title (a PDF string), where it goes, what it holds."""

    title: bytes
    dest: bytes | None
    children: list[Bookmark]
    open: bool = False


def from_paper(items: list[OutlineItem], resolve: Callable[[Hashable], int]) -> list[Bookmark]:
    """A paper's own outline, its destinations numbered for the file being written."""
    return [
        Bookmark(
            item.title,
            item.dest.render(resolve) if item.dest else None,
            from_paper(item.children, resolve),
            item.open,
        )
        for item in items
    ]


def write_outline(out: PdfOut, parent: int, items: list[Bookmark]) -> tuple[int, int, int]:
    """Write bookmarks under ``parent``; returns (first, last, visible descendants)."""
    numbers = [out.reserve() for _ in items]
    visible = len(items)
    for i, (item, num) in enumerate(zip(items, numbers, strict=True)):
        body = b"<< /Title %b /Parent %d 0 R" % (item.title, parent)
        if i:
            body += b" /Prev %d 0 R" % numbers[i - 1]
        if i + 1 < len(items):
            body += b" /Next %d 0 R" % numbers[i + 1]
        if item.children:
            first, last, count = write_outline(out, num, item.children)
            body += b" /First %d 0 R /Last %d 0 R /Count %d" % (first, last, count if item.open else -count)
            if item.open:
                visible += count
        if item.dest is not None:
            body += b" /Dest " + item.dest
        out.put(num, body + b" >>")
    return numbers[0], numbers[-1], visible


def outline_root(out: PdfOut, items: list[Bookmark]) -> int | None:
    if not items:
        return None
    root = out.reserve()
    first, last, count = write_outline(out, root, items)
    out.put(root, b"<< /Type /Outlines /First %d 0 R /Last %d 0 R /Count %d >>" % (first, last, count))
    return root


def _hex(key: bytes) -> bytes:
    return b"<" + key.hex().upper().encode() + b">"


Leaf = tuple[bytes, bytes, int]  # first key, last key, object number


def write_leaves(out: PdfOut, entries: Sequence[tuple[bytes, bytes]]) -> list[Leaf]:
    """Name-tree leaves for sorted (key, value) pairs."""
    leaves = []
    for start in range(0, len(entries), NAME_TREE_FANOUT):
        chunk = entries[start : start + NAME_TREE_FANOUT]
        num = out.reserve()
        names = b" ".join(_hex(key) + b" " + value for key, value in chunk)
        out.put(num, b"<< /Limits [%b %b] /Names [%b] >>" % (_hex(chunk[0][0]), _hex(chunk[-1][0]), names))
        leaves.append((chunk[0][0], chunk[-1][0], num))
    return leaves


def write_name_tree(out: PdfOut, leaves: list[Leaf]) -> int | None:
    """The root of a name tree over leaves whose key ranges do not overlap."""
    if not leaves:
        return None
    level = sorted(leaves)
    for (_, last, _), (first, _, _) in itertools.pairwise(level):
        assert last < first, "named-destination ranges overlap"
    while len(level) > NAME_TREE_FANOUT:
        parents = []
        for start in range(0, len(level), NAME_TREE_FANOUT):
            chunk = level[start : start + NAME_TREE_FANOUT]
            num = out.reserve()
            out.put(
                num,
                b"<< /Limits [%b %b] /Kids %b >>"
                % (_hex(chunk[0][0]), _hex(chunk[-1][1]), array([n for _, _, n in chunk])),
            )
            parents.append((chunk[0][0], chunk[-1][1], num))
        level = parents
    root = out.reserve()
    out.put(root, b"<< /Kids %b >>" % array([n for _, _, n in level]))
    return root
