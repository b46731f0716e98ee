"""The page-limit rule: which pages count, found from what the PDF says about its lines.

Counted pages are the pages that hold anything other than references:

* the page where the references begin counts when anything precedes the heading
  on it (body text above it, or a whole column before it); it does not when the
  heading opens the page;
* pages that hold only references do not count (nor do blank pages among them);
* the references end at the next heading (an appendix, a lettered section such as
  "A Proofs", "Supplementary ...", or any heading set like the references heading);
  that page and every page after it count;
* a page among the references that holds a figure or table caption, or only an
  image, counts: it is not references.

The references heading is a line that says "References" or "Bibliography" (numbered
or not, in any case, letter-spaced, small caps, with ligatures or spaces that text
extraction adds or loses) *and* stands apart as a heading: alone on its line (one
baseline of one column), and bold, in capitals or small capitals, or larger than
the text around it with space above.  The same words in a sentence or a caption are
not a heading, nor is a running head (a line in the head or foot of the page that the
next page repeats at the same place).  A line that says it in plain type but with
space above is a weak candidate: used only when there is no other.

Where the rule is unsure (several candidates, a weak one, no heading at all), it counts
the pages under every reading it considers; when all of them give the same verdict, that
verdict stands with the doubt said (:attr:`Count.doubts`), and only otherwise does a chair
have to look (:attr:`Count.unsure`, the verdict "review").

Pages are read from the last one backwards and the scan stops at the heading, so a
paper costs the text of its last few pages; only when the count comes out too long
are earlier pages searched, to be sure no earlier heading was missed (each read in full
only when its short runs of text say a title).  No scan goes further
back than three times the track's maximum from the end: a file that long is not a
paper of the track, and the chair is asked to look.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from workshop.engine.headings import (
    CAPTION,
    REFERENCES,
    could_be_references,
    ends_references,
    evidence,
    heading_candidates,
)
from workshop.engine.pdf.text import Line, PageText
from workshop.engine.records import Heading, pages_phrase
from workshop.engine.verdict import Length, length_of

__all__ = ["REFERENCES", "Count", "count_pages"]

PageSource = Callable[[int], PageText]


@dataclasses.dataclass(frozen=True)
class Count:
    """What the rule found; ``unsure`` holds the reasons a chair must look (review)."""

    pages_total: int
    pages_counted: int | None
    reference_pages: tuple[int, ...] = ()
    heading: Heading | None = None
    end: Heading | None = None
    candidates: tuple[Heading, ...] = ()
    unsure: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    pages_read: int = 0
    #: Doubts that change nothing: every reading considered gives the same verdict.
    doubts: tuple[str, ...] = ()


def _agree(counts: list[int], min_pages: int | None, max_pages: int | None) -> Length | None:
    """What every reading's count is to the track (too short, within, too long), or None
    when they differ."""
    lengths = {length_of(c, min_pages, max_pages) for c in counts}
    return lengths.pop() if len(lengths) == 1 else None


def _span(counts: list[int]) -> str:
    low, high = min(counts), max(counts)
    return f"{low} counted pages" if low == high else f"{low} to {high} counted pages"


class _Pages:
    """The pages' text as the rule reads it, each page read once (:attr:`read`)."""

    def __init__(self, pages: PageSource) -> None:
        self.pages = pages
        self.read: dict[int, PageText] = {}

    def __call__(self, n: int) -> PageText:
        if n not in self.read:
            self.read[n] = self.pages(n)
        return self.read[n]


@dataclasses.dataclass
class _Found:
    """Where the rule takes the references to begin (``page`` None: nowhere), and what else
    it considers: the other lines that could be the heading (:attr:`readings`, and as
    evidence :attr:`others`); :attr:`weak` says why a heading in plain type is doubtful."""

    page: int | None = None
    line: Line | None = None
    others: list[Heading] = dataclasses.field(default_factory=list)
    readings: list[tuple[int, Line]] = dataclasses.field(default_factory=list)
    weak: str = ""
    notes: list[str] = dataclasses.field(default_factory=list)

    def add(self, n: int, lines: list[Line]) -> None:
        self.others += [evidence(line, n) for line in lines]
        self.readings += [(n, line) for line in lines]


def count_pages(
    pages: PageSource,
    total: int,
    *,
    max_pages: int | None = None,
    min_pages: int | None = None,
    start_page: int | None = None,
    maybe: Callable[[int], bool] | None = None,
) -> Count:
    """Apply the rule to a document of ``total`` pages read through ``pages`` (against a
    track of ``min_pages`` to ``max_pages``, which decide whether a doubt matters).
    ``maybe(n)`` says cheaply whether page ``n`` could hold a heading at all: the pages
    searched only for an earlier heading are read in full only when it says yes."""
    page = _Pages(pages)
    # The heading is looked for in the last pages only: three times the track's maximum
    # holds any paper with its references and appendices; a longer file is something else.
    floor = max(1, total - 3 * max_pages + 1) if max_pages else 1
    if start_page is not None and start_page > total:
        why = f"the chair's references_start_page {start_page} is beyond the last page ({total})"
        return Count(total, None, unsure=(why,), pages_read=0)
    found = _at_chairs_page(page, start_page) if start_page is not None else _search(page, total, floor)
    if found.page is None:
        return _not_found(page.read, total, floor, min_pages, max_pages)
    count = _classify(page, total, found.page, found.line, found.notes, chair=start_page is not None)
    # Too long: make sure no earlier heading was missed before saying so.
    counted = count.pages_counted
    too_long = max_pages is not None and counted is not None and counted > max_pages
    if start_page is None and too_long and not found.others:
        _search_earlier(page, found, floor, maybe)
    unsure, doubts = _weigh(page, total, count, found, min_pages, max_pages)
    image_only = [n for n, p in page.read.items() if p.image_only]
    if image_only and start_page is not None:
        found.notes.append(
            f"{pages_phrase(image_only)}: no text, only images: taken as references after "
            "the chair's start page"
        )
    elif image_only:
        unsure.append(
            f"{pages_phrase(image_only)}: no text, only images: check them by eye (a scan or a full-page figure)"
        )
    return dataclasses.replace(
        count,
        candidates=tuple(found.others),
        unsure=tuple(unsure),
        notes=tuple(found.notes),
        pages_read=len(page.read),
        doubts=tuple(doubts),
    )


def _at_chairs_page(page: _Pages, start_page: int) -> _Found:
    """The chair said where the references begin: the heading there, if any."""
    strong, weak = heading_candidates(page(start_page))
    chosen = strong or weak
    found = _Found(start_page, chosen[0] if chosen else None)
    if not chosen:
        found.notes.append(
            f"no references heading on page {start_page} (the chair's start page): the page is counted"
        )
    return found


def _search(page: _Pages, total: int, floor: int) -> _Found:
    """The references heading, looked for from the last page back to ``floor``: the last
    page with a heading set apart by its type, else the last line in plain type with space
    above (a weak heading)."""
    found = _Found()
    weak_seen: list[tuple[int, Line]] = []
    for n in range(total, floor - 1, -1):
        strong, weak = heading_candidates(page(n))
        strong = [s for s in strong if not _running_head(s, n, total, page, page.read)]
        weak = [w for w in weak if not _running_head(w, n, total, page, page.read)]
        if strong:
            found.page, found.line = n, strong[0]
            found.add(n, strong[1:])
            return found
        weak_seen += [(n, w) for w in reversed(weak)]
    if weak_seen:
        found.page, found.line = weak_seen[0]
        for n, line in weak_seen[1:]:
            found.add(n, [line])
        found.weak = (
            f'the references heading is not set apart by its type ("{found.line.text}" in plain '
            f"{found.line.size:.3g} pt on page {found.page})"
        )
    return found


def _search_earlier(page: _Pages, found: _Found, floor: int, maybe: Callable[[int], bool] | None) -> None:
    """Every strong heading on the pages before the one found (each read in full only when
    ``maybe`` says it could hold one), as other readings."""
    assert found.page is not None
    for n in range(found.page - 1, floor - 1, -1):
        if maybe is not None and n not in page.read and not maybe(n):
            continue
        strong, _ = heading_candidates(page(n))
        found.add(n, strong)


def _not_found(
    read: dict[int, PageText], total: int, floor: int, min_pages: int | None, max_pages: int | None
) -> Count:
    """No heading anywhere the rule looked."""
    if floor > 1:
        why = (
            f"no references heading in the last {total - floor + 1} pages of {total}, and a paper of "
            f"this track has at most {max_pages}: is this the right file? (The pages before were not "
            "read; decision.references_start_page says where the references begin.)"
        )
        return Count(total, None, pages_read=len(read), unsure=(why,))
    return _no_heading(total, read, min_pages, max_pages)


def _weigh(
    page: _Pages, total: int, count: Count, found: _Found, min_pages: int | None, max_pages: int | None
) -> tuple[list[str], list[str]]:
    """The readings the rule considers: each line that could be the heading, and where the
    heading is in plain type, none at all (every page counts).  When they all give one
    length, the doubt is said and the verdict stands (the doubts, second); otherwise a chair
    must look (the reasons to, first)."""
    counts = [count.pages_counted or total]
    counts += [
        _classify(page, total, n, line, [], chair=False).pages_counted or total for n, line in found.readings
    ]
    if found.weak:
        counts.append(total)
    agreed = _agree(counts, min_pages, max_pages)
    unsure: list[str] = []
    doubts: list[str] = []
    if found.weak:
        if agreed is None:
            unsure.append(
                f"{found.weak}: confirm where the references begin (decision.references_start_page)"
            )
        else:
            doubts.append(f"{found.weak}: read as the heading or not, {_span(counts)}, {agreed} either way")
    if found.others:
        listed = "; ".join(o.describe() for o in found.others)
        if agreed is None:
            unsure.append(
                f"more than one line looks like the references heading ({listed}): "
                "say where they begin with decision.references_start_page"
            )
        else:
            doubts.append(
                f"more than one line looks like the references heading ({listed}): every reading gives "
                f"{_span(counts)}, {agreed} whichever it is"
            )
    return unsure, doubts


def _running_head(line: Line, n: int, total: int, page: PageSource, read: dict[int, PageText]) -> bool:
    """A line in the head or foot of its page that the next page (or, on the last page,
    the one before) repeats at the same place: a running head, not a heading."""
    this = page(n)
    if 0.15 * this.height < line.y < 0.85 * this.height:
        return False
    if n + 1 in read:
        neighbour = read[n + 1]
    elif n > 1 and n == total:
        neighbour = page(n - 1)
    else:
        return False
    return any(
        abs(other.y - line.y) <= 2 and other.key == line.key
        for other in (*neighbour.lines, *neighbour.margin_lines)
    )


def _no_heading(total: int, read: dict[int, PageText], min_pages: int | None, max_pages: int | None) -> Count:
    """No heading on any page, every page read: a scan, or a paper without a reference list
    (or with one whose heading the tool cannot see)."""
    letters = sum(p.letters for p in read.values())
    image_only = [n for n, p in read.items() if p.image_only]
    if image_only and len(image_only) == len(read):
        reason = (
            "no page has a text layer (only images: a scan?): the references cannot be found; "
            "ask for a PDF with text or set decision.references_start_page"
        )
    elif letters < 50 * len(read):  # a page of text has thousands
        reason = (
            f"too little text to find the references ({letters} letters on {pages_phrase(sorted(read))}): "
            "a scan without text? Set decision.references_start_page"
        )
    else:
        # Every page was read and none has a heading: either the paper has no reference list
        # (every page counts) or one the tool cannot see, which can hold only the last pages
        # that could be nothing but references.  When every such reading agrees, say so.
        trailing = 0
        for n in range(total, 0, -1):
            if n not in read or not could_be_references(read[n]):
                break
            trailing += 1
        counts = [total - trailing, total]
        agreed = _agree(counts, min_pages, max_pages) if not image_only else None
        if agreed is not None:
            doubt = (
                f"no references heading found (all {total} pages read): a paper without a reference list, "
                f"or one whose heading the tool cannot see"
                + (
                    f" on the last {pages_phrase(list(range(total - trailing + 1, total + 1)))}"
                    if trailing
                    else ""
                )
                + f"; every reading gives {_span(counts)}, {agreed} either way: every page counted"
            )
            return Count(total, total, pages_read=len(read), doubts=(doubt,))
        reason = (
            "no references heading found (no line saying References or Bibliography set as a "
            f"heading; all {total} pages read): set decision.references_start_page"
        )
        if image_only:
            reason += f"; {pages_phrase(image_only)}: no text, only images"
    return Count(total, None, unsure=(reason,), pages_read=len(read))


def _classify(
    page: PageSource, total: int, start: int, heading: Line | None, notes: list[str], chair: bool
) -> Count:
    """Which pages from ``start`` on hold only references.  When a chair said where the
    references begin (``chair``), pages with nothing but an image after it are taken as
    references (a scan); otherwise such a page is something other than references."""
    reference_only: list[int] = []
    blank: list[int] = []
    end: Heading | None = None
    for n in range(start, total + 1):
        text = page(n)
        if text.blank:
            blank.append(n)
            continue
        lines = list(text.lines)
        other = False
        if n == start:
            if heading is None:
                other = True  # the chair's start page without a heading: assume it holds more
            else:
                other = heading.number > 1
                lines = lines[heading.number :]
        if end is None:
            end, other = _read_on(text, n, lines, heading, other, notes)
        else:
            other = True  # after the references: an appendix
        if text.image_only and not (chair and n > start):
            other = True
        if not other:
            reference_only.append(n)
    if blank:
        notes.append(f"blank {pages_phrase(blank)} among the last pages: not counted")
    counted = total - len(reference_only) - len(blank)
    return Count(
        total, counted, tuple(reference_only), evidence(heading, start) if heading is not None else None, end
    )


def _read_on(
    text: PageText, n: int, lines: list[Line], heading: Line | None, other: bool, notes: list[str]
) -> tuple[Heading | None, bool]:
    """Read ``lines`` of page ``n`` among the references: the heading that ends them (or
    None), and whether the page holds something other than references (``other`` already,
    that heading, or a caption)."""
    for line in lines:
        if ends_references(line, text, heading):
            return evidence(line, n), True
        if not other and CAPTION.match(line.text):
            notes.append(f'page {n} holds a caption among the references ("{line.text[:60]}"): counted')
            other = True
    return None, other
