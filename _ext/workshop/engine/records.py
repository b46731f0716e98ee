"""What the page-limit check says about one PDF, with its evidence.

A :class:`CheckRecord` is the unit every report is made of: the terminal table, the
``report.json`` file, ``--json`` on standard output, and the volume build, which
refuses a paper unless :attr:`CheckRecord.admitted`.  Records are plain frozen data
(picklable, so worker processes can send them back) and serialise with
:meth:`CheckRecord.to_json` in a fixed key order, so the same input gives the same bytes.
"""

from __future__ import annotations

import dataclasses
import enum
from typing import Any

from workshop.core.rules import Decision


class Verdict(enum.StrEnum):
    PASS = "pass"  # within the track's limits
    FAIL = "fail"  # outside them (or a strict format finding)
    REVIEW = "review"  # the tool is not sure: a chair must look
    ERROR = "error"  # the file cannot be read at all


@dataclasses.dataclass(frozen=True)
class Heading:
    """A line the rule used as evidence: where it is and what the PDF says about it."""

    page: int  # 1-based
    line: int  # 1-based, in reading order on the page (columns left to right)
    text: str  # as extracted
    font: str  # the font's name without its subset prefix
    size: float  # in points, as printed on the page
    bold: bool
    small_caps: bool = False

    def describe(self) -> str:
        style = (
            f"{self.font}, {self.size:g} pt"
            + (", bold" if self.bold else "")
            + (", small capitals" if self.small_caps else "")
        )
        return f'page {self.page}, line {self.line}: "{self.text}" ({style})'

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Heading:
        return cls(
            int(data["page"]),
            int(data["line"]),
            str(data["text"]),
            str(data["font"]),
            float(data["size"]),
            bool(data["bold"]),
            bool(data.get("small_caps", False)),
        )


@dataclasses.dataclass(frozen=True)
class Finding:
    """A format finding: does not change the verdict unless the data makes format strict."""

    code: str  # page-size, mixed-sizes, margin, fonts-not-embedded, type3-bitmap, main-font, footer-band, encrypted
    message: str
    pages: tuple[int, ...] = ()
    #: What exactly, where the code has more to say (margin: each page, side, distance, box).
    details: tuple[dict[str, Any], ...] = ()
    #: Files written for it (margin: a picture of each page), relative to the repository.
    files: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"code": self.code, "message": self.message, "pages": list(self.pages)}
        if self.details:
            out["details"] = list(self.details)
        if self.files:
            out["files"] = list(self.files)
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Finding:
        return cls(
            str(data["code"]),
            str(data["message"]),
            tuple(int(p) for p in data["pages"]),
            tuple(dict(d) for d in data.get("details", ())),
            tuple(str(f) for f in data.get("files", ())),
        )


@dataclasses.dataclass(frozen=True)
class CheckRecord:
    file: str  # the PDF path as given (ad hoc) or resolved from the data
    paper_id: str | None  # None for ad-hoc files
    track: str | None
    pages_total: int | None
    pages_counted: int | None
    reference_pages: tuple[int, ...]  # 1-based pages that hold only references
    verdict: Verdict
    reasons: tuple[str, ...]  # why the verdict is what it is
    warnings: tuple[str, ...]  # what a chair should know but does not change the verdict
    # --- evidence ---
    min_pages: int | None = None  # the track's limits, from the data
    max_pages: int | None = None
    references_heading: Heading | None = None  # the line the references begin at
    references_end: Heading | None = None  # the heading that ends them (an appendix), if any
    candidates: tuple[Heading, ...] = ()  # other lines that looked like a references heading
    pages_read: int = 0  # how many pages' text was read
    findings: tuple[Finding, ...] = ()
    decision: Decision | None = None  # the chair's decision in the data, shown in every report
    #: True when the chair's approved exception covers the counted length.
    admitted_by_decision: bool = False
    #: The font families the text is set in, each with its share of the text.
    text_fonts: tuple[tuple[str, float], ...] = ()
    #: The SHA-256 of the bytes judged (None when the file could not be read).
    sha256: str | None = None

    @property
    def admitted(self) -> bool:
        """May this paper go into the volume: it passes, or a chair's decision admits it."""
        return self.verdict == Verdict.PASS or self.admitted_by_decision

    @property
    def decision_text(self) -> str | None:
        """The chair's decision as one line for reports."""
        return describe_decision(self.decision)

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "paper_id": self.paper_id,
            "track": self.track,
            "min_pages": self.min_pages,
            "max_pages": self.max_pages,
            "pages_total": self.pages_total,
            "pages_counted": self.pages_counted,
            "reference_pages": list(self.reference_pages),
            "verdict": str(self.verdict),
            "admitted": self.admitted,
            "reasons": list(self.reasons),
            "warnings": list(self.warnings),
            "references_heading": self.references_heading and self.references_heading.to_json(),
            "references_end": self.references_end and self.references_end.to_json(),
            "candidates": [c.to_json() for c in self.candidates],
            "pages_read": self.pages_read,
            "findings": [f.to_json() for f in self.findings],
            "decision": self.decision.to_json(exclude_none=True) if self.decision else None,
            "decision_text": self.decision_text,
            "text_fonts": [{"family": name, "share": share} for name, share in self.text_fonts],
            "sha256": self.sha256,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CheckRecord:
        """A record as :meth:`to_json` wrote it (the check's cache); raises on anything else."""

        def heading(value: Any) -> Heading | None:
            return Heading.from_json(value) if value is not None else None

        def number(value: Any) -> int | None:
            return int(value) if value is not None else None

        record = cls(
            file=str(data["file"]),
            paper_id=None if data["paper_id"] is None else str(data["paper_id"]),
            track=None if data["track"] is None else str(data["track"]),
            pages_total=number(data["pages_total"]),
            pages_counted=number(data["pages_counted"]),
            reference_pages=tuple(int(p) for p in data["reference_pages"]),
            verdict=Verdict(data["verdict"]),
            reasons=tuple(str(r) for r in data["reasons"]),
            warnings=tuple(str(w) for w in data["warnings"]),
            min_pages=number(data["min_pages"]),
            max_pages=number(data["max_pages"]),
            references_heading=heading(data["references_heading"]),
            references_end=heading(data["references_end"]),
            candidates=tuple(Heading.from_json(c) for c in data["candidates"]),
            pages_read=int(data["pages_read"]),
            findings=tuple(Finding.from_json(f) for f in data["findings"]),
            decision=Decision.from_json(data["decision"]) if data["decision"] is not None else None,
            text_fonts=tuple((str(f["family"]), float(f["share"])) for f in data["text_fonts"]),
            sha256=None if data["sha256"] is None else str(data["sha256"]),
        )
        # Derived on the way out: what came in must agree (else the entry is not this record).
        admitted = bool(data["admitted"])
        if admitted and record.verdict != Verdict.PASS:
            record = dataclasses.replace(record, admitted_by_decision=True)
        if record.admitted != admitted:
            raise ValueError("admitted does not follow from the record")
        return record


def describe_decision(decision: Decision | None) -> str | None:
    if decision is None:
        return None
    parts = []
    if decision.references_start_page is not None:
        parts.append(f"references start on page {decision.references_start_page}")
    if decision.exception is not None:
        e = decision.exception
        parts.append(f"exception: {e.pages} pages allowed ({e.reason}; approved by {e.approved_by})")
    return "; ".join(parts) or None


def pages_phrase(pages: tuple[int, ...] | list[int]) -> str:
    """``(9,)`` -> ``page 9``; ``(9, 10, 12)`` -> ``pages 9-10, 12``."""
    return f"page{'s' if len(pages) > 1 else ''} {page_ranges(pages)}"


def page_ranges(pages: tuple[int, ...] | list[int]) -> str:
    """``(9, 10, 11, 14)`` -> ``9-11, 14``."""
    runs: list[list[int]] = []
    for page in sorted(pages):
        if runs and page == runs[-1][1] + 1:
            runs[-1][1] = page
        else:
            runs.append([page, page])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in runs)
