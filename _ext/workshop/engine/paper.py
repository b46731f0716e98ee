"""The check of one PDF: :func:`check_pdf` reads the file once
(:class:`~workshop.engine.pdf.document.Document`), scans every page, applies the rule
(:mod:`workshop.engine.rule`) to the text of the pages it asks for and the format checks
(:mod:`workshop.engine.findings`) to all of them, has the verdict judged
(:mod:`workshop.engine.verdict`) and said (:mod:`workshop.engine.explain`), and returns one
:class:`~workshop.engine.records.CheckRecord`.

It never raises for a bad PDF: a file that cannot be judged (the reading layer's
:class:`~workshop.engine.pdf.opener.UnreadablePdf`, or a nesting too deep for Python) is a
record with the verdict ``error``.  Anything else that escapes is a bug, and is left to
raise (see :mod:`workshop.core.problems`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import logging
import re
from collections.abc import Iterator
from pathlib import Path

from workshop.core.rules import Decision, Track
from workshop.engine.explain import explain
from workshop.engine.findings import Draw, format_findings
from workshop.engine.headings import might_hold_heading
from workshop.engine.pdf.document import Document
from workshop.engine.pdf.opener import DEFAULT_MAX_BYTES, UnreadablePdf, bounded, read_pdf_bytes
from workshop.engine.records import CheckRecord, Verdict
from workshop.engine.rule import count_pages
from workshop.engine.verdict import judge

#: The most pages whose format is checked: more than any paper has (the rule itself reads
#: no further back than three times the track's maximum).
FORMAT_PAGES = 120
#: The most runs of text and marks held for a whole document's format (a paper has some
#: thousands): beyond it the format of the pages after is not checked, and the record says so.
FORMAT_ITEMS = 1_000_000


@dataclasses.dataclass(frozen=True)
class Task:
    """One file to check and what the rules say of it (picklable for workers): its track
    (limits and format), the chair's decision, whether format findings fail it."""

    path: Path
    shown: str  # how reports name the file
    paper_id: str | None
    track: Track
    decision: Decision | None = None
    strict_format: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES  # the largest file read (--max-pdf-size)
    #: Where the chairs' tool puts the margin finding's pictures (None: none drawn), and the
    #: repository they are named from: the engine only hands them on (see :data:`Draw`).
    findings_dir: Path | None = None
    root: Path | None = None

    @property
    def stem(self) -> str:
        """The name of the paper's pictures: its id, or the file's name."""
        return self.paper_id or re.sub(r"[^A-Za-z0-9._-]+", "-", self.path.stem) or "paper"


def check_pdf(task: Task, draw: Draw | None = None, data: bytes | None = None) -> CheckRecord:
    """Check one PDF: ``data``, or the file at ``task.path``; ``draw`` draws the margin
    finding's pictures.  Every problem with the file becomes an ``error`` record."""
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
            return _check(task, base, draw, data)
    except UnreadablePdf as error:
        return dataclasses.replace(base, reasons=(f"{task.shown} {error}",))
    except RecursionError:  # pypdf's parser (or the scan) in a structure nested without end
        return dataclasses.replace(
            base, reasons=(f"{task.shown} is nested too deeply to read: export it again",)
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


def _format_pages(doc: Document) -> int:
    """Scan the pages whose format is checked (every page, up to :data:`FORMAT_PAGES` and
    :data:`FORMAT_ITEMS`); how many that is."""
    held = 0
    checked = min(doc.total, FORMAT_PAGES)
    for number in range(1, checked + 1):
        scan = doc.scan(number)
        held += len(scan.shows) + len(scan.marks)
        if held > FORMAT_ITEMS:
            return number
    return checked


def _check(task: Task, base: CheckRecord, draw: Draw | None, data: bytes | None) -> CheckRecord:
    data = read_pdf_bytes(task.path, task.max_bytes) if data is None else bounded(data, task.max_bytes)
    base = dataclasses.replace(base, sha256=hashlib.sha256(data).hexdigest())
    doc = Document(data)
    checked = _format_pages(doc)
    track, decision = task.track, task.decision
    count = count_pages(
        doc.text,
        doc.total,
        max_pages=track.max_pages,
        min_pages=track.min_pages,
        start_page=decision.references_start_page if decision else None,
        maybe=lambda number: might_hold_heading(doc.scan(number)),
    )
    findings, shares = format_findings(
        doc.reader, doc.scans, doc.frames, track.format, doc.encryption, draw, data
    )
    judged = judge(
        track,
        decision,
        total=doc.total,
        counted=count.pages_counted,
        unsure=bool(count.unsure),
        findings=len(findings),
        strict_format=task.strict_format,
    )
    partial = sorted(n for n, content in doc.scans.items() if not content.complete)
    reasons, warnings = explain(
        track,
        decision,
        count,
        judged,
        findings,
        strict_format=task.strict_format,
        checked=checked,
        partial=partial,
    )
    return dataclasses.replace(
        base,
        pages_total=doc.total,
        pages_counted=count.pages_counted,
        reference_pages=count.reference_pages,
        verdict=judged.verdict,
        reasons=reasons,
        warnings=warnings,
        references_heading=count.heading,
        references_end=count.end,
        candidates=count.candidates,
        pages_read=count.pages_read,
        findings=tuple(findings),
        text_fonts=tuple(shares),
        admitted_by_decision=judged.admitted_by_decision,
    )
