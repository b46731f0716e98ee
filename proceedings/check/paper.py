"""The check of one PDF: :func:`check_pdf` reads the file once, scans every page
(:mod:`proceedings.pdf.content`), applies the rule (:mod:`proceedings.check.rule`) to the
text of the pages it asks for and the format checks (:mod:`proceedings.check.findings`) to
all of them, weighs the chair's decision, and returns one
:class:`~proceedings.check.records.CheckRecord`.  It never raises for a bad PDF: a file
that cannot be judged is a record with the verdict ``error``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import logging
import math
import re
from collections.abc import Iterator
from pathlib import Path

from pypdf.errors import LimitReachedError

from proceedings.check.findings import Pictures, format_findings
from proceedings.check.headings import might_hold_heading
from proceedings.check.margins import Frame
from proceedings.check.records import CheckRecord, Verdict, describe_decision, pages_phrase
from proceedings.check.rule import count_pages
from proceedings.check.verdict import judge
from proceedings.pdf.content import Scan, scan_page
from proceedings.pdf.fonts import Faces
from proceedings.pdf.objects import resolve, visible_box
from proceedings.pdf.opener import (
    DEFAULT_MAX_BYTES,
    TOO_MUCH,
    UnreadablePdf,
    one_line,
    read_pdf_bytes,
    reader_of,
)
from proceedings.pdf.text import PageText, page_text
from workshop.core.model import Decision, Track
from workshop.core.paperformat import PaperFormat

#: The most pages whose format is checked: more than any paper has (the rule itself reads
#: no further back than three times the track's maximum).
FORMAT_PAGES = 120
#: The most runs of text and marks held for a whole document's format (a paper has some
#: thousands): beyond it the format of the pages after is not checked, and the record says so.
FORMAT_ITEMS = 1_000_000


@dataclasses.dataclass(frozen=True)
class Task:
    """One file to check and what the data says about it (picklable for workers)."""

    path: Path
    shown: str  # how reports name the file
    paper_id: str | None
    track: Track
    decision: Decision | None = None
    strict_format: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES  # the largest file read (--max-pdf-size)
    format: PaperFormat = dataclasses.field(default_factory=PaperFormat)
    #: Where the margin finding's pictures go (None: none drawn), and the repository they are named from.
    findings_dir: Path | None = None
    root: Path | None = None

    @property
    def stem(self) -> str:
        """The name of the paper's pictures: its id, or the file's name."""
        return self.paper_id or re.sub(r"[^A-Za-z0-9._-]+", "-", self.path.stem) or "paper"


def check_pdf(task: Task) -> CheckRecord:
    """Check one PDF; every problem with the file becomes an ``error`` record."""
    base = CheckRecord(
        file=task.shown,
        paper_id=task.paper_id,
        track=task.track.id,
        pages_total=None,
        pages_counted=None,
        reference_pages=(),
        verdict=Verdict.ERROR,
        reasons=(),
        warnings=(),
        min_pages=task.track.min_pages,
        max_pages=task.track.max_pages,
        decision=task.decision,
    )
    try:
        with quiet_pypdf():
            return _check(task, base)
    except UnreadablePdf as error:
        return dataclasses.replace(base, reasons=(f"{task.shown} {error}",))
    except RecursionError:
        return dataclasses.replace(
            base, reasons=(f"{task.shown} is nested too deeply to read: export it again",)
        )
    except Exception as error:
        return dataclasses.replace(
            base,
            reasons=(
                f"{task.shown} cannot be read ({type(error).__name__}: {one_line(error)}): export it again",
            ),
        )


@contextlib.contextmanager
def quiet_pypdf() -> Iterator[None]:
    """pypdf logs what it repairs in a damaged file ("incorrect startxref pointer"): noise
    a chair cannot act on, printed between the report's lines.  The verdict says what
    matters."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    if level >= logging.CRITICAL:  # quiet already (a run of many papers): setLevel costs a cache purge
        yield
        return
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def _rotation(page: object) -> int:
    """A page's /Rotate in degrees (a multiple of 90; anything else is no turn, as viewers take it)."""
    value = resolve(page.get("/Rotate", 0))  # type: ignore[attr-defined]
    turn = isinstance(value, (int, float)) and math.isfinite(value) and int(value) % 90 == 0
    return int(value) % 360 if turn else 0  # type: ignore[arg-type]


def _check(task: Task, base: CheckRecord) -> CheckRecord:
    data = read_pdf_bytes(task.path, task.max_bytes)
    base = dataclasses.replace(base, sha256=hashlib.sha256(data).hexdigest())
    reader, encryption = reader_of(data)
    total = len(reader.pages)
    faces = Faces()
    scans: dict[int, Scan] = {}
    frames: dict[int, Frame] = {}
    texts: dict[int, PageText] = {}

    def scan(number: int) -> Scan:
        if number not in scans:
            try:
                page = reader.pages[number - 1]
                scans[number] = scan_page(page, faces)
                frames[number] = Frame(visible_box(page), _rotation(page))
            except RecursionError:
                raise
            except LimitReachedError as error:  # pypdf's bounds on what it unpacks: kept to, and said
                raise UnreadablePdf(
                    f"page {number} {TOO_MUCH} ({one_line(error)}): export it again"
                ) from None
            except Exception as error:
                raise UnreadablePdf(
                    f"page {number} cannot be read ({one_line(error)}): export it again"
                ) from None
        return scans[number]

    def page(number: int) -> PageText:
        if number not in texts:
            content = scan(number)
            media = reader.pages[number - 1].mediabox
            box = (float(media.left), float(media.bottom), float(media.right), float(media.top))
            texts[number] = page_text(content, number, box)
        return texts[number]

    held = 0
    checked = min(total, FORMAT_PAGES)
    for number in range(1, checked + 1):
        held += len(scan(number).shows) + len(scans[number].marks)
        if held > FORMAT_ITEMS:
            checked = number
            break
    track, decision = task.track, task.decision
    start_page = decision.references_start_page if decision else None
    count = count_pages(
        page,
        total,
        max_pages=track.max_pages,
        min_pages=track.min_pages,
        start_page=start_page,
        maybe=lambda number: might_hold_heading(scan(number)),
    )
    pictures = Pictures(task.findings_dir, task.stem, task.root, data)
    findings, shares = format_findings(reader, scans, frames, task.format, encryption, pictures)

    reasons: list[str] = []
    warnings = list(count.notes)
    limits = f"{track.pages} for {track.name.lower()}"
    counted = count.pages_counted
    if counted is not None:
        refs = (
            f"references only on {pages_phrase(count.reference_pages)}"
            if count.reference_pages
            else "no page holds only references"
        )
        if count.heading is not None:
            where = f"; references begin at {count.heading.describe()}"
        elif start_page is not None:
            where = f"; references begin on page {start_page} (chair's decision)"
        else:
            where = "; no references heading found"
        if count.end is not None:
            where += f"; they end at {count.end.describe()}"
        summary = f"{counted} of {total} pages count ({limits}): {refs}{where}"
    else:
        summary = f"{total} pages; the counted length is unknown ({limits})"
    judged = judge(
        track,
        decision,
        total=total,
        counted=counted,
        unsure=bool(count.unsure),
        findings=len(findings),
        strict_format=task.strict_format,
    )
    if judged.short_in_all:
        reasons.append(
            f"too short: {total} pages in all, even counting every page; the minimum is {track.min_pages}"
        )
    elif judged.too_short:
        reasons.append(f"too short: {counted} counted pages, the minimum is {track.min_pages}")
    if judged.too_long:
        reasons.append(f"too long: {counted} counted pages, the maximum is {track.max_pages}")
    reasons.extend(count.unsure)
    reasons.extend(count.doubts)
    # Format findings fail the paper only where the data says format is strict.
    if judged.strict_fail:
        reasons.extend(f"format (strict): {f.message}" for f in findings)
    if not task.strict_format:
        warnings.extend(f.message for f in findings)
    if checked < total:
        warnings.append(f"the format was checked on pages 1-{checked} only (of {total})")
    partial = sorted(n for n, content in scans.items() if not content.complete)
    if partial:
        warnings.append(
            f"{pages_phrase(partial)} hold more than the check reads of a page (8 MB of drawing, "
            "200,000 runs and marks, forms 8 deep): their format was checked on what was read"
        )
    reasons.insert(0, summary)
    if judged.length is not None:
        warnings.append(
            f"the chair's exception {'admits' if judged.admitted_by_decision else 'does not cover'} "
            f"{judged.length} pages ({describe_decision(decision)})"
        )

    return dataclasses.replace(
        base,
        pages_total=total,
        pages_counted=counted,
        reference_pages=count.reference_pages,
        verdict=judged.verdict,
        reasons=tuple(reasons),
        warnings=tuple(warnings),
        references_heading=count.heading,
        references_end=count.end,
        candidates=count.candidates,
        pages_read=count.pages_read,
        findings=tuple(findings),
        text_fonts=tuple(shares),
        admitted_by_decision=judged.admitted_by_decision,
    )
