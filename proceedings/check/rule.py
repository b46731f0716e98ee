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
space above is a weak candidate: used only when there is no other, and then the
verdict is "review".

Pages are read from the last one backwards and the scan stops at the heading, so a
paper costs the text of its last few pages; only when the count comes out too long
is the rest read, to be sure no earlier heading was missed.  No scan goes further
back than three times the track's maximum from the end: a file that long is not a
paper of the track, and the chair is asked to look.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

from proceedings.check.records import Heading, pages_phrase
from proceedings.pdf.text import Line, PageText

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


def _ends_references(line: Line, page: PageText, heading: Line | None) -> bool:
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


def count_pages(
    pages: PageSource, total: int, *, max_pages: int | None = None, start_page: int | None = None
) -> Count:
    """Apply the rule to a document of ``total`` pages read through ``pages``."""
    read: dict[int, PageText] = {}

    def page(n: int) -> PageText:
        if n not in read:
            read[n] = pages(n)
        return read[n]

    # The heading is looked for in the last pages only: three times the track's maximum
    # holds any paper with its references and appendices; a longer file is something else.
    floor = max(1, total - 3 * max_pages + 1) if max_pages else 1
    unsure: list[str] = []
    notes: list[str] = []
    heading_line: Line | None = None
    heading_page: int | None = None
    others: list[Heading] = []

    if start_page is not None:
        if start_page > total:
            return Count(
                total,
                None,
                unsure=(f"the chair's references_start_page {start_page} is beyond the last page ({total})",),
                pages_read=0,
            )
        heading_page = start_page
        strong, weak = heading_candidates(page(start_page))
        found = strong or weak
        if found:
            heading_line = found[0]
        else:
            notes.append(
                f"no references heading on page {start_page} (the chair's start page): the page is counted"
            )
    else:
        weak_seen: list[tuple[int, Line]] = []
        for n in range(total, floor - 1, -1):
            strong, weak = heading_candidates(page(n))
            strong = [s for s in strong if not _running_head(s, n, total, page, read)]
            weak = [w for w in weak if not _running_head(w, n, total, page, read)]
            if strong:
                heading_page, heading_line = n, strong[0]
                others += [evidence(s, n) for s in strong[1:]]
                break
            weak_seen += [(n, w) for w in reversed(weak)]
        if heading_line is None and weak_seen:
            heading_page, heading_line = weak_seen[0]
            others += [evidence(w, n) for n, w in weak_seen[1:]]
            unsure.append(
                f'the references heading is not set apart by its type ("{heading_line.text}" in plain '
                f"{heading_line.size:.3g} pt on page {heading_page}): confirm where the references begin "
                "(decision.references_start_page)"
            )

    if heading_page is None:
        if floor > 1:
            return Count(
                total,
                None,
                pages_read=len(read),
                unsure=(
                    *unsure,
                    (
                        f"no references heading in the last {total - floor + 1} pages of {total}, and a paper of "
                        f"this track has at most {max_pages}: is this the right file? (The pages before were not "
                        "read; decision.references_start_page says where the references begin.)"
                    ),
                ),
            )
        return _no_heading(total, read, unsure)

    count = _classify(page, total, heading_page, heading_line, notes, chair=start_page is not None)

    # Too long: make sure no earlier heading was missed before saying so.
    if (
        start_page is None
        and max_pages is not None
        and count.pages_counted is not None
        and count.pages_counted > max_pages
        and not others
    ):
        for n in range(heading_page - 1, floor - 1, -1):
            strong, _ = heading_candidates(page(n))
            others += [evidence(s, n) for s in strong]
    if others:
        listed = "; ".join(o.describe() for o in others)
        unsure.append(
            f"more than one line looks like the references heading ({listed}): "
            "say where they begin with decision.references_start_page"
        )
    image_only = [n for n, p in read.items() if p.image_only]
    if image_only and start_page is not None:
        notes.append(
            f"{pages_phrase(image_only)}: no text, only images: taken as references after "
            "the chair's start page"
        )
    elif image_only:
        unsure.append(
            f"{pages_phrase(image_only)}: no text, only images: "
            "check them by eye (a scan or a full-page figure)"
        )
    return dataclasses.replace(
        count, candidates=tuple(others), unsure=tuple(unsure), notes=tuple(notes), pages_read=len(read)
    )


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


def _no_heading(total: int, read: dict[int, PageText], unsure: list[str]) -> Count:
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
        reason = (
            "no references heading found (no line saying References or Bibliography set as a "
            f"heading; all {total} pages read): set decision.references_start_page"
        )
        if image_only:
            reason += f"; {pages_phrase(image_only)}: no text, only images"
    return Count(total, None, unsure=(*unsure, reason), pages_read=len(read))


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
            for line in lines:
                if _ends_references(line, text, heading):
                    end = evidence(line, n)
                    other = True
                    break
                if not other and CAPTION.match(line.text):
                    notes.append(
                        f'page {n} holds a caption among the references ("{line.text[:60]}"): counted'
                    )
                    other = True
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
