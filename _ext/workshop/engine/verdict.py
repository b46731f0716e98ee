"""The verdict from what the check found: one pure function, :func:`judge`, used where a
paper is read (:mod:`workshop.engine.paper`) and where a record of an earlier run is taken
from the cache (:func:`disagrees`), so that no record admits a paper its own facts do not.
What a counted length is to a track (:func:`length_of`: too short, within, too long) is
said here too, once: the verdict and the rule's weighing of its readings
(:mod:`workshop.engine.rule`) both ask it.

What decides: the pages in all and those that count, whether the rule is unsure where the
references begin, how many format findings there are, the track's limits, whether format
is strict, and the chair's decision (an exception stretches the limits).  No PDF is read.
"""

from __future__ import annotations

import dataclasses
import enum

from workshop.core.rules import Decision, Track
from workshop.engine.records import CheckRecord, Verdict


class Length(enum.StrEnum):
    """What a counted length is to a track's limits (the words are the reports')."""

    SHORT = "too short"
    WITHIN = "within the limits"
    LONG = "too long"


def length_of(counted: int, min_pages: int | None, max_pages: int | None) -> Length:
    """Whether ``counted`` pages are too few, within the limits (a limit that is None holds
    none) or too many."""
    if min_pages is not None and counted < min_pages:
        return Length.SHORT
    if max_pages is not None and counted > max_pages:
        return Length.LONG
    return Length.WITHIN


@dataclasses.dataclass(frozen=True)
class Judgement:
    verdict: Verdict
    #: A chair's exception covers the length of a paper that does not pass.
    admitted_by_decision: bool
    #: Fewer pages in all than the minimum, when the counted length is unknown.
    short_in_all: bool
    too_short: bool
    too_long: bool
    #: Format findings fail the paper (format is strict, and there are some).
    strict_fail: bool
    #: The length the chair's exception was weighed against (None: no exception weighed).
    length: int | None = None


def judge(
    track: Track,
    decision: Decision | None,
    *,
    total: int,
    counted: int | None,
    unsure: bool,
    findings: int,
    strict_format: bool,
) -> Judgement:
    """The verdict for a paper of ``total`` pages of which ``counted`` count (None: unknown)."""
    # No page can count that is not there: a file shorter than the minimum fails even
    # when its references cannot be found (or it is a scan).
    short_in_all = counted is None and total < track.min_pages
    fit = length_of(counted, track.min_pages, track.max_pages) if counted is not None else None
    too_short = fit == Length.SHORT or short_in_all
    too_long = fit == Length.LONG
    strict = strict_format and findings > 0
    if strict or short_in_all:
        verdict = Verdict.FAIL
    elif unsure:
        verdict = Verdict.REVIEW
    elif too_short or too_long:
        verdict = Verdict.FAIL
    else:
        verdict = Verdict.PASS
    admitted, length = False, None
    if decision is not None and decision.exception is not None and verdict != Verdict.PASS and not strict:
        allowed = decision.exception.pages
        length = counted if counted is not None else total
        low, high = min(track.min_pages, allowed), max(track.max_pages, allowed)
        admitted = low <= length <= high
    return Judgement(verdict, admitted, short_in_all, too_short, too_long, strict, length)


def disagrees(
    record: CheckRecord, track: Track, decision: Decision | None, strict_format: bool
) -> str | None:
    """Why ``record`` (from the cache) is not what the check would say of its own facts
    under today's data, or None when it is: its pages must make sense, and its verdict and
    admission follow from them through :func:`judge`.  (Whether the rule was unsure is the
    one fact only the verdict keeps: a ``review`` says it was.)"""
    total, counted, refs = record.pages_total, record.pages_counted, record.reference_pages
    if record.verdict == Verdict.ERROR or total is None or total < 1:
        return "a record of a file that could not be read"
    if list(refs) != sorted(set(refs)) or any(not 1 <= page <= total for page in refs):
        return f"reference pages {list(refs)} are not pages of a {total}-page file"
    if counted is not None and not 0 <= counted <= total - len(refs):
        return f"{counted} counted pages do not fit {total} pages with {len(refs)} of references"
    heading = record.references_heading
    if heading is not None and (not 1 <= heading.page <= total or any(page < heading.page for page in refs)):
        return "the references heading is not where the references are"
    if (record.min_pages, record.max_pages) != (
        track.min_pages,
        track.max_pages,
    ) or record.decision != decision:
        return "the limits or the chair's decision are not the data's"
    if any(not 1 <= page <= total for finding in record.findings for page in finding.pages):
        return "a finding names a page the file does not have"
    again = judge(
        track,
        decision,
        total=total,
        counted=counted,
        unsure=record.verdict == Verdict.REVIEW,
        findings=len(record.findings),
        strict_format=strict_format,
    )
    if (again.verdict, again.admitted_by_decision) != (record.verdict, record.admitted_by_decision):
        said = "admitted" if record.admitted else "not admitted"
        return f"its facts give {again.verdict}, not the {record.verdict} ({said}) it says"
    return None
