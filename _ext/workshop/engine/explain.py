"""What a record says in words: the line that sums a paper's count up, the reasons for its
verdict (that line first) and the warnings a chair should read, from what the rule found
(:class:`~workshop.engine.rule.Count`), the verdict (:class:`~workshop.engine.verdict.Judgement`)
and the format findings.  Nothing is decided here."""

from __future__ import annotations

from collections.abc import Sequence

from workshop.core.rules import Decision, Track
from workshop.engine.records import Finding, describe_decision, pages_phrase
from workshop.engine.rule import Count
from workshop.engine.verdict import Judgement


def summary(track: Track, decision: Decision | None, count: Count) -> str:
    """``9 of 11 pages count (8-10 for full papers): references only on pages 10-11; ...``."""
    total, counted = count.pages_total, count.pages_counted
    limits = f"{track.pages} for {track.name.lower()}"
    if counted is None:
        return f"{total} pages; the counted length is unknown ({limits})"
    refs = (
        f"references only on {pages_phrase(count.reference_pages)}"
        if count.reference_pages
        else "no page holds only references"
    )
    start_page = decision.references_start_page if decision else None
    if count.heading is not None:
        where = f"; references begin at {count.heading.describe()}"
    elif start_page is not None:
        where = f"; references begin on page {start_page} (chair's decision)"
    else:
        where = "; no references heading found"
    if count.end is not None:
        where += f"; they end at {count.end.describe()}"
    return f"{counted} of {total} pages count ({limits}): {refs}{where}"


def reasons(
    track: Track, decision: Decision | None, count: Count, judged: Judgement, findings: Sequence[Finding]
) -> tuple[str, ...]:
    """Why the verdict is what it is: the summary, the length against the limits, the
    rule's doubts and, where format is strict, the findings."""
    total, counted = count.pages_total, count.pages_counted
    said = [summary(track, decision, count)]
    if judged.short_in_all:
        said.append(
            f"too short: {total} pages in all, even counting every page; the minimum is {track.min_pages}"
        )
    elif judged.too_short:
        said.append(f"too short: {counted} counted pages, the minimum is {track.min_pages}")
    if judged.too_long:
        said.append(f"too long: {counted} counted pages, the maximum is {track.max_pages}")
    said.extend(count.unsure)
    said.extend(count.doubts)
    # Format findings fail the paper only where the data says format is strict.
    if judged.strict_fail:
        said.extend(f"format (strict): {f.message}" for f in findings)
    return tuple(said)


def warnings(
    decision: Decision | None,
    count: Count,
    judged: Judgement,
    findings: Sequence[Finding],
    *,
    strict_format: bool,
    checked: int,
    partial: list[int],
) -> tuple[str, ...]:
    """What a chair should know that does not change the verdict: the rule's notes, the
    findings (where format is not strict), the pages whose format was not (wholly) checked,
    and whether the chair's exception covers the paper."""
    said = list(count.notes)
    if not strict_format:
        said.extend(f.message for f in findings)
    if checked < count.pages_total:
        said.append(f"the format was checked on pages 1-{checked} only (of {count.pages_total})")
    if partial:
        said.append(
            f"{pages_phrase(partial)} hold more than the check reads of a page (8 MB of drawing, "
            "200,000 runs and marks, forms 8 deep): their format was checked on what was read"
        )
    if judged.length is not None:
        said.append(
            f"the chair's exception {'admits' if judged.admitted_by_decision else 'does not cover'} "
            f"{judged.length} pages ({describe_decision(decision)})"
        )
    return tuple(said)


def explain(
    track: Track,
    decision: Decision | None,
    count: Count,
    judged: Judgement,
    findings: Sequence[Finding],
    *,
    strict_format: bool,
    checked: int,
    partial: list[int],
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The record's reasons and warnings."""
    return (
        reasons(track, decision, count, judged, findings),
        warnings(
            decision, count, judged, findings, strict_format=strict_format, checked=checked, partial=partial
        ),
    )
