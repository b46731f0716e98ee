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

from workshop.core.model import Decision


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


@dataclasses.dataclass(frozen=True)
class Finding:
    """A format finding: does not change the verdict unless the data makes format strict."""

    code: str  # page-size, mixed-sizes, fonts-not-embedded, footer-band, encrypted
    message: str
    pages: tuple[int, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "pages": list(self.pages)}


@dataclasses.dataclass(frozen=True)
class CheckRecord:
    file: str  # the PDF path as given (ad hoc) or resolved from the data
    paper_id: str | None  # None for ad-hoc files
    track: str | None
    pages_total: int | None
    pages_counted: int | None
    reference_pages: tuple[int, ...]  # 1-based pages that hold only references
    verdict: str  # a Verdict
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
            "decision": self.decision.model_dump(exclude_none=True) if self.decision else None,
            "decision_text": self.decision_text,
        }


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
